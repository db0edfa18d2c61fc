//! Lays out 1,000 one-page letters written in the letter language as PDFs, one file per
//! contact in a zip (as the "One PDF per contact" download does) and all in one PDF, and prints
//! the times (issue 13 item 4). The merge of each letter is timed with it, as the download does
//! both. Then the same for 1,000 Word letters (the sample letter-template.docx: header, footer
//! with page fields, a table), drawn from their own layout, and for 1,000 of the rich sample
//! (text boxes, nested tables, a picture, footnotes), so the two kinds can be compared in one
//! run.
//!
//! Run with `cargo run --release --example bench_pdf`. The clock is read here, in the example,
//! never in `core`.

use std::time::Instant;

use chrono::NaiveDate;
use segmentti::core::docx::{text_letter_template, DocxTemplate};
use segmentti::core::letter::MergeData;
use segmentti::core::output::{zip_files, OutputFile};
use segmentti::core::pdf::{letters_pdf, sources_pdf, PdfLetter, PdfSource, Window};
use segmentti::core::production::email_text;

const LETTERS: usize = 1_000;
const LETTER: &str = "{{mail_address}}\n\n{{document.date}}\n\n{{formal_salutation}},\n\nThank you for the pleasant conversation, {{first_name}}. As promised, here is our proposal for {{company_name}}: twelve height-adjustable desks, chairs and their installation within four weeks of the order.\n\nPlease do not hesitate to contact me if you have any questions.\n\nKind regards\n{{salesperson.name}}\n{{salesperson.job_title}}";

fn data(index: usize) -> MergeData {
    MergeData::new()
        .with("first_name", format!("Äino{index}"))
        .with("name", format!("Äino Virtanen {index}"))
        .with("company_name", format!("Kalusto {} Oy", index % 40))
        .with(
            "mail_address",
            format!("Äino Virtanen {index}\nKalusto Oy\nMannerheimintie {index}\n00100 Helsinki"),
        )
        .with("formal_salutation", "Dear Ms Virtanen")
        .with("document.date", "26 November 2026")
        .with("salesperson.name", "Maija Myyjä")
        .with("salesperson.job_title", "Sales Manager")
}

/// Merges `template` for every contact, then lays the Word letters out one PDF each in a zip and
/// all in one PDF, and prints the times.
fn word_letters(label: &str, template: &[u8], people: &[MergeData]) {
    let template = DocxTemplate::parse(template).expect("the sample parses");
    let started = Instant::now();
    let letters: Vec<PdfSource> = people
        .iter()
        .map(|data| PdfSource::Word(template.merge(data).expect("it merges").0))
        .collect();
    let merged = started.elapsed();

    let started = Instant::now();
    let files: Vec<OutputFile> = letters
        .iter()
        .enumerate()
        .map(|(index, letter)| OutputFile {
            name: format!("letter {index}.pdf"),
            bytes: sources_pdf(std::slice::from_ref(letter), Window::Left, "letter")
                .expect("it is drawn"),
        })
        .collect();
    let modified = NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let zip = zip_files(&files, modified).expect("the zip is written");
    let per_contact = started.elapsed();

    let started = Instant::now();
    let one = sources_pdf(&letters, Window::Left, "letters").expect("they are drawn");
    let all_in_one = started.elapsed();
    println!(
        "merge of {LETTERS} {label}: {:.1} ms",
        merged.as_secs_f64() * 1000.0
    );
    println!(
        "{LETTERS} {label} as PDFs in a zip: {:.1} ms ({} KB, {:.1} KB per PDF)",
        per_contact.as_secs_f64() * 1000.0,
        zip.len() / 1024,
        files.iter().map(|f| f.bytes.len()).sum::<usize>() as f64 / 1024.0 / LETTERS as f64
    );
    println!(
        "{LETTERS} {label} in one PDF: {:.1} ms ({} KB)",
        all_in_one.as_secs_f64() * 1000.0,
        one.len() / 1024
    );
}

fn main() {
    let template = DocxTemplate::parse(&text_letter_template(LETTER)).expect("the letter parses");
    let people: Vec<MergeData> = (0..LETTERS).map(data).collect();
    let started = Instant::now();
    let letters: Vec<PdfLetter> = people
        .iter()
        .map(|data| {
            let merged = template.merge(data).expect("it merges").0;
            PdfLetter {
                sender: "Pohjoisen Kalusto Oy · Teollisuuskatu 5 · 90100 Oulu".into(),
                address: data.get("mail_address").unwrap_or_default().to_string(),
                body: email_text(&template, data, &merged, false).expect("it has a text"),
            }
        })
        .collect();
    let merged = started.elapsed();

    let started = Instant::now();
    let files: Vec<OutputFile> = letters
        .iter()
        .enumerate()
        .map(|(index, letter)| OutputFile {
            name: format!("letter {index}.pdf"),
            bytes: letters_pdf(std::slice::from_ref(letter), Window::Left, "letter"),
        })
        .collect();
    let modified = NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let zip = zip_files(&files, modified).expect("the zip is written");
    let per_contact = started.elapsed();

    let started = Instant::now();
    let one = letters_pdf(&letters, Window::Left, "letters");
    let all_in_one = started.elapsed();

    println!(
        "merge and text of {LETTERS} letters: {:.1} ms",
        merged.as_secs_f64() * 1000.0
    );
    println!(
        "{LETTERS} one-page PDFs in a zip: {:.1} ms ({} KB, {:.1} KB per PDF)",
        per_contact.as_secs_f64() * 1000.0,
        zip.len() / 1024,
        files.iter().map(|f| f.bytes.len()).sum::<usize>() as f64 / 1024.0 / LETTERS as f64
    );
    println!(
        "{LETTERS} letters in one PDF: {:.1} ms ({} KB)",
        all_in_one.as_secs_f64() * 1000.0,
        one.len() / 1024
    );

    // Word letters: the fields the samples use, with the rich sample's own.
    let people: Vec<MergeData> = people
        .into_iter()
        .enumerate()
        .map(|(index, data)| {
            data.with("surname", format!("Virtanen {index}"))
                .with("our_company.name", "Pohjoisen Kalusto Oy")
                .with("email", format!("aino{index}@example.com"))
                .with("document.subject", "Our offer")
        })
        .collect();
    word_letters(
        "Word letters (letter-template.docx)",
        include_bytes!("../tests/fixtures/letter-template.docx"),
        &people,
    );
    word_letters(
        "Word letters (rich-letter.docx)",
        include_bytes!("../tests/fixtures/rich-letter.docx"),
        &people,
    );
}
