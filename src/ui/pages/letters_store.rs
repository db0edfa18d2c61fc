//! Reading logged letters back from the store, for "download the letter as sent" on the
//! interaction log and "download all its letters again" on a logged segment (product.md §4).
//!
//! Letters are not part of the in-memory database: at half a million entries they would not fit,
//! so logging writes them as one [`LetterBatch`] per logged segment beside the records, and they
//! are read only when someone asks for them. The session keeps its backend to itself, so these
//! functions open their own connection to the same IndexedDB database (opening an already
//! created database is cheap) and close it again at once, so that it never holds up a schema
//! upgrade in another tab.
//!
//! Errors are returned as text because the callers show them inside a translated sentence
//! ("The letter could not be read: {reason}"); they are the store's own, technical reasons.

use crate::core::ids::LoggedSegmentId;
use crate::core::model::{InteractionLogEntry, LetterBatch, StoredLetter};
use crate::store::idb::IdbBackend;
use crate::ui::state::DATABASE;

/// The letter of one interaction log entry, byte for byte as it was produced when its segment
/// was logged.
pub async fn load_letter(entry: &InteractionLogEntry) -> Result<StoredLetter, String> {
    let Some(letter) = &entry.letter else {
        return Err(format!("{} has no letter", entry.id));
    };
    let batch = load_batch(letter.batch).await?;
    batch.letter(entry.id).cloned().ok_or_else(|| {
        format!(
            "the letters of {} do not include {}",
            letter.batch, entry.id
        )
    })
}

/// Every letter produced when the logged segment `id` was logged, with the entry each belongs to.
pub async fn load_batch(id: LoggedSegmentId) -> Result<LetterBatch, String> {
    let backend = IdbBackend::open(DATABASE)
        .await
        .map_err(|error| format!("{error:?}"))?;
    let read = crate::storage::read_letters(&backend, id).await;
    backend.close();
    match read {
        Ok(Some(batch)) => Ok(batch),
        Ok(None) => Err(format!("no letters are stored for {id}")),
        Err(error) => Err(format!("{error:?}")),
    }
}

/// The stored letters of each of these logged segments, skipping those logged without letters;
/// for an exchange file, where letters travel with their logged segment.
pub async fn load_batches(ids: &[LoggedSegmentId]) -> Result<Vec<LetterBatch>, String> {
    let backend = IdbBackend::open(DATABASE)
        .await
        .map_err(|error| format!("{error:?}"))?;
    let mut batches = Vec::new();
    for id in ids {
        match crate::storage::read_letters(&backend, *id).await {
            Ok(Some(batch)) => batches.push(batch),
            Ok(None) => {}
            Err(error) => {
                backend.close();
                return Err(format!("{error:?}"));
            }
        }
    }
    backend.close();
    Ok(batches)
}

/// Offers a stored letter as a download under the name it was produced with, byte for byte.
/// Returns false if the browser refused.
pub fn save_letter(letter: &StoredLetter) -> bool {
    crate::ui::components::download(&letter.file_name, &letter.mime, &letter.bytes)
}

/// Every letter of a batch in one .zip, each under its own name (duplicates numbered), as the
/// logged segment's "download all its letters again".
pub fn batch_zip(
    batch: &LetterBatch,
    modified: chrono::NaiveDateTime,
) -> Result<Vec<u8>, crate::core::output::OutputError> {
    let letters: Vec<&StoredLetter> = batch.letters.iter().map(|(_, letter)| letter).collect();
    crate::core::production::zip_of(&letters, modified)
}
