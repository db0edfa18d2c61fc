//! The XML of a Word document's main part, wrapped in a valid package: random bytes rarely
//! make a readable ZIP, so this target reaches the XML reader, the tag and merge-field scanner
//! and the merge that the `docx` target seldom gets past the package to.
#![no_main]

use libfuzzer_sys::fuzz_target;
use segmentti::core::docx::{body_text, DocxTemplate};
use segmentti_fuzz::{full_merge_data, package_around};

fuzz_target!(|document: &[u8]| {
    let docx = package_around(document);
    if let Ok(template) = DocxTemplate::parse(&docx) {
        let _ = template.merge(&full_merge_data());
    }
    let _ = body_text(&docx);
});
