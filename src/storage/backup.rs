//! The backup file: the whole database as one versioned JSON document, and restoring it.
//!
//! JSON rather than the compact disk format because a backup leaves the app: people keep it,
//! look into it and move it between machines. Restoring is computed as one [`Changes`] value,
//! so it is written in one transaction like any other action, and previewed before it is. A
//! restore with Replace also deletes the stored letter batches in that transaction
//! ([`super::StoredLetters::Replace`]).

use super::records::{upgrade, v4, Each, Stored};
use crate::core::changes::{Changes, Counters, Record, RecordKey};
use crate::core::db::Db;
use crate::core::model::LetterBatch;
use crate::core::problem::ProblemCode;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The backup format written by this version. Version 4 holds format 4's records (the template
/// with its e-mails, `records::v4`); files of versions 1 to 3 are still read, through their
/// upgrade steps.
pub const BACKUP_VERSION: u32 = 4;
const KIND: &str = "segmentti-backup";

/// A backup file as read, in the core's terms. Its layout on disk is [`v4::Backup`] (or, for a
/// version-1 file, [`super::records::v1::Backup`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    /// Always `segmentti-backup`, so that any other JSON file is recognised as not a backup.
    pub kind: String,
    pub version: u32,
    pub created: NaiveDateTime,
    pub records: Vec<Record>,
    /// The letters kept with logged entries, so that a restored database can download them again.
    pub letter_batches: Vec<LetterBatch>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    /// Not JSON, or JSON that is not a Segmentti backup.
    NotABackup,
    /// Written by a newer version of the app.
    VersionTooNew { found: u32, supported: u32 },
    /// A Segmentti backup that does not decode, with the line and column where it breaks.
    Damaged { line: usize, column: usize },
}

/// A backup file as [`v4::Backup`] lays it out, converted record by record while it is written,
/// so that the database is not held a second time as stored records.
#[derive(Serialize)]
struct BackupOut<'a> {
    kind: &'a str,
    version: u32,
    created: NaiveDateTime,
    records: Each<'a, v4::Record>,
    letter_batches: Each<'a, v4::LetterBatch>,
}

impl BackupError {
    /// The key of the message in the UI's translation catalogue.
    pub fn code(&self) -> ProblemCode {
        match self {
            BackupError::NotABackup => ProblemCode::BackupNotABackup,
            BackupError::VersionTooNew { .. } => ProblemCode::BackupTooNew,
            BackupError::Damaged { .. } => ProblemCode::BackupDamaged,
        }
    }
}

/// The backup file of a database and its letters, as bytes.
pub fn write_backup(db: &Db, letter_batches: Vec<LetterBatch>, now: NaiveDateTime) -> Vec<u8> {
    let records = db.records();
    let backup = BackupOut {
        kind: KIND,
        version: BACKUP_VERSION,
        created: now,
        records: Each(&records),
        letter_batches: Each(&letter_batches),
    };
    serde_json::to_vec(&backup).expect("stored records always serialise")
}

/// Reads a backup file. Only the envelope is looked at first, so a file from a newer version is
/// refused by its version rather than by whatever of its records this version cannot read.
pub fn read_backup(bytes: &[u8]) -> Result<Backup, BackupError> {
    #[derive(Deserialize)]
    struct Envelope {
        kind: String,
        version: u32,
    }
    let envelope: Envelope = serde_json::from_slice(bytes).map_err(|_| BackupError::NotABackup)?;
    if envelope.kind != KIND {
        return Err(BackupError::NotABackup);
    }
    if envelope.version > BACKUP_VERSION {
        return Err(BackupError::VersionTooNew {
            found: envelope.version,
            supported: BACKUP_VERSION,
        });
    }
    let damaged_at = |e: serde_json::Error| BackupError::Damaged {
        line: e.line(),
        column: e.column(),
    };
    // Each version is decoded with its own record types and upgraded to the newest.
    let stored: v4::Backup = match envelope.version {
        ..=1 => upgrade::backup_3_to_4(upgrade::backup_2_to_3(upgrade::backup_1_to_2(
            serde_json::from_slice(bytes).map_err(damaged_at)?,
        ))),
        2 => upgrade::backup_3_to_4(upgrade::backup_2_to_3(
            serde_json::from_slice(bytes).map_err(damaged_at)?,
        )),
        3 => upgrade::backup_3_to_4(serde_json::from_slice(bytes).map_err(damaged_at)?),
        _ => serde_json::from_slice(bytes).map_err(damaged_at)?, // 4, the current version
    };
    let v4::Backup {
        kind,
        version,
        created,
        records,
        letter_batches,
    } = stored;
    // Every filter was already checked while the JSON was decoded (`v4::Filter`), so converting
    // cannot fail on anything a line and column could point at; should it fail all the same,
    // the file is reported damaged at its start rather than restored in part.
    let damaged = |_| BackupError::Damaged { line: 1, column: 1 };
    Ok(Backup {
        kind,
        version,
        created,
        records: records.into_core().map_err(damaged)?,
        letter_batches: letter_batches.into_core().map_err(damaged)?,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoreMode {
    /// Everything stored is replaced by the backup.
    Replace,
    /// The backup is merged by the team's rules (`storage::team::receive_backup`): what only it
    /// has is added, a record changed on both sides keeps both changes or is listed on Conflicts,
    /// and nothing stored is replaced by its id. Needs this browser to have joined a team.
    Merge,
}

/// What a restore would do, counted in records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RestorePreview {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Records left in conflict by a merge, for the Conflicts page.
    pub conflicts: usize,
}

/// Why a restore cannot be planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreRefusal {
    /// A merge follows the team's rules and needs this browser's team code first.
    NotJoined,
    /// A record of the backup cannot be merged; says which and why.
    Record(String),
}

impl RestoreRefusal {
    /// The refusal as a problem, worded by the problem catalogue.
    pub fn problem(&self) -> crate::core::problem::Problem {
        use crate::core::problem::Problem;
        match self {
            RestoreRefusal::NotJoined => Problem::record(ProblemCode::BackupMergeNotJoined),
            RestoreRefusal::Record(detail) => {
                Problem::record(ProblemCode::BackupMergeRecord).with(detail.as_str())
            }
        }
    }
}

/// The team member a Replace restore would make this browser, when that is another member than
/// it is now: the backup was made in a team, by a browser with another origin (or this browser
/// has not joined). Restoring then continues that member's identity here, which is right for
/// moving to a new browser and wrong while the other browser is still in use (both would make
/// records under one identity), so the page says so before the person chooses.
pub fn replace_takes_identity(
    db: &Db,
    backup: &Backup,
) -> Option<crate::core::team::ident::TeamSettings> {
    let theirs = backup.records.iter().find_map(|r| match r {
        Record::TeamSettings(settings) => Some(settings),
        _ => None,
    })?;
    let ours = db.team.settings.as_ref().map(|s| s.origin);
    (ours != Some(theirs.origin)).then(|| theirs.clone())
}

/// Computes the change set of a restore and its preview; nothing is changed yet.
pub fn plan_restore(
    db: &Db,
    backup: &Backup,
    mode: RestoreMode,
) -> Result<(Changes, RestorePreview), RestoreRefusal> {
    match mode {
        RestoreMode::Replace => Ok(plan_replace(db, backup)),
        RestoreMode::Merge => {
            let (preview, changes) =
                crate::storage::team::receive_backup(db, &backup.records, &backup.letter_batches)
                    .map_err(|e| match e {
                    crate::storage::team::ReceiveError::NotJoined => RestoreRefusal::NotJoined,
                    crate::storage::team::ReceiveError::Document(detail) => {
                        RestoreRefusal::Record(detail)
                    }
                    other => RestoreRefusal::Record(format!("{other:?}")),
                })?;
            Ok((
                changes,
                RestorePreview {
                    added: preview.added,
                    replaced: preview.changed,
                    unchanged: 0,
                    removed: 0,
                    conflicts: preview.conflicts,
                },
            ))
        }
    }
}

/// Everything stored replaced by the backup.
fn plan_replace(db: &Db, backup: &Backup) -> (Changes, RestorePreview) {
    let current: std::collections::HashMap<RecordKey, Record> = db
        .records()
        .into_iter()
        .filter_map(|r| r.key().map(|k| (k, r)))
        .collect();
    let mut preview = RestorePreview::default();
    let mut changes = Changes::new();
    let mut in_backup = HashSet::new();
    let mut counters = Counters::default();
    for record in &backup.records {
        match (record, record.key()) {
            (Record::Counters(theirs), _) => counters = max_counters(&counters, theirs),
            (_, None) => {
                changes.put(record.clone());
            }
            (_, Some(key)) => {
                match current.get(&key) {
                    None => preview.added += 1,
                    Some(old) if old == record => preview.unchanged += 1,
                    Some(_) => preview.replaced += 1,
                }
                in_backup.insert(key);
                changes.put(record.clone());
            }
        }
    }
    for key in current.keys().filter(|k| !in_backup.contains(*k)) {
        preview.removed += 1;
        changes.delete(key.clone());
    }
    // Letter batches are written whole; a batch already stored under the same logged segment is
    // replaced, which restores it as it was in the backup. The batches of the replaced database
    // are not in the change set: with Replace, the commit deletes every stored batch in the same
    // transaction (`StoredLetters::Replace`, see `Session::restore`), so none is left orphaned.
    changes.letter_batches = backup.letter_batches.clone();
    // Counters never go backwards, so ids handed out before the restore are not reused.
    changes.put(Record::Counters(max_counters(&counters, &db.counters)));
    (changes, preview)
}

fn max_counters(a: &Counters, b: &Counters) -> Counters {
    Counters {
        contact: a.contact.max(b.contact),
        segment: a.segment.max(b.segment),
        logged_segment: a.logged_segment.max(b.logged_segment),
        entry: a.entry.max(b.entry),
        opportunity: a.opportunity.max(b.opportunity),
        import_batch: a.import_batch.max(b.import_batch),
    }
}
