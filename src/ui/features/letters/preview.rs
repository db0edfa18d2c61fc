//! The preview of a segment's letters: one contact at a time, stepping through the lines, each
//! letter exactly as it will be produced (`production::preview_letter` runs the same merge as
//! logging does) with that contact's warnings.

use leptos::prelude::*;

use super::job_error_text;
use super::line::LineLetter;
use crate::core::ids::SegmentId;
use crate::core::pdf::Window;
use crate::core::problem::Problems;
use crate::core::production::{self, LetterKind, LetterPreview};
use crate::jobs::{Answer, Job};
use crate::store::jobs;
use crate::ui::components::{download, ProblemList};
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::letters::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// One line as the stepper names it.
#[derive(Clone, Debug, PartialEq)]
struct Stop {
    line_no: u32,
    name: String,
    email: String,
}

#[component]
pub fn LetterPreviewStepper(
    /// The segment whose letters are previewed.
    id: SegmentId,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let stops = Memo::new(move |_| {
        data.with_db(|db| {
            db.segment(id)
                .map(|segment| {
                    segment
                        .lines
                        .iter()
                        .map(|line| {
                            let contact = db.contact(line.contact);
                            Stop {
                                line_no: line.line_no,
                                name: contact.map(|c| c.name.clone()).unwrap_or_default(),
                                email: contact.map(|c| c.email.clone()).unwrap_or_default(),
                            }
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .unwrap_or_default()
    });
    let index = RwSignal::new(0_usize);
    // The index stays on a line when lines are removed under it.
    let at = Memo::new(move |_| index.get().min(stops.with(Vec::len).saturating_sub(1)));
    let stop = Memo::new(move |_| stops.with(|s| s.get(at.get()).cloned()));
    let preview = Memo::new(move |_| {
        let line_no = stop.with(|s| s.as_ref().map(|s| s.line_no))?;
        data.with_db(|db| production::preview_letter(db, id, line_no))
    });
    let total = move || stops.with(Vec::len);
    // This contact's letter as a PDF, laid out as the PDF downloads lay it out (left window).
    let pdf_note = RwSignal::new(None::<String>);
    let save_pdf = move |_| {
        let Some(line_no) = stop.with_untracked(|s| s.as_ref().map(|s| s.line_no)) else {
            return;
        };
        let letter = data.with_db(|db| {
            production::pdf_letters(db, id)
                .ok()
                .and_then(|batch| batch.letters.into_iter().find(|(no, _, _)| *no == line_no))
        });
        match letter.flatten() {
            Some((_, name, letter)) => {
                pdf_note.set(None);
                // Laid out by the worker (`store::jobs`), which holds the PDF code.
                let job = Job::Pdf {
                    letters: vec![letter],
                    window: Window::Left,
                    title: name.clone(),
                };
                leptos::task::spawn_local(async move {
                    let note = match jobs::run(&job).await {
                        Ok(Answer::File(bytes)) if download(&name, "application/pdf", &bytes) => {
                            None
                        }
                        Ok(Answer::File(_)) => Some(i18n.t(Key::DownloadBlocked).to_string()),
                        Ok(Answer::Failed(_) | Answer::Files(_)) => {
                            Some(i18n.t(Key::OutputWriteFailed).to_string())
                        }
                        Err(error) => Some(job_error_text(&i18n, error)),
                    };
                    pdf_note.set(note);
                });
            }
            None => pdf_note.set(Some(i18n.t(Key::NoPdfLetters).to_string())),
        }
    };
    let position = move || {
        i18n.tf(
            Key::PreviewPosition,
            &[
                ("n", &i18n.count(at.get() + 1)),
                ("total", &i18n.count(total())),
            ],
        )
    };
    view! {
        <section class="letter-preview" aria-labelledby="letter-preview-title">
            <h3 id="letter-preview-title">{move || i18n.t(Term::Preview)}</h3>
            {move || {
                if total() == 0 {
                    return view! { <p class="empty-state">{i18n.t(Key::PreviewNoLines)}</p> }.into_any();
                }
                view! {
                    <div class="stepper">
                        <button type="button" disabled=move || at.get() == 0 on:click=move |_| index.set(at.get_untracked().saturating_sub(1))>
                            {move || i18n.t(Key::Previous)}
                        </button>
                        <p class="stepper-position" aria-live="polite">
                            {position}" · "<strong>{move || stop.get().map(|s| s.name).unwrap_or_default()}</strong>
                        </p>
                        <button type="button" disabled=move || { at.get() + 1 >= total() } on:click=move |_| index.set(at.get_untracked() + 1)>
                            {move || i18n.t(Key::Next)}
                        </button>
                    </div>
                    {move || preview.get().map(|result| view! { <PreviewBody result email=stop.get().map(|s| s.email).unwrap_or_default()/> })}
                    <div class="toolbar">
                        <button type="button" on:click=save_pdf>{move || i18n.t(Key::PreviewPdf)}</button>
                    </div>
                    {move || pdf_note.get().map(|note| view! { <p class="hint" role="status">{note}</p> })}
                    {move || stop.with(|s| s.as_ref().map(|s| s.line_no)).map(|line_no| view! { <LineLetter id line_no/> })}
                }
                .into_any()
            }}
        </section>
    }
}

/// One contact's letter, or why it cannot be shown.
#[component]
fn PreviewBody(result: Result<LetterPreview, Problems>, email: String) -> impl IntoView {
    let i18n = use_i18n();
    let preview = match result {
        Ok(preview) => preview,
        Err(problems) => {
            let no_letter = problems.iter().any(|p| p.code == "letter.none");
            return if no_letter {
                view! { <p class="empty-state">{move || i18n.t(Key::PreviewNoLetter)}</p> }
                    .into_any()
            } else {
                view! {
                    <p class="field-error">{move || i18n.t(Key::PreviewFailed)}</p>
                    <ProblemList problems=problems/>
                }
                .into_any()
            };
        }
    };
    let kind = match preview.kind {
        LetterKind::Docx => i18n.tf(Key::PreviewPrinted, &[("file", &preview.file_name)]),
        LetterKind::Email => i18n.tf(
            Key::PreviewEmail,
            &[("email", &email), ("subject", &preview.subject)],
        ),
    };
    let label = move || i18n.t(Term::Preview);
    // A letter to print is drawn from its own layout in a frame of its own: its styles stay out
    // of the app's, and `sandbox` without `allow-scripts` runs nothing inside it even if a letter
    // ever carried markup (the core escapes every value, so it never should). The frame keeps
    // the app's origin only so that assistive technology and test tools can read its text.
    let sheet = match preview.html.clone() {
        Some(html) => view! {
            <iframe class="letter-frame" sandbox="allow-same-origin" srcdoc=html title=label></iframe>
        }
        .into_any(),
        None => {
            // An e-mail's text: each paragraph of the merged document is one line.
            let paragraphs = preview
                .text
                .split('\n')
                // An empty paragraph keeps its height, as it does on paper.
                .map(|p| {
                    let text = if p.is_empty() {
                        "\u{a0}".to_string()
                    } else {
                        p.to_string()
                    };
                    view! { <p>{text}</p> }
                })
                .collect_view();
            view! {
                <div class="letter-sheet" role="document" aria-label=label>
                    {paragraphs}
                </div>
            }
            .into_any()
        }
    };
    view! {
        <p class="preview-kind">{kind}</p>
        <ProblemList problems=preview.warnings.clone()/>
        {sheet}
    }
    .into_any()
}
