//! A letter being edited: its parts as signals, why it cannot be saved yet, and why an uploaded
//! Word document was refused. The editors (`editor`, `docx`) and the forms that save a letter
//! (`template`, `line`, the segment's letter) share it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::docx::{DocxError, TemplateProblem};
use crate::core::letter;
use crate::core::model::{EmailAttachment, LetterBody, TemplateEmail, TemplateLetter};
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
