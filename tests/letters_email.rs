//! E-mail drafts (issue 13 item 5): the .eml is `multipart/alternative` (plain text and HTML)
//! inside `multipart/mixed` with the letter attached as the user chooses, headers encoded for
//! Finnish (RFC 2047, RFC 2231) and safe from header injection, and a letter's text used as the
//! body without its postal address block.
//!
//! The messages are read back with a small MIME reader written here from the RFCs, so the tests
//! check the structure a mail program sees, not the writer's own strings.

use std::io::{Cursor, Read};

use chrono::{DateTime, FixedOffset, NaiveDate};
use segmentti::core::changes::{Changes, Record};
use segmentti::core::db::Db;
use segmentti::core::docx::body_text;
use segmentti::core::ids::{Code, ContactId, SegmentId};
use segmentti::core::model::*;
use segmentti::core::output::{eml, without_lines_containing, Attachment, EmailDraft};
use segmentti::core::production::{
    check_letters, preview_letter, produce_letters, produce_letters_with, EmailAttachment,
    DOCX_MIME, EML_MIME, PDF_MIME,
};

// ---------------------------------------------------------------------------------------------
// A MIME reader, enough for these messages

#[derive(Debug)]
struct Part {
    headers: Vec<(String, String)>,
    body: String,
}

impl Part {
    fn parse(text: &str) -> Part {
        let (head, body) = text
            .split_once("\r\n\r\n")
            .expect("headers, a blank line, then a body");
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in head.split("\r\n") {
            if line.starts_with(' ') || line.starts_with('\t') {
                // A folded line continues the header above it (RFC 5322 §2.2.3).
                headers.last_mut().expect("a header to continue").1 += line;
            } else {
                let (name, value) = line.split_once(':').expect("name: value");
                headers.push((name.to_ascii_lowercase(), value.trim_start().to_string()));
            }
        }
        Part {
            headers,
            body: body.to_string(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == &name.to_ascii_lowercase())
            .map(|(_, v)| v.as_str())
    }

    fn content_type(&self) -> String {
        self.header("Content-Type")
            .unwrap_or("text/plain")
            .split(';')
            .next()
            .unwrap()
            .trim()
            .to_ascii_lowercase()
    }

    /// A parameter of a header, unquoted, with RFC 2231 continuations joined and decoded.
    fn parameter(&self, header: &str, name: &str) -> Option<String> {
        let value = self.header(header)?;
        let params: Vec<(String, String)> = value
            .split(';')
            .skip(1)
            .filter_map(|p| p.trim().split_once('='))
            .map(|(n, v)| (n.trim().to_string(), v.trim().trim_matches('"').to_string()))
            .collect();
        if let Some((_, v)) = params.iter().find(|(n, _)| n == name) {
            return Some(v.clone());
        }
        let mut encoded = String::new();
        for index in 0.. {
            let Some((_, v)) = params
                .iter()
                .find(|(n, _)| *n == format!("{name}*{index}*"))
            else {
                break;
            };
            encoded.push_str(v);
        }
        let encoded = encoded.strip_prefix("UTF-8''")?;
        Some(String::from_utf8(percent_decode(encoded)).unwrap())
    }

    fn children(&self) -> Vec<Part> {
        let boundary = self
            .parameter("Content-Type", "boundary")
            .expect("a multipart has a boundary");
        let delimiter = format!("--{boundary}");
        let (_, rest) = self
            .body
            .split_once(&format!("{delimiter}\r\n"))
            .expect("a first part");
        let (inner, _) = rest
            .split_once(&format!("\r\n{delimiter}--"))
            .expect("a closing delimiter");
        inner
            .split(&format!("\r\n{delimiter}\r\n"))
            .map(Part::parse)
            .collect()
    }

    fn decoded(&self) -> Vec<u8> {
        match self.header("Content-Transfer-Encoding") {
            Some("base64") => base64_decode(&self.body),
            Some("quoted-printable") => qp_decode(&self.body),
            other => panic!("unexpected transfer encoding {other:?}"),
        }
    }

    fn text(&self) -> String {
        String::from_utf8(self.decoded()).expect("UTF-8 text")
    }
}

fn percent_decode(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

fn qp_decode(text: &str) -> Vec<u8> {
    let joined = text.trim_end_matches("\r\n").replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            out.push(u8::from_str_radix(&joined[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else if bytes[i] == b'\r' {
            i += 1;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let values: Vec<u32> = text
        .bytes()
        .filter(|b| !b"\r\n".contains(b))
        .take_while(|b| *b != b'=')
        .map(|b| ALPHABET.iter().position(|a| *a == b).expect("base64") as u32)
        .collect();
    let mut out = Vec::new();
    for chunk in values.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, v)| n | (v << (18 - 6 * i)));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    out
}

/// Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`), joined across folds as RFC 2047 §6.2 says.
fn decode_words(value: &str) -> String {
    if !value.contains("=?") {
        return value.to_string();
    }
    let mut bytes = Vec::new();
    for word in value.split_whitespace() {
        let inner = word
            .strip_prefix("=?UTF-8?B?")
            .and_then(|w| w.strip_suffix("?="))
            .unwrap_or_else(|| panic!("not an encoded word: {word}"));
        bytes.extend(base64_decode(inner));
    }
    String::from_utf8(bytes).unwrap()
}

/// What every message must be, whatever it carries: 7-bit, CRLF line ends, short lines, the
/// same headers once each.
fn assert_well_formed(message: &str) {
    assert!(message.is_ascii(), "an .eml is 7-bit");
    assert!(
        !message.replace("\r\n", "").contains(['\r', '\n']),
        "every line ends with CRLF"
    );
    let long: Vec<&str> = message
        .split("\r\n")
        .filter(|line| line.len() > 78)
        .collect();
    assert!(long.is_empty(), "lines longer than 78 characters: {long:?}");
}

// ---------------------------------------------------------------------------------------------
// The message itself

fn date() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T09:30:00+02:00").unwrap()
}

/// Every byte value, so that the attachment round trip covers the whole base64 alphabet.
fn attachment_bytes() -> Vec<u8> {
    (0..=255u8).cycle().take(1000).collect()
}

fn draft(attachment: Option<Attachment>) -> EmailDraft {
    EmailDraft {
        to_name: "Åsa Öberg-Äijälä".into(),
        to_email: "asa@example.fi".into(),
        from_name: "Maija Myyjä".into(),
        from_email: "maija@example.org".into(),
        subject: "Tarjous: toimistokalusteet — syksy 2026, Äänekosken ja Närpiön toimipisteille"
            .into(),
        body: "Hei Åsa,\n\ntässä tarjous <b>& muuta</b>.\n--=_segmentti-mixed\n--=_segmentti-alternative--\n\nTerveisin\nMaija"
            .into(),
        lang: "fi".into(),
        date: date(),
        attachment,
    }
}

fn docx_attachment() -> Attachment {
    Attachment {
        file_name: "Äänekosken Kalusto Oy - Åsa Öberg-Äijälä, toimitusjohtaja.docx".into(),
        mime: DOCX_MIME.into(),
        bytes: attachment_bytes(),
    }
}

#[test]
fn a_draft_with_a_letter_is_mixed_with_text_and_html_alternatives_and_the_attachment() {
    let draft = draft(Some(docx_attachment()));
    let message = String::from_utf8(eml(&draft)).unwrap();
    assert_well_formed(&message);
    let top = Part::parse(&message);
    assert_eq!(top.content_type(), "multipart/mixed");
    assert_eq!(top.header("MIME-Version"), Some("1.0"));
    assert_eq!(top.header("X-Unsent"), Some("1"));

    let parts = top.children();
    assert_eq!(parts.len(), 2, "the text and the letter");
    assert_eq!(parts[0].content_type(), "multipart/alternative");
    let alternatives = parts[0].children();
    let types: Vec<String> = alternatives.iter().map(Part::content_type).collect();
    assert_eq!(
        types,
        ["text/plain", "text/html"],
        "plain first, richest last"
    );

    // The body text, boundary look-alikes included, arrives exactly as written.
    assert_eq!(alternatives[0].text(), draft.body);
    let html = alternatives[1].text();
    assert!(html.contains("<html lang=\"fi\">"), "{html}");
    assert!(html.contains("<p>Hei Åsa,</p>"), "{html}");
    assert!(
        html.contains("tässä tarjous &lt;b&gt;&amp; muuta&lt;/b&gt;."),
        "user text is escaped: {html}"
    );
    assert!(!html.contains("<b>"));

    let letter = &parts[1];
    assert_eq!(letter.content_type(), DOCX_MIME);
    assert!(letter
        .header("Content-Disposition")
        .unwrap()
        .starts_with("attachment;"));
    assert_eq!(letter.decoded(), attachment_bytes());
    let name = docx_attachment().file_name;
    assert_eq!(
        letter.parameter("Content-Disposition", "filename").unwrap(),
        name
    );
    assert_eq!(
        decode_words(&letter.parameter("Content-Type", "name").unwrap()),
        name
    );
}

#[test]
fn a_draft_without_an_attachment_is_just_the_two_alternatives() {
    let draft = draft(None);
    let message = String::from_utf8(eml(&draft)).unwrap();
    assert_well_formed(&message);
    let top = Part::parse(&message);
    assert_eq!(top.content_type(), "multipart/alternative");
    let alternatives = top.children();
    assert_eq!(alternatives.len(), 2);
    assert_eq!(alternatives[0].text(), draft.body);
}

#[test]
fn finnish_headers_are_encoded_words_that_read_back_exactly() {
    let draft = draft(None);
    let message = String::from_utf8(eml(&draft)).unwrap();
    let top = Part::parse(&message);
    assert_eq!(decode_words(top.header("Subject").unwrap()), draft.subject);
    let to = top.header("To").unwrap();
    let (name, address) = to.rsplit_once(' ').unwrap();
    assert_eq!(decode_words(name), "Åsa Öberg-Äijälä");
    assert_eq!(address, "<asa@example.fi>");
    assert_eq!(
        decode_words(top.header("From").unwrap().rsplit_once(' ').unwrap().0),
        "Maija Myyjä"
    );
}

#[test]
fn a_long_plain_subject_is_folded_not_cut() {
    let mut draft = draft(None);
    draft.subject = "Autumn offer for office furniture ".repeat(5).trim().into();
    let message = String::from_utf8(eml(&draft)).unwrap();
    assert_well_formed(&message);
    assert_eq!(
        Part::parse(&message).header("Subject").unwrap(),
        draft.subject
    );
}

#[test]
fn line_breaks_in_names_addresses_subjects_and_file_names_add_no_headers() {
    let mut draft = draft(Some(Attachment {
        file_name: "x\"\r\nContent-Type: text/html\r\n\r\n<script>.docx".into(),
        mime: DOCX_MIME.into(),
        bytes: b"PK".to_vec(),
    }));
    draft.to_name = "Aino\r\nBcc: victim@example.com".into();
    draft.to_email = "aino@example.com\r\nBcc: other@example.com".into();
    draft.from_name = "Maija\nReply-To: evil@example.com".into();
    draft.subject = "Hei\r\n\r\nX-Injected: 1\u{85}X-Next-Line: 1".into();
    let message = String::from_utf8(eml(&draft)).unwrap();
    assert_well_formed(&message);
    let top = Part::parse(&message);
    let names: Vec<&str> = top.headers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "date",
            "from",
            "to",
            "subject",
            "mime-version",
            "x-unsent",
            "content-type"
        ],
        "exactly the headers the writer meant"
    );
    assert_eq!(
        top.header("To").unwrap(),
        "\"Aino Bcc: victim@example.com\" <aino@example.comBccother@example.com>"
    );
    assert_eq!(
        top.header("Subject").unwrap(),
        "Hei X-Injected: 1 X-Next-Line: 1"
    );
    let parts = top.children();
    assert_eq!(parts.len(), 2);
    let letter = &parts[1];
    assert_eq!(letter.content_type(), DOCX_MIME);
    assert_eq!(letter.decoded(), b"PK");
    let file_name = letter.parameter("Content-Disposition", "filename").unwrap();
    assert!(!file_name.contains(['\r', '\n']), "{file_name}");
}

#[test]
fn the_address_is_the_markers_line_and_nothing_around_it_goes() {
    // A Word letter spaces paragraphs by style: the date right under the address stays.
    let text = "\n\nMARK\n26.11.2026\n\n\nHyvä Aino\n\nTerveisin\n\n";
    assert_eq!(
        without_lines_containing(text, "MARK"),
        "26.11.2026\n\nHyvä Aino\n\nTerveisin"
    );
    assert_eq!(
        without_lines_containing("Hei\n\nkiitos", "MARK"),
        "Hei\n\nkiitos",
        "a letter without the marker is kept"
    );
}

// ---------------------------------------------------------------------------------------------
// Drafts produced for a segment's e-mail lines

const LIISA: ContactId = ContactId(3);
const PAPER: ContactId = ContactId(4);

const LETTER: &str = "{{mail_address}}\n\n{{document.date}}\n\n{{formal_salutation}}\n\nTässä kevään tarjous {{company_name}}lle.\n\nTerveisin\n{{salesperson.name}}";

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T09:05:00+02:00").unwrap()
}

fn db() -> (Db, SegmentId) {
    let mut changes = Changes::new();
    changes
        .put(Record::Salesperson(Salesperson {
            code: Code::new("MM"),
            name: "Maija Myyjä".into(),
            email: "maija@pohjoisen.fi".into(),
            ..Default::default()
        }))
        .put(Record::SalutationFormula(SalutationFormula {
            salutation_code: Code::new("F"),
            language: "fi".into(),
            kind: SalutationKind::Formal,
            formula: "Hyvä %1 %2".into(),
            parts: vec![NamePart::FirstName, NamePart::Surname],
        }))
        .put(Record::Template(InteractionTemplate {
            code: Code::new("SPRING"),
            language_default: "fi".into(),
            letters: vec![TemplateLetter {
                language: "fi".into(),
                subject: "Kevään uutiset".into(),
                body: LetterBody::Text(LETTER.into()),
            }],
            ..Default::default()
        }))
        .put(Record::Contact(Contact {
            id: ContactId(1),
            kind: ContactKind::Company,
            name: "Kalusto Oy".into(),
            address: "Mannerheimintie 1".into(),
            post_code: "00100".into(),
            city: "Helsinki".into(),
            ..Default::default()
        }))
        .put(Record::Contact(Contact {
            id: LIISA,
            company: Some(ContactId(1)),
            name: "Liisa Korhonen".into(),
            first_name: "Liisa".into(),
            surname: "Korhonen".into(),
            email: "liisa@kalusto.fi".into(),
            language: "fi".into(),
            correspondence_type: CorrespondenceType::Email,
            salutation_code: Code::new("F"),
            ..Default::default()
        }))
        .put(Record::Contact(Contact {
            id: PAPER,
            company: Some(ContactId(1)),
            name: "Pekka Paperi".into(),
            first_name: "Pekka".into(),
            surname: "Paperi".into(),
            language: "fi".into(),
            correspondence_type: CorrespondenceType::HardCopy,
            salutation_code: Code::new("F"),
            ..Default::default()
        }));
    let mut db = Db::new();
    db.apply(&changes);
    let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let (id, changes) = db
        .create_segment(
            "Spring",
            Some(Code::new("MM")),
            Some(Code::new("SPRING")),
            day,
            now().naive_local(),
        )
        .unwrap();
    db.apply(&changes);
    for contact in [LIISA, PAPER] {
        let changes = db
            .add_contact_to_segment(id, contact, now().naive_local())
            .unwrap();
        db.apply(&changes);
    }
    (db, id)
}

fn line_no(db: &Db, id: SegmentId, contact: ContactId) -> u32 {
    db.segments[&id]
        .lines
        .iter()
        .find(|l| l.contact == contact)
        .unwrap()
        .line_no
}

fn unzip_docx_text(bytes: &[u8]) -> String {
    // The attachment is a whole .docx: it opens and its text is the letter's.
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a .docx is a zip");
    let mut document = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut document)
        .unwrap();
    assert!(!document.is_empty());
    body_text(bytes).unwrap()
}

#[test]
fn an_email_line_gets_the_letter_text_without_the_address_and_the_letter_attached() {
    let (db, id) = db();
    let produced = produce_letters(&db, id, now()).unwrap();
    let liisa = &produced.letters[&line_no(&db, id, LIISA)];
    assert_eq!(liisa.mime, EML_MIME);
    let message = String::from_utf8(liisa.bytes.clone()).unwrap();
    assert_well_formed(&message);
    let top = Part::parse(&message);
    assert_eq!(
        decode_words(top.header("Subject").unwrap()),
        "Kevään uutiset"
    );
    let parts = top.children();
    let plain = parts[0].children()[0].text();
    assert_eq!(
        plain,
        "26.11.2026\n\nHyvä Liisa Korhonen\n\nTässä kevään tarjous Kalusto Oylle.\n\nTerveisin\nMaija Myyjä"
    );
    assert!(!plain.contains("Mannerheimintie"), "no postal address");

    // The attachment is the letter a hard-copy line gets: the address is in it.
    let letter = &parts[1];
    assert_eq!(letter.content_type(), DOCX_MIME);
    assert_eq!(
        letter.parameter("Content-Disposition", "filename").unwrap(),
        "Kalusto Oy - Liisa Korhonen.docx"
    );
    let attached = unzip_docx_text(&letter.decoded());
    assert!(
        attached.starts_with("Liisa Korhonen\nKalusto Oy\nMannerheimintie 1\n00100 Helsinki"),
        "{attached}"
    );
    assert!(attached.contains("Tässä kevään tarjous Kalusto Oylle."));

    // A hard-copy line of the same segment still gets its .docx, address and all.
    let paper = &produced.letters[&line_no(&db, id, PAPER)];
    assert_eq!(paper.mime, DOCX_MIME);
    assert!(body_text(&paper.bytes)
        .unwrap()
        .contains("Mannerheimintie 1"));

    // The preview of the e-mail line shows the e-mail's text.
    let preview = preview_letter(&db, id, line_no(&db, id, LIISA)).unwrap();
    assert_eq!(preview.text, plain);
}

#[test]
fn the_user_can_leave_the_letter_out_of_the_draft() {
    let (db, id) = db();
    let produced = produce_letters_with(&db, id, now(), Some(EmailAttachment::None)).unwrap();
    let liisa = &produced.letters[&line_no(&db, id, LIISA)];
    let top = Part::parse(std::str::from_utf8(&liisa.bytes).unwrap());
    assert_eq!(top.content_type(), "multipart/alternative");
    assert!(top.children()[0].text().starts_with("26.11.2026"));
}

#[test]
fn a_word_letters_paragraphs_stay_apart_in_the_email() {
    let (mut db, id) = db();
    let mut changes = Changes::new();
    changes.put(Record::Template(InteractionTemplate {
        code: Code::new("SPRING"),
        language_default: "fi".into(),
        letters: vec![TemplateLetter {
            language: "fi".into(),
            subject: "Tarjous".into(),
            body: LetterBody::Docx {
                file_name: "letter-template.docx".into(),
                bytes: include_bytes!("fixtures/letter-template.docx").to_vec(),
            },
        }],
        ..Default::default()
    }));
    db.apply(&changes);
    let produced = produce_letters(&db, id, now()).unwrap();
    let liisa = &produced.letters[&line_no(&db, id, LIISA)];
    let top = Part::parse(std::str::from_utf8(&liisa.bytes).unwrap());
    let alternatives = top.children()[0].children();
    let plain = alternatives[0].text();
    assert!(
        plain.contains("Hyvä Liisa Korhonen,\n\nThank you for the pleasant conversation, Liisa."),
        "{plain}"
    );
    assert!(!plain.contains("Mannerheimintie"), "{plain}");
    let html = alternatives[1].text();
    assert!(
        html.contains("<p>Hyvä Liisa Korhonen,</p>\n<p>Thank you for the pleasant conversation"),
        "{html}"
    );
}

// ---------------------------------------------------------------------------------------------
// A template's own e-mail (issue 13 item 5)

const EMMA: ContactId = ContactId(5);

/// The sample with a second letter language: an English letter, and Emma, who reads English
/// and takes e-mail; `emails` become the template's e-mails.
fn db_with_emails(emails: Vec<TemplateEmail>) -> (Db, SegmentId) {
    let (mut db, id) = db();
    let mut changes = Changes::new();
    changes
        .put(Record::Template(InteractionTemplate {
            code: Code::new("SPRING"),
            language_default: "fi".into(),
            letters: vec![
                TemplateLetter {
                    language: "fi".into(),
                    subject: "Kevään uutiset".into(),
                    body: LetterBody::Text(LETTER.into()),
                },
                TemplateLetter {
                    language: "en".into(),
                    subject: "Spring news".into(),
                    body: LetterBody::Text(
                        "{{mail_address}}\n\nDear {{first_name}},\n\nour spring offer.".into(),
                    ),
                },
            ],
            emails,
            ..Default::default()
        }))
        .put(Record::Contact(Contact {
            id: EMMA,
            company: Some(ContactId(1)),
            name: "Emma Brown".into(),
            first_name: "Emma".into(),
            surname: "Brown".into(),
            email: "emma@kalusto.fi".into(),
            language: "en".into(),
            correspondence_type: CorrespondenceType::Email,
            ..Default::default()
        }));
    db.apply(&changes);
    let changes = db
        .add_contact_to_segment(id, EMMA, now().naive_local())
        .unwrap();
    db.apply(&changes);
    (db, id)
}

fn email(language: &str, subject: &str, body: &str, attachment: EmailAttachment) -> TemplateEmail {
    TemplateEmail {
        language: language.into(),
        subject: subject.into(),
        body: body.into(),
        attachment,
    }
}

fn message_of(produced: &segmentti::core::production::Produced, line: u32) -> Part {
    Part::parse(std::str::from_utf8(&produced.letters[&line].bytes).unwrap())
}

#[test]
fn each_contact_gets_the_templates_email_in_their_own_language_merged_for_them() {
    let (db, id) = db_with_emails(vec![
        email(
            "fi",
            "Tarjous {{company_name}}lle",
            "Hei {{first_name}},\n\nkevään tarjous on liitteenä.\n\n{{salesperson.name}}",
            EmailAttachment::None,
        ),
        email(
            "en",
            "An offer for {{first_name}}",
            "Hello {{first_name}},\n\nour offer is attached.",
            EmailAttachment::None,
        ),
    ]);
    let produced = produce_letters(&db, id, now()).unwrap();

    let liisa = message_of(&produced, line_no(&db, id, LIISA));
    assert_eq!(
        decode_words(liisa.header("Subject").unwrap()),
        "Tarjous Kalusto Oylle"
    );
    assert_eq!(
        liisa.children()[0].text(),
        "Hei Liisa,\n\nkevään tarjous on liitteenä.\n\nMaija Myyjä"
    );

    let emma = message_of(&produced, line_no(&db, id, EMMA));
    assert_eq!(
        decode_words(emma.header("Subject").unwrap()),
        "An offer for Emma"
    );
    let html = emma.children()[1].text();
    assert!(html.contains("<p>Hello Emma,</p>"), "{html}");

    // The preview shows the e-mail as it is sent.
    let preview = preview_letter(&db, id, line_no(&db, id, EMMA)).unwrap();
    assert_eq!(preview.subject, "An offer for Emma");
    assert_eq!(preview.text, "Hello Emma,\n\nour offer is attached.");

    // A printed line of the same template still gets its letter, untouched by the e-mail.
    let paper = &produced.letters[&line_no(&db, id, PAPER)];
    assert_eq!(paper.mime, DOCX_MIME);
    assert!(body_text(&paper.bytes)
        .unwrap()
        .contains("Tässä kevään tarjous Kalusto Oylle."));
}

#[test]
fn an_email_without_a_body_sends_the_letter_text_without_the_address_under_its_own_subject() {
    let (db, id) = db_with_emails(vec![email(
        "fi",
        "Kevät {{document.date}}",
        "",
        EmailAttachment::Docx,
    )]);
    let produced = produce_letters(&db, id, now()).unwrap();
    let liisa = message_of(&produced, line_no(&db, id, LIISA));
    assert_eq!(
        decode_words(liisa.header("Subject").unwrap()),
        "Kevät 26.11.2026"
    );
    let plain = liisa.children()[0].children()[0].text();
    assert!(
        plain.starts_with("26.11.2026\n\nHyvä Liisa Korhonen"),
        "{plain}"
    );
    assert!(
        !plain.contains("Mannerheimintie"),
        "no postal address: {plain}"
    );
    // Emma's language has no e-mail of its own: her draft is the English letter as before.
    let emma = message_of(&produced, line_no(&db, id, EMMA));
    assert_eq!(decode_words(emma.header("Subject").unwrap()), "Spring news");
    assert_eq!(
        emma.children()[0].children()[0].text(),
        "Dear Emma,\n\nour spring offer."
    );
}

#[test]
fn the_templates_attachment_choice_gives_a_pdf_a_docx_or_nothing() {
    use segmentti::jobs::{run, Answer, Job};
    let (db, id) = db_with_emails(vec![
        email("fi", "", "Hei {{first_name}}", EmailAttachment::Pdf),
        email("en", "", "", EmailAttachment::None),
    ]);
    let mut produced = produce_letters(&db, id, now()).unwrap();

    // Emma's draft has no attachment at all.
    let emma = message_of(&produced, line_no(&db, id, EMMA));
    assert_eq!(emma.content_type(), "multipart/alternative");

    // Liisa's waits for her letter as a PDF, which the worker makes.
    let liisa_line = line_no(&db, id, LIISA);
    assert_eq!(produced.awaiting_pdf.len(), 1);
    assert_eq!(produced.awaiting_pdf[0].line_no, liisa_line);
    let letters = produced.pdfs_to_make();
    let text = letters[0]
        .1
        .text()
        .expect("a letter written in the letter language");
    assert!(text.address.contains("Mannerheimintie 1"));
    assert!(text.body.contains("Tässä kevään tarjous Kalusto Oylle."));
    let Answer::Files(pdfs) = run(Job::PdfEach {
        letters,
        window: Default::default(),
    }) else {
        panic!("one PDF per waiting draft");
    };
    produced.attach_pdfs(pdfs).unwrap();
    assert!(produced.awaiting_pdf.is_empty());
    let liisa = message_of(&produced, liisa_line);
    let parts = liisa.children();
    assert_eq!(parts[0].children()[0].text(), "Hei Liisa");
    assert_eq!(parts[1].content_type(), PDF_MIME);
    assert_eq!(
        parts[1]
            .parameter("Content-Disposition", "filename")
            .unwrap(),
        "Kalusto Oy - Liisa Korhonen.pdf"
    );
    assert!(parts[1].decoded().starts_with(b"%PDF-"));

    // The user's choice for a download overrides the template's for every draft.
    let produced = produce_letters_with(&db, id, now(), Some(EmailAttachment::Docx)).unwrap();
    assert!(produced.awaiting_pdf.is_empty());
    for contact in [LIISA, EMMA] {
        let parts = message_of(&produced, line_no(&db, id, contact)).children();
        assert_eq!(parts[1].content_type(), DOCX_MIME);
    }
}

#[test]
fn pdfs_for_another_number_of_drafts_are_refused_and_nothing_is_attached() {
    let (db, id) = db_with_emails(vec![email("fi", "", "", EmailAttachment::Pdf)]);
    let mut produced = produce_letters(&db, id, now()).unwrap();
    let before = produced.clone();
    assert!(produced.attach_pdfs(Vec::new()).is_err());
    assert_eq!(produced, before);
}

#[test]
fn a_mistyped_field_in_the_email_is_reported_with_its_place_and_nothing_is_produced() {
    let (db, id) = db_with_emails(vec![email(
        "fi",
        "Tarjous",
        "Hei {{frist_name}}",
        EmailAttachment::None,
    )]);
    let problems = check_letters(&db, id);
    let unknown = problems
        .iter()
        .find(|p| p.code == "letter.unknown_field")
        .expect("the unknown field is reported");
    assert_eq!(unknown.args[0], "email:SPRING:fi");
    assert_eq!(unknown.args[1], "body:1:5");
    assert_eq!(unknown.args[2], "frist_name");
    let refused = produce_letters(&db, id, now()).unwrap_err();
    assert!(refused.iter().any(|p| p.code == "letter.unknown_field"));
}

#[test]
fn a_field_the_contact_has_no_value_for_in_the_email_is_a_warning_for_that_contact() {
    let (db, id) = db_with_emails(vec![email(
        "en",
        "For {{job_title}}",
        "Hello",
        EmailAttachment::None,
    )]);
    let problems = check_letters(&db, id);
    let emma_line = line_no(&db, id, EMMA);
    assert!(problems.iter().any(|p| p.code == "letter.missing_value"
        && p.args == ["job_title"]
        && matches!(p.place, segmentti::core::problem::Place::Line { line_no, .. } if line_no == emma_line)));
    let produced = produce_letters(&db, id, now()).unwrap();
    assert!(produced
        .problems
        .iter()
        .any(|p| p.code == "letter.missing_value" && p.args == ["job_title"]));
    // The subject falls back to nothing missing: the empty field leaves "For".
    let emma = message_of(&produced, emma_line);
    assert_eq!(decode_words(emma.header("Subject").unwrap()), "For");
}

// ---------------------------------------------------------------------------------------------
// The template page's live preview and saving (issue 15 item 7)

#[test]
fn the_template_preview_merges_the_letter_and_the_email_for_the_picked_contact_in_their_language() {
    use segmentti::core::production::preview_template;
    let (db, _) = db_with_emails(vec![email(
        "en",
        "An offer for {{first_name}}",
        "Hello {{first_name}},\n\nsee you.",
        EmailAttachment::None,
    )]);
    let template = db.templates[&Code::new("SPRING")].clone();
    let day = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();

    let emma = preview_template(&db, &template, EMMA, day).unwrap();
    assert_eq!(emma.language, "en");
    assert!(
        emma.letter
            .starts_with("Emma Brown\nKalusto Oy\nMannerheimintie 1"),
        "the letter prints the address: {}",
        emma.letter
    );
    assert_eq!(emma.email_subject, "An offer for Emma");
    assert_eq!(emma.email_body, "Hello Emma,\n\nsee you.");
    assert!(emma.problems.is_empty(), "{:?}", emma.problems);

    // Liisa reads Finnish, whose e-mail the template lacks: the letter, without the address.
    let liisa = preview_template(&db, &template, LIISA, day).unwrap();
    assert_eq!(liisa.language, "fi");
    assert_eq!(liisa.email_subject, "Kevään uutiset");
    assert!(
        liisa
            .email_body
            .starts_with("4.12.2026\n\nHyvä Liisa Korhonen"),
        "{}",
        liisa.email_body
    );
    assert!(!liisa.email_body.contains("Mannerheimintie"));

    // A mistyped field stops the preview with the problem and its place.
    let mut broken = template.clone();
    broken.emails[0].body = "Hello {{frist_name}}".into();
    let shown = preview_template(&db, &broken, EMMA, day).unwrap();
    assert!(shown.letter.is_empty() && shown.email_body.is_empty());
    assert_eq!(shown.problems[0].code, "letter.unknown_field");
    assert_eq!(shown.problems[0].args[1], "body:1:7");
}

#[test]
fn saving_a_template_keeps_each_email_with_its_letters_language_and_drops_empty_ones() {
    let (db, _) = db();
    let mut group = Changes::new();
    group.put(Record::InteractionGroup(InteractionGroup {
        code: Code::new("LETTER"),
        description: "Letters".into(),
    }));
    let mut db = db;
    db.apply(&group);
    let mut template = db.templates[&Code::new("SPRING")].clone();
    template.group = Code::new("LETTER");
    template.emails = vec![
        email("FI", "Tarjous", "", EmailAttachment::Pdf),
        email("sv", "Erbjudande", "", EmailAttachment::None),
        TemplateEmail {
            language: "fi".into(),
            ..Default::default()
        },
    ];
    let changes = db.save_template(template).unwrap();
    db.apply(&changes);
    let saved = &db.templates[&Code::new("SPRING")];
    assert_eq!(
        saved.emails,
        vec![email("fi", "Tarjous", "", EmailAttachment::Pdf)],
        "the Swedish e-mail has no Swedish letter, and the blank one says nothing"
    );
}

#[test]
fn the_language_picker_offers_the_known_languages_and_those_the_data_uses() {
    let (mut db, _) = db();
    let mut changes = Changes::new();
    changes.put(Record::Contact(Contact {
        id: ContactId(9),
        name: "Ana Souza".into(),
        language: "PT".into(),
        ..Default::default()
    }));
    db.apply(&changes);
    let languages = segmentti::core::setup::known_languages(&db);
    assert_eq!(&languages[..3], ["fi", "sv", "en"]);
    assert_eq!(languages.last().map(String::as_str), Some("pt"));
    assert_eq!(languages.iter().filter(|l| *l == "fi").count(), 1);
}
