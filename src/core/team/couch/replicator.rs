//! One replication between this browser's [`Replica`] and a CouchDB database, in one direction,
//! as a state machine without input or output (the protocol's steps in
//! <https://docs.couchdb.org/en/stable/replication/protocol.html>).
//!
//! The driver feeds [`Input`]s and carries out the [`Action`]s it gets back: send a request and
//! feed its response (or the words of a network failure), save a checkpoint and feed
//! [`Input::Saved`]. Because the replicator never waits on its own, the browser runs it between
//! frames and the tests run it with a blocking client ([`run`]).
//!
//! Steps of a session:
//! 1. Verify the database (`GET /db/`): a wrong password, a missing database or an unreachable
//!    server stops here, before anything changes.
//! 2. Read the remote checkpoint (`GET /db/_local/<replication id>`) and compare it with the
//!    local one the driver handed in ([`protocol::start_seq`]); start from the sequence both
//!    sides agree on, or from the beginning.
//! 3. Pull: `GET _changes?style=all_docs&since=…&limit=…` in batches; the revisions the replica
//!    lacks ([`Replica::missing_revs`], the target's `_revs_diff` done locally) are fetched with
//!    `POST _bulk_get?revs=true&latest=true` (or, from a server without it, one
//!    `GET /db/<id>?open_revs=[…]&revs=true&latest=true` per document) and handed to
//!    [`Replica::receive`], which settles merges and keeps conflicts. While the batches are
//!    mostly new ([`mostly_new`]; an empty replica starts so), `_changes` is asked with
//!    `include_docs=true`, and a change whose one leaf is a first generation the replica lacks
//!    is taken from its included document without `_bulk_get`
//!    ([`protocol::included_is_whole`](super::protocol::included_is_whole)): most of a first
//!    pull. Once caught up, a live pull waits on `feed=longpoll`.
//!    Push: the documents changed since the checkpoint, oldest change first, in batches:
//!    `POST _revs_diff` with each document's leaves, then `POST _bulk_docs` with
//!    `new_edits: false` and each missing leaf with its `_revisions`.
//! 4. Checkpoint after every `checkpoint_every` documents and when caught up: the same log is
//!    written to both sides, the target's first and the source's last, so that the source's log is
//!    never ahead of what the target holds. On a pull the target is the local replica: the driver
//!    must save the replica and the log together before it feeds [`Input::Saved`].
//!
//! An interruption anywhere (a closed tab, a lost network, a server restart) loses at most the
//! work since the last checkpoint, and doing that work again is harmless: revisions are
//! identified by their hash, so a document sent twice is the same revision twice.
//!
//! The session id and its start time are arguments, like every id and time in `core`.

use super::protocol::{
    encode, from_wire_owned, included_is_whole, read_json, shape, since_param, start_seq, to_wire,
    wrong_shape, BadAnswer, Credentials, HistoryEntry, Method, ReplicationLog, Request, Response,
    SyncError, HISTORY_LIMIT,
};
use crate::core::team::replica::{DocChange, Replica, Revision};
use crate::core::team::revision::Rev;
use md5::{Digest, Md5};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Which way the documents go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// From the server into the replica.
    Pull,
    /// From the replica to the server.
    Push,
}

/// Where to replicate with, and how.
#[derive(Debug, Clone)]
pub struct Config {
    /// The server's address, e.g. `https://couch.example.org` (a trailing `/` is ignored).
    pub server: String,
    pub database: String,
    pub credentials: Option<Credentials>,
    /// This replica's own id: part of the replication id, so that every browser keeps its own
    /// checkpoints on the server.
    pub replica_id: String,
    /// Documents per `_changes` or push batch.
    pub batch_size: usize,
    /// Documents between checkpoints (a checkpoint is also written when caught up).
    pub checkpoint_every: usize,
    /// Keep going once caught up: a pull waits on `feed=longpoll`, a push answers
    /// [`Action::Idle`] and goes on at [`Input::LocalChanged`].
    pub live: bool,
    /// How long the server holds a longpoll open when nothing changes, in milliseconds.
    pub longpoll_ms: u64,
}

impl Config {
    pub fn new(server: &str, database: &str, replica_id: &str) -> Self {
        Config {
            server: server.trim_end_matches('/').to_string(),
            database: database.to_string(),
            credentials: None,
            replica_id: replica_id.to_string(),
            batch_size: 500,
            checkpoint_every: 2_000,
            live: false,
            longpoll_ms: 25_000,
        }
    }
}

/// What the driver tells the replicator.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Begin the session.
    Start,
    /// The answer to the request of the last [`Action::Send`].
    Response(Response),
    /// The request of the last [`Action::Send`] got no answer: the words of the failure.
    Unreachable(String),
    /// The documents of the last [`Action::Receive`] are in the replica.
    Received,
    /// The checkpoint of the last [`Action::SaveCheckpoint`] is saved.
    Saved,
    /// The replica changed (after [`Action::Idle`] of a live push).
    LocalChanged,
}

/// What the replicator asks the driver to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Send this request and feed its answer.
    Send(Request),
    /// Receive these documents into the replica ([`Replica::receive`], which settles merges
    /// and keeps conflicts; in the app, together with the records they become) and feed
    /// [`Input::Received`]. The replicator never changes the replica itself, so that the app
    /// can turn what arrives into records and commit both in one transaction.
    Receive(Vec<DocChange>),
    /// Save this log as the local checkpoint of [`Replicator::replication_id`] — on a pull
    /// together with the replica in one write, since the log says the replica holds everything
    /// up to its sequence — and feed [`Input::Saved`].
    SaveCheckpoint(ReplicationLog),
    /// A live push is caught up: feed [`Input::LocalChanged`] when the replica changes.
    Idle,
    /// The session is over and caught up.
    Done,
}

/// How far a session got, for the status line and the checkpoint history.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    /// The source sequence the session started from (`0` for the beginning).
    pub start_seq: Value,
    /// The source sequence the session has reached.
    pub last_seq: Value,
    /// Revisions asked about (`_revs_diff`).
    pub missing_checked: u64,
    /// Revisions the target lacked.
    pub missing_found: u64,
    /// Documents read from the source.
    pub docs_read: u64,
    /// Documents written to the target.
    pub docs_written: u64,
    /// Documents the target refused, with its reason (at most the first 100 are named).
    pub doc_write_failures: u64,
    pub failures: Vec<(String, String)>,
    /// Documents still to go, when known (a push knows; CouchDB's `_changes` says `pending`).
    pub pending: Option<u64>,
    /// Checkpoints written in this session.
    pub checkpoints: u64,
    /// Whether the session has caught up with the source.
    pub caught_up: bool,
}

/// Statuses that mean "this server has no `_bulk_get`" (CouchDB before 2.0 answers 404 or
/// 405, some proxies 400 or 501).
const NO_BULK_GET: &[u16] = &[400, 404, 405, 415, 501];
const MAX_NAMED_FAILURES: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    Continue,
    Finish,
}

/// One pull batch: the revisions to fetch per document, the documents already taken whole
/// from `_changes` ([`included_is_whole`]), and the source sequence it ends at.
#[derive(Debug, Clone, PartialEq)]
struct PullBatch {
    wanted: Vec<(String, Vec<Rev>)>,
    taken: Vec<DocChange>,
    last_seq: Value,
    docs: usize,
}

/// Whether a `_changes` batch of `listed` documents, `missing` of which the replica lacked
/// something of, was mostly new: then the next batch asks for the documents to be included.
///
/// Included documents save a `_bulk_get` for every new first revision, which is most of a first
/// pull; but they cost the server a read of every listed document, wasted on those the replica
/// already has (a pull after this replica's own push, a catching-up session of a busy team).
pub fn mostly_new(missing: usize, listed: usize) -> bool {
    missing * 2 > listed
}

#[derive(Debug, Clone, PartialEq)]
enum Wait {
    Start,
    DbInfo,
    RemoteLog,
    Changes,
    BulkGet(PullBatch),
    OpenRevs {
        batch: PullBatch,
        next: usize,
        got: Vec<DocChange>,
    },
    /// The leaf revisions asked about, by document: their bodies are taken from the replica
    /// for the missing ones only.
    RevsDiff {
        leaves: Vec<(String, Vec<Rev>)>,
        upto: u64,
    },
    BulkDocs {
        sent: u64,
        upto: u64,
        docs: usize,
    },
    Receiving(PullBatch),
    SaveLocal(After),
    PutRemoteLog {
        then: After,
        retried: bool,
    },
    RemoteLogRev(After),
    Idle,
    Done,
    Failed,
}

/// One replication session; see the module docs.
#[derive(Debug, Clone)]
pub struct Replicator {
    direction: Direction,
    config: Config,
    session_id: String,
    start_time: String,
    replication_id: String,
    wait: Wait,
    label: String,
    local_log: Option<ReplicationLog>,
    remote_log: Option<ReplicationLog>,
    remote_log_rev: Option<String>,
    history: Vec<HistoryEntry>,
    /// The source sequence reached; on a push the replica's sequence.
    seq: Value,
    checkpointed_seq: Value,
    unsaved_docs: usize,
    bulk_get: bool,
    /// Whether the next `_changes` asks for the documents to be included ([`mostly_new`]).
    include_docs: bool,
    /// A push's documents to go, by sequence, and the position in them.
    queue: Vec<(u64, String)>,
    position: usize,
    progress: Progress,
}

impl Replicator {
    /// A session in `direction` with the local checkpoint saved by the last session, if any.
    /// `session_id` must be new for each session (random), `start_time` is the time it starts,
    /// as text, for the history.
    pub fn new(
        direction: Direction,
        config: Config,
        local_log: Option<ReplicationLog>,
        session_id: &str,
        start_time: &str,
    ) -> Self {
        let replication_id = replication_id(direction, &config);
        Replicator {
            direction,
            config,
            session_id: session_id.to_string(),
            start_time: start_time.to_string(),
            replication_id,
            wait: Wait::Start,
            label: String::new(),
            local_log,
            remote_log: None,
            remote_log_rev: None,
            history: Vec::new(),
            seq: json!(0),
            checkpointed_seq: json!(0),
            unsaved_docs: 0,
            bulk_get: true,
            include_docs: false,
            queue: Vec::new(),
            position: 0,
            progress: Progress::default(),
        }
    }

    /// The id this replication's checkpoints are kept under, on the server as
    /// `_local/<id>`; the driver keeps the local checkpoint under it too.
    pub fn replication_id(&self) -> &str {
        &self.replication_id
    }

    pub fn direction(&self) -> Direction {
        self.direction
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// The local checkpoint as last saved (or as handed in).
    pub fn local_log(&self) -> Option<&ReplicationLog> {
        self.local_log.as_ref()
    }

    /// Whether the request in flight is a longpoll that may stay open for long: the driver may
    /// drop the session then (say, to push a local change first) and lose nothing.
    pub fn is_waiting_on_longpoll(&self) -> bool {
        self.wait == Wait::Changes && self.progress.caught_up && self.config.live
    }

    /// Takes the driver's input and says what to do next. After an error the session is over:
    /// start a new one (from the checkpoints) when the cause is gone.
    pub fn next(&mut self, replica: &Replica, input: Input) -> Result<Action, SyncError> {
        let wait = std::mem::replace(&mut self.wait, Wait::Failed);
        let result = self.step(replica, wait, input);
        if result.is_err() {
            self.wait = Wait::Failed;
        }
        result
    }

    fn step(&mut self, replica: &Replica, wait: Wait, input: Input) -> Result<Action, SyncError> {
        let response = match input {
            Input::Unreachable(detail) => return Err(SyncError::Unreachable { detail }),
            Input::Start if wait == Wait::Start => {
                return Ok(self.send(Wait::DbInfo, Method::Get, "", None, "GET database"));
            }
            Input::Received => {
                return match wait {
                    Wait::Receiving(batch) => Ok(self.received(batch)),
                    _ => Err(self.out_of_order()),
                }
            }
            Input::Saved => {
                return match wait {
                    Wait::SaveLocal(then) => self.saved_local(replica, then),
                    _ => Err(self.out_of_order()),
                }
            }
            Input::LocalChanged => {
                return match wait {
                    Wait::Idle => {
                        self.queue = replica.changed_since(self.seq.as_u64().unwrap_or(0));
                        self.position = 0;
                        self.progress.caught_up = false;
                        self.push_batch(replica)
                    }
                    // A change while busy is picked up by the next session; feeding it here
                    // is the driver's mistake.
                    _ => Err(self.out_of_order()),
                };
            }
            Input::Start => return Err(self.out_of_order()),
            Input::Response(response) => response,
        };
        match wait {
            Wait::DbInfo => {
                read_json(&self.label, &response, &self.config.database)?;
                let path = format!("_local/{}", self.replication_id);
                Ok(self.send(Wait::RemoteLog, Method::Get, &path, None, "GET checkpoint"))
            }
            Wait::RemoteLog => self.got_remote_log(replica, response),
            Wait::Changes => self.got_changes(replica, response),
            Wait::BulkGet(batch) => self.got_bulk_get(batch, response),
            Wait::OpenRevs { batch, next, got } => self.got_open_revs(batch, next, got, response),
            Wait::RevsDiff { leaves, upto } => self.got_revs_diff(replica, leaves, upto, response),
            Wait::BulkDocs { sent, upto, docs } => {
                self.got_bulk_docs(replica, sent, upto, docs, response)
            }
            Wait::PutRemoteLog { then, retried } => {
                self.got_put_remote_log(replica, then, retried, response)
            }
            Wait::RemoteLogRev(then) => {
                if response.status != 404 {
                    let log = read_json(&self.label, &response, &self.config.database)?;
                    self.remote_log_rev = log.get("_rev").and_then(Value::as_str).map(String::from);
                }
                Ok(self.put_remote_log(then, true))
            }
            _ => Err(self.out_of_order()),
        }
    }

    fn out_of_order(&self) -> SyncError {
        // A driver bug, not the server's: still an error in words rather than a panic.
        SyncError::BadResponse {
            request: self.label.clone(),
            problem: BadAnswer::OutOfTurn,
        }
    }

    /// An [`Action::Send`] of a request to the database, remembering what it is for; the
    /// caller sets what it waits for.
    fn request(&mut self, method: Method, path: &str, body: Option<Value>, label: &str) -> Action {
        let url = format!(
            "{}/{}/{}",
            self.config.server,
            encode(&self.config.database),
            path
        );
        let mut headers = vec![("Accept".to_string(), "application/json".to_string())];
        if body.is_some() {
            headers.push(("Content-Type".into(), "application/json".into()));
        }
        if let Some(credentials) = &self.config.credentials {
            headers.push(("Authorization".into(), credentials.basic()));
        }
        self.label = label.to_string();
        Action::Send(Request {
            method,
            url,
            headers,
            body: body.map(|b| b.to_string().into_bytes()),
            label: label.to_string(),
        })
    }

    /// Sends a request and waits in `wait` for its answer.
    fn send(
        &mut self,
        wait: Wait,
        method: Method,
        path: &str,
        body: Option<Value>,
        label: &str,
    ) -> Action {
        self.wait = wait;
        self.request(method, path, body, label)
    }

    fn got_remote_log(
        &mut self,
        replica: &Replica,
        response: Response,
    ) -> Result<Action, SyncError> {
        if response.status != 404 {
            let doc = read_json(&self.label, &response, &self.config.database)?;
            self.remote_log_rev = doc.get("_rev").and_then(Value::as_str).map(String::from);
            // A log of another shape (another client's) is as good as none: start over.
            self.remote_log = serde_json::from_value(doc).ok();
        }
        let (source, target) = match self.direction {
            Direction::Pull => (self.remote_log.as_ref(), self.local_log.as_ref()),
            Direction::Push => (self.local_log.as_ref(), self.remote_log.as_ref()),
        };
        let start = start_seq(source, target);
        self.history = source
            .or(target)
            .map(|log| log.history.clone())
            .unwrap_or_default();
        self.seq = start.unwrap_or(json!(0));
        if self.direction == Direction::Push && self.seq.as_u64().is_none() {
            // Our own sequences are numbers; anything else is not ours to trust.
            self.seq = json!(0);
        }
        self.checkpointed_seq = self.seq.clone();
        self.progress.start_seq = self.seq.clone();
        self.progress.last_seq = self.seq.clone();
        match self.direction {
            Direction::Pull => {
                // An empty replica lacks everything: its first batch is new for sure.
                self.include_docs = replica.is_empty();
                Ok(self.changes())
            }
            Direction::Push => {
                self.queue = replica.changed_since(self.seq.as_u64().unwrap_or(0));
                self.position = 0;
                self.push_batch(replica)
            }
        }
    }

    // ---- Pull ----

    fn changes(&mut self) -> Action {
        let mut path = format!(
            "_changes?style=all_docs{}&since={}&limit={}",
            if self.include_docs {
                "&include_docs=true"
            } else {
                ""
            },
            since_param(&self.seq),
            self.config.batch_size.max(1)
        );
        if self.config.live && self.progress.caught_up {
            path.push_str(&format!(
                "&feed=longpoll&timeout={}",
                self.config.longpoll_ms
            ));
        }
        self.send(Wait::Changes, Method::Get, &path, None, "GET _changes")
    }

    fn got_changes(&mut self, replica: &Replica, response: Response) -> Result<Action, SyncError> {
        let mut answer = read_json(&self.label, &response, &self.config.database)?;
        self.progress.pending = answer.get("pending").and_then(Value::as_u64);
        let stated_last_seq = answer.get("last_seq").cloned();
        // The answer is taken apart rather than copied: included documents become the bodies
        // that go into the replica.
        let results = answer
            .get_mut("results")
            .and_then(Value::as_array_mut)
            .map(std::mem::take)
            .ok_or_else(|| shape(&self.label, "results"))?;
        let last_seq = match stated_last_seq {
            Some(seq) => seq,
            None => results
                .last()
                .and_then(|r| r.get("seq"))
                .cloned()
                .unwrap_or_else(|| self.seq.clone()),
        };
        if results.is_empty() {
            self.include_docs = false;
            self.seq = last_seq;
            self.progress.last_seq = self.seq.clone();
            self.progress.caught_up = true;
            return Ok(self.caught_up());
        }
        let listed = results.len();
        let mut wanted = Vec::new();
        let mut taken = Vec::new();
        let mut missing_docs = 0;
        for (i, mut result) in results.into_iter().enumerate() {
            let id = result
                .get("id")
                .and_then(Value::as_str)
                .ok_or_else(|| shape(&self.label, format!("results[{i}].id")))?
                .to_string();
            let changes = result
                .get("changes")
                .and_then(Value::as_array)
                .ok_or_else(|| shape(&self.label, format!("results[{i}].changes")))?;
            if id.starts_with("_design/") {
                // Design documents are the server's set-up, not records.
                continue;
            }
            let mut revs = Vec::new();
            for change in changes {
                let text = change.get("rev").and_then(Value::as_str).unwrap_or("");
                match text.parse::<Rev>() {
                    Ok(rev) => revs.push(rev),
                    Err(_) => self.failure(&id, &format!("a revision of another shape: {text:?}")),
                }
            }
            let all_read = revs.len() == changes.len();
            self.progress.missing_checked += revs.len() as u64;
            let missing = replica.missing_revs(&id, &revs);
            if missing.is_empty() {
                continue;
            }
            missing_docs += 1;
            self.progress.missing_found += missing.len() as u64;
            let doc = result.get_mut("doc").map(Value::take).unwrap_or_default();
            // A change is taken whole only when every leaf listed was read (one of another
            // shape would hide a second leaf) and the replica lacks the one there is.
            if all_read && missing == revs && included_is_whole(&revs, &doc) {
                let Value::Object(doc) = doc else {
                    unreachable!("included_is_whole accepts objects only")
                };
                match from_wire_owned(doc) {
                    Ok((_, revision)) => {
                        self.progress.docs_read += 1;
                        taken.push(DocChange {
                            id,
                            leaves: vec![revision],
                            bases: Vec::new(),
                        });
                    }
                    // Whatever made it unreadable, `_bulk_get` is asked again and decides.
                    Err(_) => wanted.push((id, missing)),
                }
                continue;
            }
            wanted.push((id, missing));
        }
        self.include_docs = mostly_new(missing_docs, listed);
        let batch = PullBatch {
            wanted,
            taken,
            last_seq,
            docs: listed,
        };
        if batch.wanted.is_empty() {
            return Ok(self.pulled(batch, Vec::new()));
        }
        Ok(self.fetch(batch))
    }

    fn fetch(&mut self, batch: PullBatch) -> Action {
        if !self.bulk_get {
            return self.open_revs(batch, 0, Vec::new());
        }
        let docs: Vec<Value> = batch
            .wanted
            .iter()
            .flat_map(|(id, revs)| {
                revs.iter()
                    .map(move |rev| json!({"id": id, "rev": rev.to_string()}))
            })
            .collect();
        self.send(
            Wait::BulkGet(batch),
            Method::Post,
            "_bulk_get?revs=true&latest=true&attachments=true",
            Some(json!({ "docs": docs })),
            "POST _bulk_get",
        )
    }

    fn got_bulk_get(&mut self, batch: PullBatch, response: Response) -> Result<Action, SyncError> {
        if NO_BULK_GET.contains(&response.status) {
            self.bulk_get = false;
            return Ok(self.open_revs(batch, 0, Vec::new()));
        }
        let mut answer = read_json(&self.label, &response, &self.config.database)?;
        // The answer is taken apart rather than copied: its documents become the bodies that
        // go into the replica.
        let results = answer
            .get_mut("results")
            .and_then(Value::as_array_mut)
            .map(std::mem::take)
            .ok_or_else(|| shape(&self.label, "results"))?;
        let mut docs = Vec::new();
        for (i, mut result) in results.into_iter().enumerate() {
            let list = result
                .get_mut("docs")
                .and_then(Value::as_array_mut)
                .map(std::mem::take)
                .ok_or_else(|| shape(&self.label, format!("results[{i}].docs")))?;
            docs.extend(list);
        }
        let changes = self.read_docs(docs);
        Ok(self.pulled(batch, changes))
    }

    fn open_revs(&mut self, batch: PullBatch, next: usize, got: Vec<DocChange>) -> Action {
        let Some((id, revs)) = batch.wanted.get(next) else {
            unreachable!("open_revs is only asked for documents of the batch")
        };
        let revs: Vec<String> = revs.iter().map(Rev::to_string).collect();
        let path = format!(
            "{}?revs=true&latest=true&attachments=true&open_revs={}",
            encode(id),
            encode(&Value::from(revs).to_string())
        );
        self.send(
            Wait::OpenRevs { batch, next, got },
            Method::Get,
            &path,
            None,
            "GET open_revs",
        )
    }

    fn got_open_revs(
        &mut self,
        batch: PullBatch,
        next: usize,
        mut got: Vec<DocChange>,
        response: Response,
    ) -> Result<Action, SyncError> {
        // A document gone since `_changes` listed it (purged) has nothing to bring.
        if response.status != 404 {
            let answer = read_json(&self.label, &response, &self.config.database)?;
            let Value::Array(list) = answer else {
                return Err(wrong_shape(&self.label));
            };
            got.extend(self.read_docs(list));
        }
        if next + 1 < batch.wanted.len() {
            return Ok(self.open_revs(batch, next + 1, got));
        }
        Ok(self.pulled(batch, got))
    }

    /// Reads `{ok: doc}` items (from `_bulk_get` or `open_revs`) into changes, one per
    /// document; an item of another shape or an error is counted as a failure, not fatal, so
    /// that one foreign document cannot stop a team's sync.
    fn read_docs(&mut self, items: Vec<Value>) -> Vec<DocChange> {
        let mut by_id: BTreeMap<String, Vec<Revision>> = BTreeMap::new();
        for mut item in items {
            let Some(Value::Object(doc)) = item.get_mut("ok").map(Value::take) else {
                if let Some(error) = item.get("error") {
                    let id = error.get("id").and_then(Value::as_str).unwrap_or("?");
                    let reason = error.get("reason").and_then(Value::as_str).unwrap_or("");
                    self.failure(id, reason);
                }
                continue;
            };
            // The id is kept aside for the failure message: the document itself moves into
            // the revision read from it.
            let id = doc.get("_id").and_then(Value::as_str).map(String::from);
            match from_wire_owned(doc) {
                Ok((id, revision)) => by_id.entry(id).or_default().push(revision),
                Err(problem) => self.failure(id.as_deref().unwrap_or("?"), &problem),
            }
        }
        self.progress.docs_read += by_id.len() as u64;
        by_id
            .into_iter()
            .map(|(id, leaves)| DocChange {
                id,
                leaves,
                bases: Vec::new(),
            })
            .collect()
    }

    /// A batch is fetched: hand what it brought to the driver to receive, or go on.
    fn pulled(&mut self, mut batch: PullBatch, mut changes: Vec<DocChange>) -> Action {
        // The documents taken from `_changes` and those fetched are different documents (each
        // went one way), so one receive of both is the same as two.
        changes.append(&mut batch.taken);
        if changes.is_empty() {
            return self.received(batch);
        }
        self.progress.docs_written += changes.len() as u64;
        self.wait = Wait::Receiving(batch);
        Action::Receive(changes)
    }

    /// The batch is in the replica: move on in the source, checkpointing when due.
    fn received(&mut self, batch: PullBatch) -> Action {
        self.seq = batch.last_seq.clone();
        self.progress.last_seq = self.seq.clone();
        self.unsaved_docs += batch.docs;
        if self.unsaved_docs >= self.config.checkpoint_every.max(1) {
            return self.checkpoint(After::Continue);
        }
        self.changes()
    }

    /// Caught up with the source: checkpoint what is not yet, then wait (live) or finish.
    fn caught_up(&mut self) -> Action {
        if self.seq != self.checkpointed_seq {
            return self.checkpoint(After::Finish);
        }
        self.finish()
    }

    fn finish(&mut self) -> Action {
        match (self.config.live, self.direction) {
            (true, Direction::Pull) => self.changes(),
            (true, Direction::Push) => {
                self.wait = Wait::Idle;
                Action::Idle
            }
            (false, _) => {
                self.wait = Wait::Done;
                Action::Done
            }
        }
    }

    // ---- Push ----

    fn push_batch(&mut self, replica: &Replica) -> Result<Action, SyncError> {
        self.progress.pending = Some((self.queue.len() - self.position) as u64);
        if self.position >= self.queue.len() {
            self.progress.caught_up = true;
            return Ok(self.caught_up());
        }
        let end = (self.position + self.config.batch_size.max(1)).min(self.queue.len());
        let upto = self.queue[end - 1].0;
        let mut leaves = Vec::new();
        let mut ask = Map::new();
        for (_, id) in &self.queue[self.position..end] {
            let revisions = replica.leaf_revs(id);
            let revs: Vec<Value> = revisions
                .iter()
                .map(|rev| Value::String(rev.to_string()))
                .collect();
            self.progress.missing_checked += revs.len() as u64;
            ask.insert(id.clone(), Value::Array(revs));
            leaves.push((id.clone(), revisions));
        }
        self.progress.docs_read += leaves.len() as u64;
        self.position = end;
        Ok(self.send(
            Wait::RevsDiff { leaves, upto },
            Method::Post,
            "_revs_diff",
            Some(Value::Object(ask)),
            "POST _revs_diff",
        ))
    }

    fn got_revs_diff(
        &mut self,
        replica: &Replica,
        leaves: Vec<(String, Vec<Rev>)>,
        upto: u64,
        response: Response,
    ) -> Result<Action, SyncError> {
        let answer = read_json(&self.label, &response, &self.config.database)?;
        let answer = answer.as_object().ok_or_else(|| wrong_shape(&self.label))?;
        let mut docs = Vec::new();
        for (id, revisions) in &leaves {
            let Some(entry) = answer.get(id) else {
                continue;
            };
            let missing: BTreeSet<&str> = entry
                .get("missing")
                .and_then(Value::as_array)
                .ok_or_else(|| shape(&self.label, format!("{id}.missing")))?
                .iter()
                .filter_map(Value::as_str)
                .collect();
            for rev in revisions {
                if !missing.contains(rev.to_string().as_str()) {
                    continue;
                }
                // The replica may have moved on since the question (a person's edit between
                // two steps in the app): the revision still goes if its body is kept, and a
                // newer leaf goes with a later batch in any case.
                if let Some(revision) = replica.revision(id, *rev) {
                    docs.push(to_wire(id, &revision));
                }
            }
        }
        self.progress.missing_found += docs.len() as u64;
        if docs.is_empty() {
            return self.pushed(replica, upto, leaves.len());
        }
        let sent = docs.len() as u64;
        Ok(self.send(
            Wait::BulkDocs {
                sent,
                upto,
                docs: leaves.len(),
            },
            Method::Post,
            "_bulk_docs",
            Some(json!({"docs": docs, "new_edits": false})),
            "POST _bulk_docs",
        ))
    }

    fn got_bulk_docs(
        &mut self,
        replica: &Replica,
        sent: u64,
        upto: u64,
        docs: usize,
        response: Response,
    ) -> Result<Action, SyncError> {
        let answer = read_json(&self.label, &response, &self.config.database)?;
        let items = answer.as_array().ok_or_else(|| wrong_shape(&self.label))?;
        let mut failed = 0;
        for item in items {
            if let Some(error) = item.get("error").and_then(Value::as_str) {
                failed += 1;
                let id = item
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or("?")
                    .to_string();
                let reason = item.get("reason").and_then(Value::as_str).unwrap_or("");
                self.failure(&id, &format!("{error}: {reason}"));
            }
        }
        self.progress.docs_written += sent.saturating_sub(failed);
        self.pushed(replica, upto, docs)
    }

    fn pushed(&mut self, replica: &Replica, upto: u64, docs: usize) -> Result<Action, SyncError> {
        self.seq = json!(upto);
        self.progress.last_seq = self.seq.clone();
        self.unsaved_docs += docs;
        if self.unsaved_docs >= self.config.checkpoint_every.max(1) {
            return Ok(self.checkpoint(After::Continue));
        }
        self.push_batch(replica)
    }

    fn failure(&mut self, id: &str, reason: &str) {
        self.progress.doc_write_failures += 1;
        if self.progress.failures.len() < MAX_NAMED_FAILURES {
            self.progress
                .failures
                .push((id.to_string(), reason.to_string()));
        }
    }

    // ---- Checkpoints ----

    /// The log both sides get: this session first in the history, then the earlier ones.
    fn log(&self) -> ReplicationLog {
        let entry = HistoryEntry {
            session_id: self.session_id.clone(),
            start_time: self.start_time.clone(),
            start_last_seq: self.progress.start_seq.clone(),
            end_last_seq: self.seq.clone(),
            recorded_seq: self.seq.clone(),
            missing_checked: self.progress.missing_checked,
            missing_found: self.progress.missing_found,
            docs_read: self.progress.docs_read,
            docs_written: self.progress.docs_written,
            doc_write_failures: self.progress.doc_write_failures,
        };
        let mut history = vec![entry];
        history.extend(
            self.history
                .iter()
                .filter(|e| e.session_id != self.session_id)
                .take(HISTORY_LIMIT - 1)
                .cloned(),
        );
        ReplicationLog {
            session_id: self.session_id.clone(),
            source_last_seq: self.seq.clone(),
            replication_id_version: 1,
            history,
        }
    }

    /// Writes the target's log, then the source's.
    fn checkpoint(&mut self, then: After) -> Action {
        match self.direction {
            Direction::Pull => {
                self.wait = Wait::SaveLocal(then);
                Action::SaveCheckpoint(self.log())
            }
            Direction::Push => self.put_remote_log(then, false),
        }
    }

    fn put_remote_log(&mut self, then: After, retried: bool) -> Action {
        let log = self.log();
        let mut doc = serde_json::to_value(&log).expect("a log is plain JSON");
        if let (Some(fields), Some(rev)) = (doc.as_object_mut(), &self.remote_log_rev) {
            fields.insert("_rev".into(), Value::String(rev.clone()));
        }
        let path = format!("_local/{}", self.replication_id);
        self.send(
            Wait::PutRemoteLog { then, retried },
            Method::Put,
            &path,
            Some(doc),
            "PUT checkpoint",
        )
    }

    fn got_put_remote_log(
        &mut self,
        replica: &Replica,
        then: After,
        retried: bool,
        response: Response,
    ) -> Result<Action, SyncError> {
        if response.status == 409 && !retried {
            // Someone else (an older session of the same replica in another tab) wrote the
            // checkpoint since we read it: take its revision and write ours over it.
            let path = format!("_local/{}", self.replication_id);
            return Ok(self.send(
                Wait::RemoteLogRev(then),
                Method::Get,
                &path,
                None,
                "GET checkpoint",
            ));
        }
        let answer = read_json(&self.label, &response, &self.config.database)?;
        self.remote_log_rev = answer.get("rev").and_then(Value::as_str).map(String::from);
        self.remote_log = Some(self.log());
        match self.direction {
            Direction::Pull => Ok(self.checkpointed(replica, then)),
            Direction::Push => {
                self.wait = Wait::SaveLocal(then);
                Ok(Action::SaveCheckpoint(self.log()))
            }
        }
    }

    fn saved_local(&mut self, replica: &Replica, then: After) -> Result<Action, SyncError> {
        self.local_log = Some(self.log());
        match self.direction {
            Direction::Pull => Ok(self.put_remote_log(then, false)),
            Direction::Push => Ok(self.checkpointed(replica, then)),
        }
    }

    /// Both logs are written.
    fn checkpointed(&mut self, replica: &Replica, then: After) -> Action {
        self.checkpointed_seq = self.seq.clone();
        self.unsaved_docs = 0;
        self.progress.checkpoints += 1;
        match (then, self.direction) {
            (After::Finish, _) => self.finish(),
            (After::Continue, Direction::Pull) => self.changes(),
            (After::Continue, Direction::Push) => match self.push_batch(replica) {
                Ok(action) => action,
                Err(error) => unreachable!("a push batch makes no error: {error}"),
            },
        }
    }
}

/// The replication id: the same for every session between this replica and that database in
/// that direction, and different for every other replica (CouchDB derives its own from source,
/// target and options the same way).
fn replication_id(direction: Direction, config: &Config) -> String {
    let mut hasher = Md5::new();
    hasher.update(b"segmentti-replication-1\n");
    hasher.update(config.replica_id.as_bytes());
    hasher.update(b"\n");
    hasher.update(config.server.as_bytes());
    hasher.update(b"\n");
    hasher.update(config.database.as_bytes());
    hasher.update(match direction {
        Direction::Pull => b"\npull".as_slice(),
        Direction::Push => b"\npush".as_slice(),
    });
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Runs a session to its end with a blocking transport: `send` carries one request (the words
/// of a network failure as its error), `save` keeps the replica and the local checkpoint
/// together. Returns at [`Action::Done`] or at [`Action::Idle`] of a live push; a live pull
/// never ends by itself, so this is for one-shot sessions (the tests, the benchmark).
pub fn run(
    replicator: &mut Replicator,
    replica: &mut Replica,
    send: &mut dyn FnMut(&Request) -> Result<Response, String>,
    save: &mut dyn FnMut(&Replica, &ReplicationLog),
) -> Result<Progress, SyncError> {
    let mut input = Input::Start;
    loop {
        match replicator.next(replica, input)? {
            Action::Send(request) => {
                input = match send(&request) {
                    Ok(response) => Input::Response(response),
                    Err(detail) => Input::Unreachable(detail),
                };
            }
            Action::Receive(changes) => {
                replica.receive_owned(changes);
                input = Input::Received;
            }
            Action::SaveCheckpoint(log) => {
                save(replica, &log);
                input = Input::Saved;
            }
            Action::Idle | Action::Done => return Ok(replicator.progress().clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::team::replica::Policy;
    use crate::core::team::revision::next_rev;

    fn answer(value: Value) -> Input {
        Input::Response(Response {
            status: 200,
            body: value.to_string().into_bytes(),
        })
    }

    fn sent(action: Action) -> Request {
        match action {
            Action::Send(request) => request,
            other => panic!("expected a request, got {other:?}"),
        }
    }

    /// A pull session of `replica` up to its first `_changes` request.
    fn started(replica: &Replica) -> (Replicator, Request) {
        let config = Config::new("http://couch.test", "team", "bea");
        let mut replicator = Replicator::new(Direction::Pull, config, None, "s1", "t0");
        sent(replicator.next(replica, Input::Start).unwrap());
        sent(
            replicator
                .next(replica, answer(json!({"db_name": "team"})))
                .unwrap(),
        );
        let missing_log = Input::Response(Response {
            status: 404,
            body: br#"{"error":"not_found"}"#.to_vec(),
        });
        let changes = sent(replicator.next(replica, missing_log).unwrap());
        (replicator, changes)
    }

    #[test]
    fn new_first_revisions_are_taken_from_changes_and_the_rest_fetched() {
        let replica = Replica::new(Policy::default());
        let (mut replicator, changes) = started(&replica);
        assert!(changes.url.contains("include_docs=true"), "{}", changes.url);

        let one = next_rev(None, false, &json!({"name": "Aino"}));
        let two = next_rev(None, false, &json!({"name": "Eero"}));
        let edited = next_rev(Some(two), false, &json!({"name": "Eero K"}));
        let rows = json!({"results": [
            {"seq": 1, "id": "contact:1", "changes": [{"rev": one.to_string()}],
             "doc": {"_id": "contact:1", "_rev": one.to_string(), "name": "Aino"}},
            {"seq": 3, "id": "contact:2", "changes": [{"rev": edited.to_string()}],
             "doc": {"_id": "contact:2", "_rev": edited.to_string(), "name": "Eero K"}}
        ], "last_seq": 3});
        let bulk_get = sent(replicator.next(&replica, answer(rows)).unwrap());
        assert!(bulk_get.url.contains("_bulk_get"), "{}", bulk_get.url);
        let asked: Value = serde_json::from_slice(bulk_get.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            asked,
            json!({"docs": [{"id": "contact:2", "rev": edited.to_string()}]})
        );

        let fetched = json!({"results": [{"id": "contact:2", "docs": [{"ok": {
            "_id": "contact:2", "_rev": edited.to_string(), "name": "Eero K",
            "_revisions": {"start": 2, "ids": [hex(&edited.hash), hex(&two.hash)]}
        }}]}]});
        let Action::Receive(mut received) = replicator.next(&replica, answer(fetched)).unwrap()
        else {
            panic!("expected the batch to be received");
        };
        received.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(received.len(), 2);
        assert_eq!(received[0].id, "contact:1");
        assert_eq!(received[0].leaves[0].path, vec![one]);
        assert_eq!(received[0].leaves[0].body["name"], json!("Aino"));
        assert_eq!(received[1].leaves[0].path, vec![edited, two]);
        assert_eq!(replicator.progress().docs_read, 2);
    }

    #[test]
    fn included_documents_are_asked_for_only_while_batches_are_mostly_new() {
        let mut replica = Replica::new(Policy::default());
        let known: Vec<Rev> = (0..3)
            .map(|i| {
                replica.put(
                    &format!("contact:{i}"),
                    json!({"n": i}).as_object().cloned().unwrap(),
                )
            })
            .collect();
        // A replica with documents starts without included documents.
        let (mut replicator, changes) = started(&replica);
        assert!(!changes.url.contains("include_docs"), "{}", changes.url);

        // Three of four listed are new: the next batch includes documents.
        let new: Vec<Rev> = (3..6)
            .map(|i| next_rev(None, false, &json!({"n": i})))
            .collect();
        let row = |i: usize, rev: Rev| json!({"seq": i, "id": format!("contact:{i}"), "changes": [{"rev": rev.to_string()}]});
        let rows = json!({"results": [row(0, known[0]), row(3, new[0]), row(4, new[1]), row(5, new[2])], "last_seq": 5});
        sent(replicator.next(&replica, answer(rows)).unwrap());
        let docs: Vec<Value> = (3..6)
            .map(|i| json!({"docs": [{"ok": {"_id": format!("contact:{i}"), "_rev": new[i - 3].to_string(), "n": i}}]}))
            .collect();
        let Action::Receive(changes) = replicator
            .next(&replica, answer(json!({ "results": docs })))
            .unwrap()
        else {
            panic!("expected a receive");
        };
        replica.receive_owned(changes);
        let next = sent(replicator.next(&replica, Input::Received).unwrap());
        assert!(next.url.contains("include_docs=true"), "{}", next.url);

        // Two of four known already (half, not more): back to plain `_changes`.
        let more: Vec<Rev> = (6..8)
            .map(|i| next_rev(None, false, &json!({"n": i})))
            .collect();
        let included = |i: usize, rev: Rev| {
            let mut value = row(i, rev);
            value["doc"] = json!({"_id": format!("contact:{i}"), "_rev": rev.to_string(), "n": i});
            value
        };
        let rows = json!({"results": [included(1, known[1]), included(2, known[2]), included(6, more[0]), included(7, more[1])], "last_seq": 9});
        let Action::Receive(changes) = replicator.next(&replica, answer(rows)).unwrap() else {
            panic!("new first revisions included need no request");
        };
        assert_eq!(changes.len(), 2);
        replica.receive_owned(changes);
        let next = sent(replicator.next(&replica, Input::Received).unwrap());
        assert!(!next.url.contains("include_docs"), "{}", next.url);
    }

    #[test]
    fn a_batch_is_mostly_new_when_more_than_half_of_it_was_missing() {
        assert!(mostly_new(3, 4));
        assert!(mostly_new(1, 1));
        assert!(!mostly_new(2, 4));
        assert!(!mostly_new(0, 0));
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }
}
