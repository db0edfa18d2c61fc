//! Persistence in the browser, kept thin: it stores and loads, and decides nothing about the product.
//!
//! * [`idb`], [`session`], [`tabs`], [`quota`]: the core's data in IndexedDB, the one way to change
//!   it, telling other tabs, and the browser's storage estimate (see `ARCHITECTURE.md`).
//! * [`jobs`]: the page's side of its web worker (`src/worker.rs`), which makes what only some
//!   actions need (PDF letters) off the main thread and out of the first page's module.
//! * [`sync`]: live sync with CouchDB: the `fetch` transport of `core::team::couch`'s replicator
//!   and a driver that yields to the page between steps.

pub mod idb;
pub mod jobs;
pub mod quota;
pub mod session;
pub mod sync;
pub mod tabs;

/// Leaves a named point in the browser's performance timeline, so that benchmarks, the e2e
/// measurements of long tasks and the browser's profiler can tell where the time goes (the
/// release build keeps no function names).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
