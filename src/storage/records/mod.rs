//! The stored records, one module per format version, and the conversions between them and
//! the core types.
//!
//! The core types are free to change; what is on disk is not. So nothing is written or read
//! through the core types' own layout: every blob (snapshot record, journal entry, letter batch)
//! and the backup file go through the record types of the current format version, and each
//! conversion to and from the core is written out field by field (`v2_convert.rs` for the
//! types format 2 defines, `v1_convert.rs` for those it shares with format 1).
//!
//! # The upgrade ladder
//! Format *n* lives in `vN.rs` and is never edited once released; `tests/fixtures/storage/vN-*`
//! holds bytes that format wrote. A new format *n + 1* is
//! * a new module `vN+1.rs` (a copy of `vN.rs`, then the change; types the change leaves alone
//!   may be re-exported from `vN.rs` instead, as `v2.rs` does),
//! * its conversions to and from the core in `vN+1_convert.rs` (the old conversions *from* the
//!   core are then deleted: only the newest format is written),
//! * one upgrade step `vN::X -> vN+1::X` for each record type that changed, in `upgrade.rs`
//!   (format 1 to 2: `Record`, `RecordKey` and the types holding them gained `ImportUndo`),
//! * `FORMAT_VERSION` raised in `storage/format.rs`, whose `decode_*` functions read the
//!   envelope's version, decode with that version's types and walk the steps up to the newest,
//! * a fixture written once by the new code, and tests that every older fixture still loads
//!   through the ladder into the expected data (`tests/it/storage_fixtures.rs`).

pub mod upgrade;
pub mod v1;
pub mod v1_convert;
pub mod v2;
pub mod v2_convert;
pub mod v3;
pub mod v3_convert;
pub mod v4;
pub mod v4_convert;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};

/// A stored record type and the core type it holds.
///
/// Writing borrows the core value, so a large database is converted one record at a time while
/// it is encoded; reading consumes the stored value. Reading can fail where the core checks
/// more than the bytes do (a stored filter whose text no longer parses); the message says why.
pub trait Stored: Sized {
    type Core;
    fn from_core(core: &Self::Core) -> Self;
    fn into_core(self) -> Result<Self::Core, String>;
}

/// Values whose stored form is the value itself.
macro_rules! as_is {
    ($($t:ty),*) => {$(
        impl Stored for $t {
            type Core = $t;
            fn from_core(core: &$t) -> Self {
                core.clone()
            }
            fn into_core(self) -> Result<$t, String> {
                Ok(self)
            }
        }
    )*};
}

as_is!(
    String,
    bool,
    u8,
    u32,
    u64,
    usize,
    f64,
    NaiveDate,
    NaiveDateTime
);

impl<T: Stored> Stored for Option<T> {
    type Core = Option<T::Core>;
    fn from_core(core: &Self::Core) -> Self {
        core.as_ref().map(T::from_core)
    }
    fn into_core(self) -> Result<Self::Core, String> {
        self.map(T::into_core).transpose()
    }
}

impl<T: Stored> Stored for Vec<T> {
    type Core = Vec<T::Core>;
    fn from_core(core: &Self::Core) -> Self {
        core.iter().map(T::from_core).collect()
    }
    fn into_core(self) -> Result<Self::Core, String> {
        self.into_iter().map(T::into_core).collect()
    }
}

impl<T: Stored> Stored for Box<T> {
    type Core = Box<T::Core>;
    fn from_core(core: &Self::Core) -> Self {
        Box::new(T::from_core(core))
    }
    fn into_core(self) -> Result<Self::Core, String> {
        (*self).into_core().map(Box::new)
    }
}

impl<A: Stored, B: Stored> Stored for (A, B) {
    type Core = (A::Core, B::Core);
    fn from_core(core: &Self::Core) -> Self {
        (A::from_core(&core.0), B::from_core(&core.1))
    }
    fn into_core(self) -> Result<Self::Core, String> {
        Ok((self.0.into_core()?, self.1.into_core()?))
    }
}

impl<K: Stored + Ord, V: Stored> Stored for BTreeMap<K, V>
where
    K::Core: Ord,
{
    type Core = BTreeMap<K::Core, V::Core>;
    fn from_core(core: &Self::Core) -> Self {
        core.iter()
            .map(|(k, v)| (K::from_core(k), V::from_core(v)))
            .collect()
    }
    fn into_core(self) -> Result<Self::Core, String> {
        self.into_iter()
            .map(|(k, v)| Ok((k.into_core()?, v.into_core()?)))
            .collect()
    }
}

impl<T: Stored + Ord> Stored for BTreeSet<T>
where
    T::Core: Ord,
{
    type Core = BTreeSet<T::Core>;
    fn from_core(core: &Self::Core) -> Self {
        core.iter().map(T::from_core).collect()
    }
    fn into_core(self) -> Result<Self::Core, String> {
        self.into_iter().map(T::into_core).collect()
    }
}

/// A list of core values serialised as the list of their stored records, converting one at a
/// time: it encodes exactly as `Vec<S>` does, without ever holding the whole converted list
/// (wasm memory never shrinks, so such a copy of a large import would stay for the tab's life).
pub struct Each<'a, S: Stored>(pub &'a [S::Core]);

impl<S: Stored + Serialize> Serialize for Each<'_, S> {
    fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        serializer.collect_seq(self.0.iter().map(S::from_core))
    }
}
