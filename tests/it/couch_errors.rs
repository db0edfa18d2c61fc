//! A server that refuses, fails or answers garbage stops the sync with an error a settings page
//! can put in words, and the local replica is left as it was (or, mid-way, as it was at the
//! last checkpoint, from which the next session goes on).

use crate::couch_server;

use couch_server::{body, send, FakeServer, Local, Server};
use segmentti::core::team::couch::protocol::{BadAnswer, Method};
use segmentti::core::team::couch::{Credentials, Direction, Request, Response, SyncError};
use serde_json::json;

fn anna_with_contacts(n: usize) -> Local {
    let mut anna = Local::new("anna");
    for i in 0..n {
        anna.replica.put(
            &format!("contact:{i}"),
            body(json!({"name": format!("C{i}")})),
        );
    }
    anna
}

/// Runs a pull and a push against `server`/`db` with `credentials`, and checks that both fail
/// with `expected` and leave the replica and the checkpoints untouched.
fn both_ways_fail(server: &str, db: &str, credentials: Option<Credentials>, expected: &SyncError) {
    let mut anna = anna_with_contacts(3);
    let before = anna.replica.clone();
    for direction in [Direction::Pull, Direction::Push] {
        let mut config = anna.config(server, db);
        config.credentials = credentials.clone();
        let result = anna.sync_with(direction, config, &mut send);
        assert_eq!(
            result.as_ref().err(),
            Some(expected),
            "{direction:?}: {result:?}"
        );
        assert!(anna.replica == before, "{direction:?} changed the replica");
        assert!(anna.logs.is_empty(), "{direction:?} saved a checkpoint");
    }
}

fn create_user(server: &Server, name: &str, password: &str) {
    let url = format!("{}/_users/org.couchdb.user:{name}", server.url());
    let user = json!({"name": name, "password": password, "roles": [], "type": "user"});
    let response = send(&couch_server::request(Method::Put, &url, Some(&user))).unwrap();
    assert_eq!(
        response.status,
        201,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
}

#[test]
fn wrong_password_and_not_a_member_are_told_apart() {
    let server = Server::in_memory();
    server.create_db("team");
    create_user(&server, "anna", "right horse battery");
    create_user(&server, "olli", "outsider");
    let security =
        json!({"admins": {"names": [], "roles": []}, "members": {"names": ["anna"], "roles": []}});
    let url = format!("{}/team/_security", server.url());
    let response = send(&couch_server::request(Method::Put, &url, Some(&security))).unwrap();
    assert_eq!(response.status, 200);

    let credentials = |user: &str, password: &str| {
        Some(Credentials {
            user: user.into(),
            password: password.into(),
        })
    };
    both_ways_fail(
        &server.url(),
        "team",
        credentials("anna", "wrong"),
        &SyncError::WrongPassword,
    );
    both_ways_fail(
        &server.url(),
        "team",
        credentials("olli", "outsider"),
        &SyncError::NotAllowed {
            reason: "unauthorized: You are not authorized to access this db.".into(),
        },
    );
    // The right password works, both ways.
    let mut anna = anna_with_contacts(3);
    let mut config = anna.config(&server.url(), "team");
    config.credentials = credentials("anna", "right horse battery");
    let pushed = anna
        .sync_with(Direction::Push, config.clone(), &mut send)
        .expect("push with the right password");
    assert_eq!(pushed.docs_written, 3);
    let mut bea = Local::new("bea");
    bea.sync_with(Direction::Pull, config, &mut send)
        .expect("pull with the right password");
    assert!(bea.replica == anna.replica);
}

#[test]
fn a_database_that_does_not_exist_is_named() {
    let server = Server::in_memory();
    server.create_db("team");
    both_ways_fail(
        &server.url(),
        "taem",
        None,
        &SyncError::NoDatabase {
            database: "taem".into(),
        },
    );
}

#[test]
fn a_server_that_is_not_there_is_unreachable() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut anna = anna_with_contacts(2);
    let before = anna.replica.clone();
    let result = anna.pull(&format!("http://127.0.0.1:{port}"), "team");
    assert!(
        matches!(result, Err(SyncError::Unreachable { .. })),
        "{result:?}"
    );
    assert!(anna.replica == before);
}

fn fails_with_500(_: &str, _: &str) -> (u16, String) {
    (
        500,
        r#"{"error":"internal_server_error","reason":"disk full"}"#.into(),
    )
}

/// The title of the page `answers_html` sends, which is what a person is told it was.
const HTML_TITLE: &str = "Welcome to nginx!";

fn answers_html(_: &str, _: &str) -> (u16, String) {
    (
        200,
        "<!DOCTYPE html>\n<html><head><TITLE>Welcome to\n nginx!</TITLE></head><body><h1>Welcome to nginx!</h1></body></html>".into(),
    )
}

#[test]
fn a_failing_server_and_a_server_answering_html_are_told() {
    let failing = FakeServer::start(fails_with_500);
    both_ways_fail(
        &failing.url(),
        "team",
        None,
        &SyncError::ServerError {
            status: 500,
            reason: "internal_server_error: disk full".into(),
        },
    );
    let html = FakeServer::start(answers_html);
    both_ways_fail(
        &html.url(),
        "team",
        None,
        &SyncError::BadResponse {
            request: "GET database".into(),
            problem: BadAnswer::NotJson {
                line: 1,
                column: 1,
                glimpse: HTML_TITLE.into(),
            },
        },
    );
}

/// A server that looks right until its `_changes` breaks off in the middle.
fn truncated_changes(_: &str, path: &str) -> (u16, String) {
    if path.contains("/_local/") {
        (404, r#"{"error":"not_found","reason":"missing"}"#.into())
    } else if path.contains("/_changes") {
        let rev = format!("1-{}", "a".repeat(32));
        (
            200,
            format!(
                r#"{{"results":[{{"id":"contact:9","seq":1,"changes":[{{"rev":"{rev}"}}]}},{{"id":"contact:10","seq":2,"chan"#
            ),
        )
    } else {
        (200, r#"{"db_name":"team","doc_count":2}"#.into())
    }
}

/// A server whose `_changes` is fine but whose `_bulk_get` answers JSON of another shape.
fn bulk_get_of_another_shape(method: &str, path: &str) -> (u16, String) {
    if path.contains("/_bulk_get") {
        (200, r#"{"rows":[]}"#.into())
    } else if path.contains("/_changes") {
        let rev = format!("1-{}", "a".repeat(32));
        (
            200,
            format!(
                r#"{{"results":[{{"id":"contact:9","seq":1,"changes":[{{"rev":"{rev}"}}]}}],"last_seq":1}}"#
            ),
        )
    } else {
        truncated_changes(method, path)
    }
}

#[test]
fn garbage_in_the_middle_is_named_with_where_it_is() {
    let mut anna = anna_with_contacts(2);
    let before = anna.replica.clone();
    let server = FakeServer::start(truncated_changes);
    match anna.pull(&server.url(), "team") {
        Err(SyncError::BadResponse {
            request,
            problem:
                BadAnswer::NotJson {
                    line,
                    column,
                    glimpse,
                },
        }) => {
            assert_eq!(request, "GET _changes");
            // Where the answer breaks off (its last character), and how it began.
            let sent = truncated_changes("GET", "/team/_changes").1;
            assert_eq!((line, column), (1, sent.chars().count()));
            assert!(
                glimpse.starts_with(r#"{"results":[{"id":"contact:9""#),
                "{glimpse}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(anna.replica == before);

    let server = FakeServer::start(bulk_get_of_another_shape);
    match anna.pull(&server.url(), "team") {
        Err(SyncError::BadResponse { request, problem }) => {
            assert_eq!(request, "POST _bulk_get");
            assert_eq!(
                problem,
                BadAnswer::Missing {
                    part: "results".into()
                }
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(anna.replica == before);
    assert!(anna.logs.is_empty());
}

#[test]
fn a_failure_mid_pull_keeps_what_was_checkpointed_and_the_next_session_goes_on() {
    let server = Server::in_memory();
    server.create_db("team");
    let url = server.url();
    let mut anna = anna_with_contacts(50);
    // Second generations, so that every batch goes through `_bulk_get` (first generations of
    // a fresh pull come with `_changes` itself).
    for i in 0..50 {
        anna.replica.put(
            &format!("contact:{i}"),
            body(json!({"name": format!("C{i}"), "city": "Oulu"})),
        );
    }
    anna.push(&url, "team").unwrap();

    let mut bea = Local::new("bea");
    let mut config = bea.config(&url, "team");
    config.batch_size = 10;
    config.checkpoint_every = 10;
    let mut bulk_gets = 0;
    let mut breaks_on_the_third = |request: &Request| -> Result<Response, String> {
        if request.url.contains("/_bulk_get") {
            bulk_gets += 1;
            if bulk_gets == 3 {
                return Ok(Response {
                    status: 503,
                    body: br#"{"error":"service_unavailable","reason":"maintenance"}"#.to_vec(),
                });
            }
        }
        send(request)
    };
    let result = bea.sync_with(Direction::Pull, config.clone(), &mut breaks_on_the_third);
    assert_eq!(
        result.err(),
        Some(SyncError::ServerError {
            status: 503,
            reason: "service_unavailable: maintenance".into()
        })
    );
    // What a closed tab would have kept: the replica as of the last checkpoint, 20 documents.
    let saved = bea.saved.clone().expect("two checkpoints were saved");
    assert_eq!(saved.live().count(), 20);
    bea.replica = saved;
    let resumed = bea
        .sync_with(Direction::Pull, config, &mut send)
        .expect("the next session");
    assert_eq!(resumed.start_seq, json!(20), "{resumed:?}");
    assert_eq!(resumed.docs_written, 30);
    assert!(bea.replica == anna.replica);
}
