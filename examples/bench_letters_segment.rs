//! Produces the letters of a 1,000-line segment from the sample letter template, the way the app
//! does it (merge data from the database, one parse of the document, one merge per line), then
//! zips them; prints the rates.
//!
//! Run with `cargo run --release --example bench_letters_segment`. The clock is read here, in
//! the example, never in `core`.

use std::time::Instant;

use chrono::{DateTime, NaiveDate};
use segmentti::core::changes::{Changes, Record};
use segmentti::core::db::Db;
use segmentti::core::ids::{Code, ContactId, SegmentId};
use segmentti::core::model::*;
use segmentti::core::production::{check_letters, produce_letters, zip_of};

const TEMPLATE: &[u8] = include_bytes!("../tests/fixtures/letter-template.docx");
const LINES: u32 = 1_000;
const COMPANIES: u32 = 40;

fn database() -> Db {
    let mut changes = Changes::new();
    changes
        .put(Record::OurCompany(OurCompany {
            name: "Pohjoisen Kalusto Oy".into(),
            country: "Finland".into(),
            ..Default::default()
        }))
        .put(Record::Salesperson(Salesperson {
            code: Code::new("MM"),
            name: "Maija Myyjä".into(),
            job_title: "Sales Manager".into(),
            ..Default::default()
        }))
        .put(Record::SalutationFormula(SalutationFormula {
            salutation_code: Code::new("F"),
            language: String::new(),
            kind: SalutationKind::Formal,
            formula: "Dear %1 %2".into(),
            parts: vec![NamePart::FirstName, NamePart::Surname],
        }))
        .put(Record::Template(InteractionTemplate {
            code: Code::new("WORD"),
            correspondence_type_default: CorrespondenceType::HardCopy,
            letters: vec![TemplateLetter {
                language: String::new(),
                subject: "Our proposal".into(),
                body: LetterBody::Docx {
                    file_name: "letter-template.docx".into(),
                    bytes: TEMPLATE.to_vec(),
                },
            }],
            ..Default::default()
        }));
    for company in 1..=COMPANIES {
        changes.put(Record::Contact(Contact {
            id: ContactId(company),
            kind: ContactKind::Company,
            name: format!("Kalusto {company} Oy"),
            address: format!("Mannerheimintie {company}"),
            post_code: "00100".into(),
            city: "Helsinki".into(),
            ..Default::default()
        }));
    }
    for index in 0..LINES {
        changes.put(Record::Contact(Contact {
            id: ContactId(COMPANIES + 1 + index),
            company: Some(ContactId(1 + index % COMPANIES)),
            name: format!("Aino Virtanen {index}"),
            first_name: format!("Aino{index}"),
            surname: "Virtanen".into(),
            salutation_code: Code::new("F"),
            ..Default::default()
        }));
    }
    let mut db = Db::new();
    db.apply(&changes);
    db
}

fn main() {
    let mut db = database();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).expect("a valid date");
    let stamp = today.and_hms_opt(9, 0, 0).expect("a valid time");
    let now = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+02:00").expect("a valid time");

    let id = SegmentId(1);
    let mut segment = db
        .new_segment(
            id,
            "Autumn proposal",
            Some(Code::new("MM")),
            Some(Code::new("WORD")),
            today,
            stamp,
        )
        .expect("the segment header is valid");
    for index in 0..LINES {
        let contact = &db.contacts[&ContactId(COMPANIES + 1 + index)];
        let mut line = db.new_segment_line(&segment, contact, (index + 1) * 10_000);
        if index % 2 == 0 {
            line.comment = "Coffee is on us.".into();
        }
        segment.lines.push(line);
    }
    db.apply(Changes::new().put(Record::Segment(segment)));

    let started = Instant::now();
    let problems = check_letters(&db, id);
    let checked = started.elapsed();

    // The first run pays for the process's first touch of its memory pages; later runs show the
    // steady rate of a page that produces letters more than once.
    let mut runs = Vec::new();
    let mut produced = None;
    for _ in 0..3 {
        let started = Instant::now();
        let letters = produce_letters(&db, id, now).expect("the letters are produced");
        runs.push(started.elapsed());
        produced = Some(letters);
    }
    let produced = produced.expect("three runs");
    let started = Instant::now();
    let letters: Vec<&StoredLetter> = produced.letters.values().collect();
    let zip = zip_of(&letters, stamp).expect("the zip is written");
    let zipped = started.elapsed();
    let best = runs.iter().min().copied().unwrap_or_default();

    println!(
        "check_letters over {LINES} lines: {:.3} s ({} problems)",
        checked.as_secs_f64(),
        problems.len()
    );
    println!(
        "produce_letters: {} letters, first run {:.3} s ({:.0} letters/s), best of 3 {:.3} s ({:.0} letters/s)",
        produced.letters.len(),
        runs[0].as_secs_f64(),
        f64::from(LINES) / runs[0].as_secs_f64(),
        best.as_secs_f64(),
        f64::from(LINES) / best.as_secs_f64()
    );
    println!(
        "one zip of them ({} KiB): {:.3} s; produce (best) + zip: {:.0} letters/s",
        zip.len() / 1024,
        zipped.as_secs_f64(),
        f64::from(LINES) / (best + zipped).as_secs_f64()
    );
}
