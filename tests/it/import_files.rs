//! Imperfect files (issue 14, items 5–7): a CSV file with several bad rows lists them all and can
//! be imported without them, a vCard card that lacks its END:VCARD does not swallow the cards
//! after it, and the import preview states exactly what the import then does.

use segmentti::core::import::*;

/// A vCard file of eight people, the second of which lacks its `END:VCARD`.
fn vcards_with_one_unterminated() -> String {
    let mut text = String::new();
    for n in 1..=8 {
        text.push_str("BEGIN:VCARD\r\nVERSION:3.0\r\n");
        text.push_str(&format!("FN:Person {n}\r\nN:{n};Person;;;\r\n"));
        text.push_str(&format!("EMAIL:person{n}@example.com\r\n"));
        if n != 2 {
            text.push_str("END:VCARD\r\n");
        }
    }
    text
}

#[test]
fn a_card_missing_end_vcard_is_ended_by_the_next_begin_and_every_card_is_offered() {
    let text = vcards_with_one_unterminated();
    let parsed = parse_bytes(text.as_bytes()).unwrap();
    let names: Vec<&str> = parsed.contacts.iter().map(|c| c.name.as_str()).collect();
    let expected: Vec<String> = (1..=8).map(|n| format!("Person {n}")).collect();
    assert_eq!(names, expected);
    // The unterminated card keeps its own data, not that of the card after it.
    assert_eq!(parsed.contacts[1].email, "person2@example.com");
    assert_eq!(parsed.contacts[2].email, "person3@example.com");
    // Each card takes six lines: the second starts on line 7, the third card's BEGIN (line 12)
    // ends it.
    let warning = parsed
        .warnings
        .iter()
        .find(|w| w.code == "import.vcard_ended_by_begin")
        .expect("the unterminated card is reported");
    assert_eq!(warning.line, 7);
    assert!(warning
        .args
        .contains(&("begin_line".to_string(), "12".to_string())));
}

#[test]
fn an_agent_card_inside_a_vcard_21_card_is_still_not_a_contact_of_its_own() {
    let text = concat!(
        "BEGIN:VCARD\nVERSION:2.1\nFN:Anna Aho\nAGENT:\nBEGIN:VCARD\nFN:Agent Smith\nEND:VCARD\n",
        "EMAIL:anna@example.com\nEND:VCARD\n",
        "BEGIN:VCARD\nVERSION:2.1\nFN:Bo Berg\nEND:VCARD\n"
    );
    let parsed = parse_bytes(text.as_bytes()).unwrap();
    let names: Vec<&str> = parsed.contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Anna Aho", "Bo Berg"]);
    assert_eq!(parsed.contacts[0].email, "anna@example.com");
}

// ---------------------------------------------------------------------------------------------
// A CSV file with several bad rows.

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The lines of a file (1-based), each with its line break, as bytes.
fn file_lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|b| *b == b'\n').collect()
}

/// `bad-rows.csv` is a Google CSV file of 99 contacts in which line 12 has too few values,
/// line 23 has 200, line 57 opens a quote that is never closed and line 90 has a Windows-1252
/// `ä` (a byte that is not UTF-8).
#[test]
fn every_bad_row_of_a_csv_file_is_named_in_one_reading() {
    let error = open(&fixture("bad-rows.csv")).unwrap_err();
    let message = error.to_string();
    for line in ["(line 12)", "(line 23)", "(line 57)", "(line 90)"] {
        assert!(message.contains(line), "{line} missing from: {message}");
    }
    let ImportError::BadRows(bad) = error else {
        panic!("{error:?}");
    };
    assert_eq!(
        bad.problems,
        [
            RowProblem {
                row: 12,
                line: 12,
                last_line: 12,
                reason: RowReason::WrongWidth {
                    expected: 5,
                    found: 3
                },
            },
            RowProblem {
                row: 23,
                line: 23,
                last_line: 23,
                reason: RowReason::WrongWidth {
                    expected: 5,
                    found: 200
                },
            },
            RowProblem {
                row: 57,
                line: 57,
                last_line: 57,
                reason: RowReason::UnclosedQuote {
                    column: 2,
                    resumed_at: Some(58)
                },
            },
            RowProblem {
                row: 90,
                line: 90,
                last_line: 90,
                reason: RowReason::NotUtf8 {
                    line: 90,
                    column: 2
                },
            },
        ]
    );
    assert_eq!(bad.more, 0);
    assert_eq!(bad.good_rows, 95);
    // Some rows were not UTF-8, so reading the whole file as Windows-1252 stays on offer.
    assert_eq!(bad.guess, Some(TextEncoding::Windows1252));
    assert_eq!(error_code_of(&fixture("bad-rows.csv")), "import.bad_rows");
}

fn error_code_of(bytes: &[u8]) -> &'static str {
    open(bytes)
        .map(|_| "none")
        .unwrap_or_else(|e| e.code().as_str())
}

#[test]
fn the_good_rows_import_without_the_bad_ones_and_reading_resumes_after_the_unclosed_quote() {
    let bytes = fixture("bad-rows.csv");
    let source = open_skipping_bad_rows(&bytes, None).unwrap();
    assert_eq!(source.format, ImportFormat::GoogleCsv);
    assert_eq!(source.skipped().map(BadRows::count), Some(4));
    let parsed = source.parse().unwrap();
    assert_eq!(parsed.contacts.len(), 95);
    let emails: Vec<&str> = parsed.contacts.iter().map(|c| c.email.as_str()).collect();
    for left_out in [
        "short@example.com",
        "wide@example.com",
        "olli@example.com",
        "sade@example.com",
    ] {
        assert!(!emails.contains(&left_out), "{left_out} was imported");
    }
    // The row after the unclosed quote is read as a row of its own, at its own line.
    let after = parsed
        .contacts
        .iter()
        .find(|c| c.email == "person58@example.com")
        .expect("line 58 is read");
    assert_eq!(
        (after.source_line, after.name.as_str()),
        (58, "Person58 Surname58")
    );
    assert!(emails.contains(&"person100@example.com"));
}

#[test]
fn the_skipped_rows_download_as_the_header_and_their_lines_exactly_as_they_were() {
    let bytes = fixture("bad-rows.csv");
    let ImportError::BadRows(bad) = open(&bytes).unwrap_err() else {
        panic!("bad rows expected");
    };
    let lines = file_lines(&bytes);
    let expected: Vec<u8> = [1, 12, 23, 57, 90]
        .iter()
        .flat_map(|line| lines[line - 1].iter().copied())
        .collect();
    assert_eq!(bad.skipped_file, expected);
    // The file can be fixed and imported later: it is recognised as the same format.
    let fixed = String::from_utf8_lossy(&bad.skipped_file).replace('\u{FFFD}', "ä");
    assert_eq!(
        open(fixed.as_bytes()).unwrap_err().code(),
        "import.bad_rows",
        "still bad until fixed"
    );
}

#[test]
fn a_file_of_many_bad_rows_lists_the_first_hundred_and_counts_the_rest() {
    let mut text = String::from("First Name,Last Name,E-mail 1 - Value,Labels\n");
    for n in 0..250 {
        if n % 2 == 0 {
            text.push_str(&format!("Bad{n},{n}\n"));
        } else {
            text.push_str(&format!("Good{n},X,g{n}@example.com,\n"));
        }
    }
    let ImportError::BadRows(bad) = open(text.as_bytes()).unwrap_err() else {
        panic!("bad rows expected");
    };
    assert_eq!(bad.problems.len(), 100);
    assert_eq!(bad.more, 25);
    assert_eq!(bad.count(), 125);
    assert_eq!(bad.good_rows, 125);
    assert_eq!(bad.problems[99].line, 2 + 198);
    // The download has every skipped row, not only the listed ones.
    assert_eq!(file_lines(&bad.skipped_file).len(), 1 + 125);
}

#[test]
fn a_quote_closed_only_lines_later_is_still_an_unclosed_quote_and_the_lines_between_are_read() {
    // The quote on line 3 is closed by the stray quote on line 5; strict CSV would read lines
    // 3–5 as one row of four values.
    let text = concat!(
        "Name,E-mail 1 - Value,Labels\nA,a@x.example,L\nB,\"b@x.example,L\n",
        "C,c@x.example,L\nD\",d@x.example,L\nE,e@x.example,L\n"
    );
    let read = segmentti::core::import::csv_table::read(text).unwrap();
    assert_eq!(
        read.problems
            .iter()
            .map(|p| (p.line, p.reason))
            .collect::<Vec<_>>(),
        [(
            3,
            RowReason::UnclosedQuote {
                column: 2,
                resumed_at: Some(4)
            }
        )]
    );
    let names: Vec<&str> = (0..read.table.len())
        .map(|r| read.table.cell(r, 0))
        .collect();
    assert_eq!(names, ["A", "C", "D\"", "E"]);
}

// ---------------------------------------------------------------------------------------------
// The preview states exactly what the import does.

use chrono::NaiveDateTime;
use segmentti::core::db::Db;

fn now() -> NaiveDateTime {
    crate::support::at(2026, 12, 4, 16, 0)
}

fn contacts_of(bytes: &[u8]) -> Vec<ImportedContact> {
    parse_bytes(bytes)
        .unwrap_or_else(|e| panic!("{e}"))
        .contacts
}

/// Plans `bytes` against `db`, checks that what the preview says for `choices` is what the
/// import then reports and stores, and applies it.
fn preview_then_import(db: &mut Db, bytes: &[u8], choices: &ImportChoices, what: &str) {
    let plan = plan_import(db, contacts_of(bytes));
    let preview = plan.outcome(choices);
    let (changes, _batch, summary) = apply_import(db, &plan, choices, now()).unwrap();
    assert_eq!(preview, summary, "{what}: preview and result differ");
    let companies_before = db.contacts.values().filter(|c| c.is_company()).count();
    let groups_before = mailing_groups(db);
    db.apply(&changes);
    let companies_after = db.contacts.values().filter(|c| c.is_company()).count();
    let company_rows_added = plan
        .rows
        .iter()
        .enumerate()
        .filter(|(i, row)| {
            row.contact.is_company() && plan.choice_for(choices, *i) == ImportChoice::Add
        })
        .count();
    assert_eq!(
        companies_after - companies_before,
        preview.companies_created + company_rows_added,
        "{what}: companies stored"
    );
    assert_eq!(
        mailing_groups(db) - groups_before,
        preview.mailing_groups_created,
        "{what}: mailing groups stored"
    );
}

fn mailing_groups(db: &Db) -> usize {
    db.classifications
        .get(&segmentti::core::model::ClassificationKind::MailingGroup)
        .map_or(0, |groups| groups.len())
}

#[test]
fn the_preview_of_every_sample_file_states_what_the_import_does_for_every_choice() {
    for choice in [ImportChoice::Skip, ImportChoice::Update, ImportChoice::Add] {
        let choices = ImportChoices::for_duplicates(choice);
        let mut db = Db::new();
        for name in [
            "google-contacts.csv",
            "outlook-contacts.csv",
            "contacts.vcf",
            "google-contacts.csv",
        ] {
            preview_then_import(
                &mut db,
                &fixture(name),
                &choices,
                &format!("{name}, {choice:?}"),
            );
        }
    }
}

#[test]
fn the_preview_counts_companies_and_groups_as_the_import_matches_them() {
    let mut db = Db::new();
    let first = "First Name,Last Name,E-mail 1 - Value,Organization Name,Labels\n\
                 Old,Person,existing@x.example,Acme Oy,Customers\n";
    preview_then_import(
        &mut db,
        first.as_bytes(),
        &ImportChoices::default(),
        "first",
    );
    // Company names that differ from each other and from the stored "Acme Oy" only in case and
    // spacing, a company with a row of its own, a label that is already a mailing group in
    // another case, and a duplicate row (skipped) that alone names a company and a label.
    let second = "First Name,Last Name,E-mail 1 - Value,Organization Name,Labels\n\
                  Anna,Aho,anna@x.example,ACME  oy,customers ::: VIP\n\
                  Bo,Berg,bo@x.example,acme oy,Customers\n\
                  Cy,Cole,cy@x.example,Beta Ltd,\n\
                  Di,Dahl,di@x.example,beta  LTD,vip\n\
                  ,,info@gamma.example,Gamma Oy,\n\
                  Ed,Eno,ed@x.example,GAMMA OY,\n\
                  Old,Person,existing@x.example,Delta Oy,Only On Duplicate\n";
    let plan = plan_import(&db, contacts_of(second.as_bytes()));
    let preview = plan.outcome(&ImportChoices::default());
    // Beta Ltd is the only company made from a name alone: Acme Oy exists, Gamma Oy has its
    // own row, Delta Oy is named only by the skipped duplicate.
    assert_eq!(preview.companies_created, 1);
    // VIP is new; Customers exists; "Only On Duplicate" is on the skipped row.
    assert_eq!(preview.mailing_groups_created, 1);
    assert_eq!((preview.added, preview.updated, preview.skipped), (6, 0, 1));
    preview_then_import(
        &mut db,
        second.as_bytes(),
        &ImportChoices::default(),
        "second",
    );
    // Updating the duplicate instead brings its company and its label along.
    let mut db_update = Db::new();
    preview_then_import(
        &mut db_update,
        first.as_bytes(),
        &ImportChoices::default(),
        "first",
    );
    let update = ImportChoices::for_duplicates(ImportChoice::Update);
    let plan = plan_import(&db_update, contacts_of(second.as_bytes()));
    let preview = plan.outcome(&update);
    assert_eq!(
        (preview.companies_created, preview.mailing_groups_created),
        (2, 2)
    );
    preview_then_import(&mut db_update, second.as_bytes(), &update, "second, update");
}
