//! The wire side of CouchDB's replication protocol: requests and responses as plain values,
//! documents in CouchDB's JSON shape, the replication log, and server answers turned into a
//! [`SyncError`] that a person can be told about.
//!
//! Nothing here does input or output: a transport (fetch in the browser, a blocking client in the
//! tests) carries a [`Request`] and hands back a [`Response`] or the words of a network failure.

use crate::core::team::replica::{Body, Revision};
use crate::core::team::revision::Rev;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// An HTTP method the replicator uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
        }
    }
}

/// One HTTP request for the transport to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: Method,
    /// The full address: the server, the database and the path, already percent-encoded.
    pub url: String,
    /// Header names and values (`Accept`, `Content-Type`, `Authorization` when there are
    /// credentials).
    pub headers: Vec<(String, String)>,
    /// A JSON body, for PUT and POST.
    pub body: Option<Vec<u8>>,
    /// What this request is, in a few words, for error messages ("GET _changes").
    pub label: String,
}

/// The answer of the server: status and body bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Why a replication stopped, in terms a settings page can put in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    /// 401: the user name or password is wrong (or none was given and the database needs one).
    WrongPassword,
    /// 403: the user is known but may not read or write this database.
    NotAllowed { reason: String },
    /// 404 on the database itself: there is no database of that name on the server.
    NoDatabase { database: String },
    /// No answer at all: the server is down, the address is wrong, the network is off, or (in
    /// a browser) the server does not allow this app's origin (CORS), which looks the same.
    Unreachable { detail: String },
    /// 5xx: the server failed.
    ServerError { status: u16, reason: String },
    /// The server answered something that is not what the protocol says: not JSON, or JSON of
    /// another shape. `request` says which request, `problem` where and what.
    BadResponse { request: String, problem: BadAnswer },
    /// Any other refusal (a 4xx the protocol does not expect).
    Refused { status: u16, reason: String },
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyncError::WrongPassword => write!(f, "wrong user name or password"),
            SyncError::NotAllowed { reason } => write!(f, "not allowed: {reason}"),
            SyncError::NoDatabase { database } => write!(f, "no database {database:?}"),
            SyncError::Unreachable { detail } => write!(f, "server unreachable: {detail}"),
            SyncError::ServerError { status, reason } => {
                write!(f, "server error {status}: {reason}")
            }
            SyncError::BadResponse { request, problem } => {
                write!(f, "unexpected answer to {request}: {problem}")
            }
            SyncError::Refused { status, reason } => write!(f, "refused ({status}): {reason}"),
        }
    }
}

/// What is wrong with an answer that is not what CouchDB sends, in parts the interface words
/// in the person's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadAnswer {
    /// Not JSON (or JSON that breaks off) at this line and column; `glimpse` is what came
    /// instead, short: a web page's title, or the first characters.
    NotJson {
        line: usize,
        column: usize,
        glimpse: String,
    },
    /// JSON without a part this request's answer always has, named by its path in the answer
    /// (`results`, `results[3].id`).
    Missing { part: String },
    /// JSON, but as a whole not of the shape this request's answer has (an object where a list
    /// belongs).
    WrongShape,
    /// An answer the replicator was not waiting for: a fault of the app's driver, not the
    /// server's.
    OutOfTurn,
}

impl fmt::Display for BadAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadAnswer::NotJson {
                line,
                column,
                glimpse,
            } => write!(f, "not JSON at line {line}, column {column}: {glimpse:?}"),
            BadAnswer::Missing { part } => write!(f, "no {part:?}"),
            BadAnswer::WrongShape => write!(f, "JSON of another shape"),
            BadAnswer::OutOfTurn => write!(f, "an answer out of turn"),
        }
    }
}

/// What came instead of JSON, short enough for a sentence: the title of a web page (a proxy's or
/// a web server's welcome page), or else the first 60 characters with white space collapsed.
pub fn glimpse(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let lower = text.to_ascii_lowercase();
    if let (Some(open), Some(close)) = (lower.find("<title>"), lower.find("</title>")) {
        let start = open + "<title>".len();
        if start <= close {
            let title = text[start..close]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if !title.is_empty() {
                return title;
            }
        }
    }
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &collapsed[..cut]),
        None => collapsed,
    }
}

/// A user name and password, sent as HTTP basic authentication.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub user: String,
    pub password: String,
}

impl fmt::Debug for Credentials {
    /// Never prints the password, so that it cannot end up in a log or a panic message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

impl Credentials {
    /// The `Authorization` header value.
    pub fn basic(&self) -> String {
        let raw = format!("{}:{}", self.user, self.password);
        format!("Basic {}", base64(raw.as_bytes()))
    }
}

/// Standard base64, for the basic authentication header and attachments.
pub use crate::core::base64::encode as base64;

/// Percent-encodes a path segment or query value: everything but RFC 3986's unreserved
/// characters, so that a database name with `/` or a document id with `:` or `+` arrives as
/// written.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A sequence as the `since` parameter of `_changes`. Sequences are opaque JSON values
/// (numbers on PouchDB and CouchDB 1, strings on CouchDB 2 and later); a string goes as its
/// text, anything else as its JSON.
pub fn since_param(seq: &Value) -> String {
    match seq {
        Value::String(text) => encode(text),
        other => encode(&other.to_string()),
    }
}

/// The attachments field, passed through as CouchDB attachments (letters of a logged segment).
pub const ATTACHMENTS: &str = "_attachments";

/// A document of the replica as CouchDB stores it: the body's fields plus `_id`, `_rev`,
/// `_revisions` (the path, so the server learns the history) and `_deleted`.
///
/// CouchDB refuses top-level fields that start with `_` other than its own, and the replica's
/// tombstones carry such fields (`_merged`, `_seen`), so a body field starting with `_` or with
/// the escape `~` travels with one more `~` in front; [`from_wire`] takes it off. The mapping is
/// one to one, so a body comes back exactly as it left. `_attachments` is the exception: it goes
/// as it is, as CouchDB attachments (`{name: {content_type, data}}`, data in base64).
pub fn to_wire(id: &str, revision: &Revision) -> Value {
    let mut doc = Map::new();
    doc.insert("_id".into(), Value::String(id.to_string()));
    if let Some(leaf) = revision.path.first() {
        doc.insert("_rev".into(), Value::String(leaf.to_string()));
        let ids: Vec<Value> = revision
            .path
            .iter()
            .map(|rev| Value::String(hex(&rev.hash)))
            .collect();
        let mut revisions = Map::new();
        revisions.insert("start".into(), Value::from(leaf.generation));
        revisions.insert("ids".into(), Value::Array(ids));
        doc.insert("_revisions".into(), Value::Object(revisions));
    }
    if revision.deleted {
        doc.insert("_deleted".into(), Value::Bool(true));
    }
    for (key, value) in &revision.body {
        if key == ATTACHMENTS {
            doc.insert(key.clone(), value.clone());
        } else if key.starts_with('_') || key.starts_with('~') {
            doc.insert(format!("~{key}"), value.clone());
        } else {
            doc.insert(key.clone(), value.clone());
        }
    }
    Value::Object(doc)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads a CouchDB document back into an id and a revision with its path: the inverse of
/// [`to_wire`]. Attachments keep only what re-creates them elsewhere (`content_type` and
/// `data`), so that a body read back equals the body that was written; a stub without data is
/// kept as the server sent it.
pub fn from_wire(doc: &Map<String, Value>) -> Result<(String, Revision), String> {
    from_wire_owned(doc.clone())
}

/// [`from_wire`] of a document the caller no longer needs: its fields move into the body
/// instead of being copied (a pull reads every document of every batch this way).
pub fn from_wire_owned(doc: Map<String, Value>) -> Result<(String, Revision), String> {
    let id = doc
        .get("_id")
        .and_then(Value::as_str)
        .ok_or("a document without \"_id\"")?
        .to_string();
    let rev_text = doc
        .get("_rev")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("document {id:?} without \"_rev\""))?;
    let leaf: Rev = rev_text
        .parse()
        .map_err(|_| format!("document {id:?} has a revision {rev_text:?} of another shape"))?;
    let path = match doc.get("_revisions") {
        Some(revisions) => read_revisions(revisions)
            .ok_or_else(|| format!("document {id:?} has unreadable \"_revisions\""))?,
        None => vec![leaf],
    };
    if path.first() != Some(&leaf) {
        return Err(format!(
            "document {id:?}: \"_revisions\" does not start at {rev_text}"
        ));
    }
    let deleted = doc
        .get("_deleted")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let mut body = Body::new();
    for (key, value) in doc {
        if key == ATTACHMENTS {
            body.insert(key, normalise_attachments(value));
        } else if let Some(escaped) = key.strip_prefix('~') {
            body.insert(escaped.to_string(), value);
        } else if !key.starts_with('_') {
            body.insert(key, value);
        }
        // Any other field starting with `_` is the server's (`META`, or a newer server's own),
        // not part of the record.
    }
    Ok((
        id,
        Revision {
            path,
            deleted,
            body,
        },
    ))
}

/// Whether the document that `_changes?include_docs=true` sent with a change is that change
/// whole, so that it can go into a replica as it is instead of being fetched with `_bulk_get`.
///
/// `listed` are the change's leaf revisions (`style=all_docs`). Only a change with a single
/// first-generation leaf qualifies: a first generation has no ancestors, so its body is the
/// whole revision with its whole history, which `_bulk_get?revs=true` would only repeat. The
/// included document must be that very revision (`_rev`; the server reads the document apart
/// from the change and it may have moved on since), live (a tombstone's body is not
/// guaranteed), and without attachments (it carries only stubs of them; the letters' bytes come
/// with `_bulk_get?attachments=true`) or conflict lists (a sign that it is not a lone leaf).
/// Everything else is fetched the usual way.
pub fn included_is_whole(listed: &[Rev], doc: &Value) -> bool {
    let [only] = listed else {
        return false;
    };
    let Some(fields) = doc.as_object() else {
        return false;
    };
    only.generation == 1
        && fields.get("_id").is_some_and(Value::is_string)
        && fields
            .get("_rev")
            .and_then(Value::as_str)
            .and_then(|text| text.parse::<Rev>().ok())
            == Some(*only)
        && !fields
            .get("_deleted")
            .and_then(Value::as_bool)
            .unwrap_or(false)
        && !fields.contains_key(ATTACHMENTS)
        && !fields.contains_key("_conflicts")
        && !fields.contains_key("_deleted_conflicts")
}

fn read_revisions(value: &Value) -> Option<Vec<Rev>> {
    let start = value.get("start")?.as_u64()?;
    let ids = value.get("ids")?.as_array()?;
    let mut path = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        let generation = start.checked_sub(i as u64).filter(|g| *g > 0)?;
        path.push(format!("{generation}-{}", id.as_str()?).parse().ok()?);
    }
    Some(path)
}

fn normalise_attachments(value: Value) -> Value {
    let Value::Object(attachments) = value else {
        return value;
    };
    let mut out = Map::new();
    for (name, attachment) in attachments {
        let kept = match attachment {
            Value::Object(mut fields) if fields.contains_key("data") => {
                let mut kept = Map::new();
                for key in ["content_type", "data"] {
                    if let Some(v) = fields.remove(key) {
                        kept.insert(key.into(), v);
                    }
                }
                Value::Object(kept)
            }
            other => other,
        };
        out.insert(name, kept);
    }
    Value::Object(out)
}

/// Writes every number of a body the way JavaScript reads it back: a whole float within
/// JavaScript's exact integers (±2^53) becomes an integer, so `0.0` is `0`.
///
/// CouchDB and PouchDB hold JSON numbers as JavaScript doubles, so a document with `0.0` comes
/// back from the server as `0`, a different `Value`: the record would look changed to the
/// browser that pulls it, which would write a new revision of it, which would look changed to
/// the first browser, and so on. A body in this form comes back exactly as it left. Bodies are
/// made by the record mapping (`storage::team::docs`), which must apply this before a body
/// becomes a revision; the replicator does not touch bodies, since a revision's hash is of its
/// body as written.
pub fn javascript_numbers(value: &mut Value) {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    match value {
        Value::Number(number) if !number.is_i64() && !number.is_u64() => {
            if let Some(float) = number.as_f64() {
                if float.fract() == 0.0 && float.abs() <= EXACT {
                    *value = Value::from(float as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(javascript_numbers),
        Value::Object(fields) => fields.values_mut().for_each(javascript_numbers),
        _ => {}
    }
}

/// One run of a replication as its log remembers it (CouchDB's history entry).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub session_id: String,
    #[serde(default)]
    pub start_time: String,
    #[serde(default)]
    pub start_last_seq: Value,
    #[serde(default)]
    pub end_last_seq: Value,
    pub recorded_seq: Value,
    #[serde(default)]
    pub missing_checked: u64,
    #[serde(default)]
    pub missing_found: u64,
    #[serde(default)]
    pub docs_read: u64,
    #[serde(default)]
    pub docs_written: u64,
    #[serde(default)]
    pub doc_write_failures: u64,
}

/// The replication log (checkpoint) kept on both sides as `_local/<replication id>`: the last
/// session, how far it got in the source's sequence, and the history of earlier sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplicationLog {
    pub session_id: String,
    pub source_last_seq: Value,
    #[serde(default)]
    pub replication_id_version: u32,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

/// How many sessions a log remembers (CouchDB keeps 50).
pub const HISTORY_LIMIT: usize = 50;

/// Where a replication starts, from the source's and the target's logs, by the protocol's
/// "Compare Replication Logs": the same last session on both sides gives the source's last
/// sequence; otherwise the newest session both histories share gives its recorded sequence;
/// otherwise the start (`None`).
///
/// The replicator always writes the source's log last, so the source's value is never ahead of
/// what the target holds.
pub fn start_seq(
    source: Option<&ReplicationLog>,
    target: Option<&ReplicationLog>,
) -> Option<Value> {
    let (source, target) = (source?, target?);
    if source.session_id == target.session_id {
        return Some(source.source_last_seq.clone());
    }
    source.history.iter().find_map(|entry| {
        target
            .history
            .iter()
            .any(|other| other.session_id == entry.session_id)
            .then(|| entry.recorded_seq.clone())
    })
}

/// Checks a response: a 2xx answer gives its JSON; anything else becomes the [`SyncError`] it
/// means. `database` names the database for the 404 message; callers that expect a 404 of
/// their own (a missing checkpoint, `_bulk_get` unknown to an old server) look at the status
/// before calling this.
pub fn read_json(label: &str, response: &Response, database: &str) -> Result<Value, SyncError> {
    let status = response.status;
    if (200..300).contains(&status) {
        return serde_json::from_slice(&response.body).map_err(|e| SyncError::BadResponse {
            request: label.to_string(),
            problem: BadAnswer::NotJson {
                line: e.line(),
                column: e.column(),
                glimpse: glimpse(&response.body),
            },
        });
    }
    let reason = error_reason(&response.body);
    Err(match status {
        // CouchDB answers 401 both to a wrong password and, on a database with members, to a
        // user who is not one of them (PouchDB Server always; CouchDB when nobody logged in);
        // only the reason tells them apart.
        401 if reason.contains("not authorized to access this db") => {
            SyncError::NotAllowed { reason }
        }
        401 => SyncError::WrongPassword,
        403 => SyncError::NotAllowed { reason },
        404 => SyncError::NoDatabase {
            database: database.to_string(),
        },
        500..=599 => SyncError::ServerError { status, reason },
        _ => SyncError::Refused { status, reason },
    })
}

/// The words a server gave with an error: CouchDB's `reason` (with its `error`), or the start of
/// the body when it is not CouchDB's JSON (a proxy's HTML page).
fn error_reason(body: &[u8]) -> String {
    if let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(body) {
        let error = fields.get("error").and_then(Value::as_str).unwrap_or("");
        let reason = fields.get("reason").and_then(Value::as_str).unwrap_or("");
        return match (error.is_empty(), reason.is_empty()) {
            (false, false) => format!("{error}: {reason}"),
            (false, true) => error.to_string(),
            _ => reason.to_string(),
        };
    }
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    match text.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// An answer to `label` without `part` (a path in the answer, such as `results[3].id`).
pub fn shape(label: &str, part: impl Into<String>) -> SyncError {
    SyncError::BadResponse {
        request: label.to_string(),
        problem: BadAnswer::Missing { part: part.into() },
    }
}

/// An answer to `label` that is JSON of another shape as a whole.
pub fn wrong_shape(label: &str) -> SyncError {
    SyncError::BadResponse {
        request: label.to_string(),
        problem: BadAnswer::WrongShape,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::team::revision::next_rev;
    use serde_json::json;

    fn body(value: Value) -> Body {
        value.as_object().cloned().unwrap()
    }

    /// A first revision as the server includes it with its change.
    fn included(rev: Rev, extra: Value) -> Value {
        let mut doc = json!({"_id": "contact:1", "_rev": rev.to_string(), "name": "Aino"});
        for (key, value) in extra.as_object().unwrap() {
            doc[key] = value.clone();
        }
        doc
    }

    #[test]
    fn a_lone_first_revision_included_with_its_change_is_taken_as_it_is() {
        let first = next_rev(None, false, &json!({"name": "Aino"}));
        let doc = included(first, json!({}));
        assert!(included_is_whole(&[first], &doc));
        // What it becomes is that revision with its one-revision history.
        let (id, revision) = from_wire(doc.as_object().unwrap()).unwrap();
        assert_eq!(id, "contact:1");
        assert_eq!(revision.path, vec![first]);
        assert!(!revision.deleted);
        assert_eq!(revision.body, body(json!({"name": "Aino"})));
    }

    #[test]
    fn every_other_change_is_fetched() {
        let first = next_rev(None, false, &json!({"name": "Aino"}));
        let other = next_rev(None, false, &json!({"name": "Eero"}));
        let second = next_rev(Some(first), false, &json!({"name": "Aino K"}));
        // A later generation: its history is not in the included document.
        assert!(!included_is_whole(&[second], &included(second, json!({}))));
        // Two leaves (a conflict), even when the included one is a first generation.
        assert!(!included_is_whole(
            &[first, other],
            &included(first, json!({}))
        ));
        // The included document is another revision than the one listed.
        assert!(!included_is_whole(&[first], &included(other, json!({}))));
        // A tombstone, attachments (stubs only), conflict lists.
        assert!(!included_is_whole(
            &[first],
            &included(first, json!({"_deleted": true}))
        ));
        assert!(!included_is_whole(
            &[first],
            &included(
                first,
                json!({"_attachments": {"a.pdf": {"stub": true, "length": 3}}})
            )
        ));
        assert!(!included_is_whole(
            &[first],
            &included(first, json!({"_conflicts": [other.to_string()]}))
        ));
        // No document, or not one: a server that ignored include_docs, a deleted one.
        assert!(!included_is_whole(&[first], &Value::Null));
        assert!(!included_is_whole(
            &[first],
            &json!({"_rev": first.to_string()})
        ));
        assert!(!included_is_whole(&[], &included(first, json!({}))));
    }

    #[test]
    fn a_document_comes_back_from_the_wire_as_it_left() {
        let first = next_rev(None, false, &json!({"a": 1}));
        let second = next_rev(Some(first), true, &json!({"_merged": true}));
        let revision = Revision {
            path: vec![second, first],
            deleted: true,
            body: body(
                json!({"_merged": true, "~x": 2, "name": "Ääkkönen", "_attachments": {
                    "letter.docx": {"content_type": "application/octet-stream", "data": "UEsD"}
                }}),
            ),
        };
        let wire = to_wire("contact:1", &revision);
        assert_eq!(wire["_rev"], json!(second.to_string()));
        assert_eq!(wire["_revisions"]["start"], json!(2));
        assert_eq!(wire["~_merged"], json!(true));
        assert_eq!(wire["~~x"], json!(2));
        assert!(wire.get("_merged").is_none());
        let (id, back) = from_wire(wire.as_object().unwrap()).unwrap();
        assert_eq!(id, "contact:1");
        assert_eq!(back, revision);
    }

    #[test]
    fn whole_floats_are_written_as_javascript_reads_them() {
        let mut value = json!({"cost": 0.0, "neg": -0.0, "n": 3.0, "half": 1.5, "big": 1e300,
            "list": [2.0, {"deep": 7.0}], "int": 4, "text": "1.0"});
        javascript_numbers(&mut value);
        assert_eq!(
            value.to_string(),
            json!({"cost": 0, "neg": 0, "n": 3, "half": 1.5, "big": 1e300,
                "list": [2, {"deep": 7}], "int": 4, "text": "1.0"})
            .to_string()
        );
    }

    #[test]
    fn attachments_from_the_server_keep_what_recreates_them() {
        let rev = next_rev(None, false, &json!({}));
        let doc = json!({"_id": "d", "_rev": rev.to_string(), "_attachments": {
            "a.docx": {"content_type": "x/y", "data": "QQ==", "revpos": 1, "digest": "md5-x", "length": 1}
        }});
        let (_, revision) = from_wire(doc.as_object().unwrap()).unwrap();
        assert_eq!(
            revision.body["_attachments"],
            json!({"a.docx": {"content_type": "x/y", "data": "QQ=="}})
        );
    }

    #[test]
    fn documents_of_another_shape_are_named() {
        for (doc, words) in [
            (json!({"_rev": "1-a"}), "without \"_id\""),
            (json!({"_id": "x"}), "without \"_rev\""),
            (json!({"_id": "x", "_rev": "1-zz"}), "another shape"),
            (
                json!({"_id": "x", "_rev": format!("2-{}", "a".repeat(32)),
                       "_revisions": {"start": 2, "ids": ["b".repeat(32)]}}),
                "does not start",
            ),
        ] {
            let problem = from_wire(doc.as_object().unwrap()).unwrap_err();
            assert!(problem.contains(words), "{problem}");
        }
    }

    #[test]
    fn sequences_travel_as_their_text_or_json() {
        assert_eq!(since_param(&json!(12)), "12");
        assert_eq!(since_param(&json!("12-g1AA/x")), "12-g1AA%2Fx");
        assert_eq!(since_param(&json!([1, "a"])), "%5B1%2C%22a%22%5D");
    }

    #[test]
    fn basic_authentication_is_base64_of_user_and_password() {
        let credentials = Credentials {
            user: "Aladdin".into(),
            password: "open sesame".into(),
        };
        assert_eq!(credentials.basic(), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert_eq!(base64(b"a"), "YQ==");
        assert_eq!(base64(b"ab"), "YWI=");
        assert!(!format!("{credentials:?}").contains("sesame"));
    }

    fn log(session: &str, seq: Value, history: &[(&str, Value)]) -> ReplicationLog {
        ReplicationLog {
            session_id: session.into(),
            source_last_seq: seq,
            replication_id_version: 1,
            history: history
                .iter()
                .map(|(s, seq)| HistoryEntry {
                    session_id: s.to_string(),
                    start_time: String::new(),
                    start_last_seq: json!(0),
                    end_last_seq: seq.clone(),
                    recorded_seq: seq.clone(),
                    missing_checked: 0,
                    missing_found: 0,
                    docs_read: 0,
                    docs_written: 0,
                    doc_write_failures: 0,
                })
                .collect(),
        }
    }

    #[test]
    fn the_start_is_the_last_checkpoint_both_sides_share() {
        let source = log(
            "c",
            json!(30),
            &[("c", json!(30)), ("b", json!(20)), ("a", json!(10))],
        );
        let same = log("c", json!(31), &[("c", json!(31))]);
        assert_eq!(start_seq(Some(&source), Some(&same)), Some(json!(30)));
        let behind = log("b", json!(20), &[("b", json!(20)), ("a", json!(10))]);
        assert_eq!(start_seq(Some(&source), Some(&behind)), Some(json!(20)));
        let foreign = log("z", json!(99), &[("z", json!(99))]);
        assert_eq!(start_seq(Some(&source), Some(&foreign)), None);
        assert_eq!(start_seq(None, Some(&source)), None);
    }

    #[test]
    fn answers_become_errors_a_person_can_be_told() {
        let answer = |status, body: &str| {
            read_json(
                "GET _changes",
                &Response {
                    status,
                    body: body.as_bytes().to_vec(),
                },
                "team",
            )
        };
        assert_eq!(answer(200, "{\"a\":1}"), Ok(json!({"a": 1})));
        assert_eq!(answer(401, "{}"), Err(SyncError::WrongPassword));
        assert_eq!(
            answer(
                401,
                r#"{"error":"unauthorized","reason":"Name or password is incorrect."}"#
            ),
            Err(SyncError::WrongPassword)
        );
        assert_eq!(
            answer(
                401,
                r#"{"error":"unauthorized","reason":"You are not authorized to access this db."}"#
            ),
            Err(SyncError::NotAllowed {
                reason: "unauthorized: You are not authorized to access this db.".into()
            })
        );
        assert_eq!(
            answer(403, r#"{"error":"forbidden","reason":"members only"}"#),
            Err(SyncError::NotAllowed {
                reason: "forbidden: members only".into()
            })
        );
        assert_eq!(
            answer(404, "{}"),
            Err(SyncError::NoDatabase {
                database: "team".into()
            })
        );
        assert_eq!(
            answer(502, "<html>Bad gateway</html>"),
            Err(SyncError::ServerError {
                status: 502,
                reason: "<html>Bad gateway</html>".into()
            })
        );
        match answer(200, "{\"a\":\n tru") {
            Err(SyncError::BadResponse {
                request,
                problem: BadAnswer::NotJson { line, .. },
            }) => {
                assert_eq!(request, "GET _changes");
                assert_eq!(line, 2);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn what_came_instead_of_json_is_told_by_its_title_or_its_start() {
        assert_eq!(
            glimpse(b"<html><head><title> Bad\n  gateway </title></head></html>"),
            "Bad gateway"
        );
        assert_eq!(
            glimpse(b"  Service\n\tunavailable  "),
            "Service unavailable"
        );
        let long = "x".repeat(100);
        assert_eq!(glimpse(long.as_bytes()), format!("{}…", "x".repeat(60)));
        // Bytes that are not UTF-8 do not stop the message.
        assert_eq!(glimpse(&[0xff, b'a']), "\u{fffd}a");
    }
}
