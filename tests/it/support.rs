//! Helpers the test modules share, written once.

use chrono::{NaiveDate, NaiveDateTime};

/// A fixed moment for tests in which only "some time" matters: 14 March 2025, 9.30. The core
/// reads no clock, so every test passes its own time.
pub fn now() -> NaiveDateTime {
    at(2025, 3, 14, 9, 30)
}

/// The local time `year-month-day hour:minute`, for tests whose dates show in what they check.
pub fn at(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|date| date.and_hms_opt(hour, minute, 0))
        .expect("a valid date and time")
}
