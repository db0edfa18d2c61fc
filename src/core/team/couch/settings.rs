//! What this browser keeps about live sync besides the data: where to sync (server, database,
//! user, and the password only when the person chose to keep it), whether sync is on, and the
//! local copy of each direction's checkpoint. The browser keeps these in localStorage next to
//! the other preferences (`src/store/sync.rs`); this module is their stored form, read
//! leniently and tested natively (`tests/it/sync_status.rs`).
//!
//! The checkpoints are not kept in IndexedDB with the records, on purpose. CouchDB's protocol
//! keeps the same replication log on the server (`_local/<replication id>`), and a pull's
//! checkpoint is saved only after the batch it covers was committed, so the local copy is never
//! ahead of the data. Losing it (localStorage cleared, a backup restored elsewhere) therefore
//! costs one re-scan of the server's changes, never a record: what arrives again is a revision
//! this browser already has, and receiving it changes nothing. A new stored record kind would
//! have needed a storage format version and its upgrade for no gain in safety.

use super::protocol::ReplicationLog;
use serde_json::{json, Value};

/// The version written with the settings object. Version 1 is
/// `{"version": 1, "server": "", "database": "", "user": "", "password": null|"…", "running": bool}`.
pub const SETTINGS_VERSION: u64 = 1;
/// The version written with a stored checkpoint: `{"version": 1, "log": <ReplicationLog>}`.
pub const CHECKPOINT_VERSION: u64 = 1;

/// Where and as whom to sync.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SyncSettings {
    /// The server's address, e.g. `https://couch.example.org`.
    pub server: String,
    pub database: String,
    pub user: String,
    /// Kept only when the person ticked "remember the password in this browser"; otherwise it
    /// lives in memory until the tab closes.
    pub password: Option<String>,
    /// Whether sync is on (Start) or paused.
    pub running: bool,
}

impl std::fmt::Debug for SyncSettings {
    /// Never prints the password, so that it cannot end up in a log or a panic message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncSettings")
            .field("server", &self.server)
            .field("database", &self.database)
            .field("user", &self.user)
            .field("password_kept", &self.password.is_some())
            .field("running", &self.running)
            .finish()
    }
}

impl SyncSettings {
    /// Whether enough is filled in to try: a server and a database (a user is optional, for a
    /// database open to everyone, as pouchdb-server's are).
    pub fn is_set_up(&self) -> bool {
        !self.server.trim().is_empty() && !self.database.trim().is_empty()
    }

    /// Reads a stored value leniently: a missing or broken field gets its default, so that one
    /// bad field does not lose the others.
    pub fn from_json(value: &Value) -> SyncSettings {
        let text = |name: &str| {
            value
                .get(name)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        SyncSettings {
            server: text("server"),
            database: text("database"),
            user: text("user"),
            password: value
                .get("password")
                .and_then(Value::as_str)
                .map(str::to_string),
            running: value
                .get("running")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        }
    }

    /// The stored form, at [`SETTINGS_VERSION`].
    pub fn to_json(&self) -> Value {
        json!({
            "version": SETTINGS_VERSION,
            "server": self.server,
            "database": self.database,
            "user": self.user,
            "password": self.password,
            "running": self.running,
        })
    }
}

/// Why a server address is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressProblem {
    /// Not an `http://` or `https://` address with a host.
    NotAnAddress,
    /// Plain `http://` to a host other than this machine: the password would cross the network
    /// readable by anyone on the way (`team.md`: plain http only for loopback).
    PlainHttp,
}

/// The server address as the replicator wants it (no trailing `/`), or why it is refused.
pub fn check_address(address: &str) -> Result<String, AddressProblem> {
    let address = address.trim().trim_end_matches('/');
    let lower = address.to_ascii_lowercase();
    let (secure, rest) = if let Some(rest) = lower.strip_prefix("https://") {
        (true, rest)
    } else if let Some(rest) = lower.strip_prefix("http://") {
        (false, rest)
    } else {
        return Err(AddressProblem::NotAnAddress);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = if authority.starts_with('[') {
        authority
            .find(']')
            .map(|end| &authority[..=end])
            .unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    if host.is_empty() || authority.contains('@') || rest.contains(char::is_whitespace) {
        return Err(AddressProblem::NotAnAddress);
    }
    // 127.0.0.0/8 as an address, not any name that happens to start with "127.".
    let loopback = host == "localhost"
        || host == "[::1]"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback());
    if !secure && !loopback {
        return Err(AddressProblem::PlainHttp);
    }
    Ok(address.to_string())
}

/// The stored form of a direction's local checkpoint.
pub fn checkpoint_to_json(log: &ReplicationLog) -> Value {
    json!({"version": CHECKPOINT_VERSION, "log": log})
}

/// A stored checkpoint, or `None` when it is missing, of another version or unreadable: the
/// replicator then starts from the server's checkpoint history or the beginning, which only
/// costs a re-scan.
pub fn checkpoint_from_json(value: &Value) -> Option<ReplicationLog> {
    if value.get("version").and_then(Value::as_u64) != Some(CHECKPOINT_VERSION) {
        return None;
    }
    serde_json::from_value(value.get("log")?.clone()).ok()
}
