//! Every native test of the package, as one test crate (`cargo test --test it`): one build and one
//! link instead of one per file. Each module is what used to be a test file of its own; what several
//! share lives here once: the translation catalogue and the UI's formatting compiled natively, the sample data of the
//! storage tests and the pouchdb-server the CouchDB tests talk to.
//!
//! The browser tests (`tests/web.rs`, `tests/web_store.rs`) stay crates of their own, since they
//! run in headless Chromium through wasm-bindgen-test.
#![cfg(not(target_arch = "wasm32"))]

/// The UI's translation catalogue depends on nothing but serde, so it compiles natively here and
/// the tests check its content without a browser.
#[path = "../../src/ui/i18n_catalogue.rs"]
#[allow(dead_code)]
mod catalogue;

/// The UI's formatting helpers (`src/ui/format.rs`) are plain Rust too. They name the catalogue
/// as their parent's `i18n_catalogue`, as in the app, so here they have a parent `ui` (in
/// `src/ui`, like theirs) that gives the catalogue that name.
#[path = "../../src/ui"]
mod ui {
    use crate::catalogue as i18n_catalogue;
    pub mod format;
    pub mod vocabulary;
}

/// The UI's vocabulary (`src/ui/vocabulary.rs`) names the core's types as the app does, by
/// `crate::core`; here that is the library's core.
use segmentti::core;

mod couch_server;
mod storage_sample;
mod support;

mod contacts;
mod core_is_pure;
mod couch_errors;
mod couch_pull;
mod couch_records;
mod couch_resume;
mod couch_sync;
mod export;
mod filter_props;
mod i18n_catalogue;
mod import;
mod import_chunks;
mod import_files;
mod import_undo;
mod layers;
mod letters;
mod letters_combined;
mod letters_email;
mod letters_html;
mod letters_links;
mod letters_names;
mod letters_pdf;
mod line_marks;
mod logging;
mod opportunities;
mod problem_messages;
mod production;
mod segment_props;
mod segment_reasons;
mod segments;
mod segments_table;
mod shell;
mod storage_contract;
mod storage_fixtures;
mod storage_unreadable;
mod sync_status;
mod team_capture;
mod team_convergence;
mod team_exchange;
mod ui_format;
mod ui_numbers;
mod ui_vocabulary;
