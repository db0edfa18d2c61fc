//! The browser entry point: it only mounts the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    // The benchmark build serves a bare page at /bench that only exposes the bench functions, so
    // that the app's own database connection does not get in the benchmarks' way.
    #[cfg(feature = "bench")]
    if web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .as_deref()
        == Some("/bench")
    {
        return;
    }
    segmentti::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Segmentti is a browser app: serve it with scripts/serve (see README.md).");
}
