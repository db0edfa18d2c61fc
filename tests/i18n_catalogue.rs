#![cfg(not(target_arch = "wasm32"))]
//! The translation catalogue, checked natively (the UI itself compiles only for wasm32).
//!
//! `src/ui/i18n_catalogue.rs` depends on nothing but serde, so it is compiled here as a module of
//! this test. That every key has both an English and a Finnish text is enforced by its `catalogue!`
//! macro at compile time; these tests check what the compiler cannot.

#[path = "../src/ui/i18n_catalogue.rs"]
#[allow(dead_code)]
mod catalogue;

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use catalogue::{fill, placeholders, Key, Lang};

/// Texts that are rightly the same in both languages: names, and a pure layout of placeholders.
const SAME_IN_BOTH: &[Key] = &[
    Key::AppName,
    Key::LangEnglish,
    Key::LangFinnish,
    Key::DocumentTitle,
];

#[test]
fn every_text_is_present_in_every_language() {
    let mut problems = Vec::new();
    for &key in Key::ALL {
        for lang in Lang::ALL {
            let text = key.text(lang);
            if text.trim().is_empty() {
                problems.push(format!("{}: empty in {}", key.id(), lang.code()));
            } else if text.trim() != text {
                problems.push(format!("{}: stray spaces in {}", key.id(), lang.code()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn finnish_texts_are_translated() {
    let untranslated: Vec<&str> = Key::ALL
        .iter()
        .filter(|key| !SAME_IN_BOTH.contains(key))
        .filter(|key| key.text(Lang::En) == key.text(Lang::Fi))
        .map(|key| key.id())
        .collect();
    assert!(
        untranslated.is_empty(),
        "the same text in English and Finnish (add to SAME_IN_BOTH if that is right): {untranslated:?}"
    );
}

#[test]
fn both_languages_use_the_same_placeholders() {
    let mut problems = Vec::new();
    for &key in Key::ALL {
        let mut en = placeholders(key.text(Lang::En));
        let mut fi = placeholders(key.text(Lang::Fi));
        en.sort_unstable();
        fi.sort_unstable();
        if en != fi {
            problems.push(format!("{}: en {en:?}, fi {fi:?}", key.id()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn key_ids_are_unique() {
    let ids: HashSet<&str> = Key::ALL.iter().map(|key| key.id()).collect();
    assert_eq!(ids.len(), Key::ALL.len());
}

/// A key that no UI code uses is dead weight for translators; remove it or use it.
#[test]
fn every_key_is_used_by_the_ui() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut sources = String::new();
    collect_sources(&ui, &mut sources);
    let unused: Vec<&str> = Key::ALL
        .iter()
        .map(|key| key.id())
        .filter(|id| !sources.contains(&format!("Key::{id}")))
        .collect();
    assert!(unused.is_empty(), "keys no UI code uses: {unused:?}");
}

fn collect_sources(dir: &Path, out: &mut String) {
    for entry in fs::read_dir(dir).expect("src/ui is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect_sources(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let source = fs::read_to_string(&path).expect("readable source");
            // In the catalogue itself only the code before the table counts as a use.
            let used = match source.find("\ncatalogue! {") {
                Some(table) if path.ends_with("i18n_catalogue.rs") => &source[..table],
                _ => &source[..],
            };
            out.push_str(used);
        }
    }
}

#[test]
fn language_codes_round_trip_and_accept_regions() {
    for lang in Lang::ALL {
        assert_eq!(Lang::from_code(lang.code()), Some(lang));
    }
    assert_eq!(Lang::from_code("fi-FI"), Some(Lang::Fi));
    assert_eq!(Lang::from_code("EN_gb"), Some(Lang::En));
    assert_eq!(Lang::from_code("sv"), None);
    assert_eq!(Lang::from_code(""), None);
}

#[test]
fn fill_replaces_named_placeholders_and_leaves_unknown_ones() {
    assert_eq!(
        fill(
            "{page} – {app}",
            &[("app", "Segmentti"), ("page", "Mallit")]
        ),
        "Mallit – Segmentti"
    );
    assert_eq!(fill("issue #{issue}", &[]), "issue #{issue}");
    assert_eq!(placeholders("a {x} b {y} {"), ["x", "y"]);
}
