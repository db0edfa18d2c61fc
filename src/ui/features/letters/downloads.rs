//! A segment's letters as files (product.md §5 "Outputs"): one combined Word document, a .zip of
//! one document per contact, a print view with one letter per page, and a .zip of e-mail drafts
//! for the e-mail lines. Everything is made in this browser from `production::produce_letters`,
//! the same letters logging will store; nothing is sent anywhere.

use std::time::Duration;

use leptos::prelude::*;

use super::{job_error_text, now, StatusLine};
use crate::core::ids::SegmentId;
use crate::core::model::StoredLetter;
use crate::core::output::OutputError;
use crate::core::pdf::Window;
use crate::core::problem::Problem;
use crate::core::production::{self, EmailAttachment, PdfBatch, Produced, DOCX_MIME};
use crate::jobs::{Answer, Job};
use crate::store::jobs;
use crate::ui::components::{download, ProblemList};
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::i18n_catalogue::letters::Key;
use crate::ui::state::use_data;

/// The files a segment's letters can be downloaded as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Output {
    CombinedDocx,
    DocxZip,
    PrintView,
    EmailZip,
    Pdf,
    PdfZip,
}

/// What the last download did.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Made { letters: usize, warnings: usize },
    Refused(Vec<Problem>),
    Failed(String),
}

#[component]
pub fn LetterDownloads(
    /// The segment whose letters are downloaded.
    id: SegmentId,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let working = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    // `None`: each draft carries what its template's e-mail chooses.
    let attachment = RwSignal::new(None::<EmailAttachment>);
    let window = RwSignal::new(Window::default());
    let run = move |output: Output| {
        working.set(true);
        outcome.set(None);
        // Let the browser paint "Making the letters…" before the merge holds the main thread.
        set_timeout(
            move || {
                let attach = attachment.get_untracked();
                let next = if matches!(output, Output::Pdf | Output::PdfZip) {
                    let result = data.with_db(|db| {
                        let batch = production::pdf_letters(db, id);
                        (
                            batch,
                            db.segment(id).map(|s| db.no(s.id)).unwrap_or_default(),
                        )
                    });
                    match result {
                        None => Outcome::Failed(i18n.t(Key::NotLoaded).to_string()),
                        Some((Err(problems), _)) => Outcome::Refused(problems),
                        Some((Ok(batch), segment_no)) => {
                            // The worker lays the PDFs out; the page stays free meanwhile.
                            let window = window.get_untracked();
                            leptos::task::spawn_local(async move {
                                let next =
                                    deliver_pdf(&i18n, output, &batch, window, &segment_no).await;
                                outcome.set(Some(next));
                                working.set(false);
                            });
                            return;
                        }
                    }
                } else {
                    let result = data.with_db(|db| {
                        let produced = production::produce_letters_with(db, id, now(), attach);
                        (
                            produced,
                            db.segment(id).map(|s| db.no(s.id)).unwrap_or_default(),
                        )
                    });
                    match result {
                        None => Outcome::Failed(i18n.t(Key::NotLoaded).to_string()),
                        Some((Err(problems), _)) => Outcome::Refused(problems),
                        Some((Ok(produced), segment_no))
                            if output == Output::EmailZip && !produced.awaiting_pdf.is_empty() =>
                        {
                            // The drafts that attach their letter as a PDF wait for the worker
                            // to lay those PDFs out; the page stays free meanwhile.
                            let window = window.get_untracked();
                            leptos::task::spawn_local(async move {
                                let next =
                                    deliver_with_pdfs(&i18n, produced, window, &segment_no).await;
                                outcome.set(Some(next));
                                working.set(false);
                            });
                            return;
                        }
                        Some((Ok(produced), segment_no)) => {
                            deliver(&i18n, output, &produced, &segment_no)
                        }
                    }
                };
                outcome.set(Some(next));
                working.set(false);
            },
            Duration::from_millis(30),
        );
    };
    let button = move |output: Output, label: Key| {
        view! {
            <button type="button" disabled=move || working.get() on:click=move |_| run(output)>
                {move || i18n.t(label)}
            </button>
        }
    };
    view! {
        <section class="letter-downloads" aria-labelledby="letter-downloads-title">
            <h3 id="letter-downloads-title">{move || i18n.t(Key::DownloadsHeading)}</h3>
            <p class="hint">{move || i18n.t(Key::DownloadsHint)}</p>
            <div class="toolbar">
                {button(Output::CombinedDocx, Key::DownloadCombined)}
                {button(Output::DocxZip, Key::DownloadZip)}
                {button(Output::PrintView, Key::OpenPrintView)}
                {button(Output::EmailZip, Key::DownloadEmails)}
                {button(Output::Pdf, Key::DownloadPdf)}
                {button(Output::PdfZip, Key::DownloadPdfZip)}
            </div>
            <div class="field">
                <label for="pdf-window">{move || i18n.t(Key::PdfWindowLabel)}</label>
                <select
                    id="pdf-window"
                    aria-describedby="pdf-window-hint"
                    on:change=move |ev| {
                        window.set(match event_target_value(&ev).as_str() {
                            "right" => Window::Right,
                            _ => Window::Left,
                        })
                    }
                >
                    <option value="left" selected=move || window.get() == Window::Left>
                        {move || i18n.t(Key::PdfWindowLeft)}
                    </option>
                    <option value="right" selected=move || window.get() == Window::Right>
                        {move || i18n.t(Key::PdfWindowRight)}
                    </option>
                </select>
                <p class="hint" id="pdf-window-hint">{move || i18n.t(Key::PdfWindowHint)}</p>
            </div>
            <div class="field">
                <label for="email-attachment">{move || i18n.t(Key::EmailAttachmentLabel)}</label>
                <select
                    id="email-attachment"
                    aria-describedby="email-attachment-hint"
                    on:change=move |ev| {
                        attachment.set(match event_target_value(&ev).as_str() {
                            "docx" => Some(EmailAttachment::Docx),
                            "pdf" => Some(EmailAttachment::Pdf),
                            "none" => Some(EmailAttachment::None),
                            _ => None,
                        })
                    }
                >
                    <option value="template" selected=move || attachment.get().is_none()>
                        {move || i18n.t(Key::EmailAttachTemplate)}
                    </option>
                    <option value="docx" selected=move || attachment.get() == Some(EmailAttachment::Docx)>
                        {move || i18n.t(Key::EmailAttachDocx)}
                    </option>
                    <option value="pdf" selected=move || attachment.get() == Some(EmailAttachment::Pdf)>
                        {move || i18n.t(Key::EmailAttachPdf)}
                    </option>
                    <option value="none" selected=move || attachment.get() == Some(EmailAttachment::None)>
                        {move || i18n.t(Key::EmailAttachNone)}
                    </option>
                </select>
                <p class="hint" id="email-attachment-hint">{move || i18n.t(Key::EmailAttachmentHint)}</p>
            </div>
            <StatusLine text=Signal::derive(move || {
                if working.get() {
                    return Some(i18n.t(Key::Producing).to_string());
                }
                outcome.get().and_then(|o| outcome_text(&i18n, &o))
            })/>
            {move || match outcome.get() {
                Some(Outcome::Refused(problems)) => Some(view! {
                    <p class="field-error">{i18n.t(Key::ProduceRefused)}</p>
                    <ProblemList problems=problems line_label=i18n.t(Key::LineLabel).to_string()/>
                }.into_any()),
                Some(Outcome::Failed(text)) => Some(view! { <p class="field-error" role="alert">{text}</p> }.into_any()),
                _ => None,
            }}
        </section>
    }
}

fn outcome_text(i18n: &I18n, outcome: &Outcome) -> Option<String> {
    let Outcome::Made { letters, warnings } = outcome else {
        return None;
    };
    let lang = i18n.lang.get();
    let text = if *warnings == 0 {
        i18n.tf(Key::DownloadMade, &[("count", &lang.count(*letters))])
    } else {
        i18n.tf(
            Key::DownloadMadeWithWarnings,
            &[
                ("count", &lang.count(*letters)),
                ("warnings", &lang.count(*warnings)),
            ],
        )
    };
    Some(text)
}

/// Builds the chosen PDF download from the segment's printed letters (written in the letter
/// language, or Word letters drawn from their own layout); the worker lays them out (`store::jobs`), so the PDF code is not part of the page's module.
async fn deliver_pdf(
    i18n: &I18n,
    output: Output,
    batch: &PdfBatch,
    window: Window,
    segment_no: &str,
) -> Outcome {
    if batch.letters.is_empty() {
        return none_of(i18n, Key::NoPdfLetters);
    }
    let title = i18n.tf(Key::FileLetters, &[("segment", segment_no)]);
    let (job, file_name, mime) = match output {
        Output::PdfZip => (
            Job::pdf_zip(batch, window, now().naive_local()),
            format!("{title}.zip"),
            "application/zip",
        ),
        _ => (
            Job::pdf(batch, window, &title),
            format!("{title}.pdf"),
            "application/pdf",
        ),
    };
    match jobs::run(&job).await {
        Ok(Answer::File(bytes)) if save(&file_name, mime, &bytes) => Outcome::Made {
            letters: batch.letters.len(),
            warnings: batch.problems.len(),
        },
        Ok(Answer::File(_)) => Outcome::Failed(i18n.t(Key::DownloadBlocked).to_string()),
        Ok(Answer::Failed(error)) => Outcome::Failed(output_error_text(i18n, &error)),
        Ok(Answer::Files(_)) => Outcome::Failed(i18n.t(Key::OutputWriteFailed).to_string()),
        Err(error) => Outcome::Failed(job_error_text(i18n, error)),
    }
}

/// The e-mail drafts, once the worker has made the PDFs some of them attach
/// (`Produced::awaiting_pdf`): the PDF code stays in the worker, never on the page.
async fn deliver_with_pdfs(
    i18n: &I18n,
    mut produced: Produced,
    window: Window,
    segment_no: &str,
) -> Outcome {
    let job = Job::PdfEach {
        letters: produced.pdfs_to_make(),
        window,
    };
    match jobs::run(&job).await {
        Ok(Answer::Files(pdfs)) => match produced.attach_pdfs(pdfs) {
            Ok(()) => deliver(i18n, Output::EmailZip, &produced, segment_no),
            Err(error) => Outcome::Failed(output_error_text(i18n, &error)),
        },
        Ok(Answer::Failed(error)) => Outcome::Failed(output_error_text(i18n, &error)),
        Ok(Answer::File(_)) => Outcome::Failed(i18n.t(Key::OutputWriteFailed).to_string()),
        Err(error) => Outcome::Failed(job_error_text(i18n, error)),
    }
}

/// Builds the chosen file from the produced letters and hands it to the browser.
fn deliver(i18n: &I18n, output: Output, produced: &Produced, segment_no: &str) -> Outcome {
    let all: Vec<&StoredLetter> = produced.letters.values().collect();
    let word: Vec<&StoredLetter> = all
        .iter()
        .copied()
        .filter(|l| production::is_docx(l))
        .collect();
    let email: Vec<&StoredLetter> = all
        .iter()
        .copied()
        .filter(|l| production::is_email(l))
        .collect();
    let name = |key: Key, extension: &str| {
        format!("{}.{extension}", i18n.tf(key, &[("segment", segment_no)]))
    };
    let modified = now().naive_local();
    let (count, made) = match output {
        Output::CombinedDocx if word.is_empty() => return none_of(i18n, Key::NoPrintedLetters),
        Output::CombinedDocx => (
            word.len(),
            production::combined_docx_of(&word)
                .map(|bytes| save(&name(Key::FileLetters, "docx"), DOCX_MIME, &bytes)),
        ),
        Output::DocxZip if word.is_empty() => return none_of(i18n, Key::NoPrintedLetters),
        Output::DocxZip => (
            word.len(),
            production::zip_of(&word, modified)
                .map(|bytes| save(&name(Key::FileLetters, "zip"), "application/zip", &bytes)),
        ),
        Output::PrintView if word.is_empty() => return none_of(i18n, Key::NoPrintedLetters),
        Output::PrintView => {
            let title = i18n.tf(Key::FileLetters, &[("segment", segment_no)]);
            let lang = i18n.lang.get_untracked().code();
            (
                word.len(),
                production::print_html_of(&title, lang, &word)
                    .map(|html| open_print_view(&name(Key::FileLetters, "html"), &html)),
            )
        }
        Output::EmailZip if email.is_empty() => return none_of(i18n, Key::NoEmails),
        Output::EmailZip => (
            email.len(),
            production::eml_zip_of(&email, modified)
                .map(|bytes| save(&name(Key::FileEmails, "zip"), "application/zip", &bytes)),
        ),
        // Made by `deliver_pdf` from the letters' text, not from produced documents.
        Output::Pdf | Output::PdfZip => return none_of(i18n, Key::NoPdfLetters),
    };
    match made {
        Ok(true) => Outcome::Made {
            letters: count,
            warnings: produced.problems.len(),
        },
        Ok(false) => Outcome::Failed(i18n.t(Key::DownloadBlocked).to_string()),
        Err(error) => Outcome::Failed(output_error_text(i18n, &error)),
    }
}

fn none_of(i18n: &I18n, key: Key) -> Outcome {
    Outcome::Failed(i18n.t(key).to_string())
}

fn save(file_name: &str, mime: &str, bytes: &[u8]) -> bool {
    download(file_name, mime, bytes)
}

fn output_error_text(i18n: &I18n, error: &OutputError) -> String {
    match error {
        OutputError::NoLetters => i18n.t(Key::NoPrintedLetters).to_string(),
        OutputError::Incompatible { .. } => i18n.t(Key::OutputIncompatible).to_string(),
        OutputError::Letter { index, .. } => {
            i18n.tf(Key::OutputUnreadable, &[("number", &i18n.count(index + 1))])
        }
        OutputError::Write { .. } => i18n.t(Key::OutputWriteFailed).to_string(),
    }
}

/// Opens the print view in a new window from a Blob URL (no request leaves the browser); if the
/// browser blocks the window, the page is downloaded instead, to open and print from there.
fn open_print_view(file_name: &str, html: &str) -> bool {
    let opened = blob_url(html.as_bytes(), "text/html;charset=utf-8").and_then(|url| {
        let window = web_sys::window()?
            .open_with_url_and_target(&url, "_blank")
            .ok()??;
        // The new window has read the page well before this; the URL only holds memory.
        set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            Duration::from_secs(60),
        );
        Some(window)
    });
    opened.is_some() || download(file_name, "text/html;charset=utf-8", html.as_bytes())
}

fn blob_url(bytes: &[u8], mime: &str) -> Option<String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
