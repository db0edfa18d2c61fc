//! Helpers the test modules share, written once.

use chrono::{NaiveDate, NaiveDateTime};
use segmentti::core::changes::{Changes, Counters, Record};
use segmentti::core::ids::ContactId;
use segmentti::core::model::Contact;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

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

/// Runs a future whose every await is immediately ready, as the in-memory storage backend's are.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// The change set that adds contact `id` named `name`, with the counters moved past it, as the
/// core's own "new contact" writes it.
pub fn adding(id: u32, name: &str) -> Changes {
    let mut changes = Changes::new();
    changes
        .put(Record::Contact(Contact {
            id: ContactId(id),
            name: name.into(),
            ..Default::default()
        }))
        .put(Record::Counters(Counters {
            contact: id,
            ..Default::default()
        }));
    changes
}
