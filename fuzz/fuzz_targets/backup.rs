//! A backup file chosen for restore: reading it, then what Settings does next with whatever
//! decoded, the restore plan in both modes and the database it would give. A merge needs a team
//! code, so it runs against a browser that has joined; an empty one that has not must refuse it
//! in words, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use segmentti::core::db::Db;
use segmentti::storage::backup::{plan_restore, read_backup, RestoreMode};
use segmentti::storage::team::join;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(backup) = read_backup(bytes) {
        let mut joined = Db::default();
        let mut draws = 0x5eed_u32;
        let joining = join(
            &joined,
            || {
                draws = draws.wrapping_mul(747_796_405).wrapping_add(1);
                draws
            },
            "FZ",
            "Fuzz",
        )
        .expect("a two-letter code is a valid member code");
        joined.apply(&joining);
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
