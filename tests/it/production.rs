//! Producing a segment's letters (product.md §5): which letter each contact gets, the check
//! before merging, the merge for every line, e-mail drafts, the preview, and logging the
//! produced letters byte for byte (product.md §4).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use quick_xml::events::Event;
use quick_xml::Reader;
use segmentti::core::changes::{Changes, Record};
use segmentti::core::db::Db;
use segmentti::core::docx::{body_text, paragraph_texts};
use segmentti::core::ids::{Code, ContactId, SegmentId};
use segmentti::core::letter::merge_data;
use segmentti::core::logging::LogOptions;
use segmentti::core::model::*;
use segmentti::core::problem::{Place, Problem, Severity};
use segmentti::core::production::{
    check_letters, combined_docx_of, eml_zip_of, letter_for_line, preview_letter, print_html_of,
    produce_letters, zip_of, LetterKind, LetterOrigin, LetterRun, Produced, DOCX_MIME, EML_MIME,
};

const LETTER_TEMPLATE: &[u8] = include_bytes!("../fixtures/letter-template.docx");
const WORD_MAILMERGE: &[u8] = include_bytes!("../fixtures/word-mailmerge.docx");

const KALUSTO: ContactId = ContactId(1);
const AINO: ContactId = ContactId(2);
const LIISA: ContactId = ContactId(3);
const BOB: ContactId = ContactId(4);

const ENGLISH: &str = "{{formal_salutation}}\n\nHello {{first_name}}, here is our spring offer for {{company_name}}.\n{{#if comment}}\nP.S. {{comment}}\n{{/if}}\n{{salesperson.name}}, {{document.date}}";
const FINNISH: &str = "{{formal_salutation}}\n\nHei {{first_name}}, tässä kevään tarjous.\n{{salesperson.name}}, {{document.date}}";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// The time the user pressed the button, in Helsinki.
fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T09:05:00+02:00").unwrap()
}

fn stamp() -> NaiveDateTime {
    now().naive_local()
}

fn code(text: &str) -> Code {
    Code::new(text)
}

fn text_letter(language: &str, subject: &str, body: &str) -> TemplateLetter {
    TemplateLetter {
        language: language.into(),
        subject: subject.into(),
        body: LetterBody::Text(body.into()),
    }
}

fn template(code_text: &str, letters: Vec<TemplateLetter>) -> InteractionTemplate {
    InteractionTemplate {
        code: code(code_text),
        description: format!("{code_text} letter"),
        correspondence_type_default: CorrespondenceType::HardCopy,
        letters,
        ..Default::default()
    }
}

fn formula(language: &str, kind: SalutationKind, text: &str, parts: Vec<NamePart>) -> Record {
    Record::SalutationFormula(SalutationFormula {
        salutation_code: code("F"),
        language: language.into(),
        kind,
        formula: text.into(),
        parts,
    })
}

/// Our company and salesperson, salutation formulas in English and Finnish, the templates
/// SPRING (English and Finnish text letters) and WORD (the sample .docx), and four contacts:
/// the company Kalusto Oy; Aino, a person there without an address of her own; Liisa, Finnish,
/// who wants e-mail; and Bob, on his own, whose salutation code has no formula.
fn db() -> Db {
    let mut changes = Changes::new();
    changes
        .put(Record::OurCompany(OurCompany {
            name: "Pohjoisen Kalusto Oy".into(),
            email: "info@pohjoisen.fi".into(),
            country: "Finland".into(),
            ..Default::default()
        }))
        .put(Record::Salesperson(Salesperson {
            code: code("MM"),
            name: "Maija Myyjä".into(),
            job_title: "Sales Manager".into(),
            email: "maija@pohjoisen.fi".into(),
            ..Default::default()
        }))
        .put(formula(
            "",
            SalutationKind::Formal,
            "Dear Ms %1,",
            vec![NamePart::Surname],
        ))
        .put(formula(
            "",
            SalutationKind::Informal,
            "Hi %1,",
            vec![NamePart::FirstName],
        ))
        .put(formula(
            "fi",
            SalutationKind::Formal,
            "Hyvä %1 %2",
            vec![NamePart::FirstName, NamePart::Surname],
        ))
        .put(Record::Template(template(
            "SPRING",
            vec![
                text_letter("", "Spring news", ENGLISH),
                text_letter("fi", "Kevään uutiset", FINNISH),
            ],
        )))
        .put(Record::Template(template(
            "WORD",
            vec![TemplateLetter {
                language: String::new(),
                subject: "Our proposal".into(),
                body: LetterBody::Docx {
                    file_name: "letter-template.docx".into(),
                    bytes: LETTER_TEMPLATE.to_vec(),
                },
            }],
        )))
        .put(Record::Contact(Contact {
            id: KALUSTO,
            kind: ContactKind::Company,
            name: "Kalusto Oy".into(),
            address: "Mannerheimintie 1".into(),
            post_code: "00100".into(),
            city: "Helsinki".into(),
            country: "Finland".into(),
            ..Default::default()
        }))
        .put(Record::Contact(Contact {
            id: AINO,
            company: Some(KALUSTO),
            name: "Aino Virtanen".into(),
            first_name: "Aino".into(),
            surname: "Virtanen".into(),
            email: "aino@kalusto.fi".into(),
            salutation_code: code("F"),
            ..Default::default()
        }))
        .put(Record::Contact(Contact {
            id: LIISA,
            company: Some(KALUSTO),
            name: "Liisa Korhonen".into(),
            first_name: "Liisa".into(),
            surname: "Korhonen".into(),
            email: "liisa@kalusto.fi".into(),
            language: "fi".into(),
            correspondence_type: CorrespondenceType::Email,
            salutation_code: code("F"),
            ..Default::default()
        }))
        .put(Record::Contact(Contact {
            id: BOB,
            name: "Bob".into(),
            address: "High Street 5".into(),
            city: "Leeds".into(),
            country: "United Kingdom".into(),
            salutation_code: code("X"),
            ..Default::default()
        }));
    let mut db = Db::new();
    db.apply(&changes);
    db
}

/// A segment with the template's letter, made and filled as the user does it.
fn segment(db: &mut Db, template: &str, contacts: &[ContactId]) -> SegmentId {
    let (id, changes) = db
        .create_segment(
            "Spring mailing",
            Some(code("MM")),
            Some(code(template)),
            today(),
            stamp(),
        )
        .unwrap();
    db.apply(&changes);
    for contact in contacts {
        let changes = db.add_contact_to_segment(id, *contact, stamp()).unwrap();
        db.apply(&changes);
    }
    id
}

fn line_of(db: &Db, segment: SegmentId, contact: ContactId) -> SegmentLine {
    db.segments[&segment]
        .lines
        .iter()
        .find(|line| line.contact == contact)
        .expect("the contact has a line")
        .clone()
}

fn produce(db: &Db, segment: SegmentId) -> Produced {
    produce_letters(db, segment, now()).expect("the letters are produced")
}

fn letter_of(db: &Db, segment: SegmentId, produced: &Produced, contact: ContactId) -> StoredLetter {
    produced.letters[&line_of(db, segment, contact).line_no].clone()
}

fn text_of(letter: &StoredLetter) -> String {
    body_text(&letter.bytes).expect("the letter is a readable .docx")
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

/// Every XML part of a package parses, start and end tags matching.
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

/// The HTML part of an .eml draft, quoted-printable decoded (the MIME structure is checked in
/// tests/it/letters_email.rs).
fn eml_body(eml: &[u8]) -> String {
    let text = String::from_utf8(eml.to_vec()).expect("an e-mail is UTF-8");
    let body = text
        .split_once("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
        .expect("an HTML part")
        .1;
    let body = body.split_once("\r\n--").expect("the part ends").0;
    let joined = body.replace("=\r\n", "");
    let mut bytes = Vec::new();
    let mut rest = joined.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'=' && tail.len() >= 2 {
            let hex = std::str::from_utf8(&tail[..2]).unwrap();
            bytes.push(u8::from_str_radix(hex, 16).expect("a =XX escape"));
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    String::from_utf8(bytes).expect("the body is UTF-8")
}

fn header<'a>(eml: &'a str, name: &str) -> &'a str {
    eml.lines()
        .find_map(|line| line.strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("no {name} header"))
}

fn letter_place(line_no: u32) -> Place {
    Place::Line {
        line_no,
        field: Some("letter".into()),
    }
}

fn summary(problems: &[Problem]) -> Vec<(Place, &str, Vec<&str>)> {
    problems
        .iter()
        .map(|p| {
            (
                p.place.clone(),
                p.code.as_str(),
                p.args.iter().map(String::as_str).collect(),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Which letter, and what is in it

#[test]
fn a_text_letter_gives_every_line_a_docx_with_its_contacts_name_and_salutation() {
    let mut db = db();
    let id = segment(&mut db, "SPRING", &[AINO, KALUSTO]);
    let produced = produce(&db, id);
    assert_eq!(produced.letters.len(), 2);

    let aino = letter_of(&db, id, &produced, AINO);
    assert_eq!(aino.mime, DOCX_MIME);
    assert_eq!(aino.file_name, "Kalusto Oy - Aino Virtanen.docx");
    assert_well_formed(&aino.bytes);
    let text = text_of(&aino);
    assert!(text.starts_with("Dear Ms Virtanen,\n"), "{text}");
    assert!(
        text.contains("Hello Aino, here is our spring offer for Kalusto Oy."),
        "{text}"
    );
    assert!(text.ends_with("Maija Myyjä, 26 November 2026"), "{text}");
    assert!(!text.contains("P.S."), "no comment, no P.S.: {text}");
    assert_eq!(
        aino.merge_data.get("first_name").map(String::as_str),
        Some("Aino")
    );

    let company = letter_of(&db, id, &produced, KALUSTO);
    assert_eq!(company.file_name, "Kalusto Oy.docx");
    assert_well_formed(&company.bytes);
}

#[test]
fn letters_produced_a_line_at_a_time_are_the_letters_produced_at_once() {
    let mut db = db();
    let id = segment(&mut db, "SPRING", &[AINO, KALUSTO, LIISA, BOB]);
    let mut run = LetterRun::new(&db, id, now(), None);
    let mut steps = 0;
    while !run.step(&db, 1).expect("no errors") {
        steps += 1;
    }
    assert_eq!(steps, 3, "one step a line, the last one says it is done");
    assert_eq!(run.finish(&db).expect("no errors"), produce(&db, id));
}

#[test]
fn a_change_between_slices_is_in_every_letter_of_the_run() {
    // A teammate renames Aino after her letter was made in the first slice: the letters that are
    // logged must be made from the data as it is when the log is written.
    let mut db = db();
    let id = segment(&mut db, "SPRING", &[AINO, KALUSTO]);
    let mut run = LetterRun::new(&db, id, now(), None);
    assert!(!run.step(&db, 1).expect("no errors"));
    let mut aino = db.contact(AINO).expect("Aino is there").clone();
    aino.first_name = "Ainomaija".into();
    let mut changes = Changes::new();
    changes.put(Record::Contact(aino));
    db.apply(&changes);

    let produced = run.finish(&db).expect("no errors");
    let text = text_of(&letter_of(&db, id, &produced, AINO));
    assert!(text.contains("Hello Ainomaija,"), "{text}");
    assert_eq!(produced, produce(&db, id));
}

#[test]
fn a_finnish_contact_gets_the_finnish_letter_when_the_template_has_one() {
    let mut db = db();
    let id = segment(&mut db, "SPRING", &[AINO, LIISA]);
    let segment = &db.segments[&id];
    let liisa = line_of(&db, id, LIISA);
    assert_eq!(liisa.language, "fi");
    assert_eq!(
        letter_for_line(&db, segment, &liisa).unwrap().origin,
        LetterOrigin::Template {
            code: code("SPRING"),
            language: "fi".into()
        }
    );
    let preview = preview_letter(&db, id, liisa.line_no).unwrap();
    assert_eq!(
        preview.text,
        "Hyvä Liisa Korhonen\n\nHei Liisa, tässä kevään tarjous.\nMaija Myyjä, 26.11.2026"
    );
    assert_eq!(preview.subject, "Kevään uutiset");

    let aino = line_of(&db, id, AINO);
    let preview = preview_letter(&db, id, aino.line_no).unwrap();
    assert!(preview.text.starts_with("Dear Ms Virtanen,"));
    assert_eq!(preview.subject, "Spring news");
}

#[test]
fn the_lines_own_letter_wins_over_the_segments_which_wins_over_the_templates() {
    let mut db = db();
    let id = segment(&mut db, "SPRING", &[AINO, BOB]);
    let aino = line_of(&db, id, AINO).line_no;
    let changes = db
        .set_segment_letter(
            id,
            Some(text_letter("", "Edited", "Segment copy for {{name}}")),
            stamp(),
        )
        .unwrap();
    db.apply(&changes);
    let changes = db
        .set_line_letter(
            id,
            aino,
            Some(LetterBody::Text("Just for you, {{first_name}}.".into())),
            stamp(),
        )
        .unwrap();
    db.apply(&changes);

    let produced = produce(&db, id);
    assert_eq!(
        text_of(&letter_of(&db, id, &produced, AINO)),
        "Just for you, Aino."
    );
    assert_eq!(
        text_of(&letter_of(&db, id, &produced, BOB)),
        "Segment copy for Bob"
    );
}

#[test]
fn a_line_without_any_letter_is_produced_without_one() {
    let mut db = db();
    let mut changes = Changes::new();
    changes.put(Record::Template(template("CALL", vec![])));
    db.apply(&changes);
    let id = segment(&mut db, "CALL", &[AINO]);
    let produced = produce(&db, id);
    assert!(produced.letters.is_empty());
    assert_eq!(produced.problems, vec![]);
    let line_no = line_of(&db, id, AINO).line_no;
    assert_eq!(
        summary(&preview_letter(&db, id, line_no).unwrap_err()),
        [(letter_place(line_no), "letter.none", vec![])]
    );
}

#[test]
fn merge_data_fills_the_documented_fields() {
    let mut db = db();
    let id = segment(&mut db, "SPRING", &[AINO]);
    let mut line = line_of(&db, id, AINO);
    line.comment = "Coffee is on us.".into();
    let (data, problems) = merge_data(&db, &db.segments[&id], &line);
    assert_eq!(problems, vec![]);
    let segment_no = id.no();
    let expected = [
        ("contact.no", "CT000002"),
        ("first_name", "Aino"),
        ("name", "Aino Virtanen"),
        ("company_name", "Kalusto Oy"),
        ("email", "aino@kalusto.fi"),
        // Aino has no address of her own: she is written to at her company's.
        ("city", "Helsinki"),
        (
            "mail_address",
            "Aino Virtanen\nKalusto Oy\nMannerheimintie 1\n00100 Helsinki",
        ),
        ("formal_salutation", "Dear Ms Virtanen,"),
        ("informal_salutation", "Hi Aino,"),
        ("salesperson.name", "Maija Myyjä"),
        ("salesperson.email", "maija@pohjoisen.fi"),
        ("our_company.name", "Pohjoisen Kalusto Oy"),
        ("document.date", "26 November 2026"),
        ("document.subject", "Spring news"),
        ("document.description", "Spring mailing"),
        ("segment.no", segment_no.as_str()),
        ("comment", "Coffee is on us."),
    ];
    for (field, value) in expected {
        assert_eq!(data.get(field), Some(value), "{field}");
    }
    assert_eq!(data.get("surname"), Some("Virtanen"));
    assert_eq!(data.get("middle_name"), None, "blank values are left out");

    // A foreign address keeps its country in the address block.
    let bob = Segment::default();
    let bob_line = SegmentLine {
        contact: BOB,
        ..Default::default()
    };
    let (data, _) = merge_data(&db, &bob, &bob_line);
    assert_eq!(
        data.get("mail_address"),
        Some("Bob\nHigh Street 5\nLeeds\nUnited Kingdom")
    );
}

// ---------------------------------------------------------------------------------------------
// Problems

#[test]
fn a_missing_value_is_a_warning_on_that_line_and_empty_text() {
    let mut db = db();
    let id = segment(&mut db, "SPRING", &[AINO, KALUSTO]);
    let company_line = line_of(&db, id, KALUSTO).line_no;
    let produced = produce(&db, id);
    let text = text_of(&letter_of(&db, id, &produced, KALUSTO));
    assert!(
        text.contains("Hello , here is our spring offer for Kalusto Oy."),
        "{text}"
    );
    assert!(
        !text.contains("undefined") && !text.contains("{{"),
        "{text}"
    );

    let company_problems: Vec<_> = produced
        .problems
        .iter()
        .filter(|p| p.place == letter_place(company_line))
        .collect();
    assert!(company_problems
        .iter()
        .all(|p| p.severity == Severity::Warning));
    assert!(company_problems
        .iter()
        .any(|p| p.code == "letter.missing_value" && p.args == ["first_name"]));
    // The check before merging finds exactly the warnings producing does.
    assert_eq!(check_letters(&db, id), produced.problems);
}

#[test]
fn a_missing_salutation_formula_is_reported_with_its_cause_only_when_printed() {
    let mut db = db();
    let id = segment(&mut db, "SPRING", &[BOB]);
    let line_no = line_of(&db, id, BOB).line_no;
    let produced = produce(&db, id);
    assert_eq!(
        summary(&produced.problems),
        [
            (
                letter_place(line_no),
                "letter.salutation_missing",
                vec!["formal_salutation", "X", "", "formal"]
            ),
            (
                letter_place(line_no),
                "letter.missing_value",
                vec!["first_name"]
            ),
            (
                letter_place(line_no),
                "letter.missing_value",
                vec!["company_name"]
            ),
        ]
    );
    let text = text_of(&letter_of(&db, id, &produced, BOB));
    assert!(
        text.starts_with("\n\nHello , here is our spring offer for ."),
        "{text}"
    );

    // A letter that does not print the salutation has no reason to mention it.
    let changes = db
        .set_line_letter(
            id,
            line_no,
            Some(LetterBody::Text("To {{name}}".into())),
            stamp(),
        )
        .unwrap();
    db.apply(&changes);
    assert_eq!(check_letters(&db, id), vec![]);
}

#[test]
fn an_unknown_field_is_an_error_with_its_position_listed_once_and_nothing_is_merged() {
    let mut db = db();
    let mut changes = Changes::new();
    changes.put(Record::Template(template(
        "TYPO",
        vec![text_letter("", "Oops", "Hello\n  {{frist_name}}")],
    )));
    db.apply(&changes);
    let id = segment(&mut db, "TYPO", &[AINO, BOB]);
    let expected = [(
        Place::Record,
        "letter.unknown_field",
        vec!["template:TYPO:", "2:3", "frist_name", "first_name"],
    )];
    assert_eq!(summary(&check_letters(&db, id)), expected);
    let refused = produce_letters(&db, id, now()).unwrap_err();
    assert_eq!(summary(&refused), expected);
    assert!(refused[0].is_error());
    let line_no = line_of(&db, id, AINO).line_no;
    assert_eq!(
        summary(&preview_letter(&db, id, line_no).unwrap_err()),
        expected
    );
}

#[test]
fn an_unbalanced_block_in_a_lines_own_letter_is_an_error_at_that_line() {
    let mut db = db();
    let id = segment(&mut db, "SPRING", &[AINO, BOB]);
    let line_no = line_of(&db, id, BOB).line_no;
    let changes = db
        .set_line_letter(
            id,
            line_no,
            Some(LetterBody::Text("{{#if comment}}P.S.".into())),
            stamp(),
        )
        .unwrap();
    db.apply(&changes);
    let problems = check_letters(&db, id);
    let errors: Vec<_> = problems.iter().filter(|p| p.is_error()).collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].place, letter_place(line_no));
    assert_eq!(errors[0].code, "letter.unbalanced_if");
    assert_eq!(errors[0].args, ["line", "1:1", "comment"]);
    assert!(produce_letters(&db, id, now()).is_err());
}

// ---------------------------------------------------------------------------------------------
// Word documents and e-mail

#[test]
fn the_sample_word_template_is_filled_for_every_contact() {
    let mut db = db();
    let id = segment(&mut db, "WORD", &[AINO, KALUSTO]);
    let produced = produce(&db, id);
    let aino = letter_of(&db, id, &produced, AINO);
    assert_eq!(aino.file_name, "Kalusto Oy - Aino Virtanen.docx");
    assert_well_formed(&aino.bytes);
    let body = paragraph_texts(&aino.bytes, "word/document.xml").unwrap();
    assert_eq!(
        body[0],
        "Aino Virtanen\nKalusto Oy\nMannerheimintie 1\n00100 Helsinki"
    );
    assert_eq!(body[2], "26 November 2026");
    assert!(body[4].starts_with("Dear Ms Virtanen,"), "{}", body[4]);
    assert!(body[5].contains("Aino") && body[5].contains("Kalusto Oy"));
    assert_eq!(body[17], "Maija Myyjä");
    assert_eq!(
        paragraph_texts(&aino.bytes, "word/header1.xml").unwrap()[0],
        "Pohjoisen Kalusto Oy"
    );
    for (name, bytes) in entries(&aino.bytes) {
        if name.ends_with(".xml") {
            let xml = String::from_utf8(bytes).unwrap();
            assert!(!xml.contains("{{"), "{name} has a tag left");
        }
    }
    // The check walks the document's tags with each contact's data and finds what merging finds.
    assert_eq!(check_letters(&db, id), produced.problems);
    assert!(produced
        .problems
        .iter()
        .any(|p| p.args == ["first_name"] && p.code == "letter.missing_value"));
}

#[test]
fn a_word_mail_merge_document_as_a_lines_own_letter_fills_its_merge_fields() {
    let mut db = db();
    let id = segment(&mut db, "SPRING", &[AINO, BOB]);
    for contact in [AINO, BOB] {
        let line_no = line_of(&db, id, contact).line_no;
        let own = LetterBody::Docx {
            file_name: "word-mailmerge.docx".into(),
            bytes: WORD_MAILMERGE.to_vec(),
        };
        let changes = db.set_line_letter(id, line_no, Some(own), stamp()).unwrap();
        db.apply(&changes);
    }
    let produced = produce(&db, id);
    let aino = letter_of(&db, id, &produced, AINO);
    assert_well_formed(&aino.bytes);
    let body = paragraph_texts(&aino.bytes, "word/document.xml").unwrap();
    assert_eq!(
        body[0],
        "Aino Virtanen\nKalusto Oy\nMannerheimintie 1\n00100 Helsinki"
    );
    let bob_line = line_of(&db, id, BOB).line_no;
    let bob: Vec<Vec<&str>> = produced
        .problems
        .iter()
        .filter(|p| p.place == letter_place(bob_line))
        .map(|p| p.args.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(bob, [["first_name"], ["surname"], ["company_name"]]);
    assert_eq!(check_letters(&db, id), produced.problems);
}

#[test]
fn a_file_that_is_not_a_word_document_is_an_error_of_its_letter() {
    let mut db = db();
    let mut changes = Changes::new();
    changes.put(Record::Template(template(
        "PDF",
        vec![TemplateLetter {
            language: String::new(),
            subject: "Brochure".into(),
            body: LetterBody::Docx {
                file_name: "brochure.docx".into(),
                bytes: b"%PDF-1.7 not a zip".to_vec(),
            },
        }],
    )));
    db.apply(&changes);
    let id = segment(&mut db, "PDF", &[AINO, BOB]);
    let problems = check_letters(&db, id);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].place, Place::Record);
    assert_eq!(problems[0].code, "docx.not_a_zip");
    assert_eq!(problems[0].args[..2], ["template:PDF:", ""]);
    assert_eq!(produce_letters(&db, id, now()).unwrap_err(), problems);
}

#[test]
fn email_lines_get_an_eml_draft_to_the_contact() {
    let mut db = db();
    let id = segment(&mut db, "SPRING", &[LIISA, AINO]);
    let liisa = line_of(&db, id, LIISA);
    assert_eq!(liisa.correspondence_type, CorrespondenceType::Email);
    let produced = produce(&db, id);

    let draft = letter_of(&db, id, &produced, LIISA);
    assert_eq!(draft.mime, EML_MIME);
    assert_eq!(draft.file_name, "Kalusto Oy - Liisa Korhonen.eml");
    let eml = String::from_utf8(draft.bytes.clone()).unwrap();
    assert_eq!(header(&eml, "To"), "\"Liisa Korhonen\" <liisa@kalusto.fi>");
    assert_eq!(
        header(&eml, "From"),
        "=?UTF-8?B?TWFpamEgTXl5asOk?= <maija@pohjoisen.fi>"
    );
    assert_eq!(header(&eml, "Date"), "Thu, 26 Nov 2026 09:05:00 +0200");
    assert!(header(&eml, "Subject").starts_with("=?UTF-8?B?"));
    let html = eml_body(&draft.bytes);
    assert!(html.contains("<html lang=\"fi\">"), "{html}");
    assert!(html.contains("Hei Liisa, tässä kevään tarjous."), "{html}");

    let preview = preview_letter(&db, id, liisa.line_no).unwrap();
    assert_eq!(preview.kind, LetterKind::Email);
    assert_eq!(preview.file_name, draft.file_name);

    // Hard-copy lines in the same segment still get a .docx.
    assert_eq!(letter_of(&db, id, &produced, AINO).mime, DOCX_MIME);
}

#[test]
fn the_preview_shows_each_contacts_letter_exactly_as_produced() {
    let mut db = db();
    let id = segment(&mut db, "WORD", &[AINO, KALUSTO, BOB]);
    let produced = produce(&db, id);
    for line in db.segments[&id].lines.clone() {
        let preview = preview_letter(&db, id, line.line_no).unwrap();
        let letter = &produced.letters[&line.line_no];
        assert_eq!(preview.kind, LetterKind::Docx);
        assert_eq!(preview.text, text_of(letter));
        assert_eq!(preview.file_name, letter.file_name);
        let line_problems: Vec<Problem> = produced
            .problems
            .iter()
            .filter(|p| p.place == letter_place(line.line_no))
            .cloned()
            .collect();
        assert_eq!(preview.warnings, line_problems);
    }
}

// ---------------------------------------------------------------------------------------------
// Logging and downloads

#[test]
fn logging_keeps_every_produced_letter_byte_for_byte() {
    let mut db = db();
    let id = segment(&mut db, "SPRING", &[AINO, LIISA, BOB]);
    let produced = produce(&db, id);
    let options = LogOptions {
        accept_warnings: true,
        ..Default::default()
    };
    let lines: BTreeMap<ContactId, u32> = [AINO, LIISA, BOB]
        .into_iter()
        .map(|contact| (contact, line_of(&db, id, contact).line_no))
        .collect();
    let result = db
        .log_segment(id, options, &produced.letters, &produced.problems, stamp())
        .expect("the segment is logged");
    let batches = &result.changes.letter_batches;
    assert_eq!(batches.len(), 1);
    assert_eq!(batches[0].letters.len(), 3);
    db.apply(&result.changes);

    for (entry_id, stored) in &batches[0].letters {
        let entry = &db.entries[entry_id];
        let produced_letter = &produced.letters[&lines[&entry.contact]];
        assert_eq!(stored, produced_letter, "the batch holds what was produced");
        let reference = entry
            .letter
            .as_ref()
            .expect("the entry refers to its letter");
        assert_eq!(reference.batch, result.logged_segment);
        assert_eq!(reference.file_name, produced_letter.file_name);
        assert_eq!(reference.mime, produced_letter.mime);
        assert_eq!(reference.size, produced_letter.bytes.len());
    }
}

#[test]
fn producing_twice_gives_the_same_bytes() {
    let mut db = db();
    let id = segment(&mut db, "WORD", &[AINO, LIISA]);
    assert_eq!(produce(&db, id), produce(&db, id));
}

#[test]
fn downloads_split_letters_to_print_from_drafts_to_send() {
    let mut db = db();
    let id = segment(&mut db, "SPRING", &[AINO, LIISA, BOB]);
    let produced = produce(&db, id);
    let all: Vec<&StoredLetter> = produced.letters.values().collect();

    let combined = combined_docx_of(&all).unwrap();
    assert_well_formed(&combined);
    let text = body_text(&combined).unwrap();
    assert!(text.contains("Hello Aino") && text.contains("Hello , here"));
    assert!(!text.contains("Liisa"), "the e-mail is not printed");

    let zip = zip_of(&all, stamp()).unwrap();
    let names: Vec<String> = entries(&zip).into_iter().map(|(name, _)| name).collect();
    assert_eq!(
        names,
        [
            "Kalusto Oy - Aino Virtanen.docx",
            "Kalusto Oy - Liisa Korhonen.eml",
            "Bob.docx"
        ]
    );
    let drafts = eml_zip_of(&all, stamp()).unwrap();
    let drafts = entries(&drafts);
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].1, letter_of(&db, id, &produced, LIISA).bytes);

    let html = print_html_of("Spring mailing", "en", &all).unwrap();
    // One sheet per printed letter, drawn from its layout; the e-mail is not printed.
    assert_eq!(html.matches("<article class=\"sheet\"").count(), 2);
    assert!(html.contains("Hello Aino"));
    assert!(!html.contains("Liisa"));
}
