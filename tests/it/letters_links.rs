//! Fields in link targets and field codes (issue 13 item 2): `{{…}}` in a hyperlink's
//! relationship target (body, header) and in `HYPERLINK` field instructions (complex and simple
//! fields) is merged, percent-encoded where it goes into a URL.

use std::io::{Cursor, Read};

use segmentti::core::docx::{check_template, DocxTemplate, FoundTagKind};
use segmentti::core::letter::{MergeData, Warning};
use segmentti::core::output::combined_docx;

const RICH_LETTER: &[u8] = include_bytes!("../fixtures/rich-letter.docx");

fn part(zip: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).expect("a zip");
    let mut entry = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("no {name}"));
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

fn chloe() -> MergeData {
    MergeData::new()
        .with("first_name", "Chloé")
        .with("surname", "Martin")
        .with("name", "Chloé Martin")
        .with("company_name", "Martin SARL")
        .with("email", "chloé.martin@example.fr")
        .with("mail_address", "Chloé Martin\nMartin SARL")
        .with("formal_salutation", "Chère Madame")
        .with("document.subject", "Tarjous & hinnat 2027")
        .with("salesperson.name", "Maija Myyjä")
        .with("our_company.name", "Pohjoisen Kalusto Oy")
}

fn merged(data: &MergeData) -> (Vec<u8>, Vec<Warning>) {
    DocxTemplate::parse(RICH_LETTER)
        .expect("the template parses")
        .merge(data)
        .expect("it merges")
}

/// The `Target` of the relationship `id` in a `.rels` part.
fn target(rels: &str, id: &str) -> String {
    let at = rels
        .find(&format!("Id=\"{id}\""))
        .unwrap_or_else(|| panic!("no {id}"));
    let start = rels[..at].rfind("<Relationship").unwrap();
    let tag = &rels[start..start + rels[start..].find('>').unwrap()];
    let value = &tag[tag.find("Target=\"").unwrap() + 8..];
    value[..value.find('"').unwrap()].to_string()
}

#[test]
fn a_mailto_link_target_is_merged_and_encoded_keeping_its_at_sign() {
    let (letter, _) = merged(&chloe());
    let rels = part(&letter, "word/_rels/document.xml.rels");
    assert_eq!(
        target(&rels, "rIdLink"),
        "mailto:chlo%C3%A9.martin@example.fr?subject=Tarjous%20%26%20hinnat%202027"
    );
    assert!(!rels.contains("{{"), "{rels}");
}

#[test]
fn a_header_link_target_is_merged_as_a_path_segment() {
    let (letter, _) = merged(&chloe().with("first_name", "Chloé / Anne"));
    let rels = part(&letter, "word/_rels/header1.xml.rels");
    assert_eq!(
        target(&rels, "rIdOffers"),
        "https://example.com/offers/Chlo%C3%A9%20%2F%20Anne"
    );
}

#[test]
fn hyperlink_field_instructions_are_merged_and_encoded() {
    let (letter, _) = merged(&chloe());
    let document = part(&letter, "word/document.xml");
    assert!(
        document.contains(" HYPERLINK \"mailto:chlo%C3%A9.martin@example.fr\" "),
        "{document}"
    );
    let footer = part(&letter, "word/footer1.xml");
    assert!(
        footer.contains(
            "w:instr=\" HYPERLINK &quot;https://example.com/?who=Chlo%C3%A9%20Martin&quot; \""
        ),
        "{footer}"
    );
    assert!(!document.contains("{{") && !footer.contains("{{"));
}

#[test]
fn a_value_cannot_break_out_of_the_link() {
    let (letter, _) = merged(&chloe().with("email", "x\" onclick=\"y@example.com"));
    let rels = part(&letter, "word/_rels/document.xml.rels");
    assert!(
        target(&rels, "rIdLink").starts_with("mailto:x%22%20onclick%3D%22y@example.com?"),
        "{rels}"
    );
    let document = part(&letter, "word/document.xml");
    assert!(document.contains("HYPERLINK \"mailto:x%22%20onclick%3D%22y@example.com\""));
}

#[test]
fn link_fields_are_reported_and_a_missing_address_is_a_warning() {
    let report = check_template(RICH_LETTER).unwrap();
    assert_eq!(report.problems, vec![]);
    let in_links: Vec<(&str, &str)> = report
        .tags
        .iter()
        .filter(|tag| {
            tag.location.part.ends_with(".rels")
                || matches!(&tag.kind, FoundTagKind::Field { name } if name == "email")
        })
        .map(|tag| (tag.location.part.as_str(), tag.text.as_str()))
        .collect();
    assert_eq!(
        in_links,
        vec![
            ("word/document.xml", "{{email}}"),
            ("word/_rels/document.xml.rels", "{{email}}"),
            ("word/_rels/document.xml.rels", "{{document.subject}}"),
            ("word/_rels/header1.xml.rels", "{{first_name}}"),
        ]
    );
    let (letter, warnings) = merged(&chloe().with("email", ""));
    assert!(warnings.contains(&Warning::MissingValue {
        field: "email".into()
    }));
    let rels = part(&letter, "word/_rels/document.xml.rels");
    assert_eq!(
        target(&rels, "rIdLink"),
        "mailto:?subject=Tarjous%20%26%20hinnat%202027"
    );
}

#[test]
fn every_letter_of_a_combined_document_links_to_its_own_contact() {
    let template = DocxTemplate::parse(RICH_LETTER).unwrap();
    let people = ["aino", "bertil", "chloé"];
    let letters: Vec<Vec<u8>> = people
        .iter()
        .map(|first| {
            let data = chloe().with("email", format!("{first}@example.com"));
            template.merge(&data).unwrap().0
        })
        .collect();
    let combined = combined_docx(&letters).unwrap();
    let document = part(&combined, "word/document.xml");
    let rels = part(&combined, "word/_rels/document.xml.rels");
    let links: Vec<String> = document
        .match_indices("<w:hyperlink r:id=\"")
        .map(|(at, _)| {
            let id = &document[at + 19..];
            target(&rels, &id[..id.find('"').unwrap()])
        })
        .collect();
    assert_eq!(
        links,
        vec![
            "mailto:aino@example.com?subject=Tarjous%20%26%20hinnat%202027",
            "mailto:bertil@example.com?subject=Tarjous%20%26%20hinnat%202027",
            "mailto:chlo%C3%A9@example.com?subject=Tarjous%20%26%20hinnat%202027",
        ]
    );
}
