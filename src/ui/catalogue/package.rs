//! Texts of the one-file build (`scripts/package`): what a person who opened `segmentti.html` from
//! disk must know, namely where the data lives, that backups are the only copy elsewhere, and
//! what needs a server and so does not work from a file.

use super::{AnyKey, Lang, Text};

catalogue! {
    FileNoticeLabel { en: "Opened from a file", fi: "Avattu tiedostosta" }
    FileDataHere {
        en: "Opened from a file: your data lives in this browser, for this file and any other copy of Segmentti opened from a file here (a newer copy finds it too). Another browser or another computer does not see it, and clearing this browser's site data deletes it.",
        fi: "Avattu tiedostosta: tietosi ovat tässä selaimessa tätä tiedostoa ja muita tässä selaimessa tiedostosta avattuja Segmentin kopioita varten (myös uudempi kopio löytää ne). Toinen selain tai toinen tietokone ei näe niitä, ja selaimen sivustotietojen tyhjentäminen poistaa ne.",
    }
    FileBackupAdvice {
        en: "Save a backup often (Settings → Backup) and keep it somewhere safe: it is the only copy of your data outside this browser.",
        fi: "Tallenna varmuuskopio usein (Asetukset → Varmuuskopio) ja säilytä se turvassa: se on tietojesi ainoa kopio tämän selaimen ulkopuolella.",
    }
    FileNoServer {
        en: "From a file the app makes no network connection at all: it needs no installing to work offline, and it cannot sync live with a team server (that needs the app served from a web address). Share changes with a team through exchange files (Settings → Team).",
        fi: "Tiedostosta avattuna sovellus ei ota lainkaan verkkoyhteyksiä: se toimii ilman verkkoa ilman asennusta, eikä se voi synkronoida suoraan tiimin palvelimen kanssa (se vaatii sovelluksen avaamista verkko-osoitteesta). Jaa muutokset tiimille muutostiedostoilla (Asetukset → Tiimi).",
    }
}
