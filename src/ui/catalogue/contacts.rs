//! Texts of the Contacts page, the contact form and page, import and export.

use super::{AnyKey, Lang, Text};

catalogue! {
    // The list
    Loading { en: "Loading contacts…", fi: "Ladataan yhteyshenkilöitä…" }
    EmptyTitle { en: "No contacts yet", fi: "Ei vielä yhteyshenkilöitä" }
    EmptyText {
        en: "Import your contacts from a Google or Outlook export or a vCard file, or add a company or a person by hand.",
        fi: "Tuo yhteyshenkilösi Googlen tai Outlookin vientitiedostosta tai vCard-tiedostosta, tai lisää yritys tai henkilö käsin.",
    }
    ToolbarLabel { en: "Contact actions", fi: "Yhteyshenkilötoiminnot" }
    NewCompany { en: "New company", fi: "Uusi yritys" }
    NewPerson { en: "New person", fi: "Uusi henkilö" }
    ImportContacts { en: "Import contacts", fi: "Tuo yhteyshenkilöitä" }
    ExportCsv { en: "Export CSV", fi: "Vie CSV-tiedostoksi" }
    ExportVcard { en: "Export vCard", fi: "Vie vCard-tiedostoksi" }
    SearchLabel { en: "Search", fi: "Haku" }
    SearchHint {
        en: "Name, company, e-mail, city or No.",
        fi: "Nimi, yritys, sähköposti, kaupunki tai numero.",
    }
    FilterAllKinds { en: "All contacts", fi: "Kaikki" }
    FilterCompanies { en: "Companies", fi: "Yritykset" }
    Persons { en: "Persons", fi: "Henkilöt" }
    FirstRunHeading { en: "Getting started", fi: "Aloitus" }
    FirstRunContacts { en: "Import or add your contacts (the buttons below)", fi: "Tuo tai lisää yhteyshenkilösi (painikkeet alla)" }
    FirstRunSalesperson { en: "Add a salesperson (Set-up)", fi: "Lisää myyjä (Perustiedot)" }
    FirstRunTemplate { en: "Create an interaction template with its letter (Templates)", fi: "Luo vuorovaikutusmalli ja sen kirje (Mallit)" }
    FirstRunSalutations { en: "Add salutation formulas for the letters (Set-up)", fi: "Lisää kirjeiden tervehdyskaavat (Perustiedot)" }
    FirstRunOurCompany { en: "Fill in our company's details for letterheads (Set-up)", fi: "Täytä oman yrityksen tiedot kirjepohjiin (Perustiedot)" }
    FirstRunDone { en: "done", fi: "tehty" }
    FirstRunOpen { en: "not done yet", fi: "ei vielä tehty" }
    FirstRunHide { en: "Hide this list", fi: "Piilota tämä lista" }
    FilterDuplicates {
        en: "Only possible duplicates (same e-mail address): {count}",
        fi: "Vain mahdolliset kaksoiskappaleet (sama sähköpostiosoite): {count}",
    }
    FilterAllGroups { en: "Any mailing group", fi: "Kaikki ryhmät" }
    ShownOfTotal {
        en: "Showing {shown} of {total, plural, one {# contact} other {# contacts}}",
        fi: "{total, plural, one {Näytetään {shown}/# yhteyshenkilö} other {Näytetään {shown}/# yhteyshenkilöä}}",
    }
    NoMatch {
        en: "No contact matches the search and filters.",
        fi: "Yksikään yhteyshenkilö ei vastaa hakua ja suodattimia.",
    }
    KindPerson { en: "Person", fi: "Henkilö" }

    // A new contact and the contact page
    NewContactIntro {
        en: "Fill in what you know; only the name is required. The contact gets its number when you save it.",
        fi: "Täytä tiedossa olevat tiedot; vain nimi on pakollinen. Yhteyshenkilö saa numeronsa, kun tallennat sen.",
    }
    BackToList { en: "← All contacts", fi: "← Kaikki yhteyshenkilöt" }
    ContactMissingTitle { en: "Contact not found", fi: "Yhteyshenkilöä ei löydy" }
    ContactMissingText {
        en: "There is no contact {no}. It may have been deleted.",
        fi: "Yhteyshenkilöä {no} ei ole. Se on ehkä poistettu.",
    }

    // The form
    FormHasErrors {
        en: "The contact was not saved. Correct the fields marked below.",
        fi: "Yhteyshenkilöä ei tallennettu. Korjaa alla merkityt kentät.",
    }
    GroupIdentity { en: "Name and company", fi: "Nimi ja yritys" }
    GroupCommunication { en: "Phone, e-mail and web", fi: "Puhelin, sähköposti ja verkko" }
    GroupPreferences { en: "Preferences", fi: "Asetukset" }
    GroupAttributes { en: "Custom attributes", fi: "Omat lisätiedot" }
    FieldKind { en: "Kind", fi: "Tyyppi" }
    NameHintPerson {
        en: "Filled from the first, middle and surname when any of them is given.",
        fi: "Muodostetaan etunimestä, toisesta nimestä ja sukunimestä, kun jokin niistä on annettu.",
    }
    NoCompany { en: "(No company)", fi: "(Ei yritystä)" }
    FieldAddress2 { en: "Address line 2", fi: "Osoiterivi 2" }
    FieldCounty { en: "County or region", fi: "Maakunta tai alue" }
    FieldMobile { en: "Mobile phone", fi: "Matkapuhelin" }
    LanguageHint {
        en: "A language code such as fi, sv or en; letters are written in this language when the template has it.",
        fi: "Kielikoodi, esimerkiksi fi, sv tai en; kirjeet kirjoitetaan tällä kielellä, jos mallissa on se.",
    }
    NoSalutation { en: "(None)", fi: "(Ei mitään)" }
    FieldCorrespondence { en: "Preferred correspondence", fi: "Ensisijainen yhteydenpitotapa" }
    CorrespondenceNone { en: "No preference", fi: "Ei toivetta" }
    NoSalesperson { en: "(No salesperson)", fi: "(Ei myyjää)" }
    ExcludeHint {
        en: "Segments leave this contact out unless told to ignore the exclusion.",
        fi: "Segmentit jättävät tämän yhteyshenkilön pois, ellei poissulkemista ohiteta.",
    }
    PrivacyHint {
        en: "No interaction can be logged for a privacy-blocked contact.",
        fi: "Estetylle yhteyshenkilölle ei voi kirjata vuorovaikutusta.",
    }
    ProfileLegend { en: "Profile: {questionnaire}", fi: "Profiili: {questionnaire}" }
    NoneSetUp {
        en: "None set up yet; add them on the Set-up page.",
        fi: "Yhtään ei ole vielä määritetty; lisää niitä Perustiedot-sivulla.",
    }
    InheritedFrom {
        en: "From the company {company}, which this person inherits:",
        fi: "Yritykseltä {company}, jolta tämä henkilö perii:",
    }
    NoneAssigned { en: "none", fi: "ei yhtään" }
    AttributesHint {
        en: "Anything else worth keeping, e.g. a customer number or a birthday. Letters can use them as {{attr.NAME}}.",
        fi: "Muut talteen otettavat tiedot, esimerkiksi asiakasnumero tai syntymäpäivä. Kirjeissä niitä voi käyttää muodossa {{attr.NAME}}, jossa NAME on lisätiedon nimi.",
    }
    AttributeName { en: "Attribute name", fi: "Lisätiedon nimi" }
    AttributeType { en: "Type", fi: "Tyyppi" }
    AttributeValue { en: "Value", fi: "Arvo" }
    AttributeText { en: "Text", fi: "Teksti" }
    AttributeNumber { en: "Number", fi: "Numero" }
    AttributeRepeated {
        en: "Each attribute needs its own name; used more than once: {names}.",
        fi: "Jokaisella lisätiedolla on oltava oma nimensä; useammin kuin kerran: {names}.",
    }
    AddAttribute { en: "Add attribute", fi: "Lisää lisätieto" }
    RemoveAttribute { en: "Remove attribute", fi: "Poista lisätieto" }
    RemoveAttributeNamed { en: "Remove attribute {name}", fi: "Poista lisätieto {name}" }

    // Deleting
    Delete { en: "Delete…", fi: "Poista…" }
    DeleteTitle { en: "Delete contact", fi: "Poista yhteyshenkilö" }
    DeleteQuestion {
        en: "Delete {name} ({no})? This cannot be undone.",
        fi: "Poistetaanko {name} ({no})? Poistoa ei voi perua.",
    }

    // Sections of the contact page
    PersonsNone { en: "No persons belong to this company yet.", fi: "Tähän yritykseen ei vielä kuulu henkilöitä." }
    HistoryTitle { en: "Interaction history", fi: "Vuorovaikutushistoria" }
    HistoryNone { en: "No interactions have been logged yet.", fi: "Vuorovaikutuksia ei ole vielä kirjattu." }
    SegmentsNone { en: "This contact is on no segment.", fi: "Tämä yhteyshenkilö ei ole yhdessäkään segmentissä." }

    // Import: choosing a file
    ImportIntro {
        en: "Choose a Google Contacts or Outlook CSV export, a vCard file (.vcf) or any CSV file. You will see what would be imported before anything changes.",
        fi: "Valitse Google-yhteystietojen tai Outlookin CSV-vienti, vCard-tiedosto (.vcf) tai mikä tahansa CSV-tiedosto. Näet, mitä tuotaisiin, ennen kuin mitään muutetaan.",
    }
    ImportFileLabel { en: "Contacts file", fi: "Yhteystietotiedosto" }
    Working { en: "Reading… this can take a moment for a large file.", fi: "Luetaan… suuressa tiedostossa tämä voi kestää hetken." }
    ProgressReading { en: "Reading rows: {done} of {total}", fi: "Luetaan rivejä: {done}/{total}" }
    ProgressPlanning {
        en: "Looking for duplicates: {done} of {total}",
        fi: "Etsitään kaksoiskappaleita: {done}/{total}",
    }
    FileUnreadable {
        en: "The browser could not read the file ({reason}). Nothing was imported.",
        fi: "Selain ei pystynyt lukemaan tiedostoa ({reason}). Mitään ei tuotu.",
    }
    NothingImported { en: "Nothing was imported.", fi: "Mitään ei tuotu." }
    ErrNotText {
        en: "This is not a contacts file: it looks like {kind}. Choose a CSV or vCard file.",
        fi: "Tämä ei ole yhteystietotiedosto: se näyttää olevan {kind}. Valitse CSV- tai vCard-tiedosto.",
    }
    ErrUnsupportedText {
        en: "This file is {kind}, not contacts in CSV or vCard format.",
        fi: "Tämä tiedosto on {kind}, ei CSV- tai vCard-muotoisia yhteystietoja.",
    }
    ErrNotUtf8 {
        en: "The file is not UTF-8 text: line {line}, column {column} is not a UTF-8 character.",
        fi: "Tiedosto ei ole UTF-8-tekstiä: rivin {line} sarakkeessa {column} on merkki, joka ei ole UTF-8:aa.",
    }
    ErrGuess {
        en: "It looks like {guess} text; you can read it that way.",
        fi: "Se näyttää olevan {guess}-tekstiä; voit lukea sen niin.",
    }
    ReadAs { en: "Read it as {encoding}", fi: "Lue merkistöllä {encoding}" }
    ErrInvalidUtf16 {
        en: "The file says it is UTF-16 but has a broken character at byte {byte_offset}.",
        fi: "Tiedosto ilmoittaa olevansa UTF-16-muodossa, mutta tavun {byte_offset} kohdalla on rikkinäinen merkki.",
    }
    ErrUnclosedQuote {
        en: "Row {row} (line {line}): the quoted value in column {column} is never closed.",
        fi: "Rivi {row} (tiedoston rivi {line}): sarakkeen {column} lainausmerkeissä olevaa arvoa ei suljeta koskaan.",
    }
    ErrRaggedRow {
        en: "Row {row} (line {line}) has {found, plural, one {# value} other {# values}}, but the header has {expected, plural, one {# column} other {# columns}}.",
        fi: "Rivillä {row} (tiedoston rivi {line}) on {found, plural, one {# arvo} other {# arvoa}}, mutta otsikkorivillä on {expected, plural, one {# sarake} other {# saraketta}}.",
    }
    ErrBadRows {
        en: "{count, plural, one {# row of the file cannot be read.} other {# rows of the file cannot be read.}} {good, plural, one {The other # row can still be imported.} other {The other # rows can still be imported.}}",
        fi: "{count, plural, one {Tiedostossa on # lukukelvoton rivi.} other {Tiedostossa on # lukukelvotonta riviä.}} {good, plural, one {Muun # rivin voi silti tuoda.} other {Muut # riviä voi silti tuoda.}}",
    }
    RowResumed {
        en: "Reading went on at line {resumed}, the next line that reads as a row.",
        fi: "Lukemista jatkettiin riviltä {resumed}, seuraavalta riviltä, joka on kelvollinen rivi.",
    }
    RowQuoteToEnd {
        en: "No line after it reads as a row, up to the end of the file.",
        fi: "Mikään sen jälkeinen rivi tiedoston loppuun asti ei ole kelvollinen rivi.",
    }
    RowNotUtf8 {
        en: "Row {row}: line {line}, column {column} is not a UTF-8 character.",
        fi: "Rivi {row}: tiedoston rivin {line} sarakkeessa {column} on merkki, joka ei ole UTF-8:aa.",
    }
    BadRowsMore {
        en: "{more, plural, one {…and # more row.} other {…and # more rows.}}",
        fi: "{more, plural, one {…ja vielä # rivi.} other {…ja vielä # riviä.}}",
    }
    ImportGoodRows {
        en: "{good, plural, one {Import the # good row, skip these} other {Import the # good rows, skip these}}",
        fi: "{good, plural, one {Tuo # kelvollinen rivi, ohita nämä} other {Tuo # kelvollista riviä, ohita nämä}}",
    }
    DownloadSkippedRows {
        en: "Download the skipped rows (CSV)",
        fi: "Lataa ohitetut rivit (CSV)",
    }
    SkippedFileName { en: "{name} - skipped rows.csv", fi: "{name} - ohitetut rivit.csv" }
    DownloadFailed {
        en: "The browser did not start the download. Try again.",
        fi: "Selain ei aloittanut latausta. Yritä uudelleen.",
    }
    CountSkippedRows { en: "Rows left out", fi: "Pois jätettyjä rivejä" }
    ErrNoContacts { en: "The file holds no contacts.", fi: "Tiedostossa ei ole yhteystietoja." }
    ErrUnknownHeaders {
        en: "The {columns} column headers are not a known contacts format.",
        fi: "Tiedoston {columns} sarakeotsikkoa eivät vastaa mitään tunnettua yhteystietomuotoa.",
    }
    ErrMappingColumn {
        en: "The column mapping names column {column}, but the file has {columns, plural, one {# column} other {# columns}}.",
        fi: "Sarakkeiden vastaavuus viittaa sarakkeeseen {column}, mutta tiedostossa on {columns, plural, one {# sarake} other {# saraketta}}.",
    }
    ErrMappingWithoutName {
        en: "Choose at least one column for a name, a company or an e-mail address, so that each contact can be recognised.",
        fi: "Valitse vähintään yksi sarake nimelle, yritykselle tai sähköpostiosoitteelle, jotta jokainen yhteyshenkilö voidaan tunnistaa.",
    }
    BinaryZip {
        en: "a ZIP archive or an Office document (.docx, .xlsx)",
        fi: "ZIP-arkisto tai Office-asiakirja (.docx, .xlsx)",
    }
    BinaryPdf { en: "a PDF document", fi: "PDF-asiakirja" }
    BinaryImage { en: "a picture", fi: "kuva" }
    BinaryOldOffice {
        en: "an old Word or Excel file (.doc, .xls)",
        fi: "vanha Word- tai Excel-tiedosto (.doc, .xls)",
    }
    BinaryCompressed { en: "a compressed archive", fi: "pakattu arkisto" }
    BinaryOther { en: "binary data", fi: "binääridataa" }
    TextHtml { en: "a web page (HTML)", fi: "verkkosivu (HTML)" }
    TextXml { en: "an XML document", fi: "XML-asiakirja" }
    TextJson { en: "JSON data", fi: "JSON-dataa" }

    // Import: mapping the columns of any CSV file
    MapIntro {
        en: "The columns of {file} are not a format Segmentti knows. Choose the contact field for each column; columns left on “Ignore” are not imported.",
        fi: "Tiedoston {file} sarakkeet eivät ole Segmentin tuntemassa muodossa. Valitse kullekin sarakkeelle yhteystiedon kenttä; kohtaan ”Ohita” jätettyjä sarakkeita ei tuoda.",
    }
    MapIgnore { en: "Ignore", fi: "Ohita" }
    MapBirthday { en: "Birthday", fi: "Syntymäpäivä" }
    MapAttribute { en: "Custom attribute named after the column", fi: "Oma lisätieto sarakkeen nimellä" }
    MapAttributeNamed { en: "Custom attribute “{name}”", fi: "Oma lisätieto ”{name}”" }
    MapUnnamedColumn { en: "Column {number}", fi: "Sarake {number}" }
    MapSample { en: "First row: {value}", fi: "Ensimmäinen rivi: {value}" }
    MapContinue { en: "Continue to preview", fi: "Jatka esikatseluun" }

    // Import: the preview
    Recognised { en: "{file}: recognised as {format}.", fi: "{file}: tunnistettu muodoksi {format}." }
    FormatGoogle { en: "Google Contacts CSV", fi: "Google-yhteystietojen CSV" }
    FormatGoogleLegacy { en: "Google Contacts CSV (older export)", fi: "Google-yhteystietojen CSV (vanhempi vienti)" }
    FormatOutlookDesktop { en: "Outlook CSV (desktop)", fi: "Outlookin CSV (työpöytäsovellus)" }
    FormatOutlookCom { en: "Outlook.com CSV", fi: "Outlook.comin CSV" }
    FormatVcard { en: "vCard", fi: "vCard-tiedosto" }
    FormatGeneric { en: "CSV with your own columns", fi: "CSV omilla sarakkeilla" }
    ContactsInFile { en: "Contacts in the file", fi: "Tiedoston yhteystiedot" }
    CountNew { en: "New contacts", fi: "Uusia yhteyshenkilöitä" }
    CountDuplicatesExisting { en: "Already in Segmentti", fi: "Jo Segmentissä" }
    CountDuplicatesInFile { en: "Repeated within the file", fi: "Toistuu tiedostossa" }
    CountCompanies { en: "Companies to create", fi: "Luotavia yrityksiä" }
    CountMailingGroups { en: "New mailing groups from labels", fi: "Uusia postitusryhmiä tunnisteista" }
    ForAllDuplicates { en: "For all duplicates", fi: "Kaikille kaksoiskappaleille" }
    ChoiceSkip { en: "Skip", fi: "Ohita" }
    ChoiceUpdate { en: "Update", fi: "Päivitä" }
    OnlyDuplicates { en: "Show only duplicates", fi: "Näytä vain kaksoiskappaleet" }
    PreviewRow { en: "Row", fi: "Rivi" }
    PreviewProposal { en: "Found", fi: "Havainto" }
    PreviewChoice { en: "Action", fi: "Toiminto" }
    ProposalNew { en: "New", fi: "Uusi" }
    ProposalExisting { en: "Same as {no} ({reason})", fi: "Sama kuin {no} ({reason})" }
    ProposalInFile { en: "Same as row {row} ({reason})", fi: "Sama kuin rivi {row} ({reason})" }
    ReasonSameEmail { en: "same e-mail", fi: "sama sähköposti" }
    ReasonSameNameAndCompany { en: "same name and company", fi: "sama nimi ja yritys" }
    ReasonSameCompanyName { en: "same company name", fi: "sama yrityksen nimi" }
    ReasonSameUid { en: "same vCard UID", fi: "sama vCard-tunniste" }
    ChoiceForRow { en: "Action for row {row}", fi: "Rivin {row} toiminto" }
    ChoicesTally {
        en: "With these choices: {add} added, {update} updated, {skip} skipped.",
        fi: "Näillä valinnoilla: {add} lisätään, {update} päivitetään, {skip} ohitetaan.",
    }
    ImportConfirm { en: "Import", fi: "Tuo" }
    WarningsSummary {
        en: "{count, plural, one {# note from reading the file} other {# notes from reading the file}}",
        fi: "{count, plural, one {# huomio tiedoston lukemisesta} other {# huomiota tiedoston lukemisesta}}",
    }
    WarnLineIgnored {
        en: "Line {line}: not a vCard property; skipped.",
        fi: "Rivi {line}: ei vCard-ominaisuus; ohitettiin.",
    }
    WarnOutsideCard {
        en: "Line {line}: text outside any card; skipped.",
        fi: "Rivi {line}: tekstiä korttien ulkopuolella; ohitettiin.",
    }
    WarnEndedByBegin {
        en: "Line {line}: a card without END:VCARD was ended where the next card begins, on line {begin_line}.",
        fi: "Rivi {line}: kortti ilman END:VCARD-riviä päätettiin seuraavan kortin alkuun rivillä {begin_line}.",
    }
    WarnUnterminated {
        en: "Line {line}: a card without END:VCARD was read to the end of the file.",
        fi: "Rivi {line}: kortti ilman END:VCARD-riviä luettiin tiedoston loppuun asti.",
    }
    WarnInvalidDate {
        en: "Line {line}: “{value}” is not a date; it was kept as text.",
        fi: "Rivi {line}: ”{value}” ei ole päivämäärä; se säilytettiin tekstinä.",
    }
    WarnGroupSkipped {
        en: "Line {line}: a group card is not a contact; skipped.",
        fi: "Rivi {line}: ryhmäkortti ei ole yhteyshenkilö; ohitettiin.",
    }
    WarnOther { en: "Line {line}: {code}", fi: "Rivi {line}: {code}" }

    // Import: done and undone
    ImportDone { en: "Imported as batch {batch}.", fi: "Tuotu eränä {batch}." }
    SummaryAdded { en: "Added", fi: "Lisätty" }
    SummaryUpdated { en: "Updated", fi: "Päivitetty" }
    SummarySkipped { en: "Skipped", fi: "Ohitettu" }
    SummaryCompanies { en: "Companies created", fi: "Luotuja yrityksiä" }
    SummaryMailingGroups { en: "Mailing groups created", fi: "Luotuja postitusryhmiä" }
    UndoHint {
        en: "Undo removes every contact this import added and puts the contacts it updated back as they were before it.",
        fi: "Kumoaminen poistaa kaikki tämän tuonnin lisäämät yhteyshenkilöt ja palauttaa sen päivittämät yhteyshenkilöt ennalleen.",
    }
    UndoImport { en: "Undo this import", fi: "Kumoa tämä tuonti" }
    ImportsSummary { en: "Imports ({count})", fi: "Tuonnit ({count})" }
    ImportsItem { en: "{batch} · contacts: {count}", fi: "{batch} · yhteyshenkilöitä: {count}" }
    UndoBatch { en: "Undo import {batch}", fi: "Kumoa tuonti {batch}" }
    UndoBatchQuestion {
        en: "Undo import {batch}? Every contact it added is removed ({count} in all), and the contacts it updated are put back as they were before it.",
        fi: "Kumotaanko tuonti {batch}? Kaikki sen lisäämät yhteyshenkilöt poistetaan ({count} kaikkiaan), ja sen päivittämät yhteyshenkilöt palautetaan ennalleen.",
    }
    UndoDone {
        en: "The import was undone. Contacts removed: {count}.",
        fi: "Tuonti kumottiin. Poistettuja yhteyshenkilöitä: {count}.",
    }
}
