//! A file chosen under Settings → Team → Receive: read, checked and merged into a browser that
//! has joined a team. The input is tried twice: as the whole file, and as the JSON inside a
//! well-formed envelope, so that the fuzzer reaches the document checks and the merge instead
//! of stopping at the gzip layer. Whatever it is, receiving ends in a refusal or in changes
//! that apply; it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use segmentti::storage::team::exchange::{gzip, EXCHANGE_VERSION};
use segmentti::storage::team::receive;

fuzz_target!(|bytes: &[u8]| {
    let db = segmentti_fuzz::joined_db();

    let mut enveloped = b"SGTX".to_vec();
    enveloped.extend_from_slice(&EXCHANGE_VERSION.to_le_bytes());
    enveloped.extend_from_slice(&gzip(bytes));
    for file in [bytes, enveloped.as_slice()] {
        let mut received = db.clone();
        if let Ok((_preview, changes)) = receive(&received, file) {
            received.apply(&changes);
        }
    }
});
