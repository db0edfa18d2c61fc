//! Work the page hands to its web worker (issue 16): what is asked, what comes back, and the one
//! function the worker runs. The messages are plain data encoded with postcard, so this module is
//! pure Rust, tested natively, and the same code runs in the worker (`src/worker.rs`) and in tests.
//!
//! Why a worker: code that only some actions need (today the PDF writer and its embedded font, about
//! a quarter of a megabyte compressed) stays out of the module the first page waits for, and it runs
//! off the main thread, so a long job does not freeze the page. The page links only the
//! [`Job`]/[`Answer`] types and their encoding; [`run`] is linked into the worker alone, which is what
//! keeps the PDF code out of the page's module (`bench/wasm-size.mjs` shows it).
//!
//! Every message carries the [`PROTOCOL`] number: a page and a worker from different builds (a
//! cached worker after an update) refuse each other's messages by that number instead of
//! misreading them.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::core::output::{self, OutputError, OutputFile};
use crate::core::pdf::{self, PdfSource, Window};
use crate::core::production::PdfBatch;

/// Raised whenever a message's shape changes; page and worker must agree on it. 3: a letter is
/// a [`PdfSource`] (written in the letter language, or a merged Word document).
pub const PROTOCOL: u32 = 3;

/// Something the worker makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Job {
    /// One PDF with every letter, a page set each.
    Pdf {
        letters: Vec<PdfSource>,
        window: Window,
        title: String,
    },
    /// A .zip of one PDF per letter, each named by its file name.
    PdfZip {
        letters: Vec<(String, PdfSource)>,
        window: Window,
        modified: NaiveDateTime,
    },
    /// One PDF per letter, each on its own, in order: the letters e-mail drafts attach
    /// (`production::Produced::pdfs_to_make`). Answered with [`Answer::Files`].
    PdfEach {
        letters: Vec<(String, PdfSource)>,
        window: Window,
    },
}

impl Job {
    /// One PDF of a segment's letters (see [`crate::core::production::pdf_letters`]).
    pub fn pdf(batch: &PdfBatch, window: Window, title: &str) -> Job {
        Job::Pdf {
            letters: batch.letters.iter().map(|(_, _, l)| l.clone()).collect(),
            window,
            title: title.to_owned(),
        }
    }

    /// A .zip of one PDF per contact, named as the .docx would be (duplicates numbered).
    pub fn pdf_zip(batch: &PdfBatch, window: Window, modified: NaiveDateTime) -> Job {
        Job::PdfZip {
            letters: batch
                .letters
                .iter()
                .map(|(_, name, l)| (name.clone(), l.clone()))
                .collect(),
            window,
            modified,
        }
    }
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// The file asked for.
    File(Vec<u8>),
    /// The files asked for, in the order asked.
    Files(Vec<Vec<u8>>),
    /// The job could not be done, and why.
    Failed(OutputError),
}

/// Does the job. Only the worker calls this.
pub fn run(job: Job) -> Answer {
    // One letter's PDF, or why its Word document could not be read, named by its place.
    let one = |index: usize, name: &str, letter: &PdfSource, window: Window| {
        pdf::sources_pdf(std::slice::from_ref(letter), window, name)
            .map_err(|(_, error)| OutputError::Letter { index, error })
    };
    match job {
        Job::Pdf {
            letters,
            window,
            title,
        } => match pdf::sources_pdf(&letters, window, &title) {
            Ok(bytes) => Answer::File(bytes),
            Err((index, error)) => Answer::Failed(OutputError::Letter { index, error }),
        },
        Job::PdfZip {
            letters,
            window,
            modified,
        } => {
            let files: Result<Vec<OutputFile>, OutputError> = letters
                .iter()
                .enumerate()
                .map(|(index, (name, letter))| {
                    Ok(OutputFile {
                        name: name.clone(),
                        bytes: one(index, name, letter, window)?,
                    })
                })
                .collect();
            match files.and_then(|files| output::zip_files(&files, modified)) {
                Ok(bytes) => Answer::File(bytes),
                Err(error) => Answer::Failed(error),
            }
        }
        Job::PdfEach { letters, window } => {
            let files: Result<Vec<Vec<u8>>, OutputError> = letters
                .iter()
                .enumerate()
                .map(|(index, (name, letter))| one(index, name, letter, window))
                .collect();
            match files {
                Ok(files) => Answer::Files(files),
                Err(error) => Answer::Failed(error),
            }
        }
    }
}

/// A message between the page and the worker: the protocol number, the caller's number for the
/// request (so answers can come back in any order), and the request or answer itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub protocol: u32,
    pub id: u32,
    pub body: T,
}

/// Why a message could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// It comes from another build of the app (another [`PROTOCOL`]); reloading the page fixes it.
    OtherBuild { theirs: u32 },
    /// It is not a message of this protocol at all.
    Damaged,
}

/// A message as bytes.
pub fn encode<T: Serialize>(id: u32, body: &T) -> Vec<u8> {
    #[derive(Serialize)]
    struct Borrowed<'a, T> {
        protocol: u32,
        id: u32,
        body: &'a T,
    }
    postcard::to_allocvec(&Borrowed {
        protocol: PROTOCOL,
        id,
        body,
    })
    // Serialising plain data into a growing vector cannot fail; an empty message would be refused
    // as damaged by the other side, never misread.
    .unwrap_or_default()
}

/// A message from bytes, refused when it is from another build or damaged.
pub fn decode<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<Envelope<T>, Unreadable> {
    // The protocol number is the first field: read it alone first, so that a message of another
    // build is told apart from a damaged one even when its body has another shape.
    let (protocol, _) = postcard::take_from_bytes::<u32>(bytes).map_err(|_| Unreadable::Damaged)?;
    if protocol != PROTOCOL {
        return Err(Unreadable::OtherBuild { theirs: protocol });
    }
    postcard::from_bytes(bytes).map_err(|_| Unreadable::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter(name: &str) -> PdfSource {
        PdfSource::Text(pdf::PdfLetter {
            sender: "Pohjoisen Kalusto Oy · Katu 1 · 00100 Helsinki".into(),
            address: format!("{name}\nMannerheimintie 1\n00100 HELSINKI"),
            body: format!("Hyvä {name},\n\ntervetuloa messuille.\n"),
        })
    }

    #[test]
    fn a_job_survives_the_trip_to_the_worker_and_back() {
        let job = Job::PdfZip {
            letters: vec![("Åsa Öberg.pdf".into(), letter("Åsa Öberg"))],
            window: Window::Right,
            modified: chrono::NaiveDate::from_ymd_opt(2026, 12, 5)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap(),
        };
        let read: Envelope<Job> = decode(&encode(7, &job)).unwrap();
        assert_eq!((read.protocol, read.id), (PROTOCOL, 7));
        assert_eq!(read.body, job);
    }

    #[test]
    fn the_worker_makes_the_same_pdf_as_the_page_would() {
        let letters = vec![letter("Antti Ylönen"), letter("Åsa Öberg")];
        let Answer::File(bytes) = run(Job::Pdf {
            letters: letters.clone(),
            window: Window::Left,
            title: "Kirjeet".into(),
        }) else {
            panic!("a PDF");
        };
        let text: Vec<pdf::PdfLetter> = letters.iter().filter_map(|l| l.text().cloned()).collect();
        assert_eq!(bytes, pdf::letters_pdf(&text, Window::Left, "Kirjeet"));
    }

    #[test]
    fn a_zip_of_pdfs_has_one_file_per_letter_by_its_name() {
        let modified = chrono::NaiveDate::from_ymd_opt(2026, 12, 5)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let Answer::File(bytes) = run(Job::PdfZip {
            letters: vec![
                ("Antti Ylönen.pdf".into(), letter("Antti Ylönen")),
                ("Åsa Öberg.pdf".into(), letter("Åsa Öberg")),
            ],
            window: Window::Left,
            modified,
        }) else {
            panic!("a zip");
        };
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let names: Vec<String> = (0..zip.len())
            .map(|i| zip.by_index(i).unwrap().name().to_owned())
            .collect();
        assert_eq!(names, ["Antti Ylönen.pdf", "Åsa Öberg.pdf"]);
        let mut first = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_index(0).unwrap(), &mut first).unwrap();
        assert!(first.starts_with(b"%PDF-"));
    }

    #[test]
    fn a_word_letter_travels_as_its_document_and_comes_back_as_its_pdf() {
        let template = crate::core::docx::DocxTemplate::parse(include_bytes!(
            "../tests/fixtures/letter-template.docx"
        ))
        .unwrap();
        let data = crate::core::letter::MergeData::new().with("name", "Åsa Öberg");
        let word = PdfSource::Word(template.merge(&data).unwrap().0);
        let job = Job::PdfEach {
            letters: vec![
                ("Åsa.pdf".into(), word),
                ("Antti.pdf".into(), letter("Antti")),
            ],
            window: Window::Left,
        };
        let read: Envelope<Job> = decode(&encode(3, &job)).unwrap();
        assert_eq!(read.body, job);
        let Answer::Files(pdfs) = run(job) else {
            panic!("one PDF per letter");
        };
        assert_eq!(pdfs.len(), 2);
        assert!(pdfs.iter().all(|pdf| pdf.starts_with(b"%PDF-")));
    }

    #[test]
    fn a_word_letter_that_cannot_be_read_is_named_by_its_place() {
        let job = Job::Pdf {
            letters: vec![letter("Antti"), PdfSource::Word(b"not a docx".to_vec())],
            window: Window::Left,
            title: "Kirjeet".into(),
        };
        let Answer::Failed(OutputError::Letter { index, .. }) = run(job) else {
            panic!("refused");
        };
        assert_eq!(index, 1);
    }

    #[test]
    fn a_message_of_another_build_is_refused_by_its_number_not_misread() {
        let mut bytes = encode(1, &Answer::File(vec![1, 2, 3]));
        bytes[0] = (PROTOCOL + 1) as u8;
        assert_eq!(
            decode::<Answer>(&bytes),
            Err(Unreadable::OtherBuild {
                theirs: PROTOCOL + 1
            })
        );
        assert_eq!(decode::<Answer>(&[]), Err(Unreadable::Damaged));
        let mut cut = encode(1, &Answer::File(vec![1, 2, 3]));
        cut.truncate(cut.len() - 2);
        assert_eq!(decode::<Answer>(&cut), Err(Unreadable::Damaged));
    }
}
