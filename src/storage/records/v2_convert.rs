//! Format 2's own records to and from the core types: the types `v2.rs` defines (records,
//! record keys, journal entries, the import undo). The types it shares with format 1 convert in
//! `v1_convert.rs`.
//!
//! As there, every conversion names every field of both sides and matches every variant, with
//! no `..` and no wildcard arm: a stored core type that changes is a compile error here until
//! someone decides what it means on disk (usually: a new format version, see `records/mod.rs`).

use super::v2;
use super::Stored;
use crate::core::changes as ch;
use crate::core::import::plan as pl;

impl Stored for v2::ImportUndo {
    type Core = pl::ImportUndo;
    fn from_core(core: &pl::ImportUndo) -> Self {
        let pl::ImportUndo { batch, updated } = core;
        v2::ImportUndo {
            batch: Stored::from_core(batch),
            updated: Stored::from_core(updated),
        }
    }
    fn into_core(self) -> Result<pl::ImportUndo, String> {
        let v2::ImportUndo { batch, updated } = self;
        Ok(pl::ImportUndo {
            batch: batch.into_core()?,
            updated: updated.into_core()?,
        })
    }
}

/// Records and record keys: every variant holds one stored value (or two), converted as is.
macro_rules! one_to_one {
    ($name:ident = $module:ident :: $core:ident { $($variant:ident($($arg:ident),+)),* $(,)? }) => {
        impl Stored for v2::$name {
            type Core = $module::$core;
            fn from_core(core: &$module::$core) -> Self {
                match core {
                    $($module::$core::$variant($($arg),+) =>
                        v2::$name::$variant($(Stored::from_core($arg)),+),)*
                }
            }
            fn into_core(self) -> Result<$module::$core, String> {
                Ok(match self {
                    $(v2::$name::$variant($($arg),+) =>
                        $module::$core::$variant($($arg.into_core()?),+),)*
                })
            }
        }
    };
}

one_to_one!(Record = ch::Record {
    Contact(a),
    Segment(a),
    LoggedSegment(a),
    Entry(a),
    Opportunity(a),
    SavedCriteria(a),
    Classification(a, b),
    Questionnaire(a),
    Salesperson(a),
    InteractionGroup(a),
    Template(a),
    SalutationFormula(a),
    OurCompany(a),
    Counters(a),
    ImportUndo(a),
});

one_to_one!(RecordKey = ch::RecordKey {
    Contact(a),
    Segment(a),
    LoggedSegment(a),
    Entry(a),
    Opportunity(a),
    SavedCriteria(a),
    Classification(a, b),
    Questionnaire(a),
    Salesperson(a),
    InteractionGroup(a),
    Template(a),
    SalutationFormula(a, b, c),
    ImportUndo(a),
});

impl Stored for v2::Changes {
    type Core = ch::Changes;
    /// The letters a change set logs, and the batches it drops, are not part of the journal
    /// entry: the store writes and deletes them in their own place in the same transaction.
    fn from_core(core: &ch::Changes) -> Self {
        let ch::Changes {
            puts,
            deletes,
            letter_batches: _,
            dropped_letter_batches: _,
        } = core;
        v2::Changes {
            puts: Stored::from_core(puts),
            deletes: Stored::from_core(deletes),
        }
    }
    fn into_core(self) -> Result<ch::Changes, String> {
        let v2::Changes { puts, deletes } = self;
        Ok(ch::Changes {
            puts: puts.into_core()?,
            deletes: deletes.into_core()?,
            letter_batches: Vec::new(),
            dropped_letter_batches: Vec::new(),
        })
    }
}
