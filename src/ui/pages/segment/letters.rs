//! A segment's letters (product.md §5): which letter the segment uses and editing its own copy,
//! the preview stepping through contacts ([`crate::ui::features::letters::preview`]) and the downloads
//! ([`crate::ui::features::letters::downloads`]).
//!
//! The segment's own copy is what reference-bc.md calls editing the segment's attachment: the
//! template's letter is copied into the segment (`Db::set_segment_letter`) and edited there, so
//! the template and other segments stay as they were. It is used for every contact of the
//! segment, whatever their language.

use leptos::prelude::*;

use crate::core::db::Db;
use crate::core::ids::SegmentId;
use crate::core::model::{LetterBody, TemplateLetter};
use crate::core::problem::Problem;
use crate::ui::components::ProblemList;
use crate::ui::features::letters::downloads::LetterDownloads;
use crate::ui::features::letters::draft::{draft_problem_text, LetterDraft};
use crate::ui::features::letters::editor::LetterEditor;
use crate::ui::features::letters::language_label;
use crate::ui::features::letters::preview::LetterPreviewStepper;
use crate::ui::features::letters::{now, split_commit_error, StatusLine};
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::letters::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::routes::{use_router, Page, Route};
use crate::ui::state::use_data;

#[component]
pub fn LetterPanel(
    /// The segment whose letters are shown.
    id: SegmentId,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="letter-panel" aria-labelledby="letter-panel-title">
            <h2 id="letter-panel-title">{move || i18n.t(Term::Letter)}</h2>
            <LetterSource id/>
            <LetterPreviewStepper id/>
            <LetterDownloads id/>
        </section>
    }
}

/// Where the segment's letter comes from.
#[derive(Clone, Debug, PartialEq)]
enum Source {
    /// The segment's own copy; the Word document's name when it is one.
    Own(Option<String>),
    /// The template's letters, by language.
    Template {
        code: String,
        languages: Vec<String>,
    },
    /// The template has no letter.
    TemplateWithoutLetter(String),
    NoTemplate,
}

fn source_of(db: &Db, id: SegmentId) -> Option<Source> {
    let segment = db.segment(id)?;
    if let Some(letter) = &segment.letter {
        let word = match &letter.body {
            LetterBody::Docx { file_name, .. } => Some(file_name.clone()),
            LetterBody::Text(_) => None,
        };
        return Some(Source::Own(word));
    }
    let Some(code) = &segment.template else {
        return Some(Source::NoTemplate);
    };
    let Some(template) = db.templates.get(code) else {
        return Some(Source::NoTemplate);
    };
    if template.letters.is_empty() {
        return Some(Source::TemplateWithoutLetter(code.to_string()));
    }
    Some(Source::Template {
        code: code.to_string(),
        languages: template
            .letters
            .iter()
            .map(|l| l.language.clone())
            .collect(),
    })
}

/// The letter to start the segment's own copy from: its template's letter in the segment's
/// language, else an empty letter in that language.
fn letter_to_copy(db: &Db, id: SegmentId) -> Option<TemplateLetter> {
    let segment = db.segment(id)?;
    let from_template = segment
        .template
        .as_ref()
        .and_then(|code| db.templates.get(code))
        .and_then(|template| template.letter_for(&segment.language))
        .cloned();
    Some(from_template.unwrap_or_else(|| TemplateLetter {
        language: segment.language.clone(),
        subject: segment.subject.clone(),
        body: LetterBody::Text(String::new()),
    }))
}

/// Which letter the segment uses, and its own copy's editor.
#[component]
fn LetterSource(id: SegmentId) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let router = use_router();
    let source = Memo::new(move |_| data.with_db(|db| source_of(db, id)).flatten());
    let editing = RwSignal::new(None::<LetterDraft>);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let status = RwSignal::new(None::<String>);
    // The draft's signals belong to this component: the button that makes it goes away as
    // soon as editing starts, and would take them with it.
    let owner = Owner::current().unwrap_or_default();
    let open_editor = Callback::new(move |()| {
        let own = data
            .with_db(|db| db.segment(id).and_then(|s| s.letter.clone()))
            .flatten();
        editing.set(own.map(|letter| owner.with(|| LetterDraft::from_letter(&letter))));
    });
    // Copies the template's letter into the segment first, so the copy exists (and the preview
    // shows it) as soon as the user starts editing.
    let start_editing = move |_| {
        status.set(None);
        let has_own = data
            .with_db(|db| db.segment(id).is_some_and(|s| s.letter.is_some()))
            .unwrap_or(false);
        if has_own {
            return open_editor.run(());
        }
        data.commit(
            move |db| {
                let letter = letter_to_copy(db, id);
                db.set_segment_letter(id, letter, now().naive_local())
            },
            move |result| match result {
                Ok(_) => open_editor.run(()),
                Err(error) => report(&i18n, error, problems, status),
            },
        );
    };
    let use_template = move |_| {
        status.set(None);
        data.commit(
            move |db| db.set_segment_letter(id, None, now().naive_local()),
            move |result| match result {
                Ok(_) => {
                    editing.set(None);
                    status.set(Some(i18n.t(Key::UsingTemplateAgain).to_string()));
                }
                Err(error) => report(&i18n, error, problems, status),
            },
        );
    };
    let describe = move || match source.get() {
        None => String::new(),
        Some(Source::Own(None)) => i18n.t(Key::UsesOwnText).to_string(),
        Some(Source::Own(Some(file))) => i18n.tf(Key::UsesOwnWord, &[("file", &file)]),
        Some(Source::Template { code, languages }) => {
            let languages: Vec<String> =
                languages.iter().map(|l| language_label(&i18n, l)).collect();
            i18n.tf(
                Key::UsesTemplate,
                &[("template", &code), ("languages", &languages.join(", "))],
            )
        }
        Some(Source::TemplateWithoutLetter(code)) => {
            i18n.tf(Key::UsesTemplateWithoutLetter, &[("template", &code)])
        }
        Some(Source::NoTemplate) => i18n.t(Key::UsesNoTemplate).to_string(),
    };
    let own = move || matches!(source.get(), Some(Source::Own(_)));
    view! {
        <div class="letter-source">
            <p>{describe}</p>
            {move || own().then(|| view! { <p class="hint">{move || i18n.t(Key::OwnCopyHint)}</p> })}
            <div class="toolbar">
                {move || editing.with(Option::is_none).then(|| view! {
                    <button type="button" on:click=start_editing disabled=move || data.busy.get()>
                        {move || i18n.t(Key::EditSegmentLetter)}
                    </button>
                })}
                {move || own().then(|| view! {
                    <button type="button" on:click=use_template disabled=move || data.busy.get()>
                        {move || i18n.t(Key::UseTemplateLetter)}
                    </button>
                })}
                <a href=Page::Templates.href() on:click=crate::ui::features::letters::open_route(router, Route::Page(Page::Templates))>
                    {move || i18n.t(Key::GoToTemplates)}
                </a>
            </div>
            <ProblemList problems=problems/>
            <StatusLine text=status/>
            {move || editing.get().map(|draft| view! { <SegmentLetterEditor id draft editing status/> })}
        </div>
    }
}

fn report(
    i18n: &crate::ui::i18n::I18n,
    error: crate::store::session::CommitError,
    problems: RwSignal<Vec<Problem>>,
    status: RwSignal<Option<String>>,
) {
    let (refused, store) = split_commit_error(i18n, error);
    problems.set(refused);
    status.set(store);
}

/// The segment's own copy, being edited; Save writes it with `Db::set_segment_letter`.
#[component]
fn SegmentLetterEditor(
    id: SegmentId,
    draft: LetterDraft,
    editing: RwSignal<Option<LetterDraft>>,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let problems = RwSignal::new(Vec::<Problem>::new());
    let refusal = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let letter = match draft.to_letter() {
            Ok(letter) => letter,
            Err(problem) => return refusal.set(Some(draft_problem_text(&i18n, problem))),
        };
        refusal.set(None);
        data.commit(
            move |db| db.set_segment_letter(id, Some(letter.clone()), now().naive_local()),
            move |result| match result {
                Ok(_) => {
                    editing.set(None);
                    status.set(Some(i18n.t(Key::SegmentLetterSaved).to_string()));
                }
                Err(error) => report(&i18n, error, problems, refusal),
            },
        );
    };
    view! {
        <form class="segment-letter-editor" on:submit=save novalidate aria-label=move || i18n.t(Key::EditSegmentLetter)>
            <LetterEditor draft/>
            <ProblemList problems=problems/>
            {move || refusal.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
            <div class="toolbar">
                <button type="submit" class="primary" disabled=move || data.busy.get()>
                    {move || i18n.t(Key::SaveLetter)}
                </button>
                <button type="button" on:click=move |_| editing.set(None)>
                    {move || i18n.t(Key::CloseEditor)}
                </button>
            </div>
        </form>
    }
}
