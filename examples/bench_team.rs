//! Time and size of sharing a large database through an exchange file (issue #11).
//!
//! Run with `cargo run --release --example bench_team`. Builds the benchmark database (100,000
//! generated contacts and 500,000 log entries, `src/sample.rs`) in browser A, joins A and an empty
//! browser B to a team, and measures, natively:
//! * capture: the first capture turns every record into a document with its first revision;
//! * share: the exchange file of everything (its size, and the size of its JSON before gzip);
//! * receive: B reads the file, merges it and builds the change set of every record;
//! * apply: B's database takes that change set (what the store's commit is followed by);
//! * an incremental round: one contact edited on A, capture + share + receive of that change.
//!
//! The store's own write of the change set (IndexedDB) is not included; `bench_load` and the
//! browser benchmarks measure storage.

use std::time::Instant;

use chrono::NaiveDate;
use segmentti::core::changes::{Changes, Record};
use segmentti::core::db::Db;
use segmentti::sample::generate;
use segmentti::storage::team;

const CONTACTS: u32 = 100_000;
const ENTRIES: u32 = 500_000;

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

fn joined(mut db: Db, seed: u32, code: &str) -> Db {
    let changes = team::join(&db, move || seed, code, code).expect("a valid code");
    db.apply(&changes);
    db
}

fn main() {
    let contacts = std::env::var("BENCH_CONTACTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CONTACTS);
    let entries = std::env::var("BENCH_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(ENTRIES);
    let now = NaiveDate::from_ymd_opt(2026, 12, 4)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("a valid date");
    let mut a = joined(generate(contacts, entries, now), 0xA1, "AV");
    let mut b = joined(Db::new(), 0xB2, "BK");
    println!("browser A: {contacts} contacts, {entries} entries");

    let started = Instant::now();
    let captured = team::capture(&a);
    let capture_ms = ms(started);
    let documents = captured.puts.len();
    let started = Instant::now();
    a.apply(&captured);
    let capture_apply_ms = ms(started);

    let started = Instant::now();
    let (file, moved) = team::share(&a, true, now, &[]).expect("joined");
    let share_ms = ms(started);
    a.apply(&moved);

    let started = Instant::now();
    let (preview, changes) = team::receive(&b, &file).expect("a good file");
    let receive_ms = ms(started);
    let started = Instant::now();
    b.apply(&changes);
    let apply_ms = ms(started);
    assert_eq!(b.contacts.len(), a.contacts.len());
    assert_eq!(b.entries.len(), a.entries.len());

    // One edit on A, shared and received.
    let mut contact = a.contacts.values().next().expect("contacts").clone();
    contact.city = "Kauniainen".into();
    let mut edit = Changes::new();
    edit.put(Record::Contact(contact));
    a.apply(&edit);
    let started = Instant::now();
    let captured = team::capture(&a);
    let small_capture_ms = ms(started);
    a.apply(&captured);
    let (small_file, moved) = team::share(&a, false, now, &[]).expect("joined");
    a.apply(&moved);
    let started = Instant::now();
    let (small, changes) = team::receive(&b, &small_file).expect("a good file");
    let small_receive_ms = ms(started);
    b.apply(&changes);
    assert_eq!(small.changed, 1);

    println!(
        "documents: {documents}; file of everything: {:.1} MB (gzip JSON)",
        file.len() as f64 / 1e6
    );
    println!("first capture: {capture_ms:.0} ms (+ {capture_apply_ms:.0} ms to apply)");
    println!("share everything: {share_ms:.0} ms");
    println!(
        "receive everything: {receive_ms:.0} ms (+ {apply_ms:.0} ms to apply); added {}",
        preview.added
    );
    println!(
        "one edited contact: capture {small_capture_ms:.0} ms, file {} bytes, receive {small_receive_ms:.0} ms",
        small_file.len()
    );
}
