//! The vCard reader, through the same entry point as any imported file. Inputs that are not
//! recognised as vCard stop early, so that the time goes to cards (the CSV side has its own
//! target, `import_csv`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use segmentti::core::import::ImportFormat;
use segmentti_fuzz::{open_like_the_wizard, read_and_plan};

fuzz_target!(|bytes: &[u8]| {
    if let Some(source) = open_like_the_wizard(bytes) {
        if source.format == ImportFormat::VCard {
            read_and_plan(&source);
        }
    }
});
