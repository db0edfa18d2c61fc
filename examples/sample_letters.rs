//! Writes the letters Segmentti produces from the sample Word documents into a folder, so that
//! `scripts/check-letters` can open them with LibreOffice the way a user's word processor would:
//!
//! - `letter.docx`: letter-template.docx merged for one contact;
//! - `combined.docx`: the same template merged for three contacts and combined into one document;
//! - `mailmerge.docx`: word-mailmerge.docx (classic MERGEFIELDs) merged for one contact;
//! - `rich-combined.docx`: rich-letter.docx (footnote, endnote, comment, bookmarks, text boxes,
//!   nested table, image, numbered list, links with fields) merged for three contacts and
//!   combined, to show that every letter keeps its own footnote (issue 13);
//! - `draft.eml`: letter-template.docx as an e-mail draft to the first contact, the letter's text
//!   without its address block as the body and the letter attached (issue 13 item 5); the
//!   script reads it back with Python's own MIME parser;
//! - `template-draft.eml`, `template-attachment.pdf`: a template's own e-mail (its subject and
//!   text with fields) produced for one contact as the app does, the letter attached as a PDF
//!   made by the worker's job; the script checks the merged subject and text and that the
//!   attachment is that PDF;
//! - `print-letter.html`, `print-rich.html`, `print-mailmerge.html`: the print view of the
//!   merged sample letters, drawn from their layout (issue 13 item 3), to look at and to print;
//! - `din-left.pdf`, `din-right.pdf`: a letter written in the letter language for the three
//!   contacts as Segmentti's own PDF (issue 13 item 4), the address in a left or right window;
//! - `word-letter.pdf`, `word-rich.pdf`, `word-mailmerge.pdf`, `word-long.pdf` (a three-page
//!   letter): the sample Word documents merged
//!   for the contacts and drawn as Segmentti's own PDF from their layout, all letters in one
//!   file (issue 13 item 4), to compare with LibreOffice's PDFs of the same merged documents;
//! - `expected.txt`: what each PDF must show: `file<TAB>pages<TAB>N` for its page count, and
//!   `file<TAB>text<TAB>words` for text it must contain, `file<TAB>count<TAB>N<TAB>words` for text
//!   it must contain exactly N times, `file<TAB>page<TAB>N<TAB>words` for text page N must show.
//!
//! Run with `cargo run --example sample_letters -- <folder>`.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::DateTime;
use segmentti::core::docx::{letter_html, text_letter_template, DocxTemplate};
use segmentti::core::letter::MergeData;
use segmentti::core::output::{combined_docx, eml, print_sheets, Attachment, EmailDraft};
use segmentti::core::pdf::{letters_pdf, sources_pdf, PdfLetter, PdfSource, Window};
use segmentti::core::production::{email_text, DOCX_MIME};

const LETTER_TEMPLATE: &[u8] = include_bytes!("../tests/fixtures/letter-template.docx");
const WORD_MAILMERGE: &[u8] = include_bytes!("../tests/fixtures/word-mailmerge.docx");
const RICH_LETTER: &[u8] = include_bytes!("../tests/fixtures/rich-letter.docx");

fn contact(first: &str, surname: &str, company: &str) -> MergeData {
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
        .with("address", "Mannerheimintie 1")
        .with("city", "Helsinki")
        .with("post_code", "00100")
        .with("formal_salutation", format!("Dear {name}"))
        .with("document.date", "26 November 2026")
        .with("salesperson.name", "Maija Myyjä")
        .with("salesperson.job_title", "Sales Manager")
        .with("our_company.name", "Pohjoisen Kalusto Oy")
        .with("comment", "Coffee is on us.")
        .with("email", format!("{}@example.com", first.to_lowercase()))
        .with("document.subject", "Our offer")
}

fn main() {
    let folder = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: sample_letters <folder>"),
    );
    std::fs::create_dir_all(&folder).expect("the folder can be created");
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(folder.join(name), bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    };
    let mut expected = String::new();

    let template = DocxTemplate::parse(LETTER_TEMPLATE).expect("the sample template parses");
    let people = [
        contact("Aino", "Virtanen", "Kalusto & Co Oy"),
        contact("Bertil", "Lindqvist", "Bertil <img src=x> Ab"),
        contact("Chloé", "Martin", "Martin SARL"),
    ];
    let letters: Vec<Vec<u8>> = people
        .iter()
        .map(|data| template.merge(data).expect("the letter merges").0)
        .collect();
    write("letter.docx", &letters[0]);
    writeln!(expected, "letter\tpages\t1").unwrap();
    for text in ["Aino Virtanen", "Kalusto & Co Oy", "Page 1 of 1"] {
        writeln!(expected, "letter\ttext\t{text}").unwrap();
    }

    write(
        "combined.docx",
        &combined_docx(&letters).expect("the letters combine"),
    );
    // One page per letter, each counting its own pages.
    writeln!(expected, "combined\tpages\t3").unwrap();
    writeln!(expected, "combined\tcount\t3\tPage 1 of 1").unwrap();
    for text in [
        "Aino Virtanen",
        "Bertil Lindqvist",
        "Bertil <img src=x> Ab",
        "Chloé Martin",
    ] {
        writeln!(expected, "combined\ttext\t{text}").unwrap();
    }

    let mailmerge = DocxTemplate::parse(WORD_MAILMERGE).expect("the mail-merge document parses");
    write(
        "mailmerge.docx",
        &mailmerge.merge(&people[2]).expect("it merges").0,
    );
    for text in ["Chloé", "Martin SARL"] {
        writeln!(expected, "mailmerge\ttext\t{text}").unwrap();
    }
    // Every letter of the combined rich letter is one page and shows its own footnote there,
    // not an empty reference to the first letter's. The endnotes of all letters follow on a
    // fourth page, as Word and LibreOffice place endnotes at the end of the document.
    let rich = DocxTemplate::parse(RICH_LETTER).expect("the rich letter parses");
    let rich_letters: Vec<Vec<u8>> = people
        .iter()
        .map(|data| rich.merge(data).expect("the rich letter merges").0)
        .collect();
    write(
        "rich-combined.docx",
        &combined_docx(&rich_letters).expect("the rich letters combine"),
    );
    writeln!(expected, "rich-combined\tpages\t4").unwrap();
    writeln!(expected, "rich-combined\tcount\t3\tPage 1 of 1").unwrap();
    for (page, name) in ["Aino Virtanen", "Bertil Lindqvist", "Chloé Martin"]
        .iter()
        .enumerate()
    {
        let page = page + 1;
        writeln!(expected, "rich-combined\tpage\t{page}\tFootnote for {name}").unwrap();
        writeln!(expected, "rich-combined\tpage\t{page}\tletter to {name}").unwrap();
        writeln!(expected, "rich-combined\tpage\t{page}\t3. Installation").unwrap();
    }

    let body = email_text(&template, &people[0], &letters[0], true).expect("the letter has a text");
    let draft = EmailDraft {
        to_name: "Aino Virtanen".into(),
        to_email: "aino@example.com".into(),
        from_name: "Maija Myyjä".into(),
        from_email: "maija@example.org".into(),
        subject: "Tarjous: syksyn kalusteet — Äänekoski".into(),
        body,
        lang: "fi".into(),
        date: DateTime::parse_from_rfc3339("2026-11-26T09:30:00+02:00").expect("a date"),
        attachment: Some(Attachment {
            file_name: "Kalusto & Co Oy - Aino Virtanen.docx".into(),
            mime: DOCX_MIME.into(),
            bytes: letters[0].clone(),
        }),
    };
    write("draft.eml", &eml(&draft));
    let print = |name: &str, letters: &[Vec<u8>]| {
        let sheets: Vec<_> = letters
            .iter()
            .map(|bytes| letter_html(bytes).expect("the letter is drawn"))
            .collect();
        write(name, print_sheets(name, "en", &sheets).as_bytes());
    };
    print("print-letter.html", &letters);
    print("print-rich.html", &rich_letters);
    print(
        "print-mailmerge.html",
        &[mailmerge.merge(&people[2]).expect("it merges").0],
    );

    // The letter-language letter as PDFs: one page per contact, every merged value on its page,
    // the address once (in the window, not again in the text).
    let text = DocxTemplate::parse(&text_letter_template(
        "{{mail_address}}\n\n{{document.date}}\n\n{{formal_salutation}},\n\nThank you, {{first_name}}. Here is our offer for {{company_name}}: Šárka, Łódź, Ærø.\n\nKind regards\n{{salesperson.name}}\n{{salesperson.job_title}}",
    ))
    .expect("the text letter parses");
    let din: Vec<PdfLetter> = people
        .iter()
        .map(|data| {
            let merged = text.merge(data).expect("it merges").0;
            PdfLetter {
                sender: "Pohjoisen Kalusto Oy · Teollisuuskatu 5 · 90100 Oulu".into(),
                address: data.get("mail_address").unwrap_or_default().to_string(),
                body: email_text(&text, data, &merged, false).expect("it has a text"),
            }
        })
        .collect();
    for (file, window) in [("din-left", Window::Left), ("din-right", Window::Right)] {
        write(&format!("{file}.pdf"), &letters_pdf(&din, window, file));
        writeln!(expected, "{file}\tpages\t3").unwrap();
        writeln!(expected, "{file}\tcount\t3\tMannerheimintie 1").unwrap();
        for (page, data) in people.iter().enumerate() {
            for field in ["name", "company_name", "first_name", "document.date"] {
                let value = data.get(field).unwrap_or_default();
                writeln!(expected, "{file}\tpage\t{}\t{value}", page + 1).unwrap();
            }
            writeln!(expected, "{file}\tpage\t{}\tŠárka, Łódź, Ærø.", page + 1).unwrap();
            writeln!(expected, "{file}\tpage\t{}\tMaija Myyjä", page + 1).unwrap();
            writeln!(expected, "{file}\tpage\t{}\tTeollisuuskatu 5", page + 1).unwrap();
        }
    }
    // The Word letters as Segmentti's own PDFs, drawn from their layout: a page per letter,
    // every merged value on its letter's page, the header, the footer's page fields, each
    // letter's footnote on its page and each text box once.
    let word_pdf = |letters: &[Vec<u8>], title: &str| {
        let sources: Vec<PdfSource> = letters.iter().cloned().map(PdfSource::Word).collect();
        sources_pdf(&sources, Window::Left, title).expect("the Word letters are drawn")
    };
    write("word-letter.pdf", &word_pdf(&letters, "word-letter"));
    writeln!(expected, "word-letter\tpages\t3").unwrap();
    writeln!(expected, "word-letter\tcount\t3\tPage 1 of 1").unwrap();
    writeln!(expected, "word-letter\tcount\t3\tPohjoisen Kalusto Oy").unwrap();
    for (page, data) in people.iter().enumerate() {
        let page = page + 1;
        for field in [
            "name",
            "company_name",
            "first_name",
            "formal_salutation",
            "document.date",
            "salesperson.name",
            "salesperson.job_title",
            "comment",
        ] {
            let value = data.get(field).unwrap_or_default();
            writeln!(expected, "word-letter\tpage\t{page}\t{value}").unwrap();
        }
        writeln!(expected, "word-letter\tpage\t{page}\tMannerheimintie 1").unwrap();
    }
    write("word-rich.pdf", &word_pdf(&rich_letters, "word-rich"));
    writeln!(expected, "word-rich\tpages\t3").unwrap();
    writeln!(expected, "word-rich\tcount\t3\tPage 1 of 1").unwrap();
    for (page, data) in people.iter().enumerate() {
        let page = page + 1;
        let first = data.get("first_name").unwrap_or_default();
        let surname = data.get("surname").unwrap_or_default();
        let name = data.get("name").unwrap_or_default();
        for text in [
            format!("Footnote for {name}"),
            format!("Box one: {first}"),
            format!("Box two: {surname}"),
            format!("Thank you, {first}, for your interest."),
            "Installation".to_string(),
        ] {
            writeln!(expected, "word-rich\tpage\t{page}\t{text}").unwrap();
        }
        writeln!(expected, "word-rich\tcount\t1\tBox one: {first}").unwrap();
    }
    // A letter longer than a page: the text runs on, the header and the footer's "Page n of m"
    // are on every page, and poppler counts as many pages as the footer says.
    let long = people[0].clone().with(
        "comment",
        "A long postscript that runs on and on, so that the letter needs three pages. ".repeat(110),
    );
    write(
        "word-long.pdf",
        &word_pdf(&[template.merge(&long).expect("it merges").0], "word-long"),
    );
    writeln!(expected, "word-long\tpages\t3").unwrap();
    for page in 1..=3 {
        writeln!(expected, "word-long\tpage\t{page}\tPage {page} of 3").unwrap();
        writeln!(expected, "word-long\tpage\t{page}\tPohjoisen Kalusto Oy").unwrap();
    }
    write(
        "word-mailmerge.pdf",
        &word_pdf(
            &[mailmerge.merge(&people[2]).expect("it merges").0],
            "word-mailmerge",
        ),
    );
    writeln!(expected, "word-mailmerge\tpages\t1").unwrap();
    for text in ["Chloé", "Martin SARL", "Maija Myyjä"] {
        writeln!(expected, "word-mailmerge\ttext\t{text}").unwrap();
    }

    let (eml_bytes, pdf_bytes) = template_email_draft();
    write("template-draft.eml", &eml_bytes);
    write("template-attachment.pdf", &pdf_bytes);
    writeln!(expected, "template-attachment\tpages\t1").unwrap();
    writeln!(expected, "template-attachment\ttext\tHyvä Aino Virtanen").unwrap();
    writeln!(expected, "template-attachment\ttext\tMannerheimintie 1").unwrap();

    write("expected.txt", expected.as_bytes());
}

/// A template whose Finnish e-mail has its own subject and text and attaches the letter as a
/// PDF, produced for Aino Virtanen through `production` and the worker's job, as the Downloads
/// page does: the draft's bytes and the PDF attached to it.
fn template_email_draft() -> (Vec<u8>, Vec<u8>) {
    use segmentti::core::changes::{Changes, Record};
    use segmentti::core::db::Db;
    use segmentti::core::ids::{Code, ContactId};
    use segmentti::core::model::*;
    use segmentti::core::production::produce_letters;
    use segmentti::jobs::{run, Answer, Job};

    let now = DateTime::parse_from_rfc3339("2026-11-26T09:30:00+02:00").expect("a date");
    let mut changes = Changes::new();
    changes
        .put(Record::Template(InteractionTemplate {
            code: Code::new("SPRING"),
            language_default: "fi".into(),
            letters: vec![TemplateLetter {
                language: "fi".into(),
                subject: "Kevät".into(),
                body: LetterBody::Text(
                    "{{mail_address}}\n\nHyvä {{name}},\n\ntässä kevään tarjous.".into(),
                ),
            }],
            emails: vec![TemplateEmail {
                language: "fi".into(),
                subject: "Tarjous {{company_name}}lle — Äänekoski".into(),
                body: "Hei {{first_name}},\n\ntarjous on liitteenä.".into(),
                attachment: EmailAttachment::Pdf,
            }],
            ..Default::default()
        }))
        .put(Record::Contact(Contact {
            id: ContactId(1),
            kind: ContactKind::Company,
            name: "Kalusto & Co Oy".into(),
            address: "Mannerheimintie 1".into(),
            post_code: "00100".into(),
            city: "Helsinki".into(),
            ..Default::default()
        }))
        .put(Record::Contact(Contact {
            id: ContactId(2),
            company: Some(ContactId(1)),
            name: "Aino Virtanen".into(),
            first_name: "Aino".into(),
            surname: "Virtanen".into(),
            email: "aino@example.com".into(),
            language: "fi".into(),
            correspondence_type: CorrespondenceType::Email,
            ..Default::default()
        }));
    let mut db = Db::new();
    db.apply(&changes);
    let (id, changes) = db
        .create_segment(
            "Kevät",
            None,
            Some(Code::new("SPRING")),
            now.date_naive(),
            now.naive_local(),
        )
        .expect("a segment");
    db.apply(&changes);
    let changes = db
        .add_contact_to_segment(id, ContactId(2), now.naive_local())
        .expect("the contact joins");
    db.apply(&changes);
    let mut produced = produce_letters(&db, id, now).expect("the letters are produced");
    let job = Job::PdfEach {
        letters: produced.pdfs_to_make(),
        window: Window::Left,
    };
    let Answer::Files(pdfs) = run(job) else {
        panic!("the worker's job makes one PDF per draft");
    };
    let pdf = pdfs.first().expect("one PDF").clone();
    produced.attach_pdfs(pdfs).expect("the PDFs are attached");
    let letter = produced.letters.into_values().next().expect("one draft");
    (letter.bytes, pdf)
}
