//! PDF letters (issue 13 item 4): a segment's letters written in the letter language, laid out
//! as business letters with the address in the window, and Word letters drawn from their own
//! layout, read back by poppler's `pdftotext` (scripts/setup installs it; scripts/check-letters
//! checks the same again). The business-letter tests skip without poppler, as they always have;
//! the Word-letter tests fail without it, since the PDF's text is all they can check.

use std::process::Command;

use chrono::NaiveDate;
use segmentti::core::changes::{Changes, Record};
use segmentti::core::db::Db;
use segmentti::core::docx::DocxTemplate;
use segmentti::core::ids::{Code, ContactId, SegmentId};
use segmentti::core::letter::MergeData;
use segmentti::core::model::*;
use segmentti::core::pdf::{letters_pdf, sources_pdf, PdfLetter, PdfSource, Window};
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
    let (_, _, first) = &batch.letters[0];
    let first = first
        .text()
        .expect("a letter written in the letter language");
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

/// The PDF's text by page; fails when poppler is missing, as the Word-letter tests need it.
fn pages_of(pdf: &[u8]) -> Vec<String> {
    pdftotext(pdf).expect("poppler's pdfinfo and pdftotext (scripts/setup installs them)")
}

/// Text with runs of spaces made one, as `pdftotext -layout` spreads words of a line apart.
fn squeezed(text: &str) -> String {
    text.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn word_letters_become_pdfs_drawn_from_their_own_layout() {
    let (mut db, id) = db();
    let segment = db.segments.get_mut(&id).unwrap();
    for line in &mut segment.lines {
        line.template = Some(Code::new("WORD"));
    }
    let batch = pdf_letters(&db, id).unwrap();
    assert_eq!(
        batch.letters.len(),
        2,
        "both printed lines, as Word letters"
    );
    assert!(batch
        .letters
        .iter()
        .all(|(_, _, l)| matches!(l, PdfSource::Word(_))));

    // One PDF of both, as the page has the worker make it.
    let Answer::File(pdf) = jobs::run(Job::pdf(&batch, Window::Left, "SEG1 letters")) else {
        panic!("a PDF");
    };
    let pages = pages_of(&pdf);
    assert_eq!(pages.len(), 2, "one page per letter: {pages:?}");
    for (page, name, city) in [
        (0, "Åsa Öberg", "00100 Närpes"),
        (1, "Jürgen Ærøskøbing", "00100 Helsinki"),
    ] {
        let text = &pages[page];
        for expected in [
            name,
            "Kauppakatu 1",
            city,
            // The header (our company), the body and its table, the footer's page fields.
            "Pohjoisen Kalusto Oy",
            "Offer: office furniture for your new premises",
            "Prepared for",
            "12 height-adjustable desks, chairs and installation",
            "Maija Myyjä",
            "Page 1 of 1",
        ] {
            assert!(
                squeezed(text).contains(expected),
                "page {}: {expected} in {text}",
                page + 1
            );
        }
        // The header is drawn above the body and the footer below it.
        let at = |what: &str| text.find(what).unwrap();
        assert!(at("Pohjoisen Kalusto Oy") < at(name) && at(name) < at("Page 1 of 1"));
    }

    // One PDF per contact in a zip, each its letter's own.
    let Answer::File(zip) = jobs::run(Job::pdf_zip(
        &batch,
        Window::Left,
        NaiveDate::from_ymd_opt(2026, 12, 6)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    )) else {
        panic!("a zip");
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    assert_eq!(zip.len(), 2);
    let mut second = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_index(1).unwrap(), &mut second).unwrap();
    let pages = pages_of(&second);
    assert_eq!(pages.len(), 1);
    assert!(pages[0].contains("Jürgen Ærøskøbing") && !pages[0].contains("Åsa Öberg"));
}

const RICH_LETTER: &[u8] = include_bytes!("fixtures/rich-letter.docx");
const LETTER_TEMPLATE: &[u8] = include_bytes!("fixtures/letter-template.docx");

fn person(first: &str, surname: &str, company: &str) -> MergeData {
    let name = format!("{first} {surname}");
    MergeData::new()
        .with("first_name", first)
        .with("surname", surname)
        .with("name", name.as_str())
        .with("company_name", company)
        .with(
            "mail_address",
            format!("{name}\n{company}\nMannerheimintie 1\n00100 Helsinki"),
        )
        .with("formal_salutation", format!("Dear {name}"))
        .with("document.date", "26 November 2026")
        .with("document.subject", "Our offer")
        .with("salesperson.name", "Maija Myyjä")
        .with("salesperson.job_title", "Sales Manager")
        .with("our_company.name", "Pohjoisen Kalusto Oy")
        .with("email", format!("{}@example.com", first.to_lowercase()))
}

fn word_pdf(template: &[u8], people: &[MergeData]) -> Vec<u8> {
    let template = DocxTemplate::parse(template).unwrap();
    let letters: Vec<PdfSource> = people
        .iter()
        .map(|data| PdfSource::Word(template.merge(data).unwrap().0))
        .collect();
    sources_pdf(&letters, Window::Left, "letters").unwrap()
}

#[test]
fn every_merged_value_of_a_word_letter_is_in_its_pdf() {
    let aino = person("Aino", "Virtanen", "Kalusto & Co Oy").with("comment", "Coffee is on us.");
    let pages = pages_of(&word_pdf(LETTER_TEMPLATE, std::slice::from_ref(&aino)));
    assert_eq!(pages.len(), 1);
    let text = squeezed(&pages[0]);
    for field in [
        "first_name",
        "company_name",
        "formal_salutation",
        "document.date",
        "salesperson.name",
        "salesperson.job_title",
        "our_company.name",
        "comment",
    ] {
        let value = aino.get(field).unwrap();
        assert!(text.contains(value), "{field}: {value} in {text}");
    }
    // The address keeps its lines.
    for line in aino.get("mail_address").unwrap().lines() {
        assert!(
            pages[0].lines().any(|l| l.trim() == line),
            "{line} alone on its line: {}",
            pages[0]
        );
    }
}

#[test]
fn a_rich_word_letter_shows_its_notes_boxes_tables_list_and_picture() {
    let people = [
        person("Aino", "Virtanen", "Kalusto Oy"),
        person("Bertil", "Lindqvist", "Lindqvist Ab"),
    ];
    let pdf = word_pdf(RICH_LETTER, &people);
    // The picture is in the file once, however many letters show it.
    let text = String::from_utf8_lossy(&pdf);
    assert_eq!(text.matches("/Subtype /Image").count(), 1);
    assert_eq!(
        text.matches("/XObject << /Im0 ").count(),
        2,
        "both pages draw it"
    );
    let pages = pages_of(&pdf);
    assert_eq!(pages.len(), 2, "one page per letter: {pages:?}");
    for (page, first, surname, company) in [
        (0, "Aino", "Virtanen", "Kalusto Oy"),
        (1, "Bertil", "Lindqvist", "Lindqvist Ab"),
    ] {
        let text = &pages[page];
        let flat = squeezed(text);
        // The footnote is its letter's own, at the foot of the page, under the body's text.
        let note = format!("Footnote for {first} {surname}");
        assert!(flat.contains(&note), "{note} in {text}");
        assert!(text.find(&note).unwrap() > text.find("Installation").unwrap());
        // Each text box once (its fallback is not drawn again).
        for boxed in [format!("Box one: {first}"), format!("Box two: {surname}")] {
            assert_eq!(flat.matches(&boxed).count(), 1, "{boxed} once in {text}");
        }
        // The nested table's cell and the numbered list.
        assert!(flat.contains(&format!("Company {company}")), "{text}");
        for item in ["1. Desks", "2. Chairs", "3. Installation"] {
            assert!(flat.contains(item), "{item} in {text}");
        }
        assert!(flat.contains("Page 1 of 1"), "{text}");
    }
}

#[test]
fn a_long_word_letter_runs_on_to_pages_that_count_themselves() {
    let long =
        "Words that go on for a while so that the letter needs more than one page. ".repeat(150);
    let aino = person("Aino", "Virtanen", "Kalusto Oy").with("comment", long.as_str());
    let pages = pages_of(&word_pdf(LETTER_TEMPLATE, &[aino]));
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let count = pages.len();
    for (index, page) in pages.iter().enumerate() {
        let footer = format!("Page {} of {count}", index + 1);
        assert!(squeezed(page).contains(&footer), "{footer} in {page}");
        // The header is on every page too.
        assert!(page.contains("Pohjoisen Kalusto Oy"));
    }
    assert!(pages[count - 1].contains("need"));
}

#[test]
fn an_e_mail_draft_attaches_its_word_letter_as_a_pdf() {
    use segmentti::core::production::{produce_letters_with, EmailAttachment, PDF_MIME};
    let (mut db, id) = db();
    let segment = db.segments.get_mut(&id).unwrap();
    for line in &mut segment.lines {
        line.template = Some(Code::new("WORD"));
    }
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-06T09:00:00+02:00").unwrap();
    let mut produced = produce_letters_with(&db, id, now, Some(EmailAttachment::Pdf)).unwrap();
    // Eeva's line is the e-mail one; her Word letter waits to be drawn as a PDF.
    assert_eq!(produced.awaiting_pdf.len(), 1);
    let to_make = produced.pdfs_to_make();
    assert_eq!(to_make[0].0, "Eeva Email.pdf");
    assert!(matches!(to_make[0].1, PdfSource::Word(_)));
    let Answer::Files(pdfs) = jobs::run(Job::PdfEach {
        letters: to_make,
        window: Window::Left,
    }) else {
        panic!("one PDF per draft");
    };
    let pages = pages_of(&pdfs[0]);
    assert_eq!(pages.len(), 1);
    assert!(pages[0].contains("Eeva Email") && pages[0].contains("Pohjoisen Kalusto Oy"));
    produced.attach_pdfs(pdfs).unwrap();
    let draft = produced
        .letters
        .values()
        .find(|l| l.file_name.ends_with(".eml"))
        .unwrap();
    let eml = String::from_utf8_lossy(&draft.bytes);
    assert!(
        eml.contains(PDF_MIME) && eml.contains("Eeva Email.pdf"),
        "{eml}"
    );
    // "%PDF-1.7" in base64: the attachment is the PDF itself.
    assert!(eml.contains("JVBERi0xLjc"));
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
