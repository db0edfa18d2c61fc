#![cfg(not(target_arch = "wasm32"))]
//! Imperfect files (issue 14, items 5–7): a CSV file with several bad rows lists them all and can
//! be imported without them, a vCard card that lacks its END:VCARD does not swallow the cards
//! after it, and the import preview states exactly what the import then does.

use segmentti::core::import::*;

/// A vCard file of eight people, the second of which lacks its `END:VCARD`.
fn vcards_with_one_unterminated() -> String {
    let mut text = String::new();
    for n in 1..=8 {
        text.push_str("BEGIN:VCARD\r\nVERSION:3.0\r\n");
        text.push_str(&format!("FN:Person {n}\r\nN:{n};Person;;;\r\n"));
        text.push_str(&format!("EMAIL:person{n}@example.com\r\n"));
        if n != 2 {
            text.push_str("END:VCARD\r\n");
        }
    }
    text
}

#[test]
fn a_card_missing_end_vcard_is_ended_by_the_next_begin_and_every_card_is_offered() {
    let text = vcards_with_one_unterminated();
    let parsed = parse_bytes(text.as_bytes()).unwrap();
    let names: Vec<&str> = parsed.contacts.iter().map(|c| c.name.as_str()).collect();
    let expected: Vec<String> = (1..=8).map(|n| format!("Person {n}")).collect();
    assert_eq!(names, expected);
    // The unterminated card keeps its own data, not that of the card after it.
    assert_eq!(parsed.contacts[1].email, "person2@example.com");
    assert_eq!(parsed.contacts[2].email, "person3@example.com");
    // Each card takes six lines: the second starts on line 7, the third card's BEGIN (line 12)
    // ends it.
    let warning = parsed
        .warnings
        .iter()
        .find(|w| w.code == "import.vcard_ended_by_begin")
        .expect("the unterminated card is reported");
    assert_eq!(warning.line, 7);
    assert!(warning
        .args
        .contains(&("begin_line".to_string(), "12".to_string())));
}

#[test]
fn an_agent_card_inside_a_vcard_21_card_is_still_not_a_contact_of_its_own() {
    let text = concat!(
        "BEGIN:VCARD\nVERSION:2.1\nFN:Anna Aho\nAGENT:\nBEGIN:VCARD\nFN:Agent Smith\nEND:VCARD\n",
        "EMAIL:anna@example.com\nEND:VCARD\n",
        "BEGIN:VCARD\nVERSION:2.1\nFN:Bo Berg\nEND:VCARD\n"
    );
    let parsed = parse_bytes(text.as_bytes()).unwrap();
    let names: Vec<&str> = parsed.contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Anna Aho", "Bo Berg"]);
    assert_eq!(parsed.contacts[0].email, "anna@example.com");
}
