//! Messages for the problem codes the core reports (`Problem::code`, `…Error::code()`).
//!
//! Each code maps to a `Key` by [`key_of`]; the message may name the problem's `args` as `{0}`,
//! `{1}`, … in order.

use super::{Lang, Text};

catalogue! {
    ProblemUnknown { en: "Something is not right here ({code}).", fi: "Tässä on jotain vialla ({code})." }
    BackupNotABackup {
        en: "This file is not a Segmentti backup. Nothing was changed.",
        fi: "Tiedosto ei ole Segmentin varmuuskopio. Mitään ei muutettu.",
    }
}

/// The message key of a problem code; `ProblemUnknown` for a code with no message yet.
pub fn key_of(code: &str) -> Key {
    match code {
        "backup.not_a_backup" => Key::BackupNotABackup,
        _ => Key::ProblemUnknown,
    }
}
