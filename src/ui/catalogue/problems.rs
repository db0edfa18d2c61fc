//! Messages for the problem codes the core and storage report (`Problem::code`, `…::code()`),
//! and for the few the UI reports itself (`ui.…`, named in `ui::components::codes`).
//!
//! Each [`ProblemCode`] maps to a `Key` by [`message_of`], an exhaustive match, and a code as a
//! `Problem` carries it by [`key_of`]; a message names the problem's
//! `args` as `{0}`, `{1}`, … in order, and both languages use the same placeholders.
//! `tests/it/problem_messages.rs` checks that every code in `src/core`, `src/storage` and the UI's
//! `ui.` codes has a message here and that no code here is stale.
//!
//! The comment above a key gives its arguments in order ("args: …"); a message may leave some
//! of them out. Where the core builds the `Problem` the order is the core's. Where the core
//! returns a typed error, the UI builds the `Problem` with the arguments in the order given here:
//!
//! * `FilterErrorKind`: `detail()` as the only argument, when there is one.
//! * letter `Diagnostic`s and docx `TemplateProblem`s: as `core::production` builds them, the
//!   letter's origin label (`LetterOrigin::label`, or empty), its position (`line:column` in a
//!   text letter, `part:paragraph:column` in a Word document), then `DiagnosticKind::args()` or
//!   the merge field's name.
//! * `DocxError`: the origin label (or empty), `part()` (or empty), the error's `Display` text.
//! * `OutputError`: the letter's number counting from 1 (`index + 1`).
//! * `ImportError`: the values of `ImportError::args()`, in the order it returns them.
//! * `ImportWarning`: the values of its `args`, in order; its `line` is the problem's place.
//! * `BackupError`: the variant's fields in declaration order.
//!
//! Some arguments are stable machine names (a classification kind, a salutation kind, an
//! origin label such as `template:SPRING:fi`); the messages leave those out rather than show
//! them untranslated. Lists of any length (the segments that use something) are named by their
//! first item, "such as {0}".

use super::{AnyKey, Lang, Text};
use segmentti::core::problem::ProblemCode;
use std::sync::LazyLock;

catalogue! {
    ProblemUnknown { en: "Something is not right here ({code}).", fi: "Tässä on jotain vialla ({code})." }

    // ----- contacts ---------------------------------------------------------------------------

    // args: contact no.
    ContactUnknown {
        en: "Contact {0} no longer exists. It may have been deleted meanwhile.",
        fi: "Yhteyshenkilöä {0} ei enää ole. Se on ehkä poistettu sillä välin.",
    }
    ContactNameMissing {
        en: "Enter a name. For a person, a first name or a surname is enough.",
        fi: "Anna nimi. Henkilölle riittää etunimi tai sukunimi.",
    }
    ContactCompanyCannotHaveCompany {
        en: "A company cannot belong to another company. Clear the company, or make this contact a person.",
        fi: "Yritys ei voi kuulua toiseen yritykseen. Tyhjennä yritys tai muuta yhteyshenkilö henkilöksi.",
    }
    // args: company no.
    ContactCompanyUnknown {
        en: "Company {0} does not exist.",
        fi: "Yritystä {0} ei ole.",
    }
    // args: company no.
    ContactCompanyNotACompany {
        en: "{0} is not a company. A person can only be linked to a company.",
        fi: "{0} ei ole yritys. Henkilön voi liittää vain yritykseen.",
    }
    // args: e-mail address.
    EmailInvalid {
        en: "“{0}” does not look like an e-mail address.",
        fi: "”{0}” ei näytä sähköpostiosoitteelta.",
    }
    // args: language code.
    LanguageInvalid {
        en: "“{0}” is not a language code. Use a two- or three-letter code such as en or fi, or leave it empty.",
        fi: "”{0}” ei ole kielikoodi. Käytä kaksi- tai kolmikirjaimista koodia, kuten fi tai en, tai jätä kenttä tyhjäksi.",
    }
    // args: salesperson code.
    SalespersonUnknown {
        en: "Salesperson {0} does not exist.",
        fi: "Myyjää {0} ei ole.",
    }
    // args: mailing group code.
    MailingGroupUnknown {
        en: "Mailing group {0} does not exist.",
        fi: "Postitusryhmää {0} ei ole.",
    }
    // args: industry group code.
    ContactIndustryGroupUnknown {
        en: "Industry group {0} does not exist.",
        fi: "Toimialaryhmää {0} ei ole.",
    }
    // args: business relation code.
    ContactBusinessRelationUnknown {
        en: "Business relation {0} does not exist.",
        fi: "Liiketoimintasuhdetta {0} ei ole.",
    }
    // args: job responsibility code.
    ContactJobResponsibilityUnknown {
        en: "Job responsibility {0} does not exist.",
        fi: "Työtehtävää {0} ei ole.",
    }
    // args: questionnaire code, answer line no.
    ContactProfileAnswerUnknown {
        en: "Profile questionnaire {0} has no answer {1}.",
        fi: "Profiilikyselyssä {0} ei ole vastausta {1}.",
    }
    ContactIndustryGroupsCompanyOnly {
        en: "Only companies have industry groups; a person gets them from its company.",
        fi: "Toimialaryhmät ovat vain yrityksillä; henkilö saa ne yritykseltään.",
    }
    ContactBusinessRelationsCompanyOnly {
        en: "Only companies have business relations; a person gets them from its company.",
        fi: "Liiketoimintasuhteet ovat vain yrityksillä; henkilö saa ne yritykseltään.",
    }
    ContactJobResponsibilitiesPersonOnly {
        en: "Only persons have job responsibilities, companies do not.",
        fi: "Työtehtävät ovat vain henkilöillä, ei yrityksillä.",
    }
    ContactAttributeNameMissing {
        en: "Every attribute needs a name.",
        fi: "Jokaisella lisätiedolla on oltava nimi.",
    }
    // args: attribute name.
    ContactAttributeNumberInvalid {
        en: "The value of attribute {0} is not a valid number.",
        fi: "Lisätiedon {0} arvo ei ole kelvollinen luku.",
    }
    // args: segment nos. (one or more).
    ContactCompanyLockedBySegment {
        en: "The company cannot be changed while the contact is on a segment, such as {0}: the segment line keeps the company it was added with. Remove the contact from the segment first.",
        fi: "Yritystä ei voi vaihtaa, kun yhteyshenkilö on segmentissä (esimerkiksi {0}), koska segmentin rivi säilyttää yrityksen, jolla se lisättiin. Poista yhteyshenkilö ensin segmentistä.",
    }
    // args: number of interaction log entries.
    ContactKindLockedByEntries {
        en: "The type cannot be changed because the contact has interaction log entries ({0}).",
        fi: "Tyyppiä ei voi muuttaa, koska yhteyshenkilöllä on vuorovaikutuslokin tapahtumia ({0} kpl).",
    }
    // args: number of persons.
    ContactKindLockedByPersons {
        en: "This company cannot become a person while persons are linked to it ({0}).",
        fi: "Yritystä ei voi muuttaa henkilöksi, koska siihen on liitetty henkilöitä ({0} kpl).",
    }
    // args: segment nos. (one or more).
    ContactKindLockedBySegment {
        en: "The type cannot be changed while the contact is on a segment, such as {0}. Remove the contact from the segment first.",
        fi: "Tyyppiä ei voi muuttaa, kun yhteyshenkilö on segmentissä (esimerkiksi {0}). Poista yhteyshenkilö ensin segmentistä.",
    }
    // args: contact no., then segment nos. (one or more).
    ContactOnSegment {
        en: "Contact {0} cannot be deleted because it is on a segment, such as {1}. Remove it from the segment first.",
        fi: "Yhteyshenkilöä {0} ei voi poistaa, koska se on segmentissä (esimerkiksi {1}). Poista se ensin segmentistä.",
    }
    // args: contact no., number of interaction log entries.
    ContactHasEntries {
        en: "Contact {0} cannot be deleted because it has interaction log entries ({1}), and the interaction history must keep its contact.",
        fi: "Yhteyshenkilöä {0} ei voi poistaa, koska sillä on vuorovaikutuslokin tapahtumia ({1} kpl) ja vuorovaikutushistorian on säilytettävä yhteyshenkilönsä.",
    }
    // args: contact no., number of opportunities.
    ContactHasOpportunities {
        en: "Contact {0} cannot be deleted because it has opportunities ({1}).",
        fi: "Yhteyshenkilöä {0} ei voi poistaa, koska sillä on myyntimahdollisuuksia ({1} kpl).",
    }
    // args: company no., number of persons that would be left behind.
    ContactCompanyHasPersons {
        en: "Company {0} cannot be deleted while persons are linked to it ({1}). Delete them at the same time, or link them to another company first.",
        fi: "Yritystä {0} ei voi poistaa, koska siihen on liitetty henkilöitä ({1} kpl). Poista henkilöt samalla tai liitä ne ensin toiseen yritykseen.",
    }
    // args: the other tab's value, the user's value.
    EditChangedElsewhere {
        en: "Changed in another tab meanwhile: theirs “{0}” / yours “{1}”. Nothing was saved; check the value and save again.",
        fi: "Muutettu sillä välin toisessa välilehdessä: heidän „{0}” / sinun „{1}”. Mitään ei tallennettu; tarkista arvo ja tallenna uudelleen.",
    }
    // args: contact no., import batch no.
    ContactChangedSinceImport {
        en: "Contact {0} was changed or deleted after import {1}, so undoing the import would throw that change away. Nothing was undone.",
        fi: "Yhteyshenkilöä {0} on muutettu tai se on poistettu tuonnin {1} jälkeen, joten tuonnin peruminen hävittäisi sen muutoksen. Mitään ei peruttu.",
    }
    // args: import batch no.
    ContactImportBatchEmpty {
        en: "Import {0} has no contacts left to remove; it may already have been undone.",
        fi: "Tuonnissa {0} ei ole enää poistettavia yhteyshenkilöitä; se on ehkä jo peruttu.",
    }

    // ----- set-up -----------------------------------------------------------------------------

    SetupCodeMissing {
        en: "Enter a code.",
        fi: "Anna koodi.",
    }
    // args: the longest allowed length.
    SetupCodeTooLong {
        en: "A code can be at most {0} characters long.",
        fi: "Koodissa voi olla enintään {0} merkkiä.",
    }
    // args: classification kind (a machine name, not shown), code.
    SetupClassificationUnknown {
        en: "Code {1} does not exist; it may already have been deleted.",
        fi: "Koodia {1} ei ole; se on ehkä jo poistettu.",
    }
    // args: classification kind (a machine name, not shown), code, number of contacts.
    SetupClassificationInUse {
        en: "Code {1} cannot be deleted because contacts still have it ({2}). Remove it from those contacts first.",
        fi: "Koodia {1} ei voi poistaa, koska se on yhä {2} yhteyshenkilön tiedoissa. Poista se ensin niiltä.",
    }
    SetupAnswerLineMissing {
        en: "Every answer needs a line number greater than zero.",
        fi: "Jokaisella vastauksella on oltava nollaa suurempi rivinumero.",
    }
    // args: answer line no.
    SetupAnswerLineDuplicate {
        en: "Line number {0} is used by more than one answer.",
        fi: "Rivinumero {0} on useammalla kuin yhdellä vastauksella.",
    }
    // args: answer line no.
    SetupAnswerTextMissing {
        en: "Answer {0} has no text.",
        fi: "Vastauksella {0} ei ole tekstiä.",
    }
    // args: answer line no., number of contacts.
    SetupAnswerInUse {
        en: "Answer {0} cannot be removed because contacts have given it ({1}).",
        fi: "Vastausta {0} ei voi poistaa, koska se on {1} yhteyshenkilön profiilissa.",
    }
    // args: questionnaire code.
    SetupQuestionnaireUnknown {
        en: "Profile questionnaire {0} does not exist; it may already have been deleted.",
        fi: "Profiilikyselyä {0} ei ole; se on ehkä jo poistettu.",
    }
    // args: questionnaire code, number of contacts.
    SetupQuestionnaireInUse {
        en: "Profile questionnaire {0} cannot be deleted because contacts have answered it ({1}).",
        fi: "Profiilikyselyä {0} ei voi poistaa, koska siihen on vastauksia {1} yhteyshenkilön profiilissa.",
    }
    // args: salesperson code.
    SetupSalespersonUnknown {
        en: "Salesperson {0} does not exist; it may already have been deleted.",
        fi: "Myyjää {0} ei ole; se on ehkä jo poistettu.",
    }
    // args: number of contacts.
    SetupSalespersonOnContacts {
        en: "The salesperson cannot be deleted because contacts still have it ({0}). Choose another salesperson for them first.",
        fi: "Myyjää ei voi poistaa, koska se on yhä {0} yhteyshenkilön myyjä. Valitse niille ensin toinen myyjä.",
    }
    // args: segment nos. (one or more).
    SetupSalespersonOnSegments {
        en: "The salesperson cannot be deleted because segments still use it, such as {0}.",
        fi: "Myyjää ei voi poistaa, koska se on yhä käytössä segmenteissä (esimerkiksi {0}).",
    }
    // args: interaction group code.
    SetupGroupUnknown {
        en: "Interaction group {0} does not exist; it may already have been deleted.",
        fi: "Vuorovaikutusryhmää {0} ei ole; se on ehkä jo poistettu.",
    }
    // args: template codes (one or more).
    SetupGroupOnTemplates {
        en: "The interaction group cannot be deleted because templates use it, such as {0}. Choose another group for them first.",
        fi: "Vuorovaikutusryhmää ei voi poistaa, koska mallit käyttävät sitä (esimerkiksi {0}). Valitse niille ensin toinen ryhmä.",
    }
    // args: segment nos. (one or more).
    SetupGroupOnSegments {
        en: "The interaction group cannot be deleted because segments use it, such as {0}.",
        fi: "Vuorovaikutusryhmää ei voi poistaa, koska se on käytössä segmenteissä (esimerkiksi {0}).",
    }
    SetupTemplateGroupMissing {
        en: "Choose an interaction group.",
        fi: "Valitse vuorovaikutusryhmä.",
    }
    // args: interaction group code.
    GroupUnknown {
        en: "Interaction group {0} does not exist.",
        fi: "Vuorovaikutusryhmää {0} ei ole.",
    }
    NumberInvalid {
        en: "Enter a number that is zero or greater.",
        fi: "Anna luku, joka on vähintään nolla.",
    }
    // args: language code.
    SetupLetterLanguageDuplicate {
        en: "There is already a letter in language {0}. A template has one letter per language.",
        fi: "Kielellä {0} on jo kirje. Mallissa on yksi kirje kutakin kieltä kohden.",
    }
    // args: template code.
    SetupTemplateUnknown {
        en: "Template {0} does not exist; it may already have been deleted.",
        fi: "Mallia {0} ei ole; se on ehkä jo poistettu.",
    }
    // args: segment nos. (one or more).
    SetupTemplateOnSegments {
        en: "The template cannot be deleted because segments use it, such as {0}.",
        fi: "Mallia ei voi poistaa, koska se on käytössä segmenteissä (esimerkiksi {0}).",
    }
    SetupFormulaMissing {
        en: "Enter the salutation formula, for example Dear %1 %2,",
        fi: "Anna tervehdyskaava, esimerkiksi Hyvä %1 %2,",
    }
    // args: slot number (the n of %n).
    SetupFormulaSlotWithoutPart {
        en: "The formula uses %{0}, but no name part is chosen for it.",
        fi: "Kaavassa on %{0}, mutta sille ei ole valittu nimen osaa.",
    }
    // args: salutation code, language code, salutation kind (a machine name); none shown.
    SetupFormulaUnknown {
        en: "This salutation formula does not exist; it may already have been deleted.",
        fi: "Tätä tervehdyskaavaa ei ole; se on ehkä jo poistettu.",
    }
    // args: salutation code, language code, salutation kind (a machine name, not shown).
    SalutationFormulaMissing {
        en: "No salutation formula is set up for salutation code “{0}” and language “{1}”. Add one under Set-up → Salutation formulas.",
        fi: "Tervehdyskoodille ”{0}” ja kielelle ”{1}” ei ole tervehdyskaavaa. Lisää se kohdassa Perustiedot → Tervehdyskaavat.",
    }

    // ----- logging ----------------------------------------------------------------------------

    // args: segment no.
    LogSegmentUnknown {
        en: "Segment {0} does not exist; it may already have been logged or deleted.",
        fi: "Segmenttiä {0} ei ole; se on ehkä jo kirjattu tai poistettu.",
    }
    // args: segment no.
    LogSegmentAlreadyLogged {
        en: "Segment {0} has already been logged.",
        fi: "Segmentti {0} on jo kirjattu.",
    }
    LogDescriptionMissing {
        en: "Give the segment a description before logging it.",
        fi: "Anna segmentille kuvaus ennen kirjaamista.",
    }
    // args: segment no.
    LogSegmentEmpty {
        en: "Segment {0} has no lines, so there is nothing to log.",
        fi: "Segmentissä {0} ei ole rivejä, joten kirjattavaa ei ole.",
    }
    // args: contact no.
    LogContactDuplicate {
        en: "Contact {0} is on the segment more than once and would get more than one letter.",
        fi: "Yhteyshenkilö {0} on segmentissä useammin kuin kerran ja saisi useamman kirjeen.",
    }
    LogLineDescriptionMissing {
        en: "The line has no description.",
        fi: "Riviltä puuttuu kuvaus.",
    }
    LogDateMissing {
        en: "The line has no date.",
        fi: "Riviltä puuttuu päivämäärä.",
    }
    LogSalespersonMissing {
        en: "The line has no salesperson.",
        fi: "Riviltä puuttuu myyjä.",
    }
    // args: salesperson code.
    LogTemplateMissing {
        en: "The line has no interaction template.",
        fi: "Riviltä puuttuu vuorovaikutusmalli.",
    }
    // args: template code.
    TemplateUnknown {
        en: "Template {0} does not exist.",
        fi: "Mallia {0} ei ole.",
    }
    // args: contact no.
    LogContactUnknown {
        en: "Contact {0} no longer exists.",
        fi: "Yhteyshenkilöä {0} ei enää ole.",
    }
    // args: contact no.
    LogContactPrivacyBlocked {
        en: "Contact {0} is privacy blocked, so no interaction can be logged for it.",
        fi: "Yhteyshenkilöllä {0} on tietosuojaesto, joten sille ei voi kirjata vuorovaikutusta.",
    }
    // args: contact no.
    LogEmailMissing {
        en: "Contact {0} has no e-mail address. Add one, or change the line's correspondence type.",
        fi: "Yhteyshenkilöllä {0} ei ole sähköpostiosoitetta. Lisää osoite tai vaihda rivin kirjeenvaihtotapa.",
    }
    // args: contact no., e-mail address.
    LogEmailInvalid {
        en: "The e-mail address of contact {0}, “{1}”, does not look valid. Correct it, or change the line's correspondence type.",
        fi: "Yhteyshenkilön {0} sähköpostiosoite ”{1}” ei näytä kelvolliselta. Korjaa se tai vaihda rivin kirjeenvaihtotapa.",
    }
    // args: contact no.
    LogAddressMissing {
        en: "Contact {0} has no postal address, so a printed letter cannot be posted to it.",
        fi: "Yhteyshenkilöllä {0} ei ole postiosoitetta, joten paperikirjettä ei voi postittaa.",
    }
    LogLetterForUnknownLine {
        en: "There is a letter for a line that the segment no longer has. Create the letters again.",
        fi: "Kirje on tehty rivistä, jota segmentissä ei enää ole. Luo kirjeet uudelleen.",
    }
    // args: logged segment no.
    LoggedSegmentUnknown {
        en: "Logged segment {0} does not exist.",
        fi: "Kirjattua segmenttiä {0} ei ole.",
    }
    // args: logged segment no.
    LogLoggedSegmentEmpty {
        en: "Logged segment {0} has no interaction log entries, so no follow-up segment can be made from it.",
        fi: "Kirjatulla segmentillä {0} ei ole vuorovaikutuslokin tapahtumia, joten siitä ei voi luoda jatkosegmenttiä.",
    }
    // args: entry no.
    LogEntryUnknown {
        en: "Interaction log entry {0} does not exist.",
        fi: "Vuorovaikutuslokin tapahtumaa {0} ei ole.",
    }
    // args: entry no., logged segment no.
    LogLoggedSegmentCanceled {
        en: "Entry {0} cannot be un-canceled on its own because its logged segment {1} is canceled. Un-cancel the logged segment instead.",
        fi: "Tapahtuman {0} peruutusta ei voi kumota yksinään, koska sen kirjattu segmentti {1} on peruutettu. Kumoa sen sijaan kirjatun segmentin peruutus.",
    }
    LogCommentMissing {
        en: "Write a comment first.",
        fi: "Kirjoita ensin kommentti.",
    }
    // args: entry no.
    LogEntryNotCanceled {
        en: "Entry {0} is not canceled. Only canceled entries can be deleted.",
        fi: "Tapahtumaa {0} ei ole peruutettu. Vain peruutetut tapahtumat voi poistaa.",
    }

    // ----- segments ---------------------------------------------------------------------------

    // args: segment no.
    SegmentUnknown {
        en: "Segment {0} does not exist; it may have been logged or deleted.",
        fi: "Segmenttiä {0} ei ole; se on ehkä kirjattu tai poistettu.",
    }
    DescriptionTooLong {
        en: "The description can be at most 100 characters long.",
        fi: "Kuvauksessa voi olla enintään 100 merkkiä.",
    }
    // args: interaction group code.
    SegmentNoCriteria {
        en: "The segment has no steps yet to go back on or to save.",
        fi: "Segmentissä ei ole vielä vaiheita, joita voisi perua tai tallentaa.",
    }
    // args: contact no.
    SegmentContactUnknown {
        en: "Contact {0} does not exist.",
        fi: "Yhteyshenkilöä {0} ei ole.",
    }
    // args: contact no.
    SegmentContactAlreadyOnSegment {
        en: "Contact {0} is already on the segment.",
        fi: "Yhteyshenkilö {0} on jo segmentissä.",
    }
    // args: contact no.
    SegmentContactNotOnSegment {
        en: "Contact {0} is not on the segment.",
        fi: "Yhteyshenkilö {0} ei ole segmentissä.",
    }
    // args: logged segment no.
    SegmentTooManyLines {
        en: "The segment cannot take any more lines: its line numbers have run out. Create a new segment.",
        fi: "Segmenttiin ei mahdu enempää rivejä, koska sen rivinumerot ovat loppuneet. Luo uusi segmentti.",
    }
    // args: mailing group code.
    SegmentEmpty {
        en: "The segment has no lines.",
        fi: "Segmentissä ei ole rivejä.",
    }
    // args: contact no.
    SegmentContactPrivacyBlocked {
        en: "Contact {0} is privacy blocked, so no opportunity can be created for it.",
        fi: "Yhteyshenkilöllä {0} on tietosuojaesto, joten sille ei voi luoda myyntimahdollisuutta.",
    }
    SegmentOpportunitiesExist {
        en: "Every line already has an opportunity.",
        fi: "Jokaisella rivillä on jo myyntimahdollisuus.",
    }
    // args: opportunity no.
    SegmentOpportunityUnknown {
        en: "There is no opportunity {0}.",
        fi: "Myyntimahdollisuutta {0} ei ole.",
    }
    // args: opportunity no.
    SegmentOpportunityNotContacted {
        en: "Opportunity {0} has no logged interaction yet, so its status follows once its segment is logged.",
        fi: "Myyntimahdollisuudella {0} ei ole vielä kirjattua vuorovaikutusta, joten sen tila voi muuttua vasta, kun sen segmentti on kirjattu.",
    }
    // args: line no.
    SegmentLineUnknown {
        en: "The segment has no line {0}.",
        fi: "Segmentissä ei ole riviä {0}.",
    }

    // ----- saved criteria and criteria --------------------------------------------------------

    SavedCriteriaCodeRequired {
        en: "Enter a code for the saved criteria.",
        fi: "Anna tallennetuille ehdoille koodi.",
    }
    // args: the code given.
    SavedCriteriaCodeTooLong {
        en: "The code “{0}” is too long: a code can be at most 20 characters.",
        fi: "Koodi ”{0}” on liian pitkä: koodissa voi olla enintään 20 merkkiä.",
    }
    // args: the code given.
    SavedCriteriaCodeExists {
        en: "There are already saved criteria with code {0}. Choose another code.",
        fi: "Koodilla {0} on jo tallennetut ehdot. Valitse toinen koodi.",
    }
    // args: code.
    SavedCriteriaUnknown {
        en: "There are no saved criteria with code {0}.",
        fi: "Koodilla {0} ei ole tallennettuja ehtoja.",
    }
    // args: field name.
    CriteriaFilterKindMismatch {
        en: "The filter for {0} does not suit the type of that field (text, number, date or yes/no). Enter the filter again.",
        fi: "Kentän {0} suodatin ei sovi kentän tyyppiin (teksti, luku, päivämäärä tai kyllä/ei). Kirjoita suodatin uudelleen.",
    }

    // ----- filter expressions (args: FilterErrorKind::detail, when it has one) ----------------

    FilterEmpty {
        en: "The filter is empty.",
        fi: "Suodatin on tyhjä.",
    }
    FilterUnexpectedEnd {
        en: "The filter ends too early: a value or a closing parenthesis is missing.",
        fi: "Suodatin päättyy kesken: arvo tai sulkeva sulkumerkki puuttuu.",
    }
    // args: the text that stands in the wrong place.
    FilterUnexpectedToken {
        en: "“{0}” cannot stand here. If it is part of a value, put the value in single quotes ('…').",
        fi: "”{0}” ei sovi tähän kohtaan. Jos se kuuluu arvoon, kirjoita arvo heittomerkkeihin ('…').",
    }
    FilterEmptyAlternative {
        en: "There is nothing on one side of | or &.",
        fi: "Merkin | tai & toiselta puolelta puuttuu ehto.",
    }
    FilterMissingValue {
        en: "An operator such as <, <> or @ has no value after it.",
        fi: "Operaattorin (esimerkiksi <, <> tai @) jäljestä puuttuu arvo.",
    }
    FilterUnbalancedQuote {
        en: "A quote (') is opened but never closed.",
        fi: "Heittomerkki (') avataan, mutta sitä ei suljeta.",
    }
    FilterUnclosedParenthesis {
        en: "A parenthesis is opened but never closed.",
        fi: "Sulkumerkki avataan, mutta sitä ei suljeta.",
    }
    FilterUnmatchedClosingParenthesis {
        en: "There is a closing parenthesis without an opening one before it.",
        fi: "Sulkevaa sulkumerkkiä ei edellä avaava sulkumerkki.",
    }
    FilterTooDeeplyNested {
        en: "The filter has too many parentheses inside each other.",
        fi: "Suodattimessa on liian monta sisäkkäistä sulkumerkkiparia.",
    }
    FilterRangeWithoutBounds {
        en: "A range (..) needs a start, an end or both, for example 1..10, ..10 or 1..",
        fi: "Välillä (..) on oltava alku, loppu tai molemmat, esimerkiksi 1..10, ..10 tai 1..",
    }
    // args: the text.
    FilterBadNumber {
        en: "“{0}” is not a number.",
        fi: "”{0}” ei ole luku.",
    }
    // args: the text.
    FilterAmbiguousNumber {
        en: "“{0}” is ambiguous: the comma could separate thousands or decimals. Leave out the thousands separator (or use a space), or write the decimals with a point.",
        fi: "”{0}” on monitulkintainen: pilkku voi olla tuhaterotin tai desimaalipilkku. Jätä tuhaterotin pois (tai käytä välilyöntiä) tai kirjoita desimaalit pisteellä.",
    }
    // args: the text.
    FilterBadDate {
        en: "“{0}” is not a date. Write it as 31.1.2026 or 2026-01-31.",
        fi: "”{0}” ei ole päivämäärä. Kirjoita se muodossa 31.1.2026 tai 2026-01-31.",
    }
    // args: the text.
    FilterBadBool {
        en: "“{0}” is not yes or no. Use Yes, No, Kyllä or Ei.",
        fi: "”{0}” ei ole kyllä tai ei. Käytä sanoja Kyllä, Ei, Yes tai No.",
    }
    FilterWildcardNotAllowed {
        en: "The wildcards * and ? work only on text fields, and not in ranges or with < and >.",
        fi: "Jokerimerkit * ja ? toimivat vain tekstikentissä, eivätkä välien tai merkkien < ja > kanssa.",
    }
    // args: the operator.
    FilterOperatorNotAllowed {
        en: "{0} cannot be used on this field.",
        fi: "Operaattoria {0} ei voi käyttää tässä kentässä.",
    }
    FilterEmptyValueNotAllowed {
        en: "The empty value '' can only be used alone or with <>, not with other operators or in a range.",
        fi: "Tyhjää arvoa '' voi käyttää vain yksinään tai merkin <> kanssa, ei muiden operaattorien kanssa eikä välissä.",
    }

    // ----- letters ----------------------------------------------------------------------------
    // The letter's own errors: args: origin label (not shown), position, then
    // DiagnosticKind::args().

    // args: origin, position, field name, suggested field (optional, not shown).
    LetterUnknownField {
        en: "Unknown field “{2}” at {1}. Check its spelling against the list of fields.",
        fi: "Tuntematon kenttä ”{2}” kohdassa {1}. Tarkista kirjoitusasu kenttäluettelosta.",
    }
    // args: origin, position.
    LetterEmptyTag {
        en: "Empty tag at {1}: write a field name inside it.",
        fi: "Tyhjä tunniste kohdassa {1}: kirjoita sen sisään kentän nimi.",
    }
    // args: origin, position, keyword (e.g. #each).
    LetterUnknownBlock {
        en: "“{2}” at {1} is not a known block: only #if, else and /if exist.",
        fi: "”{2}” kohdassa {1} ei ole tunnettu lohko: käytössä ovat vain #if, else ja /if.",
    }
    // args: origin, position.
    LetterMissingCondition {
        en: "The #if at {1} needs a field to test, for example #if city.",
        fi: "Kohdan {1} #if tarvitsee testattavan kentän, esimerkiksi #if city.",
    }
    // args: origin, position, field.
    LetterUnbalancedIf {
        en: "The block #if {2} at {1} is never closed with /if.",
        fi: "Kohdan {1} lohkoa #if {2} ei suljeta tunnisteella /if.",
    }
    // args: origin, position.
    LetterStrayElse {
        en: "The else at {1} is not inside an #if block.",
        fi: "Kohdan {1} else ei ole #if-lohkon sisällä.",
    }
    // args: origin, position.
    LetterDuplicateElse {
        en: "The else at {1} is a second else in the same #if block.",
        fi: "Kohdan {1} else on jo toinen else samassa #if-lohkossa.",
    }
    // args: origin, position.
    LetterStrayClose {
        en: "The /if at {1} has no #if to close.",
        fi: "Kohdan {1} /if ei sulje mitään #if-lohkoa.",
    }
    // args: origin, position.
    LetterTooDeeplyNested {
        en: "The #if at {1} is inside more than 32 other #if blocks; it is left out.",
        fi: "Kohdan {1} #if on yli 32 muun #if-lohkon sisällä; se jätetään pois.",
    }
    // args: origin, position.
    LetterUnclosedTag {
        en: "The tag that starts at {1} is not closed on the same line: the closing braces are missing.",
        fi: "Kohdasta {1} alkavaa tunnistetta ei suljeta samalla rivillä: sulkevat aaltosulkeet puuttuvat.",
    }
    // args: field.
    LetterMissingValue {
        en: "Field {0} has no value for this contact and is left empty.",
        fi: "Kentällä {0} ei ole arvoa tälle yhteyshenkilölle, joten se jää tyhjäksi.",
    }
    // args: Word merge field name.
    LetterUnknownMergeField {
        en: "The Word merge field {0} matches no field of Segmentti and is left empty.",
        fi: "Word-yhdistämiskenttä {0} ei vastaa mitään Segmentin kenttää, joten se jää tyhjäksi.",
    }
    // args: field (formal_salutation or informal_salutation), salutation code, language code,
    // salutation kind (a machine name, not shown).
    LetterSalutationMissing {
        en: "Field {0} is left empty: no salutation formula is set up for salutation code “{1}” and language “{2}”.",
        fi: "Kenttä {0} jää tyhjäksi: tervehdyskoodille ”{1}” ja kielelle ”{2}” ei ole tervehdyskaavaa.",
    }
    // args: none
    LetterPdfsOutdated {
        en: "The letters changed while their PDFs were being made for the e-mails. Log again to make them anew.",
        fi: "Kirjeet muuttuivat, kun niistä tehtiin PDF-tiedostoja sähköposteihin. Kirjaa uudelleen, niin ne tehdään uudestaan.",
    }
    LetterNone {
        en: "This line has no letter: neither the line, the segment nor its template has one.",
        fi: "Rivillä ei ole kirjettä: kirjettä ei ole rivillä, segmentillä eikä sen mallilla.",
    }

    // ----- Word documents ---------------------------------------------------------------------
    // DocxError: args: origin label (not shown), part (or empty), explanation (English, not
    // shown).

    DocxNotAZip {
        en: "The letter file is not a Word document (.docx). Save it in Word as .docx and upload it again.",
        fi: "Kirjetiedosto ei ole Word-asiakirja (.docx). Tallenna se Wordissa .docx-muodossa ja lataa se uudelleen.",
    }
    // args: origin, part.
    DocxMissingPart {
        en: "The Word document is incomplete: it has no part {1}.",
        fi: "Word-asiakirja on vajaa: siitä puuttuu osa {1}.",
    }
    // args: origin, part.
    DocxUnreadablePart {
        en: "Part {1} of the Word document cannot be read; the file may be damaged or password-protected.",
        fi: "Word-asiakirjan osaa {1} ei voi lukea; tiedosto voi olla vioittunut tai salasanalla suojattu.",
    }
    // args: origin, part.
    DocxPartTooLarge {
        en: "Part {1} of the Word document is too large to process.",
        fi: "Word-asiakirjan osa {1} on liian suuri käsiteltäväksi.",
    }
    // args: origin, part.
    DocxNotUtf8 {
        en: "Part {1} of the Word document is not readable text; the file may be damaged. Open and save it in Word, then upload it again.",
        fi: "Word-asiakirjan osa {1} ei ole luettavaa tekstiä; tiedosto voi olla vioittunut. Avaa ja tallenna se Wordissa ja lataa se uudelleen.",
    }
    // args: origin, part.
    DocxBrokenXml {
        en: "Part {1} of the Word document is damaged. Open and save it in Word, then upload it again.",
        fi: "Word-asiakirjan osa {1} on vioittunut. Avaa ja tallenna se Wordissa ja lataa se uudelleen.",
    }
    DocxWriteFailed {
        en: "The Word document could not be written. Try again.",
        fi: "Word-asiakirjaa ei voitu kirjoittaa. Yritä uudelleen.",
    }
    // args: origin (not shown), position (part:paragraph:column), Word merge field name.
    DocxUnknownMergeField {
        en: "The merge field {2} at {1} matches no field of Segmentti. Replace it with one of the letter fields.",
        fi: "Kohdan {1} yhdistämiskenttä {2} ei vastaa mitään Segmentin kenttää. Korvaa se jollakin kirjeen kentistä.",
    }
    // args: origin (not shown), position (part:paragraph:column).
    DocxCannotMergeBlockAcrossContainers {
        en: "The #if block at {1} starts and ends in different places, such as two table cells or a text box and the body. Keep #if, else and /if in the same cell or text box.",
        fi: "Kohdan {1} #if-lohko alkaa ja päättyy eri paikoissa, esimerkiksi kahdessa taulukon solussa tai tekstiruudussa ja leipätekstissä. Pidä #if, else ja /if samassa solussa tai tekstiruudussa.",
    }
    // args: origin (not shown), position.
    DocxCannotMergeNestedMergeField {
        en: "The merge field at {1} is inside another Word field (such as IF), which Segmentti cannot fill. Remove the outer field.",
        fi: "Kohdan {1} yhdistämiskenttä on toisen Word-kentän (esimerkiksi IF) sisällä, eikä Segmentti osaa täyttää sitä. Poista ulompi kenttä.",
    }
    // args: origin (not shown), position.
    DocxCannotMergeFieldAcrossParagraphs {
        en: "The merge field at {1} spans more than one paragraph. Insert it again within one paragraph.",
        fi: "Kohdan {1} yhdistämiskenttä jatkuu useampaan kappaleeseen. Lisää kenttä uudelleen yhden kappaleen sisään.",
    }
    // args: origin (not shown), position.
    DocxCannotMergeFieldAcrossElements {
        en: "The merge field at {1} starts inside a link or content control and ends outside it. Insert it again.",
        fi: "Kohdan {1} yhdistämiskenttä alkaa linkin tai sisällönhallintakomponentin sisältä ja päättyy sen ulkopuolelle. Lisää kenttä uudelleen.",
    }
    // args: origin (not shown), position.
    DocxCannotMergeFieldOutsideRun {
        en: "The merge field at {1} is stored in an unusual way that Segmentti cannot fill. Insert it again in Word.",
        fi: "Kohdan {1} yhdistämiskenttä on tallennettu poikkeavalla tavalla, jota Segmentti ei osaa täyttää. Lisää kenttä uudelleen Wordissa.",
    }
    // args: origin (not shown), position.
    DocxCannotMergeBlockInLink {
        en: "The #if, else or /if tag at {1} is in a link address or field code, where it cannot choose any text. Only fields, such as email, can go there.",
        fi: "Kohdan {1} #if-, else- tai /if-tagi on linkin osoitteessa tai kenttäkoodissa, jossa se ei voi valita tekstiä. Siellä voi olla vain kenttiä, kuten email.",
    }

    // ----- downloads --------------------------------------------------------------------------

    OutputNoLetters {
        en: "There are no Word letters to combine.",
        fi: "Yhdistettäviä Word-kirjeitä ei ole.",
    }
    // args: the letter's number, from 1.
    OutputUnreadableLetter {
        en: "Letter {0} cannot be read; it may be damaged.",
        fi: "Kirjettä {0} ei voi lukea; se voi olla vioittunut.",
    }
    // args: the letter's number, from 1.
    OutputIncompatibleLetters {
        en: "Letter {0} comes from a different Word document and has pictures or links, so it cannot be combined with the first letter. Download the letters as a zip file instead.",
        fi: "Kirje {0} on tehty eri Word-asiakirjasta ja siinä on kuvia tai linkkejä, joten sitä ei voi yhdistää ensimmäiseen kirjeeseen. Lataa kirjeet sen sijaan zip-tiedostona.",
    }
    OutputWriteFailed {
        en: "The file could not be written. Try again.",
        fi: "Tiedostoa ei voitu kirjoittaa. Yritä uudelleen.",
    }

    // ----- import -----------------------------------------------------------------------------

    ImportEmpty {
        en: "The file is empty.",
        fi: "Tiedosto on tyhjä.",
    }
    // args: kind (zip, pdf, image, old_office, compressed, binary; not shown).
    ImportNotText {
        en: "This is not a contacts file but, for example, a Word, Excel, PDF or picture file. Export the contacts as CSV or vCard and import that file.",
        fi: "Tiedosto ei ole yhteystietotiedosto vaan esimerkiksi Word-, Excel-, PDF- tai kuvatiedosto. Vie yhteystiedot CSV- tai vCard-tiedostoon ja tuo se.",
    }
    // args: kind (html, xml, json; not shown).
    ImportUnsupportedText {
        en: "This file is a web page, XML or JSON, not contacts. Import a CSV or vCard file.",
        fi: "Tiedosto on verkkosivu, XML- tai JSON-tiedosto eikä yhteystietoja. Tuo CSV- tai vCard-tiedosto.",
    }
    // args: byte_offset, line, column, guess (may be empty).
    ImportNotUtf8 {
        en: "The file is not UTF-8 text (the first unreadable character is on line {1}, column {2}). Choose the encoding it was saved in.",
        fi: "Tiedosto ei ole UTF-8-tekstiä (ensimmäinen lukukelvoton merkki on rivillä {1}, sarakkeessa {2}). Valitse merkistö, jolla tiedosto on tallennettu.",
    }
    // args: byte_offset.
    ImportInvalidUtf16 {
        en: "The file is UTF-16 text with a damaged character (at byte {0}). Save it again as UTF-8 and import it again.",
        fi: "Tiedosto on UTF-16-tekstiä, jossa on vioittunut merkki (tavu {0}). Tallenna se UTF-8-muodossa ja tuo se uudelleen.",
    }
    // args: row, line, column.
    ImportUnclosedQuote {
        en: "A value in quotes is never closed: row {0} (line {1} of the file), column {2}. Check the quotes in the file.",
        fi: "Lainausmerkeissä olevaa arvoa ei suljeta: rivi {0} (tiedoston rivi {1}), sarake {2}. Tarkista tiedoston lainausmerkit.",
    }
    // args: row, line, expected, found, others.
    ImportRaggedRow {
        en: "Row {0} (line {1} of the file) has a different number of values ({3}) than the header has columns ({2}). Other rows with the same problem: {4}.",
        fi: "Rivillä {0} (tiedoston rivi {1}) on eri määrä arvoja ({3}) kuin otsikkorivillä sarakkeita ({2}). Muita samanlaisia rivejä: {4}.",
    }
    // args: count, good, more.
    ImportBadRows {
        en: "{0, plural, one {# row of the file cannot be read;} other {# rows of the file cannot be read;}} {1, plural, one {the other # row can still be imported.} other {the other # rows can still be imported.}}",
        fi: "{0, plural, one {Tiedostossa on # lukukelvoton rivi;} other {Tiedostossa on # lukukelvotonta riviä;}} {1, plural, one {muun # rivin voi silti tuoda.} other {muut # riviä voi silti tuoda.}}",
    }
    ImportNoContacts {
        en: "The file holds no contacts: only a header row, or no card with any data.",
        fi: "Tiedostossa ei ole yhteystietoja: siinä on vain otsikkorivi tai ei yhtään tietoja sisältävää korttia.",
    }
    // args: columns.
    ImportUnknownHeaders {
        en: "The column headings are not a format Segmentti knows. Choose which contact field each column holds (columns in the file: {0}).",
        fi: "Segmentti ei tunnista sarakeotsikoiden muotoa. Valitse, mitä yhteyshenkilön kenttää kukin sarake vastaa (sarakkeita tiedostossa: {0}).",
    }
    // args: column (counted from 0, not shown), columns.
    ImportMappingColumnOutOfRange {
        en: "The column choices refer to a column the file does not have (columns in the file: {1}). Choose the columns again.",
        fi: "Sarakevalinnat viittaavat sarakkeeseen, jota tiedostossa ei ole (sarakkeita tiedostossa: {1}). Valitse sarakkeet uudelleen.",
    }
    ImportMappingWithoutName {
        en: "Choose at least one column for a name, a company or an e-mail address, so that the contacts can be recognised.",
        fi: "Valitse vähintään yksi sarake nimelle, yritykselle tai sähköpostiosoitteelle, jotta yhteyshenkilöt voidaan tunnistaa.",
    }
    ImportVcardLineIgnored {
        en: "A line that is not a vCard property was ignored.",
        fi: "Rivi, joka ei ole vCard-ominaisuus, ohitettiin.",
    }
    ImportVcardLineOutsideCard {
        en: "A line outside any card (BEGIN:VCARD … END:VCARD) was ignored.",
        fi: "Kortin (BEGIN:VCARD … END:VCARD) ulkopuolella oleva rivi ohitettiin.",
    }
    ImportVcardEndedByBegin {
        en: "The card that starts here is not closed with END:VCARD; it was ended where the next card begins.",
        fi: "Tästä alkavaa korttia ei suljeta rivillä END:VCARD; se päätettiin seuraavan kortin alkuun.",
    }
    ImportVcardUnterminated {
        en: "The card that starts here is not closed with END:VCARD; it was read up to the end of the file.",
        fi: "Tästä alkavaa korttia ei suljeta rivillä END:VCARD; se luettiin tiedoston loppuun asti.",
    }
    ImportVcardGroupSkipped {
        en: "A contact group card was skipped: groups are not imported as contacts.",
        fi: "Yhteystietoryhmän kortti ohitettiin: ryhmiä ei tuoda yhteyshenkilöiksi.",
    }
    // args: value.
    ImportInvalidDate {
        en: "“{0}” is not a date; it was kept as text.",
        fi: "”{0}” ei ole päivämäärä; se tallennettiin tekstinä.",
    }
    // args: row index (not shown).
    ImportChoiceRowOutOfRange {
        en: "The import choices no longer match the file. Start the import again.",
        fi: "Tuontivalinnat eivät enää vastaa tiedostoa. Aloita tuonti alusta.",
    }
    // args: contact no.
    ImportDuplicateTargetMissing {
        en: "Contact {0}, which this row duplicates, no longer exists. Start the import again.",
        fi: "Yhteyshenkilöä {0}, jonka kaksoiskappale tämä rivi on, ei enää ole. Aloita tuonti alusta.",
    }
    // args: row index (not shown).
    ImportPlanInconsistent {
        en: "The import plan does not match the file. Start the import again.",
        fi: "Tuontisuunnitelma ei vastaa tiedostoa. Aloita tuonti alusta.",
    }
    // args: company name.
    ImportCompanyMissing {
        en: "Company {0}, which contacts were to be linked to, no longer exists. Start the import again.",
        fi: "Yritystä {0}, johon yhteyshenkilöt oli määrä liittää, ei enää ole. Aloita tuonti alusta.",
    }

    // ----- backup -----------------------------------------------------------------------------

    BackupNotABackup {
        en: "This file is not a Segmentti backup. Nothing was changed.",
        fi: "Tiedosto ei ole Segmentin varmuuskopio. Mitään ei muutettu.",
    }
    // args: found version, supported version.
    BackupTooNew {
        en: "This backup was made by a newer version of Segmentti (format {0}; this version reads up to {1}). Reload the app to update it, then try again. Nothing was changed.",
        fi: "Varmuuskopio on tehty Segmentin uudemmalla versiolla (muoto {0}; tämä versio lukee enintään muotoa {1}). Päivitä sovellus lataamalla sivu uudelleen ja yritä sitten uudelleen. Mitään ei muutettu.",
    }
    // args: line, column.
    BackupDamaged {
        en: "This backup is damaged (line {0}, column {1}) and cannot be restored. Nothing was changed.",
        fi: "Varmuuskopio on vioittunut (rivi {0}, sarake {1}), eikä sitä voi palauttaa. Mitään ei muutettu.",
    }
    BackupMergeNotJoined {
        en: "Merging follows the team's rules, so it needs your team code first: save it under Team above, then merge. Nothing was changed.",
        fi: "Yhdistäminen noudattaa tiimin sääntöjä, joten se tarvitsee ensin tiimitunnuksesi: tallenna se yllä kohdassa Tiimi ja yhdistä sitten. Mitään ei muutettu.",
    }
    // args: which record and why.
    BackupMergeRecord {
        en: "A record of this backup cannot be merged: {0}. Nothing was changed.",
        fi: "Varmuuskopion tietuetta ei voi yhdistää: {0}. Mitään ei muutettu.",
    }

    // ----- the UI's own (`ui::components::codes`) -------------------------------------------

    // args: the store's reason.
    UiStoreFailed {
        en: "The change could not be saved: the browser could not write it to its storage ({0}). Nothing was stored.",
        fi: "Muutosta ei voitu tallentaa: selain ei pystynyt kirjoittamaan sitä tallennustilaansa ({0}). Mitään ei tallennettu.",
    }
    UiStoreFull {
        en: "Nothing was saved: the browser's storage for this app is full. Free space on this device (files, other sites' data), allow persistent storage on the Settings page, and download a backup there; then try again.",
        fi: "Mitään ei tallennettu: selaimen tallennustila tälle sovellukselle on täynnä. Vapauta tilaa tältä laitteelta (tiedostoja, muiden sivustojen tietoja), salli pysyvä tallennus Asetukset-sivulla ja lataa sieltä varmuuskopio; yritä sitten uudelleen.",
    }
    // args: the storage used and the storage available to this app, formatted as sizes.
    UiStoreFullFigures {
        en: "Nothing was saved: the browser's storage for this app is full ({0} used of {1}). Free space on this device (files, other sites' data), allow persistent storage on the Settings page, and download a backup there; then try again.",
        fi: "Mitään ei tallennettu: selaimen tallennustila tälle sovellukselle on täynnä ({0} käytössä, enintään {1}). Vapauta tilaa tältä laitteelta (tiedostoja, muiden sivustojen tietoja), salli pysyvä tallennus Asetukset-sivulla ja lataa sieltä varmuuskopio; yritä sitten uudelleen.",
    }
    UiStoreConflict {
        en: "The change could not be saved: another tab kept changing the same data. Nothing was stored. Try again.",
        fi: "Muutosta ei voitu tallentaa: toinen välilehti muutti samoja tietoja jatkuvasti. Mitään ei tallennettu. Yritä uudelleen.",
    }
    UiStoreBlocked {
        en: "The database is held open by another tab running an older version of Segmentti. Close that tab and reload this one. Nothing was stored.",
        fi: "Toinen välilehti, jossa on Segmentin vanhempi versio, pitää tietokantaa auki. Sulje se välilehti ja lataa tämä uudelleen. Mitään ei tallennettu.",
    }
    // args: found version, supported version.
    UiStoreTooNew {
        en: "The data here was written by a newer version of Segmentti (format {0}; this one reads up to {1}). Nothing was changed. Open the newer version.",
        fi: "Tiedot on kirjoittanut Segmentin uudempi versio (muoto {0}; tämä lukee enintään muodon {1}). Mitään ei muutettu. Avaa uudempi versio.",
    }
    // args: the browser's words.
    UiStoreUnavailable {
        en: "This browser gives Segmentti no storage here ({0}): storage may be switched off for this site, or refused in a private window. Nothing was stored. Allow this site's data in the browser's settings and reload.",
        fi: "Selain ei anna Segmentille tallennustilaa ({0}): tallennus voi olla estetty tältä sivustolta tai yksityisessä ikkunassa. Mitään ei tallennettu. Salli tämän sivuston tiedot selaimen asetuksista ja lataa sivu uudelleen.",
    }
    // args: the decoder's words.
    UiStoreDamagedHead {
        en: "The stored data cannot be read: its head record is damaged ({0}). Nothing was changed. Restore a backup on the Settings page.",
        fi: "Tallennettuja tietoja ei voi lukea: niiden otsikkotietue on vioittunut ({0}). Mitään ei muutettu. Palauta varmuuskopio Asetukset-sivulla.",
    }
    // args: the logged segment's number, the decoder's words.
    UiStoreDamagedLetters {
        en: "The letters of logged segment {0} cannot be read: they are damaged in this browser's storage ({1}). Nothing was changed.",
        fi: "Kirjatun segmentin {0} kirjeitä ei voi lukea: ne ovat vioittuneet tämän selaimen tallennustilassa ({1}). Mitään ei muutettu.",
    }
    // args: the decoder's words.
    UiStoreDamagedSomeLetters {
        en: "The letters of a logged segment cannot be read: they are damaged in this browser's storage ({0}). Nothing was changed.",
        fi: "Erään kirjatun segmentin kirjeitä ei voi lukea: ne ovat vioittuneet tämän selaimen tallennustilassa ({0}). Mitään ei muutettu.",
    }
    // args: the change's number, the decoder's words.
    UiStoreDamagedJournal {
        en: "Change number {0}, saved by another tab, cannot be read: it is damaged ({1}). Nothing was changed here; reload the page.",
        fi: "Toisen välilehden tallentamaa muutosta numero {0} ei voi lukea: se on vioittunut ({1}). Täällä ei muutettu mitään; lataa sivu uudelleen.",
    }
    // args: the browser's words.
    UiStoreDamagedFiles {
        en: "The browser cannot read its files for Segmentti ({0}). Nothing was changed. Restart the browser; if this stays, restore a backup on the Settings page.",
        fi: "Selain ei pysty lukemaan Segmentin tiedostojaan ({0}). Mitään ei muutettu. Käynnistä selain uudelleen; jos vika jatkuu, palauta varmuuskopio Asetukset-sivulla.",
    }
    // args: code.
    UiCodeExists {
        en: "{0} exists already. Edit it in the list instead.",
        fi: "{0} on jo olemassa. Muokkaa sitä luettelossa.",
    }
    UiFormulaExists {
        en: "A formula for this salutation code, language and kind exists already. Edit it in the list instead.",
        fi: "Tälle tervehdyskoodille, kielelle ja tyylille on jo kaava. Muokkaa sitä luettelossa.",
    }
}

/// Which arguments of a message are counts (by index), so that they are written for the
/// interface language (`10 742`); the others go in as they are, since a post code or a number
/// such as `00100` is no quantity. It lists every shown argument that the `// args:` comment
/// above a key calls a number, a count, a row, a line or a column (`tests/it/ui_numbers.rs` checks
/// that).
pub fn count_args(key: Key) -> &'static [usize] {
    match key {
        Key::ContactKindLockedByEntries
        | Key::ContactKindLockedByPersons
        | Key::SetupSalespersonOnContacts => &[0],
        Key::ContactHasEntries
        | Key::ContactHasOpportunities
        | Key::ContactCompanyHasPersons
        | Key::SetupAnswerInUse
        | Key::SetupQuestionnaireInUse => &[1],
        Key::SetupClassificationInUse => &[2],
        Key::SetupCodeTooLong
        | Key::ImportInvalidUtf16
        | Key::OutputUnreadableLetter
        | Key::OutputIncompatibleLetters
        | Key::ImportUnknownHeaders => &[0],
        Key::ImportMappingColumnOutOfRange => &[1],
        Key::ImportNotUtf8 | Key::ImportUnclosedQuote | Key::ImportBadRows => &[0, 1, 2],
        Key::ImportRaggedRow => &[0, 1, 2, 3, 4],
        Key::BackupDamaged => &[0, 1],
        Key::UiStoreDamagedJournal => &[0],
        _ => &[],
    }
}

/// The key of the message of each problem code. The match is exhaustive, so a code added to
/// [`ProblemCode`] without a message here is a compile error.
pub fn message_of(code: ProblemCode) -> Key {
    match code {
        // contacts
        ProblemCode::ContactUnknown => Key::ContactUnknown,
        ProblemCode::ContactNameMissing => Key::ContactNameMissing,
        ProblemCode::ContactCompanyCannotHaveCompany => Key::ContactCompanyCannotHaveCompany,
        ProblemCode::ContactCompanyUnknown => Key::ContactCompanyUnknown,
        ProblemCode::ContactCompanyNotACompany => Key::ContactCompanyNotACompany,
        ProblemCode::ContactEmailInvalid => Key::EmailInvalid,
        ProblemCode::ContactLanguageInvalid => Key::LanguageInvalid,
        ProblemCode::ContactSalespersonUnknown => Key::SalespersonUnknown,
        ProblemCode::ContactMailingGroupUnknown => Key::MailingGroupUnknown,
        ProblemCode::ContactIndustryGroupUnknown => Key::ContactIndustryGroupUnknown,
        ProblemCode::ContactBusinessRelationUnknown => Key::ContactBusinessRelationUnknown,
        ProblemCode::ContactJobResponsibilityUnknown => Key::ContactJobResponsibilityUnknown,
        ProblemCode::ContactProfileAnswerUnknown => Key::ContactProfileAnswerUnknown,
        ProblemCode::ContactIndustryGroupsCompanyOnly => Key::ContactIndustryGroupsCompanyOnly,
        ProblemCode::ContactBusinessRelationsCompanyOnly => {
            Key::ContactBusinessRelationsCompanyOnly
        }
        ProblemCode::ContactJobResponsibilitiesPersonOnly => {
            Key::ContactJobResponsibilitiesPersonOnly
        }
        ProblemCode::ContactAttributeNameMissing => Key::ContactAttributeNameMissing,
        ProblemCode::ContactAttributeNumberInvalid => Key::ContactAttributeNumberInvalid,
        ProblemCode::ContactCompanyLockedBySegment => Key::ContactCompanyLockedBySegment,
        ProblemCode::ContactKindLockedByEntries => Key::ContactKindLockedByEntries,
        ProblemCode::ContactKindLockedByPersons => Key::ContactKindLockedByPersons,
        ProblemCode::ContactKindLockedBySegment => Key::ContactKindLockedBySegment,
        ProblemCode::ContactOnSegment => Key::ContactOnSegment,
        ProblemCode::ContactHasEntries => Key::ContactHasEntries,
        ProblemCode::ContactHasOpportunities => Key::ContactHasOpportunities,
        ProblemCode::ContactCompanyHasPersons => Key::ContactCompanyHasPersons,
        ProblemCode::ContactImportBatchEmpty => Key::ContactImportBatchEmpty,
        ProblemCode::EditChangedElsewhere => Key::EditChangedElsewhere,
        ProblemCode::ContactChangedSinceImport => Key::ContactChangedSinceImport,
        // set-up
        ProblemCode::SetupCodeMissing => Key::SetupCodeMissing,
        ProblemCode::SetupCodeTooLong => Key::SetupCodeTooLong,
        ProblemCode::SetupClassificationUnknown => Key::SetupClassificationUnknown,
        ProblemCode::SetupClassificationInUse => Key::SetupClassificationInUse,
        ProblemCode::SetupAnswerLineMissing => Key::SetupAnswerLineMissing,
        ProblemCode::SetupAnswerLineDuplicate => Key::SetupAnswerLineDuplicate,
        ProblemCode::SetupAnswerTextMissing => Key::SetupAnswerTextMissing,
        ProblemCode::SetupAnswerInUse => Key::SetupAnswerInUse,
        ProblemCode::SetupQuestionnaireUnknown => Key::SetupQuestionnaireUnknown,
        ProblemCode::SetupQuestionnaireInUse => Key::SetupQuestionnaireInUse,
        ProblemCode::SetupEmailInvalid => Key::EmailInvalid,
        ProblemCode::SetupSalespersonUnknown => Key::SetupSalespersonUnknown,
        ProblemCode::SetupSalespersonOnContacts => Key::SetupSalespersonOnContacts,
        ProblemCode::SetupSalespersonOnSegments => Key::SetupSalespersonOnSegments,
        ProblemCode::SetupGroupUnknown => Key::SetupGroupUnknown,
        ProblemCode::SetupGroupOnTemplates => Key::SetupGroupOnTemplates,
        ProblemCode::SetupGroupOnSegments => Key::SetupGroupOnSegments,
        ProblemCode::SetupTemplateGroupMissing => Key::SetupTemplateGroupMissing,
        ProblemCode::SetupTemplateGroupUnknown => Key::GroupUnknown,
        ProblemCode::SetupAmountInvalid => Key::NumberInvalid,
        ProblemCode::SetupLanguageInvalid => Key::LanguageInvalid,
        ProblemCode::SetupLetterLanguageDuplicate => Key::SetupLetterLanguageDuplicate,
        ProblemCode::SetupTemplateUnknown => Key::SetupTemplateUnknown,
        ProblemCode::SetupTemplateOnSegments => Key::SetupTemplateOnSegments,
        ProblemCode::SetupFormulaMissing => Key::SetupFormulaMissing,
        ProblemCode::SetupFormulaSlotWithoutPart => Key::SetupFormulaSlotWithoutPart,
        ProblemCode::SetupFormulaUnknown => Key::SetupFormulaUnknown,
        ProblemCode::SalutationFormulaMissing => Key::SalutationFormulaMissing,
        // logging
        ProblemCode::LogSegmentUnknown => Key::LogSegmentUnknown,
        ProblemCode::LogSegmentAlreadyLogged => Key::LogSegmentAlreadyLogged,
        ProblemCode::LogDescriptionMissing => Key::LogDescriptionMissing,
        ProblemCode::LogSegmentEmpty => Key::LogSegmentEmpty,
        ProblemCode::LogContactDuplicate => Key::LogContactDuplicate,
        ProblemCode::LogLineDescriptionMissing => Key::LogLineDescriptionMissing,
        ProblemCode::LogDateMissing => Key::LogDateMissing,
        ProblemCode::LogSalespersonMissing => Key::LogSalespersonMissing,
        ProblemCode::LogSalespersonUnknown => Key::SalespersonUnknown,
        ProblemCode::LogTemplateMissing => Key::LogTemplateMissing,
        ProblemCode::LogTemplateUnknown => Key::TemplateUnknown,
        ProblemCode::LogContactUnknown => Key::LogContactUnknown,
        ProblemCode::LogContactPrivacyBlocked => Key::LogContactPrivacyBlocked,
        ProblemCode::LogEmailMissing => Key::LogEmailMissing,
        ProblemCode::LogEmailInvalid => Key::LogEmailInvalid,
        ProblemCode::LogAddressMissing => Key::LogAddressMissing,
        ProblemCode::LogLetterForUnknownLine => Key::LogLetterForUnknownLine,
        ProblemCode::LogLoggedSegmentUnknown => Key::LoggedSegmentUnknown,
        ProblemCode::LogLoggedSegmentEmpty => Key::LogLoggedSegmentEmpty,
        ProblemCode::LogEntryUnknown => Key::LogEntryUnknown,
        ProblemCode::LogLoggedSegmentCanceled => Key::LogLoggedSegmentCanceled,
        ProblemCode::LogCommentMissing => Key::LogCommentMissing,
        ProblemCode::LogEntryNotCanceled => Key::LogEntryNotCanceled,
        // segments
        ProblemCode::SegmentUnknown => Key::SegmentUnknown,
        ProblemCode::SegmentDescriptionTooLong => Key::DescriptionTooLong,
        ProblemCode::SegmentSalespersonUnknown => Key::SalespersonUnknown,
        ProblemCode::SegmentTemplateUnknown => Key::TemplateUnknown,
        ProblemCode::SegmentGroupUnknown => Key::GroupUnknown,
        ProblemCode::SegmentNumberInvalid => Key::NumberInvalid,
        ProblemCode::SegmentNoCriteria => Key::SegmentNoCriteria,
        ProblemCode::SegmentContactUnknown => Key::SegmentContactUnknown,
        ProblemCode::SegmentContactAlreadyOnSegment => Key::SegmentContactAlreadyOnSegment,
        ProblemCode::SegmentContactNotOnSegment => Key::SegmentContactNotOnSegment,
        ProblemCode::SegmentLoggedSegmentUnknown => Key::LoggedSegmentUnknown,
        ProblemCode::SegmentTooManyLines => Key::SegmentTooManyLines,
        ProblemCode::SegmentMailingGroupUnknown => Key::MailingGroupUnknown,
        ProblemCode::SegmentEmpty => Key::SegmentEmpty,
        ProblemCode::SegmentContactPrivacyBlocked => Key::SegmentContactPrivacyBlocked,
        ProblemCode::SegmentOpportunitiesExist => Key::SegmentOpportunitiesExist,
        ProblemCode::SegmentOpportunityUnknown => Key::SegmentOpportunityUnknown,
        ProblemCode::SegmentOpportunityNotContacted => Key::SegmentOpportunityNotContacted,
        ProblemCode::SegmentLineUnknown => Key::SegmentLineUnknown,
        // saved criteria and criteria
        ProblemCode::SavedCriteriaCodeRequired => Key::SavedCriteriaCodeRequired,
        ProblemCode::SavedCriteriaCodeTooLong => Key::SavedCriteriaCodeTooLong,
        ProblemCode::SavedCriteriaCodeExists => Key::SavedCriteriaCodeExists,
        ProblemCode::SavedCriteriaDescriptionTooLong => Key::DescriptionTooLong,
        ProblemCode::SavedCriteriaUnknown => Key::SavedCriteriaUnknown,
        ProblemCode::CriteriaFilterKindMismatch => Key::CriteriaFilterKindMismatch,
        // filter expressions
        ProblemCode::FilterEmpty => Key::FilterEmpty,
        ProblemCode::FilterUnexpectedEnd => Key::FilterUnexpectedEnd,
        ProblemCode::FilterUnexpectedToken => Key::FilterUnexpectedToken,
        ProblemCode::FilterEmptyAlternative => Key::FilterEmptyAlternative,
        ProblemCode::FilterMissingValue => Key::FilterMissingValue,
        ProblemCode::FilterUnbalancedQuote => Key::FilterUnbalancedQuote,
        ProblemCode::FilterUnclosedParenthesis => Key::FilterUnclosedParenthesis,
        ProblemCode::FilterUnmatchedClosingParenthesis => Key::FilterUnmatchedClosingParenthesis,
        ProblemCode::FilterTooDeeplyNested => Key::FilterTooDeeplyNested,
        ProblemCode::FilterRangeWithoutBounds => Key::FilterRangeWithoutBounds,
        ProblemCode::FilterBadNumber => Key::FilterBadNumber,
        ProblemCode::FilterAmbiguousNumber => Key::FilterAmbiguousNumber,
        ProblemCode::FilterBadDate => Key::FilterBadDate,
        ProblemCode::FilterBadBool => Key::FilterBadBool,
        ProblemCode::FilterWildcardNotAllowed => Key::FilterWildcardNotAllowed,
        ProblemCode::FilterOperatorNotAllowed => Key::FilterOperatorNotAllowed,
        ProblemCode::FilterEmptyValueNotAllowed => Key::FilterEmptyValueNotAllowed,
        // letters
        ProblemCode::LetterUnknownField => Key::LetterUnknownField,
        ProblemCode::LetterEmptyTag => Key::LetterEmptyTag,
        ProblemCode::LetterUnknownBlock => Key::LetterUnknownBlock,
        ProblemCode::LetterMissingCondition => Key::LetterMissingCondition,
        ProblemCode::LetterUnbalancedIf => Key::LetterUnbalancedIf,
        ProblemCode::LetterStrayElse => Key::LetterStrayElse,
        ProblemCode::LetterDuplicateElse => Key::LetterDuplicateElse,
        ProblemCode::LetterStrayClose => Key::LetterStrayClose,
        ProblemCode::LetterTooDeeplyNested => Key::LetterTooDeeplyNested,
        ProblemCode::LetterUnclosedTag => Key::LetterUnclosedTag,
        ProblemCode::LetterMissingValue => Key::LetterMissingValue,
        ProblemCode::LetterUnknownMergeField => Key::LetterUnknownMergeField,
        ProblemCode::LetterSalutationMissing => Key::LetterSalutationMissing,
        ProblemCode::LetterNone => Key::LetterNone,
        ProblemCode::LetterPdfsOutdated => Key::LetterPdfsOutdated,
        // Word documents
        ProblemCode::DocxNotAZip => Key::DocxNotAZip,
        ProblemCode::DocxMissingPart => Key::DocxMissingPart,
        ProblemCode::DocxUnreadablePart => Key::DocxUnreadablePart,
        ProblemCode::DocxPartTooLarge => Key::DocxPartTooLarge,
        ProblemCode::DocxNotUtf8 => Key::DocxNotUtf8,
        ProblemCode::DocxBrokenXml => Key::DocxBrokenXml,
        ProblemCode::DocxWriteFailed => Key::DocxWriteFailed,
        ProblemCode::DocxUnknownMergeField => Key::DocxUnknownMergeField,
        ProblemCode::DocxCannotMergeBlockAcrossContainers => {
            Key::DocxCannotMergeBlockAcrossContainers
        }
        ProblemCode::DocxCannotMergeNestedMergeField => Key::DocxCannotMergeNestedMergeField,
        ProblemCode::DocxCannotMergeFieldAcrossParagraphs => {
            Key::DocxCannotMergeFieldAcrossParagraphs
        }
        ProblemCode::DocxCannotMergeFieldAcrossElements => Key::DocxCannotMergeFieldAcrossElements,
        ProblemCode::DocxCannotMergeFieldOutsideRun => Key::DocxCannotMergeFieldOutsideRun,
        ProblemCode::DocxCannotMergeBlockInLink => Key::DocxCannotMergeBlockInLink,
        // downloads
        ProblemCode::OutputNoLetters => Key::OutputNoLetters,
        ProblemCode::OutputUnreadableLetter => Key::OutputUnreadableLetter,
        ProblemCode::OutputIncompatibleLetters => Key::OutputIncompatibleLetters,
        ProblemCode::OutputWriteFailed => Key::OutputWriteFailed,
        // import
        ProblemCode::ImportEmpty => Key::ImportEmpty,
        ProblemCode::ImportNotText => Key::ImportNotText,
        ProblemCode::ImportUnsupportedText => Key::ImportUnsupportedText,
        ProblemCode::ImportNotUtf8 => Key::ImportNotUtf8,
        ProblemCode::ImportInvalidUtf16 => Key::ImportInvalidUtf16,
        ProblemCode::ImportUnclosedQuote => Key::ImportUnclosedQuote,
        ProblemCode::ImportRaggedRow => Key::ImportRaggedRow,
        ProblemCode::ImportBadRows => Key::ImportBadRows,
        ProblemCode::ImportNoContacts => Key::ImportNoContacts,
        ProblemCode::ImportUnknownHeaders => Key::ImportUnknownHeaders,
        ProblemCode::ImportMappingColumnOutOfRange => Key::ImportMappingColumnOutOfRange,
        ProblemCode::ImportMappingWithoutName => Key::ImportMappingWithoutName,
        ProblemCode::ImportVcardLineIgnored => Key::ImportVcardLineIgnored,
        ProblemCode::ImportVcardLineOutsideCard => Key::ImportVcardLineOutsideCard,
        ProblemCode::ImportVcardUnterminated => Key::ImportVcardUnterminated,
        ProblemCode::ImportVcardEndedByBegin => Key::ImportVcardEndedByBegin,
        ProblemCode::ImportVcardGroupSkipped => Key::ImportVcardGroupSkipped,
        ProblemCode::ImportInvalidDate => Key::ImportInvalidDate,
        ProblemCode::ImportChoiceRowOutOfRange => Key::ImportChoiceRowOutOfRange,
        ProblemCode::ImportDuplicateTargetMissing => Key::ImportDuplicateTargetMissing,
        ProblemCode::ImportPlanInconsistent => Key::ImportPlanInconsistent,
        ProblemCode::ImportCompanyMissing => Key::ImportCompanyMissing,
        // backup
        ProblemCode::BackupNotABackup => Key::BackupNotABackup,
        ProblemCode::BackupTooNew => Key::BackupTooNew,
        ProblemCode::BackupDamaged => Key::BackupDamaged,
        ProblemCode::BackupMergeNotJoined => Key::BackupMergeNotJoined,
        ProblemCode::BackupMergeRecord => Key::BackupMergeRecord,
        // the UI's own
        ProblemCode::UiStoreFailed => Key::UiStoreFailed,
        ProblemCode::UiStoreFull => Key::UiStoreFull,
        ProblemCode::UiStoreFullFigures => Key::UiStoreFullFigures,
        ProblemCode::UiStoreConflict => Key::UiStoreConflict,
        ProblemCode::UiStoreBlocked => Key::UiStoreBlocked,
        ProblemCode::UiStoreTooNew => Key::UiStoreTooNew,
        ProblemCode::UiStoreUnavailable => Key::UiStoreUnavailable,
        ProblemCode::UiStoreDamagedHead => Key::UiStoreDamagedHead,
        ProblemCode::UiStoreDamagedLetters => Key::UiStoreDamagedLetters,
        ProblemCode::UiStoreDamagedSomeLetters => Key::UiStoreDamagedSomeLetters,
        ProblemCode::UiStoreDamagedJournal => Key::UiStoreDamagedJournal,
        ProblemCode::UiStoreDamagedFiles => Key::UiStoreDamagedFiles,
        ProblemCode::UiCodeExists => Key::UiCodeExists,
        ProblemCode::UiFormulaExists => Key::UiFormulaExists,
        // These two are worded from the log pages' and the Templates page's own tables before
        // this lookup (`problem_text`, the Templates form), so they have no message here.
        ProblemCode::UiLettersUnreadable | ProblemCode::UiTemplateExists => Key::ProblemUnknown,
    }
}

/// Every problem code that has a message here, and the key of that message, for the checks
/// that read the catalogue.
pub static CODES: LazyLock<Vec<(&'static str, Key)>> = LazyLock::new(|| {
    ProblemCode::ALL
        .iter()
        .map(|code| (code.as_str(), message_of(*code)))
        .filter(|(_, key)| *key != Key::ProblemUnknown)
        .collect()
});

/// The message key of a problem code as a [`Problem`](segmentti::core::problem::Problem)
/// carries it; `ProblemUnknown` for text that is no code.
pub fn key_of(code: &str) -> Key {
    ProblemCode::parse(code).map_or(Key::ProblemUnknown, message_of)
}
