//! The Leptos app: the shell (header, navigation, main area), the pages, translation and routing.
//!
//! Components read state, call one core function per user action and render; they hold no product
//! rules. Everything visible goes through the translation catalogue ([`i18n`]).

pub mod app;
pub mod choices;
pub mod clock;
pub mod components;
pub mod features;
pub mod format;
pub mod i18n;
pub mod i18n_catalogue;
pub mod pages;
pub mod prefs;
pub mod routes;
pub mod state;
pub mod sync;
pub mod vocabulary;

/// Starts the app: reports panics to the browser console and mounts [`app::App`] on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    mark("segmentti:wasm-started");
    leptos::mount::mount_to_body(app::App);
    remove_static_shell();
    mark("segmentti:mounted");
}

/// Removes the static shell of index.html (header, navigation and a loading line shown while the
/// .wasm loads). It happens in the same task as the mount, so the browser never paints both.
fn remove_static_shell() {
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app-shell"))
    {
        shell.remove();
    }
}

/// The cold-start benchmark (bench/run.mjs) reads the app's marks of its start-up.
pub use crate::store::mark;
