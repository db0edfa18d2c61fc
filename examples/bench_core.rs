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

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use segmentti::core::criteria::{code_filter, AddOptions, ContactField, Criteria, CriteriaAction};
use segmentti::core::db::Db;
use segmentti::core::export;
use segmentti::core::ids::{Code, ContactId, SegmentId};
use segmentti::core::model::*;
use segmentti::sample::{city, field, generate, three_section_add};

const CONTACTS: u32 = 100_000;
const ENTRIES: u32 = 50_000;
const WARM_UP: usize = 2;
const RUNS: usize = 9;
const PRE_LOG_LINES: usize = 10_000;
/// The start-up path's size: the store decodes this many entries next to the contacts.
const LOAD_ENTRIES: u32 = 500_000;
const LOAD_RUNS: usize = 5;

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
    let mut db = generate(CONTACTS, ENTRIES, now);
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
    let add = three_section_add();
    let segment = new_segment(&mut db, "Three sections");
    let preview = db.preview(segment, &add).expect("the preview works");
    // `bench_core profile NAME` repeats one operation for a few seconds, for `perf record`.
    if let Some(name) = std::env::args()
        .nth(2)
        .filter(|_| std::env::args().nth(1).as_deref() == Some("profile"))
    {
        let city_only = CriteriaAction::Add {
            criteria: Criteria {
                contact: Some(field(ContactField::City, "City 01|City 02|City 03")),
                ..Default::default()
            },
            options: AddOptions::default(),
        };
        let action = if name == "city" { &city_only } else { &add };
        let started = Instant::now();
        let mut runs = 0u32;
        while started.elapsed().as_secs_f64() < 5.0 {
            black_box(db.preview(segment, action).expect("works"));
            runs += 1;
        }
        println!("{runs} runs, {:.3} ms each", 5000.0 / f64::from(runs));
        return;
    }
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

    // Exports run in one go in the browser (no slices), so their time is how long the page is
    // busy; not a 10 ms operation, hence printed without the verdict.
    let all_contacts: Vec<_> = db.contacts.keys().copied().collect();
    let some_entries: Vec<_> = db.entries.keys().take(10_000).copied().collect();
    for (name, times) in [
        (
            "export all contacts as CSV",
            time(|| export::contacts_csv(&db, &all_contacts)),
        ),
        (
            "export all contacts as vCard 4.0",
            time(|| export::contacts_vcard(&db, &all_contacts)),
        ),
        (
            "export 10,000 log entries as CSV",
            time(|| export::interaction_log_csv(&db, &some_entries)),
        ),
    ] {
        println!(
            "{name:<52} median {:>8.3}  min {:>8.3}  max {:>8.3}",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        );
    }

    // The start-up path: building the in-memory database (tables and indexes) from decoded
    // records, as the store does after reading the snapshot. Decoding is not included.
    drop(db);
    let records = generate(CONTACTS, LOAD_ENTRIES, now).records();
    let mut load_times: Vec<f64> = (0..LOAD_RUNS)
        .map(|_| {
            let input = records.clone();
            let started = Instant::now();
            let db = black_box(Db::from_records(input));
            let elapsed = started.elapsed().as_secs_f64() * 1000.0;
            drop(db);
            elapsed
        })
        .collect();
    load_times.sort_by(|a, b| a.total_cmp(b));
    let median = load_times[load_times.len() / 2];
    println!(
        "{:<52} median {median:>8.3}  min {:>8.3}  max {:>8.3}  = {:>6.1} x baseline",
        format!("Db::from_records, {CONTACTS} contacts + {LOAD_ENTRIES} entries"),
        load_times[0],
        load_times[load_times.len() - 1],
        median / baseline,
    );
}
