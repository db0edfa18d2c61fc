//! Editing one letter: its subject and its body, written here in the letter language or
//! uploaded as a Word document (product.md §5). Used for a template's letters and for a
//! segment's own copy.
//!
//! A letter that cannot be merged never gets saved: a written letter shows its problems with
//! their line and column while it is typed, and an uploaded document that is not mergeable is
//! refused on upload, with every reason and where it is (see [`super::letters_docx`]).

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use super::letters_docx::{DocxBody, Refusal};
use crate::core::letter::{self, Diagnostic, DiagnosticKind, KNOWN_FIELDS};
use crate::core::model::{EmailAttachment, LetterBody, TemplateEmail, TemplateLetter};
use crate::ui::components::dialog::next_id;
use crate::ui::components::TextField;
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::i18n_catalogue::letters::Key;

/// How the letter's body is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    Text,
    Docx,
}

/// A letter being edited. Each part has its own signal, so that fields bind to them directly;
/// both bodies are kept while the user switches between them, and the chosen one is saved.
#[derive(Clone, Copy)]
pub struct LetterDraft {
    /// The letter's language code; empty for the default letter.
    pub language: RwSignal<String>,
    pub subject: RwSignal<String>,
    pub kind: RwSignal<BodyKind>,
    pub text: RwSignal<String>,
    /// The accepted Word document: its file name and bytes.
    pub docx: RwSignal<Option<(String, Arc<Vec<u8>>)>>,
    /// The last uploaded document that was refused, with why.
    pub refused: RwSignal<Option<Refusal>>,
    /// The e-mail in this letter's language (a template's letters only): its subject and body
    /// in the letter language, and what its drafts attach.
    pub email_subject: RwSignal<String>,
    pub email_body: RwSignal<String>,
    pub email_attachment: RwSignal<EmailAttachment>,
}

/// Why a draft cannot be saved as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftProblem {
    /// The written letter has this many problems.
    TextProblems(usize),
    /// "A Word document" is chosen but none was accepted.
    NoDocument,
}

impl LetterDraft {
    /// An empty letter, written here, in `language`.
    pub fn new(language: &str) -> Self {
        LetterDraft {
            language: RwSignal::new(language.to_string()),
            subject: RwSignal::new(String::new()),
            kind: RwSignal::new(BodyKind::Text),
            text: RwSignal::new(String::new()),
            docx: RwSignal::new(None),
            refused: RwSignal::new(None),
            email_subject: RwSignal::new(String::new()),
            email_body: RwSignal::new(String::new()),
            email_attachment: RwSignal::new(EmailAttachment::default()),
        }
    }

    /// Puts a template's e-mail for this letter's language into the draft.
    pub fn set_email(&self, email: &TemplateEmail) {
        self.email_subject.set(email.subject.clone());
        self.email_body.set(email.body.clone());
        self.email_attachment.set(email.attachment);
    }

    /// The e-mail as it would be saved, in the letter's language (read without tracking).
    pub fn email(&self) -> TemplateEmail {
        TemplateEmail {
            language: self.language.get_untracked().trim().to_string(),
            subject: self.email_subject.get_untracked(),
            body: self.email_body.get_untracked(),
            attachment: self.email_attachment.get_untracked(),
        }
    }

    pub fn from_letter(letter: &TemplateLetter) -> Self {
        let draft = LetterDraft::new(&letter.language);
        draft.subject.set(letter.subject.clone());
        draft.set_body(&letter.body);
        draft
    }

    /// Puts `body` into the draft, replacing the body of its kind and choosing that kind.
    pub fn set_body(&self, body: &LetterBody) {
        match body {
            LetterBody::Text(text) => {
                self.kind.set(BodyKind::Text);
                self.text.set(text.clone());
            }
            LetterBody::Docx { file_name, bytes } => {
                self.kind.set(BodyKind::Docx);
                self.docx
                    .set(Some((file_name.clone(), Arc::new(bytes.clone()))));
            }
        }
        self.refused.set(None);
    }

    /// The body as it would be saved; `None` when "A Word document" is chosen without one.
    pub fn body(&self) -> Option<LetterBody> {
        match self.kind.get_untracked() {
            BodyKind::Text => Some(LetterBody::Text(self.text.get_untracked())),
            BodyKind::Docx => self
                .docx
                .with_untracked(|docx| {
                    docx.as_ref()
                        .map(|(name, bytes)| (name.clone(), bytes.clone()))
                })
                .map(|(file_name, bytes)| LetterBody::Docx {
                    file_name,
                    bytes: bytes.as_ref().clone(),
                }),
        }
    }

    /// Why the draft cannot be saved, if it cannot. An accepted Word document is always
    /// mergeable, since a document that is not is refused on upload.
    pub fn problem(&self) -> Option<DraftProblem> {
        // The e-mail's subject and body are merged like the letter, so their problems keep the
        // template from being saved just as the letter's do.
        let email = [self.email_subject, self.email_body]
            .iter()
            .map(|part| part.with_untracked(|text| letter::parse(text).1.len()))
            .sum::<usize>();
        match self.kind.get_untracked() {
            BodyKind::Text => {
                let count = self.text.with_untracked(|text| letter::parse(text).1.len()) + email;
                (count > 0).then_some(DraftProblem::TextProblems(count))
            }
            BodyKind::Docx if email > 0 => Some(DraftProblem::TextProblems(email)),
            BodyKind::Docx => self
                .docx
                .with_untracked(Option::is_none)
                .then_some(DraftProblem::NoDocument),
        }
    }

    /// The letter to save, or why it cannot be saved.
    pub fn to_letter(&self) -> Result<TemplateLetter, DraftProblem> {
        if let Some(problem) = self.problem() {
            return Err(problem);
        }
        let body = self.body().ok_or(DraftProblem::NoDocument)?;
        Ok(TemplateLetter {
            language: self.language.get_untracked().trim().to_string(),
            subject: self.subject.get_untracked(),
            body,
        })
    }
}

/// The message for a draft that cannot be saved.
pub fn draft_problem_text(i18n: &I18n, problem: DraftProblem) -> String {
    match problem {
        DraftProblem::TextProblems(count) => {
            i18n.tf(Key::DraftHasProblems, &[("count", &i18n.count(count))])
        }
        DraftProblem::NoDocument => i18n.t(Key::DraftNoDocument).to_string(),
    }
}

/// The subject and body of a letter.
#[component]
pub fn LetterEditor(
    /// The letter being edited.
    draft: LetterDraft,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="letter-editor">
            <TextField
                label=Signal::derive(move || i18n.t(Key::Subject).to_string())
                value=draft.subject
                hint=Signal::derive(move || Some(i18n.t(Key::SubjectHint).to_string()))
            />
            <LetterBodyEditor draft/>
        </div>
    }
}

/// The body of a letter only: written here or a Word document. A line's own copy has no
/// subject of its own (the line's subject is used), so it is edited with this alone.
#[component]
pub fn LetterBodyEditor(
    /// The letter being edited.
    draft: LetterDraft,
) -> impl IntoView {
    view! {
        <BodyKindChoice draft/>
        {move || match draft.kind.get() {
            BodyKind::Text => view! { <TextBody draft/> }.into_any(),
            BodyKind::Docx => view! { <DocxBody draft/> }.into_any(),
        }}
    }
}

/// Written here, or a Word document.
#[component]
fn BodyKindChoice(draft: LetterDraft) -> impl IntoView {
    let i18n = use_i18n();
    let name = format!("letter-kind-{}", next_id());
    let option = move |kind: BodyKind, label: Key| {
        let id = match kind {
            BodyKind::Text => format!("{name}-text"),
            BodyKind::Docx => format!("{name}-docx"),
        };
        view! {
            <div class="choice-option">
                <input
                    type="radio"
                    id=id.clone()
                    name=name.clone()
                    prop:checked=move || draft.kind.get() == kind
                    on:change=move |_| draft.kind.set(kind)
                />
                <label for=id>{move || i18n.t(label)}</label>
            </div>
        }
    };
    view! {
        <fieldset class="choice letter-kind">
            <legend>{move || i18n.t(Key::BodyKindLegend)}</legend>
            {option(BodyKind::Text, Key::BodyKindText)}
            {option(BodyKind::Docx, Key::BodyKindDocx)}
        </fieldset>
    }
}

/// The letter's text, with a field inserter and its problems shown as it is typed.
#[component]
fn TextBody(draft: LetterDraft) -> impl IntoView {
    let i18n = use_i18n();
    let n = next_id();
    let input_id = format!("letter-text-{n}");
    let hint_id = format!("letter-text-{n}-hint");
    let status_id = format!("letter-text-{n}-status");
    let area = NodeRef::<html::Textarea>::new();
    let diagnostics = Memo::new(move |_| draft.text.with(|text| letter::parse(text).1));
    let described = format!("{hint_id} {status_id}");
    view! {
        <div class="letter-text">
            <div class="field" class:has-error=move || !diagnostics.get().is_empty()>
                <label for=input_id.clone()>{move || i18n.t(Key::BodyLabel)}</label>
                <p id=hint_id class="hint">
                    {move || i18n.t(Key::BodyHint)}" "<code>"{{first_name}}"</code>", "
                    <code>"{{#if comment}}…{{else}}…{{/if}}"</code>
                </p>
                <textarea
                    id=input_id
                    node_ref=area
                    rows="14"
                    spellcheck="true"
                    aria-describedby=described
                    aria-invalid=move || (!diagnostics.get().is_empty()).then_some("true")
                    prop:value=move || draft.text.get()
                    on:input=move |ev| draft.text.set(event_target_value(&ev))
                ></textarea>
            </div>
            <FieldInserter value=draft.text area/>
            <Diagnostics diagnostics area status_id none=Key::DiagnosticsNone count=Key::DiagnosticsCount/>
        </div>
    }
}

/// The e-mail of one letter language on a template: its subject and body with fields, merged
/// per contact like the letter, and what the draft attaches. Left empty, the e-mail carries the
/// letter's subject and text (without the postal address).
#[component]
pub fn EmailEditor(
    /// The letter whose language the e-mail is in.
    draft: LetterDraft,
) -> impl IntoView {
    let i18n = use_i18n();
    let n = next_id();
    let input_id = format!("email-body-{n}");
    let hint_id = format!("email-body-{n}-hint");
    let status_id = format!("email-body-{n}-status");
    let attachment_id = format!("email-attachment-{n}");
    let area = NodeRef::<html::Textarea>::new();
    let diagnostics = Memo::new(move |_| draft.email_body.with(|text| letter::parse(text).1));
    // The subject is one line: its first problem is shown at the field, with its column.
    let subject_error = Signal::derive(move || {
        draft.email_subject.with(|text| {
            letter::parse(text).1.first().map(|d| {
                format!(
                    "{}: {}",
                    i18n.tf(
                        Key::TextPlace,
                        &[
                            ("line", &i18n.count(d.position.line)),
                            ("column", &i18n.count(d.position.column)),
                        ],
                    ),
                    diagnostic_text(&i18n, &d.kind)
                )
            })
        })
    });
    let described = format!("{hint_id} {status_id}");
    let attachment_value = |attachment: EmailAttachment| match attachment {
        EmailAttachment::Docx => "docx",
        EmailAttachment::Pdf => "pdf",
        EmailAttachment::None => "none",
    };
    let option = move |attachment: EmailAttachment, label: Key| {
        view! {
            <option
                value=attachment_value(attachment)
                selected=move || draft.email_attachment.get() == attachment
            >
                {move || i18n.t(label)}
            </option>
        }
    };
    view! {
        <fieldset class="letter-email">
            <legend>{move || i18n.t(Key::EmailHeading)}</legend>
            <p class="hint">{move || i18n.t(Key::EmailIntro)}</p>
            <TextField
                label=Signal::derive(move || i18n.t(Key::EmailSubject).to_string())
                value=draft.email_subject
                autocomplete="off"
                hint=Signal::derive(move || Some(i18n.t(Key::EmailSubjectHint).to_string()))
                error=subject_error
            />
            <div class="field" class:has-error=move || !diagnostics.get().is_empty()>
                <label for=input_id.clone()>{move || i18n.t(Key::EmailBody)}</label>
                <p id=hint_id class="hint">{move || i18n.t(Key::EmailBodyHint)}</p>
                <textarea
                    id=input_id
                    node_ref=area
                    rows="8"
                    spellcheck="true"
                    dir="auto"
                    aria-describedby=described
                    aria-invalid=move || (!diagnostics.get().is_empty()).then_some("true")
                    prop:value=move || draft.email_body.get()
                    on:input=move |ev| draft.email_body.set(event_target_value(&ev))
                ></textarea>
            </div>
            <FieldInserter value=draft.email_body area/>
            <Diagnostics diagnostics area status_id none=Key::EmailDiagnosticsNone count=Key::EmailDiagnosticsCount/>
            <div class="field">
                <label for=attachment_id.clone()>{move || i18n.t(Key::EmailAttachmentChoice)}</label>
                <select
                    id=attachment_id
                    on:change=move |ev| {
                        draft.email_attachment.set(match event_target_value(&ev).as_str() {
                            "pdf" => EmailAttachment::Pdf,
                            "none" => EmailAttachment::None,
                            _ => EmailAttachment::Docx,
                        })
                    }
                >
                    {option(EmailAttachment::Docx, Key::EmailAttachDocx)}
                    {option(EmailAttachment::Pdf, Key::EmailAttachPdf)}
                    {option(EmailAttachment::None, Key::EmailAttachNone)}
                </select>
            </div>
        </fieldset>
    }
}

/// Inserts a chosen field (or a condition on it) at the cursor.
#[component]
fn FieldInserter(value: RwSignal<String>, area: NodeRef<html::Textarea>) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(KNOWN_FIELDS[0].to_string());
    let select_id = format!("insert-field-{}", next_id());
    let insert = move |condition: bool| {
        let field = chosen.get_untracked();
        let tag = if condition {
            format!("{{{{#if {field}}}}}{{{{{field}}}}}{{{{/if}}}}")
        } else {
            format!("{{{{{field}}}}}")
        };
        if let Some(area) = area.get_untracked() {
            insert_at_cursor(&area, &tag, value);
        }
    };
    view! {
        <div class="field-inserter">
            <label for=select_id.clone()>{move || i18n.t(Key::InsertFieldLabel)}</label>
            <select
                id=select_id
                prop:value=move || chosen.get()
                on:change=move |ev| chosen.set(event_target_value(&ev))
            >
                {KNOWN_FIELDS
                    .iter()
                    .map(|field| view! { <option value=*field>{*field}</option> })
                    .collect_view()}
            </select>
            <button type="button" on:click=move |_| insert(false)>
                {move || i18n.t(Key::InsertField)}
            </button>
            <button type="button" on:click=move |_| insert(true)>
                {move || i18n.t(Key::InsertCondition)}
            </button>
        </div>
    }
}

/// Replaces the selection of `area` with `text`, keeps the draft in step, and leaves the cursor
/// after the inserted text. Browsers count selection offsets in UTF-16 units.
fn insert_at_cursor(area: &web_sys::HtmlTextAreaElement, text: &str, value: RwSignal<String>) {
    let current = area.value();
    let start = area.selection_start().ok().flatten();
    let end = area.selection_end().ok().flatten();
    let (start, end) = match (start, end) {
        (Some(start), Some(end)) => (byte_of(&current, start), byte_of(&current, end)),
        _ => (current.len(), current.len()),
    };
    let next = format!("{}{text}{}", &current[..start], &current[end..]);
    let caret = utf16_len(&current[..start]) + utf16_len(text);
    area.set_value(&next);
    value.set(next);
    let _ = area.focus();
    let _ = area.set_selection_range(caret, caret);
}

/// The byte offset in `text` of a UTF-16 offset, clamped to the text.
fn byte_of(text: &str, utf16: u32) -> usize {
    let mut units = 0;
    for (byte, ch) in text.char_indices() {
        if units >= utf16 {
            return byte;
        }
        units += ch.len_utf16() as u32;
    }
    text.len()
}

fn utf16_len(text: &str) -> u32 {
    text.chars().map(|c| c.len_utf16() as u32).sum()
}

/// The written letter's problems, each with a button that selects the offending text.
#[component]
fn Diagnostics(
    diagnostics: Memo<Vec<Diagnostic>>,
    area: NodeRef<html::Textarea>,
    status_id: String,
    /// What the status says without problems, and with some: the letter's or the e-mail's
    /// words, so that the two statuses of one letter are told apart.
    none: Key,
    count: Key,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = move || match diagnostics.with(Vec::len) {
        0 => i18n.t(none).to_string(),
        n => i18n.tf(count, &[("count", &i18n.count(n))]),
    };
    let select = move |diagnostic: &Diagnostic| {
        let (offset, len) = (diagnostic.position.offset, diagnostic.len);
        move |_| {
            let Some(area) = area.get_untracked() else {
                return;
            };
            let text = area.value();
            let end = (offset + len).min(text.len());
            let (start, end) = (
                utf16_len(text.get(..offset).unwrap_or_default()),
                utf16_len(text.get(..end).unwrap_or_default()),
            );
            let _ = area.focus();
            let _ = area.set_selection_range(start, end);
        }
    };
    view! {
        <div class="diagnostics">
            <p
                id=status_id
                class=move || if diagnostics.with(Vec::is_empty) { "diagnostics-ok" } else { "diagnostics-bad" }
                role="status"
            >
                {summary}
            </p>
            <ul class="problems">
                {move || {
                    diagnostics
                        .get()
                        .into_iter()
                        .map(|diagnostic| {
                            let place = i18n.tf(
                                Key::TextPlace,
                                &[
                                    ("line", &i18n.count(diagnostic.position.line)),
                                    ("column", &i18n.count(diagnostic.position.column)),
                                ],
                            );
                            view! {
                                <li class="problem error">
                                    <button type="button" class="link-button" on:click=select(&diagnostic)>
                                        {place}
                                    </button>
                                    ": "
                                    {diagnostic_text(&i18n, &diagnostic.kind)}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// What is wrong, in the user's language; the position is shown beside it.
pub fn diagnostic_text(i18n: &I18n, kind: &DiagnosticKind) -> String {
    match kind {
        DiagnosticKind::UnknownField {
            name,
            suggestion: Some(suggestion),
        } => i18n.tf(
            Key::DiagUnknownFieldSuggestion,
            &[("field", name), ("suggestion", suggestion)],
        ),
        DiagnosticKind::UnknownField {
            name,
            suggestion: None,
        } => i18n.tf(Key::DiagUnknownField, &[("field", name)]),
        DiagnosticKind::EmptyTag => i18n.t(Key::DiagEmptyTag).to_string(),
        DiagnosticKind::UnknownBlock { keyword } => {
            i18n.tf(Key::DiagUnknownBlock, &[("keyword", keyword)])
        }
        DiagnosticKind::MissingCondition => i18n.t(Key::DiagMissingCondition).to_string(),
        DiagnosticKind::UnbalancedIf { field } => {
            i18n.tf(Key::DiagUnbalancedIf, &[("field", field)])
        }
        DiagnosticKind::StrayElse => i18n.t(Key::DiagStrayElse).to_string(),
        DiagnosticKind::DuplicateElse => i18n.t(Key::DiagDuplicateElse).to_string(),
        DiagnosticKind::StrayClose => i18n.t(Key::DiagStrayClose).to_string(),
        DiagnosticKind::UnclosedTag => i18n.t(Key::DiagUnclosedTag).to_string(),
        DiagnosticKind::TooDeeplyNested => i18n.t(Key::DiagTooDeeplyNested).to_string(),
    }
}
