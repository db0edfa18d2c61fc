//! vCard 2.1, 3.0 (RFC 2426) and 4.0 (RFC 6350), as real files write them (import-formats.md
//! §4.3): folded lines, quoted-printable values with soft line breaks and a `CHARSET`, `TYPE`
//! parameters in every spelling (`TYPE=work,voice`, `type=WORK;type=pref`, `TYPE="cell,voice"`,
//! 2.1's bare `CELL;PREF`), Apple's property groups (`item1.EMAIL` with `item1.X-ABLabel`),
//! escaped text, `tel:` URIs, `PREF`, organisation cards (`KIND:org`, `X-ABShowAs:COMPANY`) and
//! cards without `N`.
//!
//! The reader is lenient: a line it cannot read is skipped with a warning, a card missing its
//! `END:VCARD` still counts (the next `BEGIN:VCARD` or the end of the file ends it), and only a
//! file without any card that has data is refused.

use super::{attr, ImportWarning, ImportedContact, ParsedImport, PhoneKind, VCardVersion};
use crate::core::model::ContactKind;
use crate::core::problem::ProblemCode;
use std::collections::HashMap;

/// At most this many "line ignored" warnings are kept: a garbled file should give a message,
/// not a million of them.
const MAX_WARNINGS: usize = 100;

/// Reads every card of a vCard file.
pub(super) fn parse(text: &str) -> ParsedImport {
    let mut parsed = ParsedImport::default();
    let mut card: Option<Card> = None;
    let mut nested = 0usize;
    let mut cards_seen = 0usize;
    // Whether the last property of the open card was an `AGENT` without a value: only then is
    // a `BEGIN:VCARD` inside the card vCard 2.1's embedded agent card.
    let mut agent_follows = false;
    for (line, logical) in logical_lines(text) {
        let Some(property) = Property::parse(&logical) else {
            warn(
                &mut parsed.warnings,
                ImportWarning::new(ProblemCode::ImportVcardLineIgnored, line),
            );
            continue;
        };
        let value_upper = property.value.trim().to_ascii_uppercase();
        match property.name.as_str() {
            "BEGIN" if value_upper == "VCARD" => {
                if card.is_some() && (nested > 0 || agent_follows) {
                    // A card inside a card (vCard 2.1's AGENT) describes someone else.
                    nested += 1;
                } else {
                    if let Some(open) = card.take() {
                        // Any other BEGIN inside an open card means that card lost its
                        // END:VCARD; reading it on would swallow every card after it.
                        parsed.warnings.push(
                            ImportWarning::new(
                                ProblemCode::ImportVcardEndedByBegin,
                                open.start_line,
                            )
                            .with("begin_line", line),
                        );
                        open.finish(&mut parsed);
                    }
                    cards_seen += 1;
                    card = Some(Card::new(cards_seen, line));
                }
                agent_follows = false;
                continue;
            }
            "END" if value_upper == "VCARD" => {
                if nested > 0 {
                    nested -= 1;
                } else if let Some(done) = card.take() {
                    done.finish(&mut parsed);
                }
                continue;
            }
            _ => {}
        }
        agent_follows = property.name == "AGENT" && property.value.trim().is_empty();
        match card.as_mut() {
            Some(card) if nested == 0 => card.read(property, line, &mut parsed.warnings),
            Some(_) => {}
            None => warn(
                &mut parsed.warnings,
                ImportWarning::new(ProblemCode::ImportVcardLineOutsideCard, line),
            ),
        }
    }
    if let Some(card) = card {
        parsed.warnings.push(ImportWarning::new(
            ProblemCode::ImportVcardUnterminated,
            card.start_line,
        ));
        card.finish(&mut parsed);
    }
    parsed
}

fn warn(warnings: &mut Vec<ImportWarning>, warning: ImportWarning) {
    if warnings.len() < MAX_WARNINGS {
        warnings.push(warning);
    }
}

/// Splits text into lines on CRLF, LF or a lone CR.
fn physical_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
        let line = &rest[..end];
        let mut next = end;
        if rest[next..].starts_with("\r\n") {
            next += 2;
        } else if next < rest.len() {
            next += 1;
        }
        rest = &rest[next..];
        Some(line)
    })
}

/// Joins folded lines (CRLF followed by a space or tab) and quoted-printable soft line breaks
/// (`=` at the end of a line, the value going on at the start of the next) into logical lines,
/// each with the line number it started on.
fn logical_lines(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut soft_break = false;
    let mut after_blank = true;
    for (index, raw) in physical_lines(text).enumerate() {
        let raw = raw.trim_start_matches('\u{FEFF}');
        if soft_break {
            if let Some((_, current)) = out.last_mut() {
                current.pop();
                current.push_str(raw);
                soft_break = current.ends_with('=');
                continue;
            }
        }
        if raw.trim().is_empty() {
            // A blank line ends whatever came before (2.1 ends base64 blocks this way).
            after_blank = true;
            continue;
        }
        match out.last_mut() {
            Some((_, current)) if raw.starts_with([' ', '\t']) && !after_blank => {
                current.push_str(&raw[1..]);
            }
            _ => out.push((index + 1, raw.to_string())),
        }
        after_blank = false;
        if let Some((_, current)) = out.last() {
            soft_break = current.ends_with('=') && is_quoted_printable(current);
        }
    }
    out
}

/// True when the parameters of a content line (before its first colon) ask for QP.
fn is_quoted_printable(line: &str) -> bool {
    let head = line.split(':').next().unwrap_or_default();
    head.to_ascii_uppercase().contains("QUOTED-PRINTABLE")
}

/// One content line: `[group.]NAME;PARAM=VALUE;…:value`.
#[derive(Debug)]
struct Property {
    group: Option<String>,
    /// Upper case.
    name: String,
    /// Keys upper case; values as written, unquoted.
    params: Vec<(String, String)>,
    /// The raw value, still escaped and encoded.
    value: String,
}

impl Property {
    fn parse(line: &str) -> Option<Property> {
        // The name ends at the first `;` or `:`; parameters run to the first `:` outside quotes.
        let name_end = line.find([';', ':'])?;
        let full_name = line[..name_end].trim();
        if full_name.is_empty() {
            return None;
        }
        let (group, name) = match full_name.rsplit_once('.') {
            Some((group, name)) => (Some(group.to_ascii_lowercase()), name),
            None => (None, full_name),
        };
        let mut params = Vec::new();
        let mut pos = name_end;
        let bytes = line.as_bytes();
        while bytes.get(pos) == Some(&b';') {
            pos += 1;
            let start = pos;
            let mut quoted = false;
            while let Some(&b) = bytes.get(pos) {
                match b {
                    b'"' => quoted = !quoted,
                    b';' | b':' if !quoted => break,
                    _ => {}
                }
                pos += 1;
            }
            let param = &line[start..pos];
            match param.split_once('=') {
                Some((key, value)) => {
                    params.push((key.trim().to_ascii_uppercase(), unquote_param(value.trim())))
                }
                None if !param.trim().is_empty() => {
                    // vCard 2.1 writes parameter values alone: `TEL;CELL;PREF`, `;QUOTED-PRINTABLE`.
                    let bare = param.trim().to_ascii_uppercase();
                    let key = match bare.as_str() {
                        "QUOTED-PRINTABLE" | "BASE64" | "B" | "8BIT" | "7BIT" => "ENCODING",
                        _ => "TYPE",
                    };
                    params.push((key.to_string(), bare));
                }
                None => {}
            }
        }
        if bytes.get(pos) != Some(&b':') {
            return None;
        }
        Some(Property {
            group,
            name: name.trim().to_ascii_uppercase(),
            params,
            value: line[pos + 1..].to_string(),
        })
    }

    fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every `TYPE` value in lower case, whichever way the file spelled the list.
    fn types(&self) -> Vec<String> {
        self.params
            .iter()
            .filter(|(k, _)| k == "TYPE")
            .flat_map(|(_, v)| v.split(','))
            .map(|t| t.trim().to_ascii_lowercase())
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// How preferred the value is: `PREF=1` (4.0) or a `pref` type (2.1, 3.0) first.
    fn rank(&self) -> u32 {
        if let Some(pref) = self
            .param("PREF")
            .and_then(|p| p.trim().parse::<u32>().ok())
        {
            return pref;
        }
        if self.types().iter().any(|t| t == "pref") {
            1
        } else {
            100
        }
    }

    fn is_binary(&self) -> bool {
        matches!(
            self.param("ENCODING")
                .map(|e| e.to_ascii_uppercase())
                .as_deref(),
            Some("B" | "BASE64")
        )
    }

    /// The value with its transfer encoding and character set undone (escapes still in).
    fn decoded(&self) -> String {
        let qp = self
            .param("ENCODING")
            .is_some_and(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE"));
        if !qp {
            return self.value.clone();
        }
        let bytes = quoted_printable(&self.value);
        let charset = self
            .param("CHARSET")
            .unwrap_or("UTF-8")
            .to_ascii_uppercase();
        let text = match charset.as_str() {
            "ISO-8859-1" | "ISO-8859-15" | "LATIN1" | "WINDOWS-1252" | "CP1252" => {
                super::encoding::windows_1252(&bytes)
            }
            _ => String::from_utf8_lossy(&bytes).into_owned(),
        };
        text.replace("\r\n", "\n").replace('\r', "\n")
    }

    /// The decoded value as one text, unescaped.
    fn text(&self) -> String {
        unescape(&self.decoded())
    }

    /// The decoded value split on unescaped `separator`, each part unescaped.
    fn parts(&self, separator: char) -> Vec<String> {
        split_escaped(&self.decoded(), separator)
            .iter()
            .map(|part| unescape(part))
            .collect()
    }
}

/// Unquotes a parameter value and undoes RFC 6868's caret escapes (`^n`, `^'`, `^^`).
fn unquote_param(value: &str) -> String {
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value);
    if !value.contains('^') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '^' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') | Some('N') => out.push('\n'),
            Some('\'') => out.push('"'),
            Some('^') => out.push('^'),
            Some(other) => {
                out.push('^');
                out.push(other);
            }
            None => out.push('^'),
        }
    }
    out
}

/// Decodes quoted-printable (`=C3=A4` → bytes); an `=` not followed by two hex digits is kept.
fn quoted_printable(value: &str) -> Vec<u8> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Splits on a separator that is not escaped with a backslash; escapes stay in the parts.
fn split_escaped(value: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in value.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == separator {
            parts.push(&value[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&value[start..]);
    parts
}

/// Undoes vCard text escapes: `\n` (or `\N`) is a line break, `\,` `\;` `\\` `\:` the
/// character itself; any other backslash is kept, as 2.1 files use it in Windows paths.
fn unescape(value: &str) -> String {
    if !value.contains('\\') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') | Some('N') => out.push('\n'),
            Some(c @ (',' | ';' | '\\' | ':')) => out.push(c),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// A value waiting for the end of the card, when all preferences and Apple labels are known.
struct Ranked {
    rank: u32,
    group: Option<String>,
    types: Vec<String>,
    value: String,
}

struct Address {
    rank: u32,
    types: Vec<String>,
    /// PO box, extended, street, locality, region, postal code, country.
    parts: Vec<String>,
    label: String,
}

/// One card being read.
struct Card {
    start_line: usize,
    version: VCardVersion,
    contact: ImportedContact,
    formatted_name: String,
    name_parts: Vec<String>,
    organisation_card: bool,
    group_card: bool,
    emails: Vec<Ranked>,
    phones: Vec<Ranked>,
    urls: Vec<Ranked>,
    languages: Vec<Ranked>,
    addresses: Vec<Address>,
    label_properties: Vec<String>,
    notes: Vec<String>,
    /// Apple's `itemN.X-ABLabel` values by group.
    group_labels: HashMap<String, String>,
}

impl Card {
    fn new(number: usize, start_line: usize) -> Card {
        Card {
            start_line,
            version: VCardVersion::V3_0,
            contact: ImportedContact {
                source_row: number,
                source_line: start_line,
                ..Default::default()
            },
            formatted_name: String::new(),
            name_parts: Vec::new(),
            organisation_card: false,
            group_card: false,
            emails: Vec::new(),
            phones: Vec::new(),
            urls: Vec::new(),
            languages: Vec::new(),
            addresses: Vec::new(),
            label_properties: Vec::new(),
            notes: Vec::new(),
            group_labels: HashMap::new(),
        }
    }

    fn ranked(property: &Property, value: String) -> Ranked {
        Ranked {
            rank: property.rank(),
            group: property.group.clone(),
            types: property.types(),
            value,
        }
    }

    fn read(&mut self, property: Property, line: usize, warnings: &mut Vec<ImportWarning>) {
        if property.is_binary() {
            // PHOTO, LOGO, SOUND and KEY carry pictures and keys the app does not keep.
            return;
        }
        let contact = &mut self.contact;
        match property.name.as_str() {
            "VERSION" => {
                self.version = match property.value.trim() {
                    v if v.starts_with('2') => VCardVersion::V2_1,
                    v if v.starts_with('4') => VCardVersion::V4_0,
                    _ => VCardVersion::V3_0,
                }
            }
            "FN" => self.formatted_name = property.text(),
            "N" => {
                // Each part may itself be a comma list (several additional names).
                self.name_parts = property
                    .parts(';')
                    .iter()
                    .map(|part| {
                        part.split(',')
                            .map(str::trim)
                            .filter(|p| !p.is_empty())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect();
            }
            "NICKNAME" => {
                let nicknames = property.parts(',').join(", ");
                contact.add_text_attribute(attr::NICKNAME, &nicknames);
            }
            "ORG" => {
                let parts = property.parts(';');
                if let Some((name, units)) = parts.split_first() {
                    contact.company_name = name.trim().to_string();
                    let units = units
                        .iter()
                        .map(|u| u.trim())
                        .filter(|u| !u.is_empty())
                        .collect::<Vec<_>>()
                        .join(", ");
                    contact.add_text_attribute(attr::DEPARTMENT, &units);
                }
            }
            "TITLE" => contact.job_title = property.text(),
            "ROLE" => {
                let role = property.text();
                if contact.job_title.is_empty() {
                    contact.job_title = role;
                } else {
                    contact.add_text_attribute("Role", &role);
                }
            }
            "EMAIL" => {
                let value = property.text();
                self.emails.push(Card::ranked(&property, value));
            }
            "TEL" => {
                let value = phone_value(&property.text());
                self.phones.push(Card::ranked(&property, value));
            }
            "URL" => {
                let value = property.text();
                self.urls.push(Card::ranked(&property, value));
            }
            "LANG" => {
                let value = property.text();
                self.languages.push(Card::ranked(&property, value));
            }
            "ADR" => {
                let mut parts = property.parts(';');
                parts.resize(7, String::new());
                self.addresses.push(Address {
                    rank: property.rank(),
                    types: property.types(),
                    parts,
                    label: property.param("LABEL").unwrap_or_default().to_string(),
                });
            }
            "LABEL" => self.label_properties.push(property.text()),
            "NOTE" => self.notes.push(property.text()),
            "CATEGORIES" => {
                for category in property.parts(',') {
                    contact.add_mailing_group(&category);
                }
            }
            "BDAY" | "ANNIVERSARY" => {
                let name = if property.name == "BDAY" {
                    attr::BIRTHDAY
                } else {
                    attr::ANNIVERSARY
                };
                let mut value = property.text();
                // Apple stores a birthday without a year under a placeholder year it names.
                if let Some(year) = property.param("X-APPLE-OMIT-YEAR") {
                    if let Some(rest) = value.strip_prefix(year) {
                        value = format!("-{rest}");
                    }
                }
                let is_text = property
                    .param("VALUE")
                    .is_some_and(|v| v.eq_ignore_ascii_case("text"));
                if is_text {
                    contact.add_text_attribute(name, &value);
                } else {
                    if !value.trim().is_empty() && super::parse_date(&value).is_none() {
                        warn(
                            warnings,
                            ImportWarning::new(ProblemCode::ImportInvalidDate, line)
                                .with("value", &value),
                        );
                    }
                    contact.set_date_attribute(name, &value);
                }
            }
            "GENDER" => {
                let parts = property.parts(';');
                let gender = parts.iter().find(|p| !p.trim().is_empty());
                if let Some(gender) = gender {
                    contact.add_text_attribute(attr::GENDER, gender);
                }
            }
            "KIND" | "X-KIND" => match property.text().trim().to_ascii_lowercase().as_str() {
                "org" | "organization" | "organisation" => self.organisation_card = true,
                "group" => self.group_card = true,
                _ => {}
            },
            "X-ABSHOWAS" => {
                if property.text().trim().eq_ignore_ascii_case("COMPANY") {
                    self.organisation_card = true;
                }
            }
            "X-ABLABEL" => {
                if let Some(group) = &property.group {
                    let label = property.text();
                    let label = label
                        .trim()
                        .trim_start_matches("_$!<")
                        .trim_end_matches(">!$_")
                        .to_string();
                    self.group_labels.insert(group.clone(), label);
                }
            }
            "UID" => contact.add_text_attribute(attr::UID, &property.text()),
            "IMPP" | "X-AIM" | "X-JABBER" | "X-SKYPE" | "X-MSN" | "X-ICQ" => {
                contact.add_text_attribute("IM", &property.text());
            }
            "X-CUSTOMER-NO" => contact.add_text_attribute(attr::CUSTOMER_NO, &property.text()),
            "X-PHONETIC-FIRST-NAME" => {
                contact.add_text_attribute(attr::PHONETIC_FIRST_NAME, &property.text())
            }
            "X-PHONETIC-MIDDLE-NAME" => {
                contact.add_text_attribute(attr::PHONETIC_MIDDLE_NAME, &property.text())
            }
            "X-PHONETIC-LAST-NAME" => {
                contact.add_text_attribute(attr::PHONETIC_LAST_NAME, &property.text())
            }
            "X-SOCIALPROFILE" => {
                let types = property.types();
                let name = match types.first() {
                    Some(kind) => format!("Social Profile ({kind})"),
                    None => "Social Profile".to_string(),
                };
                contact.add_text_attribute(&name, &property.text());
            }
            "X-SEGMENTTI-ATTRIBUTE" => {
                // Our own export writes custom attributes this way, with the exact name.
                let name = property.param("X-NAME").unwrap_or("Attribute").to_string();
                contact.add_text_attribute(&name, &property.text());
            }
            // Card structure, sync identity, pictures, time zones and Apple's own bookkeeping:
            // nothing a contact here keeps.
            "PRODID"
            | "REV"
            | "PHOTO"
            | "LOGO"
            | "SOUND"
            | "KEY"
            | "TZ"
            | "GEO"
            | "CLIENTPIDMAP"
            | "SOURCE"
            | "NAME"
            | "MAILER"
            | "CLASS"
            | "SORT-STRING"
            | "AGENT"
            | "MEMBER"
            | "RELATED"
            | "XML"
            | "FBURL"
            | "CALADRURI"
            | "CALURI"
            | "PROFILE"
            | "X-ABADR"
            | "X-ABUID"
            | "X-ABPERSONALWEBPAGE" => {}
            other => {
                // Anything else, X- extensions above all, is kept under its own name
                // (import-formats.md: "keep unknown X- properties").
                let value = property.text();
                contact.add_text_attribute(other, &value);
            }
        }
    }

    /// The Apple label of a grouped property, or its types, to name an extra value by.
    fn label_of(&self, ranked: &Ranked) -> String {
        ranked
            .group
            .as_ref()
            .and_then(|g| self.group_labels.get(g))
            .cloned()
            .unwrap_or_else(|| {
                ranked
                    .types
                    .iter()
                    .filter(|t| !matches!(t.as_str(), "pref" | "internet" | "voice" | "x400"))
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            })
    }

    fn finish(mut self, parsed: &mut ParsedImport) {
        if self.group_card {
            parsed.warnings.push(ImportWarning::new(
                ProblemCode::ImportVcardGroupSkipped,
                self.start_line,
            ));
            return;
        }
        *parsed.vcard_versions.entry(self.version).or_default() += 1;

        let by_rank = |list: &mut Vec<Ranked>| list.sort_by_key(|r| r.rank);
        by_rank(&mut self.emails);
        by_rank(&mut self.phones);
        by_rank(&mut self.urls);
        by_rank(&mut self.languages);
        self.addresses.sort_by_key(|a| a.rank);

        let emails = std::mem::take(&mut self.emails);
        for email in &emails {
            self.contact.push_email(&email.value);
        }
        let phones = std::mem::take(&mut self.phones);
        for phone in &phones {
            let label = self.label_of(phone);
            let kind = PhoneKind::from_label(&phone.types.join(","));
            self.contact.push_phone(&phone.value, kind, &label);
        }
        let urls = std::mem::take(&mut self.urls);
        for url in &urls {
            if self.contact.website.is_empty() {
                self.contact.website = url.value.trim().to_string();
            } else {
                let label = self.label_of(url);
                let name = if label.is_empty() {
                    attr::WEBSITE.to_string()
                } else {
                    format!("{} ({label})", attr::WEBSITE)
                };
                self.contact.add_text_attribute(&name, &url.value);
            }
        }
        if let Some(language) = self.languages.first() {
            self.contact.set_language(&language.value);
        }
        self.read_addresses();
        self.contact.notes = self.notes.join("\n\n");

        let mut parts = std::mem::take(&mut self.name_parts);
        parts.resize(5, String::new());
        let contact = &mut self.contact;
        contact.surname = std::mem::take(&mut parts[0]);
        contact.first_name = std::mem::take(&mut parts[1]);
        contact.middle_name = std::mem::take(&mut parts[2]);
        contact.add_text_attribute(attr::NAME_PREFIX, &parts[3]);
        contact.add_text_attribute(attr::NAME_SUFFIX, &parts[4]);
        contact.name = self.formatted_name.trim().to_string();
        if self.organisation_card {
            contact.kind = ContactKind::Company;
            if contact.company_name.is_empty() {
                contact.company_name = contact.name.clone();
            }
        }
        contact.finish();
        parsed.contacts.push(self.contact);
    }

    fn read_addresses(&mut self) {
        let contact = &mut self.contact;
        for (index, address) in self.addresses.iter().enumerate() {
            let p = &address.parts;
            let structured_empty = p.iter().all(|part| part.trim().is_empty());
            if index > 0 {
                let text = if structured_empty {
                    address.label.replace('\n', ", ")
                } else {
                    p.iter()
                        .map(|part| part.trim())
                        .filter(|part| !part.is_empty())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let kind = address
                    .types
                    .iter()
                    .find(|t| *t != "pref")
                    .cloned()
                    .unwrap_or_default();
                let name = if kind.is_empty() {
                    attr::ADDRESS.to_string()
                } else {
                    format!("{} ({kind})", attr::ADDRESS)
                };
                contact.add_text_attribute(&name, &text);
                continue;
            }
            if structured_empty {
                let lines = address.label.lines().collect::<Vec<_>>();
                contact.set_street(
                    lines.first().copied().unwrap_or(""),
                    &lines[1.min(lines.len())..],
                );
                continue;
            }
            contact.set_street(&p[2], &[&p[1], &p[0]]);
            contact.city = p[3].trim().to_string();
            contact.county = p[4].trim().to_string();
            contact.post_code = p[5].trim().to_string();
            contact.country = p[6].trim().to_string();
        }
        if self.addresses.is_empty() {
            // vCard 3.0's LABEL alone (no ADR): the formatted address is all there is.
            if let Some(label) = self.label_properties.first() {
                let lines = label.lines().collect::<Vec<_>>();
                contact.set_street(
                    lines.first().copied().unwrap_or(""),
                    &lines[1.min(lines.len())..],
                );
            }
        }
    }
}

/// A phone value without the `tel:` scheme of vCard 4.0 URIs; an extension is kept readable.
fn phone_value(value: &str) -> String {
    let value = value.trim();
    let Some(uri) = super::strip_prefix_ignore_case(value, "tel:") else {
        return value.to_string();
    };
    let mut parts = uri.split(';');
    let number = parts.next().unwrap_or_default().to_string();
    match parts.find_map(|p| p.strip_prefix("ext=")) {
        Some(extension) => format!("{number} ext. {extension}"),
        None => number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::AttrValue;

    fn one(text: &str) -> ImportedContact {
        let parsed = parse(text);
        assert_eq!(parsed.contacts.len(), 1, "{parsed:?}");
        parsed.contacts.into_iter().next().unwrap()
    }

    #[test]
    fn folded_lines_are_unfolded_and_escapes_undone() {
        let card = one(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Aino Pöyhönen\r\nNOTE:First\\nSecond\\, with comma\r\n  and a fold\\; done \\\\ ok\r\nEND:VCARD\r\n",
        );
        assert_eq!(
            card.notes,
            "First\nSecond, with comma and a fold; done \\ ok"
        );
        assert_eq!(card.first_name, "Aino");
        assert_eq!(card.surname, "Pöyhönen");
    }

    #[test]
    fn quoted_printable_with_soft_breaks_and_charset_is_decoded() {
        let card = one(
            "BEGIN:VCARD\nVERSION:2.1\nN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=4A=C3=A4=72=76=69=6E=65=6E;=4A=\n=75=68=61;;;\nNOTE;QUOTED-PRINTABLE;CHARSET=ISO-8859-1:S=E4de=0D=0Arivi\nTEL;CELL;PREF:+358 40 1\nEND:VCARD\n",
        );
        assert_eq!(card.surname, "Järvinen");
        assert_eq!(card.first_name, "Juha");
        assert_eq!(card.notes, "Säde\nrivi");
        assert_eq!(card.mobile, "+358 40 1");
    }

    #[test]
    fn type_parameters_in_every_spelling_and_pref_order_the_values() {
        let card = one(concat!(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A B\r\n",
            "EMAIL;TYPE=home:second@x.example\r\n",
            "EMAIL;TYPE=work;PREF=1:first@x.example\r\n",
            "TEL;VALUE=uri;TYPE=\"cell,voice\";PREF=1:tel:+358-40-1\r\n",
            "TEL;type=WORK;type=VOICE:09 1\r\n",
            "TEL;TYPE=WORK,FAX:09 2\r\n",
            "END:VCARD\r\n"
        ));
        assert_eq!(card.email, "first@x.example");
        assert_eq!(card.email_2, "second@x.example");
        assert_eq!(card.mobile, "+358-40-1");
        assert_eq!(card.phone, "09 1");
        assert_eq!(card.attributes[attr::FAX], AttrValue::Text("09 2".into()));
    }

    #[test]
    fn apple_groups_label_their_values() {
        let card = one(concat!(
            "BEGIN:VCARD\nVERSION:3.0\nN:Y;X;;;\nFN:X Y\n",
            "EMAIL;type=INTERNET;type=pref:a@x.example\n",
            "EMAIL;type=INTERNET:b@x.example\n",
            "item1.EMAIL;type=INTERNET:c@x.example\nitem1.X-ABLabel:Laskutus\n",
            "item2.URL;type=pref:www.x.example\nitem2.X-ABLabel:_$!<HomePage>!$_\n",
            "END:VCARD\n"
        ));
        assert_eq!(card.email_2, "b@x.example");
        assert_eq!(
            card.attributes["E-mail 3"],
            AttrValue::Text("c@x.example".into())
        );
        assert_eq!(card.website, "www.x.example");
    }

    #[test]
    fn organisation_cards_and_cards_without_n_are_read() {
        let org = one("BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Acme Oy\nORG:Acme Oy\nEND:VCARD\n");
        assert!(org.is_company());
        assert_eq!(org.name, "Acme Oy");
        let apple = one(
            "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:Söderberg Bygg AB\nORG:Söderberg Bygg AB;\nX-ABShowAs:COMPANY\nEND:VCARD\n",
        );
        assert!(apple.is_company());
        let no_n = one("BEGIN:VCARD\nVERSION:4.0\nFN:Sami Hämäläinen\nEND:VCARD\n");
        assert_eq!(
            (no_n.first_name.as_str(), no_n.surname.as_str()),
            ("Sami", "Hämäläinen")
        );
    }

    #[test]
    fn photos_agents_and_groups_are_skipped_and_a_missing_end_is_tolerated() {
        let parsed = parse(concat!(
            "BEGIN:VCARD\nVERSION:2.1\nFN:A B\nPHOTO;ENCODING=BASE64;JPEG:AAAA\n  BBBB\n\n",
            "AGENT:\nBEGIN:VCARD\nFN:Agent Smith\nEND:VCARD\nEND:VCARD\n",
            "BEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:Team\nEND:VCARD\n",
            "BEGIN:VCARD\nVERSION:4.0\nFN:C D\n"
        ));
        let names: Vec<_> = parsed.contacts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["A B", "C D"]);
        let codes: Vec<_> = parsed.warnings.iter().map(|w| w.code.as_str()).collect();
        assert!(codes.contains(&"import.vcard_group_skipped"));
        assert!(codes.contains(&"import.vcard_unterminated"));
    }

    #[test]
    fn apple_omitted_years_and_partial_dates_are_birthdays_without_year() {
        let card = one(
            "BEGIN:VCARD\nVERSION:3.0\nFN:A B\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-12-13\nEND:VCARD\n",
        );
        assert_eq!(
            card.attributes[attr::BIRTHDAY],
            AttrValue::Text("--12-13".into())
        );
    }
}
