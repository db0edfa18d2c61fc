//! Live sync figures (issue #12), natively against pouchdb-server on loopback.
//!
//! Run with `cargo run --release --example bench_sync` (after `scripts/setup`, which installs
//! pouchdb-server). `BENCH_CONTACTS` and `BENCH_ENTRIES` shrink the database (defaults 100,000
//! and 500,000), `BENCH_PUSH` the pushed logged segment (default 10,000 lines).
//!
//! The documents are the app's own: the benchmark database of `src/sample.rs` joined to a team
//! and captured (`storage::team::capture`), so every body is what a browser would send. Then:
//! 1. seed: one replica pushes everything to an empty in-memory pouchdb-server (2,000 a batch);
//! 2. first pull: a fresh replica pulls everything with the app's settings (`Config::new`);
//! 3. first push after that pull: the pulled replica's first push session, which asks the server
//!    about every document it received (`_revs_diff`) and sends none;
//! 4. push of a logged segment: that replica writes `BENCH_PUSH` entry documents and a logged
//!    segment and pushes them;
//! 5. one change to a live replica: a second replica waits on a longpoll `_changes`; the time
//!    from the start of a one-document push to that document received there.

// Native only: it starts a node process and speaks HTTP with a blocking client.
#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/it/couch_server/mod.rs"]
mod couch_server;

#[cfg(not(target_arch = "wasm32"))]
use chrono::NaiveDate;
#[cfg(not(target_arch = "wasm32"))]
use couch_server::{body, send, Local, Server};
#[cfg(not(target_arch = "wasm32"))]
use segmentti::core::changes::Record;
#[cfg(not(target_arch = "wasm32"))]
use segmentti::core::db::team_policy;
#[cfg(not(target_arch = "wasm32"))]
use segmentti::core::team::couch::protocol::javascript_numbers;
#[cfg(not(target_arch = "wasm32"))]
use segmentti::core::team::couch::{Action, Config, Direction, Input, Replicator};
#[cfg(not(target_arch = "wasm32"))]
use segmentti::core::team::replica::Replica;
#[cfg(not(target_arch = "wasm32"))]
use segmentti::sample::generate;
#[cfg(not(target_arch = "wasm32"))]
use segmentti::storage::team::{capture, join};
#[cfg(not(target_arch = "wasm32"))]
use serde_json::json;
#[cfg(not(target_arch = "wasm32"))]
use std::time::{Duration, Instant};

#[cfg(not(target_arch = "wasm32"))]
fn env(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[cfg(not(target_arch = "wasm32"))]
fn seconds(since: Instant) -> f64 {
    since.elapsed().as_secs_f64()
}

/// Time spent waiting for the server, per kind of request: the transport's share of a session
/// (the server's own work, the loopback and reading the answer), told apart from the client's.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Default)]
struct Waited(std::collections::BTreeMap<String, (u32, Duration)>);

#[cfg(not(target_arch = "wasm32"))]
impl Waited {
    /// The benchmark's transport, timing each round trip under its request's label.
    fn send(
        &mut self,
        request: &segmentti::core::team::couch::Request,
    ) -> Result<segmentti::core::team::couch::Response, String> {
        let started = Instant::now();
        let answer = send(request);
        let entry = self.0.entry(request.label.clone()).or_default();
        entry.0 += 1;
        entry.1 += started.elapsed();
        answer
    }

    /// One line: the total and each kind of request with its count and time.
    fn report(&self, whole: f64) -> String {
        let total: f64 = self.0.values().map(|(_, d)| d.as_secs_f64()).sum();
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(label, (n, d))| format!("{label} {n}× {:.1} s", d.as_secs_f64()))
            .collect();
        format!(
            "waiting for the server {total:.1} s, the client {:.1} s ({})",
            whole - total,
            parts.join(", ")
        )
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let contacts = env("BENCH_CONTACTS", 100_000);
    let entries = env("BENCH_ENTRIES", 500_000);
    let pushed = env("BENCH_PUSH", 10_000);
    let now = NaiveDate::from_ymd_opt(2026, 12, 4)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("a date");

    let started = Instant::now();
    let mut db = generate(contacts, entries, now);
    let mut seed = 7u32;
    let joined = join(
        &db,
        || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            seed
        },
        "AV",
        "Anna",
    )
    .expect("joins");
    db.apply_owned(joined);
    let mut anna = Local::new("anna");
    anna.keep_saved = false;
    anna.replica = Replica::new(team_policy());
    for record in capture(&db).puts {
        if let Record::TeamDoc(mut doc) = record {
            // Bodies as they must travel (see `javascript_numbers`): the record mapping does
            // not write them so yet, and 0.0 would come back from the server as 0.
            for (_, body) in &mut doc.bodies {
                let mut value = serde_json::Value::Object(std::mem::take(body));
                javascript_numbers(&mut value);
                if let serde_json::Value::Object(fields) = value {
                    *body = fields;
                }
            }
            anna.replica.import(doc);
        }
    }
    let docs = anna.replica.len();
    let bytes: usize = anna
        .replica
        .live()
        .map(|(_, b)| serde_json::to_vec(&b).map_or(0, |v| v.len()))
        .sum();
    println!(
        "documents: {docs} ({contacts} contacts, {entries} entries and set-up), {:.0} bytes of JSON body on average; built in {:.1} s",
        bytes as f64 / docs.max(1) as f64,
        seconds(started)
    );

    let server = Server::in_memory();
    server.create_db("team");
    let url = server.url();

    let started = Instant::now();
    let mut config = anna.config(&url, "team");
    config.batch_size = 2_000;
    config.checkpoint_every = 20_000;
    let mut waited = Waited::default();
    let seeded = anna
        .sync_with(Direction::Push, config, &mut |r| waited.send(r))
        .expect("seed push");
    let seed_time = seconds(started);
    println!(
        "seed push of {} documents: {seed_time:.1} s ({:.0} documents/s); {}",
        seeded.docs_written,
        seeded.docs_written as f64 / seed_time,
        waited.report(seed_time)
    );

    let mut bea = Local::new("bea");
    bea.keep_saved = false;
    bea.replica = Replica::new(team_policy());
    let started = Instant::now();
    let mut waited = Waited::default();
    let pulled = bea
        .sync_with(Direction::Pull, bea.config(&url, "team"), &mut |r| {
            waited.send(r)
        })
        .expect("first pull");
    let pull_time = seconds(started);
    if bea.replica != anna.replica {
        for (id, body) in anna.replica.live() {
            let theirs = bea.replica.current(id);
            if theirs.as_ref() != Some(&body) {
                let theirs = theirs.unwrap_or_default();
                for (k, v) in &body {
                    if theirs.get(k) != Some(v) {
                        println!("{id}.{k}: {v:?} vs {:?}", theirs.get(k));
                    }
                }
                break;
            }
        }
        panic!("the pull differs from the source");
    }
    println!(
        "first pull of {} documents: {pull_time:.1} s ({:.0} documents/s), {} checkpoints; {}",
        pulled.docs_written,
        pulled.docs_written as f64 / pull_time,
        pulled.checkpoints,
        waited.report(pull_time)
    );

    let started = Instant::now();
    let mut waited = Waited::default();
    let first_push = bea
        .sync_with(Direction::Push, bea.config(&url, "team"), &mut |r| {
            waited.send(r)
        })
        .expect("first push");
    let first_push_time = seconds(started);
    println!(
        "first push after the first pull ({} documents asked about, {} sent): {first_push_time:.1} s; {}",
        first_push.docs_read,
        first_push.docs_written,
        waited.report(first_push_time)
    );

    bea.replica.put(
        "logged_segment:bench",
        body(json!({"no": "LSEG-BV000001", "description": "Autumn letter", "lines": pushed})),
    );
    for i in 0..pushed {
        bea.replica.put(
            &format!("entry:bench-{i}"),
            body(json!({
                "id": format!("bench-{i}"), "contact": format!("contact:{}", i % contacts.max(1)),
                "logged_segment": "logged_segment:bench", "date": "2026-12-04",
                "description": "Autumn letter", "template": "LETTER", "salesperson": "AV",
                "cost": 1.5, "duration": 5, "flow": "Outbound", "initiated_by": "Us",
                "correspondence": "HardCopy", "canceled": false, "evaluation": "None",
                "attempt_failed": false, "comments": [],
                "letter": {"batch": "logged_segment:bench", "index": i, "file": format!("letter-{i}.docx")}
            })),
        );
    }
    let started = Instant::now();
    let segment = bea.push(&url, "team").expect("push of a logged segment");
    let push_time = seconds(started);
    assert_eq!(segment.docs_written, u64::from(pushed) + 1);
    println!(
        "push of a {pushed}-line logged segment ({} documents): {push_time:.2} s",
        segment.docs_written
    );

    // One change reaching a live replica: anna waits on a longpoll in a thread.
    let (tx, rx) = std::sync::mpsc::channel();
    let live_url = url.clone();
    let waiter = std::thread::spawn(move || {
        let mut config = Config::new(&live_url, "team", "anna-live");
        config.live = true;
        config.longpoll_ms = 10_000;
        let mut replicator = Replicator::new(Direction::Pull, config, None, "live", "now");
        let mut replica = anna.replica;
        let mut input = Input::Start;
        let mut told = false;
        loop {
            if replicator.is_waiting_on_longpoll() && !told {
                told = true;
                tx.send(None).expect("main waits");
            }
            match replicator.next(&replica, input).expect("live pull") {
                Action::Send(request) => {
                    if replicator.is_waiting_on_longpoll() && !told {
                        told = true;
                        tx.send(None).expect("main waits");
                    }
                    input = Input::Response(send(&request).expect("answers"));
                }
                Action::Receive(changes) => {
                    replica.receive(&changes);
                    if replica.current("contact:live").is_some() {
                        tx.send(Some(Instant::now())).expect("main waits");
                        return;
                    }
                    input = Input::Received;
                }
                Action::SaveCheckpoint(_) => input = Input::Saved,
                Action::Idle | Action::Done => unreachable!("a live pull goes on"),
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(600))
        .expect("the live replica catches up");
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    bea.replica
        .put("contact:live", body(json!({"name": "Live change"})));
    bea.push(&url, "team").expect("push of one change");
    let arrived = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the change arrives")
        .expect("a time");
    waiter.join().expect("the live replica ends");
    println!(
        "one change from the start of its push to the live replica: {:.0} ms",
        arrived.duration_since(started).as_secs_f64() * 1000.0
    );
}

#[cfg(target_arch = "wasm32")]
fn main() {}
