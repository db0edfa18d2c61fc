//! The static shell of index.html (issue 16): what a person sees before the .wasm has loaded must
//! say what the app will say a moment later. Its texts are written into the HTML (there is no code
//! to look them up yet), so this test holds them to the catalogue: every element that names a key
//! carries that key's English text, and its Finnish text in `data-fi` (or `data-fi-label` for an
//! `aria-label`), which the shell's script swaps in for a Finnish interface.

use crate::catalogue;

use catalogue::{Key, Lang, Text};

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

/// The English and Finnish texts of the key `id`, from the shell's table or the team's (the
/// conflicts page's introduction lives with the rest of the team's words).
fn words_of(id: &str) -> [&'static str; 2] {
    fn find<K: Text>(all: &[K], id: &str) -> Option<[&'static str; 2]> {
        let key = all.iter().find(|k| k.id() == id)?;
        Some([key.text(Lang::En), key.text(Lang::Fi)])
    }
    find(Key::ALL, id)
        .or_else(|| find(catalogue::team::Key::ALL, id))
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
        texts.len() >= 30,
        "the shell has its header, nine pages, their headings and introductions and the loading line"
    );
    for (tag, text) in texts {
        let id = attribute(tag, "data-key").unwrap();
        let [english, finnish] = words_of(id);
        assert_eq!(text, english, "English text of {id}");
        assert_eq!(
            attribute(tag, "data-fi").unwrap_or(text),
            finnish,
            "Finnish text of {id}"
        );
    }
    let labels = marked("data-key-label");
    assert_eq!(labels.len(), 1, "the navigation's label");
    for (tag, _) in labels {
        let [english, finnish] = words_of(attribute(tag, "data-key-label").unwrap());
        assert_eq!(attribute(tag, "aria-label"), Some(english));
        assert_eq!(attribute(tag, "data-fi-label"), Some(finnish));
    }
}

#[test]
fn the_shell_lists_every_page_of_the_navigation() {
    let pages: Vec<&str> = marked("data-key")
        .into_iter()
        .filter(|(tag, _)| tag.starts_with("<a "))
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

/// Every page of the navigation has its heading and introduction in the shell, hidden until the
/// script shows the one for the address: its name (the key of its link) as the heading and the
/// sentence named after it (`PageSegments` → `SegmentsIntro`), the pair `PageHeader` draws.
#[test]
fn the_shell_carries_each_pages_heading_and_introduction() {
    let links: Vec<(&str, &str)> = marked("data-key")
        .into_iter()
        .filter(|(tag, _)| tag.starts_with("<a "))
        .map(|(tag, _)| {
            (
                attribute(tag, "href").unwrap(),
                attribute(tag, "data-key").unwrap(),
            )
        })
        .collect();
    let headers = marked("data-page");
    assert_eq!(headers.len(), links.len(), "one heading per page");
    let html = shell();
    for (path, title) in links {
        let (tag, _) = headers
            .iter()
            .find(|(tag, _)| attribute(tag, "data-page") == Some(path))
            .unwrap_or_else(|| panic!("the shell has no heading for {path}"));
        assert!(
            tag.contains(" hidden"),
            "{path}'s heading waits for the script"
        );
        let at = html.find(tag).unwrap();
        let end = at + html[at..].find("</header>").expect("the heading's end");
        let inside = &html[at..end];
        let keys: Vec<&str> = inside
            .match_indices(" data-key=\"")
            .map(|(i, _)| {
                let from = i + " data-key=\"".len();
                &inside[from..from + inside[from..].find('"').unwrap()]
            })
            .collect();
        let intro = format!("{}Intro", title.trim_start_matches("Page"));
        assert_eq!(
            keys,
            [title, intro.as_str()],
            "{path}: its name, then its introduction"
        );
        assert!(
            inside.contains("<h1 data-key"),
            "{path}: the name is the page's h1"
        );
        assert!(
            inside.contains("<p class=\"intro\" data-key"),
            "{path}: the introduction as the app styles it"
        );
    }
}
