//! The product's vocabulary: one text for each term and common action word that several areas
//! show.
//!
//! A contact's "Salesperson" is the same word on the contact form, in a column of the contacts
//! list, in the criteria form and in the interaction log, and a "Save" button is the same word on
//! every page. When each area defined such a word for itself, the same English text stood under up
//! to eight keys, and a Finnish wording could drift apart between them. Here each has one key, so
//! it is translated once; `tests/it/i18n_catalogue.rs` checks that no other key defines the same
//! English text again, except for the few it allows, each with its reason.
//!
//! A text belongs here when it names a thing of the product (a field, a value, a table of
//! Set-up) or is a plain action word, and two areas or more show it. Texts that only one area
//! needs, and whole sentences, stay in that area's table. Where a function names texts of both
//! an area's table and this one, it returns an [`AnyKey`](super::AnyKey).

use super::{AnyKey, Lang, Text};

catalogue! {
    // Action words of buttons and menus
    Actions { en: "Actions", fi: "Toiminnot" }
    Add { en: "Add", fi: "Lisää" }
    Cancel { en: "Cancel", fi: "Peruuta" }
    Close { en: "Close", fi: "Sulje" }
    Delete { en: "Delete", fi: "Poista" }
    DeleteNamed { en: "Delete {name}", fi: "Poista {name}" }
    Edit { en: "Edit", fi: "Muokkaa" }
    Preview { en: "Preview", fi: "Esikatselu" }
    Remove { en: "Remove", fi: "Poista" }
    Save { en: "Save", fi: "Tallenna" }
    Saved { en: "Saved.", fi: "Tallennettu." }
    Show { en: "Show", fi: "Näytä" }

    // Choices of selects and filters
    Any { en: "Any", fi: "Kaikki" }
    NoneChoice { en: "(none)", fi: "(ei mitään)" }
    Yes { en: "Yes", fi: "Kyllä" }
    No { en: "No", fi: "Ei" }

    // Things of the product and their common headings
    Contact { en: "Contact", fi: "Yhteyshenkilö" }
    Company { en: "Company", fi: "Yritys" }
    Number { en: "No.", fi: "Nro" }
    Name { en: "Name", fi: "Nimi" }
    Code { en: "Code", fi: "Koodi" }
    Description { en: "Description", fi: "Kuvaus" }
    Date { en: "Date", fi: "Päivämäärä" }
    Created { en: "Created", fi: "Luotu" }
    Field { en: "Field", fi: "Kenttä" }
    Language { en: "Language", fi: "Kieli" }
    Letter { en: "Letter", fi: "Kirje" }
    Template { en: "Template", fi: "Malli" }

    // A contact's fields (the contact form, the contacts list, import and the criteria form)
    CompanyName { en: "Company name", fi: "Yrityksen nimi" }
    FirstName { en: "First name", fi: "Etunimi" }
    MiddleName { en: "Middle name", fi: "Toinen nimi" }
    Surname { en: "Surname", fi: "Sukunimi" }
    JobTitle { en: "Job title", fi: "Tehtävänimike" }
    OrganizationalLevel { en: "Organisational level", fi: "Organisaatiotaso" }
    Address { en: "Address", fi: "Osoite" }
    PostCode { en: "Post code", fi: "Postinumero" }
    City { en: "City", fi: "Kaupunki" }
    Country { en: "Country", fi: "Maa" }
    Phone { en: "Phone", fi: "Puhelin" }
    Email { en: "E-mail", fi: "Sähköposti" }
    Email2 { en: "E-mail 2", fi: "Sähköposti 2" }
    Website { en: "Website", fi: "Verkkosivusto" }
    SalutationCode { en: "Salutation code", fi: "Tervehdyskoodi" }
    CorrespondenceType { en: "Correspondence type", fi: "Viestintätapa" }
    HardCopy { en: "Hard copy", fi: "Paperikirje" }
    ExcludeFromSegments { en: "Exclude from segments", fi: "Jätä pois segmenteistä" }
    PrivacyBlocked { en: "Privacy blocked", fi: "Tietosuojasyistä estetty" }
    Salesperson { en: "Salesperson", fi: "Myyjä" }
    // A narrow column's heading: the soft hyphen says where it may break.
    SalespersonColumn { en: "Sales\u{ad}person", fi: "Myyjä" }
    Territory { en: "Territory", fi: "Myyntialue" }
    Notes { en: "Notes", fi: "Muistiinpanot" }

    // The classifications of Set-up, as a contact's sections and Set-up's tables name them
    Classifications { en: "Classifications", fi: "Luokitukset" }
    BusinessRelations { en: "Business relations", fi: "Liiketoimintasuhteet" }
    IndustryGroups { en: "Industry groups", fi: "Toimialaryhmät" }
    JobResponsibilities { en: "Job responsibilities", fi: "Työtehtävät" }
    MailingGroup { en: "Mailing group", fi: "Postitusryhmä" }
    MailingGroups { en: "Mailing groups", fi: "Postitusryhmät" }

    // An interaction's fields (the log, a segment's header and lines, a template, the criteria form)
    SegmentNo { en: "Segment no.", fi: "Segmentin nro" }
    InteractionTemplate { en: "Interaction template", fi: "Vuorovaikutusmalli" }
    InteractionGroup { en: "Interaction group", fi: "Vuorovaikutusryhmä" }
    Evaluation { en: "Evaluation", fi: "Arvio" }
    Canceled { en: "Canceled", fi: "Peruutettu" }
    AttemptFailed { en: "Attempt failed", fi: "Yhteydenotto epäonnistui" }
    InformationFlow { en: "Information flow", fi: "Tiedon suunta" }
    Inbound { en: "Inbound", fi: "Saapuva" }
    Outbound { en: "Outbound", fi: "Lähtevä" }
    InitiatedBy { en: "Initiated by", fi: "Aloittaja" }
    Us { en: "Us", fi: "Me" }
    Them { en: "Them", fi: "He" }
    Subject { en: "Subject", fi: "Aihe" }
    Cost { en: "Cost", fi: "Kustannus" }

    // An interaction's evaluation (also an opportunity's status)
    VeryPositive { en: "Very positive", fi: "Erittäin myönteinen" }
    Positive { en: "Positive", fi: "Myönteinen" }
    Neutral { en: "Neutral", fi: "Neutraali" }
    Negative { en: "Negative", fi: "Kielteinen" }
    VeryNegative { en: "Very negative", fi: "Erittäin kielteinen" }
}
