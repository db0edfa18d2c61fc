//! Memory and time of loading the benchmark's large database at start (issue #7).
//!
//! Run with `cargo run --release --example bench_load`. Builds the browser benchmark's database
//! (100,000 generated contacts and 500,000 log entries, `src/sample.rs`), writes it into the
//! in-memory storage backend as a snapshot (as compaction writes it) plus a short journal (as
//! commits write it), then loads it back with `storage::load` three times.
//!
//! A counting global allocator tracks the bytes currently allocated and the peak. Printed: the
//! bytes the loaded `Db` retains (allocated after the load minus before it), the peak during the
//! load above what was allocated before it (the stored bytes themselves are not counted: in the
//! browser they live in IndexedDB, outside wasm memory), and the load time, median of 3.
//!
//! Wasm linear memory never shrinks, so the peak is what the tab keeps for its life.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use chrono::NaiveDate;
use segmentti::core::changes::{Changes, Record};
use segmentti::core::ids::Code;
use segmentti::sample::generate;
use segmentti::storage::{self, memory::MemoryBackend};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn added(bytes: usize) {
    let now = CURRENT.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = System.alloc(layout);
        if !ptr.is_null() {
            added(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = System.alloc_zeroed(layout);
        if !ptr.is_null() {
            added(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let out = System.realloc(ptr, layout, new_size);
        if !out.is_null() {
            if new_size >= layout.size() {
                added(new_size - layout.size());
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        out
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const CONTACTS: u32 = 100_000;
const ENTRIES: u32 = 500_000;
const RUNS: usize = 3;
/// Journal entries written after the snapshot, each one user action.
const JOURNAL: usize = 20;

fn current() -> usize {
    CURRENT.load(Ordering::Relaxed)
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Runs a future that never waits (the memory backend answers at once).
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut context) {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("the memory backend never waits"),
    }
}

fn main() {
    let now = NaiveDate::from_ymd_opt(2026, 11, 26)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("a valid date");
    let backend = MemoryBackend::new();
    let stored;
    {
        let started = Instant::now();
        let db = generate(CONTACTS, ENTRIES, now);
        let generated = started.elapsed().as_secs_f64() * 1000.0;
        storage::compact(&backend, &db, 0).await_now();
        // A short journal after the snapshot, as ordinary commits write it: each action edits
        // one contact.
        let mut seq = 0;
        for (n, contact) in db.contacts.values().take(JOURNAL).enumerate() {
            let mut contact = contact.clone();
            contact.notes = format!("edited {n}");
            contact.salesperson = Some(Code::new("SP"));
            let mut changes = Changes::new();
            changes.put(Record::Contact(contact));
            seq = block_on(storage::commit(&backend, seq, &changes)).expect("commits");
        }
        stored = seq;
        println!(
            "generated {} contacts, {} entries in {generated:.0} ms; stored as a snapshot and {JOURNAL} journal entries",
            db.contacts.len(),
            db.entries.len(),
        );
    }

    let mut times = Vec::new();
    let mut retained = 0;
    let mut peak = 0;
    let mut counts = (0, 0);
    for _ in 0..RUNS {
        let before = current();
        PEAK.store(before, Ordering::Relaxed);
        let started = Instant::now();
        let loaded = black_box(block_on(storage::load(&backend)).expect("loads"));
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(loaded.seq, stored);
        assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
        retained = current() - before;
        peak = PEAK.load(Ordering::Relaxed) - before;
        counts = (loaded.db.contacts.len(), loaded.db.entries.len());
        drop(loaded);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let (contacts, entries) = counts;
    println!("loaded {contacts} contacts, {entries} entries");
    println!(
        "retained by the loaded Db   {:>8.1} MiB ({retained} bytes)",
        mib(retained)
    );
    println!(
        "peak during the load        {:>8.1} MiB ({peak} bytes)",
        mib(peak)
    );
    println!(
        "load time                   {:>8.1} ms median of {RUNS} (min {:.1}, max {:.1})",
        times[RUNS / 2],
        times[0],
        times[RUNS - 1]
    );
    // Per-record sizes: a database of the same contacts without entries tells them apart.
    let contacts_only = {
        let db = generate(CONTACTS, 0, now);
        let backend = MemoryBackend::new();
        storage::compact(&backend, &db, 0).await_now();
        drop(db);
        let before = current();
        let loaded = block_on(storage::load(&backend)).expect("loads");
        let bytes = current() - before;
        drop(loaded);
        bytes
    };
    println!(
        "retained per contact        {:>8.1} bytes",
        contacts_only as f64 / contacts as f64
    );
    println!(
        "retained per entry          {:>8.1} bytes",
        (retained - contacts_only) as f64 / entries as f64
    );
}

trait AwaitNow {
    type Output;
    fn await_now(self) -> Self::Output;
}

impl<F: std::future::Future<Output = Result<(), storage::StoreError>>> AwaitNow for F {
    type Output = ();
    fn await_now(self) {
        block_on(self).expect("the memory backend writes")
    }
}
