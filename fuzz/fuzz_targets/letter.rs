//! The letter language (product.md §5): parsing a typed letter, which never fails but reports
//! problems with positions, and rendering it for a contact with every field and for one with none.
#![no_main]

use libfuzzer_sys::fuzz_target;
use segmentti::core::letter::{self, MergeData};
use segmentti_fuzz::full_merge_data;

fuzz_target!(|src: &str| {
    let (template, diagnostics) = letter::parse(src);
    for diagnostic in &diagnostics {
        let _ = (diagnostic.code(), diagnostic.kind.args());
    }
    letter::render(&template, &full_merge_data());
    letter::render(&template, &MergeData::new());
});
