//! The page's side of its web worker (issue 16; the messages are `crate::jobs`): starts the worker
//! the first time a job is asked for, sends each job with a number, and hands each answer to the
//! caller that waits for that number. Nothing here runs a job: the page's module links only the
//! messages, which keeps the job code (the PDF writer and its font) in the worker's module.
//!
//! The worker is trunk's loader for `src/worker.rs` at `/segmentti-worker_loader.js`, or, in the
//! one-file build (scripts/package), whatever `window.__segmenttiWorker()` returns: a worker made
//! from the module inlined in the page.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use crate::jobs::{self, Answer, Job, Unreadable};

/// Where trunk puts the worker's loader (workers keep their names unhashed; see public/sw.js).
const WORKER_URL: &str = "/segmentti-worker_loader.js";

/// Why a job got no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobError {
    /// The worker could not be started or stopped (its file missing from an offline cache, or
    /// blocked by the page's policy). Trying again starts a new one.
    Unavailable,
    /// The worker is from another build of the app than the page (an update half arrived):
    /// reloading the page brings the two together.
    OtherBuild,
}

impl JobError {
    fn code(self) -> &'static str {
        match self {
            JobError::Unavailable => "unavailable",
            JobError::OtherBuild => "other-build",
        }
    }

    fn from_code(value: &JsValue) -> JobError {
        match value.as_string().as_deref() {
            Some("other-build") => JobError::OtherBuild,
            _ => JobError::Unavailable,
        }
    }
}

/// The promise callbacks of a request still waiting for its answer.
struct Waiting {
    resolve: Function,
    reject: Function,
}

/// A running worker and the requests it owes answers to.
struct Client {
    worker: Worker,
    /// Settles when the worker says it listens (messages sent before would be lost).
    ready: Promise,
    waiting: Rc<RefCell<HashMap<u32, Waiting>>>,
    next_id: Cell<u32>,
    // Kept alive as long as the worker: the browser calls them.
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(JsValue)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
}

/// Has the worker do `job` and returns its answer.
pub async fn run(job: &Job) -> Result<Answer, JobError> {
    let client = client()?;
    JsFuture::from(client.ready.clone())
        .await
        .map_err(|e| JobError::from_code(&e))?;
    let id = client.next_id.get();
    client.next_id.set(id.wrapping_add(1));
    let answer = Promise::new(&mut |resolve, reject| {
        client
            .waiting
            .borrow_mut()
            .insert(id, Waiting { resolve, reject });
    });
    let message = Uint8Array::from(jobs::encode(id, job).as_slice());
    let transfer = js_sys::Array::of1(&message.buffer());
    if client
        .worker
        .post_message_with_transfer(&message, &transfer)
        .is_err()
    {
        client.waiting.borrow_mut().remove(&id);
        stop(JobError::Unavailable);
        return Err(JobError::Unavailable);
    }
    let bytes = JsFuture::from(answer)
        .await
        .map_err(|e| JobError::from_code(&e))?;
    match jobs::decode::<Answer>(&Uint8Array::new(&bytes).to_vec()) {
        Ok(envelope) => Ok(envelope.body),
        Err(_) => Err(JobError::OtherBuild),
    }
}

/// The running worker, started now if there is none.
fn client() -> Result<Rc<Client>, JobError> {
    if let Some(client) = CLIENT.with(|c| c.borrow().clone()) {
        return Ok(client);
    }
    let worker = start_worker().ok_or(JobError::Unavailable)?;
    let waiting: Rc<RefCell<HashMap<u32, Waiting>>> = Rc::default();
    let ready_callbacks: Rc<RefCell<Option<(Function, Function)>>> = Rc::default();
    let ready = {
        let ready_callbacks = ready_callbacks.clone();
        Promise::new(&mut move |resolve, reject| {
            *ready_callbacks.borrow_mut() = Some((resolve, reject));
        })
    };
    let on_message = {
        let waiting = waiting.clone();
        let ready_callbacks = ready_callbacks.clone();
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if data.as_string().as_deref() == Some("ready") {
                if let Some((resolve, _)) = ready_callbacks.borrow_mut().take() {
                    let _ = resolve.call0(&JsValue::NULL);
                }
                return;
            }
            // Only the envelope's number is read here; the caller reads the answer itself.
            let bytes = Uint8Array::new(&data).to_vec();
            match jobs::decode::<Answer>(&bytes) {
                Ok(envelope) => {
                    if let Some(request) = waiting.borrow_mut().remove(&envelope.id) {
                        let _ = request.resolve.call1(&JsValue::NULL, &data);
                    }
                }
                Err(Unreadable::OtherBuild { .. }) | Err(Unreadable::Damaged) => {
                    stop(JobError::OtherBuild)
                }
            }
        })
    };
    let on_error = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        // The script failed to load or the worker died: nothing it owes will come.
        if let Ok(event) = event.dyn_into::<web_sys::Event>() {
            event.prevent_default();
        }
        if let Some((_, reject)) = ready_callbacks.borrow_mut().take() {
            let _ = reject.call1(&JsValue::NULL, &JobError::Unavailable.code().into());
        }
        stop(JobError::Unavailable);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let client = Rc::new(Client {
        worker,
        ready,
        waiting,
        next_id: Cell::new(1),
        _on_message: on_message,
        _on_error: on_error,
    });
    CLIENT.with(|c| *c.borrow_mut() = Some(client.clone()));
    Ok(client)
}

/// The worker of the one-file build if the page provides one, else trunk's loader.
fn start_worker() -> Option<Worker> {
    let window = web_sys::window()?;
    let inlined = js_sys::Reflect::get(&window, &"__segmenttiWorker".into()).ok()?;
    if let Some(make) = inlined.dyn_ref::<Function>() {
        return make.call0(&JsValue::NULL).ok()?.dyn_into::<Worker>().ok();
    }
    Worker::new(WORKER_URL).ok()
}

/// Ends the worker and fails every request it still owes; the next job starts a new one.
fn stop(error: JobError) {
    let Some(client) = CLIENT.with(|c| c.borrow_mut().take()) else {
        return;
    };
    client.worker.terminate();
    let waiting: Vec<Waiting> = client
        .waiting
        .borrow_mut()
        .drain()
        .map(|(_, w)| w)
        .collect();
    for request in waiting {
        let _ = request.reject.call1(&JsValue::NULL, &error.code().into());
    }
}
