//! Texts of the Segments pages: the list, the segment page (header, toolbar, lines, history) and
//! the criteria dialogs with their preview. Logging and letters on a segment are in `letters.rs`.

use super::{AnyKey, Lang, Text};

catalogue! {
    // Common words
    Loading { en: "Loading…", fi: "Ladataan…" }
    Create { en: "Create", fi: "Luo" }
    Apply { en: "Apply", fi: "Käytä" }
    AddNamed { en: "Add {name}", fi: "Lisää {name}" }
    ChooseOne { en: "Choose…", fi: "Valitse…" }
    EitherChoice { en: "Either", fi: "Kumpi tahansa" }
    NotANumber { en: "Enter a number, for example 12.50.", fi: "Kirjoita luku, esimerkiksi 12,50." }
    DownloadRefused {
        en: "The browser refused the download.",
        fi: "Selain esti latauksen.",
    }

    // The list of segments
    NewSegment { en: "New segment", fi: "Uusi segmentti" }
    SegmentListTitle { en: "Segments not yet logged", fi: "Kirjaamattomat segmentit" }
    NoSegments {
        en: "No segments yet. Create one with New segment.",
        fi: "Segmenttejä ei vielä ole. Luo ensimmäinen painikkeella Uusi segmentti.",
    }
    ColDate { en: "Date", fi: "Päivä\u{ad}määrä" }
    ColLines { en: "Lines", fi: "Rivejä" }
    ColSteps { en: "Criteria steps", fi: "Ehtovaiheita" }
    SavedCriteria { en: "Saved criteria", fi: "Tallennetut ehdot" }
    SavedCriteriaIntro {
        en: "Criteria saved from a segment can be replayed on another one with Reuse criteria; they are evaluated again against the data of that day.",
        fi: "Segmentistä tallennetut ehdot voi toistaa toisessa segmentissä toiminnolla Käytä tallennettuja ehtoja. Ne arvioidaan uudelleen sen päivän tiedoilla.",
    }
    NoSavedCriteria { en: "No saved criteria yet.", fi: "Tallennettuja ehtoja ei vielä ole." }
    DeleteSavedCriteria { en: "Delete saved criteria", fi: "Poista tallennetut ehdot" }
    DeleteSavedCriteriaQuestion {
        en: "Delete the saved criteria {code}? Segments built with them keep their lines.",
        fi: "Poistetaanko tallennetut ehdot {code}? Niillä kootut segmentit säilyttävät rivinsä.",
    }

    // One segment's page
    BackToSegments { en: "← All segments", fi: "← Kaikki segmentit" }
    SegmentIntro {
        en: "Build the list of contacts with Add, Reduce and Refine, check the lines, then log the interaction for all of them.",
        fi: "Kokoa yhteyshenkilöiden luettelo toiminnoilla Lisää, Vähennä ja Tarkenna, tarkista rivit ja kirjaa sitten vuorovaikutus kaikille.",
    }
    SegmentMissingTitle { en: "Segment not found", fi: "Segmenttiä ei löydy" }
    SegmentMissing {
        en: "There is no segment {no}. It may have been logged or deleted.",
        fi: "Segmenttiä {no} ei ole. Se on ehkä kirjattu tai poistettu.",
    }
    SegmentActions { en: "Segment actions", fi: "Segmentin toiminnot" }
    AddContacts { en: "Add contacts…", fi: "Lisää yhteyshenkilöitä…" }
    Reduce { en: "Reduce…", fi: "Vähennä…" }
    Refine { en: "Refine…", fi: "Tarkenna…" }
    GoBack { en: "Go back", fi: "Peru viimeisin vaihe" }
    GoBackConfirm { en: "Undo the step", fi: "Peru vaihe" }
    GoBackQuestion {
        en: "This undoes the last step ({step}): {inserted, plural, one {the # line it added is removed} other {the # lines it added are removed}} and {removed, plural, one {the # line it removed comes back exactly as it was.} other {the # lines it removed come back exactly as they were.}}",
        fi: "Tämä peruu viimeisimmän vaiheen ({step}): {inserted, plural, one {sen lisäämä # rivi poistetaan} other {sen lisäämät # riviä poistetaan}} ja {removed, plural, one {sen poistama # rivi palautetaan} other {sen poistamat # riviä palautetaan}} täsmälleen ennallaan.",
    }
    WentBack { en: "The last step was undone.", fi: "Viimeisin vaihe peruttiin." }
    SaveCriteria { en: "Save criteria…", fi: "Tallenna ehdot…" }
    ReuseCriteria { en: "Reuse criteria…", fi: "Käytä tallennettuja ehtoja…" }
    ReuseLogged { en: "Reuse logged segment…", fi: "Käytä kirjattua segmenttiä…" }
    ApplyMailingGroup { en: "Apply mailing group…", fi: "Liitä postitusryhmä…" }
    ExportLines { en: "Export lines (CSV)", fi: "Vie rivit (CSV)" }
    ExportedLines { en: "The lines were downloaded as a CSV file.", fi: "Rivit ladattiin CSV-tiedostona." }
    CreateOpportunities { en: "Create opportunities", fi: "Luo myyntimahdollisuudet" }
    Log { en: "Log…", fi: "Kirjaa…" }
    CriteriaActions { en: "Criteria", fi: "Ehdot" }
    MoreActions { en: "More", fi: "Lisää toimintoja" }
    DeleteSegment { en: "Delete segment", fi: "Poista segmentti" }
    DeleteSegmentQuestion {
        en: "Delete segment {no} with its lines and criteria history? This cannot be undone.",
        fi: "Poistetaanko segmentti {no} riveineen ja ehtohistorioineen? Poistoa ei voi perua.",
    }

    // Header
    HeaderTitle { en: "Interaction", fi: "Vuorovaikutus" }
    HeaderShow { en: "Show all fields", fi: "Näytä kaikki kentät" }
    HeaderHide { en: "Hide fields", fi: "Piilota kentät" }
    SummaryNothing { en: "No template, date or salesperson chosen yet.", fi: "Mallia, päivämäärää tai myyjää ei ole vielä valittu." }
    TemplateHint {
        en: "Choosing a template fills in its defaults: cost, duration, language, correspondence type and letter.",
        fi: "Mallin valinta täyttää sen oletusarvot: kustannuksen, keston, kielen, viestintätavan ja kirjeen.",
    }
    TemplateChanged { en: "The template was changed.", fi: "Malli vaihdettiin." }
    ApplyTemplateTitle { en: "Change the template", fi: "Vaihda malli" }
    ApplyTemplateQuestion {
        en: "Do you want to apply {template} to all segment lines? Comments and letters of the lines stay.",
        fi: "Haluatko ottaa mallin {template} käyttöön kaikilla segmentin riveillä? Rivien kommentit ja kirjeet säilyvät.",
    }
    NoTemplate { en: "no template", fi: "ei mallia" }
    ApplyToAllLines { en: "Yes, all lines", fi: "Kyllä, kaikille riveille" }
    HeaderOnly { en: "No, only the header", fi: "Ei, vain otsikkotietoihin" }
    LanguageHint {
        en: "Contacts get the letter in their own language when it exists in it, the others in this one.",
        fi: "Yhteyshenkilö saa kirjeen omalla kielellään, jos kirje on sillä kielellä; muut saavat sen tällä kielellä.",
    }
    FieldCorrespondenceDefault { en: "Correspondence type (default)", fi: "Viestintätapa (oletus)" }
    FieldIgnoreContactCorrespondence {
        en: "Ignore the contacts' own correspondence type",
        fi: "Ohita yhteyshenkilöiden oma viestintätapa",
    }
    FieldUnitCost { en: "Cost per contact", fi: "Kustannus yhteyshenkilöä kohden" }
    FieldUnitDuration { en: "Duration per contact (min)", fi: "Kesto yhteyshenkilöä kohden (min)" }
    SaveHeader { en: "Save header", fi: "Tallenna otsikkotiedot" }
    HeaderSaved { en: "The header was saved.", fi: "Otsikkotiedot tallennettiin." }
    PropagateTitle { en: "Update the lines?", fi: "Päivitetäänkö rivit?" }
    PropagateQuestion {
        en: "You changed the header. Do you want to update the segment lines whose interaction template is {template}? Lines with another template keep their values.",
        fi: "Muutit otsikkotietoja. Haluatko päivittää ne segmentin rivit, joiden vuorovaikutusmalli on {template}? Rivit, joilla on jokin muu malli, säilyttävät arvonsa.",
    }
    PropagateQuestionNoTemplate {
        en: "You changed the header. Do you want to update the segment lines that have no interaction template either? Lines with a template keep their values.",
        fi: "Muutit otsikkotietoja. Haluatko päivittää ne segmentin rivit, joilla ei myöskään ole vuorovaikutusmallia? Rivit, joilla on malli, säilyttävät arvonsa.",
    }
    UpdateLines { en: "Yes, update the lines", fi: "Kyllä, päivitä rivit" }

    // Lines
    LinesTitle { en: "Lines ({count})", fi: "Rivit ({count})" }
    LinesCaption { en: "Segment lines", fi: "Segmentin rivit" }
    LinesHint {
        en: "Open a line (click, or Enter or Space) to change its own values or remove its contact. ✉ marks a line with its own letter, ✱ one with its own values; ? tells which step added it.",
        fi: "Avaa rivi (napsauta tai paina Enter tai välilyöntiä) muuttaaksesi sen omia arvoja tai poistaaksesi yhteyshenkilön. ✉ merkitsee rivin, jolla on oma kirje, ✱ rivin, jolla on omia arvoja; ? kertoo, mikä vaihe lisäsi sen.",
    }
    ColMarks { en: "Own", fi: "Oma" }
    MarkOwnLetter { en: "Own letter", fi: "Oma kirje" }
    MarkOverrides { en: "Own values: {fields}", fi: "Omat arvot: {fields}" }
    NoLines {
        en: "No lines yet. Add contacts with Add contacts… or one by one.",
        fi: "Rivejä ei vielä ole. Lisää yhteyshenkilöitä toiminnolla Lisää yhteyshenkilöitä… tai yksitellen.",
    }
    ColContactNo { en: "Contact no.", fi: "Nro" }
    // Soft hyphens (U+00AD) let the narrow column headers of the lines table break inside a word.
    ColCorrespondence { en: "Corres\u{ad}pondence", fi: "Viestintä\u{ad}tapa" }
    ColLanguage { en: "Lan\u{ad}guage", fi: "Kieli" }
    ColComment { en: "Com\u{ad}ment", fi: "Kom\u{ad}mentti" }
    LineTitle { en: "Line: {name}", fi: "Rivi: {name}" }
    LineGone { en: "This line no longer exists.", fi: "Tätä riviä ei enää ole." }
    LineOverridesHint {
        en: "Values changed here apply to this contact only; the header no longer updates them.",
        fi: "Tässä muutetut arvot koskevat vain tätä yhteyshenkilöä, eivätkä otsikkotiedot enää päivitä niitä.",
    }
    FieldDuration { en: "Duration (min)", fi: "Kesto (min)" }
    FieldComment { en: "Comment", fi: "Kommentti" }
    CommentHint {
        en: "Letters can show it with {{comment}}.",
        fi: "Kirjeissä sen voi näyttää kentällä {{comment}}.",
    }
    LineSaved { en: "The line was saved.", fi: "Rivi tallennettiin." }
    RemoveFromSegment { en: "Remove from segment", fi: "Poista segmentistä" }
    ContactRemoved { en: "{name} was removed from the segment.", fi: "{name} poistettiin segmentistä." }
    AddContactByHand { en: "Add a contact…", fi: "Lisää yhteyshenkilö…" }
    AddContactTitle { en: "Add a contact", fi: "Lisää yhteyshenkilö" }
    SearchContacts { en: "Search contacts", fi: "Hae yhteyshenkilöitä" }
    SearchContactsHint {
        en: "Name, number, e-mail, city or company. Contacts already on the segment are not listed.",
        fi: "Nimi, numero, sähköposti, kaupunki tai yritys. Segmentissä jo olevia ei näytetä.",
    }
    SearchResults { en: "Matching contacts", fi: "Löytyneet yhteyshenkilöt" }
    ContactAdded { en: "{name} was added to the segment.", fi: "{name} lisättiin segmenttiin." }
    EvaluationNone { en: "(no evaluation)", fi: "(ei arviota)" }

    // Criteria history
    HistoryTitle { en: "Criteria history", fi: "Ehtohistoria" }
    NoHistory {
        en: "No criteria steps yet. Every Add, Reduce and Refine is listed here and can be undone with Go back.",
        fi: "Ehtovaiheita ei vielä ole. Jokainen lisäys, vähennys ja tarkennus näkyy tässä, ja sen voi perua.",
    }
    AddContactsTitle { en: "Add contacts", fi: "Lisää yhteyshenkilöitä" }
    StepReduce { en: "Reduce", fi: "Vähennä" }
    StepRefine { en: "Refine", fi: "Tarkenna" }
    StepAddContact { en: "Contact added by hand", fi: "Yhteyshenkilö lisätty käsin" }
    StepRemoveContact { en: "Contact removed by hand", fi: "Yhteyshenkilö poistettu käsin" }
    StepReuseLogged { en: "Contacts of a logged segment", fi: "Kirjatun segmentin yhteyshenkilöt" }
    StepCounts {
        en: "{inserted, plural, one {# line added} other {# lines added}}, {removed} removed",
        fi: "{inserted, plural, one {# rivi lisätty} other {# riviä lisätty}}, {removed} poistettu",
    }
    StepAdded {
        en: "{inserted, plural, one {# line added} other {# lines added}}",
        fi: "{inserted, plural, one {# rivi lisätty} other {# riviä lisätty}}",
    }
    StepRemoved {
        en: "{removed, plural, one {# line removed} other {# lines removed}}",
        fi: "{removed, plural, one {# rivi poistettu} other {# riviä poistettu}}",
    }
    StepOptions { en: "Options: {options}", fi: "Valinnat: {options}" }
    NoFilters { en: "No filters: every contact.", fi: "Ei suodattimia: kaikki yhteyshenkilöt." }
    WordAnd { en: "and", fi: "ja" }
    WordOr { en: "or", fi: "tai" }
    WordNot { en: "not", fi: "ei" }

    // Criteria dialog
    ReduceTitle { en: "Reduce contacts", fi: "Vähennä yhteyshenkilöitä" }
    RefineTitle { en: "Refine contacts", fi: "Tarkenna yhteyshenkilöitä" }
    AddContactsIntro {
        en: "Contacts that match every filled section are added to the segment.",
        fi: "Segmenttiin lisätään yhteyshenkilöt, jotka täyttävät jokaisen täytetyn osion ehdot.",
    }
    ReduceIntro {
        en: "Contacts on the segment that match every filled section are removed.",
        fi: "Segmentistä poistetaan ne yhteyshenkilöt, jotka täyttävät jokaisen täytetyn osion ehdot.",
    }
    RefineIntro {
        en: "Only the contacts on the segment that match every filled section are kept; the others are removed.",
        fi: "Segmenttiin jätetään vain ne yhteyshenkilöt, jotka täyttävät jokaisen täytetyn osion ehdot. Muut poistetaan.",
    }
    FilterSyntaxHint {
        en: "Filters use Business Central syntax: A|B either, <>A not A, 10..20 range, ..20 or 20.. open range, *part* wildcard, '' empty, @A ignore case, A&B both.",
        fi: "Suodattimissa käytetään Business Centralin merkintätapaa: A|B jompikumpi, <>A ei A, 10..20 väli, ..20 tai 20.. avoin väli, *osa* jokerimerkki, '' tyhjä, @A kirjainkoosta riippumatta, A&B molemmat.",
    }
    FilterErrorAt { en: "At character {position}: {message}", fi: "Merkin {position} kohdalla: {message}" }
    SectionContact { en: "Contact fields", fi: "Yhteyshenkilön kentät" }
    ContactSectionHint {
        en: "All conditions of a group must match. A contact matches when any group matches. Tick Not to match contacts that do not pass a condition. Empty conditions are ignored.",
        fi: "Ryhmän kaikkien ehtojen on täytyttävä. Yhteyshenkilö täyttää osion, kun mikä tahansa ryhmä täyttyy. Valitse Ei, jos haet yhteyshenkilöitä, jotka eivät täytä ehtoa. Tyhjät ehdot ohitetaan.",
    }
    GroupFirst { en: "Match all of these", fi: "Kaikki nämä täyttyvät" }
    GroupOr { en: "Or match all of these", fi: "Tai kaikki nämä täyttyvät" }
    ConditionFilter { en: "Filter", fi: "Suodatin" }
    ConditionNot { en: "Not", fi: "Ei" }
    AddCondition { en: "Add condition", fi: "Lisää ehto" }
    RemoveCondition { en: "Remove condition", fi: "Poista ehto" }
    AddOrGroup { en: "Add “or” group", fi: "Lisää ”tai”-ryhmä" }
    RemoveGroup { en: "Remove group", fi: "Poista ryhmä" }
    ClassificationsHint {
        en: "Code filters. Industry groups and business relations are checked on the contact's company, so persons inherit them.",
        fi: "Koodisuodattimet. Toimialat ja liiketoimintasuhteet tarkistetaan yhteyshenkilön yritykseltä, joten henkilöt perivät ne.",
    }
    SectionIndustryGroups { en: "Industry group", fi: "Toimiala" }
    SectionBusinessRelations { en: "Business relation", fi: "Liiketoimintasuhde" }
    SectionJobResponsibilities { en: "Job responsibility", fi: "Työtehtävä" }
    CodesHint { en: "Codes: {codes}", fi: "Koodit: {codes}" }
    NoCodesYet { en: "No codes are set up yet.", fi: "Koodeja ei ole vielä määritetty." }
    SectionProfile { en: "Profile", fi: "Profiili" }
    ProfileQuestionnaire { en: "Questionnaire", fi: "Kysely" }
    ProfileAnswer { en: "Answer", fi: "Vastaus" }
    AnyAnswer { en: "any answer", fi: "mikä tahansa vastaus" }
    SectionEntries { en: "Interaction log entries", fi: "Vuorovaikutustapahtumat" }
    EntriesHint {
        en: "One logged interaction of the contact must pass every filled field.",
        fi: "Yhden yhteyshenkilön kirjatun vuorovaikutuksen on täytettävä jokainen täytetty kenttä.",
    }
    DateFilterHint {
        en: "For example 1.1.2026..31.3.2026 or 2026-01-01..",
        fi: "Esimerkiksi 1.1.2026..31.3.2026 tai 2026-01-01..",
    }
    EvaluationFilterHint {
        en: "very_positive, positive, neutral, negative or very_negative",
        fi: "very_positive (erittäin myönteinen), positive, neutral, negative tai very_negative",
    }
    SectionOptions { en: "Options", fi: "Valinnat" }
    OptAllowExisting { en: "Allow existing contacts", fi: "Salli jo mukana olevat" }
    OptAllowExistingHint {
        en: "Add a contact again even if it already has a line.",
        fi: "Lisää yhteyshenkilö uudelleen, vaikka sillä on jo rivi.",
    }
    OptExpandCompanies { en: "Expand companies", fi: "Laajenna yrityksiin" }
    OptExpandCompaniesHint {
        en: "For every match that has a company, add the company and all of its persons.",
        fi: "Lisää jokaisen yritykseen kuuluvan osuman yritys ja kaikki sen henkilöt.",
    }
    OptRelatedCompanies { en: "Add related companies", fi: "Lisää henkilöiden yritykset" }
    OptRelatedCompaniesHint {
        en: "For every matched person, add their company too.",
        fi: "Lisää jokaisen osuneen henkilön yritys myös.",
    }
    OptIgnoreExclusion { en: "Ignore exclusion", fi: "Ohita poissulkeminen" }
    OptIgnoreExclusionHint {
        en: "Keep contacts marked “exclude from segments”.",
        fi: "Ota mukaan myös yhteyshenkilöt, joilla on merkintä ”ei segmentteihin”.",
    }
    OptEntireCompanies { en: "Entire companies", fi: "Kokonaiset yritykset" }
    OptEntireCompaniesHint {
        en: "Test every contact of a line's company; a company and all its persons go or stay together.",
        fi: "Testaa rivin yrityksen kaikki yhteyshenkilöt. Yritys ja kaikki sen henkilöt poistuvat tai jäävät yhdessä.",
    }
    PreviewBlocked {
        en: "Correct the marked filters to see who would join or leave.",
        fi: "Korjaa merkityt suodattimet nähdäksesi, ketkä tulisivat mukaan tai poistuisivat.",
    }
    WouldJoin {
        en: "{count, plural, one {# contact would join.} other {# contacts would join.}}",
        fi: "{count, plural, one {Mukaan tulisi # yhteyshenkilö.} other {Mukaan tulisi # yhteyshenkilöä.}}",
    }
    WouldLeave {
        en: "{count, plural, one {# contact would leave.} other {# contacts would leave.}}",
        fi: "{count, plural, one {Pois lähtisi # yhteyshenkilö.} other {Pois lähtisi # yhteyshenkilöä.}}",
    }
    NothingWouldChange { en: "No contact would join or leave.", fi: "Kukaan ei tulisi mukaan eikä lähtisi pois." }
    PreviewMore {
        en: "…and {count} more.",
        fi: "…ja vielä {count}.",
    }
    StepAppliedAdded {
        en: "{count, plural, one {The step was applied: # line added.} other {The step was applied: # lines added.}}",
        fi: "{count, plural, one {Vaihe tehtiin: # rivi lisättiin.} other {Vaihe tehtiin: # riviä lisättiin.}}",
    }
    StepAppliedRemoved {
        en: "{count, plural, one {The step was applied: # line removed.} other {The step was applied: # lines removed.}}",
        fi: "{count, plural, one {Vaihe tehtiin: # rivi poistettiin.} other {Vaihe tehtiin: # riviä poistettiin.}}",
    }

    // Contact fields, as the criteria dialog and history name them
    CfKind { en: "Type (company or person)", fi: "Tyyppi (yritys tai henkilö)" }
    // The values of the contact type as a filter is typed and shown (stored as company, person).
    KindCodeCompany { en: "company", fi: "yritys" }
    KindCodePerson { en: "person", fi: "henkilö" }
    // The values of the correspondence type as a filter is typed and shown (stored as hard_copy,
    // email).
    CorrespondenceCodePaper { en: "paper", fi: "paperi" }
    CorrespondenceCodeEmail { en: "email", fi: "sähköposti" }
    CfAddress2 { en: "Address 2", fi: "Osoite 2" }
    CfCounty { en: "County", fi: "Maakunta" }
    CfMobile { en: "Mobile", fi: "Matkapuhelin" }
    CfCorrespondenceType {
        en: "Correspondence type (paper or email)",
        fi: "Viestintätapa (paperi tai sähköposti)",
    }
    CfCompanyNo { en: "Company no.", fi: "Yrityksen numero" }
    CfModified { en: "Modified", fi: "Muokattu" }
    CfAttribute { en: "Attribute: {name}", fi: "Lisätieto: {name}" }

    // Interaction log entry fields
    EfDuration { en: "Duration", fi: "Kesto" }

    // Save, reuse, mailing group
    SaveCriteriaTitle { en: "Save criteria", fi: "Tallenna ehdot" }
    SaveCriteriaIntro {
        en: "Saves every criteria step of this segment under a code, so that it can be replayed on another segment.",
        fi: "Tallentaa tämän segmentin kaikki ehtovaiheet koodilla, jotta ne voi toistaa toisessa segmentissä.",
    }
    CodeHint { en: "Up to 20 characters, e.g. DECISION-MAKERS.", fi: "Enintään 20 merkkiä, esim. PÄÄTTÄJÄT." }
    CriteriaSaved { en: "The criteria were saved as {code}.", fi: "Ehdot tallennettiin koodilla {code}." }
    ReuseCriteriaTitle { en: "Reuse criteria", fi: "Käytä tallennettuja ehtoja" }
    ReuseCriteriaIntro {
        en: "Replays saved criteria step by step against today's data. Each replayed step can be undone with Go back.",
        fi: "Toistaa tallennetut ehdot vaihe vaiheelta tämän päivän tiedoilla. Jokaisen toistetun vaiheen voi perua.",
    }
    ReuseCriteriaExisting {
        en: "{count, plural, one {This segment already has # criteria step; the saved steps are added after it.} other {This segment already has # criteria steps; the saved steps are added after them.}}",
        fi: "{count, plural, one {Segmentissä on jo # ehtovaihe. Tallennetut vaiheet lisätään sen jälkeen.} other {Segmentissä on jo # ehtovaihetta. Tallennetut vaiheet lisätään niiden jälkeen.}}",
    }
    NothingSavedYet {
        en: "No criteria are saved yet. On a segment whose criteria steps you want to keep, choose \u{201c}Save criteria…\u{201d} and give them a code; they are listed here from then on.",
        fi: "Ehtoja ei ole vielä tallennettu. Valitse segmentissä, jonka ehtovaiheet haluat säilyttää, \u{201d}Tallenna ehdot…\u{201d} ja anna niille koodi; sen jälkeen ne näkyvät tässä.",
    }
    Joining { en: "Would join", fi: "Tulisivat mukaan" }
    Leaving { en: "Would leave", fi: "Lähtisivät pois" }
    CriteriaReused { en: "The saved criteria were replayed. {counts}", fi: "Tallennetut ehdot toistettiin. {counts}" }
    ReuseLoggedTitle { en: "Reuse a logged segment", fi: "Käytä kirjattua segmenttiä" }
    ReuseLoggedIntro {
        en: "Adds the contacts of a logged segment's interactions to this segment.",
        fi: "Lisää kirjatun segmentin vuorovaikutusten yhteyshenkilöt tähän segmenttiin.",
    }
    LoggedSegmentField { en: "Logged segment", fi: "Kirjattu segmentti" }
    CanceledMark { en: "(canceled)", fi: "(peruttu)" }
    LoggedReused { en: "The logged segment's contacts were added. {counts}", fi: "Kirjatun segmentin yhteyshenkilöt lisättiin. {counts}" }
    MailingGroupTitle { en: "Apply a mailing group", fi: "Liitä postitusryhmä" }
    MailingGroupIntro {
        en: "Gives the mailing group to every contact on this segment.",
        fi: "Liittää postitusryhmän jokaiseen tämän segmentin yhteyshenkilöön.",
    }
    DeleteOldAssignments { en: "Delete old assignments", fi: "Poista vanhat liitokset" }
    DeleteOldAssignmentsHint {
        en: "First take the group away from everyone else, so that exactly this segment's contacts have it.",
        fi: "Poista ryhmä ensin kaikilta muilta, jotta se on täsmälleen tämän segmentin yhteyshenkilöillä.",
    }
    // Why is this contact here? (issue 15, item 2)
    WhyNamed { en: "Why is {name} here?", fi: "Miksi {name} on täällä?" }
    WhyTitle { en: "Why {name} is on this segment", fi: "Miksi {name} on tässä segmentissä" }
    WhyStep { en: "Step {step} of {steps}: {action}", fi: "Vaihe {step}/{steps}: {action}" }
    WhyFilters { en: "It was added with these filters:", fi: "Rivi lisättiin näillä suodattimilla:" }
    WhyMatched { en: "It matches today: {sections}.", fi: "Yhteyshenkilö täyttää nyt ehdot: {sections}." }
    WhyNotMatched {
        en: "It no longer matches: {sections}. Its data changed after the step.",
        fi: "Yhteyshenkilö ei enää täytä ehtoja: {sections}. Sen tiedot ovat muuttuneet vaiheen jälkeen.",
    }
    WhyNoLongerMatches {
        en: "Neither it nor a contact of its company matches these filters today: the data changed after the step.",
        fi: "Yhteyshenkilö tai sen yrityksen yhteyshenkilöt eivät täytä näitä ehtoja nyt: tiedot ovat muuttuneet vaiheen jälkeen.",
    }
    WhyExpanded {
        en: "It came with {name} of the same company ({option}).",
        fi: "Rivi tuli mukaan saman yrityksen yhteyshenkilön {name} kanssa ({option}).",
    }
    WhyCompanyOf {
        en: "It is the company of {name}, who matched ({option}).",
        fi: "Se on ehdot täyttäneen yhteyshenkilön {name} yritys ({option}).",
    }
    WhyByHand { en: "It was added by hand.", fi: "Rivi lisättiin käsin." }
    WhyFromLogged {
        en: "It came from logged segment {no} {description}.",
        fi: "Rivi tuli kirjatusta segmentistä {no} {description}.",
    }
    WhySaved {
        en: "This step is one of the steps saved as criteria {code}.",
        fi: "Tämä vaihe on yksi ehdoiksi {code} tallennetuista vaiheista.",
    }
    WhyRemovedBefore {
        en: "It was removed earlier, at step {step}, and came back.",
        fi: "Yhteyshenkilö poistettiin aiemmin vaiheessa {step} ja lisättiin uudelleen.",
    }
    WhyUnexplained {
        en: "No step of the criteria history added this line: the history was reset after it came.",
        fi: "Mikään ehtohistorian vaihe ei lisännyt tätä riviä: historia on tyhjennetty rivin tulon jälkeen.",
    }
    PreviewMatches { en: "matches: {sections}", fi: "täyttää: {sections}" }
    PreviewFails { en: "does not match: {sections}", fi: "ei täytä: {sections}" }
    PreviewWith { en: "with {name} (same company)", fi: "yhteyshenkilön {name} kanssa (sama yritys)" }
    PreviewCompanyOf { en: "company of {name}", fi: "yhteyshenkilön {name} yritys" }
    PreviewCompanyMatches {
        en: "another contact of its company matches (Entire companies)",
        fi: "toinen sen yrityksen yhteyshenkilö täyttää ehdot (Kokonaiset yritykset)",
    }
    PreviewAllContacts { en: "no filters: every contact", fi: "ei suodattimia: kaikki yhteyshenkilöt" }
    // Create opportunities, asked first (issue 15, item 3)
    CreateOpportunitiesQuestion {
        en: "{count, plural, one {Create # opportunity for segment {no} {description}, for the one line that has none yet?} other {Create # opportunities for segment {no} {description}, one for every line that has none yet?}}",
        fi: "{count, plural, one {Luodaanko segmentille {no} {description} # myyntimahdollisuus sille riville, jolla sitä ei vielä ole?} other {Luodaanko segmentille {no} {description} # myyntimahdollisuutta, yksi jokaiselle riville, jolla sitä ei vielä ole?}}",
    }
    CreateOpportunitiesNone {
        en: "Every line of segment {no} already has an opportunity.",
        fi: "Segmentin {no} jokaisella rivillä on jo myyntimahdollisuus.",
    }
    OpportunitiesCreated {
        en: "{count, plural, one {# opportunity was created.} other {# opportunities were created.}}",
        fi: "{count, plural, one {# myyntimahdollisuus luotiin.} other {Myyntimahdollisuuksia luotiin #.}}",
    }
    MailingGroupApplied {
        en: "Mailing group {code} applied; {count, plural, one {# contact changed.} other {# contacts changed.}}",
        fi: "Postitusryhmä {code} liitettiin; {count, plural, one {# yhteyshenkilö muuttui.} other {# yhteyshenkilöä muuttui.}}",
    }
}
