//! Reading a file the user picks, as bytes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement};

/// The bytes of a picked file, or the browser's reason why it could not be read.
pub async fn read_file(file: &File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| browser_reason(&e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The browser's own words for a failed read (a `DOMException`'s name and message, e.g.
/// "NotReadableError: …"), shown inside a translated sentence; never Rust's debug form.
fn browser_reason(error: &wasm_bindgen::JsValue) -> String {
    match error.dyn_ref::<web_sys::DomException>() {
        Some(exception) => format!("{}: {}", exception.name(), exception.message()),
        None => error.as_string().unwrap_or_else(|| "unknown error".into()),
    }
}

/// A labelled file input that reads the chosen file and hands over its name and bytes.
#[component]
pub fn FilePicker(
    /// The visible label of the input.
    #[prop(into)]
    label: Signal<String>,
    /// The file types offered, e.g. `.csv,.vcf`.
    accept: &'static str,
    /// Called with the file name and its bytes once read.
    on_file: Callback<(String, Vec<u8>)>,
    /// Called with the browser's message if the file cannot be read.
    #[prop(optional)]
    on_error: Option<Callback<String>>,
) -> impl IntoView {
    let id = format!("file-{}", super::dialog::next_id());
    let change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Reset the input so that choosing the same file again reads it again.
        input.set_value("");
        spawn_local(async move {
            match read_file(&file).await {
                Ok(bytes) => on_file.run((file.name(), bytes)),
                Err(message) => {
                    if let Some(on_error) = on_error {
                        on_error.run(message);
                    }
                }
            }
        });
    };
    view! {
        <div class="field file-field">
            <label for=id.clone()>{move || label.get()}</label>
            <input id=id type="file" accept=accept on:change=change/>
        </div>
    }
}
