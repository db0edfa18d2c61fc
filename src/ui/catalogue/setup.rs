//! Texts of the Set-up page's tables (salespeople, classifications, questionnaires, salutation
//! formulas, interaction groups, our company), and the words of the shared form pieces (save,
//! cancel, delete, "and N more" under a problem list) that the Set-up, log and segment pages and
//! `ui::components` use.

use super::{AnyKey, Lang, Text};

catalogue! {
    // Shared form pieces
    EditNamed { en: "Edit {name}", fi: "Muokkaa: {name}" }
    DeleteTitle { en: "Delete?", fi: "Poistetaanko?" }
    DeleteQuestion {
        en: "Delete {name}? This cannot be undone.",
        fi: "Poistetaanko {name}? Poistoa ei voi perua.",
    }
    MoreProblems {
        en: "… and {count} more.",
        fi: "… ja vielä {count}.",
    }

    // The page's sections
    SectionsLabel { en: "Set-up tables", fi: "Perustietotaulukot" }
    CodeHint {
        en: "Up to 20 characters, stored in capitals. It cannot be changed later.",
        fi: "Enintään 20 merkkiä, tallennetaan isoin kirjaimin. Koodia ei voi muuttaa myöhemmin.",
    }

    Salespeople { en: "Salespeople", fi: "Myyjät" }
    AddSalesperson { en: "Add salesperson", fi: "Lisää myyjä" }
    SalespeopleEmpty {
        en: "No salespeople yet. Add the people who sign letters and look after contacts.",
        fi: "Myyjiä ei vielä ole. Lisää henkilöt, jotka allekirjoittavat kirjeet ja hoitavat yhteyshenkilöitä.",
    }

    AddMailingGroup { en: "Add mailing group", fi: "Lisää postitusryhmä" }
    MailingGroupsEmpty {
        en: "No mailing groups yet. Any contact can belong to a mailing group, e.g. everyone who gets the Christmas card.",
        fi: "Postitusryhmiä ei vielä ole. Mikä tahansa yhteyshenkilö voi kuulua postitusryhmään, esimerkiksi joulukortin saajat.",
    }
    AddIndustryGroup { en: "Add industry group", fi: "Lisää toimialaryhmä" }
    IndustryGroupsEmpty {
        en: "No industry groups yet. They are set on companies; their persons inherit them.",
        fi: "Toimialaryhmiä ei vielä ole. Ne asetetaan yrityksille, ja yritysten henkilöt perivät ne.",
    }
    AddBusinessRelation { en: "Add business relation", fi: "Lisää liiketoimintasuhde" }
    BusinessRelationsEmpty {
        en: "No business relations yet, such as customer, supplier or partner. They are set on companies.",
        fi: "Liiketoimintasuhteita, kuten asiakas, toimittaja tai kumppani, ei vielä ole. Ne asetetaan yrityksille.",
    }
    AddJobResponsibility { en: "Add job responsibility", fi: "Lisää vastuualue" }
    JobResponsibilitiesEmpty {
        en: "No job responsibilities yet, such as purchasing or decision maker. They are set on persons.",
        fi: "Vastuualueita, kuten hankinnat tai päättäjä, ei vielä ole. Ne asetetaan henkilöille.",
    }
    GroupsOnTemplates {
        en: "Interaction groups are kept with the interaction templates.",
        fi: "Vuorovaikutusryhmät ovat vuorovaikutusmallien yhteydessä.",
    }
    GoToTemplates { en: "Go to Templates", fi: "Siirry malleihin" }

    Questionnaires { en: "Profile questionnaires", fi: "Profiilikyselyt" }
    AddQuestionnaire { en: "Add questionnaire", fi: "Lisää kysely" }
    QuestionnairesEmpty {
        en: "No profile questionnaires yet. A questionnaire has numbered answers that contacts can give.",
        fi: "Profiilikyselyitä ei vielä ole. Kyselyssä on numeroituja vastauksia, joita yhteyshenkilöt voivat antaa.",
    }
    Answers { en: "Answers", fi: "Vastaukset" }
    AddAnswer { en: "Add answer", fi: "Lisää vastaus" }
    AnswerLineLabel { en: "Answer {n}: line no.", fi: "Vastaus {n}: rivinumero" }
    AnswerTextLabel { en: "Answer {n}: text", fi: "Vastaus {n}: teksti" }
    RemoveAnswerNamed { en: "Remove answer {n}", fi: "Poista vastaus {n}" }

    SalutationFormulas { en: "Salutation formulas", fi: "Tervehdyskaavat" }
    AddSalutationFormula { en: "Add salutation formula", fi: "Lisää tervehdyskaava" }
    SalutationFormulasEmpty {
        en: "No salutation formulas yet. Letters greet each contact with the formula for its salutation code and language, e.g. “Dear %1 %2,”.",
        fi: "Tervehdyskaavoja ei vielä ole. Kirjeet tervehtivät yhteyshenkilöä sen tervehdyskoodin ja kielen mukaisella kaavalla, esimerkiksi ”Hyvä %1 %2,”.",
    }
    SalutationCodeHint {
        en: "Leave empty for contacts that have no salutation code.",
        fi: "Jätä tyhjäksi yhteyshenkilöille, joilla ei ole tervehdyskoodia.",
    }
    NoSalutationCode { en: "(no code)", fi: "(ei koodia)" }
    LanguageHint {
        en: "A language code such as en or fi. Leave empty for any language.",
        fi: "Kielikoodi, esimerkiksi fi tai en. Jätä tyhjäksi, jos kaava käy kaikille kielille.",
    }
    AnyLanguage { en: "any language", fi: "kaikki kielet" }
    Kind { en: "Formal or informal", fi: "Muodollinen vai epämuodollinen" }
    Formal { en: "Formal", fi: "Muodollinen" }
    Informal { en: "Informal", fi: "Epämuodollinen" }
    Formula { en: "Formula", fi: "Kaava" }
    FormulaHint {
        en: "%1, %2 … are replaced by the name parts below, in order.",
        fi: "%1, %2 … korvataan alla valituilla nimen osilla järjestyksessä.",
    }
    FormulaKey { en: "Formula for", fi: "Kaava kohteelle" }
    NameParts { en: "Name parts", fi: "Nimen osat" }
    NamePartSlot { en: "Name part for %{n}", fi: "Nimen osa kohtaan %{n}" }
    AddNamePart { en: "Add name part", fi: "Lisää nimen osa" }
    RemoveNamePart { en: "Remove the last name part", fi: "Poista viimeinen nimen osa" }
    PartInitials { en: "Initials", fi: "Nimikirjaimet" }

    OurCompany { en: "Our company", fi: "Oma yritys" }
    OurCompanyHint {
        en: "The sender of your letters. Letters show these details through fields such as {{our_company.name}}.",
        fi: "Kirjeidesi lähettäjä. Kirjeet näyttävät nämä tiedot kentillä, kuten {{our_company.name}}.",
    }
    Address2 { en: "Address, line 2", fi: "Osoite, rivi 2" }
    VatNo { en: "VAT or business ID", fi: "Y-tunnus tai ALV-numero" }
    BankAccount { en: "Bank account", fi: "Pankkitili" }
    SaveCompany { en: "Save company details", fi: "Tallenna yrityksen tiedot" }
}
