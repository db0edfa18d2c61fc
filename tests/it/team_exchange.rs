//! A team without a server, end to end through exchange files: browsers (databases) that each
//! create contacts, segments, logged segments and entries offline, then share and receive in a
//! ring, end with the same data under the same numbers; conflicts are listed on every browser
//! and a resolution travels; a file received twice changes nothing; a bad file changes nothing.

use crate::storage_sample;

use chrono::NaiveDateTime;
use segmentti::core::changes::{Changes, Record};
use segmentti::core::db::Db;
use segmentti::core::ids::{ContactId, EntryId, LoggedSegmentId, SegmentId};
use segmentti::core::model::*;
use segmentti::storage::team::exchange::{self, ExchangeError};
use segmentti::storage::team::{self, docs, ReceiveError};
use serde_json::Value;
use std::collections::BTreeMap;

fn now() -> NaiveDateTime {
    storage_sample::at(4, 12)
}

/// A browser: its database, its letter store (letters are kept apart from the records, as the
/// app keeps them in their own IndexedDB store), and a random source of its own.
struct Browser {
    db: Db,
    letters: BTreeMap<LoggedSegmentId, LetterBatch>,
    seed: u32,
}

impl Browser {
    fn new(seed: u32, code: &str) -> Browser {
        let mut b = Browser {
            db: Db::new(),
            letters: BTreeMap::new(),
            seed,
        };
        let mut s = seed;
        let changes = team::join(
            &b.db,
            move || {
                s = s.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                s
            },
            code,
            code,
        )
        .unwrap();
        b.db.apply(&changes);
        b
    }

    fn apply(&mut self, changes: Changes) {
        for batch in &changes.letter_batches {
            self.letters.insert(batch.id, batch.clone());
        }
        self.db.apply(&changes);
    }

    /// Creates a contact the way an action would: an id from the counters, in one change set.
    fn add_contact(&mut self, name: &str, email: &str) -> ContactId {
        let mut counters = self.db.counters.clone();
        let id = counters.take_contact();
        let mut contact = storage_sample::contact(1, ContactKind::Person, None);
        contact.id = id;
        contact.name = name.into();
        contact.email = email.into();
        let mut c = Changes::new();
        c.put(Record::Counters(counters))
            .put(Record::Contact(contact));
        self.apply(c);
        id
    }

    fn edit_contact(&mut self, id: ContactId, edit: impl FnOnce(&mut Contact)) {
        let mut contact = self.db.contacts[&id].clone();
        edit(&mut contact);
        let mut c = Changes::new();
        c.put(Record::Contact(contact));
        self.apply(c);
    }

    /// A segment of the given contacts, then logged: the segment goes, a logged segment and one
    /// entry per contact come, as logging does.
    fn log_segment(&mut self, description: &str, contacts: &[ContactId]) -> LoggedSegmentId {
        let segment = self.add_segment(description, contacts);
        let mut counters = self.db.counters.clone();
        let logged = counters.take_logged_segment();
        let mut c = Changes::new();
        c.delete(segmentti::core::changes::RecordKey::Segment(segment));
        c.put(Record::LoggedSegment(LoggedSegment {
            id: logged,
            segment_no: self.db.no(segment),
            description: description.into(),
            created: now(),
            canceled: false,
        }));
        let mut batch = LetterBatch {
            id: logged,
            letters: Vec::new(),
        };
        for contact in contacts {
            let entry = counters.take_entry();
            let letter = StoredLetter {
                file_name: format!("{description} {}.txt", self.db.contacts[contact].name),
                mime: "text/plain".into(),
                bytes: format!("Dear {},\n\u{0}\u{ff}", self.db.contacts[contact].name)
                    .into_bytes(),
                merge_data: BTreeMap::from([(
                    "Contact.Name".to_string(),
                    self.db.contacts[contact].name.clone(),
                )]),
            };
            c.put(Record::Entry(InteractionLogEntry {
                id: entry,
                contact: *contact,
                description: description.into(),
                logged_segment: Some(logged),
                segment_no: self.db.no(segment),
                letter: Some(LetterRef {
                    batch: logged,
                    file_name: letter.file_name.clone(),
                    mime: letter.mime.clone(),
                    size: letter.bytes.len(),
                }),
                ..InteractionLogEntry::default()
            }));
            batch.letters.push((entry, letter));
        }
        c.letter_batches.push(batch);
        c.put(Record::Counters(counters));
        self.apply(c);
        logged
    }

    fn add_segment(&mut self, description: &str, contacts: &[ContactId]) -> SegmentId {
        let mut counters = self.db.counters.clone();
        let id = counters.take_segment();
        let segment = Segment {
            id,
            description: description.into(),
            lines: contacts
                .iter()
                .enumerate()
                .map(|(i, contact)| SegmentLine {
                    line_no: 10_000 * (i as u32 + 1),
                    contact: *contact,
                    ..SegmentLine::default()
                })
                .collect(),
            ..Segment::default()
        };
        let mut c = Changes::new();
        c.put(Record::Counters(counters))
            .put(Record::Segment(segment));
        self.apply(c);
        id
    }

    /// "Share changes": capture, then the file.
    fn share(&mut self, everything: bool) -> Vec<u8> {
        let captured = team::capture(&self.db);
        self.apply(captured);
        let letters: Vec<LetterBatch> = team::logged_segments_to_share(&self.db, everything)
            .into_iter()
            .filter_map(|id| self.letters.get(&id).cloned())
            .collect();
        let (file, changes) = team::share(&self.db, everything, now(), &letters).unwrap();
        self.apply(changes);
        file
    }

    /// "Receive changes": what was done here is captured first (as the app does), so that the
    /// merge sees it.
    fn receive(&mut self, file: &[u8]) -> team::Preview {
        let captured = team::capture(&self.db);
        self.apply(captured);
        let (preview, changes) = team::receive(&self.db, file).unwrap();
        self.apply(changes);
        preview
    }

    /// The team's data as this browser shows it: every shared record by its document id, with
    /// its body (global identities) and the number shown for it.
    fn view(&self) -> BTreeMap<String, (Value, Option<String>)> {
        let origin = self.db.team.settings.as_ref().unwrap().origin;
        let ids = docs::Ids::new(&self.db, origin);
        let mut out = BTreeMap::new();
        for record in self.db.records() {
            let number = match &record {
                Record::Contact(r) => Some(self.db.no(r.id)),
                Record::Segment(r) => Some(self.db.no(r.id)),
                Record::LoggedSegment(r) => Some(self.db.no(r.id)),
                Record::Entry(r) => Some(self.db.no(r.id)),
                _ => None,
            };
            if let Some((id, body)) = docs::to_doc(&record, &ids) {
                out.insert(id, (Value::Object(body), number));
            }
        }
        out
    }
}

fn ring() -> (Browser, Browser, Browser) {
    (
        Browser::new(11, "AV"),
        Browser::new(22, "BK"),
        Browser::new(33, "AV"),
    )
}

#[test]
fn three_browsers_exchanging_in_a_ring_end_with_the_same_data_and_numbers() {
    let (mut a, mut b, mut c) = ring();
    for (browser, who) in [(&mut a, "a"), (&mut b, "b"), (&mut c, "c")] {
        let x = browser.add_contact(&format!("{who} one"), &format!("one@{who}.fi"));
        let y = browser.add_contact(&format!("{who} two"), "same@example.fi");
        browser.log_segment(&format!("{who} spring"), &[x, y]);
        browser.add_segment(&format!("{who} autumn"), &[y]);
    }
    // Every browser numbered its first contact 1: locally CT000001 three times over.
    assert_eq!(
        a.db.no(ContactId(1)),
        b.db.no(ContactId(1)).replace("BK", "AV")
    );

    let f = a.share(false);
    b.receive(&f);
    let f = b.share(false);
    c.receive(&f);
    let f = c.share(false);
    a.receive(&f);
    let f = a.share(false);
    b.receive(&f);

    let (va, vb, vc) = (a.view(), b.view(), c.view());
    assert_eq!(
        va.len(),
        3 * (2 + 1 + 2 + 1) + 3 + 1,
        "contacts, logged segments, entries, segments, members, our company"
    );
    assert_eq!(va, vb);
    assert_eq!(va, vc);
    let numbers: Vec<&String> = va.values().filter_map(|(_, n)| n.as_ref()).collect();
    let mut unique = numbers.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        numbers.len(),
        unique.len(),
        "no two records show one number: {numbers:?}"
    );
    // Two members chose AV: the later origin shows AV2 everywhere.
    assert!(
        numbers.iter().any(|n| n.starts_with("CT-AV2")),
        "{numbers:?}"
    );
    // Each browser's entries refer to its teammates' contacts by their local ids there, and
    // every entry's letter is in that browser's letter store, byte for byte as it was made.
    for browser in [&a, &b, &c] {
        assert_eq!(browser.letters.len(), 3, "one batch per logged segment");
        for entry in browser.db.entries.values() {
            let contact = &browser.db.contacts[&entry.contact];
            let letter = entry.letter.as_ref().expect("logged with a letter");
            let stored = browser.letters[&letter.batch]
                .letter(entry.id)
                .expect("the entry's letter travelled with it");
            assert_eq!(
                stored.bytes,
                format!("Dear {},\n\u{0}\u{ff}", contact.name).into_bytes()
            );
            assert_eq!(stored.merge_data["Contact.Name"], contact.name);
        }
        assert!(team::conflicts(&browser.db).is_empty());
    }
}

#[test]
fn letters_travel_once_and_a_file_with_damaged_letters_is_refused_by_name() {
    let (mut a, mut b, _) = ring();
    let x = a.add_contact("Eeva", "eeva@example.fi");
    a.log_segment("Kevät", &[x]);
    let f = a.share(false);
    b.receive(&f);
    assert_eq!(b.letters.len(), 1);
    // Receiving the same file again writes no letters a second time.
    let (_, again) = team::receive(&b.db, &f).unwrap();
    assert!(again.letter_batches.is_empty());
    // Shared again (everything), the letters go again and B keeps the ones it has.
    let all = a.share(true);
    let (_, again) = team::receive(&b.db, &all).unwrap();
    assert!(again.letter_batches.is_empty());

    let mut json = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&all[8..]), &mut json).unwrap();
    let mut body: Value = serde_json::from_slice(&json).unwrap();
    body["letters"][0]["letters"][0]["bytes"] = Value::from("RGVhciBF*ZXZh");
    let mut damaged = all[..8].to_vec();
    damaged.extend(exchange::gzip(&serde_json::to_vec(&body).unwrap()));
    let (_, mut fresh, _) = ring();
    let before = fresh.db.records();
    match team::receive(&fresh.db, &damaged) {
        Err(ReceiveError::File(ExchangeError::Damaged(why))) => {
            assert!(why.contains("Kevät Eeva.txt"), "{why}");
            assert!(why.contains("character 8"), "{why}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        fresh.db.records(),
        before,
        "nothing of the damaged file was taken"
    );
    fresh.receive(&all);
    assert_eq!(fresh.letters.len(), 1);
}

#[test]
fn the_same_field_changed_on_two_browsers_is_a_conflict_on_both_and_a_choice_travels() {
    let (mut a, mut b, _) = ring();
    let id = a.add_contact("Antti Ylönen", "antti@example.fi");
    let f = a.share(false);
    b.receive(&f);
    let on_b = *b.db.contacts.keys().next().unwrap();
    a.edit_contact(id, |c| c.city = "Espoo".into());
    b.edit_contact(on_b, |c| c.city = "Vantaa".into());
    // Different fields merge without a conflict, though saving stamps each side's own time.
    a.edit_contact(id, |c| {
        c.phone = "+358 1".into();
        c.stamps.modified = storage_sample::at(5, 12);
    });
    b.edit_contact(on_b, |c| {
        c.job_title = "CEO".into();
        c.stamps.modified = storage_sample::at(6, 12);
    });
    let fa = a.share(false);
    let fb = b.share(false);
    let preview = b.receive(&fa);
    assert_eq!(preview.conflicts, 1);
    a.receive(&fb);
    for browser in [&a, &b] {
        let conflicts = team::conflicts(&browser.db);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].fields.len(), 1);
        assert_eq!(conflicts[0].fields[0].field, "city");
    }
    assert_eq!(a.db.contacts[&id].phone, "+358 1");
    assert_eq!(a.db.contacts[&id].job_title, "CEO");
    assert_eq!(
        a.db.contacts[&id].city, b.db.contacts[&on_b].city,
        "the same winner shows"
    );

    let doc = team::conflicts(&a.db)[0].doc_id.clone();
    let changes =
        team::resolve(&a.db, &doc, &[("city".into(), Value::from("Kauniainen"))]).unwrap();
    a.apply(changes);
    assert!(team::conflicts(&a.db).is_empty());
    let f = a.share(false);
    b.receive(&f);
    assert!(team::conflicts(&b.db).is_empty());
    assert_eq!(b.db.contacts[&on_b].city, "Kauniainen");
    assert_eq!(b.db.contacts[&on_b].phone, "+358 1");
    assert_eq!(a.view(), b.view());
}

#[test]
fn a_file_received_twice_changes_nothing_the_second_time() {
    let (mut a, mut b, _) = ring();
    a.add_contact("Eeva", "eeva@example.fi");
    let f = a.share(false);
    let first = b.receive(&f);
    assert_eq!(first.added, 2, "the contact and a's member record");
    let before = b.db.records();
    let (preview, changes) = team::receive(&b.db, &f).unwrap();
    assert!(preview.is_empty());
    assert!(changes.is_empty(), "{changes:?}");
    assert_eq!(b.db.records(), before);
}

#[test]
fn comments_from_both_sides_are_kept_and_cancel_follows_the_field_rule() {
    let (mut a, mut b, _) = ring();
    let x = a.add_contact("Eeva", "eeva@example.fi");
    a.log_segment("Kevät", &[x]);
    let f = a.share(false);
    b.receive(&f);
    let entry_a = *a.db.entries.keys().next().unwrap();
    let entry_b = *b.db.entries.keys().next().unwrap();
    let comment = |text: &str| Comment {
        at: now(),
        text: text.into(),
    };
    let mut ea = a.db.entries[&entry_a].clone();
    ea.comments.push(comment("Soitti"));
    ea.canceled = true;
    a.apply(Changes {
        puts: vec![Record::Entry(ea)],
        ..Changes::default()
    });
    let mut eb = b.db.entries[&entry_b].clone();
    eb.comments.push(comment("Lähetti sähköpostia"));
    b.apply(Changes {
        puts: vec![Record::Entry(eb)],
        ..Changes::default()
    });
    let (fa, fb) = (a.share(false), b.share(false));
    b.receive(&fa);
    a.receive(&fb);
    for (browser, id) in [(&a, entry_a), (&b, entry_b)] {
        let entry: &InteractionLogEntry = &browser.db.entries[&id];
        let texts: Vec<&str> = entry.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(entry.canceled, "only one side canceled: the cancel stands");
        assert!(team::conflicts(&browser.db).is_empty());
    }
    let _: EntryId = entry_a;
}

#[test]
fn a_record_deleted_on_one_side_and_edited_on_the_other_comes_back_and_is_listed() {
    let (mut a, mut b, _) = ring();
    let x = a.add_contact("Eeva", "eeva@example.fi");
    let f = a.share(false);
    b.receive(&f);
    let on_b = *b.db.contacts.keys().next().unwrap();
    a.apply(Changes {
        deletes: vec![segmentti::core::changes::RecordKey::Contact(x)],
        ..Changes::default()
    });
    b.edit_contact(on_b, |c| c.city = "Oulu".into());
    let (fa, fb) = (a.share(false), b.share(false));
    b.receive(&fa);
    a.receive(&fb);
    assert_eq!(
        a.db.contacts[&x].city, "Oulu",
        "the edit wins, the record is back"
    );
    assert_eq!(b.db.contacts[&on_b].city, "Oulu");
    assert_eq!(team::revived(&a.db).len(), 1);
    assert_eq!(team::revived(&b.db).len(), 1);
}

#[test]
fn a_segment_logged_on_one_side_while_edited_on_the_other_stays_logged() {
    let (mut a, mut b, _) = ring();
    let x = a.add_contact("Eeva", "eeva@example.fi");
    let segment = a.add_segment("Kevät", &[x]);
    let f = a.share(false);
    b.receive(&f);
    let on_b = *b.db.segments.keys().next().unwrap();
    // a logs it (the segment goes), b edits it meanwhile.
    let mut seg = a.db.segments[&segment].clone();
    let mut counters = a.db.counters.clone();
    let logged = counters.take_logged_segment();
    let mut c = Changes::new();
    c.delete(segmentti::core::changes::RecordKey::Segment(segment));
    seg.description = "Kevät".into();
    c.put(Record::LoggedSegment(LoggedSegment {
        id: logged,
        segment_no: a.db.no(segment),
        description: seg.description.clone(),
        created: now(),
        canceled: false,
    }));
    c.put(Record::Counters(counters));
    a.apply(c);
    let mut edited = b.db.segments[&on_b].clone();
    edited.description = "Kevät, muokattu".into();
    b.apply(Changes {
        puts: vec![Record::Segment(edited)],
        ..Changes::default()
    });
    let (fa, fb) = (a.share(false), b.share(false));
    b.receive(&fa);
    a.receive(&fb);
    for browser in [&a, &b] {
        assert!(browser.db.segments.is_empty(), "the logging wins");
        assert_eq!(browser.db.logged_segments.len(), 1);
        // B's edits wait on Conflicts on both sides, with what the segment was logged as.
        let waiting = team::logged_elsewhere_edits(&browser.db);
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0].segment.description, "Kevät, muokattu");
        assert_eq!(waiting[0].segment.lines.len(), 1);
        assert_eq!(
            waiting[0].logged,
            browser.db.logged_segments.keys().next().copied()
        );
    }
    assert_eq!(a.view(), b.view());

    // B makes a new segment of its edits: a new number, its edited description and lines; the
    // list is empty on both once B has shared, and the logged segment stays.
    let doc = team::logged_elsewhere_edits(&b.db)[0].doc_id.clone();
    let made = team::settle_logged_elsewhere(&b.db, &doc, true).unwrap();
    b.apply(made);
    let f = b.share(false);
    a.receive(&f);
    for browser in [&a, &b] {
        assert!(team::logged_elsewhere_edits(&browser.db).is_empty());
        let segments: Vec<&Segment> = browser.db.segments.values().collect();
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].description, "Kevät, muokattu");
        assert_eq!(browser.db.logged_segments.len(), 1);
    }
    assert_ne!(
        b.db.no(*b.db.segments.keys().next().unwrap()),
        b.db.no(on_b),
        "the new segment has a number of its own"
    );
    assert_eq!(a.view(), b.view());
    assert!(team::settle_logged_elsewhere(&a.db, &doc, false).is_none());
}

#[test]
fn a_bad_file_is_refused_with_its_reason_and_nothing_changes() {
    let (mut a, b, _) = ring();
    a.add_contact("Eeva", "eeva@example.fi");
    let good = a.share(true);
    let before = b.db.records();
    let refuse = |bytes: &[u8]| match team::receive(&b.db, bytes) {
        Err(e) => e,
        Ok(_) => panic!("accepted"),
    };
    assert_eq!(
        refuse(b"PK\x03\x04 a zip"),
        ReceiveError::File(ExchangeError::NotAnExchangeFile)
    );
    let mut newer = good.clone();
    newer[4..8].copy_from_slice(&(exchange::EXCHANGE_VERSION + 1).to_le_bytes());
    assert_eq!(
        refuse(&newer),
        ReceiveError::File(ExchangeError::TooNew {
            found: exchange::EXCHANGE_VERSION + 1,
            supported: exchange::EXCHANGE_VERSION
        })
    );
    assert!(matches!(
        refuse(&good[..good.len() / 2]),
        ReceiveError::File(ExchangeError::Damaged(_))
    ));
    // Content changed after it was written: the revision no longer matches.
    let mut json = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&good[8..]), &mut json).unwrap();
    let text = String::from_utf8(json).unwrap().replace("Eeva", "Evil");
    let mut tampered = good[..8].to_vec();
    tampered.extend(exchange::gzip(text.as_bytes()));
    assert!(matches!(
        refuse(&tampered),
        ReceiveError::File(ExchangeError::Tampered { .. })
    ));
    assert_eq!(b.db.records(), before);
    let own = a.share(true);
    assert_eq!(
        team::receive(&a.db, &own).unwrap_err(),
        ReceiveError::OwnFile
    );
}

#[test]
fn a_number_written_down_before_joining_still_finds_the_record() {
    let mut alone = Browser {
        db: Db::new(),
        letters: BTreeMap::new(),
        seed: 5,
    };
    let id = alone.add_contact("Eeva", "eeva@example.fi");
    assert_eq!(alone.db.no(id), "CT000001");
    let changes = team::join(&alone.db, || 0x1234, "av", "Anna").unwrap();
    alone.apply(changes);
    assert_eq!(alone.db.no(id), "CT-AV000001");
    assert_eq!(alone.db.find_no::<ContactId>("CT000001"), Some(id));
    assert_eq!(alone.db.find_no::<ContactId>("ct-av1"), Some(id));
    let _ = alone.seed;
}

/// Writes the JSON inside a real exchange file to the exchange fuzz target's seed corpus, so
/// that the fuzzer starts from documents that pass the checks. Run on demand:
/// `cargo test --test it team_exchange -- --ignored write_fuzz_seed`.
#[test]
#[ignore]
fn write_fuzz_seed() {
    use std::io::Read;
    let (mut a, _b, _c) = ring();
    let ada = a.add_contact("Ada Ylönen", "ada@example.com");
    let bo = a.add_contact("Bo Berg", "bo@example.com");
    a.add_segment("Spring fair", &[ada, bo]);
    a.log_segment("Autumn letter", &[ada]);
    a.edit_contact(bo, |c| c.city = "Espoo".into());
    let file = a.share(true);
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(&file[8..])
        .read_to_end(&mut json)
        .unwrap();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus/exchange");
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(format!("{dir}/ring.json"), json).unwrap();
}

#[test]
fn a_replace_restore_that_would_make_this_browser_another_member_is_told() {
    use segmentti::storage::backup::{read_backup, replace_takes_identity, write_backup};
    let (mut a, b, _) = ring();
    a.add_contact("Eeva", "eeva@example.fi");
    let backup = read_backup(&write_backup(&a.db, Vec::new(), now())).unwrap();
    // Into another member's browser, or one that has not joined: that member's identity comes along.
    let taken = replace_takes_identity(&b.db, &backup).expect("A's identity");
    assert_eq!(taken.code, "AV");
    assert!(replace_takes_identity(&Db::new(), &backup).is_some());
    // Back into A itself, or from a browser that never joined: nothing to say.
    assert_eq!(replace_takes_identity(&a.db, &backup), None);
    let mut alone = Db::new();
    let mut c = Changes::new();
    c.put(Record::Contact(storage_sample::contact(
        1,
        ContactKind::Person,
        None,
    )));
    alone.apply(&c);
    let solo = read_backup(&write_backup(&alone, Vec::new(), now())).unwrap();
    assert_eq!(replace_takes_identity(&b.db, &solo), None);
}
