//! What lets a team of browsers share one set of data: revisions of records in CouchDB's model,
//! the merge rule for versions that changed apart, and the exchange of changes between replicas
//! (`../shared/spec/team.md`).
//!
//! This layer works on documents (an id and a JSON object body), the shape a record takes when
//! it leaves a browser: in an exchange file and as a CouchDB document. It knows nothing of
//! contacts or segments beyond which list fields merge as a union, so its rules are tested here
//! once, as a table of merge cases and a convergence property over random replicas and exchange
//! orders (`tests/it/team_convergence.rs`).

pub mod couch;
pub mod ident;
pub mod merge;
pub mod replica;
pub mod revision;
