//! A pull into a replica that lacks most of what the server has takes the documents from
//! `_changes?include_docs=true` where that is exact — a change whose only revision is its
//! first, with no attachments, is the whole document with its whole history — and fetches
//! everything else with `_bulk_get` as before: later generations, conflicts, deletions and
//! attachments arrive exactly, and an interrupted pull resumes from its checkpoint.
//!
//! Each test counts what the replicator asks the server (a transport that looks at every
//! request before `pouchdb-server` gets it), and compares the result with a replica that pulled
//! the same database without included documents (the old way, as a reference).

use crate::couch_server;

use couch_server::{body, send, Local, Server};
use segmentti::core::team::couch::{Direction, Request, Response};
use segmentti::core::team::replica::Replica;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// What one session asked the server.
#[derive(Default, Debug)]
struct Asked {
    changes: usize,
    changes_with_docs: usize,
    bulk_get: usize,
    /// The document ids every `_bulk_get` asked for.
    fetched: BTreeSet<String>,
}

impl Asked {
    fn send(&mut self, request: &Request) -> Result<Response, String> {
        if request.url.contains("/_changes?") {
            self.changes += 1;
            if request.url.contains("include_docs=true") {
                self.changes_with_docs += 1;
            }
        }
        if request.url.contains("/_bulk_get") {
            self.bulk_get += 1;
            let asked: Value =
                serde_json::from_slice(request.body.as_deref().expect("a body")).expect("JSON");
            for doc in asked["docs"].as_array().expect("docs") {
                self.fetched
                    .insert(doc["id"].as_str().expect("an id").to_string());
            }
        }
        send(request)
    }
}

/// A transport that never lets the server include documents: the replicator falls back to
/// `_bulk_get` for everything, as it did before included documents were used.
fn without_included_docs(request: &Request) -> Result<Response, String> {
    let mut plain = request.clone();
    plain.url = plain
        .url
        .replace("&include_docs=true", "")
        .replace("include_docs=true&", "");
    send(&plain)
}

/// A fresh replica's pull of the whole database the old way.
fn reference_pull(url: &str) -> Replica {
    let mut reference = Local::new("reference");
    let config = reference.config(url, "team");
    reference
        .sync_with(Direction::Pull, config, &mut without_included_docs)
        .expect("the reference pull");
    reference.replica
}

fn contact(i: usize) -> serde_json::Map<String, Value> {
    body(json!({
        "name": format!("Contact {i}"), "city": "Oulu", "no": format!("CT{i:06}"),
        "phone": "", "email": format!("c{i}@example.fi")
    }))
}

#[test]
fn a_first_pull_of_new_documents_takes_them_from_changes_without_bulk_get() {
    let server = Server::in_memory();
    server.create_db("team");
    let url = server.url();
    let mut anna = Local::new("anna");
    for i in 0..1_200 {
        anna.replica.put(&format!("contact:{i:05}"), contact(i));
    }
    anna.push(&url, "team").expect("push");

    let mut bea = Local::new("bea");
    let mut asked = Asked::default();
    let config = bea.config(&url, "team");
    let pulled = bea
        .sync_with(Direction::Pull, config, &mut |r| asked.send(r))
        .expect("pull");

    assert_eq!(pulled.docs_written, 1_200, "{pulled:?}");
    assert_eq!(asked.bulk_get, 0, "{asked:?}");
    assert!(asked.changes_with_docs >= 3, "{asked:?}");
    assert!(bea.replica == anna.replica, "the pulled replica differs");
    assert!(bea.replica == reference_pull(&url));
}

#[test]
fn later_generations_conflicts_deletions_and_attachments_still_arrive_exactly() {
    let server = Server::in_memory();
    server.create_db("team");
    let url = server.url();
    let mut anna = Local::new("anna");
    let mut carl = Local::new("carl");
    for i in 0..700 {
        anna.replica.put(&format!("contact:{i:05}"), contact(i));
    }
    // Later generations: edited once and three times.
    let mut later = BTreeSet::new();
    for i in (0..700).step_by(50) {
        let id = format!("contact:{i:05}");
        for round in 0..=(i % 3) {
            let mut edited = contact(i);
            edited.insert("city".into(), json!(format!("Turku {round}")));
            anna.replica.put(&id, edited);
        }
        later.insert(id);
    }
    // A deletion (a second-generation tombstone).
    anna.replica.put("contact:gone", contact(9_001));
    anna.replica.delete("contact:gone");
    // A first generation with a letter as an attachment: the included document has only a
    // stub of it.
    let letter: Vec<u8> = (0..=255u8).cycle().take(5_000).collect();
    let data = segmentti::core::team::couch::protocol::base64(&letter);
    anna.replica.put(
        "logged:1",
        body(json!({"no": "LSEG1", "_attachments": {
            "CT000001.pdf": {"content_type": "application/pdf", "data": data}
        }})),
    );
    // A conflict: two first generations of one record, the same field set differently.
    anna.replica.put(
        "contact:both",
        body(json!({"name": "Aino", "city": "Oulu"})),
    );
    carl.replica.put(
        "contact:both",
        body(json!({"name": "Aino", "city": "Kemi"})),
    );
    anna.push(&url, "team").expect("anna's push");
    carl.push(&url, "team").expect("carl's push");

    let mut bea = Local::new("bea");
    let mut asked = Asked::default();
    let config = bea.config(&url, "team");
    let pulled = bea
        .sync_with(Direction::Pull, config, &mut |r| asked.send(r))
        .expect("pull");
    assert_eq!(pulled.doc_write_failures, 0, "{pulled:?}");

    // Exactly the documents a first revision's body cannot stand for went through _bulk_get.
    let mut expected = later.clone();
    expected.extend(["contact:gone", "logged:1", "contact:both"].map(String::from));
    assert_eq!(asked.fetched, expected, "{asked:?}");
    assert!(asked.changes_with_docs >= 1, "{asked:?}");

    assert!(
        bea.replica == reference_pull(&url),
        "differs from the old way"
    );
    assert_eq!(
        bea.replica.current("contact:00100").unwrap()["city"],
        json!("Turku 1")
    );
    assert_eq!(
        bea.replica.winner("contact:00100").unwrap().0,
        anna.replica.winner("contact:00100").unwrap().0
    );
    assert!(bea.replica.current("contact:gone").is_none());
    assert_eq!(
        bea.replica.current("logged:1").unwrap()["_attachments"]["CT000001.pdf"]["data"],
        json!(data)
    );
    let leaves: BTreeSet<String> = bea
        .replica
        .leaves("contact:both")
        .iter()
        .filter(|(_, deleted, _)| !deleted)
        .map(|(rev, _, _)| rev.to_string())
        .collect();
    let both: BTreeSet<String> = [&anna, &carl]
        .iter()
        .map(|l| l.replica.winner("contact:both").unwrap().0.to_string())
        .collect();
    assert_eq!(leaves, both);
    let conflicts = bea.replica.conflicts();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].id, "contact:both");
}

#[test]
fn an_interrupted_pull_of_new_documents_resumes_from_its_checkpoint() {
    let server = Server::in_memory();
    server.create_db("team");
    let url = server.url();
    let mut anna = Local::new("anna");
    // Every fifteenth record is edited at once, so that later generations are spread over the
    // whole sequence.
    let mut later = BTreeSet::new();
    for i in 0..3_000 {
        let id = format!("contact:{i:05}");
        anna.replica.put(&id, contact(i));
        if i % 15 == 0 {
            let mut edited = contact(i);
            edited.insert("phone".into(), json!("040 1"));
            anna.replica.put(&id, edited);
            later.insert(id);
        }
    }
    anna.push(&url, "team").expect("push");

    let mut bea = Local::new("bea");
    let mut config = bea.config(&url, "team");
    config.batch_size = 250;
    config.checkpoint_every = 500;
    let mut asked = Asked::default();
    let cut = bea.sync_with(Direction::Pull, config.clone(), &mut |r| {
        if r.url.contains("/_changes?") && asked.changes == 7 {
            return Err("connection reset".to_string());
        }
        asked.send(r)
    });
    assert!(cut.is_err(), "{cut:?}");
    assert!(asked.changes_with_docs >= 6, "{asked:?}");
    assert!(asked.fetched.is_subset(&later), "{asked:?}");

    // The tab closes: what survives is the replica as of the last checkpoint.
    let checkpoint = bea.logs.values().next().expect("a checkpoint").clone();
    bea.replica = bea.saved.take().expect("a saved replica");
    let kept = bea.replica.len();
    assert_eq!(
        kept, 1_500,
        "checkpoints every 500 documents, 1,750 received"
    );
    let later_left: BTreeSet<String> = later
        .iter()
        .filter(|id| bea.replica.winner(id).is_none())
        .cloned()
        .collect();
    assert!(!later_left.is_empty());

    let mut resumed_asked = Asked::default();
    let resumed = bea
        .sync_with(Direction::Pull, config, &mut |r| resumed_asked.send(r))
        .expect("the resumed pull");
    assert_eq!(resumed.start_seq, checkpoint.source_last_seq);
    assert_eq!(resumed.docs_read, (3_000 - kept) as u64, "{resumed:?}");
    assert_eq!(resumed.docs_written, (3_000 - kept) as u64, "{resumed:?}");
    assert!(bea.replica == anna.replica, "the resumed replica differs");

    // After its first batch shows that most of it is new, the resumed session takes included
    // documents too: only the later generations it lacked and that first batch (asked without
    // included documents, since the replica was not empty) go through _bulk_get.
    assert!(
        resumed_asked.fetched.is_superset(&later_left),
        "{resumed_asked:?}"
    );
    assert!(
        resumed_asked.fetched.len() <= later_left.len() + 250,
        "{} fetched: {resumed_asked:?}",
        resumed_asked.fetched.len()
    );
    assert!(resumed_asked.changes_with_docs >= 5, "{resumed_asked:?}");
}
