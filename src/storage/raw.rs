//! The records that could not be read, exactly as they are stored, as one file to download.
//!
//! The backup file is written from the in-memory database, so it cannot hold a record that did
//! not decode. This file is the way to keep those: a JSON document listing each unreadable
//! record's place (the store's own keys), why it could not be read, and its bytes as stored
//! (base64). A snapshot record that did not decode is given as its own bytes inside the chunk;
//! a chunk whose envelope did not decode, and a journal entry, as the whole stored blob.
//!
//! ```json
//! {"kind": "segmentti-unreadable-records", "version": 1, "created": "2026-03-20T12:00:00",
//!  "records": [{"place": {"journal_entry": {"seq": 7}}, "reason": "damaged",
//!               "detail": "Hit the end of buffer", "bytes_base64": "U0dUSQEAAAD/"}]}
//! ```

use super::{format, Backend, StoreError, Unreadable, UnreadablePlace, UnreadableReason};
use chrono::NaiveDateTime;
use serde::Serialize;

/// The `kind` of the file, so that it is never mistaken for a backup.
pub const RAW_KIND: &str = "segmentti-unreadable-records";
/// The layout of this file written by this version.
pub const RAW_VERSION: u32 = 1;

#[derive(Serialize)]
struct RawFile {
    kind: &'static str,
    version: u32,
    created: NaiveDateTime,
    records: Vec<RawRecord>,
}

#[derive(Serialize)]
struct RawRecord {
    place: RawPlace,
    reason: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    /// `None` when the record is no longer stored (another tab changed storage since the app
    /// started); the place and reason are still listed.
    bytes_base64: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum RawPlace {
    SnapshotChunk { chunk: u32 },
    SnapshotRecord { chunk: u32, record: u32 },
    JournalEntry { seq: u64 },
}

/// The bytes stored at `place`, or `None` if nothing is stored there any more.
async fn stored_bytes(
    backend: &impl Backend,
    chunks: u32,
    place: UnreadablePlace,
) -> Result<Option<Vec<u8>>, StoreError> {
    match place {
        UnreadablePlace::JournalEntry { seq } => Ok(backend
            .read_journal(seq.saturating_sub(1))
            .await?
            .into_iter()
            .find(|(at, _)| *at == seq)
            .map(|(_, bytes)| bytes)),
        UnreadablePlace::SnapshotChunk { chunk }
        | UnreadablePlace::SnapshotRecord { chunk, .. } => {
            let mut found = None;
            let mut index = 0;
            // One chunk held at a time, as loading does; only the wanted one is kept.
            backend
                .for_each_chunk(chunks, &mut |bytes| {
                    if index == chunk {
                        found = Some(bytes);
                    }
                    index += 1;
                })
                .await?;
            Ok(match (place, found) {
                (UnreadablePlace::SnapshotRecord { record, .. }, Some(bytes)) => {
                    format::chunk_part(&bytes, record as usize)
                }
                (_, found) => found,
            })
        }
    }
}

/// The file of every record in `unreadable`, with its bytes read from storage now.
pub async fn unreadable_file(
    backend: &impl Backend,
    unreadable: &[Unreadable],
    now: NaiveDateTime,
) -> Result<Vec<u8>, StoreError> {
    let chunks = match backend.read_head().await? {
        Some(bytes) => format::decode_head(&bytes).map_or(0, |head| head.chunks),
        None => 0,
    };
    let mut records = Vec::new();
    for Unreadable { place, reason } in unreadable {
        let bytes = stored_bytes(backend, chunks, *place).await?;
        let (reason, detail) = match reason {
            UnreadableReason::NotOurs => ("not_ours", None),
            UnreadableReason::Damaged { detail } => ("damaged", Some(detail.clone())),
        };
        records.push(RawRecord {
            place: match *place {
                UnreadablePlace::SnapshotChunk { chunk } => RawPlace::SnapshotChunk { chunk },
                UnreadablePlace::SnapshotRecord { chunk, record } => {
                    RawPlace::SnapshotRecord { chunk, record }
                }
                UnreadablePlace::JournalEntry { seq } => RawPlace::JournalEntry { seq },
            },
            reason,
            detail,
            bytes_base64: bytes.as_deref().map(base64),
        });
    }
    let file = RawFile {
        kind: RAW_KIND,
        version: RAW_VERSION,
        created: now,
        records,
    };
    Ok(serde_json::to_vec_pretty(&file).expect("the raw file always serialises"))
}

/// Standard base64 (RFC 4648, with padding), which any tool decodes.
pub use crate::core::base64::encode as base64;
