//! Every problem code the core and storage can report, and every one the UI makes itself, has a
//! message, in both languages.
//!
//! The catalogue (`src/ui/i18n_catalogue.rs` with its areas) is compiled here as a module, as
//! `tests/it/i18n_catalogue.rs` does. The codes are found by scanning `src/core` and `src/storage`
//! for string literals of the problem namespaces, so a new code without a message fails here
//! instead of showing "Something is not right here" to a user.

use crate::catalogue;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use catalogue::placeholders;
use catalogue::problems::{key_of, Key, CODES};
use segmentti::core::ids::Code;
use segmentti::core::letter::KNOWN_FIELDS;
use segmentti::core::problem::ProblemCode;
use segmentti::core::segment::DESCRIPTION_MAX_CHARS;

/// The namespaces of problem codes (`contact.unknown`, `docx.cannot_merge.nested_merge_field`).
const NAMESPACES: &[&str] = &[
    "contact",
    "setup",
    "log",
    "segment",
    "edit",
    "import",
    "filter",
    "letter",
    "docx",
    "saved_criteria",
    "output",
    "criteria",
    "backup",
    "salutation",
];

/// The namespace of the codes the UI reports itself (`ui.store_failed`): the core never does.
const UI_NAMESPACES: &[&str] = &["ui"];

/// Every problem code written in `src/core` and `src/storage`, and every `ui.` code written in
/// `src/ui` outside the catalogue, with the first file it is in.
///
/// A code is named as `ProblemCode::Variant`, or written as a string literal `"namespace.name"` (the name may have further dotted parts) of
/// lower-case letters, digits and underscores. Test code (`#[cfg(test)] mod tests { … }` and
/// `tests.rs` files) is left out, and so are the letter field names (`contact.no`), which
/// look like codes but are not. The catalogue itself is left out of the UI's scan, so that
/// its own list of codes cannot make a code look used; so is `src/core/problem.rs`, which lists
/// every code in `ProblemCode`.
fn emitted_codes() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut codes = BTreeMap::new();
    let scans: [(&str, &[&str]); 3] = [
        ("src/core", NAMESPACES),
        ("src/storage", NAMESPACES),
        ("src/ui", UI_NAMESPACES),
    ];
    for (dir, namespaces) in scans {
        let mut files = Vec::new();
        rust_files(&root.join(dir), &mut files);
        for file in files {
            let name = file
                .strip_prefix(root)
                .unwrap_or(&file)
                .display()
                .to_string();
            // The list of codes itself (`ProblemCode`) is left out like the catalogue, so that
            // listing a code cannot make it look reported.
            if name.starts_with("src/ui/catalogue")
                || name == "src/ui/i18n_catalogue.rs"
                || name == "src/core/problem.rs"
            {
                continue;
            }
            let source = fs::read_to_string(&file).expect("readable source");
            let source = without_test_modules(&source);
            for code in code_literals(&source, namespaces) {
                if !KNOWN_FIELDS.contains(&code.as_str()) {
                    codes.entry(code).or_insert_with(|| name.clone());
                }
            }
            for code in code_paths(&source, namespaces) {
                codes.entry(code).or_insert_with(|| name.clone());
            }
        }
    }
    codes
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs")
            && path.file_name().is_some_and(|name| name != "tests.rs")
        {
            out.push(path);
        }
    }
}

/// The source without its `#[cfg(test)] mod tests { … }` blocks (each ends at the first `}` at
/// the start of a line after it).
fn without_test_modules(source: &str) -> String {
    const START: &str = "#[cfg(test)]\nmod tests {";
    let mut out = String::new();
    let mut rest = source;
    while let Some(start) = rest.find(START) {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        rest = after.find("\n}").map_or("", |end| &after[end + 2..]);
    }
    out.push_str(rest);
    out
}

/// The codes of `namespaces` that `source` names as `ProblemCode::Variant`, the way code reports
/// them since the codes became an enum.
fn code_paths(source: &str, namespaces: &[&str]) -> Vec<String> {
    ProblemCode::ALL
        .iter()
        .filter(|code| {
            namespaces
                .iter()
                .any(|namespace| code.as_str().starts_with(&format!("{namespace}.")))
        })
        .filter(|code| {
            let path = format!("ProblemCode::{code:?}");
            source.match_indices(&path).any(|(at, _)| {
                !source[at + path.len()..]
                    .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            })
        })
        .map(|code| code.as_str().to_string())
        .collect()
}

/// The string literals of `source` that have the form of a problem code of one of `namespaces`.
fn code_literals(source: &str, namespaces: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for namespace in namespaces {
        let opening = format!("\"{namespace}.");
        let mut rest = source;
        while let Some(at) = rest.find(&opening) {
            let literal = &rest[at + 1..];
            rest = literal;
            let Some(end) = literal.find('"') else {
                break;
            };
            let text = &literal[..end];
            let name = &text[namespace.len() + 1..];
            let well_formed = !name.is_empty()
                && name.split('.').all(|part| {
                    !part.is_empty()
                        && part
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                });
            if well_formed {
                found.push(text.to_string());
            }
        }
    }
    found
}

#[test]
fn every_code_the_core_reports_has_a_message() {
    let codes = emitted_codes();
    assert!(
        codes.len() > 100,
        "the scan found only {} codes; is it still looking in the right place?",
        codes.len()
    );
    let missing: Vec<String> = codes
        .iter()
        .filter(|(code, _)| key_of(code) == Key::ProblemUnknown)
        .map(|(code, file)| format!("{code} ({file})"))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a message in src/ui/catalogue/problems.rs:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_message_belongs_to_a_code_the_core_still_reports() {
    let codes = emitted_codes();
    let stale: Vec<&str> = CODES
        .iter()
        .map(|(code, _)| *code)
        .filter(|code| !codes.contains_key(*code))
        .collect();
    assert!(
        stale.is_empty(),
        "codes in problems::CODES that src/core, src/storage and src/ui no longer report: {stale:?}"
    );
}

#[test]
fn each_code_is_listed_once_and_each_message_is_reachable() {
    let mut seen = BTreeSet::new();
    let duplicates: Vec<&str> = CODES
        .iter()
        .map(|(code, _)| *code)
        .filter(|code| !seen.insert(*code))
        .collect();
    assert!(duplicates.is_empty(), "listed twice: {duplicates:?}");

    let reachable: BTreeSet<&str> = CODES.iter().map(|(_, key)| key.id()).collect();
    let unreachable: Vec<&str> = Key::ALL
        .iter()
        .filter(|key| **key != Key::ProblemUnknown && !reachable.contains(key.id()))
        .map(|key| key.id())
        .collect();
    assert!(
        unreachable.is_empty(),
        "messages no code maps to: {unreachable:?}"
    );
    assert_eq!(key_of("no.such_code"), Key::ProblemUnknown);
    assert_eq!(key_of(""), Key::ProblemUnknown);
}

#[test]
fn messages_name_only_a_few_numbered_arguments() {
    let mut problems = Vec::new();
    for key in Key::ALL {
        for lang in catalogue::Lang::ALL {
            for name in placeholders(key.text(lang)) {
                let ok = match name.parse::<usize>() {
                    Ok(index) => index < 6,
                    Err(_) => *key == Key::ProblemUnknown && name == "code",
                };
                if !ok {
                    problems.push(format!("{}: {{{name}}} in {}", key.id(), lang.code()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn english_and_finnish_use_the_same_placeholders() {
    let mut problems = Vec::new();
    for key in Key::ALL {
        let en: BTreeSet<&str> = placeholders(key.text(catalogue::Lang::En))
            .into_iter()
            .collect();
        let fi: BTreeSet<&str> = placeholders(key.text(catalogue::Lang::Fi))
            .into_iter()
            .collect();
        if en != fi {
            problems.push(format!("{}: en {en:?}, fi {fi:?}", key.id()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Limits the core does not pass as arguments are written into the messages; they must agree.
#[test]
fn limits_written_into_messages_match_the_core() {
    let cases = [
        ("segment.description_too_long", DESCRIPTION_MAX_CHARS),
        ("saved_criteria.description_too_long", DESCRIPTION_MAX_CHARS),
        ("saved_criteria.code_too_long", Code::MAX_LEN),
    ];
    for (code, limit) in cases {
        for lang in catalogue::Lang::ALL {
            let text = key_of(code).text(lang);
            assert!(
                text.contains(&limit.to_string()),
                "{code} in {}: {text:?} does not say {limit}",
                lang.code()
            );
        }
    }
}

#[test]
fn the_scan_finds_codes_of_every_form_and_skips_field_names() {
    let source = "x(\"contact.unknown\"); y(\"docx.cannot_merge.field_outside_run\");\n\
                  z(\"docx.not_utf8\"); \"contact.no\" \"Segment.X\" \"log.\" \"setup.a b\"\n\
                  #[cfg(test)]\nmod tests {\n    f(\"log.only_in_tests\");\n}\n\"backup.damaged\"";
    let found = code_literals(&without_test_modules(source), NAMESPACES);
    assert_eq!(
        found,
        [
            "contact.unknown",
            "contact.no",
            "docx.cannot_merge.field_outside_run",
            "docx.not_utf8",
            "backup.damaged",
        ]
    );
    let ui =
        "Problem::record(\"ui.store_failed\"); \"logs.ui.letters_unreadable\" \"contact.unknown\"";
    assert_eq!(code_literals(ui, UI_NAMESPACES), ["ui.store_failed"]);
}
