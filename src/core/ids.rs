//! Identifiers. Every entity has a numeric id that never changes and a user-visible number
//! ("No.") derived from it with the entity's prefix, e.g. contact 123 is `CT000123`.
//!
//! Ids are handed out by [`crate::core::db::Db`] from per-series counters, so the core needs no
//! random source; the counters travel in the same change set as the records that use them.

use crate::core::team::ident::IdKind;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An id whose record has a number people see; `Db::no` makes the number.
pub trait Numbered: Copy {
    const KIND: IdKind;
    fn kind(self) -> IdKind {
        Self::KIND
    }
    fn local(self) -> u32;
    fn from_local(local: u32) -> Self;
}

macro_rules! numbered {
    ($($name:ident = $kind:ident),*) => {$(
        impl Numbered for $name {
            const KIND: IdKind = IdKind::$kind;
            fn local(self) -> u32 {
                self.0
            }
            fn from_local(local: u32) -> Self {
                $name(local)
            }
        }
    )*};
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
        )]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl $name {
            /// The prefix of this entity's user-visible number.
            pub const PREFIX: &'static str = $prefix;

            /// The user-visible number, e.g. `CT000123`.
            pub fn no(self) -> String {
                format!("{}{:06}", $prefix, self.0)
            }

            /// Reads a user-visible number back (`CT000123` or `ct123`); `None` if it is not one.
            pub fn parse_no(text: &str) -> Option<Self> {
                let text = text.trim();
                let head = text.get(..$prefix.len())?;
                if !head.eq_ignore_ascii_case($prefix) {
                    return None;
                }
                text[$prefix.len()..].parse().ok().map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.no())
            }
        }
    };
}

id_type!(
    /// A contact, company or person.
    ContactId, "CT"
);
id_type!(
    /// A segment that has not been logged yet.
    SegmentId, "SEG"
);
id_type!(
    /// A logged segment: what logging a segment produced.
    LoggedSegmentId, "LSEG"
);
id_type!(
    /// One interaction log entry.
    EntryId, "IL"
);
id_type!(
    /// A sales opportunity created from a segment line.
    OpportunityId, "OP"
);
id_type!(
    /// One import batch, so that a whole import can be undone.
    ImportBatchId, "IMP"
);

numbered!(
    ContactId = Contact,
    SegmentId = Segment,
    LoggedSegmentId = LoggedSegment,
    EntryId = Entry,
    OpportunityId = Opportunity
);

/// A short code chosen by the user (mailing group, salesperson, template, …).
///
/// Codes are compared and stored in upper case, as Business Central does, so that `gift` and
/// `GIFT` are the same mailing group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Code(String);

impl Code {
    /// The longest code accepted, in characters.
    pub const MAX_LEN: usize = 20;

    /// Normalises a code: trimmed and upper-cased. Length is checked by validation, not here,
    /// so that a too-long code can still be shown back to the user with its problem.
    pub fn new(text: &str) -> Self {
        Code(text.trim().to_uppercase())
    }

    /// A code exactly as storage kept it, not normalised again: what was stored must come back
    /// unchanged, and every code was normalised by [`Code::new`] when it was made.
    pub fn from_stored(text: String) -> Self {
        Code(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Code {
    fn from(text: &str) -> Self {
        Code::new(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_carry_the_prefix_and_six_digits() {
        assert_eq!(ContactId(123).no(), "CT000123");
        assert_eq!(SegmentId(42).to_string(), "SEG000042");
    }

    #[test]
    fn numbers_read_back_case_insensitively() {
        assert_eq!(ContactId::parse_no("ct000123"), Some(ContactId(123)));
        assert_eq!(ContactId::parse_no("SEG000001"), None);
        assert_eq!(ContactId::parse_no("CTx"), None);
    }

    #[test]
    fn codes_are_trimmed_and_upper_case() {
        assert_eq!(Code::new(" gift "), Code::new("GIFT"));
        assert_eq!(Code::new("gift").as_str(), "GIFT");
    }
}
