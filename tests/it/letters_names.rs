//! Download file names cannot pose as something else (issue 14 item 8): bidirectional control
//! characters, which make `Invoice<U+202E>fdp.exe Oy - Eva.docx` display as `…exe.pdf…`, and
//! other invisible control characters are removed from every name the app builds.

use std::io::Cursor;

use chrono::NaiveDate;
use segmentti::core::output::{
    eml_zip, letter_file_name, safe_file_name, zip_files, EmailDraft, OutputFile,
};

/// Every character that reorders or hides text in a file name.
const BIDI: [char; 12] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
];

fn stamp() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 26)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap()
}

fn zip_names(zip: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(Cursor::new(zip)).expect("a zip");
    archive.file_names().map(str::to_string).collect()
}

#[test]
fn a_right_to_left_override_cannot_make_a_letter_look_like_an_executable() {
    let name = letter_file_name(
        "Invoice\u{202E}fdp.exe Oy",
        "Eva \u{202E}nosrekcitS",
        "docx",
    );
    assert_eq!(name, "Invoicefdp.exe Oy - Eva nosrekcitS.docx");
}

#[test]
fn no_bidi_or_invisible_control_character_survives_in_a_file_name() {
    for c in BIDI.into_iter().chain([
        '\u{0}', '\u{1B}', '\u{7F}', '\u{85}', '\u{FEFF}', '\u{200B}',
    ]) {
        let name = safe_file_name(&format!("Kalusto{c}Oy"), "pdf");
        // A line-breaking control (U+0085) counts as white space and becomes a space.
        let expected = if c.is_whitespace() {
            "Kalusto Oy.pdf"
        } else {
            "KalustoOy.pdf"
        };
        assert_eq!(name, expected, "U+{:04X}", c as u32);
    }
    // Right-to-left letters themselves are names, not controls, and stay.
    assert_eq!(safe_file_name("שלום Oy", "docx"), "שלום Oy.docx");
}

#[test]
fn zips_clean_names_that_were_stored_before_the_rule_existed() {
    // Letters logged by an older version keep the name they were produced with; the zip that
    // downloads them again must not carry the override into the user's file manager.
    let files = [
        OutputFile {
            name: "Invoice\u{202E}fdp.exe Oy - Eva.docx".into(),
            bytes: b"one".to_vec(),
        },
        OutputFile {
            name: "Invoice\u{2067}fdp.exe Oy - Eva.docx".into(),
            bytes: b"two".to_vec(),
        },
    ];
    let zip = zip_files(&files, stamp()).unwrap();
    assert_eq!(
        zip_names(&zip),
        vec![
            "Invoicefdp.exe Oy - Eva.docx",
            "Invoicefdp.exe Oy - Eva (2).docx"
        ]
    );
}

#[test]
fn email_draft_names_lose_bidi_controls_too() {
    let draft = EmailDraft {
        to_name: "Eva".into(),
        to_email: "eva@example.com".into(),
        from_name: String::new(),
        from_email: String::new(),
        subject: "Hello".into(),
        body: "Hello".into(),
        lang: "en".into(),
        date: chrono::DateTime::parse_from_rfc3339("2026-11-26T09:00:00+02:00").unwrap(),
        attachment: None,
    };
    let zip = eml_zip(&[("Oy\u{202E}lme.exe - Eva".into(), draft)], stamp()).unwrap();
    assert_eq!(zip_names(&zip), vec!["Oylme.exe - Eva.eml"]);
}
