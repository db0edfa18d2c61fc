//! Texts of letters: the Templates page, a segment's letter panel (preview, downloads) and the
//! log dialog.

use super::{AnyKey, Lang, Text};

catalogue! {
    // Shared actions
    NotSet { en: "Not set", fi: "Ei asetettu" }
    NotLoaded { en: "The data has not loaded yet. Try again in a moment.", fi: "Tiedot eivät ole vielä latautuneet. Yritä hetken päästä uudelleen." }

    // Interaction groups
    GroupsHeading { en: "Interaction groups", fi: "Vuorovaikutusryhmät" }
    GroupsIntro {
        en: "Every template belongs to a group, such as letters, phone calls or meetings.",
        fi: "Jokainen malli kuuluu ryhmään, esimerkiksi kirjeet, puhelut tai tapaamiset.",
    }
    GroupsEmpty {
        en: "No interaction groups yet. Add one below: templates need one.",
        fi: "Vuorovaikutusryhmiä ei vielä ole. Lisää ryhmä alla: mallit tarvitsevat sen.",
    }
    GroupCode { en: "Group code", fi: "Ryhmän koodi" }
    GroupDescription { en: "Group description", fi: "Ryhmän kuvaus" }
    GroupAdd { en: "Add group", fi: "Lisää ryhmä" }
    GroupExists {
        en: "There is already a group {code}.",
        fi: "Ryhmä {code} on jo olemassa.",
    }
    GroupSaved { en: "Interaction group {code} saved.", fi: "Vuorovaikutusryhmä {code} tallennettu." }

    // Templates list
    TemplatesHeading { en: "Interaction templates", fi: "Vuorovaikutusmallit" }
    TemplatesNeedGroup {
        en: "Add an interaction group first: every template belongs to one.",
        fi: "Lisää ensin vuorovaikutusryhmä: jokainen malli kuuluu johonkin ryhmään.",
    }
    TemplatesEmpty {
        en: "No templates yet. A template holds an interaction's defaults (group, cost, correspondence type) and its letter in each language.",
        fi: "Malleja ei vielä ole. Malli sisältää vuorovaikutuksen oletusarvot (ryhmä, kustannus, viestintätapa) ja kirjeen kullakin kielellä.",
    }
    NewTemplate { en: "New template", fi: "Uusi malli" }
    TemplateExists {
        en: "There is already a template {code}; edit that one, or choose another code.",
        fi: "Malli {code} on jo olemassa; muokkaa sitä tai valitse toinen koodi.",
    }
    TemplateSaved { en: "Template {code} saved.", fi: "Malli {code} tallennettu." }
    TemplateDeleted { en: "Template {code} deleted.", fi: "Malli {code} poistettu." }
    ColGroup { en: "Group", fi: "Ryhmä" }
    Letters { en: "Letters", fi: "Kirjeet" }
    EditTemplate { en: "Edit template {code}", fi: "Muokkaa mallia {code}" }
    DeleteTemplate { en: "Delete template {code}", fi: "Poista malli {code}" }
    DeleteTitle { en: "Delete template {code}?", fi: "Poistetaanko malli {code}?" }
    DeleteBody {
        en: "Its letters are deleted with it. Interactions already logged keep their letters.",
        fi: "Sen kirjeet poistetaan samalla. Jo kirjatut vuorovaikutukset säilyttävät kirjeensä.",
    }
    NoLetter { en: "No letter", fi: "Ei kirjettä" }
    LanguageDefault { en: "default", fi: "oletus" }
    LetterSummaryText { en: "{language} (text)", fi: "{language} (teksti)" }
    LetterSummaryWord { en: "{language} (Word)", fi: "{language} (Word-asiakirja)" }

    // Template editor
    EditorTitle { en: "Template {code}", fi: "Malli {code}" }
    FieldUnitCost { en: "Unit cost", fi: "Yksikkökustannus" }
    FieldDuration { en: "Duration (minutes)", fi: "Kesto (minuuttia)" }
    FieldCorrespondence { en: "Default correspondence type", fi: "Oletusviestintätapa" }
    FieldIgnoreCorrespondence {
        en: "Ignore the contact's correspondence type",
        fi: "Ohita yhteyshenkilön viestintätapa",
    }
    FieldLanguageDefault { en: "Default language", fi: "Oletuskieli" }
    LanguageDefaultHint {
        en: "Contacts whose language has no letter get this language's letter.",
        fi: "Yhteyshenkilö, jonka kielellä ei ole kirjettä, saa tämän kielen kirjeen.",
    }
    SaveTemplate { en: "Save template", fi: "Tallenna malli" }

    // Letters of a template
    LettersIntro {
        en: "One letter per language. Each contact gets the letter in their own language, else the default language's letter.",
        fi: "Yksi kirje kieltä kohden. Kukin yhteyshenkilö saa kirjeen omalla kielellään, muuten oletuskielen kirjeen.",
    }
    LettersNone {
        en: "No letters yet: interactions from this template are logged without one.",
        fi: "Kirjeitä ei vielä ole: tämän mallin vuorovaikutukset kirjataan ilman kirjettä.",
    }
    LetterAdd { en: "Add a letter", fi: "Lisää kirje" }
    LetterHeading { en: "Letter: {language}", fi: "Kirje: {language}" }
    LetterLanguage { en: "Language of this letter", fi: "Kirjeen kieli" }
    LetterLanguageHint {
        en: "Choose “Every language” for a letter that serves contacts of any language.",
        fi: "Valitse ”Kaikki kielet”, jos kirje käy kaikenkielisille yhteyshenkilöille.",
    }
    LanguageEvery { en: "Every language", fi: "Kaikki kielet" }
    // The first choice of a segment's and a segment line's language picker: no code of its own.
    LanguageTemplateDefault { en: "The template's default", fi: "Mallin oletus" }
    LanguageOption { en: "{name} ({code})", fi: "{name} ({code})" }
    LangFi { en: "Finnish", fi: "suomi" }
    LangSv { en: "Swedish", fi: "ruotsi" }
    LangEn { en: "English", fi: "englanti" }
    LangDe { en: "German", fi: "saksa" }
    LangFr { en: "French", fi: "ranska" }
    LangEt { en: "Estonian", fi: "viro" }
    LangNo { en: "Norwegian", fi: "norja" }
    LangDa { en: "Danish", fi: "tanska" }
    LangRu { en: "Russian", fi: "venäjä" }
    LangEs { en: "Spanish", fi: "espanja" }
    LangIt { en: "Italian", fi: "italia" }
    LangNl { en: "Dutch", fi: "hollanti" }
    LangEl { en: "Greek", fi: "kreikka" }
    LangJa { en: "Japanese", fi: "japani" }

    // The e-mail of a letter language
    EmailHeading { en: "E-mail in this language", fi: "Sähköposti tällä kielellä" }
    EmailIntro {
        en: "What e-mail lines get. Leave the text empty to send the letter's text without its postal address.",
        fi: "Tämän saavat sähköpostirivit. Jätä teksti tyhjäksi, niin viestinä lähtee kirjeen teksti ilman postiosoitetta.",
    }
    EmailSubject { en: "E-mail subject", fi: "Sähköpostin aihe" }
    EmailSubjectHint {
        en: "May hold fields, as the letter does. Left empty, the e-mail takes the letter's subject.",
        fi: "Voi sisältää kenttiä kuten kirje. Jos aihe on tyhjä, sähköposti saa kirjeen aiheen.",
    }
    EmailBody { en: "E-mail text", fi: "Sähköpostin teksti" }
    EmailBodyHint {
        en: "Written like the letter, with the same fields and conditions in double curly brackets.",
        fi: "Kirjoitetaan kuten kirje, samoin kentin ja ehdoin kaksinkertaisissa aaltosulkeissa.",
    }
    EmailDiagnosticsNone { en: "No problems in the e-mail.", fi: "Sähköpostissa ei ole ongelmia." }
    EmailDiagnosticsCount { en: "Problems in the e-mail: {count}", fi: "Ongelmia sähköpostissa: {count}" }
    EmailAttachmentChoice { en: "The e-mail attaches the letter", fi: "Sähköpostin liitteenä on kirje" }

    // Live preview of a template
    TplPreviewHeading { en: "Preview with a contact", fi: "Esikatselu yhteyshenkilön tiedoilla" }
    PreviewIntro {
        en: "Pick a contact to see the letter and the e-mail merged with their data, in their language, as you type.",
        fi: "Valitse yhteyshenkilö, niin näet kirjeen ja sähköpostin hänen tiedoillaan ja kielellään kirjoittaessasi.",
    }
    PreviewFind { en: "Find a contact", fi: "Etsi yhteyshenkilö" }
    PreviewFindHint { en: "Name or number, e.g. CT000012", fi: "Nimi tai numero, esim. CT000012" }
    PreviewChoose { en: "Choose a contact", fi: "Valitse yhteyshenkilö" }
    PreviewNoMatches { en: "No contact matches the search.", fi: "Haulla ei löytynyt yhteyshenkilöä." }
    TplPreviewNoLetter {
        en: "Add a letter to the template to preview it.",
        fi: "Lisää mallille kirje, niin voit esikatsella sitä.",
    }
    PreviewLanguage { en: "The letter in: {language}", fi: "Kirjeen kieli: {language}" }
    PreviewFixFirst {
        en: "The preview appears once the problems below are fixed.",
        fi: "Esikatselu näkyy, kun alla olevat ongelmat on korjattu.",
    }
    LetterRemove { en: "Remove the letter ({language})", fi: "Poista kirje ({language})" }
    DraftHasProblems {
        en: "fix the problems in the letter first ({count}).",
        fi: "korjaa ensin kirjeen ongelmat ({count}).",
    }
    DraftNoDocument {
        en: "upload a Word document, or write the letter here instead.",
        fi: "lataa Word-asiakirja tai kirjoita kirje tähän.",
    }

    // Letter editor
    SubjectHint {
        en: "The value of the document.subject field, and the e-mail subject unless the e-mail below has its own.",
        fi: "document.subject-kentän arvo ja sähköpostin aihe, ellei alla olevalla sähköpostilla ole omaa aihetta.",
    }
    BodyKindLegend { en: "The letter is", fi: "Kirje on" }
    BodyKindText { en: "Written here", fi: "Kirjoitettu tähän" }
    BodyKindDocx { en: "A Word document (.docx)", fi: "Word-asiakirja (.docx)" }
    BodyLabel { en: "Letter text", fi: "Kirjeen teksti" }
    BodyHint {
        en: "Fields and conditions are written in double curly brackets:",
        fi: "Kentät ja ehdot kirjoitetaan kaksinkertaisiin aaltosulkeisiin:",
    }
    InsertFieldLabel { en: "Field to insert", fi: "Lisättävä kenttä" }
    InsertField { en: "Insert field", fi: "Lisää kenttä" }
    InsertCondition { en: "Insert condition", fi: "Lisää ehto" }
    DiagnosticsNone { en: "No problems found.", fi: "Ongelmia ei löytynyt." }
    DiagnosticsCount { en: "Problems in the letter: {count}", fi: "Ongelmia kirjeessä: {count}" }
    TextPlace { en: "Line {line}, column {column}", fi: "Rivi {line}, sarake {column}" }
    DiagUnknownField { en: "unknown field “{field}”.", fi: "tuntematon kenttä ”{field}”." }
    DiagUnknownFieldSuggestion {
        en: "unknown field “{field}”. Did you mean “{suggestion}”?",
        fi: "tuntematon kenttä ”{field}”. Tarkoititko ”{suggestion}”?",
    }
    DiagEmptyTag {
        en: "empty brackets: write a field name between them.",
        fi: "tyhjät sulkeet: kirjoita niiden väliin kentän nimi.",
    }
    DiagUnknownBlock {
        en: "unknown block “{keyword}”: only #if, else and /if exist.",
        fi: "tuntematon lohko ”{keyword}”: käytettävissä ovat vain #if, else ja /if.",
    }
    DiagMissingCondition {
        en: "#if needs the field to test, as in #if comment.",
        fi: "#if tarvitsee testattavan kentän, esimerkiksi #if comment.",
    }
    DiagUnbalancedIf {
        en: "“#if {field}” is never closed with /if.",
        fi: "”#if {field}” jää sulkematta: /if puuttuu.",
    }
    DiagStrayElse { en: "else outside any #if block.", fi: "else on #if-lohkon ulkopuolella." }
    DiagDuplicateElse {
        en: "a second else in the same #if block.",
        fi: "samassa #if-lohkossa on toinen else.",
    }
    DiagStrayClose { en: "/if without an #if before it.", fi: "/if ilman edeltävää #if-lohkoa." }
    DiagTooDeeplyNested {
        en: "more than 32 #if blocks inside each other; this one is left out.",
        fi: "yli 32 #if-lohkoa sisäkkäin; tämä jätetään pois.",
    }
    DiagUnclosedTag {
        en: "the brackets are not closed on the same line.",
        fi: "sulkeita ei suljeta samalla rivillä.",
    }

    // Word documents
    DocxUpload { en: "Upload a Word document (.docx)", fi: "Lataa Word-asiakirja (.docx)" }
    DocxReplace { en: "Replace the Word document (.docx)", fi: "Vaihda Word-asiakirja (.docx)" }
    DocxCurrent { en: "Word document: {file}", fi: "Word-asiakirja: {file}" }
    DocxTagsFound { en: "Fields found in it: {count}", fi: "Siitä löytyneet kentät: {count}" }
    DocxNoTags {
        en: "It has no fields: every contact gets the same letter.",
        fi: "Siinä ei ole kenttiä: jokainen yhteyshenkilö saa saman kirjeen.",
    }
    DocxNotMergeable {
        en: "{file} was not used: it cannot be merged until these are fixed in Word.",
        fi: "Tiedostoa {file} ei otettu käyttöön: sitä ei voi yhdistää ennen kuin nämä korjataan Wordissa.",
    }
    DocxNotWord {
        en: "{file} was not used: it is not a Word document (.docx). An old .doc file must be saved as .docx first.",
        fi: "Tiedostoa {file} ei otettu käyttöön: se ei ole Word-asiakirja (.docx). Vanha .doc-tiedosto on ensin tallennettava .docx-muotoon.",
    }
    DocxDamagedPart {
        en: "{file} was not used: its part {part} cannot be read. Open it in Word and save it again.",
        fi: "Tiedostoa {file} ei otettu käyttöön: sen osaa {part} ei voi lukea. Avaa se Wordissa ja tallenna uudelleen.",
    }
    DocxUnknownMergeField {
        en: "the Word merge field “{name}” matches none of the letter fields.",
        fi: "Wordin yhdistämiskenttä ”{name}” ei vastaa mitään kirjeen kenttää.",
    }
    CannotMergeBlockAcrossContainers {
        en: "#if and its /if are in different table cells or text boxes; put them in the same one.",
        fi: "#if ja sen /if ovat eri taulukon soluissa tai tekstiruuduissa; siirrä ne samaan.",
    }
    CannotMergeNestedField {
        en: "a merge field inside another Word field (such as IF) cannot be filled.",
        fi: "toisen Word-kentän (kuten IF) sisällä olevaa yhdistämiskenttää ei voi täyttää.",
    }
    CannotMergeAcrossParagraphs {
        en: "the merge field starts in one paragraph and ends in another.",
        fi: "yhdistämiskenttä alkaa yhdessä kappaleessa ja päättyy toisessa.",
    }
    CannotMergeAcrossElements {
        en: "the merge field starts inside a link or content control and ends outside it.",
        fi: "yhdistämiskenttä alkaa linkin tai sisältöohjausobjektin sisältä ja päättyy sen ulkopuolelle.",
    }
    CannotMergeOutsideRun {
        en: "Word wrote this merge field in an unusual way; insert it again.",
        fi: "Word on tallentanut tämän yhdistämiskentän poikkeavasti; lisää se uudelleen.",
    }
    CannotMergeBlockInLink {
        en: "#if, else and /if cannot be used in a link address or field code; use only fields there.",
        fi: "#if-, else- ja /if-tageja ei voi käyttää linkin osoitteessa tai kenttäkoodissa; käytä siellä vain kenttiä.",
    }
    TagPlace {
        en: "{part}, paragraph {paragraph}, column {column}",
        fi: "{part}, kappale {paragraph}, sarake {column}",
    }
    PartBody { en: "Body", fi: "Leipäteksti" }
    PartHeader { en: "Header", fi: "Ylätunniste" }
    PartFooter { en: "Footer", fi: "Alatunniste" }
    PartFootnotes { en: "Footnotes", fi: "Alaviitteet" }
    PartEndnotes { en: "Endnotes", fi: "Loppuviitteet" }

    // A segment's letter
    UsesOwnText {
        en: "This segment uses its own copy of the letter, written here.",
        fi: "Tämä segmentti käyttää omaa kopiotaan kirjeestä, joka on kirjoitettu tähän.",
    }
    UsesOwnWord {
        en: "This segment uses its own copy of the letter: the Word document {file}.",
        fi: "Tämä segmentti käyttää omaa kopiotaan kirjeestä: Word-asiakirjaa {file}.",
    }
    OwnCopyHint {
        en: "The segment's own copy goes to every contact, whatever their language; the template stays as it is.",
        fi: "Segmentin oma kopio lähetetään kaikille yhteyshenkilöille heidän kielestään riippumatta; malli pysyy ennallaan.",
    }
    UsesTemplate {
        en: "This segment uses the letters of template {template} ({languages}); each contact gets the one in their language.",
        fi: "Tämä segmentti käyttää mallin {template} kirjeitä ({languages}); kukin yhteyshenkilö saa kirjeen omalla kielellään.",
    }
    UsesTemplateWithoutLetter {
        en: "Template {template} has no letter, so the contacts are logged without one. Write one for this segment, or add it to the template.",
        fi: "Mallilla {template} ei ole kirjettä, joten yhteyshenkilöt kirjataan ilman kirjettä. Kirjoita kirje tälle segmentille tai lisää se malliin.",
    }
    UsesNoTemplate {
        en: "The segment has no template yet, so there is no letter. Choose a template, or write a letter for this segment.",
        fi: "Segmentillä ei vielä ole mallia, joten kirjettä ei ole. Valitse malli tai kirjoita kirje tälle segmentille.",
    }
    EditSegmentLetter { en: "Edit the segment's letter", fi: "Muokkaa segmentin kirjettä" }
    UseTemplateLetter { en: "Use the template's letter again", fi: "Käytä taas mallin kirjettä" }
    UsingTemplateAgain {
        en: "The segment uses the template's letter again.",
        fi: "Segmentti käyttää taas mallin kirjettä.",
    }
    GoToTemplates { en: "Open the templates", fi: "Avaa mallit" }
    SaveLetter { en: "Save letter", fi: "Tallenna kirje" }
    CloseEditor { en: "Close the editor", fi: "Sulje muokkaus" }
    SegmentLetterSaved { en: "The segment's letter is saved.", fi: "Segmentin kirje on tallennettu." }

    // Preview
    PreviewNoLines {
        en: "The segment has no contacts yet, so there is nothing to preview.",
        fi: "Segmentissä ei vielä ole yhteyshenkilöitä, joten esikatseltavaa ei ole.",
    }
    PreviewPosition { en: "Contact {n} of {total}", fi: "Yhteyshenkilö {n}/{total}" }
    Previous { en: "Previous", fi: "Edellinen" }
    Next { en: "Next", fi: "Seuraava" }
    PreviewNoLetter { en: "This contact gets no letter.", fi: "Tämä yhteyshenkilö ei saa kirjettä." }
    PreviewFailed {
        en: "This letter cannot be shown until these problems are fixed:",
        fi: "Kirjettä ei voi näyttää ennen kuin nämä ongelmat korjataan:",
    }
    PreviewPrinted { en: "Printed letter, saved as {file}", fi: "Paperikirje, tiedostonimi {file}" }
    PreviewEmail {
        en: "E-mail to {email}, subject: {subject}",
        fi: "Sähköposti osoitteeseen {email}, aihe: {subject}",
    }

    // A contact's own copy
    LineOwnCopy {
        en: "This contact gets their own copy of the letter.",
        fi: "Tämä yhteyshenkilö saa kirjeestä oman kopionsa.",
    }
    EditLineLetter { en: "Edit this contact's letter", fi: "Muokkaa tämän yhteyshenkilön kirjettä" }
    UseCommonLetter {
        en: "Give this contact the common letter again",
        fi: "Anna tälle yhteyshenkilölle taas yhteinen kirje",
    }
    LineLetterSaved { en: "This contact's letter is saved.", fi: "Yhteyshenkilön kirje on tallennettu." }
    LineLetterRemoved {
        en: "This contact gets the common letter again.",
        fi: "Yhteyshenkilö saa taas yhteisen kirjeen.",
    }

    // Downloads
    DownloadsHeading { en: "Downloads", fi: "Lataukset" }
    DownloadsHint {
        en: "The files are made in this browser from the letters as they will be logged; nothing is sent anywhere.",
        fi: "Tiedostot tehdään tässä selaimessa niistä kirjeistä, jotka kirjataan; mitään ei lähetetä minnekään.",
    }
    DownloadCombined { en: "All letters in one Word document", fi: "Kaikki kirjeet yhtenä Word-asiakirjana" }
    DownloadZip { en: "One Word document per contact (.zip)", fi: "Word-asiakirja jokaiselle (.zip)" }
    OpenPrintView { en: "Print view", fi: "Tulostusnäkymä" }
    DownloadEmails { en: "E-mail drafts (.zip)", fi: "Sähköpostiluonnokset (.zip)" }
    DownloadPdf { en: "All letters in one PDF", fi: "Kaikki kirjeet yhtenä PDF-tiedostona" }
    DownloadPdfZip { en: "One PDF per contact (.zip)", fi: "PDF jokaiselle (.zip)" }
    PreviewPdf { en: "This letter as a PDF", fi: "Tämä kirje PDF-tiedostona" }
    PdfWindowLabel { en: "Envelope window for PDF letters", fi: "Ikkunakuoren ikkuna PDF-kirjeissä" }
    PdfWindowLeft { en: "On the left", fi: "Vasemmalla" }
    PdfWindowRight { en: "On the right", fi: "Oikealla" }
    PdfWindowHint {
        en: "PDFs of letters written here are laid out as business letters (SFS 2487, DIN 5008) with the address in the envelope's window. Word letters keep their own layout.",
        fi: "Tässä kirjoitetut kirjeet asetellaan PDF-tiedostoon liikekirjeiksi (SFS 2487, DIN 5008) niin, että osoite näkyy kuoren ikkunasta. Word-kirjeet säilyttävät oman asettelunsa.",
    }
    NoPdfLetters {
        en: "This segment has no printed letters to make a PDF of.",
        fi: "Tällä segmentillä ei ole paperikirjeitä, joista tehdä PDF-tiedosto.",
    }
    EmailAttachmentLabel { en: "Letter attached to each e-mail draft", fi: "Sähköpostiluonnoksen liitteenä oleva kirje" }
    EmailAttachTemplate { en: "As each template's e-mail chooses", fi: "Kuten kunkin mallipohjan sähköposti määrää" }
    EmailAttachDocx { en: "As a Word document", fi: "Word-asiakirjana" }
    EmailAttachPdf { en: "As a PDF", fi: "PDF-tiedostona" }
    EmailAttachNone { en: "Not attached", fi: "Ei liitettä" }
    EmailAttachmentHint {
        en: "An e-mail without a text of its own on the template carries the letter without its postal address. Logging keeps each draft with the attachment its template's e-mail chooses.",
        fi: "Jos mallipohjalla ei ole omaa sähköpostitekstiä, sähköpostissa on kirje ilman postiosoitetta. Kirjaus tallentaa jokaisen luonnoksen sillä liitteellä, jonka mallipohjan sähköposti määrää.",
    }
    Producing { en: "Making the letters…", fi: "Kirjeitä tehdään…" }
    DownloadMade {
        en: "{count, plural, one {Made # letter.} other {Made # letters.}}",
        fi: "{count, plural, one {Tehtiin # kirje.} other {Tehtiin # kirjettä.}}",
    }
    DownloadMadeWithWarnings {
        en: "{count, plural, one {Made # letter,} other {Made # letters,}} {warnings, plural, one {with # warning about a missing value; step through the preview to see it.} other {with # warnings about missing values; step through the preview to see them.}}",
        fi: "{count, plural, one {Tehtiin # kirje.} other {Tehtiin # kirjettä.}} {warnings, plural, one {Puuttuvasta arvosta tuli # varoitus; näet sen esikatselussa.} other {Puuttuvista arvoista tuli # varoitusta; näet ne esikatselussa.}}",
    }
    ProduceRefused {
        en: "The letters cannot be made until these problems are fixed:",
        fi: "Kirjeitä ei voi tehdä ennen kuin nämä ongelmat korjataan:",
    }
    NoPrintedLetters {
        en: "No contact of this segment gets a printed letter.",
        fi: "Kukaan tämän segmentin yhteyshenkilöistä ei saa paperikirjettä.",
    }
    NoEmails {
        en: "No contact of this segment gets an e-mail.",
        fi: "Kukaan tämän segmentin yhteyshenkilöistä ei saa sähköpostia.",
    }
    WorkerUnavailable {
        en: "The part of Segmentti that makes PDFs could not be started. If you are offline, connect once and reload the page, then try again.",
        fi: "Segmentin PDF-tiedostoja tekevää osaa ei voitu käynnistää. Jos verkkoyhteys puuttuu, yhdistä kerran ja lataa sivu uudelleen. Yritä sitten uudelleen.",
    }
    WorkerOtherBuild {
        en: "Segmentti was updated while this page was open. Reload the page and try again.",
        fi: "Segmentti päivitettiin, kun tämä sivu oli auki. Lataa sivu uudelleen ja yritä uudelleen.",
    }
    DownloadBlocked {
        en: "The browser did not start the download.",
        fi: "Selain ei aloittanut latausta.",
    }
    OutputIncompatible {
        en: "These letters come from different Word documents with images or links, so they cannot be put into one document. Download the .zip instead.",
        fi: "Kirjeet ovat eri Word-asiakirjoista, joissa on kuvia tai linkkejä, joten niitä ei voi yhdistää yhdeksi asiakirjaksi. Lataa .zip-tiedosto.",
    }
    OutputUnreadable { en: "Letter number {number} cannot be read.", fi: "Kirjettä numero {number} ei voi lukea." }
    OutputWriteFailed { en: "The file could not be written.", fi: "Tiedostoa ei voitu kirjoittaa." }
    FileLetters { en: "{segment} letters", fi: "{segment} kirjeet" }
    FileEmails { en: "{segment} e-mails", fi: "{segment} sähköpostit" }

    // Log dialog
    LogTitle { en: "Log segment {segment}", fi: "Kirjaa segmentti {segment}" }
    CheckOk {
        en: "No problems found: the segment is ready to be logged.",
        fi: "Ongelmia ei löytynyt: segmentti on valmis kirjattavaksi.",
    }
    CheckWarnings {
        en: "Warnings: {warnings}. You may log the segment once you have accepted them.",
        fi: "Varoituksia: {warnings}. Voit kirjata segmentin, kun olet hyväksynyt ne.",
    }
    CheckErrors {
        en: "Errors: {errors}, warnings: {warnings}. Fix the errors before logging.",
        fi: "Virheitä: {errors}, varoituksia: {warnings}. Korjaa virheet ennen kirjaamista.",
    }
    CheckSegment { en: "The segment", fi: "Segmentti" }
    CheckLinesShown {
        en: "{count, plural, one {Showing the first {shown} of # line with problems.} other {Showing the first {shown} of # lines with problems.}}",
        fi: "{count, plural, one {Näytetään {shown} ensimmäistä riviä; ongelmia on # rivillä.} other {Näytetään {shown} ensimmäistä riviä; ongelmia on # rivillä.}}",
    }
    CheckShowMoreLines {
        en: "{count, plural, one {Show # more line} other {Show # more lines}}",
        fi: "{count, plural, one {Näytä vielä # rivi} other {Näytä vielä # riviä}}",
    }
    LineLabel { en: "Line {line}", fi: "Rivi {line}" }
    SeverityError { en: "Error", fi: "Virhe" }
    SeverityWarning { en: "Warning", fi: "Varoitus" }
    AcceptWarnings { en: "Log despite the warnings", fi: "Kirjaa varoituksista huolimatta" }
    FollowUp {
        en: "Create a follow-up segment with the same contacts",
        fi: "Luo jatkosegmentti samoilla yhteyshenkilöillä",
    }
    FollowUpHint {
        en: "It is named “{name}”.",
        fi: "Sen nimeksi tulee ”{name}”.",
    }
    FollowUpName { en: "Follow-up on segment {segment}", fi: "Jatkosegmentti segmentistä {segment}" }
    LogButton { en: "Log", fi: "Kirjaa" }
    Logging { en: "Logging…", fi: "Kirjataan…" }
    LogRefused {
        en: "The segment was not logged: it changed while you were looking. The check above is up to date.",
        fi: "Segmenttiä ei kirjattu: se muuttui sillä välin. Yllä oleva tarkistus on ajan tasalla.",
    }
    Logged { en: "Segment {segment} has been logged.", fi: "Segmentti {segment} on kirjattu." }
    OpenLogged { en: "Open logged segment {logged}", fi: "Avaa kirjattu segmentti {logged}" }
    OpenFollowUp { en: "Open follow-up segment {segment}", fi: "Avaa jatkosegmentti {segment}" }
}
