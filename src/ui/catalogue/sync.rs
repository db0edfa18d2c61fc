//! Texts of Settings → Team sync: live sync with the team's CouchDB database, its settings and
//! the status a person reads.

use super::{AnyKey, Lang, Text};

catalogue! {
    SyncHeading { en: "Team sync", fi: "Tiimin synkronointi" }
    SyncHint {
        en: "With a CouchDB database that your team runs, changes reach teammates by themselves while the app is open and online. Ask whoever runs the server for its address, the database and your user name.",
        fi: "Kun tiimilläsi on CouchDB-tietokanta, muutokset välittyvät tiimikavereille itsestään, kun sovellus on auki ja verkossa. Kysy palvelimen ylläpitäjältä sen osoite, tietokanta ja käyttäjätunnuksesi.",
    }
    SyncServer { en: "Server address", fi: "Palvelimen osoite" }
    SyncDatabase { en: "Database", fi: "Tietokanta" }
    SyncUser { en: "User name", fi: "Käyttäjätunnus" }
    SyncPassword { en: "Password", fi: "Salasana" }
    SyncRemember {
        en: "Remember the password in this browser (kept unencrypted in its local storage; otherwise type it again after every reload)",
        fi: "Muista salasana tässä selaimessa (tallennetaan salaamattomana selaimen paikalliseen tallennustilaan; muuten kirjoita se uudelleen jokaisen uudelleenlatauksen jälkeen)",
    }
    SyncTest { en: "Test connection", fi: "Testaa yhteys" }
    SyncStart { en: "Start sync", fi: "Aloita synkronointi" }
    SyncPause { en: "Pause sync", fi: "Keskeytä synkronointi" }
    SyncTesting { en: "Testing the connection…", fi: "Testataan yhteyttä…" }
    SyncTestOk {
        en: "Connected: the database {database} holds {count, plural, one {# record} other {# records}}.",
        fi: "Yhteys toimii: tietokannassa {database} on {count, plural, one {# tietue} other {# tietuetta}}.",
    }
    SyncStatusLabel { en: "Status:", fi: "Tila:" }
    SyncNotSetUp { en: "Not set up: fill in the server address and the database, then start.", fi: "Ei käytössä: täytä palvelimen osoite ja tietokanta ja aloita sitten." }
    SyncNotJoined {
        en: "Save your code under Team first: sync needs it to tell your records from your teammates'.",
        fi: "Tallenna ensin tunnuksesi kohdassa Tiimi: synkronointi tarvitsee sen erottaakseen tietueesi tiimikavereiden tietueista.",
    }
    SyncPaused { en: "Paused. Nothing is sent or received.", fi: "Keskeytetty. Mitään ei lähetetä eikä vastaanoteta." }
    SyncNeedsPassword { en: "Type the password and start sync.", fi: "Kirjoita salasana ja aloita synkronointi." }
    SyncConnecting { en: "Connecting…", fi: "Yhdistetään…" }
    SyncSendingOf { en: "Syncing: sent {done} of {total}.", fi: "Synkronoidaan: lähetetty {done}/{total}." }
    SyncReceivingOf { en: "Syncing: received {done} of {total}.", fi: "Synkronoidaan: vastaanotettu {done}/{total}." }
    SyncSending { en: "Syncing: sent {done}.", fi: "Synkronoidaan: lähetetty {done}." }
    SyncReceiving { en: "Syncing: received {done}.", fi: "Synkronoidaan: vastaanotettu {done}." }
    SyncUpToDate { en: "Up to date.", fi: "Ajan tasalla." }
    SyncOffline { en: "Offline, will retry when the network is back.", fi: "Ei verkkoyhteyttä, yritetään uudelleen, kun verkko palaa." }
    SyncRetrying { en: "{problem} Trying again in {seconds} s.", fi: "{problem} Yritetään uudelleen {seconds} sekunnin kuluttua." }
    SyncStopped { en: "{problem} Sync has stopped: fix this, then start sync again.", fi: "{problem} Synkronointi pysähtyi: korjaa tämä ja aloita synkronointi uudelleen." }
    SyncWrongPassword { en: "Wrong user name or password.", fi: "Väärä käyttäjätunnus tai salasana." }
    SyncNotAllowed {
        en: "Not allowed: this user is not a member of the database ({reason}).",
        fi: "Ei sallittu: käyttäjä ei ole tietokannan jäsen ({reason}).",
    }
    SyncNoDatabase { en: "There is no database {database} on the server.", fi: "Palvelimella ei ole tietokantaa {database}." }
    SyncUnreachable {
        en: "Server unreachable: check the address and that the server is running.",
        fi: "Palvelimeen ei saada yhteyttä: tarkista osoite ja että palvelin on käynnissä.",
    }
    SyncCors {
        en: "The server answers, but not to this app: CORS is not enabled for {origin}. The server's administrator must allow it (see the README).",
        fi: "Palvelin vastaa, mutta ei tälle sovellukselle: CORS ei ole sallittu osoitteelle {origin}. Palvelimen ylläpitäjän on sallittava se (katso README).",
    }
    SyncCsp {
        en: "This app may not connect to {server}: its Content-Security-Policy does not list the server. Whoever hosts the app must add it to connect-src (see the README).",
        fi: "Sovellus ei saa ottaa yhteyttä osoitteeseen {server}: sen Content-Security-Policy ei salli palvelinta. Sovelluksen ylläpitäjän on lisättävä se kohtaan connect-src (katso README).",
    }
    SyncServerError { en: "The server failed (error {status}): {reason}", fi: "Palvelimessa tapahtui virhe (virhe {status}): {reason}" }
    SyncBadNotJson {
        en: "The server's answer to {request} is not valid JSON (line {line}, column {column}), so it is not CouchDB's answer as sent; it begins: “{glimpse}”. Check the server address.",
        fi: "Palvelimen vastaus pyyntöön {request} ei ole kelvollista JSONia (rivi {line}, sarake {column}), joten se ei ole CouchDB:n vastaus sellaisenaan; se alkaa: ”{glimpse}”. Tarkista palvelimen osoite.",
    }
    SyncBadMissing {
        en: "The server's answer to {request} lacks {part}, which CouchDB always sends: the server may not be CouchDB 3, or something between changes its answers.",
        fi: "Palvelimen vastauksesta pyyntöön {request} puuttuu {part}, jonka CouchDB aina lähettää: palvelin ei ehkä ole CouchDB 3, tai jokin välissä muuttaa sen vastauksia.",
    }
    SyncBadShape {
        en: "The server's answer to {request} is JSON of another shape than CouchDB's: the server may not be CouchDB 3, or something between changes its answers.",
        fi: "Palvelimen vastaus pyyntöön {request} on eri muotoista JSONia kuin CouchDB:n: palvelin ei ehkä ole CouchDB 3, tai jokin välissä muuttaa sen vastauksia.",
    }
    SyncBadOutOfTurn {
        en: "An answer to {request} arrived out of turn; sync starts this round again.",
        fi: "Vastaus pyyntöön {request} saapui väärässä vaiheessa; synkronointi aloittaa tämän kierroksen alusta.",
    }
    SyncRefused { en: "The server refused (error {status}): {reason}", fi: "Palvelin kieltäytyi (virhe {status}): {reason}" }
    SyncLocal { en: "What arrived could not be stored here: {reason}", fi: "Saapuneita tietoja ei voitu tallentaa tähän selaimeen: {reason}" }
    SyncNotAnAddress {
        en: "Type the server address starting with https:// (or http:// for a server on this computer).",
        fi: "Kirjoita palvelimen osoite alkaen https:// (tai http://, jos palvelin on tällä tietokoneella).",
    }
    SyncPlainHttp {
        en: "Plain http:// is only for a server on this computer: use https://, so that the password cannot be read on the way.",
        fi: "Pelkkä http:// on vain tämän tietokoneen palvelimelle: käytä https://-osoitetta, jotta salasanaa ei voi lukea matkalla.",
    }
    SyncNeedDatabase { en: "Type the database's name.", fi: "Kirjoita tietokannan nimi." }
}
