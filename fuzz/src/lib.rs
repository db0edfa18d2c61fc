//! What the fuzz targets share: the import wizard's path through a file, letter data with every
//! field filled, a minimal Word package around one XML part, and a browser that has joined a team.
//!
//! Nothing here checks a result: a target fails only when the code under test panics, runs out
//! of memory or hangs, because a parser of outside input must answer every input with a value
//! or an error.

use std::io::{Cursor, Write};

use segmentti::core::db::Db;
use segmentti::core::import::{self, plan_import, ImportError, ImportSource, TextEncoding};
use segmentti::core::letter::{MergeData, KNOWN_FIELDS};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// Opens a file as the import wizard does: the encoding is detected, and a file refused as not
/// UTF-8 is read again in the encoding the wizard then offers. When it offers none, the file is
/// read as Windows-1252 all the same, since that reading accepts any byte and so reaches the
/// readers with text no other encoding would give them.
pub fn open_like_the_wizard(bytes: &[u8]) -> Option<ImportSource> {
    match import::open(bytes) {
        Ok(source) => Some(source),
        Err(ImportError::NotUtf8 { guess, .. }) => {
            import::open_as(bytes, guess.unwrap_or(TextEncoding::Windows1252)).ok()
        }
        Err(_) => None,
    }
}

/// Reads the records of an opened file both ways the wizard can (by its recognised format, and
/// through the column mapping suggested from its headers) and plans them against an empty
/// database, which is where company names and duplicates from the file are first compared.
pub fn read_and_plan(source: &ImportSource) {
    if let Ok(parsed) = source.parse() {
        plan_import(&Db::default(), parsed.contacts);
    }
    if let Some(mapping) = source.suggested_mapping() {
        if let Ok(parsed) = source.parse_with_mapping(&mapping) {
            plan_import(&Db::default(), parsed.contacts);
        }
    }
}

/// Merge data with a value for every known field, including text that looks like a tag and
/// characters XML must escape, so that rendering takes every branch a real contact can.
pub fn full_merge_data() -> MergeData {
    let mut data: MergeData = KNOWN_FIELDS
        .iter()
        .map(|field| (*field, format!("<{field}> & {{{{x}}}} ä")))
        .collect();
    data.set("attr.Region", "Uusimaa\nline two");
    data
}

/// A Word package whose main document is `document`: the fewest parts a .docx needs, stored
/// without compression so that the fuzzer's changes to the XML reach the XML reader unchanged.
pub fn package_around(document: &[u8]) -> Vec<u8> {
    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document),
    ] {
        zip.start_file(name, options)
            .expect("a new entry in memory can always start");
        zip.write_all(bytes).expect("writing to memory cannot fail");
    }
    zip.finish()
        .expect("a package in memory always finishes")
        .into_inner()
}


/// An empty database that has joined a team (code `FZ`), drawing its origin from a fixed
/// sequence so that every run of a target starts from the same browser.
pub fn joined_db() -> Db {
    let mut db = Db::default();
    let mut draws = 0x5eed_u32;
    let joining = segmentti::storage::team::join(
        &db,
        || {
            draws = draws.wrapping_mul(747_796_405).wrapping_add(1);
            draws
        },
        "FZ",
        "Fuzz",
    )
    .expect("a two-letter code is a valid member code");
    db.apply(&joining);
    db
}
