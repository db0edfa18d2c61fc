//! An uploaded Word document from its bytes: the ZIP package, its relationships, every part
//! with text, the merge of one letter, and the text shown in previews.
#![no_main]

use libfuzzer_sys::fuzz_target;
use segmentti::core::docx::{body_text, DocxTemplate};
use segmentti_fuzz::full_merge_data;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(template) = DocxTemplate::parse(bytes) {
        let _ = template.merge(&full_merge_data());
    }
    let _ = body_text(bytes);
});
