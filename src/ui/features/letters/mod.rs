//! Letters, used by the Templates and Segment pages (and the log pages, which read the stored
//! letters back): the letter and e-mail editors (`editor`, with the uploaded Word body in `docx`),
//! a template's form and its preview (`template`, `preview_template`), one line's own letter
//! (`line`), the preview stepping through a segment's contacts (`preview`), the downloads
//! (`downloads`) and the letters kept in the browser (`store`).
//!
//! Below are the small pieces these share: the names and pickers of letter languages, links inside the app, where something is in a Word
//! document, why a write or a job of the worker failed, and the current time.

pub mod docx;
pub mod downloads;
pub mod draft;
pub mod editor;
pub mod line;
pub mod preview;
pub mod preview_template;
pub mod store;
pub mod template;

use leptos::ev::MouseEvent;

use crate::core::docx::Location;
use crate::core::letter::DiagnosticKind;
use crate::store::jobs::JobError;
use crate::store::session::CommitError;
use crate::ui::components::store_error_text;
use leptos::prelude::*;

use crate::ui::i18n::{AnyKey, I18n};
use crate::ui::i18n_catalogue::letters::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::routes::{Route, Router};
use crate::ui::state::use_data;

/// A click handler for an `<a href>` to `route`: a plain click opens it inside the app; a click
/// with a modifier key (new tab, new window) is left to the browser.
pub fn open_route(router: Router, route: Route) -> impl Fn(MouseEvent) + 'static {
    move |ev: MouseEvent| {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        router.open(route.clone());
    }
}

/// The part of a Word document in the user's words ("Header", "Body"), or its name in the
/// package when it is none of the usual ones.
pub fn part_label(i18n: &I18n, part: &str) -> String {
    let name = part.rsplit('/').next().unwrap_or(part);
    let key = if part == "word/document.xml" {
        Key::PartBody
    } else if name.starts_with("header") {
        Key::PartHeader
    } else if name.starts_with("footer") {
        Key::PartFooter
    } else if name.starts_with("footnotes") {
        Key::PartFootnotes
    } else if name.starts_with("endnotes") {
        Key::PartEndnotes
    } else {
        return part.to_string();
    };
    i18n.t(key).to_string()
}

/// "Header, paragraph 2, column 5".
pub fn location_label(i18n: &I18n, location: &Location) -> String {
    i18n.tf(
        Key::TagPlace,
        &[
            ("part", &part_label(i18n, &location.part)),
            ("paragraph", &i18n.count(location.paragraph)),
            ("column", &i18n.count(location.column)),
        ],
    )
}

/// The problems of a refused commit, or a store failure as text; exactly one is `Some`.
pub fn split_commit_error(
    i18n: &I18n,
    error: CommitError,
) -> (Vec<crate::core::problem::Problem>, Option<String>) {
    match error {
        CommitError::Refused(problems) => (problems, None),
        CommitError::Store(error) => (Vec::new(), Some(store_error_text(i18n, &error))),
    }
}

/// Why the worker gave no answer, in the user's words.
pub fn job_error_text(i18n: &I18n, error: JobError) -> String {
    i18n.t(match error {
        JobError::Unavailable => Key::WorkerUnavailable,
        JobError::OtherBuild => Key::WorkerOtherBuild,
    })
    .to_string()
}

/// The letters' time states its offset from UTC (an e-mail draft's `Date` header needs it).
pub use crate::ui::clock::now_with_offset as now;

/// A live region that announces `text` when it changes; it is always in the page (screen
/// readers announce changes only to a region that already exists) but shows nothing while
/// there is nothing to say.
#[leptos::component]
pub fn StatusLine(
    /// What to say, if anything.
    #[prop(into)]
    text: leptos::prelude::Signal<Option<String>>,
) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    view! {
        <div role="status" class="status-region">
            {move || text.get().map(|text| view! { <p class="status">{text}</p> })}
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

/// "default" for the default letter, else the language code: short, for headings and lists.
pub fn language_label(i18n: &I18n, language: &str) -> String {
    if language.trim().is_empty() {
        i18n.t(Key::LanguageDefault).to_string()
    } else {
        language.trim().to_string()
    }
}

/// "default" for the default letter, else the language's name and code ("Finnish (fi)").
pub fn language_name_label(i18n: &I18n, language: &str) -> String {
    if language.trim().is_empty() {
        i18n.t(Key::LanguageDefault).to_string()
    } else {
        language_option(i18n, language.trim())
    }
}

/// The name of a language the app knows, in the interface language.
fn language_name(code: &str) -> AnyKey {
    match code {
        "fi" => Key::LangFi.any(),
        "sv" => Key::LangSv.any(),
        "en" => Key::LangEn.any(),
        "de" => Key::LangDe.any(),
        "fr" => Key::LangFr.any(),
        "et" => Key::LangEt.any(),
        "no" => Key::LangNo.any(),
        "da" => Key::LangDa.any(),
        "ru" => Key::LangRu.any(),
        "es" => Key::LangEs.any(),
        "it" => Key::LangIt.any(),
        "nl" => Key::LangNl.any(),
        "el" => Key::LangEl.any(),
        "ja" => Key::LangJa.any(),
        _ => Term::Language.any(),
    }
}

/// A language as an option of the language pickers: "Finnish (fi)", "suomi (fi)".
fn language_option(i18n: &I18n, code: &str) -> String {
    i18n.tf(
        Key::LanguageOption,
        &[("name", i18n.t(language_name(code))), ("code", code)],
    )
}

/// The languages a template's letter may be in, for a select: first "every language" (no
/// code: the letter, or the default, that serves contacts of any language), then those the app
/// knows by name, those the data already uses, and `current` (whatever an older version
/// stored), each once.
fn language_options(i18n: I18n, current: RwSignal<String>) -> Signal<Vec<(String, String)>> {
    language_choices(i18n, current, Key::LanguageEvery)
}

/// The language picker's options with `first` as the choice of no code: the template page's
/// and the segment's pickers list the same languages, so a code chosen on one is found on the
/// other.
pub fn language_choices(
    i18n: I18n,
    current: RwSignal<String>,
    first: Key,
) -> Signal<Vec<(String, String)>> {
    let data = use_data();
    let known = Memo::new(move |_| {
        data.with_db(crate::core::setup::known_languages)
            .unwrap_or_else(|| {
                crate::core::setup::LANGUAGE_CODES
                    .iter()
                    .map(|c| c.to_string())
                    .collect()
            })
    });
    Signal::derive(move || {
        let mut codes = known.get();
        let chosen = current.get().trim().to_string();
        if !chosen.is_empty() && !codes.contains(&chosen) {
            codes.push(chosen);
        }
        let mut options = vec![(String::new(), i18n.t(first).to_string())];
        options.extend(
            codes
                .into_iter()
                .map(|code| (code.clone(), language_option(&i18n, &code))),
        );
        options
    })
}
