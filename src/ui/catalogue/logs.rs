//! Texts of the Logged segments and Interaction log pages.

use super::{AnyKey, Lang, Text};

catalogue! {
    // Columns and facts
    Entries { en: "Entries", fi: "Tapahtumia" }
    // Not "Yritys epäonnistui": beside the Company (Yritys) column it reads as "the company failed".
    Comments { en: "Comments", fi: "Kommentit" }

    // Evaluations (reference-bc.md §1.12)
    EvaluationNone { en: "No evaluation", fi: "Ei arviota" }

    // Logged segments
    ShowAll { en: "All logged segments", fi: "Kaikki kirjatut segmentit" }
    ShowNotCanceled { en: "Not canceled", fi: "Peruuttamattomat" }
    ShowCanceled { en: "Canceled only", fi: "Vain peruutetut" }
    LoggedSegmentsEmpty {
        en: "Nothing has been logged yet. Log a segment from its page, and it appears here with its entries and letters.",
        fi: "Mitään ei ole vielä kirjattu. Kirjaa segmentti sen omalla sivulla, niin se näkyy täällä tapahtumiensa ja kirjeidensä kanssa.",
    }
    LoggedSegmentsNoMatch {
        en: "No logged segment matches this choice.",
        fi: "Yksikään kirjattu segmentti ei vastaa valintaa.",
    }
    // "Cancel" alone is what a dialog's button says when it closes without doing anything, so
    // the action that cancels logged interactions says "mark canceled".
    MarkCanceled { en: "Mark canceled", fi: "Merkitse peruutetuksi" }
    Uncancel { en: "Un-cancel", fi: "Palauta" }
    // The visible label starts the name, as accessibility checkers ask (label in name).
    CancelSegmentNamed { en: "Mark canceled: {no}", fi: "Merkitse peruutetuksi: {no}" }
    UncancelSegmentNamed { en: "Un-cancel {no}", fi: "Palauta {no}" }
    CancelSegmentTitle { en: "Mark the logged segment canceled?", fi: "Merkitäänkö kirjattu segmentti peruutetuksi?" }
    UncancelSegmentTitle { en: "Un-cancel the logged segment?", fi: "Palautetaanko kirjattu segmentti?" }
    CancelSegmentQuestion {
        en: "Mark {no} canceled? {count, plural, one {Its # entry is canceled with it and drops out of the statistics.} other {Its # entries are canceled with it and drop out of the statistics.}} You can un-cancel it later.",
        fi: "Merkitäänkö {no} peruutetuksi? {count, plural, one {Sen # tapahtuma peruutetaan samalla, eikä se enää näy tilastoissa.} other {Sen # tapahtumaa peruutetaan samalla, eivätkä ne enää näy tilastoissa.}} Voit palauttaa sen myöhemmin.",
    }
    UncancelSegmentQuestion {
        en: "Un-cancel {no}? {count, plural, one {Its # entry is restored with it.} other {Its # entries are restored with it.}}",
        fi: "Palautetaanko {no}? {count, plural, one {Sen # tapahtuma palautetaan samalla.} other {Sen # tapahtumaa palautetaan samalla.}}",
    }
    CancelSegmentYes { en: "Mark it canceled", fi: "Merkitse peruutetuksi" }
    UncancelSegmentYes { en: "Un-cancel the logged segment", fi: "Palauta kirjattu segmentti" }
    KeepAsItIs { en: "No, keep it as it is", fi: "Ei, jätä ennalleen" }
    FollowUp { en: "Follow-up segment", fi: "Jatkosegmentti" }
    FollowUpNamed {
        en: "Create a follow-up segment from {no}",
        fi: "Luo jatkosegmentti kohteesta {no}",
    }
    LettersZip { en: "Letters (.zip)", fi: "Kirjeet (.zip)" }
    LettersZipNamed {
        en: "Download all letters of {no} again (.zip)",
        fi: "Lataa kaikki kohteen {no} kirjeet uudelleen (.zip)",
    }
    LettersUnreadable {
        en: "The letters of {no} are not in this browser's storage.",
        fi: "Kohteen {no} kirjeitä ei ole tämän selaimen tallennustilassa.",
    }
    DeleteCanceledSegments { en: "Delete canceled logged segments", fi: "Poista peruutetut kirjatut segmentit" }
    DeleteCanceledSegmentsQuestion {
        en: "{count, plural, one {Delete the # canceled logged segment? Its entries stay in the interaction log, canceled and without the link.} other {Delete the # canceled logged segments? Their entries stay in the interaction log, canceled and without the link.}}",
        fi: "{count, plural, one {Poistetaanko # peruutettu kirjattu segmentti? Sen tapahtumat jäävät vuorovaikutuslokiin peruutettuina mutta ilman linkkiä.} other {Poistetaanko # peruutettua kirjattua segmenttiä? Niiden tapahtumat jäävät vuorovaikutuslokiin peruutettuina mutta ilman linkkiä.}}",
    }
    DeleteCanceledSegmentsYes { en: "Delete them", fi: "Poista ne" }

    // One logged segment
    LoggedSegmentTitle { en: "Logged segment {no}", fi: "Kirjattu segmentti {no}" }
    LoggedSegmentMissing {
        en: "There is no logged segment {no}. It may have been deleted.",
        fi: "Kirjattua segmenttiä {no} ei ole. Se on ehkä poistettu.",
    }
    BackToLoggedSegments { en: "← All logged segments", fi: "← Kaikki kirjatut segmentit" }
    ItsEntries { en: "Its entries", fi: "Sen tapahtumat" }

    // Interaction log
    LogEmpty {
        en: "No interactions have been logged yet. Log a segment, and every contact's interaction appears here.",
        fi: "Vuorovaikutuksia ei ole vielä kirjattu. Kirjaa segmentti, niin jokaisen yhteyshenkilön vuorovaikutus näkyy täällä.",
    }
    LogNoMatch { en: "No entries match these filters.", fi: "Mikään tapahtuma ei vastaa suodattimia." }
    Filters { en: "Filters", fi: "Suodattimet" }
    ContactFilterHint { en: "Part of a name, or a number such as CT000012.", fi: "Osa nimestä tai numero, esimerkiksi CT000012." }
    CompanyFilterHint { en: "Part of a company name, or its number.", fi: "Osa yrityksen nimestä tai sen numero." }
    DateFrom { en: "Date from", fi: "Päivämäärästä" }
    DateTo { en: "Date to", fi: "Päivämäärään" }
    ClearFilters { en: "Clear filters", fi: "Tyhjennä suodattimet" }
    EntriesStatus {
        en: "{count, plural, one {# entry shown} other {# entries shown}}, {chosen} chosen.",
        fi: "{count, plural, one {# tapahtuma näkyvissä} other {# tapahtumaa näkyvissä}}, {chosen} valittu.",
    }
    ChooseAllShown { en: "Choose all shown entries", fi: "Valitse kaikki näkyvät tapahtumat" }
    ChooseEntry { en: "Choose {no}", fi: "Valitse {no}" }
    ChosenActions { en: "Actions on the chosen entries", fi: "Valittujen tapahtumien toiminnot" }
    MarkAttemptFailed { en: "Mark attempt failed", fi: "Merkitse epäonnistuneeksi" }
    ClearAttemptFailed { en: "Clear attempt failed", fi: "Poista epäonnistumismerkintä" }
    Evaluate { en: "Evaluate", fi: "Arvioi" }
    NewEvaluation { en: "New evaluation", fi: "Uusi arvio" }
    DeleteCanceledEntries { en: "Delete canceled entries", fi: "Poista peruutetut tapahtumat" }
    DeleteCanceledEntriesQuestion {
        en: "{count, plural, one {Delete the # canceled entry among the chosen ones, with its comments?} other {Delete the # canceled entries among the chosen ones, with their comments?}} This cannot be undone.",
        fi: "{count, plural, one {Poistetaanko valituista # peruutettu tapahtuma kommentteineen?} other {Poistetaanko valituista # peruutettua tapahtumaa kommentteineen?}} Poistoa ei voi perua.",
    }
    DeleteEntriesYes { en: "Delete entries", fi: "Poista tapahtumat" }
    ExportCsv { en: "Export shown as CSV", fi: "Vie näkyvät CSV-tiedostoon" }
    Download { en: "Download", fi: "Lataa" }
    DownloadLetterNamed { en: "Download the letter of {no} as sent", fi: "Lataa tapahtuman {no} kirje lähetetyssä muodossa" }
    CommentsNamed { en: "Comments on {no}: {count}", fi: "Tapahtuman {no} kommentit: {count}" }
    CommentsTitle { en: "Comments on {no}", fi: "Tapahtuman {no} kommentit" }
    NoComments { en: "No comments yet.", fi: "Ei vielä kommentteja." }
    NewComment { en: "New comment", fi: "Uusi kommentti" }
    AddComment { en: "Add comment", fi: "Lisää kommentti" }
}
