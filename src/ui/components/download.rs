//! Saving bytes made in the browser as a file: a Blob, an object URL and a click on a temporary
//! `<a download>`. Nothing leaves the machine.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `bytes` as a download named `file_name`. Returns false if the browser refused.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> bool {
    try_download(file_name, mime, bytes).is_some()
}

fn try_download(file_name: &str, mime: &str, bytes: &[u8]) -> Option<()> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let anchor: HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(&url);
    // Every name passes here, whether the core built it or it was stored long ago or comes from
    // the user's own file name: bidi and other invisible controls are dropped, so that a name
    // like `Invoice\u{202E}fdp.exe` cannot pose as another kind of file.
    anchor.set_download(&crate::core::output::without_hidden_controls(file_name));
    anchor.set_hidden(true);
    document.body()?.append_child(&anchor).ok()?;
    anchor.click();
    anchor.remove();
    // The click has started the download; the URL is no longer needed once it has been read.
    let _ = Url::revoke_object_url(&url);
    Some(())
}
