//! The exchange file: changes one browser shares with its team without a server.
//!
//! Layout: the four bytes `SGTX`, the file version as a little-endian `u32`, then gzip of one
//! JSON object `{ "from": member, "created": time, "docs": [change, …] }` where each change is a
//! document as it travels (`core::team::replica::DocChange`): its id, each leaf with its path of
//! revisions (newest first), whether it deletes, and its body, and the bodies of merge bases.
//! JSON keeps the documents exactly as a CouchDB server would hold them; gzip makes it small.
//!
//! Version 2 adds `"letters"`: the letters stored with each shared logged segment (`team.md`:
//! "letters of a logged segment travel with it"), each under its logged segment's and entry's
//! global identity, its bytes in base64. A version-1 file has none; a version-1 app refuses a
//! version-2 file as "from a newer version" instead of dropping its letters without a word.
//!
//! Reading checks everything before anything is applied: the magic (a random file is "not an
//! exchange file"), the version (a newer app's file is refused by name), the gzip stream (a
//! truncated or damaged file), the JSON (with where it breaks), and each revision's hash
//! against its content and parent, so that a file whose content was changed after it was
//! written is refused instead of merged.

use crate::core::base64;
use crate::core::model::StoredLetter;
use crate::core::team::ident::{Gid, Member};
use crate::core::team::replica::{Body, DocChange, Revision};
use crate::core::team::revision::{next_rev, Rev};
use crate::storage::records::{v3, Stored};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::{Read, Write};

const MAGIC: &[u8; 4] = b"SGTX";

/// The exchange file version this app writes and the newest it reads.
pub const EXCHANGE_VERSION: u32 = 2;

/// Why a file cannot be received. Nothing is changed in any of these cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExchangeError {
    /// Not an exchange file at all (another kind of file, or random bytes).
    NotAnExchangeFile,
    /// Written by a newer version of the app.
    TooNew { found: u32, supported: u32 },
    /// The compressed data ends early or is damaged.
    Damaged(String),
    /// A document in it is not what its revision says (changed after it was written).
    Tampered { doc: String },
}

/// An exchange file's content.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    pub from: Member,
    pub created: NaiveDateTime,
    pub docs: Vec<DocChange>,
    /// The letters of the logged segments among `docs`.
    pub letters: Vec<SharedLetters>,
}

/// The letters produced when one logged segment was logged, named by global identities so that
/// every browser can file them under its own local ids.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedLetters {
    pub logged: Gid,
    pub letters: Vec<(Gid, StoredLetter)>,
}

#[derive(Serialize, Deserialize)]
struct FileLetter {
    entry: String,
    file_name: String,
    mime: String,
    /// The letter's bytes in base64: a .docx or PDF is already compressed, so this costs a third
    /// more than the bytes, where a JSON list of numbers would cost three times as much.
    bytes: String,
    merge_data: std::collections::BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize)]
struct FileLetters {
    logged: String,
    letters: Vec<FileLetter>,
}

#[derive(Serialize, Deserialize)]
struct FileLeaf {
    revs: Vec<String>,
    deleted: bool,
    body: Body,
}

#[derive(Serialize, Deserialize)]
struct FileDoc {
    id: String,
    leaves: Vec<FileLeaf>,
    #[serde(default)]
    bases: Vec<(String, Body)>,
}

#[derive(Serialize, Deserialize)]
struct FileBody {
    from: v3::Member,
    created: NaiveDateTime,
    docs: Vec<FileDoc>,
    #[serde(default)]
    letters: Vec<FileLetters>,
}

/// Writes an exchange file.
pub fn write(exchange: &Exchange) -> Vec<u8> {
    let body = FileBody {
        from: v3::Member::from_core(&exchange.from),
        created: exchange.created,
        docs: exchange
            .docs
            .iter()
            .map(|doc| FileDoc {
                id: doc.id.clone(),
                leaves: doc
                    .leaves
                    .iter()
                    .map(|leaf| FileLeaf {
                        revs: leaf.path.iter().map(Rev::to_string).collect(),
                        deleted: leaf.deleted,
                        body: leaf.body.clone(),
                    })
                    .collect(),
                bases: doc
                    .bases
                    .iter()
                    .map(|(rev, body)| (rev.to_string(), body.clone()))
                    .collect(),
            })
            .collect(),
        letters: exchange
            .letters
            .iter()
            .map(|batch| FileLetters {
                logged: batch.logged.to_string(),
                letters: batch
                    .letters
                    .iter()
                    .map(|(entry, letter)| FileLetter {
                        entry: entry.to_string(),
                        file_name: letter.file_name.clone(),
                        mime: letter.mime.clone(),
                        bytes: base64::encode(&letter.bytes),
                        merge_data: letter.merge_data.clone(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&EXCHANGE_VERSION.to_le_bytes());
    let mut gz = flate2::write::GzEncoder::new(out, flate2::Compression::default());
    serde_json::to_writer(&mut gz, &body).expect("documents always serialise");
    gz.finish().expect("writing to memory cannot fail")
}

/// Reads an exchange file, checking all of it; see the module documentation.
pub fn read(bytes: &[u8]) -> Result<Exchange, ExchangeError> {
    if bytes.len() < 8 || &bytes[..4] != MAGIC {
        return Err(ExchangeError::NotAnExchangeFile);
    }
    let version = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
    if version > EXCHANGE_VERSION {
        return Err(ExchangeError::TooNew {
            found: version,
            supported: EXCHANGE_VERSION,
        });
    }
    if version == 0 {
        return Err(ExchangeError::Damaged("version 0".into()));
    }
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(&bytes[8..])
        .read_to_end(&mut json)
        .map_err(|e| ExchangeError::Damaged(e.to_string()))?;
    let body: FileBody = serde_json::from_slice(&json).map_err(|e| {
        ExchangeError::Damaged(format!("line {}, column {}: {e}", e.line(), e.column()))
    })?;
    let from = body
        .from
        .into_core()
        .map_err(|e| ExchangeError::Damaged(e.to_string()))?;
    let mut docs = Vec::with_capacity(body.docs.len());
    for doc in body.docs {
        let tampered = || ExchangeError::Tampered {
            doc: doc.id.clone(),
        };
        let rev = |text: &str| text.parse::<Rev>().map_err(|_| tampered());
        let mut leaves = Vec::with_capacity(doc.leaves.len());
        for leaf in &doc.leaves {
            let path = leaf
                .revs
                .iter()
                .map(|r| rev(r))
                .collect::<Result<Vec<_>, _>>()?;
            let Some(&newest) = path.first() else {
                return Err(tampered());
            };
            // Each generation is one more than its parent's, and the newest revision is the
            // hash of its parent and content: anything else was not written by a replica.
            if path
                .windows(2)
                .any(|w| w[0].generation != w[1].generation + 1)
            {
                return Err(tampered());
            }
            let expected = next_rev(
                path.get(1).copied(),
                leaf.deleted,
                &Value::Object(leaf.body.clone()),
            );
            let checkable = path.len() > 1 || newest.generation == 1;
            if checkable && expected != newest {
                return Err(tampered());
            }
            leaves.push(Revision {
                path,
                deleted: leaf.deleted,
                body: leaf.body.clone(),
            });
        }
        let bases = doc
            .bases
            .iter()
            .map(|(r, body)| Ok((rev(r)?, body.clone())))
            .collect::<Result<Vec<_>, ExchangeError>>()?;
        docs.push(DocChange {
            id: doc.id.clone(),
            leaves,
            bases,
        });
    }
    let letters = body
        .letters
        .into_iter()
        .map(read_letters)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Exchange {
        from,
        created: body.created,
        docs,
        letters,
    })
}

/// One logged segment's letters from the file, refused as damaged with what and where when an
/// identity or a letter's bytes do not read.
fn read_letters(batch: FileLetters) -> Result<SharedLetters, ExchangeError> {
    let gid = |text: &str| {
        Gid::parse(text).ok_or_else(|| {
            ExchangeError::Damaged(format!("the letters name \"{text}\", which is no record"))
        })
    };
    let logged = gid(&batch.logged)?;
    let letters = batch
        .letters
        .into_iter()
        .map(|letter| {
            let bytes = base64::decode(&letter.bytes).map_err(|e| {
                ExchangeError::Damaged(format!(
                    "the letter \"{}\" of {}: its bytes break at character {}",
                    letter.file_name, batch.logged, e.at
                ))
            })?;
            Ok((
                gid(&letter.entry)?,
                StoredLetter {
                    file_name: letter.file_name,
                    mime: letter.mime,
                    bytes,
                    merge_data: letter.merge_data,
                },
            ))
        })
        .collect::<Result<Vec<_>, ExchangeError>>()?;
    Ok(SharedLetters { logged, letters })
}

/// Compresses for the file; separate so that a test can build a file with altered content.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).expect("writing to memory cannot fail");
    gz.finish().expect("writing to memory cannot fail")
}
