//! Segmentti: contact segments, interaction logging and personalised letters, offline in the browser.
//!
//! The crate has three layers, and the first one carries the invariants the rest relies on:
//!
//! * [`core`] is the product's logic in pure Rust. It imports nothing from the browser (no leptos,
//!   web-sys, js-sys, wasm-bindgen or gloo) and reads no clock and no random source: the current time
//!   and new ids are arguments. `tests/it/core_is_pure.rs` fails if that ever changes.
//! * [`storage`] is the on-disk format (versioned snapshot chunks and a journal of change sets)
//!   and the storage contract, with an in-memory backend for native tests.
//! * `store` (wasm32 only) keeps the core's data in IndexedDB and preferences in localStorage.
//! * `ui` (wasm32 only) is the Leptos app: it reads state, calls one core function per user action and
//!   renders the result.
//! * [`jobs`] is what the page hands to its web worker (`src/worker.rs`): the messages and the one
//!   function the worker runs, pure Rust like the core.

// The i18n catalogue is compiled both here and, through `#[path]`, inside the native tests, so it
// names the core's types by the crate's name, which this alias makes valid inside the crate too.
extern crate self as segmentti;

pub mod core;
pub mod jobs;
pub mod sample;
pub mod storage;

#[cfg(all(target_arch = "wasm32", feature = "bench"))]
pub mod bench;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
