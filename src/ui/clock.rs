//! The app's one clock. The core reads no clock (times and dates are arguments of its functions, as
//! `tests/it/core_is_pure.rs` holds it to), so every time the app passes in is read here: the local
//! time as the person at the screen sees it.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime};

/// The current local date and time, for what is saved and for file names.
pub fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

/// Today's local date.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The current local time with its offset from UTC, for what states its time zone (an e-mail's
/// `Date` header).
pub fn now_with_offset() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}
