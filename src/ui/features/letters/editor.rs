//! Editing one letter: its subject and its body, written here in the letter language or
//! uploaded as a Word document (product.md §5). Used for a template's letters and for a
//! segment's own copy.
//!
//! A letter that cannot be merged never gets saved: a written letter shows its problems with
//! their line and column while it is typed, and an uploaded document that is not mergeable is
//! refused on upload, with every reason and where it is (see [`super::docx`]).

use leptos::html;
use leptos::prelude::*;

use super::diagnostic_text;
use super::docx::DocxBody;
use super::draft::{BodyKind, LetterDraft};
use crate::core::letter::{self, Diagnostic, KNOWN_FIELDS};
use crate::core::model::EmailAttachment;
use crate::ui::components::dialog::next_id;
use crate::ui::components::TextField;
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::letters::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;

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
                label=Signal::derive(move || i18n.t(Term::Subject).to_string())
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
