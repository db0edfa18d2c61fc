//! A backup file chosen for restore: reading it, then what Settings does next with whatever
//! decoded, the restore plan in both modes and the database it would give. A merge needs a team
//! code, so it runs against a browser that has joined; an empty one that has not must refuse it
//! in words, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use segmentti::core::db::Db;
use segmentti::storage::backup::{plan_restore, read_backup, RestoreMode};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(backup) = read_backup(bytes) {
        let joined = segmentti_fuzz::joined_db();
        for (mut db, mode) in [
            (Db::default(), RestoreMode::Replace),
            (Db::default(), RestoreMode::Merge),
            (joined, RestoreMode::Merge),
        ] {
            if let Ok((changes, _preview)) = plan_restore(&db, &backup, mode) {
                db.apply(&changes);
            }
        }
    }
});
