//! Entry points for the browser benchmarks (`scripts/bench`), compiled only with the `bench`
//! feature: `trunk build --release --features bench`. The page's `window.wasmBindings` exposes
//! them; `bench/run.mjs` calls them and times each call next to its JavaScript peer in the same
//! page. Preparation happens in separate calls so that only the measured work is timed.

use std::cell::RefCell;
use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::changes::Changes;
use crate::core::db::Db;
use crate::core::ids::{Code, SegmentId};
use crate::core::import::{self, ImportChoice, ImportChoices};
use crate::core::letter::MergeData;
use crate::core::logging::LogOptions;
use crate::core::model::StoredLetter;
use crate::core::output::{self, OutputFile};
use crate::sample;
use crate::storage;
use crate::store::idb::IdbBackend;

thread_local! {
    static DB: RefCell<Db> = RefCell::new(Db::new());
    static SEGMENT: RefCell<Option<SegmentId>> = const { RefCell::new(None) };
    static PENDING: RefCell<Option<Changes>> = const { RefCell::new(None) };
    static TEMPLATE: RefCell<Option<crate::core::docx::DocxTemplate>> = const { RefCell::new(None) };
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 26)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("valid")
}

fn error(e: impl std::fmt::Debug) -> JsValue {
    JsValue::from_str(&format!("{e:?}"))
}

/// Generates the sample database in memory; returns the number of contacts.
#[wasm_bindgen]
pub fn bench_generate(contacts: u32, entries: u32) -> u32 {
    let db = sample::generate(contacts, entries, now());
    let count = db.contacts.len() as u32;
    let (id, changes) = db
        .create_segment(
            "Benchmark",
            Some(Code::new("SP")),
            Some(Code::new("CALL")),
            now().date(),
            now(),
        )
        .expect("a segment can be created");
    DB.with(|cell| {
        let mut db = db;
        db.apply(&changes);
        *cell.borrow_mut() = db;
    });
    SEGMENT.with(|cell| *cell.borrow_mut() = Some(id));
    count
}

/// The generated contacts as plain JSON for the JavaScript peer filter: id, kind, company,
/// city, mailing groups, industry groups (on companies), exclusion.
#[wasm_bindgen]
pub fn bench_contacts_json() -> String {
    DB.with(|cell| {
        let db = cell.borrow();
        let rows: Vec<serde_json::Value> = db
            .contacts
            .values()
            .map(|c| {
                serde_json::json!({
                    "id": c.id.0,
                    "company": c.company_no().map(|id| id.0),
                    "city": c.city,
                    "mailing": c.mailing_groups.iter().map(|g| g.as_str()).collect::<Vec<_>>(),
                    "industry": c.industry_groups.iter().map(|g| g.as_str()).collect::<Vec<_>>(),
                    "excluded": c.exclude_from_segments,
                })
            })
            .collect();
        serde_json::to_string(&rows).expect("json")
    })
}

/// The Add Contacts preview with three filter sections; returns how many would join.
#[wasm_bindgen]
pub fn bench_preview() -> u32 {
    let id = SEGMENT.with(|cell| cell.borrow().expect("bench_generate first"));
    DB.with(|cell| {
        cell.borrow()
            .preview(id, &sample::three_section_add())
            .map_or(0, |p| p.join.len() as u32)
    })
}

/// Prepares logging a segment of `lines` lines, each with a letter of `letter_bytes` bytes (the
/// letters are made before timing: this measures the commit). Returns the size of all letters.
#[wasm_bindgen]
pub fn bench_log_prepare(lines: u32, letter_bytes: u32) -> Result<u32, JsValue> {
    DB.with(|cell| {
        let db = cell.borrow();
        let (id, changes) = db
            .create_segment(
                "Log benchmark",
                Some(Code::new("SP")),
                Some(Code::new("CALL")),
                now().date(),
                now(),
            )
            .map_err(error)?;
        let mut db = db.clone();
        db.apply(&changes);
        let add = crate::core::criteria::CriteriaAction::Add {
            criteria: crate::core::criteria::Criteria {
                contact: Some(sample::field(
                    crate::core::criteria::ContactField::No,
                    &format!("CT000001..CT{lines:06}"),
                )),
                ..Default::default()
            },
            options: crate::core::criteria::AddOptions {
                ignore_exclusion: true,
                ..Default::default()
            },
        };
        let changes = db.apply_action(id, &add, now()).map_err(error)?;
        db.apply(&changes);
        let segment = db.segment(id).ok_or_else(|| error("segment"))?;
        let letters: BTreeMap<u32, StoredLetter> = segment
            .lines
            .iter()
            .map(|line| {
                let bytes: Vec<u8> = (0..letter_bytes)
                    .map(|i| (i as u8) ^ (line.line_no as u8))
                    .collect();
                let letter = StoredLetter {
                    file_name: format!("{}.docx", line.contact.no()),
                    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                        .into(),
                    bytes,
                    merge_data: [("name".to_string(), line.contact.no())].into(),
                };
                (line.line_no, letter)
            })
            .collect();
        let total = letters.values().map(|l| l.bytes.len() as u32).sum();
        let options = LogOptions {
            follow_up: false,
            accept_warnings: true,
            ..LogOptions::default()
        };
        let result = db
            .log_segment(id, options, &letters, &[], now())
            .map_err(error)?;
        PENDING.with(|cell| *cell.borrow_mut() = Some(result.changes));
        Ok(total)
    })
}

/// Commits the prepared log in one IndexedDB transaction to the fresh database `name`.
#[wasm_bindgen]
pub async fn bench_log_commit(name: String) -> Result<(), JsValue> {
    let changes = PENDING
        .with(|cell| cell.borrow_mut().take())
        .ok_or_else(|| error("prepare first"))?;
    let backend = IdbBackend::open(&name).await.map_err(error)?;
    storage::commit(&backend, 0, &changes)
        .await
        .map_err(error)?;
    backend.close();
    Ok(())
}

/// The prepared log's records as JSON for the Dexie peer: one object per entry, its letter's
/// bytes beside it.
#[wasm_bindgen]
pub fn bench_log_records_json() -> String {
    PENDING.with(|cell| {
        let pending = cell.borrow();
        let Some(changes) = pending.as_ref() else {
            return "[]".into();
        };
        let letters: BTreeMap<u32, &StoredLetter> = changes
            .letter_batches
            .iter()
            .flat_map(|b| b.letters.iter().map(|(id, l)| (id.0, l)))
            .collect();
        let rows: Vec<serde_json::Value> = changes
            .puts
            .iter()
            .filter_map(|r| match r {
                crate::core::changes::Record::Entry(e) => Some(serde_json::json!({
                    "entry": e,
                    "letterSize": letters.get(&e.id.0).map_or(0, |l| l.bytes.len()),
                })),
                _ => None,
            })
            .collect();
        serde_json::to_string(&rows).expect("json")
    })
}

/// Writes the generated database as a snapshot into the database `name` (for the load and
/// cold-start measurements).
#[wasm_bindgen]
pub async fn bench_store(name: String) -> Result<(), JsValue> {
    IdbBackend::delete(&name).await.map_err(error)?;
    let backend = IdbBackend::open(&name).await.map_err(error)?;
    let snapshot = DB.with(|cell| storage::prepare_snapshot(&cell.borrow(), 0));
    storage::write_snapshot(&backend, snapshot)
        .await
        .map_err(error)?;
    backend.close();
    Ok(())
}

/// Loads everything from the database `name`, as the app does at start; returns the number of
/// contacts and entries loaded.
#[wasm_bindgen]
pub async fn bench_load(name: String) -> Result<Vec<u32>, JsValue> {
    let backend = IdbBackend::open(&name).await.map_err(error)?;
    let loaded = storage::load(&backend).await.map_err(error)?;
    backend.close();
    Ok(vec![
        loaded.db.contacts.len() as u32,
        loaded.db.entries.len() as u32,
    ])
}

/// Parses a letter template once (outside timing).
#[wasm_bindgen]
pub fn bench_letters_prepare(template: &[u8]) -> Result<(), JsValue> {
    let parsed = crate::core::docx::DocxTemplate::parse(template).map_err(error)?;
    TEMPLATE.with(|cell| *cell.borrow_mut() = Some(parsed));
    Ok(())
}

/// The merge data of letter `i`, the same values the docxtemplater peer receives.
pub fn letter_data(i: u32) -> MergeData {
    MergeData::new()
        .with("our_company.name", "Pohjoisen Kalusto Oy")
        .with(
            "mail_address",
            format!("First{i} Surname{i}\nCompany {i} Oy\nStreet {i}\n00100 Helsinki"),
        )
        .with("document.date", "26.11.2026")
        .with("formal_salutation", format!("Dear Ms Surname{i},"))
        .with("first_name", format!("First{i}"))
        .with("company_name", format!("Company {i} Oy"))
        .with(
            "comment",
            if i % 2 == 0 {
                format!("Note {i}")
            } else {
                String::new()
            },
        )
        .with("salesperson.name", "Sally Person")
        .with("salesperson.job_title", "Account Manager")
}

/// Merges `count` letters and zips them; returns the zip's size.
#[wasm_bindgen]
pub fn bench_letters(count: u32) -> Result<u32, JsValue> {
    TEMPLATE.with(|cell| {
        let template = cell.borrow();
        let template = template.as_ref().ok_or_else(|| error("prepare first"))?;
        let mut files = Vec::with_capacity(count as usize);
        for i in 0..count {
            let (bytes, _) = template.merge(&letter_data(i)).map_err(error)?;
            files.push(OutputFile {
                name: format!("Company {i} Oy - First{i} Surname{i}.docx"),
                bytes,
            });
        }
        let zip = output::zip_files(&files, now()).map_err(error)?;
        Ok(zip.len() as u32)
    })
}

/// The merge data of letter `i` as JSON, for the docxtemplater peer.
#[wasm_bindgen]
pub fn bench_letter_data_json(i: u32) -> String {
    serde_json::to_string(&letter_data(i).values).expect("json")
}

/// A Google Contacts CSV of `rows` rows (the same bytes for both importers).
#[wasm_bindgen]
pub fn bench_google_csv(rows: u32) -> Vec<u8> {
    sample::google_csv(rows)
}

/// Imports a Google CSV into the fresh database `name`: parse, find duplicates (skipped), and
/// commit as one batch. Returns the number of contacts added.
#[wasm_bindgen]
pub async fn bench_import(bytes: Vec<u8>, name: String) -> Result<u32, JsValue> {
    let parsed = import::open(&bytes)
        .and_then(|source| source.parse())
        .map_err(error)?;
    let db = Db::new();
    let plan = import::plan_import(&db, parsed.contacts);
    let choices = ImportChoices::for_duplicates(ImportChoice::Skip);
    let (changes, _, summary) = import::apply_import(&db, &plan, &choices, now()).map_err(error)?;
    let backend = IdbBackend::open(&name).await.map_err(error)?;
    storage::commit(&backend, 0, &changes)
        .await
        .map_err(error)?;
    backend.close();
    Ok(summary.added as u32)
}

/// The bytes of this module's linear memory, for the memory figure after start.
#[wasm_bindgen]
pub fn bench_wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            m.buffer()
                .dyn_into::<js_sys::ArrayBuffer>()
                .map_or(0.0, |b| b.byte_length() as f64)
        })
        .unwrap_or(0.0)
}

/// Lays out `count` one-page letters written in the letter language as a zip of one PDF each,
/// the way the "One PDF per contact" download does: merged here, laid out and zipped in the web
/// worker (`store::jobs`). Resolves to the zip's size. The page times the whole round trip.
#[wasm_bindgen]
pub async fn bench_pdf_zip(count: u32) -> Result<u32, JsValue> {
    use crate::core::docx::text_letter_template;
    use crate::core::pdf::{PdfLetter, Window};
    use crate::core::production::email_text;
    use crate::jobs::{Answer, Job};

    const LETTER: &str = "{{mail_address}}\n\n{{document.date}}\n\n{{formal_salutation}},\n\nThank you for the pleasant conversation, {{first_name}}. As promised, here is our proposal: twelve height-adjustable desks, chairs and their installation within four weeks of the order.\n\nKind regards\n{{salesperson.name}}\n{{salesperson.job_title}}";
    let template =
        crate::core::docx::DocxTemplate::parse(&text_letter_template(LETTER)).map_err(error)?;
    let mut letters = Vec::with_capacity(count as usize);
    for i in 0..count {
        let data = letter_data(i);
        let merged = template.merge(&data).map_err(error)?.0;
        let letter = PdfLetter {
            sender: "Pohjoisen Kalusto Oy · Teollisuuskatu 5 · 90100 Oulu".into(),
            address: data.get("mail_address").unwrap_or_default().to_string(),
            body: email_text(&template, &data, &merged, false).map_err(error)?,
        };
        letters.push((format!("letter {i}.pdf"), letter.into()));
    }
    let job = Job::PdfZip {
        letters,
        window: Window::Left,
        modified: now(),
    };
    match crate::store::jobs::run(&job).await.map_err(error)? {
        Answer::File(bytes) => Ok(bytes.len() as u32),
        Answer::Failed(e) => Err(error(e)),
        other => Err(error(format!(
            "a zip was asked for, the worker answered {other:?}"
        ))),
    }
}

/// Lays out `count` Word letters as a zip of one PDF each, the way the "One PDF per contact"
/// download does for a template whose body is a .docx: each letter merged here from the template
/// of [`bench_letters_prepare`] (`letter-template.docx`), sent to the web worker as its merged
/// document (`PdfSource::Word`), read again, laid out and zipped there. Resolves to the zip's
/// size. The page times the whole round trip, merge included, as for [`bench_pdf_zip`].
#[wasm_bindgen]
pub async fn bench_word_pdf_zip(count: u32) -> Result<u32, JsValue> {
    use crate::core::pdf::{PdfSource, Window};
    use crate::jobs::{Answer, Job};

    let letters = TEMPLATE.with(|cell| {
        let template = cell.borrow();
        let template = template.as_ref().ok_or_else(|| error("prepare first"))?;
        (0..count)
            .map(|i| {
                let (bytes, _) = template.merge(&letter_data(i)).map_err(error)?;
                Ok((format!("letter {i}.pdf"), PdfSource::Word(bytes)))
            })
            .collect::<Result<Vec<_>, JsValue>>()
    })?;
    let job = Job::PdfZip {
        letters,
        window: Window::Left,
        modified: now(),
    };
    match crate::store::jobs::run(&job).await.map_err(error)? {
        Answer::File(bytes) => Ok(bytes.len() as u32),
        Answer::Failed(e) => Err(error(e)),
        other => Err(error(format!(
            "a zip was asked for, the worker answered {other:?}"
        ))),
    }
}
