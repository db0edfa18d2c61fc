//! Texts of the Settings page: storage, records that could not be read, backup and restore.

use super::{AnyKey, Lang, Text};

catalogue! {
    StorageHeading { en: "Storage in this browser", fi: "Tallennus tässä selaimessa" }
    PersistedYes {
        en: "The browser keeps Segmentti's data permanently: it will not clear it to free space.",
        fi: "Selain säilyttää Segmentin tiedot pysyvästi eikä poista niitä vapauttaakseen tilaa.",
    }
    PersistedNo {
        en: "The browser did not grant permanent storage, so it may clear the data when space runs low. Keep a backup.",
        fi: "Selain ei myöntänyt pysyvää tallennustilaa, joten se voi poistaa tiedot tilan käydessä vähiin. Ota varmuuskopio.",
    }
    PersistedUnknown {
        en: "Asking the browser whether the data is kept permanently…",
        fi: "Kysytään selaimelta, säilytetäänkö tiedot pysyvästi…",
    }
    StorageUsage {
        en: "In use: {used} of {quota} available to this site.",
        fi: "Käytössä {used}, sivustolle käytettävissä {quota}.",
    }
    StorageUsageUnknown {
        en: "This browser does not say how much space is in use.",
        fi: "Tämä selain ei kerro, paljonko tilaa on käytössä.",
    }
    UnreadableHeading { en: "Records that could not be read", fi: "Tietueet, joita ei voitu lukea" }
    UnreadableText {
        en: "The app started without these records. A backup holds only what could be read, so it does not contain them: download them below exactly as they are stored, and keep that file beside a backup. It lists each record's place and its bytes, for whoever repairs them. While they are stored, Segmentti never rewrites its saved snapshot, so they stay untouched.",
        fi: "Sovellus käynnistyi ilman näitä tietueita. Varmuuskopiossa on vain se, mikä voitiin lukea, joten nämä eivät ole siinä: lataa ne alta täsmälleen tallennetussa muodossa ja säilytä tiedosto varmuuskopion rinnalla. Siinä on kunkin tietueen paikka ja tavut korjaajaa varten. Niin kauan kuin ne ovat tallessa, Segmentti ei kirjoita tallennettua tilannekuvaansa uudelleen, joten ne säilyvät koskemattomina.",
    }
    UnreadableDownload {
        en: "Download the unreadable records as stored",
        fi: "Lataa lukukelvottomat tietueet tallennetussa muodossa",
    }
    UnreadableSaved { en: "Saved as {file}.", fi: "Tallennettiin nimellä {file}." }
    UnreadableFailed {
        en: "The file of unreadable records could not be made: {reason}",
        fi: "Lukukelvottomien tietueiden tiedostoa ei voitu tehdä: {reason}",
    }
    UnreadableSnapshotChunk {
        en: "Saved snapshot, part {part}",
        fi: "Tallennettu tilannekuva, osa {part}",
    }
    UnreadableSnapshotRecord {
        en: "Saved snapshot, part {part}, record {record}",
        fi: "Tallennettu tilannekuva, osa {part}, tietue {record}",
    }
    UnreadableJournalEntry {
        en: "Saved change number {number}",
        fi: "Tallennettu muutos numero {number}",
    }
    UnreadableNotOurs {
        en: "{place}: not written by Segmentti.",
        fi: "{place}: ei Segmentin tallentama.",
    }
    UnreadableDamaged {
        en: "{place}: the data is damaged. Technical detail:",
        fi: "{place}: tiedot ovat vioittuneet. Tekninen tieto:",
    }
    BackupHeading { en: "Backup", fi: "Varmuuskopio" }
    BackupHint {
        en: "One file with everything: contacts, segments, the interaction log and the letters kept with it.",
        fi: "Yksi tiedosto, jossa on kaikki: yhteyshenkilöt, segmentit, vuorovaikutusloki ja sen kirjeet.",
    }
    BackupDownload { en: "Download backup", fi: "Lataa varmuuskopio" }
    BackupPreparing { en: "Preparing the backup…", fi: "Varmuuskopiota valmistellaan…" }
    BackupSaved { en: "Backup saved as {file}.", fi: "Varmuuskopio tallennettiin nimellä {file}." }
    BackupFailed {
        en: "The backup could not be made: {reason}",
        fi: "Varmuuskopiota ei voitu tehdä: {reason}",
    }
    RestoreChoose { en: "Restore from a backup file", fi: "Palauta varmuuskopiotiedostosta" }
    RestoreFile { en: "Backup file: {file}", fi: "Varmuuskopiotiedosto: {file}" }
    RestoreMode { en: "How to restore", fi: "Palautustapa" }
    RestoreMerge {
        en: "Merge by the team's rules: what only the backup has is added; where both changed a record, both changes stay or the choice is yours on Conflicts",
        fi: "Yhdistä tiimin säännöin: vain varmuuskopiossa olevat lisätään; jos tietuetta on muutettu molemmissa, molemmat muutokset säilyvät tai valitset itse Ristiriidat-sivulla",
    }
    RestoreReplace {
        en: "Replace everything with the backup",
        fi: "Korvaa kaikki varmuuskopiolla",
    }
    RestoreTakesIdentity {
        en: "This backup was made by {name} ({code}) as a member of a team. Replacing everything makes this browser continue as that member: right for moving to a new browser, wrong while that browser is still in use, because both would then make records under one identity. To bring a teammate's data in, choose the merge.",
        fi: "Tämän varmuuskopion teki tiimin jäsen {name} ({code}). Kaiken korvaaminen tekee tästä selaimesta saman jäsenen: oikein siirryttäessä uuteen selaimeen, väärin, jos se selain on vielä käytössä, koska silloin molemmat tekisivät tietueita samalla tunnisteella. Tiimikaverin tietojen tuomiseen valitse yhdistäminen.",
    }
    RestorePreview {
        en: "Records this adds: {added}, replaces: {replaced}, removes: {removed}; unchanged: {unchanged}.",
        fi: "Tietueita lisätään {added}, korvataan {replaced} ja poistetaan {removed}; ennallaan pysyy {unchanged}.",
    }
    RestoreApply { en: "Restore", fi: "Palauta" }
    RestoreReplaceTitle {
        en: "Replace everything with this backup?",
        fi: "Korvataanko kaikki varmuuskopiolla?",
    }
    RestoreReplaceQuestion {
        en: "This browser now holds {contacts, plural, one {# contact} other {# contacts}}, {segments, plural, one {# segment} other {# segments}} and {entries, plural, one {# interaction log entry} other {# interaction log entries}}. Replacing everything puts the backup in their place: {removed, plural, one {# record that the backup does not have is removed} other {# records that the backup does not have are removed}}, {replaced, plural, one {# record is replaced by the backup's version} other {# records are replaced by the backup's version}}, and every letter stored here is deleted. This cannot be undone; download a backup first to keep what is here.",
        fi: "Tässä selaimessa on nyt {contacts, plural, one {# yhteyshenkilö} other {# yhteyshenkilöä}}, {segments, plural, one {# segmentti} other {# segmenttiä}} ja {entries, plural, one {# vuorovaikutuslokin tapahtuma} other {# vuorovaikutuslokin tapahtumaa}}. Kaiken korvaaminen tuo varmuuskopion niiden tilalle: {removed, plural, one {# tietue, jota varmuuskopiossa ei ole, poistetaan} other {# tietuetta, joita varmuuskopiossa ei ole, poistetaan}}, {replaced, plural, one {# tietue korvataan varmuuskopion versiolla} other {# tietuetta korvataan varmuuskopion versiolla}}, ja kaikki tänne tallennetut kirjeet poistetaan. Tätä ei voi perua; lataa ensin varmuuskopio, jos haluat säilyttää nykyiset tiedot.",
    }
    RestoreReplaceConfirm { en: "Replace everything", fi: "Korvaa kaikki" }
    RestoreDone { en: "The backup has been restored.", fi: "Varmuuskopio on palautettu." }
    RestoreFailed {
        en: "Nothing was restored. {reason}",
        fi: "Mitään ei palautettu. {reason}",
    }
}
