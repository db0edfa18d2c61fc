//! What Settings → Team sync tells a person, decided natively: the status machine of the
//! background loop (`core::team::couch::status`), its back-off, which failures stop sync and
//! which pass by themselves, the Content-Security-Policy check against the app's own policy in
//! `index.html`, the server address rule, and the stored forms of the settings and checkpoints.

use segmentti::core::team::couch::protocol::HistoryEntry;
use segmentti::core::team::couch::settings::{
    check_address, checkpoint_from_json, checkpoint_to_json, AddressProblem, SyncSettings,
};
use segmentti::core::team::couch::status::{
    connect_src_allows, retry_delay_ms, Phase, Problem, Reach, SyncStatus, MAX_RETRY_MS,
};
use segmentti::core::team::couch::{Direction, Progress, ReplicationLog, SyncError};
use serde_json::json;

fn unreachable() -> SyncError {
    SyncError::Unreachable {
        detail: "TypeError: Failed to fetch".into(),
    }
}

#[test]
fn no_answer_is_told_apart_by_what_the_browser_found_out() {
    let cases = [
        (Reach::Offline, Problem::Offline),
        (Reach::BlockedByCsp, Problem::BlockedByCsp),
        (Reach::AnswersWithoutCors, Problem::CorsNotEnabled),
        (Reach::NoAnswer, Problem::Unreachable),
    ];
    for (reach, problem) in cases {
        assert_eq!(Problem::from_error(&unreachable(), reach), problem);
    }
    // An answer in words is that answer, whatever the reach.
    assert_eq!(
        Problem::from_error(&SyncError::WrongPassword, Reach::AnswersWithoutCors),
        Problem::WrongPassword
    );
    assert_eq!(
        Problem::from_error(
            &SyncError::NoDatabase {
                database: "taem".into()
            },
            Reach::NoAnswer
        ),
        Problem::NoDatabase {
            database: "taem".into()
        }
    );
}

#[test]
fn failures_that_need_a_person_stop_and_the_others_back_off() {
    for problem in [
        Problem::WrongPassword,
        Problem::NoDatabase {
            database: "x".into(),
        },
        Problem::NotAllowed { reason: "r".into() },
        Problem::CorsNotEnabled,
        Problem::BlockedByCsp,
        Problem::Refused {
            status: 400,
            reason: "r".into(),
        },
    ] {
        let mut status = SyncStatus::new(Phase::Connecting);
        assert_eq!(status.failed(problem.clone()), None, "{problem:?}");
        assert_eq!(status.phase, Phase::Stopped { problem });
    }

    let mut status = SyncStatus::new(Phase::Connecting);
    let waits: Vec<u64> = (0..8)
        .map(|_| status.failed(Problem::Unreachable).expect("retries"))
        .collect();
    assert_eq!(
        waits,
        [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]
    );
    assert_eq!(status.failures(), 8);
    assert_eq!(
        status.phase,
        Phase::Retrying {
            problem: Problem::Unreachable,
            retry_ms: MAX_RETRY_MS
        }
    );
    // A new session shows the problem until the server answers, not "connecting".
    status.connecting();
    assert!(matches!(status.phase, Phase::Retrying { .. }));
    // Success starts the count over.
    status.caught_up();
    assert_eq!(status.phase, Phase::UpToDate);
    // The next round's start does not make the line flicker.
    status.connecting();
    assert_eq!(status.phase, Phase::UpToDate);
    assert_eq!(status.failed(Problem::Offline), Some(1_000));
    assert_eq!(retry_delay_ms(u32::MAX), MAX_RETRY_MS);
}

#[test]
fn progress_reads_as_n_of_m_and_a_session_with_nothing_to_do_is_not_syncing() {
    let mut status = SyncStatus::new(Phase::Paused);
    status.connecting();
    assert_eq!(status.phase, Phase::Connecting);
    // Nothing moved yet (the connection check, the checkpoint): still connecting.
    status.progress(Direction::Pull, &Progress::default());
    assert_eq!(status.phase, Phase::Connecting);

    let progress = Progress {
        docs_read: 1_200,
        pending: Some(8_800),
        ..Progress::default()
    };
    status.progress(Direction::Push, &progress);
    assert_eq!(
        status.phase,
        Phase::Syncing {
            direction: Direction::Push,
            done: 1_200,
            total: Some(10_000)
        }
    );
    // Without a pending count (a server that does not say) only the count so far.
    let progress = Progress {
        docs_read: 40,
        pending: None,
        ..Progress::default()
    };
    status.progress(Direction::Pull, &progress);
    assert_eq!(
        status.phase,
        Phase::Syncing {
            direction: Direction::Pull,
            done: 40,
            total: None
        }
    );
}

/// The policy `index.html` ships with, read from the file so this test follows it.
fn shipped_policy() -> String {
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html"))
        .expect("index.html");
    let start = html.find("Content-Security-Policy").expect("a CSP meta");
    let content = &html[start..];
    let open = content.find("content=\"").expect("its content") + "content=\"".len();
    let close = content[open..].find('"').unwrap();
    content[open..open + close].to_string()
}

#[test]
fn the_shipped_policy_allows_only_the_apps_own_origin_until_the_operator_adds_the_server() {
    let page = "http://127.0.0.1:8080";
    let policy = shipped_policy();
    assert!(connect_src_allows(
        &policy,
        page,
        "http://127.0.0.1:8080/_session"
    ));
    assert!(!connect_src_allows(
        &policy,
        page,
        "http://127.0.0.1:5984/team/"
    ));
    assert!(!connect_src_allows(
        &policy,
        page,
        "https://couch.example.org/team/"
    ));

    // What the README tells the operator to do.
    let widened = policy.replace(
        "connect-src 'self'",
        "connect-src 'self' https://couch.example.org http://127.0.0.1:5984",
    );
    assert_ne!(widened, policy);
    assert!(connect_src_allows(
        &widened,
        page,
        "https://couch.example.org/team/_changes"
    ));
    assert!(connect_src_allows(
        &widened,
        page,
        "https://couch.example.org:443/team/"
    ));
    assert!(!connect_src_allows(
        &widened,
        page,
        "https://couch.example.org:6984/team/"
    ));
    assert!(!connect_src_allows(
        &widened,
        page,
        "https://evil.example.org/"
    ));
    assert!(connect_src_allows(
        &widened,
        page,
        "http://127.0.0.1:5984/team/"
    ));
    assert!(!connect_src_allows(
        &widened,
        page,
        "http://127.0.0.1:5985/team/"
    ));
}

#[test]
fn source_expressions_match_as_csp_says() {
    let page = "https://app.example.org";
    let allows = |policy: &str, url: &str| connect_src_allows(policy, page, url);
    // connect-src wins over default-src; default-src counts without it; no directive allows.
    assert!(!allows(
        "default-src *; connect-src 'self'",
        "https://couch.example.org/"
    ));
    assert!(allows(
        "default-src https://couch.example.org",
        "https://couch.example.org/db"
    ));
    assert!(allows("img-src 'self'", "https://anything.example.net/"));
    assert!(!allows("connect-src 'none'", "https://app.example.org/"));
    assert!(allows("connect-src *", "https://couch.example.org/"));
    assert!(allows("connect-src https:", "https://couch.example.org/"));
    assert!(!allows("connect-src https:", "http://couch.example.org/"));
    assert!(allows(
        "connect-src *.example.org",
        "https://couch.example.org/"
    ));
    assert!(!allows("connect-src *.example.org", "https://example.org/"));
    assert!(allows(
        "connect-src couch.example.org:*",
        "https://couch.example.org:6984/"
    ));
    assert!(allows(
        "connect-src http://couch.example.org",
        "https://couch.example.org/"
    ));
    assert!(allows("connect-src 'self'", "https://app.example.org/x"));
    assert!(!allows(
        "connect-src 'self'",
        "https://app.example.org:8443/x"
    ));
    assert!(!allows(
        "connect-src 'self' 'unsafe-inline'",
        "https://x.org/"
    ));
}

#[test]
fn plain_http_only_to_this_computer() {
    assert_eq!(
        check_address(" https://couch.example.org/ "),
        Ok("https://couch.example.org".into())
    );
    assert_eq!(
        check_address("http://127.0.0.1:5984"),
        Ok("http://127.0.0.1:5984".into())
    );
    assert_eq!(
        check_address("http://localhost:5984/"),
        Ok("http://localhost:5984".into())
    );
    assert_eq!(
        check_address("http://[::1]:5984"),
        Ok("http://[::1]:5984".into())
    );
    assert_eq!(
        check_address("http://couch.example.org"),
        Err(AddressProblem::PlainHttp)
    );
    assert_eq!(
        check_address("http://127.0.0.1.example.org"),
        Err(AddressProblem::PlainHttp)
    );
    for bad in [
        "",
        "couch.example.org",
        "ftp://x",
        "https://",
        "https://a b",
        "https://u:p@x",
    ] {
        assert_eq!(
            check_address(bad),
            Err(AddressProblem::NotAnAddress),
            "{bad:?}"
        );
    }
}

#[test]
fn settings_round_trip_and_read_leniently_without_showing_the_password() {
    let settings = SyncSettings {
        server: "https://couch.example.org".into(),
        database: "team".into(),
        user: "anna".into(),
        password: Some("right horse battery".into()),
        running: true,
    };
    let stored = settings.to_json();
    assert_eq!(stored["version"], json!(1));
    assert_eq!(SyncSettings::from_json(&stored), settings);
    assert!(!format!("{settings:?}").contains("horse"));
    let forgotten = SyncSettings {
        password: None,
        ..settings.clone()
    };
    assert_eq!(forgotten.to_json()["password"], json!(null));
    // One broken field loses only itself.
    let broken = json!({"server": 5, "database": "team", "user": "anna", "running": "yes"});
    let read = SyncSettings::from_json(&broken);
    assert_eq!(read.server, "");
    assert_eq!(read.database, "team");
    assert!(!read.running);
    assert!(!read.is_set_up());
    assert!(settings.is_set_up());
}

#[test]
fn a_checkpoint_round_trips_through_its_stored_form_and_a_foreign_one_is_none() {
    let log = ReplicationLog {
        session_id: "s1".into(),
        // Sequences are opaque: CouchDB 3's are strings.
        source_last_seq: json!("12-g1AAAA"),
        replication_id_version: 1,
        history: vec![HistoryEntry {
            session_id: "s1".into(),
            start_time: "2026-12-05T07:00:00Z".into(),
            start_last_seq: json!(0),
            end_last_seq: json!("12-g1AAAA"),
            recorded_seq: json!("12-g1AAAA"),
            missing_checked: 3,
            missing_found: 2,
            docs_read: 2,
            docs_written: 2,
            doc_write_failures: 0,
        }],
    };
    let text = checkpoint_to_json(&log).to_string();
    let back = checkpoint_from_json(&serde_json::from_str(&text).unwrap());
    assert_eq!(back, Some(log.clone()));
    let mut newer = checkpoint_to_json(&log);
    newer["version"] = json!(2);
    assert_eq!(checkpoint_from_json(&newer), None);
    assert_eq!(checkpoint_from_json(&json!({"version": 1, "log": 5})), None);
    assert_eq!(checkpoint_from_json(&json!("garbage")), None);
}
