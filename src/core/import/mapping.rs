//! Any CSV file through a column mapping: the user says which column holds which contact field,
//! helped by a suggestion made from the header names in English and Finnish (and the Swedish
//! and German ones Nordic users meet), including the column names of our own contact export.

use super::csv_table::CsvTable;
use super::{collapse_spaces, ImportError, ImportedContact, ParsedImport, PhoneKind};
use crate::core::model::ContactKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;

/// The contact field a column is read into.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TargetField {
    /// `Company` / `Person` (also `yritys` / `henkilö`); without it, a row with an organisation
    /// and no person name is a company.
    Kind,
    /// A full name, split into parts when no part column is mapped.
    Name,
    FirstName,
    MiddleName,
    Surname,
    CompanyName,
    JobTitle,
    Address,
    Address2,
    PostCode,
    City,
    County,
    Country,
    Phone,
    Mobile,
    Email,
    Email2,
    Website,
    Notes,
    Language,
    Birthday,
    /// Labels, tags or categories, separated by `;`, `,` or ` ::: `.
    MailingGroups,
    /// A custom attribute of this name (the header's, when empty).
    Attribute(String),
}

impl TargetField {
    /// Every field except attributes, in the order a mapping form lists them.
    pub const FIXED: &'static [TargetField] = &[
        TargetField::Kind,
        TargetField::Name,
        TargetField::FirstName,
        TargetField::MiddleName,
        TargetField::Surname,
        TargetField::CompanyName,
        TargetField::JobTitle,
        TargetField::Address,
        TargetField::Address2,
        TargetField::PostCode,
        TargetField::City,
        TargetField::County,
        TargetField::Country,
        TargetField::Phone,
        TargetField::Mobile,
        TargetField::Email,
        TargetField::Email2,
        TargetField::Website,
        TargetField::Notes,
        TargetField::Language,
        TargetField::Birthday,
        TargetField::MailingGroups,
    ];

    /// A stable identifier for the UI's catalogue (`first_name`, `email_2`, `attribute` …).
    pub fn code(&self) -> &'static str {
        match self {
            TargetField::Kind => "kind",
            TargetField::Name => "name",
            TargetField::FirstName => "first_name",
            TargetField::MiddleName => "middle_name",
            TargetField::Surname => "surname",
            TargetField::CompanyName => "company_name",
            TargetField::JobTitle => "job_title",
            TargetField::Address => "address",
            TargetField::Address2 => "address_2",
            TargetField::PostCode => "post_code",
            TargetField::City => "city",
            TargetField::County => "county",
            TargetField::Country => "country",
            TargetField::Phone => "phone",
            TargetField::Mobile => "mobile",
            TargetField::Email => "email",
            TargetField::Email2 => "email_2",
            TargetField::Website => "website",
            TargetField::Notes => "notes",
            TargetField::Language => "language",
            TargetField::Birthday => "birthday",
            TargetField::MailingGroups => "mailing_groups",
            TargetField::Attribute(_) => "attribute",
        }
    }

    fn names_a_contact(&self) -> bool {
        matches!(
            self,
            TargetField::Name
                | TargetField::FirstName
                | TargetField::Surname
                | TargetField::CompanyName
                | TargetField::Email
                | TargetField::Email2
        )
    }
}

/// Which column (by index, from 0) goes to which field; unmapped columns are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ColumnMapping {
    pub columns: BTreeMap<usize, TargetField>,
}

impl ColumnMapping {
    pub fn set(&mut self, column: usize, target: TargetField) -> &mut Self {
        self.columns.insert(column, target);
        self
    }

    pub fn clear(&mut self, column: usize) -> &mut Self {
        self.columns.remove(&column);
        self
    }

    pub fn target(&self, column: usize) -> Option<&TargetField> {
        self.columns.get(&column)
    }
}

/// Header spellings per field, after [`suggestion_key`] normalisation (lower case, `e-mail` →
/// `email`, punctuation as spaces).
const SYNONYMS: &[(TargetField, &[&str])] = &[
    (
        TargetField::Kind,
        &[
            "kind",
            "contact type",
            "contact kind",
            "tyyppi",
            "yhteystiedon tyyppi",
            "laji",
        ],
    ),
    (
        TargetField::FirstName,
        &[
            "first name",
            "firstname",
            "given name",
            "forename",
            "first",
            "etunimi",
            "etunimet",
            "förnamn",
            "fornamn",
            "vorname",
        ],
    ),
    (
        TargetField::MiddleName,
        &[
            "middle name",
            "middlename",
            "additional name",
            "toinen nimi",
            "muut etunimet",
            "mellannamn",
            "zweiter vorname",
        ],
    ),
    (
        TargetField::Surname,
        &[
            "last name",
            "lastname",
            "surname",
            "family name",
            "last",
            "sukunimi",
            "efternamn",
            "nachname",
            "familienname",
        ],
    ),
    (
        TargetField::Name,
        &[
            "name",
            "full name",
            "fullname",
            "display name",
            "contact name",
            "contact",
            "nimi",
            "koko nimi",
            "yhteyshenkilö",
            "namn",
            "fullständigt namn",
            "vollständiger name",
        ],
    ),
    (
        TargetField::CompanyName,
        &[
            "company",
            "company name",
            "organization",
            "organisation",
            "organization name",
            "organisation name",
            "organization 1 name",
            "org",
            "account name",
            "employer",
            "yritys",
            "yrityksen nimi",
            "yhtiö",
            "organisaatio",
            "työnantaja",
            "firma",
            "företag",
            "företagsnamn",
            "unternehmen",
            "firmenname",
        ],
    ),
    (
        TargetField::JobTitle,
        &[
            "job title",
            "jobtitle",
            "title",
            "position",
            "role",
            "organization title",
            "organization 1 title",
            "titteli",
            "tehtävänimike",
            "ammattinimike",
            "asema",
            "nimike",
            "rooli",
            "befattning",
            "titel",
            "position titel",
            "berufsbezeichnung",
        ],
    ),
    (
        TargetField::Address,
        &[
            "address",
            "street",
            "street address",
            "address 1",
            "address line 1",
            "address1",
            "business street",
            "home street",
            "address 1 street",
            "osoite",
            "katuosoite",
            "lähiosoite",
            "postiosoite",
            "adress",
            "gatuadress",
            "utdelningsadress",
            "straße",
            "strasse",
            "anschrift",
        ],
    ),
    (
        TargetField::Address2,
        &[
            "address 2",
            "address line 2",
            "address2",
            "street 2",
            "business street 2",
            "home street 2",
            "c o",
            "osoite 2",
            "osoiterivi 2",
            "lisäosoite",
            "adress 2",
            "adressrad 2",
            "adresszusatz",
        ],
    ),
    (
        TargetField::PostCode,
        &[
            "post code",
            "postcode",
            "postal code",
            "zip",
            "zip code",
            "zipcode",
            "business postal code",
            "home postal code",
            "address 1 postal code",
            "postinumero",
            "postnummer",
            "plz",
            "postleitzahl",
        ],
    ),
    (
        TargetField::City,
        &[
            "city",
            "town",
            "business city",
            "home city",
            "address 1 city",
            "postitoimipaikka",
            "kaupunki",
            "paikkakunta",
            "kotikunta",
            "kunta",
            "ort",
            "stad",
            "postort",
        ],
    ),
    (
        TargetField::County,
        &[
            "county",
            "state",
            "region",
            "province",
            "business state",
            "home state",
            "address 1 region",
            "maakunta",
            "lääni",
            "alue",
            "län",
            "landskap",
            "bundesland",
        ],
    ),
    (
        TargetField::Country,
        &[
            "country",
            "country region",
            "country code",
            "business country region",
            "business country",
            "home country region",
            "address 1 country",
            "maa",
            "valtio",
            "land",
            "staat",
        ],
    ),
    (
        TargetField::Phone,
        &[
            "phone",
            "telephone",
            "tel",
            "phone number",
            "business phone",
            "work phone",
            "office phone",
            "home phone",
            "phone 1 value",
            "puhelin",
            "puhelinnumero",
            "puh",
            "työpuhelin",
            "puhelin työ",
            "lankapuhelin",
            "telefon",
            "telefonnummer",
        ],
    ),
    (
        TargetField::Mobile,
        &[
            "mobile",
            "mobile phone",
            "mobile number",
            "cell",
            "cell phone",
            "cellphone",
            "gsm",
            "matkapuhelin",
            "kännykkä",
            "matkapuhelinnumero",
            "mobiili",
            "puhelin mobiili",
            "mobil",
            "mobiltelefon",
            "mobilnummer",
            "handy",
        ],
    ),
    (
        TargetField::Email,
        &[
            "email",
            "email address",
            "mail",
            "email 1 value",
            "primary email",
            "work email",
            "sähköposti",
            "sähköpostiosoite",
            "s posti",
            "sposti",
            "epost",
            "e post",
            "epostadress",
            "e postadress",
        ],
    ),
    (
        TargetField::Email2,
        &[
            "email 2",
            "email 2 address",
            "email 2 value",
            "secondary email",
            "other email",
            "home email",
            "personal email",
            "sähköposti 2",
            "sähköpostiosoite 2",
            "toinen sähköposti",
            "epost 2",
            "e post 2",
        ],
    ),
    (
        TargetField::Website,
        &[
            "website",
            "web site",
            "web page",
            "webpage",
            "url",
            "homepage",
            "home page",
            "www",
            "website 1 value",
            "kotisivu",
            "kotisivut",
            "verkkosivu",
            "verkkosivut",
            "webbsida",
            "hemsida",
            "webseite",
            "internetseite",
        ],
    ),
    (
        TargetField::Notes,
        &[
            "notes",
            "note",
            "comments",
            "comment",
            "remarks",
            "muistiinpanot",
            "muistiinpano",
            "lisätiedot",
            "huomautukset",
            "huom",
            "kommentti",
            "kommentit",
            "anteckningar",
            "notizen",
            "bemerkungen",
        ],
    ),
    (
        TargetField::Language,
        &[
            "language",
            "language code",
            "preferred language",
            "kieli",
            "asiointikieli",
            "språk",
            "sprache",
        ],
    ),
    (
        TargetField::Birthday,
        &[
            "birthday",
            "birth date",
            "birthdate",
            "date of birth",
            "dob",
            "syntymäpäivä",
            "syntymäaika",
            "födelsedag",
            "födelsedatum",
            "geburtstag",
            "geburtsdatum",
        ],
    ),
    (
        TargetField::MailingGroups,
        &[
            "categories",
            "category",
            "labels",
            "tags",
            "groups",
            "group membership",
            "mailing groups",
            "mailing group",
            "ryhmät",
            "ryhmä",
            "luokat",
            "kategoriat",
            "tunnisteet",
            "postitusryhmät",
            "kategorier",
            "grupper",
            "kategorien",
            "gruppen",
        ],
    ),
];

/// Normalises a header for the synonym table: lower case, punctuation as spaces, `e-mail`
/// and `e mail` as `email`.
fn suggestion_key(header: &str) -> String {
    let lower = header.trim_matches('\u{FEFF}').to_lowercase();
    let spaced: String = lower
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let key = collapse_spaces(&spaced);
    key.replace("e mail", "email")
}

/// Suggests a mapping from the header names. Unrecognised columns stay unmapped; a second
/// e-mail column goes to `email_2`.
pub fn suggest_mapping(headers: &[String]) -> ColumnMapping {
    let mut mapping = ColumnMapping::default();
    let mut taken = Vec::<TargetField>::new();
    for (column, header) in headers.iter().enumerate() {
        let key = suggestion_key(header);
        let Some(target) = SYNONYMS
            .iter()
            .find(|(_, names)| names.contains(&key.as_str()))
            .map(|(target, _)| target.clone())
        else {
            continue;
        };
        let target = match target {
            TargetField::Email if taken.contains(&TargetField::Email) => TargetField::Email2,
            TargetField::Phone if taken.contains(&TargetField::Phone) => continue,
            other => other,
        };
        if taken.contains(&target) {
            continue;
        }
        taken.push(target.clone());
        mapping.set(column, target);
    }
    mapping
}

const COMPANY_WORDS: &[&str] = &[
    "company",
    "organization",
    "organisation",
    "org",
    "business",
    "yritys",
    "yhtiö",
    "organisaatio",
    "firma",
    "företag",
    "unternehmen",
];

/// Reads every row of a table through the mapping.
pub(super) fn parse_mapped(
    table: &CsvTable,
    mapping: &ColumnMapping,
) -> Result<ParsedImport, ImportError> {
    check_mapping(table, mapping)?;
    let mut parsed = ParsedImport::default();
    parse_mapped_rows(table, mapping, 0..table.len(), &mut parsed);
    Ok(parsed)
}

/// Refuses a mapping that names a column the table does not have, or no column that names a
/// contact; checked once before any row is read.
pub(super) fn check_mapping(table: &CsvTable, mapping: &ColumnMapping) -> Result<(), ImportError> {
    if let Some((&column, _)) = mapping.columns.iter().find(|(c, _)| **c >= table.width()) {
        return Err(ImportError::MappingColumnOutOfRange {
            column,
            columns: table.width(),
        });
    }
    if !mapping.columns.values().any(TargetField::names_a_contact) {
        return Err(ImportError::MappingWithoutName);
    }
    Ok(())
}

/// Reads some data rows through a mapping that [`check_mapping`] accepted, into `parsed` after
/// the rows already there. Rows are independent, so slices give what one pass gives.
pub(super) fn parse_mapped_rows(
    table: &CsvTable,
    mapping: &ColumnMapping,
    rows: Range<usize>,
    parsed: &mut ParsedImport,
) {
    // The second e-mail column is read after the first whatever their order, so that the
    // address mapped to `email` is the contact's first one.
    let mut order = mapping.columns.iter().collect::<Vec<_>>();
    order.sort_by_key(|(_, target)| **target == TargetField::Email2);

    for row in rows.start..rows.end.min(table.len()) {
        let place = table.place(row);
        let mut contact = ImportedContact {
            source_row: place.row,
            source_line: place.line,
            ..Default::default()
        };
        for (&column, target) in &order {
            let value = unneutralise(table.cell(row, column).trim());
            if value.is_empty() {
                continue;
            }
            let header = table.headers[column].as_str();
            read_cell(&mut contact, target, header, value);
        }
        contact.finish();
        parsed.contacts.push(contact);
    }
}

/// Undoes the CSV-injection guard of our own export (and of other careful exporters): a cell
/// that starts with `'` followed by `=`, `+`, `-` or `@` was written that way only so that a
/// spreadsheet would not run it.
fn unneutralise(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => value,
    }
}

fn read_cell(contact: &mut ImportedContact, target: &TargetField, header: &str, value: &str) {
    // A field mapped twice keeps its first value and the others as attributes named after their
    // headers, so nothing in the file is dropped.
    fn set(slot: &mut String, value: &str) -> bool {
        if slot.is_empty() {
            *slot = value.to_string();
            true
        } else {
            false
        }
    }
    let placed = match target {
        TargetField::Kind => {
            let key = value.to_lowercase();
            if COMPANY_WORDS.contains(&key.as_str()) {
                contact.kind = ContactKind::Company;
            }
            true
        }
        TargetField::Name => set(&mut contact.name, value),
        TargetField::FirstName => set(&mut contact.first_name, value),
        TargetField::MiddleName => set(&mut contact.middle_name, value),
        TargetField::Surname => set(&mut contact.surname, value),
        TargetField::CompanyName => set(&mut contact.company_name, value),
        TargetField::JobTitle => set(&mut contact.job_title, value),
        TargetField::Address if contact.address.is_empty() => {
            let address_2 = std::mem::take(&mut contact.address_2);
            contact.set_street(value, &[&address_2]);
            true
        }
        TargetField::Address => false,
        TargetField::Address2 => {
            if contact.address_2.is_empty() {
                contact.address_2 = value.replace('\n', ", ");
            } else {
                contact.address_2 = format!("{}, {}", contact.address_2, value.replace('\n', ", "));
            }
            true
        }
        TargetField::PostCode => set(&mut contact.post_code, value),
        TargetField::City => set(&mut contact.city, value),
        TargetField::County => set(&mut contact.county, value),
        TargetField::Country => set(&mut contact.country, value),
        TargetField::Phone => {
            contact.push_phone(value, PhoneKind::Voice, header);
            true
        }
        TargetField::Mobile => {
            contact.push_phone(value, PhoneKind::Mobile, header);
            true
        }
        TargetField::Email | TargetField::Email2 => {
            for address in value.split([';', ',']).flat_map(|v| v.split(":::")) {
                contact.push_email(address);
            }
            true
        }
        TargetField::Website => set(&mut contact.website, value),
        TargetField::Notes => {
            if !contact.notes.is_empty() {
                contact.notes.push('\n');
            }
            contact.notes.push_str(value);
            true
        }
        TargetField::Language => {
            contact.set_language(value);
            true
        }
        TargetField::Birthday => {
            contact.set_date_attribute(super::attr::BIRTHDAY, value);
            true
        }
        TargetField::MailingGroups => {
            for label in value.split([';', ',']).flat_map(|v| v.split(":::")) {
                contact.add_mailing_group(label);
            }
            true
        }
        TargetField::Attribute(name) => {
            let name = if name.trim().is_empty() { header } else { name };
            contact.add_text_attribute(name, value);
            true
        }
    };
    if !placed {
        contact.add_text_attribute(header, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|h| h.to_string()).collect()
    }

    #[test]
    fn english_headers_are_suggested() {
        let mapping = suggest_mapping(&headers(&[
            "First Name",
            "Surname",
            "E-mail",
            "Email 2",
            "Company",
            "Mobile",
            "ZIP",
            "Tags",
            "Favourite colour",
        ]));
        assert_eq!(mapping.target(0), Some(&TargetField::FirstName));
        assert_eq!(mapping.target(1), Some(&TargetField::Surname));
        assert_eq!(mapping.target(2), Some(&TargetField::Email));
        assert_eq!(mapping.target(3), Some(&TargetField::Email2));
        assert_eq!(mapping.target(4), Some(&TargetField::CompanyName));
        assert_eq!(mapping.target(5), Some(&TargetField::Mobile));
        assert_eq!(mapping.target(6), Some(&TargetField::PostCode));
        assert_eq!(mapping.target(7), Some(&TargetField::MailingGroups));
        assert_eq!(mapping.target(8), None);
    }

    #[test]
    fn finnish_headers_are_suggested() {
        let mapping = suggest_mapping(&headers(&[
            "Etunimi",
            "Sukunimi",
            "Sähköposti",
            "Yritys",
            "Titteli",
            "Katuosoite",
            "Postinumero",
            "Postitoimipaikka",
            "Maa",
            "Puhelin",
            "Matkapuhelin",
            "Kieli",
            "Lisätiedot",
            "Syntymäpäivä",
        ]));
        let targets: Vec<_> = (0..14).map(|c| mapping.target(c).cloned()).collect();
        assert_eq!(
            targets,
            [
                TargetField::FirstName,
                TargetField::Surname,
                TargetField::Email,
                TargetField::CompanyName,
                TargetField::JobTitle,
                TargetField::Address,
                TargetField::PostCode,
                TargetField::City,
                TargetField::Country,
                TargetField::Phone,
                TargetField::Mobile,
                TargetField::Language,
                TargetField::Notes,
                TargetField::Birthday,
            ]
            .map(Some)
        );
    }

    #[test]
    fn a_neutralised_cell_is_read_back_as_written() {
        assert_eq!(unneutralise("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unneutralise("'+358 40 1"), "+358 40 1");
        assert_eq!(unneutralise("O'Brien"), "O'Brien");
        assert_eq!(unneutralise("'quoted'"), "'quoted'");
    }
}
