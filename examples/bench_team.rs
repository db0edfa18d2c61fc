//! Time and size of sharing a large database through an exchange file (issue #11).
//!
//! Run with `cargo run --release --example bench_team`. Builds the benchmark database (100,000
//! generated contacts and 500,000 log entries, `src/sample.rs`) in browser A, joins A and an empty
//! browser B to a team, and measures, natively:
//! * capture: the first capture turns every record into a document with its first revision;
//! * share: the exchange file of everything (its size, and the size of its JSON before gzip);
//! * receive: B reads the file, merges it and builds the change set of every record;
//! * apply: B's database takes that change set (what the store's commit is followed by);
//! * an incremental round: one contact edited on A, capture + share + receive of that change;
//! * the baseline, in the same run: a backup of A written, then read and planned as a Replace
//!   restore into an empty browser (what a person would do today to copy a database across),
//!   so the exchange file's cost shows as a ratio to it.
//!
//! Browser A is dropped before B receives, so the peak memory is one browser and a file.
//!
//! The store's own write of the change set (IndexedDB) is not included; `bench_load` and the
//! browser benchmarks measure storage.

use std::time::Instant;

use chrono::NaiveDate;
use segmentti::core::changes::{Changes, Record};
use segmentti::core::db::Db;
use segmentti::sample::generate;
use segmentti::storage::backup::{plan_restore, read_backup, write_backup, RestoreMode};
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
    println!("browser A: {contacts} contacts, {entries} entries");

    // The baseline: a backup of the same database, written and then planned as a restore.
    let started = Instant::now();
    let backup = write_backup(&a, Vec::new(), now);
    let backup_write_ms = ms(started);
    let started = Instant::now();
    let read = read_backup(&backup).expect("its own backup");
    let (restore, _) =
        plan_restore(&Db::new(), &read, RestoreMode::Replace).expect("a replace is planned");
    let backup_read_ms = ms(started);
    drop((read, restore));

    let started = Instant::now();
    let captured = team::capture(&a);
    let capture_ms = ms(started);
    let documents = captured.puts.len();
    let started = Instant::now();
    a.apply(&captured);
    let capture_apply_ms = ms(started);
    drop(captured);

    let started = Instant::now();
    let (file, moved) = team::share(&a, true, now, &[]).expect("joined");
    let share_ms = ms(started);
    a.apply(&moved);

    // One edit on A, captured and shared.
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
    let (a_contacts, a_entries) = (a.contacts.len(), a.entries.len());
    drop(a);

    let mut b = joined(Db::new(), 0xB2, "BK");
    let started = Instant::now();
    let (preview, changes) = team::receive(&b, &file).expect("a good file");
    let receive_ms = ms(started);
    let started = Instant::now();
    b.apply(&changes);
    let apply_ms = ms(started);
    drop(changes);
    assert_eq!(b.contacts.len(), a_contacts);
    assert_eq!(b.entries.len(), a_entries);
    let started = Instant::now();
    let (small, changes) = team::receive(&b, &small_file).expect("a good file");
    let small_receive_ms = ms(started);
    b.apply(&changes);
    assert_eq!(small.changed, 1);

    println!(
        "baseline backup: {:.1} MB, written in {backup_write_ms:.0} ms, read and planned in {backup_read_ms:.0} ms",
        backup.len() as f64 / 1e6
    );
    println!(
        "documents: {documents}; file of everything: {:.1} MB (gzip JSON), {:.2}x the backup's size",
        file.len() as f64 / 1e6,
        file.len() as f64 / backup.len() as f64
    );
    println!("first capture: {capture_ms:.0} ms (+ {capture_apply_ms:.0} ms to apply)");
    println!(
        "share everything: {share_ms:.0} ms; capture and share {:.1}x the backup's write",
        (capture_ms + share_ms) / backup_write_ms
    );
    println!(
        "receive everything: {receive_ms:.0} ms (+ {apply_ms:.0} ms to apply); added {}; {:.1}x the backup's read and plan",
        preview.added,
        receive_ms / backup_read_ms
    );
    println!(
        "one edited contact: capture {small_capture_ms:.0} ms, file {} bytes, receive {small_receive_ms:.0} ms",
        small_file.len()
    );
}
