//! A backup file chosen for restore: reading it, then what Settings does next with whatever
//! decoded, the restore plan in both modes and the database it would give.
#![no_main]

use libfuzzer_sys::fuzz_target;
use segmentti::core::db::Db;
use segmentti::storage::backup::{plan_restore, read_backup, RestoreMode};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(backup) = read_backup(bytes) {
        for mode in [RestoreMode::Replace, RestoreMode::MergeById] {
            let mut db = Db::default();
            let (changes, _preview) = plan_restore(&db, &backup, mode);
            db.apply(&changes);
        }
    }
});
