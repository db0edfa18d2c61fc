//! Which records changed since the team last captured them, so that live sync's capture reads
//! those records only instead of comparing every record with its document on every round (at
//! 600,000 records that comparison took 11 s; in the browser one pass over 10,000 fresh
//! contacts was a 0.9 s freeze).
//!
//! The database marks every record a committed change set puts or deletes, with the number of
//! that change set ([`Unshared::mark`]). The sync loop takes what is marked ([`Unshared::pending`]),
//! captures it in slices, and settles each slice once its capture is committed
//! ([`Unshared::settle`]): a mark made after the slice was taken (a person's edit while the
//! capture was being written) is newer than the slice and stays, so no edit is ever settled
//! without having been captured.
//!
//! The marks live in memory only. A database just opened (or loaded again after another tab
//! folded the journal) counts as changed everywhere: its first capture looks at every record
//! and every shared document once, in slices like any other.

use crate::core::changes::{Changes, Record, RecordKey};
use std::collections::HashMap;

/// One thing a capture looks at: a record (by its key; `None` for our company, which has no
/// key), or a shared document whose record may be gone (by the document id).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Work {
    Record(Option<RecordKey>),
    Doc(String),
}

/// The records changed since they were last captured.
#[derive(Debug, Clone)]
pub struct Unshared {
    /// Every record and document counts as changed (see the module docs).
    everything: bool,
    marks: HashMap<Option<RecordKey>, u64>,
    /// The number of change sets applied so far.
    applied: u64,
}

impl Default for Unshared {
    fn default() -> Self {
        Unshared {
            everything: true,
            marks: HashMap::new(),
            applied: 0,
        }
    }
}

/// What a capture should look at, taken at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// Every record and document (the first capture after the database was opened).
    pub everything: bool,
    /// The records marked, when not everything.
    pub keys: Vec<Option<RecordKey>>,
    /// The last change set this covers.
    pub through: u64,
}

impl Pending {
    pub fn is_empty(&self) -> bool {
        !self.everything && self.keys.is_empty()
    }
}

/// Whether a record is one that travels to the team. The team's own bookkeeping (documents,
/// aliases, settings), the counters and the import undo records stay in this browser.
fn travels(record: &Record) -> bool {
    !matches!(
        record,
        Record::TeamDoc(_)
            | Record::Alias(_)
            | Record::TeamSettings(_)
            | Record::Counters(_)
            | Record::ImportUndo(_)
    )
}

fn key_travels(key: &RecordKey) -> bool {
    !matches!(
        key,
        RecordKey::TeamDoc(_) | RecordKey::Alias(..) | RecordKey::ImportUndo(_)
    )
}

impl Unshared {
    /// Marks what a change set that is being applied changes.
    pub fn mark(&mut self, changes: &Changes) {
        self.applied += 1;
        let now = self.applied;
        for key in changes.deletes.iter().filter(|k| key_travels(k)) {
            self.marks.insert(Some(key.clone()), now);
        }
        for record in changes.puts.iter().filter(|r| travels(r)) {
            // Our company is a singleton without a key; the map keeps it under `None`.
            self.marks.insert(record.key(), now);
        }
    }

    /// What a capture should look at now.
    pub fn pending(&self) -> Pending {
        let mut keys: Vec<Option<RecordKey>> = self.marks.keys().cloned().collect();
        // A stable order makes slices, and so the revisions they write, the same on every run.
        keys.sort_by_cached_key(|k| format!("{k:?}"));
        Pending {
            everything: self.everything,
            keys,
            through: self.applied,
        }
    }

    /// Forgets the marks a committed capture of `covered` took care of: everything, when it was
    /// the full capture, and otherwise the keys it covered. A key marked again after `through`
    /// stays marked.
    pub fn settle(&mut self, everything: bool, covered: &[Option<RecordKey>], through: u64) {
        if everything {
            self.everything = false;
            self.marks.retain(|_, mark| *mark > through);
        }
        for key in covered {
            if self.marks.get(key).is_some_and(|mark| *mark <= through) {
                self.marks.remove(key);
            }
        }
    }

    /// Counts as changed everywhere again (the database was loaded anew).
    pub fn reset(&mut self) {
        *self = Unshared::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ids::ContactId;
    use crate::core::model::Contact;

    fn contact(id: u32) -> Record {
        Record::Contact(Contact {
            id: ContactId(id),
            ..Contact::default()
        })
    }

    fn settled_everything() -> Unshared {
        let mut unshared = Unshared::default();
        let pending = unshared.pending();
        unshared.settle(true, &[], pending.through);
        unshared
    }

    #[test]
    fn a_database_just_opened_counts_as_changed_everywhere_until_a_full_capture() {
        let mut unshared = Unshared::default();
        assert!(unshared.pending().everything);
        let pending = unshared.pending();
        unshared.settle(true, &[], pending.through);
        assert!(unshared.pending().is_empty());
    }

    #[test]
    fn puts_and_deletes_are_marked_and_the_team_bookkeeping_is_not() {
        let mut unshared = settled_everything();
        let mut changes = Changes::new();
        changes.put(contact(7));
        changes.delete(RecordKey::Contact(ContactId(9)));
        changes.put(Record::OurCompany(Default::default()));
        changes.delete(RecordKey::TeamDoc("contact:x".into()));
        unshared.mark(&changes);
        let keys = unshared.pending().keys;
        assert_eq!(keys.len(), 3, "{keys:?}");
        assert!(keys.contains(&Some(RecordKey::Contact(ContactId(7)))));
        assert!(keys.contains(&Some(RecordKey::Contact(ContactId(9)))));
        assert!(keys.contains(&None));
    }

    #[test]
    fn an_edit_made_while_a_capture_was_written_stays_marked() {
        let mut unshared = settled_everything();
        let mut first = Changes::new();
        first.put(contact(1)).put(contact(2));
        unshared.mark(&first);
        let pending = unshared.pending();
        // While the capture of contacts 1 and 2 is being committed, a person edits contact 2.
        let mut edit = Changes::new();
        edit.put(contact(2));
        unshared.mark(&edit);
        unshared.settle(false, &pending.keys, pending.through);
        assert_eq!(
            unshared.pending().keys,
            vec![Some(RecordKey::Contact(ContactId(2)))]
        );
    }

    #[test]
    fn a_full_capture_keeps_the_marks_made_after_it_was_taken() {
        let mut unshared = Unshared::default();
        let pending = unshared.pending();
        let mut edit = Changes::new();
        edit.put(contact(3));
        unshared.mark(&edit);
        unshared.settle(true, &[], pending.through);
        let after = unshared.pending();
        assert!(!after.everything);
        assert_eq!(after.keys, vec![Some(RecordKey::Contact(ContactId(3)))]);
    }
}
