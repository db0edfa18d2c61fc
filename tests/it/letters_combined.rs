//! "All letters in one Word document" makes every letter self-contained (issue 13 item 1):
//! footnotes, endnotes, comments, bookmarks, drawings and numbered lists of letter 2 are letter
//! 2's own, not references to letter 1's. Checked on both sample documents and on
//! `fixtures/rich-letter.docx` (made by `fixtures/rich-letter.py`), which has all of these.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;
use segmentti::core::docx::DocxTemplate;
use segmentti::core::letter::MergeData;
use segmentti::core::output::combined_docx;

const LETTER_TEMPLATE: &[u8] = include_bytes!("../fixtures/letter-template.docx");
const WORD_MAILMERGE: &[u8] = include_bytes!("../fixtures/word-mailmerge.docx");
const RICH_LETTER: &[u8] = include_bytes!("../fixtures/rich-letter.docx");

const PEOPLE: [(&str, &str, &str); 3] = [
    ("Aino", "Virtanen", "Kalusto & Co Oy"),
    ("Bertil", "Lindqvist", "Lindqvist Ab"),
    ("Chloé", "Martin", "Martin SARL"),
];

fn contact((first, surname, company): (&str, &str, &str)) -> MergeData {
    let name = format!("{first} {surname}");
    MergeData::new()
        .with("first_name", first)
        .with("surname", surname)
        .with("name", name.as_str())
        .with("company_name", company)
        .with("email", format!("{}@example.com", first.to_lowercase()))
        .with("mail_address", format!("{name}\n{company}\n00100 Helsinki"))
        .with("formal_salutation", format!("Dear {name}"))
        .with("document.date", "26 November 2026")
        .with("document.subject", "Our offer")
        .with("salesperson.name", "Maija Myyjä")
        .with("salesperson.job_title", "Sales Manager")
        .with("our_company.name", "Pohjoisen Kalusto Oy")
        .with("comment", "Coffee is on us.")
}

/// The three people's letters from `template`, combined.
fn combined(template: &[u8]) -> Vec<u8> {
    let template = DocxTemplate::parse(template).expect("the template parses");
    let letters: Vec<Vec<u8>> = PEOPLE
        .iter()
        .map(|person| template.merge(&contact(*person)).expect("it merges").0)
        .collect();
    combined_docx(&letters).expect("the letters combine")
}

fn parts(zip: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).expect("a zip");
    let mut out = BTreeMap::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().to_string();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            assert!(
                out.insert(name.clone(), text).is_none(),
                "{name} twice in the zip"
            );
        }
    }
    out
}

/// One start or empty element: its qualified name and attributes.
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
}

impl Element {
    fn get(&self, key: &str) -> Option<&str> {
        self.attributes.get(key).map(String::as_str)
    }
}

/// The five predefined entities decoded (all the merged parts use).
fn unescape(raw: &str) -> String {
    raw.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn elements(xml: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => out.push(Element {
                name: e.name().as_ref().to_string(),
                attributes: e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        let key: &str = a.key.as_ref();
                        let value: &str = &a.value;
                        (key.to_string(), unescape(value))
                    })
                    .collect(),
            }),
            _ => {}
        }
    }
    out
}

/// The values of `attribute` on every `name` element of the parts.
fn values<'a>(
    parts: impl IntoIterator<Item = &'a String>,
    name: &str,
    attribute: &str,
) -> Vec<String> {
    parts
        .into_iter()
        .flat_map(|xml| elements(xml))
        .filter(|e| e.name == name)
        .filter_map(|e| e.get(attribute).map(str::to_string))
        .collect()
}

fn assert_unique(what: &str, list: &[String]) {
    let mut seen = BTreeSet::new();
    for value in list {
        assert!(seen.insert(value), "{what} {value} is used twice: {list:?}");
    }
}

/// Parts that hold text of the document: body, headers, footers, notes, comments.
fn stories(parts: &BTreeMap<String, String>) -> Vec<&String> {
    parts
        .iter()
        .filter(|(name, _)| {
            name.starts_with("word/")
                && !name.contains("_rels")
                && [
                    "document",
                    "header",
                    "footer",
                    "footnotes",
                    "endnotes",
                    "comments",
                ]
                .iter()
                .any(|kind| name["word/".len()..].starts_with(kind))
        })
        .map(|(_, xml)| xml)
        .collect()
}

/// The main document cut into letters: each letter's content ends with its section properties.
fn letter_chunks(document: &str) -> Vec<&str> {
    let body = &document[document.find("<w:body>").unwrap()..];
    let mut chunks: Vec<&str> = body.split("<w:sectPr").collect();
    chunks.pop();
    chunks
}

/// The notes (`footnote` or `endnote`) of a notes part, by id, as their text.
fn notes(xml: &str, kind: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == format!("w:{kind}") => {
                let id = e
                    .attributes()
                    .map(Result::unwrap)
                    .find(|a| a.key.as_ref() == "w:id")
                    .map(|a| a.value.to_string())
                    .unwrap();
                out.insert(id.clone(), String::new());
                current = Some(id);
            }
            Event::End(e) if e.name().as_ref() == format!("w:{kind}") => current = None,
            Event::Text(t) => {
                if let Some(id) = &current {
                    out.get_mut(id).unwrap().push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(id) = &current {
                    out.get_mut(id)
                        .unwrap()
                        .push_str(&unescape(&format!("&{};", &*r)));
                }
            }
            _ => {}
        }
    }
    out
}

/// The start and empty tags named `element` in a piece of XML that need not be well-formed on
/// its own (a letter's share of the body), each parsed alone.
fn tags_in(chunk: &str, element: &str) -> Vec<Element> {
    let mut out = Vec::new();
    let mut rest = chunk;
    let open = format!("<{element}");
    while let Some(at) = rest.find(&open) {
        let after = &rest[at + open.len()..];
        let end = at + open.len() + after.find('>').unwrap();
        if after.starts_with([' ', '/', '>']) {
            let tag = rest[at..end].trim_end_matches('/');
            let standalone = format!("<x xmlns:w=\"w\">{tag}/></x>");
            out.extend(elements(&standalone).into_iter().skip(1));
        }
        rest = &rest[end..];
    }
    out
}

fn ids_in(chunk: &str, element: &str) -> Vec<String> {
    tags_in(chunk, element)
        .into_iter()
        .filter_map(|e| e.get("w:id").map(str::to_string))
        .collect()
}

/// Every id the combined document has, checked for uniqueness and for pointing at something.
fn assert_ids_unique_and_resolved(zip: &[u8]) {
    let parts = parts(zip);
    let stories = stories(&parts);
    assert_unique(
        "drawing id",
        &values(stories.iter().copied(), "wp:docPr", "id"),
    );
    assert_unique(
        "bookmark id",
        &values(stories.iter().copied(), "w:bookmarkStart", "w:id"),
    );
    assert_unique(
        "bookmark name",
        &values(stories.iter().copied(), "w:bookmarkStart", "w:name"),
    );
    for (part, kind) in [
        ("word/footnotes.xml", "w:footnote"),
        ("word/endnotes.xml", "w:endnote"),
        ("word/comments.xml", "w:comment"),
    ] {
        if let Some(xml) = parts.get(part) {
            assert_unique(kind, &values([xml], kind, "w:id"));
        }
    }
    if let Some(numbering) = parts.get("word/numbering.xml") {
        assert_unique(
            "numbering instance",
            &values([numbering], "w:num", "w:numId"),
        );
    }
    for (name, xml) in &parts {
        if name.ends_with(".rels") {
            assert_unique(
                &format!("relationship in {name}"),
                &values([xml], "Relationship", "Id"),
            );
        }
    }
    // Every reference points at something that exists.
    let document = &parts["word/document.xml"];
    for (reference, part, kind) in [
        ("w:footnoteReference", "word/footnotes.xml", "w:footnote"),
        ("w:endnoteReference", "word/endnotes.xml", "w:endnote"),
        ("w:commentReference", "word/comments.xml", "w:comment"),
    ] {
        let used = values([document], reference, "w:id");
        assert_unique(reference, &used);
        if used.is_empty() {
            continue;
        }
        let known = values([&parts[part]], kind, "w:id");
        for id in used {
            assert!(known.contains(&id), "{reference} {id} points at nothing");
        }
    }
    let rels = values(
        [&parts["word/_rels/document.xml.rels"]],
        "Relationship",
        "Id",
    );
    for element in elements(document) {
        for (key, value) in &element.attributes {
            if key.starts_with("r:") {
                assert!(
                    rels.contains(value),
                    "{} {key}={value} points at nothing",
                    element.name
                );
            }
        }
    }
}

#[test]
fn every_id_is_unique_across_a_combined_sample_letter() {
    assert_ids_unique_and_resolved(&combined(LETTER_TEMPLATE));
}

#[test]
fn every_id_is_unique_across_a_combined_mail_merge_letter() {
    assert_ids_unique_and_resolved(&combined(WORD_MAILMERGE));
}

#[test]
fn every_id_is_unique_across_combined_letters_with_notes_comments_drawings_and_lists() {
    assert_ids_unique_and_resolved(&combined(RICH_LETTER));
}

#[test]
fn each_letter_shows_its_own_footnote_and_endnote() {
    let parts = parts(&combined(RICH_LETTER));
    let chunks = letter_chunks(&parts["word/document.xml"]);
    assert_eq!(chunks.len(), 3, "one section per letter");
    let footnotes = notes(&parts["word/footnotes.xml"], "footnote");
    let endnotes = notes(&parts["word/endnotes.xml"], "endnote");
    for (chunk, (first, surname, company)) in chunks.iter().zip(PEOPLE) {
        let footnote = ids_in(chunk, "w:footnoteReference");
        assert_eq!(footnote.len(), 1, "{first}'s letter has one footnote");
        assert_eq!(
            footnotes[&footnote[0]],
            format!(" Footnote for {first} {surname}: valid for {company} only.")
        );
        let endnote = ids_in(chunk, "w:endnoteReference");
        assert_eq!(endnote.len(), 1);
        assert_eq!(endnotes[&endnote[0]], format!(" Endnote for {first}."));
        let comment = ids_in(chunk, "w:commentReference");
        assert_eq!(comment.len(), 1, "{first}'s letter keeps its comment");
        assert_eq!(ids_in(chunk, "w:commentRangeStart"), comment);
    }
}

#[test]
fn bookmarks_and_the_links_to_them_stay_within_each_letter() {
    let parts = parts(&combined(RICH_LETTER));
    for chunk in letter_chunks(&parts["word/document.xml"]) {
        let starts = tags_in(chunk, "w:bookmarkStart");
        let names: Vec<&str> = starts.iter().filter_map(|e| e.get("w:name")).collect();
        assert_eq!(names.len(), 2, "_GoBack and Offer: {names:?}");
        assert!(names.iter().any(|n| n.starts_with("_GoBack")), "{names:?}");
        let links = tags_in(chunk, "w:hyperlink");
        let anchors: Vec<&str> = links.iter().filter_map(|e| e.get("w:anchor")).collect();
        assert_eq!(anchors.len(), 1);
        assert!(
            names.contains(&anchors[0]),
            "the link to the offer goes to this letter's offer: {anchors:?} in {names:?}"
        );
        assert_eq!(
            ids_in(chunk, "w:bookmarkStart"),
            ids_in(chunk, "w:bookmarkEnd"),
            "each bookmark ends in its own letter"
        );
    }
}

#[test]
fn a_numbered_list_starts_again_at_one_in_every_letter() {
    let parts = parts(&combined(RICH_LETTER));
    let numbering = &parts["word/numbering.xml"];
    let nums: BTreeMap<String, String> = {
        // numId -> the num element's source, to read its abstractNum and overrides.
        let mut out = BTreeMap::new();
        let mut rest = numbering.as_str();
        while let Some(at) = rest.find("<w:num ") {
            let end = at + rest[at..].find("</w:num>").unwrap() + "</w:num>".len();
            let source = &rest[at..end];
            let id = elements(source)[0].get("w:numId").unwrap().to_string();
            out.insert(id, source.to_string());
            rest = &rest[end..];
        }
        out
    };
    let chunks = letter_chunks(&parts["word/document.xml"]);
    let mut used = Vec::new();
    for chunk in &chunks {
        let ids: BTreeSet<String> = tags_in(chunk, "w:numId")
            .into_iter()
            .filter_map(|e| e.get("w:val").map(str::to_string))
            .collect();
        assert_eq!(
            ids.len(),
            1,
            "the list uses one numbering instance per letter"
        );
        used.push(ids.into_iter().next().unwrap());
    }
    assert_unique("list of a letter", &used);
    for id in &used[1..] {
        let num = &nums[id];
        assert!(
            num.contains("<w:abstractNumId w:val=\"0\"/>"),
            "the same list definition: {num}"
        );
        assert!(
            num.contains(
                "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride>"
            ),
            "restarts at 1: {num}"
        );
    }
}

#[test]
fn each_letters_header_is_its_own_copy() {
    let parts = parts(&combined(RICH_LETTER));
    for (first, surname, _) in PEOPLE {
        let name = format!("letter to {first} {surname}");
        let headers = parts
            .iter()
            .filter(|(part, xml)| part.starts_with("word/header") && xml.contains(&name))
            .count();
        assert_eq!(headers, 1, "one header names {first}");
    }
}
