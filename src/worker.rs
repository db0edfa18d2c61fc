//! The web worker's entry point (issue 16): it waits for jobs from the page, does each with
//! `segmentti::jobs::run` and posts the answer back. Trunk builds it as a worker module
//! (`data-type="worker"` in index.html), which the page starts the first time it needs it
//! (`store::jobs`); the service worker keeps it for offline use like every other file.

#[cfg(target_arch = "wasm32")]
fn main() {
    use segmentti::jobs::{self, Envelope, Job};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
        let reply = match jobs::decode::<Job>(&bytes) {
            Ok(Envelope { id, body, .. }) => jobs::encode(id, &jobs::run(body)),
            // A job this build cannot read (a page of another build): an empty answer, which the
            // page refuses as unreadable and reports, failing every request it has open.
            Err(_) => Vec::new(),
        };
        let array = js_sys::Uint8Array::from(reply.as_slice());
        let transfer = js_sys::Array::of1(&array.buffer());
        let _ = reply_scope.post_message_with_transfer(&array, &transfer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages the page sent before this point would be lost, so the page waits for this word.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The Segmentti worker runs in a browser, started by the app.");
}
