//! Texts of the team: Settings → Team (share and receive exchange files) and the Conflicts page.

use super::{AnyKey, Lang, Text};

catalogue! {
    TeamHeading { en: "Team", fi: "Tiimi" }
    TeamHint {
        en: "Share your changes with teammates without a server: “Share changes” downloads a file, a teammate opens it with “Receive changes”. Records never collide: each browser's numbers carry its code (CT-AV000123).",
        fi: "Jaa muutoksesi tiimille ilman palvelinta: ”Jaa muutokset” lataa tiedoston, ja tiimikaveri avaa sen kohdasta ”Vastaanota muutokset”. Tietueet eivät mene päällekkäin: kunkin selaimen numeroissa on sen tunnus (CT-AV000123).",
    }
    TeamCode { en: "Your code in numbers (letters and digits, up to 6)", fi: "Tunnuksesi numeroissa (kirjaimia ja numeroita, enintään 6)" }
    TeamName { en: "Your name, as teammates see it", fi: "Nimesi tiimikavereille näkyvänä" }
    TeamJoined { en: "You share as {name} ({code}).", fi: "Jaat nimellä {name} ({code})." }
    TeamCodeMissing { en: "Type a code of letters or digits first.", fi: "Kirjoita ensin tunnus kirjaimista tai numeroista." }
    TeamEverything { en: "Everything, not only what changed since the last share", fi: "Kaikki, ei vain viime jakamisen jälkeen muuttunutta" }
    TeamShare { en: "Share changes", fi: "Jaa muutokset" }
    TeamShared {
        en: "Saved as {file}: {count, plural, one {# record} other {# records}}.",
        fi: "Tallennettiin nimellä {file}: {count, plural, one {# tietue} other {# tietuetta}}.",
    }
    TeamReceiveChoose { en: "Receive changes (a file a teammate shared)", fi: "Vastaanota muutokset (tiimikaverin jakama tiedosto)" }
    TeamPreview {
        en: "From {name} ({code}): new records {added}, changed {changed}, in conflict {conflicts}.",
        fi: "Lähettäjä {name} ({code}): uusia tietueita {added}, muuttuneita {changed}, ristiriidassa {conflicts}.",
    }
    TeamNothingNew { en: "This file brings nothing new: you already have all of it.", fi: "Tiedostossa ei ole mitään uutta: sinulla on jo kaikki sen tiedot." }
    TeamApply { en: "Receive these changes", fi: "Vastaanota nämä muutokset" }
    TeamReceived { en: "Received. Records in conflict are on the Conflicts page.", fi: "Vastaanotettu. Ristiriitaiset tietueet ovat Ristiriidat-sivulla." }
    TeamFailed { en: "Not done: {reason}", fi: "Ei tehty: {reason}" }
    TeamNotAFile { en: "This is not a Segmentti changes file.", fi: "Tämä ei ole Segmentin muutostiedosto." }
    TeamTooNew {
        en: "This file was made by a newer version of Segmentti (file version {found}; this version reads up to {supported}). Update the app, then receive it.",
        fi: "Tiedosto on tehty Segmentin uudemmalla versiolla (tiedostoversio {found}; tämä versio lukee enintään version {supported}). Päivitä sovellus ja vastaanota se sitten.",
    }
    TeamDamaged { en: "The file is damaged or incomplete ({detail}). Nothing was changed.", fi: "Tiedosto on vioittunut tai vajaa ({detail}). Mitään ei muutettu." }
    TeamTampered { en: "The record {doc} in the file was changed after it was shared. Nothing was changed.", fi: "Tiedoston tietuetta {doc} on muutettu jakamisen jälkeen. Mitään ei muutettu." }
    TeamBadRecord { en: "A record in the file cannot be read: {detail}. Nothing was changed.", fi: "Tiedoston tietuetta ei voi lukea: {detail}. Mitään ei muutettu." }
    TeamOwnFile { en: "This is your own file: give it to a teammate.", fi: "Tämä on oma tiedostosi: anna se tiimikaverille." }
    TeamJoinFirst { en: "Save your code first.", fi: "Tallenna ensin tunnuksesi." }
    MergePreview {
        en: "Merging by the team's rules: new records {added}, changed {changed}, in conflict {conflicts}. Nothing here is replaced by the backup's version: where both changed the same field, both values are kept on the Conflicts page.",
        fi: "Yhdistetään tiimin säännöin: uusia tietueita {added}, muuttuneita {changed}, ristiriidassa {conflicts}. Varmuuskopion versio ei korvaa mitään: jos samaa kenttää on muutettu molemmissa, molemmat arvot säilyvät Ristiriidat-sivulla.",
    }
    ConflictsIntro {
        en: "The same field was changed differently in two browsers. The value shown now is the one every browser shows until someone chooses; your choice reaches the others with the next share, or by itself when Team sync is on.",
        fi: "Samaa kenttää on muutettu eri tavoin kahdessa selaimessa. Nyt näkyvä arvo näkyy kaikissa selaimissa, kunnes joku valitsee; valintasi välittyy muille seuraavassa jakamisessa tai itsestään, kun tiimin synkronointi on käytössä.",
    }
    ConflictsNone { en: "No conflicts.", fi: "Ei ristiriitoja." }
    ConflictShown { en: "Shown now", fi: "Näkyy nyt" }
    ConflictOther { en: "Other browser's value", fi: "Toisen selaimen arvo" }
    ConflictKeepShown { en: "Keep shown", fi: "Pidä näkyvä" }
    ConflictKeepOther { en: "Use other", fi: "Käytä toista" }
    ConflictOwnValue { en: "Or type a value", fi: "Tai kirjoita arvo" }
    ConflictUseTyped { en: "Use typed", fi: "Käytä kirjoitettua" }
    ConflictResolved { en: "Chosen. Share changes so that teammates get it (with Team sync on, it goes by itself).", fi: "Valittu. Jaa muutokset, jotta tiimikaverit saavat sen (kun tiimin synkronointi on käytössä, se välittyy itsestään)." }
    RevivedHeading { en: "Deleted in one browser, edited in another: back", fi: "Poistettu yhdessä selaimessa, muokattu toisessa: palautettu" }
    RevivedText { en: "{record} was deleted in one browser while it was edited in another. The edit wins, so it is back.", fi: "{record} poistettiin yhdessä selaimessa, kun sitä muokattiin toisessa. Muokkaus voittaa, joten se on palautettu." }
    RevivedOk { en: "OK", fi: "Selvä" }
    LoggedElsewhereHeading { en: "Changes to a segment logged elsewhere", fi: "Muutokset segmenttiin, joka kirjattiin muualla" }
    LoggedElsewhereText {
        en: "The segment \u{201c}{segment}\u{201d} was logged as {logged} in another browser while it was being changed. The logging stands; these changes are not part of it. Lines in the changed segment: {lines}.",
        fi: "Segmentti \u{201d}{segment}\u{201d} kirjattiin toisessa selaimessa nimellä {logged}, kun sitä muutettiin. Kirjaus pysyy; nämä muutokset eivät kuulu siihen. Rivejä muutetussa segmentissä: {lines}.",
    }
    LoggedElsewhereUnknown { en: "a logged segment not received yet", fi: "kirjattu segmentti, jota ei ole vielä vastaanotettu" }
    LoggedElsewhereMake { en: "Make a new segment of them", fi: "Tee niistä uusi segmentti" }
    LoggedElsewhereDrop { en: "Let them go", fi: "Hylkää muutokset" }
    LoggedElsewhereMade { en: "New segment {no} made of the changes.", fi: "Muutoksista tehtiin uusi segmentti {no}." }
    LoggedElsewhereDropped { en: "The changes were let go.", fi: "Muutokset hylättiin." }
}
