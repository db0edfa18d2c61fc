//! A letter given as an uploaded Word document: the upload, the check of the document
//! ([`docx::check_template`]) and what it found: every tag and merge field with where it is,
//! or, for a document that cannot be merged, every reason with its part and paragraph.
//!
//! A document that is not mergeable is refused on upload and never replaces the accepted one,
//! so a saved letter can always be merged (product.md §5: problems are reported before merging).

use std::sync::Arc;

use leptos::prelude::*;

use super::draft::{LetterDraft, Refusal, RefusalReason};
use super::location_label;
use crate::core::docx::{
    self, CannotMerge, DocxError, FoundTag, FoundTagKind, ProblemKind, TemplateProblem,
};
use crate::ui::components::FilePicker;
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::i18n_catalogue::letters::Key;

use super::diagnostic_text;

/// Checks an uploaded file: the accepted document, or why it is refused.
pub fn accept_docx(file_name: String, bytes: Vec<u8>) -> Result<(String, Arc<Vec<u8>>), Refusal> {
    match docx::check_template(&bytes) {
        Ok(report) if report.is_mergeable() => Ok((file_name, Arc::new(bytes))),
        Ok(report) => Err(Refusal {
            file_name,
            reason: RefusalReason::NotMergeable(report.problems),
        }),
        Err(error) => Err(Refusal {
            file_name,
            reason: RefusalReason::Unreadable(error),
        }),
    }
}

/// The Word document of a letter: upload or replace it, and see what it contains.
#[component]
pub fn DocxBody(
    /// The letter being edited.
    draft: LetterDraft,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_file =
        Callback::new(
            move |(name, bytes): (String, Vec<u8>)| match accept_docx(name, bytes) {
                Ok(accepted) => {
                    draft.docx.set(Some(accepted));
                    draft.refused.set(None);
                }
                Err(refusal) => draft.refused.set(Some(refusal)),
            },
        );
    let picker_label = Signal::derive(move || {
        let key = if draft.docx.with(Option::is_some) {
            Key::DocxReplace
        } else {
            Key::DocxUpload
        };
        i18n.t(key).to_string()
    });
    // The accepted document's tags, read again only when the document changes.
    let tags = Memo::new(move |_| {
        draft.docx.with(|docx| {
            docx.as_ref().map(|(name, bytes)| {
                let tags = docx::check_template(bytes)
                    .map(|report| report.tags)
                    .unwrap_or_default();
                (name.clone(), tags)
            })
        })
    });
    view! {
        <div class="docx-body">
            <FilePicker label=picker_label accept=".docx" on_file/>
            // Plain functions called in these closures follow the language too.
            {move || draft.refused.get().map(|refusal| refusal_note(&i18n, &refusal))}
            {move || tags.get().map(|(name, tags)| tag_list(&i18n, &name, &tags))}
        </div>
    }
}

/// Why an uploaded document was not used.
fn refusal_note(i18n: &I18n, refusal: &Refusal) -> impl IntoView {
    let file = refusal.file_name.clone();
    let (headline, problems) = match &refusal.reason {
        RefusalReason::Unreadable(error) => (unreadable_text(i18n, &file, error), Vec::new()),
        RefusalReason::NotMergeable(problems) => (
            i18n.tf(Key::DocxNotMergeable, &[("file", &file)]),
            problems.clone(),
        ),
    };
    view! {
        <div class="docx-refused" role="alert">
            <p class="field-error">{headline}</p>
            <ul class="problems">
                {problems
                    .iter()
                    .map(|problem| {
                        view! {
                            <li class="problem error">
                                <span class="problem-place">{location_label(i18n, &problem.location)}": "</span>
                                {template_problem_text(i18n, problem)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

fn unreadable_text(i18n: &I18n, file: &str, error: &DocxError) -> String {
    match (error, error.part()) {
        (DocxError::NotAZip { .. }, _) => i18n.tf(Key::DocxNotWord, &[("file", file)]),
        (_, Some(part)) => i18n.tf(Key::DocxDamagedPart, &[("file", file), ("part", part)]),
        (_, None) => i18n.tf(Key::DocxNotWord, &[("file", file)]),
    }
}

/// The message of one problem of a document.
pub fn template_problem_text(i18n: &I18n, problem: &TemplateProblem) -> String {
    match &problem.kind {
        ProblemKind::Letter(kind) => diagnostic_text(i18n, kind),
        ProblemKind::UnknownMergeField { name } => {
            i18n.tf(Key::DocxUnknownMergeField, &[("name", name)])
        }
        ProblemKind::CannotMerge { reason } => i18n
            .t(match reason {
                CannotMerge::BlockAcrossContainers => Key::CannotMergeBlockAcrossContainers,
                CannotMerge::NestedMergeField => Key::CannotMergeNestedField,
                CannotMerge::FieldAcrossParagraphs => Key::CannotMergeAcrossParagraphs,
                CannotMerge::FieldAcrossElements => Key::CannotMergeAcrossElements,
                CannotMerge::FieldOutsideRun => Key::CannotMergeOutsideRun,
                CannotMerge::BlockInLink => Key::CannotMergeBlockInLink,
            })
            .to_string(),
    }
}

/// The accepted document's name and every tag and merge field in it, with where it is.
fn tag_list(i18n: &I18n, name: &str, tags: &[FoundTag]) -> impl IntoView {
    let count = i18n.count(tags.len());
    let heading = if tags.is_empty() {
        i18n.t(Key::DocxNoTags).to_string()
    } else {
        i18n.tf(Key::DocxTagsFound, &[("count", &count)])
    };
    view! {
        <div class="docx-tags">
            <p class="docx-file">{i18n.tf(Key::DocxCurrent, &[("file", name)])}</p>
            <p class="docx-tags-heading">{heading}</p>
            <ul class="tag-list">
                {tags
                    .iter()
                    .map(|tag| {
                        view! {
                            <li>
                                <code>{tag.text.clone()}</code>
                                {mapped_field(tag).map(|field| view! { " → "<code>{field}</code> })}
                                <span class="tag-place">" · "{location_label(i18n, &tag.location)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// For a Word merge field, the field of ours it fills (`«First_Name» → first_name`).
fn mapped_field(tag: &FoundTag) -> Option<String> {
    match &tag.kind {
        FoundTagKind::MergeField {
            field: Some(field), ..
        } => Some(field.clone()),
        _ => None,
    }
}
