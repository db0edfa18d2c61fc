//! The bytes written to disk: versioned snapshot chunks and journal entries.
//!
//! Every blob starts with a four-byte magic and a little-endian format version, followed by a
//! postcard payload. Postcard is compact and fast to decode, which is what loading 100,000
//! contacts and 500,000 log entries at start needs; JSON is kept for the backup file, which
//! people may open.
//!
//! A snapshot chunk holds its records each encoded on its own, so one damaged record is named
//! and skipped instead of taking its neighbours down with it.

use super::records::{upgrade, v1, v2, v3, v4, Each, Stored};
use crate::core::changes::{Changes, Record};
use crate::core::ids::EntryId;
use crate::core::model::{LetterBatch, StoredLetter};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The on-disk format written by this version of the app. Format 2 added the import undo record,
/// format 3 the team's records, format 4 the template's e-mails (`records::v4`); formats 1 to 3
/// are still read, through their upgrade steps.
pub const FORMAT_VERSION: u32 = 4;

const MAGIC: &[u8; 4] = b"SGTI";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes do not start with our magic: not something this app wrote.
    NotOurs,
    /// Written by a newer version of the app; this one must not touch it.
    VersionTooNew { found: u32, supported: u32 },
    /// The envelope is ours but the payload does not decode.
    Damaged(String),
}

/// Where the store stands: the last journal sequence number and the snapshot it builds on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Head {
    pub format: u32,
    /// The sequence number of the last committed change set (0 before the first).
    pub seq: u64,
    /// The journal sequence number the snapshot already contains.
    pub snapshot_seq: u64,
    /// How many snapshot chunks there are (keys 0..chunks).
    pub chunks: u32,
}

/// `value` in its envelope: the magic, this format's version, then the postcard payload, written
/// into one buffer of at least `capacity` bytes (a log's letters are tens of megabytes, and wasm
/// memory never shrinks, so they are not written once and then copied behind the header).
fn envelope<T: Serialize + ?Sized>(value: &T, capacity: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(capacity + 8);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    postcard::to_extend(value, out).expect("stored values always encode")
}

/// A byte string written with serde's `serialize_bytes`. Postcard lays bytes out exactly as it
/// lays out a sequence of `u8` (the length, then the bytes), so this reads back as the records'
/// `Vec<u8>`; but it is written with one copy instead of one call per byte, which for a log's
/// letters was most of the time of its commit.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// A letter batch as format 2 writes it (`v2::LetterBatch`, shared with format 1), borrowed from
/// the core value: the same fields in the same order, so the bytes are the same (a test holds
/// them to `v2::LetterBatch::from_core`), without first copying every letter.
struct LetterBatchOut<'a>(&'a LetterBatch);

#[derive(Serialize)]
struct LetterOut<'a> {
    file_name: &'a str,
    mime: &'a str,
    bytes: Bytes<'a>,
    merge_data: &'a BTreeMap<String, String>,
}

impl Serialize for LetterBatchOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let LetterBatch { id, letters } = self.0;
        let letters = Letters(letters);
        let mut out = serializer.serialize_struct("LetterBatch", 2)?;
        out.serialize_field("id", &v1::LoggedSegmentId::from_core(id))?;
        out.serialize_field("letters", &letters)?;
        out.end()
    }
}

struct Letters<'a>(&'a [(EntryId, StoredLetter)]);

impl Serialize for Letters<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|(entry, letter)| {
            // Every field named, as in `records/v1_convert.rs`: a field added to the core's
            // letter is a compile error here until someone decides what it means on disk.
            let StoredLetter {
                file_name,
                mime,
                bytes,
                merge_data,
            } = letter;
            (
                v1::EntryId::from_core(entry),
                LetterOut {
                    file_name,
                    mime,
                    bytes: Bytes(bytes),
                    merge_data,
                },
            )
        }))
    }
}

/// The format versions this app reads: each is decoded with its own record types and upgraded,
/// step by step, to the newest (see `storage/records/mod.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V1,
    V2,
    V3,
    V4,
}

/// Checks the envelope and returns the format version and the payload.
fn open_envelope(bytes: &[u8]) -> Result<(Version, &[u8]), DecodeError> {
    if bytes.len() < 8 || &bytes[..4] != MAGIC {
        return Err(DecodeError::NotOurs);
    }
    let version = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
    if version > FORMAT_VERSION {
        return Err(DecodeError::VersionTooNew {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    let version = match version {
        1 => Version::V1,
        2 => Version::V2,
        3 => Version::V3,
        4 => Version::V4,
        other => {
            return Err(DecodeError::Damaged(format!(
                "unknown format version {other}"
            )))
        }
    };
    Ok((version, &bytes[8..]))
}

/// Decodes one snapshot record as the format `version` wrote it, upgraded to the newest format.
fn decode_record(version: Version, bytes: &[u8]) -> Result<v4::Record, postcard::Error> {
    match version {
        Version::V1 => postcard::from_bytes::<v1::Record>(bytes)
            .map(upgrade::record_1_to_2)
            .map(upgrade::record_2_to_3)
            .map(upgrade::record_3_to_4),
        Version::V2 => postcard::from_bytes::<v2::Record>(bytes)
            .map(upgrade::record_2_to_3)
            .map(upgrade::record_3_to_4),
        Version::V3 => postcard::from_bytes::<v3::Record>(bytes).map(upgrade::record_3_to_4),
        Version::V4 => postcard::from_bytes::<v4::Record>(bytes),
    }
}

fn damaged(error: postcard::Error) -> DecodeError {
    DecodeError::Damaged(error.to_string())
}

pub fn encode_head(head: &Head) -> Vec<u8> {
    envelope(head, 32)
}

pub fn decode_head(bytes: &[u8]) -> Result<Head, DecodeError> {
    let (version, payload) = open_envelope(bytes)?;
    // The head is not a record: formats 1 and 2 lay it out alike.
    let head: Head = match version {
        Version::V1 | Version::V2 | Version::V3 | Version::V4 => {
            postcard::from_bytes(payload).map_err(damaged)?
        }
    };
    if head.format > FORMAT_VERSION {
        return Err(DecodeError::VersionTooNew {
            found: head.format,
            supported: FORMAT_VERSION,
        });
    }
    Ok(head)
}

/// Encodes one chunk of a snapshot.
pub fn encode_chunk(records: &[Record]) -> Vec<u8> {
    let parts: Vec<Vec<u8>> = records
        .iter()
        .map(|record| {
            postcard::to_allocvec(&v4::Record::from_core(record))
                .expect("stored records always encode")
        })
        .collect();
    let size = parts.iter().map(|part| part.len() + 5).sum();
    let parts: Vec<Bytes> = parts.iter().map(|part| Bytes(part)).collect();
    envelope(&parts, size)
}

/// The records of a chunk that decoded, and the index and reason of each that did not.
pub type DecodedChunk = (Vec<Record>, Vec<(usize, String)>);

/// Decodes a snapshot chunk. Records that do not decode are returned by their index in the
/// chunk, so the caller can name them and go on with the rest.
pub fn decode_chunk(bytes: &[u8]) -> Result<DecodedChunk, DecodeError> {
    let mut records = Vec::new();
    let bad = decode_chunk_each(bytes, |record| records.push(record))?;
    Ok((records, bad))
}

/// Decodes a snapshot chunk record by record, handing each record that decodes to `each` as
/// soon as it is decoded, so that no list of the chunk's records is ever built. Returns the
/// index and reason of each record that did not decode.
pub fn decode_chunk_each(
    bytes: &[u8],
    mut each: impl FnMut(Record),
) -> Result<Vec<(usize, String)>, DecodeError> {
    let (version, payload) = open_envelope(bytes)?;
    // Written as a list of byte vectors (in every format); postcard encodes a `Vec<u8>` and a
    // byte slice alike (a length, then the bytes), so the parts are borrowed from the chunk, not
    // copied.
    let parts: Vec<&[u8]> = postcard::from_bytes(payload).map_err(damaged)?;
    let mut bad = Vec::new();
    for (index, part) in parts.iter().enumerate() {
        match decode_record(version, part)
            .map_err(|error| error.to_string())
            .and_then(v4::Record::into_core)
        {
            Ok(record) => each(record),
            Err(reason) => bad.push((index, reason)),
        }
    }
    Ok(bad)
}

/// A journal entry as [`v4::Changes`] lays it out, converted record by record while it is
/// encoded, so that a large import is never held twice.
#[derive(Serialize)]
struct ChangesOut<'a> {
    puts: Each<'a, v4::Record>,
    deletes: Each<'a, v4::RecordKey>,
}

/// The bytes of record `index` inside a snapshot chunk, as stored, whether or not they decode;
/// `None` if the chunk's envelope or list does not decode or has no such record.
pub fn chunk_part(bytes: &[u8], index: usize) -> Option<Vec<u8>> {
    let (_, payload) = open_envelope(bytes).ok()?;
    let parts: Vec<&[u8]> = postcard::from_bytes(payload).ok()?;
    parts.get(index).map(|part| part.to_vec())
}

pub fn encode_changes(changes: &Changes) -> Vec<u8> {
    let out = ChangesOut {
        puts: Each(&changes.puts),
        deletes: Each(&changes.deletes),
    };
    envelope(&out, 256)
}

pub fn decode_changes(bytes: &[u8]) -> Result<Changes, DecodeError> {
    let (version, payload) = open_envelope(bytes)?;
    let stored: v4::Changes = match version {
        Version::V1 => upgrade::changes_3_to_4(upgrade::changes_2_to_3(upgrade::changes_1_to_2(
            postcard::from_bytes(payload).map_err(damaged)?,
        ))),
        Version::V2 => upgrade::changes_3_to_4(upgrade::changes_2_to_3(
            postcard::from_bytes(payload).map_err(damaged)?,
        )),
        Version::V3 => upgrade::changes_3_to_4(postcard::from_bytes(payload).map_err(damaged)?),
        Version::V4 => postcard::from_bytes(payload).map_err(damaged)?,
    };
    stored.into_core().map_err(DecodeError::Damaged)
}

pub fn encode_letter_batch(batch: &LetterBatch) -> Vec<u8> {
    let size = batch
        .letters
        .iter()
        .map(|(_, letter)| letter.bytes.len() + 256)
        .sum();
    envelope(&LetterBatchOut(batch), size)
}

pub fn decode_letter_batch(bytes: &[u8]) -> Result<LetterBatch, DecodeError> {
    let (version, payload) = open_envelope(bytes)?;
    // A letter batch is one of the types format 2 shares with format 1 (`v2::LetterBatch` is
    // `v1::LetterBatch`), so both versions decode it alike, with no upgrade step.
    let stored: v2::LetterBatch = match version {
        Version::V1 | Version::V2 | Version::V3 | Version::V4 => {
            postcard::from_bytes(payload).map_err(damaged)?
        }
    };
    stored.into_core().map_err(DecodeError::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::changes::RecordKey;
    use crate::core::ids::{ContactId, ImportBatchId};
    use crate::core::model::Contact;
    use crate::core::model::ImportUndo;

    fn contact(id: u32, name: &str) -> Record {
        Record::Contact(Contact {
            id: ContactId(id),
            name: name.into(),
            ..Default::default()
        })
    }

    /// The bytes format 2 gives a letter batch through its owned record types, which the borrowed
    /// writer must repeat exactly (older builds and other tabs read them as `v2::LetterBatch`).
    #[test]
    fn a_letter_batch_is_written_as_its_record_type_writes_it() {
        use crate::core::ids::LoggedSegmentId;
        let letter = |n: u32, bytes: Vec<u8>| StoredLetter {
            file_name: format!("kirje-{n}-Äijä.docx"),
            mime: "application/pdf".into(),
            bytes,
            merge_data: [
                ("Name".to_string(), format!("Person {n}")),
                ("Empty".into(), String::new()),
            ]
            .into_iter()
            .collect(),
        };
        let batch = LetterBatch {
            id: LoggedSegmentId(300),
            letters: vec![
                (EntryId(1), letter(1, (0..=255).collect())),
                (EntryId(70_000), letter(2, Vec::new())),
                (EntryId(3), letter(3, vec![0; 20_000])),
            ],
        };
        let mut expected = MAGIC.to_vec();
        expected.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        expected.extend(postcard::to_allocvec(&v2::LetterBatch::from_core(&batch)).unwrap());
        assert_eq!(encode_letter_batch(&batch), expected);
        assert_eq!(decode_letter_batch(&expected).unwrap(), batch);
    }

    /// A chunk's records are written as byte strings, laid out as the list of byte vectors it
    /// is read as.
    #[test]
    fn a_chunk_is_written_as_a_list_of_byte_vectors() {
        let records = vec![contact(1, "Anna"), contact(2, "Äijä <b>")];
        let parts: Vec<Vec<u8>> = records
            .iter()
            .map(|r| postcard::to_allocvec(&v4::Record::from_core(r)).unwrap())
            .collect();
        let mut expected = MAGIC.to_vec();
        expected.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        expected.extend(postcard::to_allocvec(&parts).unwrap());
        assert_eq!(encode_chunk(&records), expected);
    }

    #[test]
    fn a_chunk_round_trips() {
        let records = vec![contact(1, "Anna"), contact(2, "Äijä <b>")];
        let (back, bad) = decode_chunk(&encode_chunk(&records)).unwrap();
        assert_eq!(back, records);
        assert!(bad.is_empty());
    }

    #[test]
    fn a_newer_format_is_refused_by_version() {
        let mut bytes = encode_chunk(&[contact(1, "Anna")]);
        bytes[4..8].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        assert_eq!(
            decode_chunk(&bytes).unwrap_err(),
            DecodeError::VersionTooNew {
                found: FORMAT_VERSION + 1,
                supported: FORMAT_VERSION
            }
        );
    }

    #[test]
    fn a_version_1_journal_entry_reads_through_the_upgrade() {
        let Record::Contact(anna) = contact(1, "Anna") else {
            unreachable!()
        };
        let stored = v1::Changes {
            puts: vec![v1::Record::Contact(v1::Contact::from_core(&anna))],
            deletes: vec![v1::RecordKey::Contact(v1::ContactId(3))],
        };
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.extend(postcard::to_allocvec(&stored).unwrap());
        let changes = decode_changes(&bytes).unwrap();
        assert_eq!(changes.puts, vec![Record::Contact(anna)]);
        assert_eq!(changes.deletes, vec![RecordKey::Contact(ContactId(3))]);
    }

    #[test]
    fn an_import_undo_round_trips_in_a_journal_entry_and_a_chunk() {
        let Record::Contact(before) = contact(1, "Anna") else {
            unreachable!()
        };
        let undo = Record::ImportUndo(ImportUndo {
            batch: ImportBatchId(4),
            updated: vec![(
                before.clone(),
                Contact {
                    name: "Anne".into(),
                    ..before
                },
            )],
        });
        let mut changes = Changes::new();
        changes
            .put(undo.clone())
            .delete(RecordKey::ImportUndo(ImportBatchId(2)));
        assert_eq!(decode_changes(&encode_changes(&changes)).unwrap(), changes);
        let (back, bad) = decode_chunk(&encode_chunk(std::slice::from_ref(&undo))).unwrap();
        assert_eq!(back, vec![undo]);
        assert!(bad.is_empty());
    }

    #[test]
    fn bytes_that_are_not_ours_are_named_so() {
        assert_eq!(
            decode_changes(b"PK\x03\x04 a zip file").unwrap_err(),
            DecodeError::NotOurs
        );
        assert_eq!(decode_head(b"").unwrap_err(), DecodeError::NotOurs);
    }

    #[test]
    fn a_damaged_payload_is_an_error_not_a_panic() {
        let mut bytes = encode_changes(&Changes::new());
        bytes.extend_from_slice(&[0xff; 3]);
        bytes.truncate(9);
        bytes[8] = 0xff;
        assert!(matches!(
            decode_changes(&bytes),
            Err(DecodeError::Damaged(_))
        ));
    }
}
