//! PDF letters (issue 13 item 4): a segment's letters written in the letter language, laid out
//! as business letters with the address in the window, read back by poppler's `pdftotext` when
//! it is installed (scripts/setup installs it; scripts/check-letters checks the same again).

use std::process::Command;

use chrono::NaiveDate;
use segmentti::core::changes::{Changes, Record};
use segmentti::core::db::Db;
use segmentti::core::ids::{Code, ContactId, SegmentId};
use segmentti::core::model::*;
use segmentti::core::pdf::{letters_pdf, PdfLetter, Window};
use segmentti::core::production::pdf_letters;
use segmentti::jobs::{self, Answer, Job};

const LETTER: &str = "{{mail_address}}\n\n{{document.date}}\n\n{{formal_salutation}}\n\nTässä tarjous yritykselle {{company_name}}: Šárka, Łódź, Ærø, Őrség.\n\nTerveisin\n{{salesperson.name}}";

fn db() -> (Db, SegmentId) {
    let mut changes = Changes::new();
    changes
        .put(Record::OurCompany(OurCompany {
            name: "Pohjoisen Kalusto Oy".into(),
            address: "Teollisuuskatu 5".into(),
            post_code: "90100".into(),
            city: "Oulu".into(),
            ..Default::default()
        }))
        .put(Record::Salesperson(Salesperson {
            code: Code::new("MM"),
            name: "Maija Myyjä".into(),
            ..Default::default()
        }))
        .put(Record::Template(InteractionTemplate {
            code: Code::new("SPRING"),
            letters: vec![TemplateLetter {
                language: String::new(),
                subject: "Tarjous".into(),
                body: LetterBody::Text(LETTER.into()),
            }],
            ..Default::default()
        }))
        .put(Record::Template(InteractionTemplate {
            code: Code::new("WORD"),
            letters: vec![TemplateLetter {
                language: String::new(),
                subject: "Tarjous".into(),
                body: LetterBody::Docx {
                    file_name: "letter-template.docx".into(),
                    bytes: include_bytes!("fixtures/letter-template.docx").to_vec(),
                },
            }],
            ..Default::default()
        }));
    for (id, name, city) in [
        (1, "Åsa Öberg", "Närpes"),
        (2, "Jürgen Ærøskøbing", "Helsinki"),
        (3, "Eeva Email", "Turku"),
    ] {
        changes.put(Record::Contact(Contact {
            id: ContactId(id),
            name: name.into(),
            address: "Kauppakatu 1".into(),
            post_code: "00100".into(),
            city: city.into(),
            email: "eeva@example.com".into(),
            correspondence_type: if id == 3 {
                CorrespondenceType::Email
            } else {
                CorrespondenceType::HardCopy
            },
            ..Default::default()
        }));
    }
    let mut db = Db::new();
    db.apply(&changes);
    let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let stamp = day.and_hms_opt(9, 0, 0).unwrap();
    let (id, changes) = db
        .create_segment(
            "Spring",
            Some(Code::new("MM")),
            Some(Code::new("SPRING")),
            day,
            stamp,
        )
        .unwrap();
    db.apply(&changes);
    for contact in 1..=3 {
        let changes = db
            .add_contact_to_segment(id, ContactId(contact), stamp)
            .unwrap();
        db.apply(&changes);
    }
    (db, id)
}

/// The PDF's text as poppler reads it, page by page; `None` when poppler is not installed.
fn pdftotext(pdf: &[u8]) -> Option<Vec<String>> {
    let dir = std::env::temp_dir().join(format!("segmentti-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!(
        "{:x}.pdf",
        pdf.len() ^ pdf.iter().map(|b| *b as usize).sum::<usize>()
    ));
    std::fs::write(&path, pdf).unwrap();
    let info = Command::new("pdfinfo").arg(&path).output().ok()?;
    assert!(
        info.status.success(),
        "poppler cannot read the PDF: {}",
        String::from_utf8_lossy(&info.stderr)
    );
    let pages: usize = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    let texts = (1..=pages)
        .map(|page| {
            let out = Command::new("pdftotext")
                .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
                .arg(&path)
                .arg("-")
                .output()
                .unwrap();
            String::from_utf8(out.stdout).unwrap()
        })
        .collect();
    Some(texts)
}

#[test]
fn a_segments_printed_letters_become_one_pdf_with_a_page_each() {
    let (db, id) = db();
    let batch = pdf_letters(&db, id).unwrap();
    // The e-mail line gets a draft, not a printed letter.
    let names: Vec<&str> = batch.letters.iter().map(|(_, n, _)| n.as_str()).collect();
    assert_eq!(names, ["Åsa Öberg.pdf", "Jürgen Ærøskøbing.pdf"]);
    assert_eq!(batch.word_letters, 0);
    let (_, _, first) = &batch.letters[0];
    assert_eq!(
        first.sender,
        "Pohjoisen Kalusto Oy · Teollisuuskatu 5 · 90100 Oulu"
    );
    assert_eq!(first.address, "Åsa Öberg\nKauppakatu 1\n00100 Närpes");
    assert!(
        !first.body.contains("Kauppakatu"),
        "the address is in the window, not the text"
    );

    // Made the way the page has its worker make it.
    let Answer::File(pdf) = jobs::run(Job::pdf(&batch, Window::Left, "SEG1 letters")) else {
        panic!("a PDF");
    };
    assert!(pdf.starts_with(b"%PDF-1.7") && pdf.ends_with(b"%%EOF\n"));
    let Some(pages) = pdftotext(&pdf) else {
        eprintln!("poppler is not installed: the PDF's text is not read back");
        return;
    };
    assert_eq!(pages.len(), 2, "one page per letter");
    for (page, name, city) in [
        (0, "Åsa Öberg", "00100 Närpes"),
        (1, "Jürgen Ærøskøbing", "00100 Helsinki"),
    ] {
        let text = &pages[page];
        for expected in [
            name,
            city,
            "Pohjoisen Kalusto Oy · Teollisuuskatu 5 · 90100 Oulu",
            "Šárka, Łódź, Ærø, Őrség.",
            "Maija Myyjä",
        ] {
            assert!(
                text.contains(expected),
                "page {}: {expected} in {text}",
                page + 1
            );
        }
        assert_eq!(
            text.matches("Kauppakatu 1").count(),
            1,
            "the address once: {text}"
        );
    }
}

#[test]
fn word_letters_are_counted_not_flattened() {
    let (mut db, id) = db();
    let segment = db.segments.get_mut(&id).unwrap();
    for line in &mut segment.lines {
        line.template = Some(Code::new("WORD"));
    }
    let batch = pdf_letters(&db, id).unwrap();
    assert!(batch.letters.is_empty());
    assert_eq!(batch.word_letters, 2);
}

#[test]
fn a_long_letter_continues_on_numbered_pages() {
    let letter = PdfLetter {
        sender: "Oy Ab".into(),
        address: "Åsa\nKatu 1\n00100 Helsinki".into(),
        body: (1..=120).map(|n| format!("Rivi {n}\n")).collect(),
    };
    let pdf = letters_pdf(&[letter], Window::Right, "Pitkä");
    let Some(pages) = pdftotext(&pdf) else {
        return;
    };
    assert_eq!(pages.len(), 3);
    assert!(pages[0].contains("Rivi 1\n") && pages[2].contains("Rivi 120"));
    assert!(pages[0].contains("1/3") && pages[2].contains("3/3"));
}
