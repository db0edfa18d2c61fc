//! Letters as product.md §5 describes them: the letter language, filling the sample Word
//! documents (`tests/fixtures/`, copies of the shared sample data), and the downloads.

use std::io::{Cursor, Read, Write};

use chrono::{DateTime, NaiveDate};
use quick_xml::events::Event;
use quick_xml::Reader;
use segmentti::core::docx::{
    self, check_template, paragraph_texts, text_letter_docx, DocxError, DocxTemplate, FoundTagKind,
};
use segmentti::core::letter::{self, format_date, salutation, MergeData, Warning};
use segmentti::core::output::{
    self, combined_docx, eml, letter_file_name, print_html, safe_file_name, zip_files, EmailDraft,
    OutputFile,
};

const LETTER_TEMPLATE: &[u8] = include_bytes!("../fixtures/letter-template.docx");
const WORD_MAILMERGE: &[u8] = include_bytes!("../fixtures/word-mailmerge.docx");
const SCRIPT: &str = "<img src=x onerror=alert(1)>";

fn aino() -> MergeData {
    MergeData::new()
        .with("first_name", "Aino")
        .with("surname", "Virtanen")
        .with("name", "Aino Virtanen")
        .with("company_name", "Kalusto & Co Oy")
        .with(
            "mail_address",
            "Aino Virtanen\nKalusto & Co Oy\nMannerheimintie 1\n00100 Helsinki",
        )
        .with("formal_salutation", "Dear Ms Virtanen")
        .with("document.date", "26 November 2026")
        .with("salesperson.name", "Maija Myyjä")
        .with("salesperson.job_title", "Sales Manager")
        .with("our_company.name", "Pohjoisen Kalusto Oy")
        .with("comment", "Coffee is on us.")
}

fn entries(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).expect("a zip");
    (0..archive.len())
        .map(|index| {
            let mut entry = archive.by_index(index).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().to_string(), bytes)
        })
        .collect()
}

fn part(zip: &[u8], name: &str) -> String {
    let found = entries(zip).into_iter().find(|(n, _)| n == name);
    String::from_utf8(found.unwrap_or_else(|| panic!("no {name}")).1).unwrap()
}

/// Every XML part of a package parses with quick-xml, start and end tags matching.
fn assert_well_formed(zip: &[u8]) {
    for (name, bytes) in entries(zip) {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let text = std::str::from_utf8(&bytes).unwrap_or_else(|_| panic!("{name} is not UTF-8"));
        let mut reader = Reader::from_str(text);
        let mut depth = 0i64;
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(Event::Start(_)) => depth += 1,
                Ok(Event::End(_)) => depth -= 1,
                Ok(_) => {}
                Err(error) => panic!("{name}: {error}"),
            }
        }
        assert_eq!(depth, 0, "{name} has unclosed elements");
    }
}

fn assert_no_leftovers(xml: &str, what: &str) {
    for leftover in ["{{", "}}", "«", "»", "MERGEFIELD"] {
        assert!(!xml.contains(leftover), "{what} still contains {leftover}");
    }
}

/// Every entry other than `changed` is identical (name, order and content) in both packages.
fn assert_untouched_except(original: &[u8], merged: &[u8], changed: &[&str]) {
    let before = entries(original);
    let after = entries(merged);
    let names =
        |list: &[(String, Vec<u8>)]| list.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&before),
        names(&after),
        "entries and their order are kept"
    );
    for ((name, old), (_, new)) in before.iter().zip(&after) {
        if changed.contains(&name.as_str()) {
            assert_ne!(old, new, "{name} should have changed");
        } else {
            assert_eq!(old, new, "{name} must stay byte for byte identical");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The letter language

#[test]
fn a_plain_text_letter_renders_fields_and_blocks() {
    let src = "{{mail_address}}\n\n{{formal_salutation}},\n{{#if comment}}\nP.S. {{comment}}\n{{/if}}\n{{salesperson.name}}";
    let (template, diagnostics) = letter::parse(src);
    assert_eq!(diagnostics, vec![]);
    let (text, warnings) = letter::render(&template, &aino());
    assert_eq!(
        text,
        "Aino Virtanen\nKalusto & Co Oy\nMannerheimintie 1\n00100 Helsinki\n\nDear Ms Virtanen,\nP.S. Coffee is on us.\nMaija Myyjä"
    );
    assert_eq!(warnings, vec![]);
}

#[test]
fn unknown_fields_and_unbalanced_blocks_are_reported_with_their_position() {
    let (_, diagnostics) =
        letter::parse("Hello {{frist_name}},\n{{#if comment}}\nP.S.\n{{else}}{{else}}\n");
    let found: Vec<(&str, usize, usize, usize)> = diagnostics
        .iter()
        .map(|d| {
            (
                d.code().as_str(),
                d.position.line,
                d.position.column,
                d.position.offset,
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("letter.unknown_field", 1, 7, 6),
            ("letter.unbalanced_if", 2, 1, 22),
            ("letter.duplicate_else", 4, 9, 51),
        ]
    );
}

#[test]
fn a_missing_value_is_a_warning_and_empty_text_never_undefined() {
    let (template, _) = letter::parse("Dear {{first_name}} {{surname}}, from {{attr.Region}}");
    let data = MergeData::new().with("surname", "Virtanen");
    let (text, warnings) = letter::render(&template, &data);
    assert_eq!(text, "Dear  Virtanen, from ");
    assert!(!text.contains("undefined"));
    assert_eq!(
        warnings,
        vec![
            Warning::MissingValue {
                field: "first_name".into()
            },
            Warning::MissingValue {
                field: "attr.Region".into()
            },
        ]
    );
}

#[test]
fn salutations_and_dates_follow_the_setup_and_language() {
    assert_eq!(
        salutation("Dear %1 %2,", &["", "Virtanen"]),
        "Dear Virtanen,"
    );
    assert_eq!(
        salutation("Hyvä %1 %2", &["Aino", "Virtanen"]),
        "Hyvä Aino Virtanen"
    );
    let date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    assert_eq!(format_date(date, "fi"), "26.11.2026");
    assert_eq!(format_date(date, "en"), "26 November 2026");
}

// ---------------------------------------------------------------------------------------------
// The sample letter template with {{tags}}

#[test]
fn the_sample_letter_template_is_checked_without_problems() {
    let report = check_template(LETTER_TEMPLATE).unwrap();
    assert_eq!(report.problems, vec![]);
    let tags: Vec<(&str, &str, usize)> = report
        .tags
        .iter()
        .map(|t| {
            (
                t.text.as_str(),
                t.location.part.as_str(),
                t.location.paragraph,
            )
        })
        .collect();
    assert_eq!(
        tags,
        vec![
            ("{{mail_address}}", "word/document.xml", 1),
            ("{{document.date}}", "word/document.xml", 3),
            ("{{formal_salutation}}", "word/document.xml", 5),
            ("{{first_name}}", "word/document.xml", 6),
            ("{{company_name}}", "word/document.xml", 6),
            ("{{company_name}}", "word/document.xml", 9),
            ("{{salesperson.name}}", "word/document.xml", 18),
            ("{{salesperson.job_title}}", "word/document.xml", 19),
            ("{{#if comment}}", "word/document.xml", 21),
            ("{{comment}}", "word/document.xml", 21),
            ("{{/if}}", "word/document.xml", 21),
            ("{{our_company.name}}", "word/header1.xml", 1),
        ]
    );
    assert!(report.fields().contains("salesperson.job_title"));
    assert!(!report.fields().contains("our_company.address"));
}

#[test]
fn the_sample_letter_template_merges_split_tags_header_and_comment() {
    let (merged, warnings) = docx::merge(LETTER_TEMPLATE, &aino()).unwrap();
    assert_eq!(warnings, vec![]);
    assert_well_formed(&merged);
    assert_untouched_except(
        LETTER_TEMPLATE,
        &merged,
        &["word/document.xml", "word/header1.xml"],
    );

    let body = paragraph_texts(&merged, "word/document.xml").unwrap();
    assert_eq!(
        body[0],
        "Aino Virtanen\nKalusto & Co Oy\nMannerheimintie 1\n00100 Helsinki"
    );
    assert_eq!(body[2], "26 November 2026");
    assert_eq!(body[4], "Dear Ms Virtanen,");
    assert_eq!(
        body[5],
        "Thank you for the pleasant conversation, Aino. As promised, here is our proposal for Kalusto & Co Oy. We believe it will suit your team well."
    );
    assert_eq!(body[8], "Kalusto & Co Oy", "the table cell");
    assert_eq!(body[17], "Maija Myyjä");
    assert_eq!(body[18], "Sales Manager");
    assert_eq!(body[20], "P.S. Coffee is on us.");
    let header = paragraph_texts(&merged, "word/header1.xml").unwrap();
    assert_eq!(header[0], "Pohjoisen Kalusto Oy");

    let document = part(&merged, "word/document.xml");
    assert_no_leftovers(&document, "document.xml");
    assert_no_leftovers(&part(&merged, "word/header1.xml"), "header1.xml");
    assert!(document.contains("Kalusto &amp; Co Oy"));
    // The split `{{first` + `_name}}`: the value lands in the first run (not bold), and the bold
    // run that held `_name}}` is left empty.
    assert!(document.contains("<w:r><w:t xml:space=\"preserve\">Aino</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\"></w:t></w:r>"));
    // `{` + `{company_` + `name}}`: the value keeps the first run's colour.
    assert!(document.contains("<w:r><w:rPr><w:color w:val=\"1F3864\"/></w:rPr><w:t xml:space=\"preserve\">Kalusto &amp; Co Oy</w:t></w:r>"));
    // The footer's PAGE and NUMPAGES fields are not merge fields and stay as they were.
    let footer = part(&merged, "word/footer1.xml");
    assert!(
        footer.contains(" PAGE   \\* MERGEFORMAT ")
            && footer.contains(" NUMPAGES   \\* MERGEFORMAT ")
    );
}

#[test]
fn without_a_comment_the_ps_paragraph_is_empty_and_other_values_warn() {
    let data = MergeData::new().with("first_name", "Aino");
    let template = DocxTemplate::parse(LETTER_TEMPLATE).unwrap();
    let (merged, warnings) = template.merge(&data).unwrap();
    assert_well_formed(&merged);
    let body = paragraph_texts(&merged, "word/document.xml").unwrap();
    assert_eq!(body[20], "", "the P.S. is gone");
    assert!(body[5].starts_with(
        "Thank you for the pleasant conversation, Aino. As promised, here is our proposal for . "
    ));
    let missing: Vec<&str> = warnings.iter().map(Warning::field).collect();
    assert_eq!(
        missing,
        vec![
            "mail_address",
            "document.date",
            "formal_salutation",
            "company_name",
            "salesperson.name",
            "salesperson.job_title",
            "our_company.name",
        ]
    );
    assert_no_leftovers(&part(&merged, "word/document.xml"), "document.xml");
}

// ---------------------------------------------------------------------------------------------
// The sample Word mail-merge main document

#[test]
fn the_word_mail_merge_document_maps_its_fields() {
    let report = check_template(WORD_MAILMERGE).unwrap();
    assert_eq!(report.problems, vec![]);
    let fields: Vec<(String, Option<String>)> = report
        .tags
        .iter()
        .filter_map(|t| match &t.kind {
            FoundTagKind::MergeField { word_name, field } => {
                Some((word_name.clone(), field.clone()))
            }
            _ => None,
        })
        .collect();
    let expected = [
        ("Mail Address", "mail_address"),
        ("First_Name", "first_name"),
        ("Last_Name", "surname"),
        ("Company_Name", "company_name"),
    ];
    assert_eq!(
        fields,
        expected
            .iter()
            .map(|(w, o)| (w.to_string(), Some(o.to_string())))
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_word_mail_merge_document_merges_and_forgets_its_data_source() {
    let (merged, warnings) = docx::merge(WORD_MAILMERGE, &aino()).unwrap();
    assert_eq!(warnings, vec![]);
    assert_well_formed(&merged);
    assert_untouched_except(
        WORD_MAILMERGE,
        &merged,
        &[
            "word/document.xml",
            "word/settings.xml",
            "word/_rels/settings.xml.rels",
        ],
    );
    let body = paragraph_texts(&merged, "word/document.xml").unwrap();
    assert_eq!(
        body[0],
        "Aino Virtanen\nKalusto & Co Oy\nMannerheimintie 1\n00100 Helsinki"
    );
    assert_eq!(
        body[2], "Helsinki, 3.3.2025",
        "the DATE field is left to Word"
    );
    assert_eq!(body[4], "Dear Aino Virtanen,");
    assert!(body[5].contains("working with Kalusto & Co Oy again"));
    let document = part(&merged, "word/document.xml");
    assert_no_leftovers(&document, "document.xml");
    assert!(document.contains(" DATE  \\@ &quot;d.M.yyyy&quot;  \\* MERGEFORMAT "));

    let settings = part(&merged, "word/settings.xml");
    assert!(!settings.contains("mailMerge") && !settings.contains("kontaktit.csv"));
    assert!(settings.contains("<w:zoom w:percent=\"100\"/><w:defaultTabStop"));
    let rels = part(&merged, "word/_rels/settings.xml.rels");
    assert!(!rels.contains("mailMergeSource") && !rels.contains("kontaktit.csv"));
}

// ---------------------------------------------------------------------------------------------
// Bad files

#[test]
fn malformed_documents_are_refused_with_a_clear_error() {
    assert!(matches!(
        check_template(b"%PDF-1.7"),
        Err(DocxError::NotAZip { .. })
    ));
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    writer
        .start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
    writer
        .write_all(b"<w:document><w:body><w:p></w:body></w:document>")
        .unwrap();
    let broken = writer.finish().unwrap().into_inner();
    match check_template(&broken) {
        Err(DocxError::BrokenXml { part, .. }) => assert_eq!(part, "word/document.xml"),
        other => panic!("{other:?}"),
    }
    let csv = output::zip_files(
        &[OutputFile {
            name: "a.csv".into(),
            bytes: b"x".to_vec(),
        }],
        NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        check_template(&csv),
        Err(DocxError::MissingPart {
            part: "word/document.xml".into()
        })
    );
}

// ---------------------------------------------------------------------------------------------
// Outputs

fn stamp() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap()
}

/// The sample letter template with the contact's name added to its header, so that the header
/// differs from letter to letter.
fn template_with_name_in_header() -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries(LETTER_TEMPLATE) {
        let bytes = if name == "word/header1.xml" {
            String::from_utf8(bytes)
                .unwrap()
                .replace("{{our_company.name}}", "{{our_company.name}} for {{name}}")
                .into_bytes()
        } else {
            bytes
        };
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn letters_combine_into_one_document_each_its_own_section() {
    let template = DocxTemplate::parse(&template_with_name_in_header()).unwrap();
    let people = ["Aino", "Bertil", "Chloé"];
    let letters: Vec<Vec<u8>> = people
        .iter()
        .map(|name| {
            let data = aino()
                .with("first_name", *name)
                .with("name", format!("{name} Virtanen"));
            template.merge(&data).unwrap().0
        })
        .collect();
    let combined = combined_docx(&letters).unwrap();
    assert_well_formed(&combined);
    let document = part(&combined, "word/document.xml");
    // Every letter is a section of its own: a new page, its own header and footer, and page
    // numbers starting again at 1.
    assert_eq!(document.matches("<w:sectPr").count(), 3);
    assert_eq!(document.matches("<w:pgNumType w:start=\"1\"/>").count(), 3);
    let body = paragraph_texts(&combined, "word/document.xml").unwrap();
    for name in people {
        assert!(
            body.iter()
                .any(|p| p.contains(&format!("conversation, {name}."))),
            "{name}"
        );
    }
    // Each section's header is the one merged for its own letter.
    let rels = part(&combined, "word/_rels/document.xml.rels");
    let types = part(&combined, "[Content_Types].xml");
    let sections: Vec<&str> = document.split("<w:sectPr").skip(1).collect();
    for (section, name) in sections.iter().zip(people) {
        let id = section
            .split("headerReference")
            .nth(1)
            .and_then(|tag| tag.split("r:id=\"").nth(1))
            .and_then(|rest| rest.split('"').next())
            .unwrap();
        let target = rels
            .split("<Relationship ")
            .find(|r| r.contains(&format!("Id=\"{id}\"")))
            .and_then(|r| r.split("Target=\"").nth(1))
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("no relationship {id}"));
        assert!(
            types.contains(&format!("PartName=\"/word/{target}\"")) || target == "header1.xml",
            "{target} has a content type"
        );
        let header = paragraph_texts(&combined, &format!("word/{target}")).unwrap();
        assert!(
            header
                .iter()
                .any(|p| p.contains(&format!("for {name} Virtanen"))),
            "{name}'s header: {header:?}"
        );
    }
    // Footers count the pages of their own letter.
    for (name, bytes) in entries(&combined) {
        if name.starts_with("word/footer") {
            let footer = String::from_utf8(bytes).unwrap();
            assert!(footer.contains("SECTIONPAGES"), "{name}");
            assert!(!footer.contains("NUMPAGES"), "{name}");
        }
    }
    // The first letter's other parts are kept byte for byte; the copies follow them.
    let changed = [
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "[Content_Types].xml",
        "word/footer1.xml",
    ];
    let after = entries(&combined);
    for (index, (name, bytes)) in entries(&letters[0]).into_iter().enumerate() {
        assert_eq!(after[index].0, name, "entries and their order are kept");
        assert_eq!(
            after[index].1 != bytes,
            changed.contains(&name.as_str()),
            "{name} changed or kept as expected"
        );
    }
    assert_eq!(
        combined_docx::<Vec<u8>>(&[]),
        Err(output::OutputError::NoLetters)
    );
}

#[test]
fn a_single_letter_combines_to_itself() {
    let letter = DocxTemplate::parse(LETTER_TEMPLATE)
        .unwrap()
        .merge(&aino())
        .unwrap()
        .0;
    let combined = combined_docx(&[&letter]).unwrap();
    assert_eq!(
        paragraph_texts(&combined, "word/document.xml").unwrap(),
        paragraph_texts(&letter, "word/document.xml").unwrap()
    );
    assert!(part(&combined, "word/footer1.xml").contains("NUMPAGES"));
}

#[test]
fn a_zip_holds_one_letter_per_contact_with_safe_unique_names() {
    let template = DocxTemplate::parse(LETTER_TEMPLATE).unwrap();
    let contacts = [
        ("Kalusto & Co Oy", "Aino Virtanen"),
        ("Kalusto & Co Oy", "Aino Virtanen"),
        ("", "Bertil <Berg>"),
        ("A/S Møbler", "CON"),
    ];
    let files: Vec<OutputFile> = contacts
        .iter()
        .map(|(company, contact)| OutputFile {
            name: letter_file_name(company, contact, "docx"),
            bytes: template.merge(&aino().with("name", *contact)).unwrap().0,
        })
        .collect();
    let zip = zip_files(&files, stamp()).unwrap();
    let names: Vec<String> = entries(&zip).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        vec![
            "Kalusto & Co Oy - Aino Virtanen.docx",
            "Kalusto & Co Oy - Aino Virtanen (2).docx",
            "Bertil Berg.docx",
            "AS Møbler - CON.docx",
        ]
    );
    for (_, letter) in entries(&zip) {
        assert_well_formed(&letter);
    }
    assert_eq!(safe_file_name("LPT1", "docx"), "LPT1_.docx");
    assert_eq!(safe_file_name("Report. ", "docx"), "Report.docx");
}

#[test]
fn a_plain_text_letter_becomes_a_docx() {
    let src = "{{mail_address}}\n\n{{formal_salutation}},\n\nWe met at the fair.\n{{#if comment}}\nP.S. {{comment}}\n{{/if}}\nRegards\t{{salesperson.name}}";
    let (bytes, warnings) =
        text_letter_docx(src, &aino().with("salesperson.name", SCRIPT)).unwrap();
    assert_eq!(warnings, vec![]);
    assert_well_formed(&bytes);
    let body = paragraph_texts(&bytes, "word/document.xml").unwrap();
    assert_eq!(
        body,
        vec![
            "Aino Virtanen\nKalusto & Co Oy\nMannerheimintie 1\n00100 Helsinki",
            "",
            "Dear Ms Virtanen,",
            "",
            "We met at the fair.",
            "P.S. Coffee is on us.",
            &format!("Regards\t{SCRIPT}"),
        ]
    );
    let without = text_letter_docx(src, &MergeData::new()).unwrap().0;
    let body = paragraph_texts(&without, "word/document.xml").unwrap();
    assert!(!body.iter().any(|p| p.contains("P.S.")));
    assert_eq!(
        body.len(),
        6,
        "the block's tag lines leave no paragraphs behind"
    );
    assert!(part(&bytes, "word/document.xml").contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[test]
fn the_print_view_escapes_everything_and_breaks_pages() {
    let html = print_html(
        "Letters <SEG1>",
        "fi\"",
        &[
            "Dear Aino,\n\nP.S. <img src=x onerror=alert(1)>",
            "Second & last",
        ],
    );
    assert!(!html.contains(SCRIPT));
    assert!(html.contains("P.S. &lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("<title>Letters &lt;SEG1&gt;</title>"));
    assert!(html.contains("<html lang=\"fi&quot;\">"));
    assert_eq!(html.matches("<article class=\"letter\">").count(), 2);
    assert!(html.contains("page-break-after: always"));
    assert!(html.contains("default-src 'none'"));
}

fn draft(body: &str) -> EmailDraft {
    EmailDraft {
        to_name: "Äinö \"Ana\" Virtanen".into(),
        to_email: "aino@example.com".into(),
        from_name: "Maija Myyjä".into(),
        from_email: "maija@example.org".into(),
        subject: "Tarjous: toimistokalusteet — syksy 2026".into(),
        body: body.into(),
        lang: "fi".into(),
        date: DateTime::parse_from_rfc3339("2026-11-26T09:30:00+02:00").unwrap(),
        attachment: None,
    }
}

/// Undoes quoted-printable, for reading the body back.
fn decode_qp(text: &str) -> Vec<u8> {
    let joined = text.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            out.push(u8::from_str_radix(&joined[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn email_drafts_are_rfc_5322_with_an_escaped_html_body() {
    let message = String::from_utf8(eml(&draft(&format!(
        "Dear Aino,\n\n{SCRIPT} ä€ {}",
        "x".repeat(100)
    ))))
    .unwrap();
    assert!(
        message.is_ascii(),
        "headers and quoted-printable body are 7-bit"
    );
    let (head, body) = message.split_once("\r\n\r\n").unwrap();
    assert!(
        !message.replace("\r\n", "").contains('\n'),
        "every line ends with CRLF"
    );
    let headers: Vec<&str> = head.split("\r\n").collect();
    assert_eq!(headers[0], "Date: Thu, 26 Nov 2026 09:30:00 +0200");
    assert_eq!(
        headers[1],
        "From: =?UTF-8?B?TWFpamEgTXl5asOk?= <maija@example.org>"
    );
    assert!(
        headers[2].starts_with("To: =?UTF-8?B?") && headers[2].ends_with(" <aino@example.com>")
    );
    assert!(headers.iter().any(|h| h.starts_with("Subject: =?UTF-8?B?")));
    for expected in ["MIME-Version: 1.0", "X-Unsent: 1"] {
        assert!(headers.contains(&expected), "{expected}");
    }
    // The MIME structure itself is checked in tests/it/letters_email.rs; here, the HTML part.
    assert!(body.split("\r\n").all(|line| line.len() <= 76));
    let html_part = body
        .split("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
        .nth(1)
        .expect("an HTML part");
    let html_part = html_part.split("\r\n--").next().unwrap();
    let html = String::from_utf8(decode_qp(html_part)).unwrap();
    assert!(!html.contains(SCRIPT));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; ä€"));
    assert!(html.contains("<p>Dear Aino,</p>"));
}

#[test]
fn email_drafts_zip_under_safe_names() {
    let drafts = vec![
        ("Kalusto Oy - Aino".to_string(), draft("Hi")),
        ("Kalusto Oy - Aino".to_string(), draft("Hi again")),
    ];
    let zip = output::eml_zip(&drafts, stamp()).unwrap();
    let names: Vec<String> = entries(&zip).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        vec!["Kalusto Oy - Aino.eml", "Kalusto Oy - Aino (2).eml"]
    );
}
