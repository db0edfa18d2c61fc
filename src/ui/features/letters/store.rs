//! Reading logged letters back from the store, for "download the letter as sent" on the
//! interaction log, "download all its letters again" on a logged segment (product.md §4) and the
//! letters that travel with logged segments in an exchange file.
//!
//! Letters are not part of the in-memory database: at half a million entries they would not fit,
//! so logging writes them as one [`LetterBatch`] per logged segment beside the records, and they
//! are read only when someone asks for them, through the app's one session ([`Data::letters`]).
//!
//! A failure comes back as a [`Problem`], worded by the catalogue like every other: the store's
//! own failures as the store's problems, and letters this browser does not have as
//! `logs.ui.letters_unreadable` with the logged segment's number.

use crate::core::ids::LoggedSegmentId;
use crate::core::model::{InteractionLogEntry, LetterBatch, StoredLetter};
use crate::core::problem::Problem;
use crate::ui::components::{codes::LETTERS_UNREADABLE, store_problem};
use crate::ui::state::Data;

/// The problem "this browser has no letters of that logged segment".
fn not_here(data: Data, batch: LoggedSegmentId) -> Problem {
    Problem::record(LETTERS_UNREADABLE).with(data.no(batch))
}

/// The letter of one interaction log entry, byte for byte as it was produced when its segment
/// was logged.
pub async fn load_letter(data: Data, entry: &InteractionLogEntry) -> Result<StoredLetter, Problem> {
    let Some(letter) = &entry.letter else {
        return Err(Problem::record(LETTERS_UNREADABLE).with(data.no(entry.id)));
    };
    let batch = load_batch(data, letter.batch).await?;
    batch
        .letter(entry.id)
        .cloned()
        .ok_or_else(|| not_here(data, letter.batch))
}

/// Every letter produced when the logged segment `id` was logged, with the entry each belongs to.
pub async fn load_batch(data: Data, id: LoggedSegmentId) -> Result<LetterBatch, Problem> {
    match data.letters(id).await {
        Ok(Some(batch)) => Ok(batch),
        Ok(None) => Err(not_here(data, id)),
        Err(error) => Err(store_problem(error)),
    }
}

/// The stored letters of each of these logged segments, skipping those logged without letters;
/// for an exchange file, where letters travel with their logged segment.
pub async fn load_batches(
    data: Data,
    ids: &[LoggedSegmentId],
) -> Result<Vec<LetterBatch>, Problem> {
    let mut batches = Vec::new();
    for id in ids {
        if let Some(batch) = data.letters(*id).await.map_err(store_problem)? {
            batches.push(batch);
        }
    }
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
