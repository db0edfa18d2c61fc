//! Live sync with a CouchDB 3 database (`../shared/spec/team.md`, "Live sync with CouchDB"):
//! the client side of CouchDB's replication protocol over this browser's [`Replica`], without
//! input or output of its own.
//!
//! [`protocol`] holds the wire: requests and responses as values, a replica's document in
//! CouchDB's JSON shape (`_id`, `_rev`, `_revisions`, `_deleted`, attachments passed through),
//! the replication log and the errors a person can be told. [`replicator`] is one session of
//! pull or push as a state machine: the browser's transport (`src/store`, fetch) and the native
//! tests' blocking client both drive it the same way. [`status`] decides what Settings → Team
//! sync says and when the background loop tries again; [`settings`] is the stored form of the
//! sync settings and of the local checkpoints.
//!
//! [`Replica`]: crate::core::team::replica::Replica

pub mod protocol;
pub mod replicator;
pub mod settings;
pub mod status;

pub use protocol::{Credentials, ReplicationLog, Request, Response, SyncError};
pub use replicator::{run, Action, Config, Direction, Input, Progress, Replicator};
