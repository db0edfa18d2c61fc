//! A team without a server: this browser's records as shared documents (`docs`), the exchange
//! file (`exchange`), and the steps Settings → Team runs: join, capture, share, receive,
//! resolve.
//!
//! Like every operation on the database, each step takes `&Db` and returns the [`Changes`] it
//! would make; the store commits them in one transaction and only then does the database move
//! on. The replica of shared documents lives in the database (`Db::team`) and is stored as team
//! records (format 3). A step never edits that replica in place: it copies the few documents it
//! touches into a scratch replica, changes those, and returns them as records.
//!
//! * **capture** turns what people changed in this browser since the last capture into new
//!   revisions of their documents (a record whose document body differs gets a revision on top
//!   of the winner; a record that is gone gets a tombstone; a segment that is gone because it
//!   was logged gets a tombstone that says so, which the merge rule lets win over an edit made
//!   elsewhere, `team.md`).
//! * **share** writes every document changed since the last share (or all of them).
//! * **receive** merges a teammate's documents by the replica's rules and turns every document
//!   that changed into the record it now holds, with this browser's local ids.

pub mod docs;
pub mod exchange;

use crate::core::changes::{Changes, Record, RecordKey};
use crate::core::db::{team_policy, Db};
use crate::core::ids::{EntryId, LoggedSegmentId, SegmentId};
use crate::core::model::LetterBatch;
use crate::core::team::ident::{member_code, Gid, IdKind, Member, Origin, TeamSettings};
use crate::core::team::merge::FieldConflict;
use crate::core::team::replica::{Body, Replica};
use crate::core::unshared::{Pending, Work};
use chrono::NaiveDateTime;
use docs::{doc_id_of_key, doc_kind, from_doc, local_key, to_doc, Ids};
use exchange::{Exchange, SharedLetters};
use serde_json::Value;
use std::collections::{BTreeSet, HashSet};

/// The field a segment's tombstone carries when the segment was deleted by logging it.
pub const LOGGED: &str = "_logged";

/// Makes this browser a member of a team: draws its origin and introduces it with a code
/// (letters and digits, shown in its numbers) and a name. `None` if the code has no letter or
/// digit. Joining again keeps the origin and changes code and name.
pub fn join(db: &Db, random: impl FnMut() -> u32, code: &str, name: &str) -> Option<Changes> {
    let code = member_code(code)?;
    let settings = match &db.team.settings {
        Some(s) => TeamSettings {
            code: code.clone(),
            name: name.trim().to_string(),
            ..s.clone()
        },
        None => TeamSettings {
            origin: Origin::draw(random),
            code: code.clone(),
            name: name.trim().to_string(),
            shared_seq: 0,
        },
    };
    let mut changes = Changes::new();
    changes.put(Record::Member(Member {
        origin: settings.origin,
        code,
        name: settings.name.clone(),
    }));
    changes.put(Record::TeamSettings(settings));
    Some(changes)
}

fn scratch(db: &Db, ids: impl IntoIterator<Item = String>) -> Replica {
    let mut scratch = Replica::new(team_policy());
    scratch.start_at(db.team.replica.seq());
    for id in ids {
        if let Some(doc) = db.team.replica.export(&id) {
            scratch.import(doc);
        }
    }
    scratch
}

/// Whether a segment document was closed by logging the segment somewhere: then the segment
/// stays gone whatever was edited elsewhere, and a live version is "changes to a segment
/// logged elsewhere" for the Conflicts page.
fn logged_elsewhere(replica: &Replica, id: &str) -> bool {
    doc_kind(id) == "segment"
        && replica
            .leaves(id)
            .iter()
            .any(|(_, deleted, body)| *deleted && body.is_some_and(|b| b.contains_key(LOGGED)))
}

/// The new revisions of everything changed in this browser since the last capture; empty when
/// nothing changed or the browser has not joined a team. This compares every record with its
/// document; live sync captures in slices of what changed instead ([`capture_work`]).
pub fn capture(db: &Db) -> Changes {
    let Some(settings) = &db.team.settings else {
        return Changes::new();
    };
    let ids = Ids::new(db, settings.origin);
    let replica = &db.team.replica;
    let mut present = HashSet::new();
    let mut edits: Vec<(String, Option<Body>)> = Vec::new();
    for record in db.records() {
        let Some((id, body)) = to_doc(&record, &ids) else {
            continue;
        };
        if !replica.current_is(&id, &body) {
            edits.push((id.clone(), Some(body)));
        }
        present.insert(id);
    }
    for id in replica.ids() {
        if !present.contains(id) && replica.current(id).is_some() && !logged_elsewhere(replica, id)
        {
            edits.push((id.to_string(), None));
        }
    }
    write_edits(db, &ids, &edits)
}

/// What a capture of `pending` looks at: the records marked as changed, or, for the first
/// capture after the database was opened, every record and every shared document (a document
/// whose record is gone gets its tombstone). Live sync captures it a slice at a time
/// ([`capture_items`]), so that no slice keeps the page busy for long.
pub fn capture_work(db: &Db, pending: &Pending) -> Vec<Work> {
    if db.team.settings.is_none() {
        return Vec::new();
    }
    if !pending.everything {
        return pending.keys.iter().cloned().map(Work::Record).collect();
    }
    let mut work: Vec<Work> = db.shared_keys().into_iter().map(Work::Record).collect();
    work.extend(db.team.replica.ids().map(|id| Work::Doc(id.to_string())));
    work
}

/// The new revisions of the records and documents in `items` that changed since their last
/// capture; for the same items, what [`capture`] would write for them.
pub fn capture_items(db: &Db, items: &[Work]) -> Changes {
    let Some(settings) = &db.team.settings else {
        return Changes::new();
    };
    let ids = Ids::new(db, settings.origin);
    let replica = &db.team.replica;
    let gone = |id: &str| replica.current(id).is_some() && !logged_elsewhere(replica, id);
    let mut edits: Vec<(String, Option<Body>)> = Vec::new();
    for item in items {
        match item {
            Work::Record(key) => match db.record(key) {
                Some(record) => {
                    if let Some((id, body)) = to_doc(&record, &ids) {
                        if !replica.current_is(&id, &body) {
                            edits.push((id, Some(body)));
                        }
                    }
                }
                None => {
                    if let Some(id) = key.as_ref().and_then(|k| doc_id_of_key(k, &ids)) {
                        if gone(&id) {
                            edits.push((id, None));
                        }
                    }
                }
            },
            Work::Doc(id) => {
                // A document whose record is here is the record's to capture; one whose record
                // is gone gets its tombstone. `local_key` may draw local ids for identities
                // this browser has never tied to a record: those records are gone too, and the
                // drawn ids are thrown away with this scratch `Ids`.
                let mut lookup = Ids::new(db, settings.origin);
                let here = local_key(id, &mut lookup).is_some_and(|key| db.has(&key));
                if !here && doc_kind(id) != "our_company" && gone(id) {
                    edits.push((id.clone(), None));
                }
            }
        }
    }
    // A record and a document item may name the same deleted document.
    edits.sort_by(|a, b| a.0.cmp(&b.0));
    edits.dedup_by(|a, b| a.0 == b.0);
    write_edits(db, &ids, &edits)
}

/// Writes each edit as a new revision of its document (a body on top of the winner, or a
/// tombstone) in a scratch replica, and returns the documents as records.
fn write_edits(db: &Db, ids: &Ids, edits: &[(String, Option<Body>)]) -> Changes {
    let mut changes = Changes::new();
    if edits.is_empty() {
        return changes;
    }
    let mut scratch = scratch(db, edits.iter().map(|(id, _)| id.clone()));
    for (id, body) in edits {
        match body {
            Some(body) => {
                scratch.put(id, body.clone());
            }
            None => {
                scratch.delete_with(id, tombstone(db, ids, id));
            }
        }
        changes.put(Record::TeamDoc(scratch.export(id).expect("just written")));
    }
    changes
}

/// The body of the tombstone for a record that is gone: for a segment that was logged, what
/// it was logged as.
fn tombstone(db: &Db, ids: &Ids, id: &str) -> Body {
    let mut body = Body::new();
    if doc_kind(id) != "segment" {
        return body;
    }
    let Some(local) = id
        .split_once(':')
        .and_then(|(_, gid)| crate::core::team::ident::Gid::parse(gid))
        .map(|gid| {
            if gid.origin == ids.gid(crate::core::team::ident::IdKind::Segment, 0).origin {
                gid.serial
            } else {
                db.team
                    .ids
                    .local(crate::core::team::ident::IdKind::Segment, gid)
                    .unwrap_or(0)
            }
        })
    else {
        return body;
    };
    let numbers = [SegmentId(local).no(), db.no(SegmentId(local))];
    if let Some(logged) = db
        .logged_segments
        .values()
        .find(|l| numbers.contains(&l.segment_no))
    {
        body.insert(
            LOGGED.to_string(),
            Value::String(
                ids.gid(crate::core::team::ident::IdKind::LoggedSegment, logged.id.0)
                    .to_string(),
            ),
        );
    }
    body
}

/// The logged segments among the documents a share would include, by their local ids: the
/// caller reads their letters (stored apart from the records) and passes them to [`share`].
pub fn logged_segments_to_share(db: &Db, everything: bool) -> Vec<LoggedSegmentId> {
    let Some(settings) = &db.team.settings else {
        return Vec::new();
    };
    let since = if everything { 0 } else { settings.shared_seq };
    let prefix = format!("{}:", IdKind::LoggedSegment.doc_kind());
    db.team
        .replica
        .changes_since(since)
        .0
        .iter()
        .filter_map(|doc| Gid::parse(doc.id.strip_prefix(&prefix)?))
        .filter_map(|gid| {
            if gid.origin == settings.origin {
                Some(LoggedSegmentId(gid.serial))
            } else {
                db.team
                    .ids
                    .local(IdKind::LoggedSegment, gid)
                    .map(LoggedSegmentId)
            }
        })
        .filter(|id| db.logged_segments.contains_key(id))
        .collect()
}

/// The exchange file of every document changed since the last share (or of all of them), and
/// the settings change that moves "last share" on. `None` before the browser has joined.
/// Capture first: what is not captured is not shared.
///
/// `letters` are the stored letter batches of [`logged_segments_to_share`] (letters live apart
/// from the records, so the caller reads them); a batch whose logged segment is not in this
/// share is left out.
pub fn share(
    db: &Db,
    everything: bool,
    now: NaiveDateTime,
    letters: &[LetterBatch],
) -> Option<(Vec<u8>, Changes)> {
    let settings = db.team.settings.as_ref()?;
    let since = if everything { 0 } else { settings.shared_seq };
    let (docs, seq) = db.team.replica.changes_since(since);
    let ids = Ids::new(db, settings.origin);
    let shared: HashSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    let letters = letters
        .iter()
        .filter_map(|batch| {
            let logged = ids.gid(IdKind::LoggedSegment, batch.id.0);
            let doc = format!("{}:{logged}", IdKind::LoggedSegment.doc_kind());
            shared.contains(doc.as_str()).then(|| SharedLetters {
                logged,
                letters: batch
                    .letters
                    .iter()
                    .map(|(entry, letter)| (ids.gid(IdKind::Entry, entry.0), letter.clone()))
                    .collect(),
            })
        })
        .collect();
    let from = db
        .team
        .members
        .0
        .get(&settings.origin)
        .cloned()
        .unwrap_or(Member {
            origin: settings.origin,
            code: settings.code.clone(),
            name: settings.name.clone(),
        });
    let file = exchange::write(&Exchange {
        from,
        created: now,
        docs,
        letters,
    });
    let mut changes = Changes::new();
    changes.put(Record::TeamSettings(TeamSettings {
        shared_seq: seq,
        ..settings.clone()
    }));
    Some((file, changes))
}

/// What receiving a file would do, for the preview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    /// Who shared the file.
    pub from: Option<Member>,
    /// Records this browser did not have.
    pub added: usize,
    /// Records changed (including those now deleted).
    pub changed: usize,
    /// Records left in conflict, for the Conflicts page.
    pub conflicts: usize,
}

impl Preview {
    pub fn is_empty(&self) -> bool {
        self.added == 0 && self.changed == 0
    }
}

/// Why a file cannot be received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiveError {
    File(exchange::ExchangeError),
    /// A document in the file is not a record this version can read; says which and why.
    Document(String),
    /// The file is this browser's own.
    OwnFile,
    /// The browser has not joined a team yet (it needs an origin to tell its own records).
    NotJoined,
}

/// What receiving a teammate's exchange file would change, and the preview of it. Receiving
/// the same file twice changes nothing the second time.
pub fn receive(db: &Db, bytes: &[u8]) -> Result<(Preview, Changes), ReceiveError> {
    let settings = db.team.settings.as_ref().ok_or(ReceiveError::NotJoined)?;
    let file = exchange::read(bytes).map_err(ReceiveError::File)?;
    if file.from.origin == settings.origin {
        return Err(ReceiveError::OwnFile);
    }
    let (mut preview, mut changes, mut ids) = receive_docs(db, settings.origin, &file.docs)?;
    for batch in &file.letters {
        file_letters(db, &mut ids, batch, &mut changes);
    }
    finish_ids(db, ids, &mut changes);
    preview.from = Some(file.from);
    Ok((preview, changes))
}

/// What receiving documents pulled from a CouchDB database changes: the same merge as an
/// exchange file ([`receive`]), so that a conflict arriving by live sync follows the team's
/// rules and is listed on the Conflicts page like one arriving by file. Documents this browser
/// already holds change nothing, so a batch pulled twice (after an interrupted session) is
/// harmless, and a document pulled unchanged gives capture nothing to send back.
pub fn receive_changes(
    db: &Db,
    docs: &[crate::core::team::replica::DocChange],
) -> Result<(Preview, Changes), ReceiveError> {
    let settings = db.team.settings.as_ref().ok_or(ReceiveError::NotJoined)?;
    let (preview, mut changes, ids) = receive_docs(db, settings.origin, docs)?;
    finish_ids(db, ids, &mut changes);
    Ok((preview, changes))
}

/// Merges documents into this browser's replica and turns every document that changed into the
/// record it now holds. Also returns the id translation used, for what travels beside the
/// documents (the letters of a backup).
fn receive_docs<'a>(
    db: &'a Db,
    origin: Origin,
    docs: &[crate::core::team::replica::DocChange],
) -> Result<(Preview, Changes, Ids<'a>), ReceiveError> {
    let mut scratch = scratch(db, docs.iter().map(|d| d.id.clone()));
    let received = scratch.receive(docs);
    let mut ids = Ids::new(db, origin);
    let mut changes = Changes::new();
    let touched: BTreeSet<&String> = received.added.iter().chain(&received.changed).collect();
    for id in &touched {
        changes.put(Record::TeamDoc(scratch.export(id).expect("received")));
        materialize(db, &scratch, id, &mut ids, &mut changes).map_err(ReceiveError::Document)?;
    }
    let preview = Preview {
        from: None,
        added: received.added.len(),
        changed: received.changed.len(),
        conflicts: received.in_conflict.len(),
    };
    Ok((preview, changes, ids))
}

/// A backup merged by the team's rules (`team.md`: "Backup merge uses the same rules"): the
/// backup's records become documents (with the revisions the backup kept, if its browser was in
/// a team) and are received like an exchange file, so a record changed on both sides keeps both
/// changes or is listed on Conflicts, and nothing is replaced by its id. A backup made by a
/// browser that never joined a team is taken as this browser's own (restoring an older backup of
/// one's own data is what it is for). Its letters come along, under this browser's ids.
pub fn receive_backup(
    db: &Db,
    records: &[Record],
    letter_batches: &[crate::core::model::LetterBatch],
) -> Result<(Preview, Changes), ReceiveError> {
    let settings = db.team.settings.as_ref().ok_or(ReceiveError::NotJoined)?;
    let mut theirs = Db::from_records(records.iter().cloned());
    let own = theirs.team.settings.is_none()
        || theirs.team.settings.as_ref().map(|s| s.origin) == Some(settings.origin);
    if theirs.team.settings.is_none() {
        theirs.team.settings = Some(TeamSettings {
            shared_seq: 0,
            ..settings.clone()
        });
    }
    let their_origin = theirs.team.settings.as_ref().expect("set above").origin;
    let captured = capture(&theirs);
    theirs.apply(&captured);
    let (docs, _) = theirs.team.replica.changes_since(0);
    let (preview, mut changes, mut ids) = receive_docs(db, settings.origin, &docs)?;
    // The letters of the backup's logged segments, under this browser's ids.
    let their_ids = Ids::new(&theirs, their_origin);
    for batch in letter_batches {
        let shared = SharedLetters {
            logged: their_ids.gid(IdKind::LoggedSegment, batch.id.0),
            letters: batch
                .letters
                .iter()
                .map(|(entry, letter)| (their_ids.gid(IdKind::Entry, entry.0), letter.clone()))
                .collect(),
        };
        file_letters(db, &mut ids, &shared, &mut changes);
    }
    // The backup's own records keep their ids here, so the counters must pass them.
    if own {
        let mut counters = ids.counters.clone();
        let b = &theirs.counters;
        counters.contact = counters.contact.max(b.contact);
        counters.segment = counters.segment.max(b.segment);
        counters.logged_segment = counters.logged_segment.max(b.logged_segment);
        counters.entry = counters.entry.max(b.entry);
        counters.opportunity = counters.opportunity.max(b.opportunity);
        counters.import_batch = counters.import_batch.max(b.import_batch);
        ids.counters = counters;
    }
    finish_ids(db, ids, &mut changes);
    Ok((preview, changes))
}

/// Puts the record a document now holds (or deletes it) into `changes`.
fn materialize(
    db: &Db,
    replica: &Replica,
    id: &str,
    ids: &mut Ids,
    changes: &mut Changes,
) -> Result<(), String> {
    let body = replica
        .current(id)
        .filter(|_| !logged_elsewhere(replica, id));
    match body {
        Some(body) => {
            let record = from_doc(id, &body, ids)?;
            changes.put(record);
        }
        None => {
            if let Some(key) = local_key(id, ids) {
                if exists(db, &key) {
                    changes.delete(key);
                }
            }
        }
    }
    Ok(())
}

fn exists(db: &Db, key: &RecordKey) -> bool {
    db.has(key)
}

/// Files a logged segment's letters under this browser's ids. Letters are written once, with
/// their logged segment: a logged segment this browser already had keeps the letters it has
/// (they are the same letters, since a logged segment never changes its letters), so receiving
/// a file twice writes them once.
fn file_letters(db: &Db, ids: &mut Ids, batch: &SharedLetters, changes: &mut Changes) {
    let id = LoggedSegmentId(ids.local(IdKind::LoggedSegment, batch.logged));
    if db.logged_segments.contains_key(&id) {
        return;
    }
    changes.letter_batches.push(LetterBatch {
        id,
        letters: batch
            .letters
            .iter()
            .map(|(entry, letter)| (EntryId(ids.local(IdKind::Entry, *entry)), letter.clone()))
            .collect(),
    });
}

fn finish_ids(db: &Db, ids: Ids, changes: &mut Changes) {
    if ids.counters != db.counters {
        changes.put(Record::Counters(ids.counters.clone()));
    }
    for alias in ids.new_aliases {
        changes.put(Record::Alias(alias));
    }
}

/// One record in conflict, as the Conflicts page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictView {
    pub doc_id: String,
    /// The record as it shows now (the winner's values), in this browser's terms.
    pub record: Option<Record>,
    pub fields: Vec<FieldConflict>,
}

/// Every record in conflict.
pub fn conflicts(db: &Db) -> Vec<ConflictView> {
    let Some(settings) = &db.team.settings else {
        return Vec::new();
    };
    let mut ids = Ids::new(db, settings.origin);
    db.team
        .replica
        .conflicts()
        .into_iter()
        .map(|c| {
            let record = db
                .team
                .replica
                .current(&c.id)
                .and_then(|body| from_doc(&c.id, &body, &mut ids).ok());
            ConflictView {
                doc_id: c.id,
                record,
                fields: c.fields,
            }
        })
        .collect()
}

/// Ends a conflict with the values a person chose (by field); the choice travels like an edit.
pub fn resolve(db: &Db, doc_id: &str, choices: &[(String, Value)]) -> Result<Changes, String> {
    let settings = db.team.settings.as_ref().ok_or("not in a team")?;
    let mut scratch = scratch(db, [doc_id.to_string()]);
    scratch
        .resolve(doc_id, choices)
        .ok_or_else(|| format!("{doc_id}: no such record"))?;
    let mut ids = Ids::new(db, settings.origin);
    let mut changes = Changes::new();
    changes.put(Record::TeamDoc(scratch.export(doc_id).expect("resolved")));
    materialize(db, &scratch, doc_id, &mut ids, &mut changes)?;
    finish_ids(db, ids, &mut changes);
    Ok(changes)
}

/// Edits to a segment that was logged elsewhere meanwhile (`team.md`: the logging wins, and the
/// other side's unlogged edits are listed on Conflicts with "Make a new segment of them").
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedElsewhere {
    pub doc_id: String,
    /// The segment as it was edited, in this browser's ids.
    pub segment: crate::core::model::Segment,
    /// What it was logged as, when this browser has that logged segment.
    pub logged: Option<LoggedSegmentId>,
}

/// Every segment with edits waiting because it was logged elsewhere.
pub fn logged_elsewhere_edits(db: &Db) -> Vec<LoggedElsewhere> {
    let Some(settings) = &db.team.settings else {
        return Vec::new();
    };
    let replica = &db.team.replica;
    let prefix = format!("{}:", IdKind::Segment.doc_kind());
    let mut ids = Ids::new(db, settings.origin);
    replica
        .ids()
        .filter(|id| id.starts_with(&prefix) && logged_elsewhere(replica, id))
        .filter_map(|id| {
            let body = replica.current(id)?;
            let Ok(Record::Segment(segment)) = from_doc(id, &body, &mut ids) else {
                return None;
            };
            let logged = replica
                .leaves(id)
                .into_iter()
                .find_map(|(_, deleted, body)| {
                    let gid = body.filter(|_| deleted)?.get(LOGGED)?.as_str()?;
                    let gid = Gid::parse(gid)?;
                    let local = if gid.origin == settings.origin {
                        Some(gid.serial)
                    } else {
                        db.team.ids.local(IdKind::LoggedSegment, gid)
                    };
                    local
                        .map(LoggedSegmentId)
                        .filter(|l| db.logged_segments.contains_key(l))
                });
            Some(LoggedElsewhere {
                doc_id: id.to_string(),
                segment,
                logged,
            })
        })
        .collect()
}

/// Settles edits to a segment logged elsewhere: with `keep`, they become a new segment (a new
/// number, the edited description, lines and criteria history) that is this browser's own
/// edit; without, they are let go. Either way the list no longer shows them, here or, once
/// shared, anywhere. `None` when there is nothing waiting under that id.
pub fn settle_logged_elsewhere(db: &Db, doc_id: &str, keep: bool) -> Option<Changes> {
    let waiting = logged_elsewhere_edits(db)
        .into_iter()
        .find(|w| w.doc_id == doc_id)?;
    let mut scratch = scratch(db, [doc_id.to_string()]);
    scratch.close_live(doc_id);
    let mut changes = Changes::new();
    changes.put(Record::TeamDoc(scratch.export(doc_id)?));
    if keep {
        let mut counters = db.counters.clone();
        let mut segment = waiting.segment;
        segment.id = counters.take_segment();
        changes.put(Record::Counters(counters));
        changes.put(Record::Segment(segment));
    }
    Some(changes)
}

/// Records that came back because they were deleted on one side and edited on the other.
pub fn revived(db: &Db) -> Vec<String> {
    db.team
        .replica
        .revived()
        .into_iter()
        .filter(|id| !logged_elsewhere(&db.team.replica, id))
        .collect()
}

/// Marks a revived record as seen.
pub fn acknowledge_revival(db: &Db, doc_id: &str) -> Changes {
    let mut scratch = scratch(db, [doc_id.to_string()]);
    scratch.acknowledge_revival(doc_id);
    let mut changes = Changes::new();
    if let Some(doc) = scratch.export(doc_id) {
        changes.put(Record::TeamDoc(doc));
    }
    changes
}
