//! Google Contacts CSV (current and legacy) and Outlook CSV (desktop and Outlook.com), read by
//! header name (import-formats.md §4.1, §4.2).
//!
//! Each reader takes the columns it understands and keeps every other non-empty cell as a
//! custom attribute named after its header, so that a field the app has no place for (a
//! spouse's name, a second organisation, a phonetic name) is not lost on import. Columns that
//! only carry an exporter's defaults (Outlook's `Normal` priority, `Unspecified` gender, the
//! derived initials and display names) are not kept.

use super::detect::header_key;
use super::{attr, ImportedContact, ParsedImport, PhoneKind};
use super::{csv_table::CsvTable, ImportWarning};
use crate::core::problem::ProblemCode;
use std::collections::HashMap;
use std::ops::Range;

/// The columns of a table by normalised header, and its numbered groups
/// (`<Kind> <N> - <Part>`, e.g. `E-mail 2 - Value`) parsed generically.
struct Columns {
    by_name: HashMap<String, usize>,
    /// Groups ordered by kind and number, each with its parts (`label`, `value`, `street` …).
    groups: Vec<Group>,
}

struct Group {
    kind: String,
    parts: Vec<(String, usize)>,
}

impl Group {
    fn part(&self, name: &str) -> Option<usize> {
        self.parts.iter().find(|(p, _)| p == name).map(|(_, c)| *c)
    }
}

/// A group while the headers are read: kind, number, and parts with their columns.
type NumberedGroup = (String, u32, Vec<(String, usize)>);

impl Columns {
    fn new(headers: &[String]) -> Self {
        let mut by_name = HashMap::new();
        // Kind, number and parts of each group, in header order until sorted below.
        let mut groups: Vec<NumberedGroup> = Vec::new();
        for (column, header) in headers.iter().enumerate() {
            let key = header_key(header);
            by_name.entry(key.clone()).or_insert(column);
            let Some((left, part)) = key.split_once(" - ") else {
                continue;
            };
            let Some((kind, number)) = left.rsplit_once(' ') else {
                continue;
            };
            let Ok(number) = number.parse::<u32>() else {
                continue;
            };
            // Google wrote `Type` where it now writes `Label`; they mean the same.
            let part = if part == "type" { "label" } else { part };
            match groups
                .iter_mut()
                .find(|(k, n, _)| k == kind && *n == number)
            {
                Some((_, _, parts)) => parts.push((part.to_string(), column)),
                None => groups.push((kind.to_string(), number, vec![(part.to_string(), column)])),
            }
        }
        groups.sort_by(|a, b| (a.0.as_str(), a.1).cmp(&(b.0.as_str(), b.1)));
        Columns {
            by_name,
            groups: groups
                .into_iter()
                .map(|(kind, _, parts)| Group { kind, parts })
                .collect(),
        }
    }

    fn groups<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Group> + 'a {
        self.groups.iter().filter(move |g| g.kind == kind)
    }
}

/// One row being read; remembers which columns were taken so the rest become attributes.
struct Row<'a> {
    table: &'a CsvTable,
    columns: &'a Columns,
    row: usize,
    used: Vec<bool>,
}

impl<'a> Row<'a> {
    fn new(table: &'a CsvTable, columns: &'a Columns, row: usize) -> Self {
        Row {
            table,
            columns,
            row,
            used: vec![false; table.width()],
        }
    }

    /// The cell under the first of `names` that the file has (trimmed); marks it as taken.
    fn get(&mut self, names: &[&str]) -> &'a str {
        for name in names {
            if let Some(&column) = self.columns.by_name.get(*name) {
                return self.at(column);
            }
        }
        ""
    }

    fn at(&mut self, column: usize) -> &'a str {
        if let Some(used) = self.used.get_mut(column) {
            *used = true;
        }
        self.table.cell(self.row, column).trim()
    }

    fn part(&mut self, group: &Group, part: &str) -> &'a str {
        group.part(part).map(|c| self.at(c)).unwrap_or("")
    }

    /// Marks columns as read without using them (defaults and derived values).
    fn skip(&mut self, names: &[&str]) {
        for name in names {
            if let Some(&column) = self.columns.by_name.get(*name) {
                self.used[column] = true;
            }
        }
    }

    /// Keeps every non-empty cell nobody took as an attribute named after its header.
    fn keep_the_rest(&self, contact: &mut ImportedContact) {
        for (column, used) in self.used.iter().enumerate() {
            if !used {
                let value = self.table.cell(self.row, column);
                if !is_placeholder(value) {
                    contact.add_text_attribute(&self.table.headers[column], value);
                }
            }
        }
    }

    fn new_contact(&self) -> ImportedContact {
        let place = self.table.place(self.row);
        ImportedContact {
            source_row: place.row,
            source_line: place.line,
            ..Default::default()
        }
    }
}

/// Values exporters write for "nothing": Outlook's empty date and its default flags.
fn is_placeholder(value: &str) -> bool {
    matches!(
        value.trim(),
        "" | "0/0/00" | "1/1/4501" | "Unspecified" | "Normal" | "False"
    )
}

/// Splits a multi-value cell: Google joins values with ` ::: `.
fn multi(value: &str) -> impl Iterator<Item = &str> {
    value.split(":::").map(str::trim).filter(|v| !v.is_empty())
}

/// Header names of custom fields that hold a customer number, in the languages of the sample
/// data and the product, so they all become the one `Customer No.` attribute.
const CUSTOMER_NO_LABELS: &[&str] = &[
    "customer no.",
    "customer no",
    "customer number",
    "customer id",
    "asiakasnumero",
    "asiakasnro",
    "kundennummer",
    "kundnummer",
    "kundnr",
];

const LANGUAGE_LABELS: &[&str] = &["language", "kieli", "sprache", "språk", "langue"];

/// Reads Google Contacts CSV, current (`First Name`, `Labels`) or legacy (`Given Name`,
/// `Group Membership`).
pub fn parse_google(table: &CsvTable) -> ParsedImport {
    let mut parsed = ParsedImport::default();
    parse_google_rows(table, 0..table.len(), &mut parsed);
    parsed
}

/// Reads some data rows of a Google Contacts CSV into `parsed`, after the rows already there.
/// Every row is read on its own, so reading a table slice by slice gives what [`parse_google`]
/// gives; the import wizard does that to keep the page responsive.
pub fn parse_google_rows(table: &CsvTable, rows: Range<usize>, parsed: &mut ParsedImport) {
    let columns = Columns::new(&table.headers);
    for index in rows.start..rows.end.min(table.len()) {
        let mut row = Row::new(table, &columns, index);
        let mut contact = row.new_contact();
        read_google_row(&mut row, &mut contact, &mut parsed.warnings);
        row.keep_the_rest(&mut contact);
        contact.finish();
        parsed.contacts.push(contact);
    }
}

fn read_google_row(
    row: &mut Row,
    contact: &mut ImportedContact,
    warnings: &mut Vec<ImportWarning>,
) {
    contact.first_name = row.get(&["first name", "given name"]).to_string();
    contact.middle_name = row.get(&["middle name", "additional name"]).to_string();
    contact.surname = row.get(&["last name", "family name"]).to_string();
    contact.name = row.get(&["name"]).to_string();
    let prefix = row.get(&["name prefix"]);
    contact.add_text_attribute(attr::NAME_PREFIX, prefix);
    let suffix = row.get(&["name suffix"]);
    contact.add_text_attribute(attr::NAME_SUFFIX, suffix);
    let nickname = row.get(&["nickname"]);
    contact.add_text_attribute(attr::NICKNAME, nickname);
    row.skip(&["file as", "photo", "initials"]);

    contact.company_name = row.get(&["organization name"]).to_string();
    contact.job_title = row.get(&["organization title"]).to_string();
    let department = row.get(&["organization department"]);
    contact.add_text_attribute(attr::DEPARTMENT, department);
    // The legacy export numbers organisations; the first one is the contact's company.
    if let Some(org) = row.columns.groups("organization").next() {
        if contact.company_name.is_empty() {
            contact.company_name = row.part(org, "name").to_string();
        }
        if contact.job_title.is_empty() {
            contact.job_title = row.part(org, "title").to_string();
        }
        let department = row.part(org, "department");
        contact.add_text_attribute(attr::DEPARTMENT, department);
        row.part(org, "label");
    }

    let birthday = row.get(&["birthday"]);
    if !birthday.is_empty() && super::parse_date(birthday).is_none() {
        // Kept as text, so nothing is lost, but the user may want to correct it.
        warnings.push(
            ImportWarning::new(
                ProblemCode::ImportInvalidDate,
                row.table.place(row.row).line,
            )
            .with("value", birthday),
        );
    }
    contact.set_date_attribute(attr::BIRTHDAY, birthday);
    contact.notes = row.get(&["notes"]).to_string();
    let language = row.get(&["language"]);
    contact.set_language(language);
    for label in multi(row.get(&["labels", "group membership"])) {
        contact.add_mailing_group(label);
    }

    // E-mail addresses: the one Google marks primary (`* Work`) first, then in file order.
    let mut emails = Vec::new();
    for group in row.columns.groups("e-mail") {
        let label = row.part(group, "label");
        let primary = label.starts_with('*');
        for value in multi(row.part(group, "value")) {
            emails.push((!primary, value));
        }
    }
    emails.sort_by_key(|(not_primary, _)| *not_primary);
    for (_, address) in emails {
        contact.push_email(address);
    }

    for group in row.columns.groups("phone") {
        let label = row.part(group, "label").trim_start_matches('*').trim();
        for number in multi(row.part(group, "value")) {
            contact.push_phone(number, PhoneKind::from_label(label), label);
        }
    }

    let mut have_address = false;
    for group in row.columns.groups("address") {
        let label = row.part(group, "label").trim_start_matches('*').trim();
        let formatted = row.part(group, "formatted");
        let street = row.part(group, "street");
        let extended = row.part(group, "extended address");
        let po_box = row.part(group, "po box");
        let city = row.part(group, "city");
        let region = row.part(group, "region");
        let post_code = row.part(group, "postal code");
        let country = row.part(group, "country");
        let structured = [street, extended, po_box, city, region, post_code, country];
        if structured.iter().all(|p| p.is_empty()) && formatted.is_empty() {
            continue;
        }
        if have_address {
            let text = if formatted.is_empty() {
                structured
                    .iter()
                    .filter(|p| !p.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                formatted.replace('\n', ", ")
            };
            contact.add_text_attribute(&labelled(attr::ADDRESS, label), &text);
            continue;
        }
        have_address = true;
        if structured.iter().all(|p| p.is_empty()) {
            // Only the formatted address: its first line is the street, the rest the second
            // address line; post code and city stay inside it, since their order varies by
            // country.
            let lines = formatted.lines().collect::<Vec<_>>();
            contact.set_street(
                lines.first().copied().unwrap_or(""),
                &lines[1.min(lines.len())..],
            );
        } else {
            contact.set_street(street, &[extended, po_box]);
            contact.city = city.to_string();
            contact.county = region.to_string();
            contact.post_code = post_code.to_string();
            contact.country = country.to_string();
        }
    }

    for group in row.columns.groups("website") {
        let label = row.part(group, "label").trim_start_matches('*').trim();
        for url in multi(row.part(group, "value")) {
            if contact.website.is_empty() {
                contact.website = url.to_string();
            } else {
                contact.add_text_attribute(&labelled(attr::WEBSITE, label), url);
            }
        }
    }

    for group in row.columns.groups("event") {
        let label = row.part(group, "label").trim_start_matches('*').trim();
        let value = row.part(group, "value");
        let name = if label.eq_ignore_ascii_case("anniversary") || label.is_empty() {
            attr::ANNIVERSARY
        } else {
            label
        };
        contact.set_date_attribute(name, value);
    }

    for group in row.columns.groups("custom field") {
        let label = row.part(group, "label").trim();
        let value = row.part(group, "value");
        custom_field(contact, label, value);
    }
}

/// A labelled custom field: customer numbers and languages in any of their spellings go to their
/// one place; any other label becomes an attribute of that name.
fn custom_field(contact: &mut ImportedContact, label: &str, value: &str) {
    let key = label.to_lowercase();
    if CUSTOMER_NO_LABELS.contains(&key.as_str()) {
        contact.add_text_attribute(attr::CUSTOMER_NO, value);
    } else if LANGUAGE_LABELS.contains(&key.as_str()) {
        contact.set_language(value);
    } else if label.is_empty() {
        contact.add_text_attribute("Custom Field", value);
    } else {
        contact.add_text_attribute(label, value);
    }
}

fn labelled(base: &str, label: &str) -> String {
    if label.is_empty() {
        base.to_string()
    } else {
        format!("{base} ({label})")
    }
}

/// Reads Outlook CSV: the desktop export (92 columns) or Outlook.com's (61), by header name.
pub fn parse_outlook(table: &CsvTable) -> ParsedImport {
    let mut parsed = ParsedImport::default();
    parse_outlook_rows(table, 0..table.len(), &mut parsed);
    parsed
}

/// Reads some data rows of an Outlook CSV into `parsed`, as [`parse_google_rows`] does.
pub fn parse_outlook_rows(table: &CsvTable, rows: Range<usize>, parsed: &mut ParsedImport) {
    let columns = Columns::new(&table.headers);
    for index in rows.start..rows.end.min(table.len()) {
        let mut row = Row::new(table, &columns, index);
        let mut contact = row.new_contact();
        read_outlook_row(&mut row, &mut contact);
        row.keep_the_rest(&mut contact);
        contact.finish();
        parsed.contacts.push(contact);
    }
}

fn read_outlook_row(row: &mut Row, contact: &mut ImportedContact) {
    contact.first_name = row.get(&["first name"]).to_string();
    contact.middle_name = row.get(&["middle name"]).to_string();
    contact.surname = row.get(&["last name"]).to_string();
    let title = row.get(&["title"]);
    contact.add_text_attribute(attr::NAME_PREFIX, title);
    let suffix = row.get(&["suffix"]);
    contact.add_text_attribute(attr::NAME_SUFFIX, suffix);
    let nickname = row.get(&["nickname"]);
    contact.add_text_attribute(attr::NICKNAME, nickname);
    contact.company_name = row.get(&["company"]).to_string();
    contact.job_title = row.get(&["job title"]).to_string();
    let department = row.get(&["department"]);
    contact.add_text_attribute(attr::DEPARTMENT, department);
    row.skip(&[
        "initials",
        "e-mail type",
        "e-mail display name",
        "e-mail 2 type",
        "e-mail 2 display name",
        "e-mail 3 type",
        "e-mail 3 display name",
        "internet free busy",
        "priority",
        "sensitivity",
        "private",
    ]);
    let gender = row.get(&["gender"]);
    if !is_placeholder(gender) {
        contact.add_text_attribute(attr::GENDER, gender);
    }

    // The first of the business, home and other addresses that has anything in it; the others
    // are kept whole as attributes.
    let mut have_address = false;
    for prefix in ["business", "home", "other"] {
        let name = |suffix: &str| format!("{prefix} {suffix}");
        let street = row.get(&[&name("street")]);
        let street_2 = row.get(&[&name("street 2")]);
        let street_3 = row.get(&[&name("street 3")]);
        let po_box = row.get(&[&name("address po box")]);
        let city = row.get(&[&name("city")]);
        let state = row.get(&[&name("state")]);
        let post_code = row.get(&[&name("postal code")]);
        let country = row.get(&[&name("country/region"), &name("country")]);
        let parts = [
            street, street_2, street_3, po_box, city, state, post_code, country,
        ];
        if parts.iter().all(|p| p.is_empty()) {
            continue;
        }
        if have_address {
            let text = parts
                .iter()
                .filter(|p| !p.is_empty())
                .map(|p| p.replace('\n', ", "))
                .collect::<Vec<_>>()
                .join(", ");
            let label = format!("{}{} Address", prefix[..1].to_uppercase(), &prefix[1..]);
            contact.add_text_attribute(&label, &text);
            continue;
        }
        have_address = true;
        contact.set_street(street, &[street_2, street_3, po_box]);
        contact.city = city.to_string();
        contact.county = state.to_string();
        contact.post_code = post_code.to_string();
        contact.country = country.to_string();
    }

    // Phones: the mobile first, then the numbers most likely to reach the person; the rest are
    // kept under their own header.
    const PHONES: &[(&str, PhoneKind)] = &[
        ("mobile phone", PhoneKind::Mobile),
        ("business phone", PhoneKind::Voice),
        ("company main phone", PhoneKind::Voice),
        ("primary phone", PhoneKind::Voice),
        ("home phone", PhoneKind::Voice),
        ("business phone 2", PhoneKind::Voice),
        ("home phone 2", PhoneKind::Voice),
        ("other phone", PhoneKind::Voice),
        ("car phone", PhoneKind::Voice),
        ("callback", PhoneKind::Voice),
        ("radio phone", PhoneKind::Voice),
        ("isdn", PhoneKind::Voice),
        ("tty/tdd phone", PhoneKind::Voice),
        ("telex", PhoneKind::Voice),
        ("business fax", PhoneKind::Fax),
        ("home fax", PhoneKind::Fax),
        ("other fax", PhoneKind::Fax),
        ("pager", PhoneKind::Pager),
    ];
    for (header, kind) in PHONES {
        let Some(&column) = row.columns.by_name.get(*header) else {
            continue;
        };
        let number = row.at(column);
        if number.is_empty() {
            continue;
        }
        let fits = match kind {
            PhoneKind::Mobile => contact.mobile.is_empty(),
            PhoneKind::Voice => contact.phone.is_empty(),
            PhoneKind::Fax | PhoneKind::Pager => false,
        };
        if fits {
            contact.push_phone(number, *kind, "");
        } else {
            contact.add_text_attribute(&row.table.headers[column], number);
        }
    }

    for header in ["e-mail address", "e-mail 2 address", "e-mail 3 address"] {
        let Some(&column) = row.columns.by_name.get(header) else {
            continue;
        };
        let address = row.at(column);
        // An Exchange-internal address (`/o=ExchangeLabs/…`) is no use for mail; keep it, but
        // not as the contact's e-mail.
        if address.contains('@') {
            contact.push_email(address);
        } else {
            contact.add_text_attribute(&row.table.headers[column], address);
        }
    }

    contact.website = row.get(&["web page"]).to_string();
    let personal = row.get(&["personal web page"]);
    if contact.website.is_empty() {
        contact.website = personal.to_string();
    } else {
        contact.add_text_attribute("Personal Web Page", personal);
    }
    contact.notes = row.get(&["notes"]).to_string();
    let language = row.get(&["language"]);
    contact.set_language(language);
    let birthday = row.get(&["birthday"]);
    contact.set_date_attribute(attr::BIRTHDAY, birthday);
    let anniversary = row.get(&["anniversary"]);
    contact.set_date_attribute(attr::ANNIVERSARY, anniversary);
    for category in row.get(&["categories"]).split(';').flat_map(multi) {
        contact.add_mailing_group(category);
    }
}
