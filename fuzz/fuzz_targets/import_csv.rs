//! The contact import from the file's bytes: encoding detection, format recognition (CSV,
//! vCard, or a refusal), the CSV table, each CSV format's reader and the column mapping.
#![no_main]

use libfuzzer_sys::fuzz_target;
use segmentti_fuzz::{open_like_the_wizard, read_and_plan};

fuzz_target!(|bytes: &[u8]| {
    if let Some(source) = open_like_the_wizard(bytes) {
        read_and_plan(&source);
    }
});
