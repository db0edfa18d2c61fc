//! What the import says about a file: why it cannot be read (naming the row, line or what the
//! file really is), which format it was recognised as, and what was noticed while reading it.
//!
//! The messages are built from [`ImportError::code`]'s variant and [`ImportError::args`], which are
//! named like the catalogue's placeholders, so every value the core reports reaches the text.

use leptos::prelude::*;

use super::contacts_import::Wizard;
use crate::core::import::{BinaryKind, ImportError, ImportFormat, ImportWarning, TextKind};
use crate::ui::i18n::{fill, use_i18n, I18n};
use crate::ui::i18n_catalogue::contacts::Key;

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
    let key = match error {
        ImportError::Empty => Key::ErrEmpty,
        ImportError::NotText { .. } => Key::ErrNotText,
        ImportError::UnsupportedText { .. } => Key::ErrUnsupportedText,
        ImportError::NotUtf8 { .. } => Key::ErrNotUtf8,
        ImportError::InvalidUtf16 { .. } => Key::ErrInvalidUtf16,
        ImportError::UnclosedQuote { .. } => Key::ErrUnclosedQuote,
        ImportError::RaggedRow { .. } => Key::ErrRaggedRow,
        ImportError::NoContacts => Key::ErrNoContacts,
        ImportError::UnknownHeaders { .. } => Key::ErrUnknownHeaders,
        ImportError::MappingColumnOutOfRange { .. } => Key::ErrMappingColumn,
        ImportError::MappingWithoutName => Key::ErrMappingWithoutName,
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
    match error {
        ImportError::RaggedRow { others, .. } if *others > 0 => {
            text.push(' ');
            text.push_str(&fill(i18n.t(Key::ErrRaggedOthers), &args));
        }
        ImportError::NotUtf8 { guess: Some(_), .. } => {
            text.push(' ');
            text.push_str(&fill(i18n.t(Key::ErrGuess), &args));
        }
        _ => {}
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

/// Why the file cannot be imported; for a file in another encoding, a button to read it so.
#[component]
pub fn ErrorMessage(wizard: Wizard, error: ImportError) -> impl IntoView {
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
    let line = warning.line.to_string();
    let mut args: Vec<(&str, &str)> = vec![("line", &line), ("code", &warning.code)];
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
            let count = list.len().to_string();
            view! {
                <details class="import-warnings">
                    <summary>{move || i18n.tf(Key::WarningsSummary, &[("count", &count)])}</summary>
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
