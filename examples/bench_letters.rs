//! Merges 1,000 letters from the sample letter template into one zip and prints the rate.
//!
//! Run with `cargo run --release --example bench_letters`. The clock is read here, in the
//! example, never in `core`.

use std::time::Instant;

use chrono::NaiveDate;
use segmentti::core::docx::DocxTemplate;
use segmentti::core::letter::MergeData;
use segmentti::core::output::{combined_docx, letter_file_name, zip_files, OutputFile};

const TEMPLATE: &[u8] = include_bytes!("../tests/fixtures/letter-template.docx");
const LETTERS: usize = 1_000;

fn data(index: usize) -> MergeData {
    MergeData::new()
        .with("first_name", format!("Aino{index}"))
        .with("name", format!("Aino Virtanen {index}"))
        .with("company_name", format!("Kalusto {} Oy", index % 40))
        .with(
            "mail_address",
            format!("Aino Virtanen {index}\nKalusto Oy\nMannerheimintie {index}\n00100 Helsinki"),
        )
        .with("formal_salutation", "Dear Ms Virtanen")
        .with("document.date", "26 November 2026")
        .with("salesperson.name", "Maija Myyjä")
        .with("salesperson.job_title", "Sales Manager")
        .with("our_company.name", "Pohjoisen Kalusto Oy")
        .with(
            "comment",
            if index % 2 == 0 {
                "Coffee is on us."
            } else {
                ""
            },
        )
}

fn main() {
    let stamp = NaiveDate::from_ymd_opt(2026, 11, 26)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("a valid date");
    let contacts: Vec<MergeData> = (0..LETTERS).map(data).collect();

    let started = Instant::now();
    let template = DocxTemplate::parse(TEMPLATE).expect("the sample template parses");
    let mut files = Vec::with_capacity(LETTERS);
    for (index, contact) in contacts.iter().enumerate() {
        let (bytes, _warnings) = template.merge(contact).expect("the letter merges");
        let name = letter_file_name(
            &format!("Kalusto {} Oy", index % 40),
            &format!("Aino Virtanen {index}"),
            "docx",
        );
        files.push(OutputFile { name, bytes });
    }
    let zip = zip_files(&files, stamp).expect("the zip is written");
    let elapsed = started.elapsed();
    println!(
        "{LETTERS} letters into one zip ({} KiB) in {:.3} s: {:.0} letters/s",
        zip.len() / 1024,
        elapsed.as_secs_f64(),
        LETTERS as f64 / elapsed.as_secs_f64()
    );

    let started = Instant::now();
    let combined = combined_docx(&files.iter().map(|f| f.bytes.as_slice()).collect::<Vec<_>>())
        .expect("the letters combine");
    let elapsed = started.elapsed();
    println!(
        "{LETTERS} merged letters combined into one .docx ({} KiB) in {:.3} s",
        combined.len() / 1024,
        elapsed.as_secs_f64()
    );
}
