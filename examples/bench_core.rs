//! Times the segment operations over 100,000 generated contacts (issue 3's speed goal: each
//! under 10 ms).
//!
//! Run with `cargo run --release --example bench_core`. The data is generated deterministically
//! by a tiny linear congruential generator, so every run measures the same work. The clock is
//! read here, in the example, never in `core`.
//!
//! Printed per operation: median, min and max over the runs after a warm-up, in milliseconds,
//! and the median as a multiple of a baseline measured in the same run (a plain scan of a `Vec`
//! of the contacts comparing the city), so figures from different machines can be compared.

use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime};
use segmentti::core::changes::{Changes, Counters, Record};
use segmentti::core::condition::Condition;
use segmentti::core::criteria::{code_filter, AddOptions, ContactField, Criteria, CriteriaAction};
use segmentti::core::db::Db;
use segmentti::core::filter::FieldKind;
use segmentti::core::ids::{Code, ContactId, EntryId, SegmentId};
use segmentti::core::model::*;

const CONTACTS: u32 = 100_000;
const ENTRIES: u32 = 50_000;
const CITIES: u32 = 40;
const MAILING_GROUPS: u32 = 20;
const INDUSTRY_GROUPS: u32 = 30;
const JOBS: u32 = 12;
const WARM_UP: usize = 2;
const RUNS: usize = 9;
const PRE_LOG_LINES: usize = 10_000;

/// Knuth's MMIX LCG; the high bits are the usable ones.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u32) -> u32 {
        self.next() % n
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent
    }
}

fn city(i: u32) -> String {
    format!("City {i:02}")
}

/// Between `min` and `max` codes out of `of`, e.g. `M07`.
fn codes(prefix: &str, rng: &mut Lcg, min: u32, max: u32, of: u32) -> BTreeSet<Code> {
    let count = min + rng.below(max - min + 1);
    (0..count)
        .map(|_| Code::new(&format!("{prefix}{:02}", rng.below(of))))
        .collect()
}

/// 100,000 contacts, about 15% companies; about 90% of persons belong to a company. Mailing
/// groups on anyone, industry groups and business relations on companies, job responsibilities
/// on persons, and log entries on random contacts.
fn generate(now: NaiveDateTime) -> Db {
    let mut rng = Lcg(0x5EED);
    let mut changes = Changes::new();
    let mut companies = Vec::new();
    for n in 1..=CONTACTS {
        let id = ContactId(n);
        let is_company = companies.is_empty() || rng.chance(15);
        let mut contact = Contact {
            id,
            city: city(rng.below(CITIES)),
            language: if rng.chance(30) { "fi" } else { "en" }.into(),
            exclude_from_segments: rng.chance(2),
            mailing_groups: codes("M", &mut rng, 0, 3, MAILING_GROUPS),
            stamps: Stamps::new(now),
            ..Default::default()
        };
        if is_company {
            contact.kind = ContactKind::Company;
            contact.name = format!("Company {n} Oy");
            contact.industry_groups = codes("I", &mut rng, 1, 3, INDUSTRY_GROUPS);
            contact.business_relations = codes("B", &mut rng, 0, 2, 5);
            companies.push(id);
        } else {
            contact.kind = ContactKind::Person;
            contact.first_name = format!("First{}", n % 997);
            contact.surname = format!("Surname{}", n % 1009);
            contact.name = contact.full_name_from_parts();
            contact.email = format!("person{n}@example.com");
            if rng.chance(90) {
                contact.company = Some(companies[rng.below(companies.len() as u32) as usize]);
            }
            contact.job_responsibilities = codes("J", &mut rng, 0, 2, JOBS);
        }
        changes.put(Record::Contact(contact));
    }
    let date = now.date();
    for n in 1..=ENTRIES {
        let contact = ContactId(1 + rng.below(CONTACTS));
        changes.put(Record::Entry(InteractionLogEntry {
            id: EntryId(n),
            contact,
            date: Some(date - chrono::Days::new(u64::from(rng.below(400)))),
            template: Some(Code::new(if rng.chance(50) { "CALL" } else { "MAIL" })),
            segment_no: format!("SEG{:06}", rng.below(200)),
            ..Default::default()
        }));
    }
    changes.put(Record::Counters(Counters {
        contact: CONTACTS,
        entry: ENTRIES,
        ..Default::default()
    }));
    changes.put(Record::Salesperson(Salesperson {
        code: Code::new("SP"),
        name: "Sally Person".into(),
        ..Default::default()
    }));
    changes.put(Record::InteractionGroup(InteractionGroup {
        code: Code::new("LETTERS"),
        description: "Letters".into(),
    }));
    changes.put(Record::Template(InteractionTemplate {
        code: Code::new("CALL"),
        group: Code::new("LETTERS"),
        description: "Spring letter".into(),
        correspondence_type_default: CorrespondenceType::HardCopy,
        language_default: "en".into(),
        letters: vec![TemplateLetter {
            language: "en".into(),
            subject: "Spring news".into(),
            body: LetterBody::Text("Dear {{name}}".into()),
        }],
        ..Default::default()
    }));
    // Entries know their contact's company, as logging records it.
    let mut db = Db::from_records(changes.puts);
    let fixes: Vec<Record> = db
        .entries
        .values()
        .map(|entry| {
            let mut entry = entry.clone();
            entry.company = db.contact(entry.contact).and_then(Contact::company_no);
            Record::Entry(entry)
        })
        .collect();
    let mut fixed = Changes::new();
    for record in fixes {
        fixed.put(record);
    }
    db.apply(&fixed);
    db
}

fn field(field: ContactField, expr: &str) -> Condition<ContactField> {
    let filter = field
        .parse_filter(expr, FieldKind::Text)
        .expect("the benchmark's filters parse");
    Condition::field(field, filter)
}

/// Runs `work` WARM_UP + RUNS times and returns the timings of the RUNS, in ms, sorted.
fn time<T>(mut work: impl FnMut() -> T) -> Vec<f64> {
    for _ in 0..WARM_UP {
        black_box(work());
    }
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            black_box(work());
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times
}

fn report(name: &str, times: &[f64], baseline: f64) {
    let median = times[times.len() / 2];
    let verdict = if median < 10.0 { "ok" } else { "OVER 10 ms" };
    println!(
        "{name:<52} median {median:>8.3}  min {:>8.3}  max {:>8.3}  = {:>6.1} x baseline  {verdict}",
        times[0],
        times[times.len() - 1],
        median / baseline,
    );
}

fn main() {
    let now = NaiveDate::from_ymd_opt(2026, 3, 2)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("a valid date");
    let started = Instant::now();
    let mut db = generate(now);
    println!(
        "generated {} contacts ({} companies), {} log entries in {:.0} ms",
        db.contacts.len(),
        db.contacts.values().filter(|c| c.is_company()).count(),
        db.entries.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );

    let new_segment = |db: &mut Db, description: &str| -> SegmentId {
        let (id, changes) = db
            .create_segment(
                description,
                Some(Code::new("SP")),
                Some(Code::new("CALL")),
                now.date(),
                now,
            )
            .expect("a segment can be created");
        db.apply(&changes);
        id
    };

    // Baseline: a plain scan of a Vec of the contacts, comparing the city with three values.
    let plain: Vec<&Contact> = db.contacts.values().collect();
    let wanted = [city(1), city(2), city(3)];
    let baseline_times = time(|| {
        plain
            .iter()
            .filter(|c| wanted.contains(&c.city))
            .map(|c| c.id)
            .collect::<Vec<ContactId>>()
    });
    let baseline = baseline_times[baseline_times.len() / 2];
    report(
        "baseline: Vec scan comparing city (3 values)",
        &baseline_times,
        baseline,
    );

    // Add Contacts with three sections: contact city, mailing group, industry group.
    let three_sections = Criteria {
        contact: Some(field(
            ContactField::City,
            "City 01|City 02|City 03|City 04|City 05",
        )),
        mailing_group: Some(code_filter("M01|M02|M03").expect("parses")),
        industry_group: Some(code_filter("I01..I09").expect("parses")),
        ..Default::default()
    };
    let add = CriteriaAction::Add {
        criteria: three_sections,
        options: AddOptions {
            expand_companies: false,
            ..Default::default()
        },
    };
    let segment = new_segment(&mut db, "Three sections");
    let preview = db.preview(segment, &add).expect("the preview works");
    println!(
        "  (Add with three sections finds {} contacts)",
        preview.join.len()
    );
    report(
        "Add Contacts preview, 3 sections",
        &time(|| db.preview(segment, &add)),
        baseline,
    );
    report(
        "Add Contacts apply (changes computed), 3 sections",
        &time(|| db.apply_action(segment, &add, now)),
        baseline,
    );

    // The contact section alone, which must scan every contact.
    let city_only = CriteriaAction::Add {
        criteria: Criteria {
            contact: Some(field(ContactField::City, "City 01|City 02|City 03")),
            ..Default::default()
        },
        options: AddOptions::default(),
    };
    let found = db.preview(segment, &city_only).expect("works").join.len();
    report(
        &format!("Add Contacts preview, city only ({found} found)"),
        &time(|| db.preview(segment, &city_only)),
        baseline,
    );

    // A segment of 10,000 lines for Refine, Go Back and the pre-log check.
    let big = new_segment(&mut db, "Ten thousand");
    let first_ten_thousand = CriteriaAction::Add {
        criteria: Criteria {
            contact: Some(field(ContactField::No, "CT000001..CT010000")),
            ..Default::default()
        },
        options: AddOptions {
            ignore_exclusion: true,
            ..Default::default()
        },
    };
    let changes = db
        .apply_action(big, &first_ten_thousand, now)
        .expect("adds");
    db.apply(&changes);
    let lines = db.segment(big).map_or(0, |s| s.lines.len());
    println!("  (segment of {lines} lines for the next operations)");

    let refine = CriteriaAction::Refine {
        criteria: Criteria {
            contact: Some(field(ContactField::City, "City 01..City 19")),
            mailing_group: Some(code_filter("M01..M09").expect("parses")),
            ..Default::default()
        },
        entire_companies: true,
    };
    let refine_preview = db.preview(big, &refine).expect("works");
    println!(
        "  (Refine with entire companies removes {} lines)",
        refine_preview.leave.len()
    );
    report(
        "Refine preview, 2 sections, entire companies",
        &time(|| db.preview(big, &refine)),
        baseline,
    );
    report(
        "Refine apply (changes computed)",
        &time(|| db.apply_action(big, &refine, now)),
        baseline,
    );
    let changes = db.apply_action(big, &refine, now).expect("refines");
    db.apply(&changes);
    report(
        "Go Back of that Refine (changes computed)",
        &time(|| db.go_back(big, now)),
        baseline,
    );
    let changes = db.go_back(big, now).expect("goes back");
    db.apply(&changes);

    let lines = db.segment(big).map_or(0, |s| s.lines.len());
    assert_eq!(
        lines, PRE_LOG_LINES,
        "the pre-log check runs on 10,000 lines"
    );
    report(
        "pre-log check of 10,000 lines",
        &time(|| db.check_before_logging(big, &[])),
        baseline,
    );
}
