//! Format 2's own record type that format 3 still uses, the import undo, to and from the core.
//! Format 2's records, keys, journal entries and backup are no longer converted from the core
//! (only the newest format is written); reading them goes through the upgrade step to format 3.
//!
//! As there, every conversion names every field of both sides and matches every variant, with
//! no `..` and no wildcard arm: a stored core type that changes is a compile error here until
//! someone decides what it means on disk (usually: a new format version, see `records/mod.rs`).

use super::v2;
use super::Stored;
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
