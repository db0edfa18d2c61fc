//! Exports (product.md §6): contacts as CSV and as vCard 4.0, the interaction log as CSV, and
//! [`csv_bytes`] for any other table (the segment lines).
//!
//! CSV is written for Excel first, since that is where people open it: UTF-8 with a BOM (without
//! it Excel reads UTF-8 as the local code page and garbles every ä), CRLF line ends, a header row
//! with plain English column names, and every cell that a spreadsheet would take for a formula
//! (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) prefixed with `'`, so that a
//! contact named `=HYPERLINK(…)` stays text (OWASP "CSV injection"). The import strips that
//! prefix again, so our own export reads back unchanged.
//!
//! vCard is written as 4.0 (RFC 6350): CRLF, text escaped, lines folded at 75 octets without
//! splitting a UTF-8 character, `KIND:org` for companies and `ORG` for a person's company.

use crate::core::db::Db;
use crate::core::ids::{ContactId, EntryId};
use crate::core::import::attr;
use crate::core::model::{
    AttrValue, Contact, ContactKind, CorrespondenceType, Evaluation, InformationFlow, InitiatedBy,
};
use chrono::NaiveDateTime;
use std::collections::BTreeSet;

/// The byte-order mark that makes Excel read a CSV file as UTF-8.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes rows as an Excel-safe CSV file: UTF-8 with BOM, CRLF, quoted where needed, and
/// formula-looking cells neutralised.
pub fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::with_capacity(rows.len() * 64);
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_csv_cell(&mut out, cell);
        }
        out.push_str("\r\n");
    }
    let mut bytes = Vec::with_capacity(UTF8_BOM.len() + out.len());
    bytes.extend_from_slice(UTF8_BOM);
    bytes.extend_from_slice(out.as_bytes());
    bytes
}

/// One cell as written to CSV: neutralised, then quoted if it holds a comma, a quote or a line
/// break (or starts or ends with a space, which spreadsheets would drop).
pub fn csv_cell(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    push_csv_cell(&mut out, value);
    out
}

fn push_csv_cell(out: &mut String, value: &str) {
    let neutral = neutralise(value);
    let needs_quotes = neutral.contains([',', '"', '\n', '\r'])
        || neutral.starts_with(' ')
        || neutral.ends_with(' ');
    if needs_quotes {
        out.push('"');
        out.push_str(&neutral.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&neutral);
    }
}

/// Prefixes `'` to a cell a spreadsheet would run as a formula. The full-width forms are
/// included because some spreadsheet versions treat them like their ASCII counterparts.
pub fn neutralise(value: &str) -> std::borrow::Cow<'_, str> {
    const TRIGGERS: &[char] = &[
        '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
    ];
    if value.starts_with(TRIGGERS) {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// The fixed columns of the contact export, before the custom attributes.
pub const CONTACT_COLUMNS: &[&str] = &[
    "No.",
    "Kind",
    "Name",
    "First Name",
    "Middle Name",
    "Surname",
    "Company No.",
    "Company Name",
    "Job Title",
    "Organizational Level",
    "Address",
    "Address 2",
    "Post Code",
    "City",
    "County",
    "Country",
    "Phone",
    "Mobile",
    "E-mail",
    "E-mail 2",
    "Website",
    "Language",
    "Salutation Code",
    "Correspondence Type",
    "Exclude from Segments",
    "Privacy Blocked",
    "Salesperson",
    "Territory",
    "Mailing Groups",
    "Industry Groups",
    "Business Relations",
    "Job Responsibilities",
    "Notes",
    "Created",
    "Modified",
];

/// The contacts with the given ids as CSV (ids not in the database are left out), one column
/// per custom attribute any of them has, after the fixed columns.
pub fn contacts_csv(db: &Db, ids: &[ContactId]) -> Vec<u8> {
    let contacts: Vec<&Contact> = ids.iter().filter_map(|id| db.contact(*id)).collect();
    let attribute_names: BTreeSet<&str> = contacts
        .iter()
        .flat_map(|c| c.attributes.keys().map(String::as_str))
        .collect();
    let mut header: Vec<String> = CONTACT_COLUMNS.iter().map(|c| c.to_string()).collect();
    for name in &attribute_names {
        // An attribute named like a fixed column gets a prefix, so each header means one thing.
        if CONTACT_COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(name)) {
            header.push(format!("Attribute: {name}"));
        } else {
            header.push(name.to_string());
        }
    }
    let mut rows = Vec::with_capacity(contacts.len() + 1);
    rows.push(header);
    for contact in contacts {
        let codes = |set: &BTreeSet<crate::core::ids::Code>| {
            set.iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let company_no = match contact.kind {
            ContactKind::Person => contact.company.map(|id| db.no(id)).unwrap_or_default(),
            ContactKind::Company => String::new(),
        };
        let company_name = match contact.kind {
            ContactKind::Person => db.company_name_of(contact),
            ContactKind::Company => String::new(),
        };
        let mut row = vec![
            db.no(contact.id),
            kind_label(contact.kind).to_string(),
            contact.name.clone(),
            contact.first_name.clone(),
            contact.middle_name.clone(),
            contact.surname.clone(),
            company_no,
            company_name,
            contact.job_title.clone(),
            contact.organizational_level.clone(),
            contact.address.clone(),
            contact.address_2.clone(),
            contact.post_code.clone(),
            contact.city.clone(),
            contact.county.clone(),
            contact.country.clone(),
            contact.phone.clone(),
            contact.mobile.clone(),
            contact.email.clone(),
            contact.email_2.clone(),
            contact.website.clone(),
            contact.language.clone(),
            contact.salutation_code.as_str().to_string(),
            correspondence_label(contact.correspondence_type).to_string(),
            yes_no(contact.exclude_from_segments),
            yes_no(contact.privacy_blocked),
            contact
                .salesperson
                .as_ref()
                .map(|c| c.as_str().to_string())
                .unwrap_or_default(),
            contact.territory.clone(),
            codes(&contact.mailing_groups),
            codes(&contact.industry_groups),
            codes(&contact.business_relations),
            codes(&contact.job_responsibilities),
            contact.notes.clone(),
            timestamp(contact.stamps.created),
            timestamp(contact.stamps.modified),
        ];
        for name in &attribute_names {
            row.push(
                contact
                    .attributes
                    .get(*name)
                    .map(AttrValue::display)
                    .unwrap_or_default(),
            );
        }
        rows.push(row);
    }
    csv_bytes(&rows)
}

/// The columns of the interaction log export.
pub const INTERACTION_LOG_COLUMNS: &[&str] = &[
    "Entry No.",
    "Date",
    "Contact No.",
    "Contact Name",
    "Company No.",
    "Company Name",
    "Template",
    "Interaction Group",
    "Description",
    "Subject",
    "Correspondence Type",
    "Information Flow",
    "Initiated By",
    "Cost",
    "Duration (min)",
    "Evaluation",
    "Attempt Failed",
    "Canceled",
    "Salesperson",
    "Segment No.",
    "Logged Segment No.",
    "Language",
    "Opportunity No.",
    "Letter",
    "Comments",
    "Logged At",
];

/// The interaction log entries with the given ids as CSV, with each contact's number and name
/// as they are now.
pub fn interaction_log_csv(db: &Db, ids: &[EntryId]) -> Vec<u8> {
    let mut rows = Vec::with_capacity(ids.len() + 1);
    rows.push(
        INTERACTION_LOG_COLUMNS
            .iter()
            .map(|c| c.to_string())
            .collect(),
    );
    for entry in ids.iter().filter_map(|id| db.entries.get(id)) {
        let contact = db.contact(entry.contact);
        let company = entry.company.and_then(|id| db.contact(id));
        let code = |code: &Option<crate::core::ids::Code>| {
            code.as_ref()
                .map(|c| c.as_str().to_string())
                .unwrap_or_default()
        };
        let comments = entry
            .comments
            .iter()
            .map(|c| format!("{}: {}", timestamp(c.at), c.text))
            .collect::<Vec<_>>()
            .join("\n");
        rows.push(vec![
            db.no(entry.id),
            entry
                .date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            db.no(entry.contact),
            contact.map(|c| c.name.clone()).unwrap_or_default(),
            entry.company.map(|id| db.no(id)).unwrap_or_default(),
            company.map(|c| c.name.clone()).unwrap_or_default(),
            code(&entry.template),
            code(&entry.group),
            entry.description.clone(),
            entry.subject.clone(),
            correspondence_label(entry.correspondence_type).to_string(),
            match entry.information_flow {
                InformationFlow::None => "",
                InformationFlow::Outbound => "Outbound",
                InformationFlow::Inbound => "Inbound",
            }
            .to_string(),
            match entry.initiated_by {
                InitiatedBy::None => "",
                InitiatedBy::Us => "Us",
                InitiatedBy::Them => "Them",
            }
            .to_string(),
            crate::core::model::format_number(entry.cost),
            crate::core::model::format_number(entry.duration_min),
            evaluation_label(entry.evaluation).to_string(),
            yes_no(entry.attempt_failed),
            yes_no(entry.canceled),
            code(&entry.salesperson),
            entry.segment_no.clone(),
            entry.logged_segment.map(|id| db.no(id)).unwrap_or_default(),
            entry.language.clone(),
            entry.opportunity.map(|id| db.no(id)).unwrap_or_default(),
            entry
                .letter
                .as_ref()
                .map(|l| l.file_name.clone())
                .unwrap_or_default(),
            comments,
            entry.logged_at.map(timestamp).unwrap_or_default(),
        ]);
    }
    csv_bytes(&rows)
}

fn kind_label(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Company => "Company",
        ContactKind::Person => "Person",
    }
}

fn correspondence_label(kind: CorrespondenceType) -> &'static str {
    match kind {
        CorrespondenceType::None => "",
        CorrespondenceType::HardCopy => "Hard Copy",
        CorrespondenceType::Email => "E-mail",
    }
}

fn evaluation_label(evaluation: Evaluation) -> &'static str {
    match evaluation {
        Evaluation::None => "",
        Evaluation::VeryPositive => "Very Positive",
        Evaluation::Positive => "Positive",
        Evaluation::Neutral => "Neutral",
        Evaluation::Negative => "Negative",
        Evaluation::VeryNegative => "Very Negative",
    }
}

fn yes_no(value: bool) -> String {
    if value { "Yes" } else { "No" }.to_string()
}

fn timestamp(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

// ---------------------------------------------------------------------------------------------
// vCard 4.0

/// The longest physical line of a vCard, in octets, without its CRLF (RFC 6350 §3.2).
const FOLD_AT: usize = 75;

/// Attributes written as their own vCard properties rather than as `X-SEGMENTTI-ATTRIBUTE`.
const ATTRIBUTES_WITH_PROPERTIES: &[&str] = &[
    attr::BIRTHDAY,
    attr::ANNIVERSARY,
    attr::NICKNAME,
    attr::NAME_PREFIX,
    attr::NAME_SUFFIX,
    attr::DEPARTMENT,
    attr::GENDER,
    attr::CUSTOMER_NO,
    attr::UID,
];

/// The contacts with the given ids as one vCard 4.0 file (ids not in the database are left out).
pub fn contacts_vcard(db: &Db, ids: &[ContactId]) -> Vec<u8> {
    let mut out = String::new();
    for contact in ids.iter().filter_map(|id| db.contact(*id)) {
        write_card(&mut out, db, contact);
    }
    out.into_bytes()
}

fn write_card(out: &mut String, db: &Db, contact: &Contact) {
    let text_attr = |name: &str| {
        contact
            .attributes
            .get(name)
            .map(AttrValue::display)
            .unwrap_or_default()
    };
    line(out, "BEGIN:VCARD");
    line(out, "VERSION:4.0");
    let department = text_attr(attr::DEPARTMENT);
    match contact.kind {
        ContactKind::Company => {
            line(out, "KIND:org");
            line(out, &format!("FN:{}", escape(&contact.name)));
            let org = if department.is_empty() {
                escape(&contact.name)
            } else {
                structured(&[contact.name.clone(), department.clone()])
            };
            line(out, &format!("ORG:{org}"));
        }
        ContactKind::Person => {
            let name = if contact.name.trim().is_empty() {
                contact.full_name_from_parts()
            } else {
                contact.name.clone()
            };
            line(out, &format!("FN:{}", escape(&name)));
            let parts = [
                contact.surname.clone(),
                contact.first_name.clone(),
                contact.middle_name.clone(),
                text_attr(attr::NAME_PREFIX),
                text_attr(attr::NAME_SUFFIX),
            ];
            line(out, &format!("N:{}", structured(&parts)));
            // A department without a company is still written, with an empty organisation
            // name, so that it is not lost.
            let company = db.company_name_of(contact);
            if !company.is_empty() || !department.is_empty() {
                let org = if department.is_empty() {
                    escape(&company)
                } else {
                    structured(&[company, department.clone()])
                };
                line(out, &format!("ORG:{org}"));
            }
        }
    }
    optional(out, "NICKNAME", &text_attr(attr::NICKNAME));
    optional(out, "TITLE", &contact.job_title);
    if !contact.email.is_empty() {
        line(out, &format!("EMAIL;PREF=1:{}", escape(&contact.email)));
    }
    optional(out, "EMAIL", &contact.email_2);
    optional(out, "TEL;TYPE=voice", &contact.phone);
    optional(out, "TEL;TYPE=cell", &contact.mobile);
    let address = [
        String::new(),
        contact.address_2.clone(),
        contact.address.clone(),
        contact.city.clone(),
        contact.county.clone(),
        contact.post_code.clone(),
        contact.country.clone(),
    ];
    if address.iter().any(|part| !part.is_empty()) {
        line(out, &format!("ADR:{}", structured(&address)));
    }
    optional(out, "URL", &contact.website);
    optional(out, "LANG", &contact.language);
    optional(out, "NOTE", &contact.notes);
    if !contact.mailing_groups.is_empty() {
        let categories = contact
            .mailing_groups
            .iter()
            .map(|code| escape(code.as_str()))
            .collect::<Vec<_>>()
            .join(",");
        line(out, &format!("CATEGORIES:{categories}"));
    }
    for (name, property) in [(attr::BIRTHDAY, "BDAY"), (attr::ANNIVERSARY, "ANNIVERSARY")] {
        match contact.attributes.get(name) {
            Some(AttrValue::Date(date)) => {
                line(out, &format!("{property}:{}", date.format("%Y%m%d")))
            }
            Some(value) => {
                let text = value.display();
                match no_year_date(&text) {
                    Some(partial) => line(out, &format!("{property}:{partial}")),
                    None => line(out, &format!("{property};VALUE=text:{}", escape(&text))),
                }
            }
            None => {}
        }
    }
    optional(out, "GENDER", &text_attr(attr::GENDER));
    optional(out, "X-CUSTOMER-NO", &text_attr(attr::CUSTOMER_NO));
    optional(out, "UID", &text_attr(attr::UID));
    for (name, value) in &contact.attributes {
        if ATTRIBUTES_WITH_PROPERTIES.contains(&name.as_str()) {
            continue;
        }
        line(
            out,
            &format!(
                "X-SEGMENTTI-ATTRIBUTE;X-NAME={}:{}",
                param_value(name),
                escape(&value.display())
            ),
        );
    }
    line(
        out,
        &format!("REV:{}", contact.stamps.modified.format("%Y%m%dT%H%M%S")),
    );
    line(out, "END:VCARD");
}

/// `--MM-DD` (how the import keeps a birthday without a year) as vCard 4.0's `--MMDD`.
fn no_year_date(text: &str) -> Option<String> {
    let rest = text.strip_prefix("--")?;
    let digits: String = rest.chars().filter(|c| *c != '-').collect();
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| format!("--{digits}"))
}

fn optional(out: &mut String, property: &str, value: &str) {
    if !value.trim().is_empty() {
        line(out, &format!("{property}:{}", escape(value)));
    }
}

/// Escapes a text value: backslash, comma, semicolon and line breaks (RFC 6350 §3.4).
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// A structured value (N, ADR, ORG): components escaped and joined with `;`.
fn structured(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| escape(p))
        .collect::<Vec<_>>()
        .join(";")
}

/// A parameter value in double quotes, with RFC 6868's caret escapes for what quotes cannot hold.
fn param_value(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '^' => out.push_str("^^"),
            '"' => out.push_str("^'"),
            '\n' => out.push_str("^n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Appends a content line, folded so that no physical line exceeds 75 octets, each fold at a
/// character boundary (so a multi-byte character is never split), with CRLF line ends.
fn line(out: &mut String, content: &str) {
    let mut rest = content;
    let mut limit = FOLD_AT;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // Continuation lines start with the space, which counts towards their 75 octets.
        limit = FOLD_AT - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_others_left_alone() {
        assert_eq!(csv_cell("=1+2"), "'=1+2");
        assert_eq!(csv_cell("+358 40 1"), "'+358 40 1");
        assert_eq!(csv_cell("-5"), "'-5");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("O'Brien"), "O'Brien");
        assert_eq!(csv_cell("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(csv_cell("=A1,B1"), "\"'=A1,B1\"");
        assert_eq!(csv_cell("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn csv_has_a_bom_and_crlf() {
        let bytes = csv_bytes(&[vec!["a".into(), "b".into()], vec!["1".into(), "".into()]]);
        assert_eq!(bytes, b"\xEF\xBB\xBFa,b\r\n1,\r\n");
    }

    #[test]
    fn vcard_text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
        assert_eq!(param_value("Say \"hi\"^"), "\"Say ^'hi^'^^\"");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let value = "ä".repeat(100);
        line(&mut out, &format!("NOTE:{value}"));
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, format!("NOTE:{value}"));
    }
}
