//! Contact import, read as the spec (product.md §6, import-formats.md): every sample file in
//! ../shared/data imports correctly, duplicates are proposed, companies are created, the import
//! is one batch, and every bad file gets a message naming the row or the problem.

use chrono::NaiveDate;
use proptest::prelude::*;
use segmentti::core::changes::Record;
use segmentti::core::db::Db;
use segmentti::core::ids::{Code, ContactId};
use segmentti::core::import::*;
use segmentti::core::model::{AttrValue, Contact, ContactKind};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parsed(name: &str) -> ParsedImport {
    parse_bytes(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

use crate::support::now;

/// The contact of a parse with this e-mail address (case ignored).
fn by_email<'a>(contacts: &'a [ImportedContact], email: &str) -> &'a ImportedContact {
    contacts
        .iter()
        .find(|c| c.email.eq_ignore_ascii_case(email))
        .unwrap_or_else(|| panic!("no contact with e-mail {email}"))
}

fn by_name<'a>(contacts: &'a [ImportedContact], name: &str) -> &'a ImportedContact {
    contacts
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no contact named {name}"))
}

fn text(value: &str) -> AttrValue {
    AttrValue::Text(value.to_string())
}

fn date(y: i32, m: u32, d: u32) -> AttrValue {
    AttrValue::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

/// Imports a file into the database with the given choices and applies the change set, as the
/// store would after committing it.
fn import_into(db: &mut Db, name: &str, choices: &ImportChoices) -> ImportSummary {
    let plan = plan_import(db, parsed(name).contacts);
    let (changes, _batch, summary) = apply_import(db, &plan, choices, now()).unwrap();
    db.apply(&changes);
    summary
}

fn db_contact_by_email<'a>(db: &'a Db, email: &str) -> &'a Contact {
    db.contacts
        .values()
        .find(|c| c.email.eq_ignore_ascii_case(email))
        .unwrap_or_else(|| panic!("no stored contact with e-mail {email}"))
}

// ---------------------------------------------------------------------------------------------
// Every sample file imports, with exact counts.

#[test]
fn google_sample_is_recognised_and_gives_300_contacts() {
    let source = open(&fixture("google-contacts.csv")).unwrap();
    assert_eq!(source.format, ImportFormat::GoogleCsv);
    assert_eq!(source.encoding, TextEncoding::Utf8);
    assert_eq!(source.csv_headers().unwrap().len(), 38);
    let parsed = source.parse().unwrap();
    assert_eq!(parsed.contacts.len(), 300);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(
        parsed
            .contacts
            .iter()
            .filter(|c| c.email.is_empty())
            .count(),
        24
    );
    let rows: Vec<usize> = parsed.contacts.iter().map(|c| c.source_row).collect();
    assert_eq!(rows, (2..=301).collect::<Vec<_>>());
}

#[test]
fn outlook_sample_is_recognised_and_gives_120_contacts() {
    let source = open(&fixture("outlook-contacts.csv")).unwrap();
    assert_eq!(source.format, ImportFormat::OutlookDesktopCsv);
    assert_eq!(source.csv_headers().unwrap().len(), 92);
    let parsed = source.parse().unwrap();
    assert_eq!(parsed.contacts.len(), 120);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}

#[test]
fn vcard_sample_gives_80_cards_of_three_versions() {
    let parsed = parsed("contacts.vcf");
    assert_eq!(parsed.format, Some(ImportFormat::VCard));
    assert_eq!(parsed.contacts.len(), 80);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let versions: Vec<_> = parsed.vcard_versions.into_iter().collect();
    assert_eq!(
        versions,
        [
            (VCardVersion::V2_1, 5),
            (VCardVersion::V3_0, 38),
            (VCardVersion::V4_0, 37)
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Tricky records of the Google export.

#[test]
fn apostrophes_particles_and_non_latin_names_survive() {
    let contacts = parsed("google-contacts.csv").contacts;
    let harry = by_email(&contacts, "hobrien@malmodesign.se");
    assert_eq!(
        (harry.first_name.as_str(), harry.surname.as_str()),
        ("Harry", "O'Brien")
    );
    assert_eq!(harry.name, "Harry O'Brien");
    let matthias = by_email(&contacts, "matthias.von-buelow@tilivirtanen.fi");
    assert_eq!(matthias.surname, "von Bülow");
    assert_eq!(
        matthias.company_name,
        "Tilitoimisto Virtanen, Korhonen & Kumppanit Ky"
    );
    let ken = by_email(&contacts, "ken.yamada@example.org");
    assert_eq!(
        (ken.first_name.as_str(), ken.surname.as_str()),
        ("健", "山田")
    );
    assert_eq!(ken.attributes["Phonetic First Name"], text("ケン"));
    assert_eq!(ken.attributes["Phonetic Last Name"], text("ヤマダ"));
    assert_eq!(ken.post_code, "150-0043");
    let sato = by_email(&contacts, "Ken.Sato@hikari-seiko.co.jp");
    assert_eq!(sato.company_name, "株式会社ひかり精工");
    assert_eq!(sato.language, "ja");
    let greek = by_email(&contacts, "dimitris.christodoulou@kalamata-olive.gr");
    assert_eq!(greek.name, "Δημήτρης Χριστοδούλου");
    assert_eq!(greek.city, "Αθήνα");
}

#[test]
fn multi_line_notes_keep_their_line_breaks() {
    let contacts = parsed("google-contacts.csv").contacts;
    let tiina = by_email(&contacts, "Tiina.Heikkila@tilivirtanen.fi");
    assert_eq!(
        tiina.notes,
        "Pitkä muistiinpano, jossa on pilkkuja, puolipisteitä; ja rivinvaihtoja.\nToinen rivi.\nKolmas rivi: åäö ÅÄÖ."
    );
    let sabine = by_email(&contacts, "sabine.von-buelow@mueller-soehne.de");
    assert_eq!(
        sabine.notes,
        "Prefers to be addressed as Dr.\n\n(Second paragraph after a blank line.)"
    );
    // Quoted fields with commas and doubled quotes.
    assert!(contacts
        .iter()
        .any(|c| c.company_name == "\"Big Apple\" Bagels LLC"));
}

#[test]
fn two_addresses_in_one_cell_fill_email_and_email_2() {
    let contacts = parsed("google-contacts.csv").contacts;
    let daniel = by_email(&contacts, "Daniel.Evans@ashworthwhitaker.co.uk");
    assert_eq!(daniel.email_2, "d.evans@example.com");
    let joined = contacts
        .iter()
        .filter(|c| !c.email_2.is_empty() && c.source_row > 0)
        .count();
    assert!(joined >= 8);
    // Two numbers in one phone cell: the first is the mobile, the second the phone.
    let minna = by_email(&contacts, "minna.ohman@mail.example");
    assert_eq!(minna.mobile, "+358 40 245 6501");
    assert_eq!(minna.phone, "+358 9 0549 823");
    let timo = by_email(&contacts, "tkinnunen@pohjolanmetalli.fi");
    assert_eq!(timo.phone, "(09) 086 0060");
    assert_eq!(timo.attributes["Phone (Work)"], text("+358 9 2231 788"));
    assert_eq!(timo.email_2, "timo.kinnunen@posti.example");
}

#[test]
fn google_labels_become_mailing_groups_without_system_labels() {
    let contacts = parsed("google-contacts.csv").contacts;
    let sami = by_email(&contacts, "sami.korhonen@pohjolanmetalli.fi");
    assert_eq!(sami.mailing_groups, ["Customers", "Newsletter"]);
    let juha = by_email(&contacts, "juha.virtanen@vihreaenergia.fi");
    assert!(juha.mailing_groups.is_empty());
    assert!(contacts
        .iter()
        .flat_map(|c| &c.mailing_groups)
        .all(|label| !label.starts_with('*')));
}

#[test]
fn google_birthdays_custom_fields_addresses_and_postal_codes_are_read() {
    let contacts = parsed("google-contacts.csv").contacts;
    let sami = by_email(&contacts, "sami.korhonen@pohjolanmetalli.fi");
    assert_eq!(sami.attributes["Birthday"], text("--07-24"));
    assert_eq!(sami.attributes["Customer No."], text("C-35274"));
    assert_eq!(sami.attributes["Department"], text("Johto"));
    assert_eq!(sami.job_title, "Hankinta-asiantuntija");
    assert_eq!(sami.mobile, "050-924 8137");
    assert_eq!(sami.phone, "(09) 183 9962");
    let thomas = by_email(&contacts, "twhitaker@ashworthwhitaker.co.uk");
    assert_eq!(thomas.attributes["Birthday"], date(1979, 11, 18));
    assert_eq!(
        (thomas.address.as_str(), thomas.city.as_str()),
        ("143 Mill Lane", "Leeds")
    );
    assert_eq!(
        (
            thomas.county.as_str(),
            thomas.post_code.as_str(),
            thomas.country.as_str()
        ),
        ("West Yorkshire", "LS1 4AP", "UK")
    );
    let mats = by_email(&contacts, "mats.lindqvist@example.net");
    assert_eq!(mats.language, "sv");
    let ake = by_email(&contacts, "ake.eriksson@soderbergbygg.se");
    assert_eq!(ake.address_2, "Box 33");
    assert_eq!(ake.website, "http://soderbergbygg.se");
    // Postal codes are text: leading zeros stay.
    for code in ["00100", "02100", "04109", "02108"] {
        assert!(
            contacts.iter().any(|c| c.post_code == code),
            "no post code {code}"
        );
    }
}

#[test]
fn rows_with_an_organisation_and_no_person_are_companies() {
    let contacts = parsed("google-contacts.csv").contacts;
    let companies: Vec<_> = contacts
        .iter()
        .filter(|c| c.kind == ContactKind::Company)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        companies,
        ["Äänekosken Paperi Oy", "Göteborgs Hamnlogistik AB"]
    );
    let outlook = parsed("outlook-contacts.csv").contacts;
    let companies: Vec<_> = outlook
        .iter()
        .filter(|c| c.is_company())
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        companies,
        ["Schäfer Maschinenbau GmbH & Co. KG", "Saimaan Puutalo Oy"]
    );
}

// ---------------------------------------------------------------------------------------------
// Tricky records of the Outlook export.

#[test]
fn outlook_dates_categories_titles_and_multi_line_streets_are_read() {
    let contacts = parsed("outlook-contacts.csv").contacts;
    let sanna = by_email(&contacts, "sanna.laine@ohjelmistotalo.fi");
    assert_eq!(sanna.attributes["Birthday"], date(1978, 11, 6));
    // `0/0/00` is Outlook's empty date; Unspecified, Normal, False and initials are defaults.
    assert!(!sanna.attributes.contains_key("Anniversary"));
    assert!(!sanna.attributes.contains_key("Gender"));
    assert!(!sanna.attributes.contains_key("Initials"));
    assert!(!sanna.attributes.contains_key("Priority"));
    assert_eq!(sanna.phone, "+358 3 031 8599");
    assert_eq!(sanna.mobile, "050-190 7986");
    assert_eq!(
        sanna.attributes["Home Address"],
        text("Kirkkokatu 17 B 14, Oulu, Pohjois-Pohjanmaa, 90100, Finland")
    );
    let kinnunen = by_email(&contacts, "sanna.kinnunen@tilivirtanen.fi");
    assert_eq!(
        kinnunen.mailing_groups,
        ["Prospects", "Asiakkaat", "Customers"]
    );
    assert_eq!(kinnunen.attributes["Name Prefix"], text("Ms."));
    assert_eq!(kinnunen.attributes["Birthday"], date(1993, 11, 27));
    let herr = contacts
        .iter()
        .find(|c| c.attributes.get("Name Prefix") == Some(&text("Herr")))
        .unwrap();
    assert!(!herr.surname.is_empty());
    let two_line = contacts
        .iter()
        .find(|c| c.address == "Drottninggatan 155" && c.address_2 == "Rakennus C")
        .expect("a street over two lines is split into the two address lines");
    assert!(!two_line.city.is_empty());
    assert!(contacts
        .iter()
        .any(|c| c.notes == "Prefers letters to e-mail.\nCall only after 10:00."));
}

// ---------------------------------------------------------------------------------------------
// The other dialects, built from the header lists of import-formats.md.

/// A CSV file with the given header line and one row per map of header → value.
fn csv_file(header: &str, rows: &[&[(&str, &str)]]) -> String {
    let headers: Vec<&str> = header.split(", ").collect();
    let quote = |v: &str| format!("\"{}\"", v.replace('"', "\"\""));
    let mut out = headers
        .iter()
        .map(|h| quote(h))
        .collect::<Vec<_>>()
        .join(",")
        + "\r\n";
    for row in rows {
        for (name, _) in row.iter() {
            assert!(headers.contains(name), "no column {name}");
        }
        let cells: Vec<String> = headers
            .iter()
            .map(|h| quote(row.iter().find(|(n, _)| n == h).map_or("", |(_, v)| v)))
            .collect();
        out += &(cells.join(",") + "\r\n");
    }
    out
}

const GOOGLE_LEGACY: &str = "Name, Given Name, Additional Name, Family Name, Yomi Name, Given Name Yomi, Additional Name Yomi, Family Name Yomi, Name Prefix, Name Suffix, Initials, Nickname, Short Name, Maiden Name, Birthday, Gender, Location, Billing Information, Directory Server, Mileage, Occupation, Hobby, Sensitivity, Priority, Subject, Notes, Language, Photo, Group Membership, E-mail 1 - Type, E-mail 1 - Value, E-mail 2 - Type, E-mail 2 - Value, Phone 1 - Type, Phone 1 - Value, Phone 2 - Type, Phone 2 - Value, Address 1 - Type, Address 1 - Formatted, Address 1 - Street, Address 1 - City, Address 1 - PO Box, Address 1 - Region, Address 1 - Postal Code, Address 1 - Country, Address 1 - Extended Address, Organization 1 - Type, Organization 1 - Name, Organization 1 - Yomi Name, Organization 1 - Title, Organization 1 - Department, Organization 1 - Symbol, Organization 1 - Location, Organization 1 - Job Description, Website 1 - Type, Website 1 - Value";

const OUTLOOK_COM: &str = "First Name, Middle Name, Last Name, Title, Suffix, Nickname, Given Yomi, Surname Yomi, E-mail Address, E-mail 2 Address, E-mail 3 Address, Home Phone, Home Phone 2, Business Phone, Business Phone 2, Mobile Phone, Car Phone, Other Phone, Primary Phone, Pager, Business Fax, Home Fax, Other Fax, Company Main Phone, Callback, Radio Phone, Telex, TTY/TDD Phone, IMAddress, Job Title, Department, Company, Office Location, Manager's Name, Assistant's Name, Assistant's Phone, Company Yomi, Business Street, Business City, Business State, Business Postal Code, Business Country/Region, Home Street, Home City, Home State, Home Postal Code, Home Country/Region, Other Street, Other City, Other State, Other Postal Code, Other Country/Region, Personal Web Page, Spouse, Schools, Hobby, Location, Web Page, Birthday, Anniversary, Notes";

#[test]
fn legacy_google_csv_is_recognised_and_read() {
    let file = csv_file(
        GOOGLE_LEGACY,
        &[
            &[
                ("Name", "Säde Öhman"),
                ("Given Name", "Säde"),
                ("Family Name", "Öhman"),
                ("Birthday", "1980-05-17"),
                ("Notes", "Met at the fair,\nbooth B12"),
                ("Language", "Finnish"),
                ("Hobby", "Sailing"),
                ("Group Membership", "* My Contacts ::: Asiakkaat ::: VIP"),
                ("E-mail 1 - Type", "* Work"),
                (
                    "E-mail 1 - Value",
                    "sade@acme.example ::: sade.ohman@acme.example",
                ),
                ("E-mail 2 - Type", "Home"),
                ("E-mail 2 - Value", "sade@home.example"),
                ("Phone 1 - Type", "Mobile"),
                ("Phone 1 - Value", "040 111 2222"),
                ("Phone 2 - Type", "Work Fax"),
                ("Phone 2 - Value", "09 999"),
                ("Address 1 - Type", "Work"),
                ("Address 1 - Street", "Mannerheimintie 1"),
                ("Address 1 - City", "Helsinki"),
                ("Address 1 - Postal Code", "00100"),
                ("Address 1 - Country", "Suomi"),
                ("Organization 1 - Name", "Acme Oy"),
                ("Organization 1 - Title", "CEO"),
                ("Organization 1 - Department", "Johto"),
                ("Website 1 - Value", "https://acme.example"),
            ],
            &[
                ("Name", "Acme Oy Helpdesk"),
                ("E-mail 1 - Value", "help@acme.example"),
            ],
        ],
    );
    let source = open(file.as_bytes()).unwrap();
    assert_eq!(source.format, ImportFormat::GoogleCsvLegacy);
    let contacts = source.parse().unwrap().contacts;
    let sade = &contacts[0];
    assert_eq!(sade.name, "Säde Öhman");
    assert_eq!(sade.company_name, "Acme Oy");
    assert_eq!(sade.job_title, "CEO");
    assert_eq!(sade.attributes["Department"], text("Johto"));
    assert_eq!(sade.email, "sade@acme.example");
    assert_eq!(sade.email_2, "sade.ohman@acme.example");
    assert_eq!(sade.attributes["E-mail 3"], text("sade@home.example"));
    assert_eq!(sade.mobile, "040 111 2222");
    assert_eq!(sade.attributes["Fax"], text("09 999"));
    assert_eq!(
        (
            sade.address.as_str(),
            sade.post_code.as_str(),
            sade.city.as_str()
        ),
        ("Mannerheimintie 1", "00100", "Helsinki")
    );
    assert_eq!(sade.language, "fi");
    assert_eq!(sade.mailing_groups, ["Asiakkaat", "VIP"]);
    assert_eq!(sade.attributes["Birthday"], date(1980, 5, 17));
    assert_eq!(sade.attributes["Hobby"], text("Sailing"));
    assert_eq!(sade.notes, "Met at the fair,\nbooth B12");
    assert_eq!(sade.website, "https://acme.example");
    // A display name without parts is split into them.
    assert_eq!(contacts[1].first_name, "Acme");
    assert_eq!(contacts[1].surname, "Helpdesk");
}

#[test]
fn outlook_com_csv_is_recognised_and_read() {
    let file = csv_file(
        OUTLOOK_COM,
        &[
            &[
                ("First Name", "Matthias"),
                ("Last Name", "von Bülow"),
                ("Title", "Herr"),
                ("E-mail Address", "m.buelow@example.de"),
                ("E-mail 2 Address", "matthias@example.org"),
                ("Mobile Phone", "0151 1234"),
                ("Home Phone", "030 1234"),
                ("Business Phone", "089 5678"),
                ("IMAddress", "mvb@chat.example"),
                ("Company", "Weiß Logistik AG"),
                ("Home Street", "Goethestraße 1"),
                ("Home City", "Berlin"),
                ("Home Postal Code", "10115"),
                ("Home Country/Region", "Germany"),
                ("Personal Web Page", "https://mvb.example"),
                ("Birthday", "3/9/1971"),
                ("Anniversary", "0/0/00"),
                ("Notes", "Two\r\nlines"),
            ],
            &[
                ("Company", "Weiß Logistik AG"),
                ("Business Phone", "089 0000"),
            ],
        ],
    );
    let source = open(file.as_bytes()).unwrap();
    assert_eq!(source.format, ImportFormat::OutlookComCsv);
    let contacts = source.parse().unwrap().contacts;
    let matthias = &contacts[0];
    assert_eq!(matthias.surname, "von Bülow");
    assert_eq!(matthias.attributes["Name Prefix"], text("Herr"));
    assert_eq!(matthias.email_2, "matthias@example.org");
    assert_eq!(matthias.mobile, "0151 1234");
    assert_eq!(matthias.phone, "089 5678");
    assert_eq!(matthias.attributes["Home Phone"], text("030 1234"));
    assert_eq!(matthias.attributes["IMAddress"], text("mvb@chat.example"));
    assert_eq!(
        (matthias.address.as_str(), matthias.city.as_str()),
        ("Goethestraße 1", "Berlin")
    );
    assert_eq!(matthias.website, "https://mvb.example");
    assert_eq!(matthias.attributes["Birthday"], date(1971, 3, 9));
    assert!(!matthias.attributes.contains_key("Anniversary"));
    assert_eq!(matthias.notes, "Two\nlines");
    assert!(contacts[1].is_company());
    assert_eq!(contacts[1].phone, "089 0000");
}

#[test]
fn outlook_variants_with_other_column_names_and_order_are_read_by_name() {
    // LinkedIn-style: desktop names, `Business Country` instead of `Business Country/Region`,
    // another order.
    let csv = "E-mail Address,Last Name,First Name,Company,Business Street,Business Country,Categories\r\n\
               anna@acme.example,Aho,Anna,Acme Oy,Katu 1,Finland,VIP;Asiakkaat\r\n";
    let source = open(csv.as_bytes()).unwrap();
    assert_eq!(source.format, ImportFormat::OutlookDesktopCsv);
    let anna = &source.parse().unwrap().contacts[0];
    assert_eq!(anna.name, "Anna Aho");
    assert_eq!(anna.country, "Finland");
    assert_eq!(anna.mailing_groups, ["VIP", "Asiakkaat"]);
}

// ---------------------------------------------------------------------------------------------
// Tricky cards of the vCard file.

#[test]
fn quoted_printable_names_of_vcard_21_are_decoded() {
    let contacts = parsed("contacts.vcf").contacts;
    let juha = by_email(&contacts, "juha@kehraamo.fi");
    assert_eq!(
        (juha.first_name.as_str(), juha.surname.as_str()),
        ("Juha", "Järvinen")
    );
    assert_eq!(juha.company_name, "Tampereen Kehräämö Oy");
    assert_eq!(juha.attributes["Department"], text("IT"));
    assert_eq!(
        juha.notes,
        "Yhteystieto puhelimesta.\nTallennettu käyntikortista."
    );
    assert_eq!(juha.mobile, "+358503999794");
    assert_eq!(juha.attributes["Fax"], text("(09)4216104"));
    let sade = by_email(&contacts, "sade.salminen@hh-kaffeeroesterei.de");
    assert_eq!(sade.name, "Säde Salminen");
    assert_eq!(sade.company_name, "Hamburger Kaffeerösterei e.K.");
    assert_eq!(sade.address, "Lindenstraße 135");
    assert_eq!(
        by_email(&contacts, "kaethe.hoffmann@mail.example").name,
        "Käthe Hoffmann"
    );
    let anna = by_email(&contacts, "anna-liisa.hamalainen@greenfieldgarden.com");
    assert_eq!(anna.name, "Anna-Liisa Hämäläinen");
    assert_eq!(anna.company_name, "Greenfield Garden Supplies, Inc.");
    assert_eq!(anna.address_2, "Suite 210, P.O. Box 954");
}

#[test]
fn organisation_cards_are_companies() {
    let contacts = parsed("contacts.vcf").contacts;
    let kind_org = by_email(&contacts, "info@pohjolanmetalli.fi");
    assert_eq!(kind_org.kind, ContactKind::Company);
    assert_eq!(kind_org.name, "Pohjolan Metalli Oy");
    assert_eq!(kind_org.mailing_groups, ["Customers", "Key accounts"]);
    assert_eq!(
        kind_org.notes,
        "Main customer since 2012.\nFrame agreement, renewal every March; contact purchasing first."
    );
    let apple = by_email(&contacts, "info@soderbergbygg.se");
    assert_eq!(apple.kind, ContactKind::Company);
    assert_eq!(apple.name, "Söderberg Bygg AB");
    assert_eq!(apple.website, "https://www.soderbergbygg.se/");
    assert_eq!(apple.country, "Sweden");
    assert_eq!(contacts.iter().filter(|c| c.is_company()).count(), 2);
}

#[test]
fn apple_item_groups_and_folded_addresses_are_read() {
    let contacts = parsed("contacts.vcf").contacts;
    let aino = by_email(&contacts, "aino@tilivirtanen.fi");
    assert_eq!(aino.email_2, "aino.poyhonen@posti.example");
    assert_eq!(aino.attributes["E-mail 3"], text("apoyhonen1@mail.example"));
    assert_eq!(aino.address, "Aleksanterinkatu 36 B 16");
    assert_eq!(aino.address_2, "B-porras");
    assert_eq!(aino.post_code, "70100", "a fold inside the value is joined");
    assert_eq!(aino.website, "www.tilivirtanen.fi");
    assert_eq!(aino.mobile, "050-895 3409");
    assert_eq!(aino.attributes["Birthday"], date(1988, 1, 8));
    assert_eq!(
        aino.notes,
        "Invoice reference: 5852-78\nPO number required on every invoice.\n\nBilling contact is the finance team, not this person."
    );
    let hanna = by_email(&contacts, "Hanna.Kinnunen@ohjelmistotalo.fi");
    assert_eq!(hanna.attributes["Birthday"], text("--12-13"));
    assert_eq!(
        hanna.notes,
        "Files: \\\\palvelin\\asiakkaat\\2009; ask IT for access."
    );
}

#[test]
fn vcard_4_uris_preferences_partial_dates_and_cards_without_n_are_read() {
    let contacts = parsed("contacts.vcf").contacts;
    let kyosti = by_email(&contacts, "Kyosti.Makinen@aanekoskenpaperi.fi");
    assert_eq!(kyosti.mobile, "+358-40-593-2581");
    assert_eq!(kyosti.email_2, "kmakinen6@example.org");
    assert_eq!(kyosti.language, "fi");
    assert!(kyosti
        .notes
        .ends_with("\nSecond line; with semicolons, commas and a backslash \\ in it."));
    let kaisa = by_email(&contacts, "kaisa.heikkinen@tilivirtanen.fi");
    assert_eq!(kaisa.attributes["Gender"], text("F"));
    assert_eq!(kaisa.mailing_groups, ["Prospects", "Uutiskirje"]);
    let olivia = by_email(&contacts, "olivia.jones@greenfieldgarden.com");
    assert_eq!(olivia.attributes["Birthday"], text("--01-19"));
    assert_eq!(olivia.middle_name, "Rose");
    assert_eq!(olivia.address, "84 Mill Lane");
    let riikka = by_name(&contacts, "Riikka Hämäläinen");
    assert_eq!(
        (riikka.first_name.as_str(), riikka.surname.as_str()),
        ("Riikka", "Hämäläinen")
    );
    let ichiro = by_email(&contacts, "ichiro.yamada@example.org");
    assert_eq!(
        (ichiro.first_name.as_str(), ichiro.surname.as_str()),
        ("一郎", "山田")
    );
    let sven = by_email(&contacts, "sven.oberg@lindqvistberg.se");
    assert_eq!(sven.attributes["Anniversary"], date(2006, 3, 21));
}

#[test]
fn x_properties_are_kept_and_photos_ignored() {
    let contacts = parsed("contacts.vcf").contacts;
    let lars = by_email(&contacts, "lars.angstrom@strassenbau-nord.de");
    assert_eq!(lars.attributes["Customer No."], text("C-86661"));
    assert_eq!(
        contacts
            .iter()
            .filter(|c| c.attributes.contains_key("Customer No."))
            .count(),
        11
    );
    assert_eq!(
        contacts
            .iter()
            .filter(|c| c.attributes.contains_key("Social Profile (mastodon)"))
            .count(),
        6
    );
    let ken = contacts
        .iter()
        .find(|c| c.attributes.get("Phonetic Last Name") == Some(&text("サトウ")))
        .unwrap();
    assert_eq!(ken.attributes["Phonetic First Name"], text("ケン"));
    let with_photo = by_email(&contacts, "paivi.heinonen@tilivirtanen.fi");
    assert!(with_photo
        .attributes
        .keys()
        .all(|name| !name.to_uppercase().contains("PHOTO")));
    assert_eq!(with_photo.attributes["Customer No."], text("C-56557"));
}

// ---------------------------------------------------------------------------------------------
// The import plan: duplicates, companies, one batch.

#[test]
fn the_five_exact_duplicate_rows_of_the_google_file_are_proposed_as_duplicates() {
    let plan = plan_import(&Db::new(), parsed("google-contacts.csv").contacts);
    let mut by_email: Vec<String> = plan
        .rows
        .iter()
        .filter(|r| {
            matches!(
                r.proposal,
                Proposal::DuplicateInFile {
                    reason: DuplicateReason::SameEmail,
                    ..
                }
            )
        })
        .map(|r| r.contact.email.to_lowercase())
        .collect();
    by_email.sort();
    assert_eq!(
        by_email,
        [
            "guenther.wagner@baeckerei-gross.de",
            "hannah.meyer@baeckerei-gross.de",
            "sanna@vihreaenergia.fi",
            "timo.niemi@example.net",
            "william.evans15@example.org",
        ]
    );
    for row in &plan.rows {
        if let Proposal::DuplicateInFile { row: first, .. } = row.proposal {
            assert!(first < plan.rows.len());
        }
    }
    assert_eq!(plan.duplicates_of_existing(), 0);
    // Same first name and surname at the same company, with another address or none: possibly
    // the same person, so proposed too (product.md §6: "same name + company"). Two people of
    // the same name without a company are not proposed: a name alone is too common.
    let by_name: Vec<_> = plan
        .rows
        .iter()
        .filter(|r| r.proposal.reason() == Some(DuplicateReason::SameNameAndCompany))
        .map(|r| (r.contact.name.as_str(), r.contact.company_name.as_str()))
        .collect();
    assert_eq!(
        by_name,
        [
            ("Sarah Rose McAllister", "Greenfield Garden Supplies, Inc."),
            ("Μαρία Οικονόμου", "Αιγαίο Ναυτιλιακή Α.Ε."),
            ("Hanna Marjatta Ylönen", "Turun Ohjelmistotalo Oy"),
            ("Eeva Öhman", "Kahvila Sävel"),
        ]
    );
}

#[test]
fn importing_google_creates_one_company_per_organisation_and_links_persons() {
    let mut db = Db::new();
    let plan = plan_import(&db, parsed("google-contacts.csv").contacts);
    assert_eq!(plan.companies.len(), 40);
    assert_eq!(plan.new_companies(), 40);
    let (changes, batch, summary) =
        apply_import(&db, &plan, &ImportChoices::default(), now()).unwrap();
    // 300 rows, the 9 proposed duplicates skipped by default; two rows stand for their company,
    // the other 38 companies are made from the names; 11 distinct user labels.
    assert_eq!(
        summary,
        ImportSummary {
            added: 291,
            updated: 0,
            skipped: 9,
            companies_created: 38,
            mailing_groups_created: 11,
        }
    );
    db.apply(&changes);
    let companies: Vec<&Contact> = db.contacts.values().filter(|c| c.is_company()).collect();
    assert_eq!(companies.len(), 40);
    assert_eq!(db.contacts.len(), 291 + 38);
    assert!(db.contacts.values().all(|c| c.import_batch == Some(batch)));
    assert!(db
        .contacts
        .values()
        .all(|c| c.stamps.created == now() && c.stamps.modified == now()));
    assert_eq!(db.counters.contact, 329);
    assert_eq!(db.counters.import_batch, batch.0);

    // The company row is the company itself, with its own details, and persons link to it.
    let paperi = db_contact_by_email(&db, "info@aanekoskenpaperi.fi");
    assert!(paperi.is_company());
    assert_eq!(paperi.name, "Äänekosken Paperi Oy");
    assert!(db.persons_of(paperi.id).count() > 0);
    let jari = db_contact_by_email(&db, "Jari.Nieminen@aanekoskenpaperi.fi");
    assert_eq!(jari.company, Some(paperi.id));
    // One company for names that differ only in case would be one; here every person of
    // "Turun Ohjelmistotalo Oy" shares one.
    let turku: Vec<_> = companies
        .iter()
        .filter(|c| c.name == "Turun Ohjelmistotalo Oy")
        .collect();
    assert_eq!(turku.len(), 1);
    assert!(db.persons_of(turku[0].id).count() >= 10);
    // Persons without an organisation have no company.
    let mats = db_contact_by_email(&db, "mats.lindqvist@example.net");
    assert_eq!(mats.company, None);
    // Labels became mailing groups with their text as description.
    let groups = &db.classifications[&segmentti::core::model::ClassificationKind::MailingGroup];
    assert_eq!(groups[&Code::new("Messe 2024")].description, "Messe 2024");
    let sami = db_contact_by_email(&db, "sami.korhonen@pohjolanmetalli.fi");
    assert_eq!(
        sami.mailing_groups,
        [Code::new("CUSTOMERS"), Code::new("NEWSLETTER")].into()
    );
}

#[test]
fn importing_outlook_after_google_finds_the_ten_cross_source_duplicates() {
    let mut db = Db::new();
    import_into(&mut db, "google-contacts.csv", &ImportChoices::default());
    let plan = plan_import(&db, parsed("outlook-contacts.csv").contacts);
    let count = |reason| {
        plan.rows
            .iter()
            .filter(|r| {
                matches!(r.proposal, Proposal::DuplicateOfExisting { reason: found, .. } if found == reason)
            })
            .count()
    };
    assert_eq!(count(DuplicateReason::SameEmail), 10);
    // Beyond the ten with the same e-mail: two persons with the same name at the same company
    // (another address), and the two company rows whose companies Google already brought.
    assert_eq!(count(DuplicateReason::SameNameAndCompany), 2);
    assert_eq!(count(DuplicateReason::SameCompanyName), 2);
    // Outlook's organisations that Google had are matched, not created again.
    let known = plan
        .companies
        .iter()
        .filter(|c| c.existing.is_some())
        .count();
    assert_eq!(known + plan.new_companies(), plan.companies.len());
    assert!(known > 20);
}

#[test]
fn importing_the_vcard_file_after_google_finds_the_ten_people_in_both() {
    let mut db = Db::new();
    import_into(&mut db, "google-contacts.csv", &ImportChoices::default());
    let plan = plan_import(&db, parsed("contacts.vcf").contacts);
    let persons_by_email = plan
        .rows
        .iter()
        .filter(|r| {
            !r.contact.is_company()
                && matches!(
                    r.proposal,
                    Proposal::DuplicateOfExisting {
                        reason: DuplicateReason::SameEmail,
                        ..
                    }
                )
        })
        .count();
    assert_eq!(persons_by_email, 10);
}

#[test]
fn update_merges_the_row_into_the_existing_contact_and_creates_nothing() {
    let mut db = Db::new();
    import_into(&mut db, "google-contacts.csv", &ImportChoices::default());
    let before = db_contact_by_email(&db, "sami.korhonen@pohjolanmetalli.fi").clone();
    let contacts_before = db.contacts.len();
    let plan = plan_import(&db, parsed("outlook-contacts.csv").contacts);
    let duplicates = plan.duplicates_of_existing();
    let new_rows = plan.rows.len() - duplicates - plan.duplicates_in_file();
    let (changes, _, summary) = apply_import(
        &db,
        &plan,
        &ImportChoices::for_duplicates(ImportChoice::Update),
        now(),
    )
    .unwrap();
    assert_eq!(summary.updated, duplicates + plan.duplicates_in_file());
    assert_eq!(summary.added, new_rows);
    db.apply(&changes);
    assert_eq!(
        db.contacts.len(),
        contacts_before + new_rows + summary.companies_created
    );
    let after = db_contact_by_email(&db, "sami.korhonen@pohjolanmetalli.fi");
    assert_eq!(after.id, before.id);
    assert_eq!(
        after.import_batch, before.import_batch,
        "still undone with its own batch"
    );
    assert_eq!(after.stamps.created, before.stamps.created);
    // Google's labels stay and Outlook's categories are added; a field Outlook leaves empty
    // keeps Google's value.
    assert!(after.mailing_groups.is_superset(&before.mailing_groups));
    assert_eq!(after.company, before.company);
    assert!(!after.mobile.is_empty());
}

#[test]
fn add_and_skip_can_be_chosen_per_row_over_the_choice_for_all() {
    let mut db = Db::new();
    import_into(&mut db, "google-contacts.csv", &ImportChoices::default());
    let plan = plan_import(&db, parsed("outlook-contacts.csv").contacts);
    let duplicate_rows: Vec<usize> = plan
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.proposal.is_duplicate())
        .map(|(i, _)| i)
        .collect();
    let new_rows = plan.rows.len() - duplicate_rows.len();
    let choices = ImportChoices::for_duplicates(ImportChoice::Add)
        .with_row(duplicate_rows[0], ImportChoice::Skip)
        .with_row(0, ImportChoice::Skip);
    let skipped_new = usize::from(!plan.rows[0].proposal.is_duplicate());
    let (_, _, summary) = apply_import(&db, &plan, &choices, now()).unwrap();
    assert_eq!(summary.skipped, 1 + skipped_new);
    assert_eq!(
        summary.added,
        new_rows - skipped_new + duplicate_rows.len() - 1
    );
}

#[test]
fn a_company_in_two_files_is_one_company_whatever_the_case() {
    let mut db = Db::new();
    let csv = "First Name,Last Name,Company,E-mail\nAnna,Aho,ACME OY,anna@acme.example\n";
    let source = open(csv.as_bytes()).unwrap();
    let contacts = source
        .parse_with_mapping(&source.suggested_mapping().unwrap())
        .unwrap()
        .contacts;
    let (changes, _, _) = apply_import(
        &db,
        &plan_import(&db, contacts),
        &ImportChoices::default(),
        now(),
    )
    .unwrap();
    db.apply(&changes);
    let csv = "First Name,Last Name,Company,E-mail\nBo,Berg,Acme Oy,bo@acme.example\nAcme,,,\n";
    let source = open(csv.as_bytes()).unwrap();
    let contacts = source
        .parse_with_mapping(&source.suggested_mapping().unwrap())
        .unwrap()
        .contacts;
    let plan = plan_import(&db, contacts);
    assert_eq!(plan.companies.len(), 1);
    assert!(plan.companies[0].existing.is_some());
    let (changes, _, summary) = apply_import(&db, &plan, &ImportChoices::default(), now()).unwrap();
    assert_eq!(summary.companies_created, 0);
    db.apply(&changes);
    assert_eq!(db.contacts.values().filter(|c| c.is_company()).count(), 1);
}

#[test]
fn a_stale_plan_is_refused_and_nothing_changes() {
    let mut db = Db::new();
    import_into(&mut db, "google-contacts.csv", &ImportChoices::default());
    let plan = plan_import(&db, parsed("outlook-contacts.csv").contacts);
    let duplicate = plan
        .rows
        .iter()
        .find_map(|r| match r.proposal {
            Proposal::DuplicateOfExisting { contact, .. } => Some(contact),
            _ => None,
        })
        .unwrap();
    // Another tab deleted the contact the plan would update.
    let mut deletion = segmentti::core::changes::Changes::new();
    deletion.delete(segmentti::core::changes::RecordKey::Contact(duplicate));
    db.apply(&deletion);
    let problems = apply_import(&db, &plan, &ImportChoices::default(), now()).unwrap_err();
    assert!(problems
        .iter()
        .any(|p| p.code == "import.duplicate_target_missing" && p.args == [duplicate.no()]));
    let problems = apply_import(
        &db,
        &plan_import(&db, Vec::new()),
        &ImportChoices::default().with_row(7, ImportChoice::Add),
        now(),
    )
    .unwrap_err();
    assert_eq!(problems[0].code, "import.choice_row_out_of_range");
}

#[test]
fn reimporting_the_same_vcard_file_finds_every_card_with_a_uid_or_an_address() {
    let mut db = Db::new();
    import_into(&mut db, "contacts.vcf", &ImportChoices::default());
    let plan = plan_import(&db, parsed("contacts.vcf").contacts);
    for row in &plan.rows {
        let identifiable =
            row.contact.attributes.contains_key("UID") || !row.contact.email.is_empty();
        assert_eq!(
            row.proposal.is_duplicate(),
            identifiable,
            "card {}",
            row.contact.source_row
        );
    }
}

#[test]
fn the_change_set_puts_the_counters_with_the_records() {
    let db = Db::new();
    let plan = plan_import(&db, parsed("contacts.vcf").contacts);
    let (changes, batch, _) = apply_import(&db, &plan, &ImportChoices::default(), now()).unwrap();
    let counters: Vec<_> = changes
        .puts
        .iter()
        .filter_map(|r| match r {
            Record::Counters(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(counters.len(), 1);
    assert_eq!(counters[0].import_batch, batch.0);
    let ids: Vec<ContactId> = changes
        .puts
        .iter()
        .filter_map(|r| match r {
            Record::Contact(c) => Some(c.id),
            _ => None,
        })
        .collect();
    assert_eq!(ids.len() as u32, counters[0].contact);
    assert!(changes.deletes.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Generic CSV through the column mapping.

#[test]
fn an_unknown_header_set_offers_a_mapping_suggested_from_finnish_headers() {
    let csv = "Etunimi;Sukunimi;Sähköposti;Yritys;Puhelin;Postinumero;Kieli;Ryhmät\r\n\
               Säde;Öhman;sade@example.fi;Oy Esimerkki Ab;09 123;00100;suomi;Asiakkaat, VIP\r\n";
    let source = open(csv.as_bytes()).unwrap();
    assert_eq!(source.format, ImportFormat::GenericCsv);
    let error = source.parse().unwrap_err();
    assert_eq!(error.code(), "import.unknown_headers");
    let mapping = source.suggested_mapping().unwrap();
    assert_eq!(mapping.columns.len(), 8);
    let contact = &source.parse_with_mapping(&mapping).unwrap().contacts[0];
    assert_eq!(contact.name, "Säde Öhman");
    assert_eq!(contact.company_name, "Oy Esimerkki Ab");
    assert_eq!(contact.post_code, "00100");
    assert_eq!(contact.language, "fi");
    assert_eq!(contact.mailing_groups, ["Asiakkaat", "VIP"]);
    assert_eq!(contact.source_row, 2);
}

#[test]
fn a_mapping_must_name_the_contacts_and_its_columns_must_exist() {
    let source = open(b"A,B\n1,2\n").unwrap();
    let mut mapping = ColumnMapping::default();
    mapping.set(0, TargetField::Notes);
    assert_eq!(
        source.parse_with_mapping(&mapping).unwrap_err(),
        ImportError::MappingWithoutName
    );
    mapping.set(5, TargetField::Email);
    assert_eq!(
        source.parse_with_mapping(&mapping).unwrap_err(),
        ImportError::MappingColumnOutOfRange {
            column: 5,
            columns: 2
        }
    );
}

#[test]
fn markup_in_a_name_is_kept_literally_as_data() {
    let csv = "Name,E-mail\n<img src=x onerror=alert(1)>,x@example.com\n";
    let source = open(csv.as_bytes()).unwrap();
    let contacts = source
        .parse_with_mapping(&source.suggested_mapping().unwrap())
        .unwrap()
        .contacts;
    let db = Db::new();
    let (changes, _, _) = apply_import(
        &db,
        &plan_import(&db, contacts),
        &ImportChoices::default(),
        now(),
    )
    .unwrap();
    let names: Vec<_> = changes
        .puts
        .iter()
        .filter_map(|r| match r {
            Record::Contact(c) => Some(c.name.clone()),
            _ => None,
        })
        .collect();
    // Split as a name would be, but every character kept: escaping is the UI's job.
    assert_eq!(names, ["<img src=x onerror=alert(1)>"]);
    let card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:<script>alert(1)</script>\r\nEND:VCARD\r\n";
    let parsed = parse_bytes(card.as_bytes()).unwrap();
    assert_eq!(parsed.contacts[0].name, "<script>alert(1)</script>");
}

// ---------------------------------------------------------------------------------------------
// Bad files: a clear message naming the row or the problem.

#[test]
fn an_empty_file_is_refused() {
    for bytes in [&b""[..], b"   \r\n", b"\xEF\xBB\xBF"] {
        let error = open(bytes).unwrap_err();
        assert_eq!(error, ImportError::Empty);
        assert_eq!(error.code(), "import.empty");
    }
    assert_eq!(
        parse_bytes(b"First Name,Last Name,Labels\r\n").unwrap_err(),
        ImportError::NoContacts
    );
}

#[test]
fn a_ragged_row_is_named() {
    let mut text = String::from_utf8(fixture("google-contacts.csv")).unwrap();
    // Cut two columns off the contact on row 4 (Günther Strauß), which starts on line 7 because
    // the contact before it has an address over four lines.
    text = text.replacen(",,,,Kundennummer,C-89503", ",,Kundennummer,C-89503", 1);
    let error = open(text.as_bytes()).unwrap_err();
    assert_eq!(error.code(), "import.bad_rows");
    let ImportError::BadRows(bad) = &error else {
        panic!("{error}");
    };
    assert_eq!(
        bad.problems,
        [RowProblem {
            row: 4,
            line: 7,
            last_line: 9,
            reason: RowReason::WrongWidth {
                expected: 38,
                found: 36
            }
        }]
    );
    assert_eq!(bad.good_rows, 299);
    assert!(error.args().contains(&("count", "1".to_string())));
    assert_eq!(
        error.to_string(),
        "1 rows cannot be read: row 4 (line 7): 36 values, but the header has 38 columns; 299 rows are good."
    );
}

#[test]
fn an_unclosed_quote_is_named() {
    let error = open(b"Name,E-mail\nA,a@x.example\n\"B,b@x.example\nC,c@x.example\n").unwrap_err();
    let ImportError::BadRows(bad) = &error else {
        panic!("{error}");
    };
    assert_eq!(
        bad.problems,
        [RowProblem {
            row: 3,
            line: 3,
            last_line: 3,
            reason: RowReason::UnclosedQuote {
                column: 1,
                resumed_at: Some(4)
            }
        }]
    );
    // In the header it leaves nothing to read.
    assert_eq!(
        open(b"Name,\"E-mail\nA,a@x.example\n").unwrap_err(),
        ImportError::UnclosedQuote {
            row: 1,
            line: 1,
            column: 2
        }
    );
}

#[test]
fn a_word_document_renamed_csv_is_not_a_text_file() {
    let docx = std::fs::read(format!(
        "{}/../shared/data/letter-template.docx",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_else(|_| b"PK\x03\x04\x14\x00\x06\x00word/document.xml".to_vec());
    let error = open(&docx).unwrap_err();
    assert_eq!(
        error,
        ImportError::NotText {
            kind: BinaryKind::Zip
        }
    );
    assert_eq!(error.code(), "import.not_text");
    assert_eq!(error.args(), [("kind", "zip".to_string())]);
    assert!(error.to_string().starts_with("This is not a text file"));
}

#[test]
fn invalid_utf8_is_reported_at_its_line_and_column_with_a_guess() {
    let mut bytes = fixture("outlook-contacts.csv");
    // "Läntinen" on line 2: the UTF-8 `ä` (C3 A4) becomes Windows-1252's single byte E4.
    let at = bytes.windows(2).position(|w| w == [0xC3, 0xA4]).unwrap();
    bytes.splice(at..at + 2, [0xE4]);
    let error = open(&bytes).unwrap_err();
    let ImportError::BadRows(bad) = &error else {
        panic!("{error:?}");
    };
    let line_start = bytes[..at].iter().rposition(|b| *b == b'\n').unwrap() + 1;
    let prefix = std::str::from_utf8(&bytes[line_start..at]).unwrap();
    assert_eq!(
        bad.problems.iter().map(|p| p.reason).collect::<Vec<_>>(),
        [RowReason::NotUtf8 {
            line: 2,
            column: prefix.chars().count() + 1
        }]
    );
    assert_eq!(bad.guess, Some(TextEncoding::Windows1252));
    assert_eq!(bad.good_rows, 119);
    // Accepting the guess reads the file (this one now has a mixture, so only that letter
    // differs from the original).
    let source = open_as(&bytes, TextEncoding::Windows1252).unwrap();
    assert_eq!(source.format, ImportFormat::OutlookDesktopCsv);
}

#[test]
fn a_file_in_another_encoding_throughout_is_named_at_its_first_bad_byte() {
    // The header is not UTF-8, so no row can be trusted: the file as a whole is named.
    let bytes = b"Nimi,S\xE4hk\xF6posti\nA,a@x.example\n";
    assert_eq!(
        open(bytes).unwrap_err(),
        ImportError::NotUtf8 {
            byte_offset: 6,
            line: 1,
            column: 7,
            guess: Some(TextEncoding::Windows1252)
        }
    );
}

#[test]
fn a_windows_1252_export_reads_after_choosing_the_encoding() {
    let csv = b"First Name,Last Name,E-mail Address,Business Street,Categories\r\nS\xE4de,\xD6hman,sade@x.example,Bahnhofstra\xDFe 1,Kunden\r\n";
    assert_eq!(open(csv).unwrap_err().code(), "import.not_utf8");
    let parsed = open_as(csv, TextEncoding::Windows1252)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(parsed.contacts[0].name, "Säde Öhman");
    assert_eq!(parsed.contacts[0].address, "Bahnhofstraße 1");
}

#[test]
fn utf16_exports_with_a_bom_are_decoded() {
    let text = String::from_utf8(fixture("google-contacts.csv")).unwrap();
    let text = text.trim_start_matches('\u{FEFF}');
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let source = open(&le).unwrap();
    assert_eq!(source.encoding, TextEncoding::Utf16Le);
    assert_eq!(source.parse().unwrap().contacts.len(), 300);
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(open(&be).unwrap().parse().unwrap().contacts.len(), 300);
}

#[test]
fn fifty_megabytes_of_garbage_are_refused_quickly() {
    let mut state: u32 = 12345;
    let garbage: Vec<u8> = (0..50 * 1024 * 1024)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (state >> 16) as u8
        })
        .collect();
    let error = open(&garbage).unwrap_err();
    assert_eq!(
        error,
        ImportError::NotText {
            kind: BinaryKind::Binary
        }
    );
}

#[test]
fn text_that_is_not_contacts_is_named() {
    assert_eq!(
        open(b"<!DOCTYPE html>\n<html><body>hi</body></html>").unwrap_err(),
        ImportError::UnsupportedText {
            kind: TextKind::Html
        }
    );
    // Prose is read as CSV: with commas it has a ragged row, without them one unknown column.
    assert_eq!(
        open(b"Dear friends,\nthank you all.\n").unwrap_err().code(),
        "import.bad_rows"
    );
    let source = open(b"Dear friends\nthank you all\n").unwrap();
    assert_eq!(source.format, ImportFormat::GenericCsv);
    assert_eq!(source.parse().unwrap_err().code(), "import.unknown_headers");
}

// ---------------------------------------------------------------------------------------------
// Never a panic, whatever the bytes.

fn parse_everything(bytes: &[u8]) {
    if let Ok(source) = open(bytes) {
        let _ = source.parse();
        if let Some(mapping) = source.suggested_mapping() {
            let _ = source.parse_with_mapping(&mapping);
        }
        let mut everything = ColumnMapping::default();
        for (column, target) in TargetField::FIXED.iter().enumerate() {
            everything.set(
                column % source.csv_headers().map_or(1, |h| h.len().max(1)),
                target.clone(),
            );
        }
        if let Ok(parsed) = source
            .parse_with_mapping(&everything)
            .or_else(|_| source.parse())
        {
            let db = Db::new();
            let plan = plan_import(&db, parsed.contacts);
            let _ = apply_import(
                &db,
                &plan,
                &ImportChoices::for_duplicates(ImportChoice::Update),
                now(),
            );
        }
    }
    let _ = open_as(bytes, TextEncoding::Windows1252).map(|s| s.parse());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        parse_everything(&bytes);
    }

    #[test]
    fn csv_like_text_never_panics(
        lines in proptest::collection::vec(
            proptest::collection::vec(
                prop_oneof![
                    Just("\"".to_string()), Just(",".to_string()), Just(";".to_string()),
                    Just("\r\n".to_string()), Just("\n".to_string()), Just(" ::: ".to_string()),
                    Just("First Name".to_string()), Just("E-mail 1 - Value".to_string()),
                    Just("Labels".to_string()), Just("Organization Name".to_string()),
                    Just("E-mail Address".to_string()), Just("Birthday".to_string()),
                    Just("0/0/00".to_string()), Just("--02-30".to_string()), Just("'=".to_string()),
                    "[a-zäö@.* -]{0,8}",
                ],
                0..12,
            ),
            0..8,
        )
    ) {
        let text: String = lines.into_iter().map(|l| l.concat()).collect::<Vec<_>>().join("\r\n");
        parse_everything(text.as_bytes());
    }

    #[test]
    fn vcard_like_text_never_panics(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("BEGIN:VCARD".to_string()), Just("END:VCARD".to_string()),
                Just("VERSION:2.1".to_string()), Just("VERSION:4.0".to_string()),
                Just("N;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=C3=A4=".to_string()),
                Just("=C3".to_string()), Just(" folded".to_string()), Just("item1.X-ABLabel:x".to_string()),
                Just("TEL;VALUE=uri;TYPE=\"cell,voice\";PREF=1:tel:+1;ext=2".to_string()),
                Just("BDAY;X-APPLE-OMIT-YEAR=1604:1604-".to_string()), Just("ADR;LABEL=\"a:b\":;;".to_string()),
                Just("KIND:group".to_string()), Just("X-ABShowAs:COMPANY".to_string()),
                "[A-Z;=:,\\\\\"^ a-zé.-]{0,30}",
            ],
            0..30,
        )
    ) {
        let text = lines.join("\r\n");
        parse_everything(text.as_bytes());
    }
}
