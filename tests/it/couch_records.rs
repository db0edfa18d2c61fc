//! Live sync through the team model, as the browser's loop does it (`src/ui/sync.rs`), against a
//! real pouchdb-server: local edits are captured into revisions (`storage::team::capture`) and
//! pushed; pulled batches go through `storage::team::receive_changes`, the same merge as an
//! exchange file, and become records; a pulled document is not sent back; the same field
//! changed in two browsers is on Conflicts in both and a resolution travels; the local
//! checkpoint, kept in its stored form, lets the next session start where the last one ended.

// The server helper needs processes and a blocking HTTP client: native only.
#![cfg(not(target_arch = "wasm32"))]

use crate::couch_server;
use crate::storage_sample;

use couch_server::{send, unique, Server};
use segmentti::core::changes::{Changes, Record};
use segmentti::core::db::Db;
use segmentti::core::ids::ContactId;
use segmentti::core::model::ContactKind;
use segmentti::core::team::couch::settings::{checkpoint_from_json, checkpoint_to_json};
use segmentti::core::team::couch::{
    Action, Config, Direction, Input, Progress, Replicator, SyncError,
};
use segmentti::storage::team;
use serde_json::{json, Value};
use std::collections::HashMap;

/// One browser: its database and its stored local checkpoints (in their stored JSON form, as
/// localStorage keeps them).
struct Browser {
    name: String,
    db: Db,
    checkpoints: HashMap<String, Value>,
}

impl Browser {
    fn new(code: &str, seed: u32) -> Browser {
        let mut db = Db::new();
        let mut s = seed;
        let changes = team::join(
            &db,
            move || {
                s = s.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                s
            },
            code,
            code,
        )
        .unwrap();
        db.apply(&changes);
        Browser {
            name: code.to_string(),
            db,
            checkpoints: HashMap::new(),
        }
    }

    fn add_contact(&mut self, name: &str) -> ContactId {
        let mut counters = self.db.counters.clone();
        let id = counters.take_contact();
        let mut contact = storage_sample::contact(1, ContactKind::Person, None);
        contact.id = id;
        contact.name = name.into();
        let mut c = Changes::new();
        c.put(Record::Counters(counters))
            .put(Record::Contact(contact));
        self.db.apply(&c);
        id
    }

    fn rename(&mut self, id: ContactId, name: &str) {
        let mut contact = self.db.contacts[&id].clone();
        contact.name = name.into();
        let mut c = Changes::new();
        c.put(Record::Contact(contact));
        self.db.apply(&c);
    }

    fn contact_named(&self, name: &str) -> Option<ContactId> {
        self.db
            .contacts
            .values()
            .find(|c| c.name == name)
            .map(|c| c.id)
    }

    /// What the loop does before pushing: local edits become revisions.
    fn capture(&mut self) -> usize {
        let changes = team::capture(&self.db);
        let n = changes.puts.len();
        self.db.apply(&changes);
        n
    }

    /// One session, driven as the browser's `drive` does: received batches go through the team
    /// model into records, checkpoints into the stored form.
    fn sync(&mut self, direction: Direction, server: &str) -> Result<Progress, SyncError> {
        let mut config = Config::new(server, "team", &self.name);
        config.batch_size = 3;
        config.checkpoint_every = 3;
        let probe = Replicator::new(direction, config.clone(), None, "", "");
        let id = probe.replication_id().to_string();
        let local = self.checkpoints.get(&id).and_then(checkpoint_from_json);
        let mut replicator = Replicator::new(
            direction,
            config,
            local,
            &unique("session"),
            "2026-12-05T00:00:00Z",
        );
        let mut input = Input::Start;
        loop {
            match replicator.next(&self.db.team.replica, input)? {
                Action::Send(request) => {
                    input = match send(&request) {
                        Ok(response) => Input::Response(response),
                        Err(detail) => Input::Unreachable(detail),
                    }
                }
                Action::Receive(docs) => {
                    let (_, changes) =
                        team::receive_changes(&self.db, &docs).expect("documents of a team");
                    self.db.apply(&changes);
                    input = Input::Received;
                }
                Action::SaveCheckpoint(log) => {
                    let stored = checkpoint_to_json(&log);
                    // The stored form is plain JSON text in localStorage.
                    let text = stored.to_string();
                    self.checkpoints
                        .insert(id.clone(), serde_json::from_str(&text).unwrap());
                    input = Input::Saved;
                }
                Action::Idle | Action::Done => return Ok(replicator.progress().clone()),
            }
        }
    }

    /// A round of the loop: capture, push, pull.
    fn round(&mut self, server: &str) -> (Progress, Progress) {
        self.capture();
        let pushed = self.sync(Direction::Push, server).expect("push");
        let pulled = self.sync(Direction::Pull, server).expect("pull");
        (pushed, pulled)
    }
}

fn server() -> Server {
    let server = Server::in_memory();
    server.create_db("team");
    server
}

#[test]
fn pulled_documents_become_records_and_are_not_sent_back() {
    let server = server();
    let url = server.url();
    let mut anna = Browser::new("AV", 7);
    for i in 0..7 {
        anna.add_contact(&format!("Contact {i}"));
    }
    let (pushed, _) = anna.round(&url);
    // Seven contacts, the two members' documents and the counters may travel; at least the
    // contacts went.
    assert!(pushed.docs_written >= 7, "{pushed:?}");

    let mut bea = Browser::new("BK", 99);
    let pulled = bea.sync(Direction::Pull, &url).expect("pull");
    assert!(pulled.docs_read >= 7, "{pulled:?}");
    for i in 0..7 {
        assert!(
            bea.contact_named(&format!("Contact {i}")).is_some(),
            "Contact {i} arrived as a record"
        );
    }
    // What arrived unchanged makes no new revision here...
    assert_eq!(bea.capture(), 1, "only Bea's own member document is new");
    // ...and is not sent back: the push asks about it (`_revs_diff`) and sends only Bea's own.
    let pushed = bea.sync(Direction::Push, &url).expect("push");
    assert!(
        pushed.missing_checked > 1,
        "the pulled documents are asked about: {pushed:?}"
    );
    assert_eq!(
        (pushed.missing_found, pushed.docs_written),
        (1, 1),
        "only Bea's member document is sent; pulled ones are not sent back: {pushed:?}"
    );
    // A second push right after finds nothing to send at all.
    let again = bea.sync(Direction::Push, &url).expect("push");
    assert_eq!(again.missing_found, 0, "{again:?}");
    assert_eq!(again.docs_written, 0);
}

#[test]
fn the_same_field_changed_in_two_browsers_is_on_conflicts_in_both_and_the_choice_travels() {
    let server = server();
    let url = server.url();
    let mut anna = Browser::new("AV", 7);
    anna.add_contact("Kotipuutarha");
    anna.round(&url);
    let mut bea = Browser::new("BK", 99);
    bea.round(&url);
    anna.round(&url);
    let in_anna = anna.contact_named("Kotipuutarha").unwrap();
    let in_bea = bea.contact_named("Kotipuutarha").expect("pulled");
    assert!(team::conflicts(&anna.db).is_empty());

    // Both rename the contact while apart, then sync in turn.
    anna.rename(in_anna, "Kotipuutarha Oy");
    bea.rename(in_bea, "Kotipuutarha Ab");
    anna.round(&url);
    bea.round(&url);
    anna.round(&url);

    for browser in [&anna, &bea] {
        let conflicts = team::conflicts(&browser.db);
        assert_eq!(conflicts.len(), 1, "{}: {conflicts:?}", browser.name);
        let fields: Vec<&str> = conflicts[0]
            .fields
            .iter()
            .map(|f| f.field.as_str())
            .collect();
        assert_eq!(fields, ["name"], "{}", browser.name);
    }
    // Both show the same winner.
    let shown = |b: &Browser, id| b.db.contacts[&id].name.clone();
    assert_eq!(shown(&anna, in_anna), shown(&bea, in_bea));

    // Anna types a new name; it reaches Bea and the conflict is gone in both.
    let doc = team::conflicts(&anna.db)[0].doc_id.clone();
    let changes = team::resolve(
        &anna.db,
        &doc,
        &[("name".into(), json!("Kotipuutarha Oy Ab"))],
    )
    .unwrap();
    anna.db.apply(&changes);
    anna.round(&url);
    bea.round(&url);
    assert!(team::conflicts(&anna.db).is_empty());
    assert!(team::conflicts(&bea.db).is_empty());
    assert_eq!(shown(&bea, in_bea), "Kotipuutarha Oy Ab");
}

#[test]
fn a_stored_checkpoint_lets_the_next_pull_start_where_the_last_ended() {
    let server = server();
    let url = server.url();
    let mut anna = Browser::new("AV", 7);
    for i in 0..10 {
        anna.add_contact(&format!("Contact {i}"));
    }
    anna.round(&url);
    let mut bea = Browser::new("BK", 99);
    let first = bea.sync(Direction::Pull, &url).unwrap();
    assert_eq!(first.start_seq, json!(0));
    assert!(first.checkpoints >= 1);
    assert_eq!(bea.checkpoints.len(), 1, "one pull checkpoint stored");

    // "A reload": the replicator starts from the stored checkpoint and reads nothing again.
    let second = bea.sync(Direction::Pull, &url).unwrap();
    assert_ne!(second.start_seq, json!(0), "{second:?}");
    assert_eq!(second.docs_read, 0);

    // Losing the local copy costs a re-scan, never data: everything comes again and changes
    // nothing.
    let before = bea.db.contacts.len();
    bea.checkpoints.clear();
    let rescan = bea.sync(Direction::Pull, &url).unwrap();
    assert_eq!(rescan.start_seq, json!(0));
    assert_eq!(bea.db.contacts.len(), before);
    assert_eq!(bea.capture(), 1, "only Bea's own member document is new");
}
