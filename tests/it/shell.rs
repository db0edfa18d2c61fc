//! The static shell of index.html (issue 16): what a person sees before the .wasm has loaded must
//! say what the app will say a moment later. Its texts are written into the HTML (there is no code
//! to look them up yet), so this test holds them to the catalogue: every element that names a key
//! carries that key's English text, and its Finnish text in `data-fi` (or `data-fi-label` for an
//! `aria-label`), which the shell's script swaps in for a Finnish interface.

use crate::catalogue;

use catalogue::{Key, Lang};

const INDEX: &str = include_str!("../../index.html");

/// The part of index.html between the shell's markers.
fn shell() -> &'static str {
    let start = INDEX
        .find("<!-- shell:start")
        .expect("index.html has a shell:start marker");
    let end = INDEX
        .find("<!-- shell:end -->")
        .expect("index.html has a shell:end marker");
    &INDEX[start..end]
}

fn key(id: &str) -> Key {
    Key::ALL
        .iter()
        .copied()
        .find(|k| k.id() == id)
        .unwrap_or_else(|| panic!("the shell names {id}, which the catalogue does not have"))
}

/// The value of attribute `name` in the tag `tag`, if it has one.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// Every element of the shell with `marker` among its attributes: its start tag and its text.
fn marked(marker: &str) -> Vec<(&'static str, &'static str)> {
    let html = shell();
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&format!(" {marker}=\"")) {
        let open = rest[..at].rfind('<').expect("an attribute inside a tag");
        let close = at + rest[at..].find('>').expect("a tag that ends");
        let tag = &rest[open..=close];
        let text_end = rest[close..].find('<').map_or(rest.len(), |i| close + i);
        found.push((tag, rest[close + 1..text_end].trim()));
        rest = &rest[close..];
    }
    found
}

#[test]
fn the_shells_texts_are_the_catalogues_in_both_languages() {
    let texts = marked("data-key");
    assert!(
        texts.len() >= 12,
        "the shell has its header, nine pages and the loading line"
    );
    for (tag, text) in texts {
        let key = key(attribute(tag, "data-key").unwrap());
        assert_eq!(text, key.text(Lang::En), "English text of {}", key.id());
        let finnish = attribute(tag, "data-fi").unwrap_or(text);
        assert_eq!(finnish, key.text(Lang::Fi), "Finnish text of {}", key.id());
    }
    let labels = marked("data-key-label");
    assert_eq!(labels.len(), 1, "the navigation's label");
    for (tag, _) in labels {
        let key = key(attribute(tag, "data-key-label").unwrap());
        assert_eq!(attribute(tag, "aria-label"), Some(key.text(Lang::En)));
        assert_eq!(attribute(tag, "data-fi-label"), Some(key.text(Lang::Fi)));
    }
}

#[test]
fn the_shell_lists_every_page_of_the_navigation() {
    let pages: Vec<&str> = marked("data-key")
        .into_iter()
        .filter_map(|(tag, _)| attribute(tag, "data-key"))
        .filter(|id| id.starts_with("Page"))
        .collect();
    let catalogue: Vec<&str> = Key::ALL
        .iter()
        .map(|k| k.id())
        .filter(|id| id.starts_with("Page") && !id.ends_with("Intro"))
        .collect();
    let mut sorted = pages.clone();
    sorted.sort_unstable();
    let mut expected = catalogue.clone();
    expected.sort_unstable();
    assert_eq!(sorted, expected, "one link per page name of the catalogue");
}
