//! What the import says about a file: why it cannot be read (naming the row, line or what the
//! file really is), which format it was recognised as, and what was noticed while reading it.
//!
//! The messages are built from [`ImportError::code`]'s variant and [`ImportError::args`], which are
//! named like the catalogue's placeholders, so every value the core reports reaches the text.

use leptos::prelude::*;

use super::Wizard;
use crate::core::import::{
    BadRows, BinaryKind, ImportError, ImportFormat, ImportWarning, RowProblem, RowReason, TextKind,
};
use crate::ui::components::download;
use crate::ui::i18n::{fill, use_i18n, AnyKey, I18n};
use crate::ui::i18n_catalogue::contacts::Key;
use crate::ui::i18n_catalogue::problems;

pub fn format_label(format: ImportFormat) -> Key {
    match format {
        ImportFormat::GoogleCsv => Key::FormatGoogle,
        ImportFormat::GoogleCsvLegacy => Key::FormatGoogleLegacy,
        ImportFormat::OutlookDesktopCsv => Key::FormatOutlookDesktop,
        ImportFormat::OutlookComCsv => Key::FormatOutlookCom,
        ImportFormat::VCard => Key::FormatVcard,
        ImportFormat::GenericCsv => Key::FormatGeneric,
    }
}

fn binary_label(kind: BinaryKind) -> Key {
    match kind {
        BinaryKind::Zip => Key::BinaryZip,
        BinaryKind::Pdf => Key::BinaryPdf,
        BinaryKind::Image => Key::BinaryImage,
        BinaryKind::OldOffice => Key::BinaryOldOffice,
        BinaryKind::Compressed => Key::BinaryCompressed,
        BinaryKind::Binary => Key::BinaryOther,
    }
}

fn text_label(kind: TextKind) -> Key {
    match kind {
        TextKind::Html => Key::TextHtml,
        TextKind::Xml => Key::TextXml,
        TextKind::Json => Key::TextJson,
    }
}

/// The message for a file that cannot be imported, in the user's language.
pub fn error_text(i18n: &I18n, error: &ImportError) -> String {
    // An empty file is the core's problem `import.empty` too: one message for both.
    let key: AnyKey = match error {
        ImportError::Empty => problems::Key::ImportEmpty.any(),
        ImportError::NotText { .. } => Key::ErrNotText.any(),
        ImportError::UnsupportedText { .. } => Key::ErrUnsupportedText.any(),
        ImportError::NotUtf8 { .. } => Key::ErrNotUtf8.any(),
        ImportError::InvalidUtf16 { .. } => Key::ErrInvalidUtf16.any(),
        ImportError::UnclosedQuote { .. } => Key::ErrUnclosedQuote.any(),
        ImportError::BadRows(_) => Key::ErrBadRows.any(),
        ImportError::NoContacts => Key::ErrNoContacts.any(),
        ImportError::UnknownHeaders { .. } => Key::ErrUnknownHeaders.any(),
        ImportError::MappingColumnOutOfRange { .. } => Key::ErrMappingColumn.any(),
        ImportError::MappingWithoutName => Key::ErrMappingWithoutName.any(),
    };
    let mut args: Vec<(&str, String)> = error.args();
    // The kind of a file that is not contacts is a code; the message names it in words.
    let kind = match error {
        ImportError::NotText { kind } => Some(i18n.t(binary_label(*kind))),
        ImportError::UnsupportedText { kind } => Some(i18n.t(text_label(*kind))),
        _ => None,
    };
    if let Some(kind) = kind {
        args.retain(|(name, _)| *name != "kind");
        args.push(("kind", kind.to_string()));
    }
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let mut text = fill(i18n.t(key), &args);
    if let ImportError::NotUtf8 { guess: Some(_), .. } = error {
        text.push(' ');
        text.push_str(&fill(i18n.t(Key::ErrGuess), &args));
    }
    if !matches!(
        error,
        ImportError::MappingWithoutName | ImportError::MappingColumnOutOfRange { .. }
    ) {
        text.push(' ');
        text.push_str(i18n.t(Key::NothingImported));
    }
    text
}

/// Why one row of a CSV file cannot be read, naming its row and line.
pub fn row_problem_text(i18n: &I18n, problem: &RowProblem) -> String {
    let (row, line) = (i18n.count(problem.row), i18n.count(problem.line));
    let mut args: Vec<(&str, String)> = vec![("row", row), ("line", line)];
    let (key, more) = match problem.reason {
        RowReason::WrongWidth { expected, found } => {
            args.push(("expected", i18n.count(expected)));
            args.push(("found", i18n.count(found)));
            (Key::ErrRaggedRow, None)
        }
        RowReason::UnclosedQuote { column, resumed_at } => {
            args.push(("column", i18n.count(column)));
            match resumed_at {
                Some(resumed) => {
                    args.push(("resumed", i18n.count(resumed)));
                    (Key::ErrUnclosedQuote, Some(Key::RowResumed))
                }
                None => (Key::ErrUnclosedQuote, Some(Key::RowQuoteToEnd)),
            }
        }
        RowReason::NotUtf8 { line, column } => {
            args.retain(|(name, _)| *name != "line");
            args.push(("line", i18n.count(line)));
            args.push(("column", i18n.count(column)));
            (Key::RowNotUtf8, None)
        }
    };
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let mut text = fill(i18n.t(key), &args);
    if let Some(more) = more {
        text.push(' ');
        text.push_str(&fill(i18n.t(more), &args));
    }
    text
}

/// The name the skipped rows are downloaded under: the file's own name without its extension,
/// and what they are.
fn skipped_file_name(i18n: &I18n, file_name: &str) -> String {
    let stem = match file_name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => file_name,
    };
    i18n.tf(Key::SkippedFileName, &[("name", stem)])
}

/// Every row of a CSV file that cannot be read (the first hundred, then a count), with the way
/// to import the others without them and to download them to fix them.
#[component]
fn BadRowsMessage(wizard: Wizard, bad: BadRows) -> impl IntoView {
    let i18n = use_i18n();
    let count = bad.count();
    let good = bad.good_rows;
    let more = bad.more;
    let guess = bad.guess;
    let problems = bad.problems.clone();
    let skipped = std::sync::Arc::new(bad.skipped_file);
    let download_failed = RwSignal::new(false);
    let on_download = move |_| {
        let name = skipped_file_name(&i18n, &wizard.file_name.get_untracked());
        download_failed.set(!download(&name, "text/csv;charset=utf-8", &skipped));
    };
    view! {
        <div class="import-error bad-rows">
            <p role="alert">
                {move || i18n.tf(Key::ErrBadRows, &[("count", &i18n.count(count)), ("good", &i18n.count(good))])}
            </p>
            <ul class="bad-row-list">
                {problems
                    .into_iter()
                    .map(|problem| {
                        let text = move || row_problem_text(&i18n, &problem);
                        view! { <li>{text}</li> }
                    })
                    .collect_view()}
            </ul>
            {(more > 0).then(|| {
                view! { <p>{move || i18n.tf(Key::BadRowsMore, &[("more", &i18n.lang.get().count(more))])}</p> }
            })}
            {guess.map(|encoding| view! {
                <p>{move || i18n.tf(Key::ErrGuess, &[("guess", encoding.label())])}</p>
                <button type="button" on:click=move |_| wizard.read_as(encoding)>
                    {move || i18n.tf(Key::ReadAs, &[("encoding", encoding.label())])}
                </button>
            })}
            <div class="button-row">
                {(good > 0).then(|| view! {
                    <button type="button" class="primary" on:click=move |_| wizard.read_skipping_bad_rows()>
                        {move || i18n.tf(Key::ImportGoodRows, &[("good", &i18n.count(good))])}
                    </button>
                })}
                <button type="button" on:click=on_download>
                    {move || i18n.t(Key::DownloadSkippedRows)}
                </button>
            </div>
            {move || download_failed.get().then(|| view! {
                <p class="form-alert" role="alert">{move || i18n.t(Key::DownloadFailed)}</p>
            })}
        </div>
    }
}

/// Why the file cannot be imported; for a file in another encoding, a button to read it so.
#[component]
pub fn ErrorMessage(wizard: Wizard, error: ImportError) -> impl IntoView {
    if let ImportError::BadRows(bad) = error {
        let bad = *bad;
        return view! { <BadRowsMessage wizard bad/> }.into_any();
    }
    let i18n = use_i18n();
    let guess = match &error {
        ImportError::NotUtf8 { guess, .. } => *guess,
        _ => None,
    };
    let text = {
        let error = error.clone();
        move || error_text(&i18n, &error)
    };
    view! {
        <div class="import-error" role="alert">
            <p>{text}</p>
            {guess.map(|encoding| view! {
                <button type="button" on:click=move |_| wizard.read_as(encoding)>
                    {move || i18n.tf(Key::ReadAs, &[("encoding", encoding.label())])}
                </button>
            })}
        </div>
    }
    .into_any()
}

fn warning_text(i18n: &I18n, warning: &ImportWarning) -> String {
    let key = match warning.code.as_str() {
        "import.vcard_line_ignored" => Key::WarnLineIgnored,
        "import.vcard_line_outside_card" => Key::WarnOutsideCard,
        "import.vcard_unterminated" => Key::WarnUnterminated,
        "import.vcard_ended_by_begin" => Key::WarnEndedByBegin,
        "import.invalid_date" => Key::WarnInvalidDate,
        "import.vcard_group_skipped" => Key::WarnGroupSkipped,
        _ => Key::WarnOther,
    };
    let line = i18n.count(warning.line);
    let mut args: Vec<(&str, &str)> = vec![("line", &line), ("code", warning.code.as_str())];
    args.extend(warning.args.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    fill(i18n.t(key), &args)
}

/// What was noticed while reading, folded away: the import goes on regardless.
#[component]
pub fn WarningList(warnings: RwSignal<Vec<ImportWarning>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let list = warnings.get();
        (!list.is_empty()).then(|| {
            let count = list.len();
            view! {
                <details class="import-warnings">
                    <summary>{move || i18n.tf(Key::WarningsSummary, &[("count", &i18n.lang.get().count(count))])}</summary>
                    <ul>
                        {list
                            .into_iter()
                            .map(|w| {
                                let text = move || warning_text(&i18n, &w);
                                view! { <li>{text}</li> }
                            })
                            .collect_view()}
                    </ul>
                </details>
            }
        })
    }
}
