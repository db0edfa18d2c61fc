//! The product's logic, pure Rust: no browser, no clock, no randomness (see the crate docs).
//!
//! Every operation that changes data takes the current time and any new ids as arguments and
//! returns the records it changes as one [`changes::Changes`] value, so that the store can write
//! them in one transaction and nothing changes when an operation is refused.

pub mod base64;
pub mod changes;
pub mod condition;
pub mod contacts;
pub mod criteria;
pub mod db;
pub mod docx;
pub mod export;
pub mod filter;
pub mod ids;
pub mod import;
pub mod letter;
pub mod line_marks;
pub mod logging;
pub mod merge;
pub mod model;
pub mod opportunities;
pub mod output;
pub mod pdf;
pub mod problem;
pub mod production;
pub mod segment;
pub mod segment_reasons;
pub mod setup;
pub mod team;
pub mod unshared;
