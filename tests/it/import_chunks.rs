//! Reading and planning an import slice by slice (issue #5): the import wizard reads a large
//! file a few thousand rows at a time so that the page stays responsive, and these tests prove
//! that any slicing gives exactly what the one-shot `parse` and `plan_import` give, for every
//! sample file, for generated files full of duplicates, and through a column mapping.

use proptest::prelude::*;
use segmentti::core::db::Db;
use segmentti::core::import::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

use crate::support::now;

/// Reads a source in slices of the given sizes (cycled), as the wizard does.
fn parse_in_slices(
    source: &ImportSource,
    mapping: Option<ColumnMapping>,
    sizes: &[usize],
) -> Result<ParsedImport, ImportError> {
    let mut parsing = source.start_parsing(mapping)?;
    let mut steps = 0;
    for size in sizes.iter().cycle() {
        if parsing.is_finished() {
            break;
        }
        let before = parsing.done();
        parsing.step(source, *size);
        assert!(parsing.done() > before, "every step makes progress");
        assert!(parsing.done() <= parsing.total());
        steps += 1;
        assert!(steps <= parsing.total() + 1, "reading ends");
    }
    parsing.finish(source)
}

/// Plans contacts in slices of the given sizes (cycled).
fn plan_in_slices(db: &Db, contacts: Vec<ImportedContact>, sizes: &[usize]) -> ImportPlan {
    let mut planner = Planner::new(db);
    let mut rest = contacts.into_iter().peekable();
    for size in sizes.iter().cycle() {
        if rest.peek().is_none() {
            break;
        }
        planner.extend(rest.by_ref().take((*size).max(1)));
    }
    planner.finish(db)
}

/// A database that already holds the Google sample, so that plans find existing duplicates.
fn db_with_google() -> Db {
    let mut db = Db::new();
    let parsed = parse_bytes(&fixture("google-contacts.csv")).unwrap();
    let plan = plan_import(&db, parsed.contacts);
    let (changes, _, _) = apply_import(&db, &plan, &ImportChoices::default(), now()).unwrap();
    db.apply(&changes);
    db
}

#[test]
fn every_sample_file_reads_and_plans_the_same_in_slices() {
    let db = db_with_google();
    for name in [
        "google-contacts.csv",
        "outlook-contacts.csv",
        "contacts.vcf",
    ] {
        let source = open(&fixture(name)).unwrap();
        let whole = source.parse().unwrap();
        for sizes in [&[1][..], &[7], &[1000], &[3, 50, 1]] {
            let sliced = parse_in_slices(&source, None, sizes).unwrap();
            assert_eq!(sliced, whole, "{name} read in slices of {sizes:?}");
            for db in [&Db::new(), &db] {
                assert_eq!(
                    plan_in_slices(db, sliced.contacts.clone(), sizes),
                    plan_import(db, whole.contacts.clone()),
                    "{name} planned in slices of {sizes:?}"
                );
            }
        }
    }
}

#[test]
fn a_vcard_file_is_one_step() {
    let source = open(&fixture("contacts.vcf")).unwrap();
    assert!(!source.counts_rows());
    let mut parsing = source.start_parsing(None).unwrap();
    assert_eq!((parsing.done(), parsing.total()), (0, 1));
    parsing.step(&source, 10);
    assert!(parsing.is_finished());
    assert_eq!(parsing.finish(&source).unwrap(), source.parse().unwrap());
}

#[test]
fn problems_found_before_reading_are_refused_at_the_start() {
    let source = open(b"Kundennummer,Anrede,Notiz\n1,Herr,x\n").unwrap();
    assert_eq!(source.format, ImportFormat::GenericCsv);
    assert_eq!(
        source.start_parsing(None).unwrap_err().code(),
        source.parse().unwrap_err().code()
    );
    let nameless = ColumnMapping::default();
    assert_eq!(
        source.start_parsing(Some(nameless.clone())).unwrap_err(),
        source.parse_with_mapping(&nameless).unwrap_err()
    );
    // A file with a header and no data row is refused when reading ends, as in one go.
    let empty = open(b"First Name,Last Name,E-mail 1 - Value\n").unwrap();
    assert_eq!(
        parse_in_slices(&empty, None, &[5]).unwrap_err(),
        empty.parse().unwrap_err()
    );
}

/// One generated row: names, companies and addresses drawn from small pools, so that rows
/// repeat each other's e-mail, name and company, and some rows are companies or blank.
fn row() -> impl Strategy<Value = (usize, usize, usize, usize, bool)> {
    (0..12usize, 0..6usize, 0..5usize, 0..15usize, any::<bool>())
}

fn google_csv(rows: &[(usize, usize, usize, usize, bool)]) -> String {
    let mut out = String::from(
        "First Name,Last Name,Organization Name,E-mail 1 - Value,Labels,Address 1 - City\n",
    );
    for &(first, last, company, email, labelled) in rows {
        // Zero means empty, so that blank rows, persons without a company and companies
        // without a person all occur.
        let first = if first == 0 {
            String::new()
        } else {
            format!("Name{first}")
        };
        let last = if last == 0 {
            String::new()
        } else {
            format!("Surname{last}")
        };
        let company = if company == 0 {
            String::new()
        } else {
            format!("Company {company}")
        };
        let email = if email == 0 {
            String::new()
        } else {
            format!("P{email}@Example.com")
        };
        let labels = if labelled {
            "Friends ::: * myContacts"
        } else {
            ""
        };
        out.push_str(&format!("{first},{last},{company},{email},{labels},City\n"));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_slicing_reads_and_plans_a_google_file_as_one_pass(
        rows in prop::collection::vec(row(), 1..120),
        sizes in prop::collection::vec(1..40usize, 1..6),
        against_google in any::<bool>(),
    ) {
        let source = open(google_csv(&rows).as_bytes()).unwrap();
        prop_assert_eq!(source.format, ImportFormat::GoogleCsv);
        let whole = source.parse();
        let sliced = parse_in_slices(&source, None, &sizes);
        prop_assert_eq!(&sliced, &whole);
        if let Ok(parsed) = whole {
            let db = if against_google { db_with_google() } else { Db::new() };
            prop_assert_eq!(
                plan_in_slices(&db, parsed.contacts.clone(), &sizes),
                plan_import(&db, parsed.contacts)
            );
        }
    }

    #[test]
    fn any_slicing_reads_a_mapped_file_as_one_pass(
        rows in prop::collection::vec(row(), 1..80),
        sizes in prop::collection::vec(1..30usize, 1..6),
    ) {
        let source = open(google_csv(&rows).as_bytes()).unwrap();
        let mapping = source.suggested_mapping().unwrap();
        let whole = source.parse_with_mapping(&mapping);
        prop_assert_eq!(parse_in_slices(&source, Some(mapping), &sizes), whole);
    }
}

/// Where the time of a 100,000-row import goes natively, to choose what to slice. Run with
/// `cargo test --release --test import_chunks -- --ignored --nocapture`.
#[test]
#[ignore]
fn time_the_steps_of_a_hundred_thousand_rows() {
    use std::time::Instant;
    let mut text =
        String::from("First Name,Last Name,Organization Name,E-mail 1 - Value,Address 1 - City\n");
    for i in 0..100_000 {
        text.push_str(&format!(
            "Person{i},Surname{},Company {},person{i}@example.com,City {}\n",
            i % 997,
            i % 5000,
            i % 40
        ));
    }
    let t = Instant::now();
    let source = open(text.as_bytes()).unwrap();
    let opened = t.elapsed();
    let t = Instant::now();
    let parsed = source.parse().unwrap();
    let read = t.elapsed();
    let db = Db::new();
    let t = Instant::now();
    let plan = plan_import(&db, parsed.contacts);
    let planned = t.elapsed();
    let t = Instant::now();
    let (changes, _, _) = apply_import(&db, &plan, &ImportChoices::default(), now()).unwrap();
    let applied = t.elapsed();
    let t = Instant::now();
    let mut db = db;
    db.apply(&changes);
    println!(
        "open {opened:?}, parse {read:?}, plan {planned:?}, apply {applied:?}, db.apply {:?}",
        t.elapsed()
    );
}
