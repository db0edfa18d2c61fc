//! A letter being edited: its parts as signals, why it cannot be saved yet, and why an uploaded
//! Word document was refused; a template being edited with its letters. The editors (`editor`, `docx`) and the forms that save a letter
//! (`template`, `line`, the segment's letter) share it.

use std::sync::Arc;

use leptos::prelude::*;

use super::language_label;
use crate::core::docx::{DocxError, TemplateProblem};
use crate::core::ids::Code;
use crate::core::letter;
use crate::core::model::{
    CorrespondenceType, EmailAttachment, InformationFlow, InitiatedBy, InteractionTemplate,
    LetterBody, TemplateEmail, TemplateLetter,
};
use crate::ui::i18n::I18n;
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

/// An uploaded document that was not accepted.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub file_name: String,
    pub reason: RefusalReason,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RefusalReason {
    /// The file cannot be read as a Word document at all.
    Unreadable(DocxError),
    /// It can be read, but these tags or fields cannot be merged.
    NotMergeable(Vec<TemplateProblem>),
}

/// A template being edited; `existing` templates keep their code (a new code is a new template).
#[derive(Clone, Copy)]
pub struct TemplateDraft {
    pub existing: bool,
    pub code: RwSignal<String>,
    pub group: RwSignal<String>,
    pub description: RwSignal<String>,
    pub unit_cost: RwSignal<String>,
    pub duration: RwSignal<String>,
    pub flow: RwSignal<String>,
    pub initiated_by: RwSignal<String>,
    pub correspondence: RwSignal<String>,
    pub ignore_correspondence: RwSignal<bool>,
    pub language_default: RwSignal<String>,
    pub letters: RwSignal<Vec<LetterDraft>>,
}

impl TemplateDraft {
    /// A new template in `group` (the first group, so that the choice is never empty).
    pub fn new(group: &str) -> Self {
        Self::of(
            &InteractionTemplate {
                group: Code::new(group),
                ..InteractionTemplate::default()
            },
            false,
        )
    }

    pub fn edit(template: &InteractionTemplate) -> Self {
        Self::of(template, true)
    }

    fn of(t: &InteractionTemplate, existing: bool) -> Self {
        TemplateDraft {
            existing,
            code: RwSignal::new(t.code.to_string()),
            group: RwSignal::new(t.group.to_string()),
            description: RwSignal::new(t.description.clone()),
            unit_cost: RwSignal::new(number_text(t.unit_cost)),
            duration: RwSignal::new(number_text(t.unit_duration_min)),
            flow: RwSignal::new(t.information_flow.as_str().into()),
            initiated_by: RwSignal::new(t.initiated_by.as_str().into()),
            correspondence: RwSignal::new(t.correspondence_type_default.as_str().into()),
            ignore_correspondence: RwSignal::new(t.ignore_contact_correspondence_type),
            language_default: RwSignal::new(t.language_default.clone()),
            letters: RwSignal::new(
                t.letters
                    .iter()
                    .map(|letter| {
                        let draft = LetterDraft::from_letter(letter);
                        if let Some(email) = t.email_for(&letter.language) {
                            draft.set_email(email);
                        }
                        draft
                    })
                    .collect(),
            ),
        }
    }

    /// The template as it stands in the form, for the live preview: read with tracking, so the
    /// preview follows every keystroke, and without the checks of saving (a letter with
    /// problems is previewed as far as it can be; an empty Word letter is left out).
    pub fn current(self) -> InteractionTemplate {
        let drafts = self.letters.get();
        let mut letters = Vec::new();
        let mut emails = Vec::new();
        for draft in drafts {
            // Subscribe to every part the preview shows, then read them as saving does.
            draft.language.track();
            draft.subject.track();
            draft.kind.track();
            draft.text.track();
            draft.docx.track();
            draft.email_subject.track();
            draft.email_body.track();
            draft.email_attachment.track();
            if let Some(body) = draft.body() {
                letters.push(crate::core::model::TemplateLetter {
                    language: draft.language.get_untracked().trim().to_string(),
                    subject: draft.subject.get_untracked(),
                    body,
                });
                emails.push(draft.email());
            }
        }
        InteractionTemplate {
            code: Code::new(&self.code.get()),
            language_default: self.language_default.get(),
            letters,
            emails,
            ..InteractionTemplate::default()
        }
    }

    /// The template to save, or the letters' problems (language, message) when one cannot be
    /// merged.
    pub(super) fn to_template(self, i18n: &I18n) -> Result<InteractionTemplate, Vec<String>> {
        let mut letters = Vec::new();
        let mut emails = Vec::new();
        let mut problems = Vec::new();
        for draft in self.letters.get_untracked() {
            match draft.to_letter() {
                Ok(letter) => {
                    letters.push(letter);
                    // A blank e-mail is dropped by `Db::save_template`: nothing is stored.
                    emails.push(draft.email());
                }
                Err(problem) => problems.push(format!(
                    "{}: {}",
                    language_label(i18n, &draft.language.get_untracked()),
                    draft_problem_text(i18n, problem)
                )),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(InteractionTemplate {
            code: Code::new(&self.code.get_untracked()),
            group: Code::new(&self.group.get_untracked()),
            description: self.description.get_untracked().trim().to_string(),
            unit_cost: parse_number(&self.unit_cost.get_untracked()),
            unit_duration_min: parse_number(&self.duration.get_untracked()),
            // The selects' values are the core's stable names; one the core does not know is none.
            information_flow: InformationFlow::parse(&self.flow.get_untracked())
                .unwrap_or(InformationFlow::None),
            initiated_by: InitiatedBy::parse(&self.initiated_by.get_untracked())
                .unwrap_or(InitiatedBy::None),
            correspondence_type_default: CorrespondenceType::parse(
                &self.correspondence.get_untracked(),
            )
            .unwrap_or(CorrespondenceType::None),
            ignore_contact_correspondence_type: self.ignore_correspondence.get_untracked(),
            language_default: self.language_default.get_untracked(),
            letters,
            emails,
        })
    }
}

fn number_text(value: f64) -> String {
    crate::core::model::format_number(value)
}

/// Reads an amount as typed, with a decimal comma or point; an empty field is zero. Anything
/// else becomes NaN, which the core reports at the field (`setup.amount_invalid`).
fn parse_number(text: &str) -> f64 {
    let text = text.trim().replace(',', ".");
    if text.is_empty() {
        return 0.0;
    }
    text.parse().unwrap_or(f64::NAN)
}
