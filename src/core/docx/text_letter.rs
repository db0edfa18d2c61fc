//! A plain-text letter as a Word document (product.md §5).
//!
//! A letter written in the letter language is turned into a minimal .docx skeleton, its lines as
//! paragraphs and its tags left in place, and then filled by [`DocxTemplate`] like any uploaded
//! document, so that a plain-text letter and a Word letter behave the same. Building the
//! skeleton is writing a Word package, which is why it lives in the docx module beside the code
//! that reads one.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::xml::escape_into;
use super::{DocxError, DocxTemplate};
use crate::core::letter::{MergeData, Warning};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;
const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style></w:styles>"#;
const DOCUMENT_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#;
/// A4 with 25 mm margins.
const DOCUMENT_END: &str = r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>"#;

/// A minimal .docx whose paragraphs are the lines of a plain-text letter, tags left in place.
///
/// Merging it with [`DocxTemplate`] fills it exactly as an uploaded document would be filled, so a
/// plain-text letter and a Word letter behave the same (a block tag alone on its line removes its
/// paragraph, just as it removes its line in the plain text).
pub fn text_letter_template(src: &str) -> Vec<u8> {
    let mut document = String::with_capacity(src.len() * 2 + 1024);
    document.push_str(DOCUMENT_START);
    for line in src.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            document.push_str("<w:p/>");
            continue;
        }
        document.push_str("<w:p><w:r><w:t xml:space=\"preserve\">");
        let mut pieces = line.split('\t');
        escape_into(&mut document, pieces.next().unwrap_or(""));
        for piece in pieces {
            document.push_str("</w:t><w:tab/><w:t xml:space=\"preserve\">");
            escape_into(&mut document, piece);
        }
        document.push_str("</w:t></w:r></w:p>");
    }
    document.push_str(DOCUMENT_END);

    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed date keeps the skeleton identical from run to run (and core reads no clock).
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", document.as_str()),
        ("word/styles.xml", STYLES),
    ];
    for (name, content) in parts {
        // Writing to memory cannot fail; an error here would be a bug in the zip crate, and the
        // archive would then be rejected when it is parsed.
        let _ = writer.start_file(name, options);
        let _ = writer.write_all(content.as_bytes());
    }
    writer.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// One contact's plain-text letter as a .docx. For many contacts, parse
/// [`text_letter_template`] once with [`DocxTemplate::parse`] and merge each.
pub fn text_letter_docx(src: &str, data: &MergeData) -> Result<(Vec<u8>, Vec<Warning>), DocxError> {
    DocxTemplate::parse(&text_letter_template(src))?.merge(data)
}
