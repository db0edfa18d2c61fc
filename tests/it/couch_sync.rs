//! Replicas meet through a real CouchDB-protocol server (`pouchdb-server -m` on loopback): what
//! one pushes another pulls, edits made apart converge with the team's merge rules, conflicts
//! are listed on both sides and a resolution travels, letters travel as attachments, and a
//! server without `_bulk_get` is read with `open_revs`.

use crate::couch_server;

use couch_server::{body, get, get_json, send, Local, Server};
use segmentti::core::team::couch::{Direction, Request, Response};
use serde_json::{json, Value};

/// Push and pull on every side until a whole round moves nothing.
fn sync_until_quiet(locals: &mut [&mut Local], server: &str, db: &str) {
    for _round in 0..6 {
        let mut moved = 0;
        for local in locals.iter_mut() {
            moved += local.push(server, db).expect("push").docs_written;
            moved += local.pull(server, db).expect("pull").docs_written;
        }
        if moved == 0 {
            return;
        }
    }
    panic!("sync did not settle in 6 rounds");
}

#[test]
fn what_one_replica_pushes_a_fresh_one_pulls_whole() {
    let server = Server::in_memory();
    server.create_db("team");
    let url = server.url();
    let mut anna = Local::new("anna");
    for i in 0..120 {
        anna.replica.put(
            &format!("contact:{i}"),
            body(json!({"name": format!("Contact {i}"), "city": "Oulu", "n": i})),
        );
    }
    for i in 0..10 {
        anna.replica.put(
            &format!("contact:{i}"),
            body(json!({"name": format!("Renamed {i}"), "n": i})),
        );
    }
    anna.replica.delete("contact:50");
    anna.replica.put(
        "contact:é/ä?&",
        body(json!({"name": "Ünïcödé \u{202e} id"})),
    );

    let pushed = anna.push(&url, "team").expect("push");
    assert_eq!(pushed.docs_written, 121, "{pushed:?}");
    assert!(pushed.checkpoints >= 1);

    // The server holds the records as CouchDB documents: the current body, the same revision.
    let info = get_json(&format!("{url}/team"));
    assert_eq!(info["doc_count"], json!(120), "{info}");
    let doc = get_json(&format!("{url}/team/contact:3"));
    assert_eq!(doc["name"], json!("Renamed 3"));
    assert_eq!(
        doc["_rev"],
        json!(anna.replica.winner("contact:3").unwrap().0.to_string())
    );

    let mut bea = Local::new("bea");
    let pulled = bea.pull(&url, "team").expect("pull");
    assert_eq!(pulled.docs_written, 121, "{pulled:?}");
    assert!(bea.replica == anna.replica, "the pulled replica differs");
    assert!(bea.replica.current("contact:50").is_none());
    assert_eq!(
        bea.replica.current("contact:é/ä?&").unwrap()["name"],
        json!("Ünïcödé \u{202e} id")
    );

    // A second session starts from the checkpoint and brings nothing again.
    let again = bea.pull(&url, "team").expect("pull again");
    assert_ne!(again.start_seq, json!(0));
    assert_eq!(again.docs_read, 0, "{again:?}");
    let again = anna.push(&url, "team").expect("push again");
    assert_eq!((again.docs_read, again.docs_written), (0, 0), "{again:?}");
}

#[test]
fn edits_made_apart_converge_and_a_conflict_is_resolved_everywhere() {
    let server = Server::in_memory();
    server.create_db("team");
    let url = server.url();
    let mut anna = Local::new("anna");
    let mut bea = Local::new("bea");
    anna.replica.put(
        "contact:1",
        body(json!({"name": "Aino", "city": "Oulu", "phone": "", "email": ""})),
    );
    anna.replica.put(
        "contact:2",
        body(json!({"name": "Eero", "phone": "", "email": ""})),
    );
    anna.push(&url, "team").unwrap();
    bea.pull(&url, "team").unwrap();

    // Apart: the same field of contact 1 differently, different fields of contact 2.
    let edit = |local: &mut Local, id: &str, field: &str, value: &str| {
        let mut current = local.replica.current(id).unwrap();
        current.insert(field.into(), json!(value));
        local.replica.put(id, current);
    };
    edit(&mut anna, "contact:1", "city", "Turku");
    edit(&mut anna, "contact:1", "phone", "040 1");
    edit(&mut bea, "contact:1", "city", "Tampere");
    edit(&mut bea, "contact:1", "email", "aino@example.fi");
    edit(&mut anna, "contact:2", "phone", "050 2");
    edit(&mut bea, "contact:2", "email", "eero@example.fi");

    sync_until_quiet(&mut [&mut anna, &mut bea], &url, "team");
    assert!(
        anna.replica == bea.replica,
        "the replicas differ after sync"
    );

    // Different fields: both kept, no conflict anywhere, not even on the server.
    let two = anna.replica.current("contact:2").unwrap();
    assert_eq!(
        (two["phone"].clone(), two["email"].clone()),
        (json!("050 2"), json!("eero@example.fi"))
    );
    let on_server = get_json(&format!("{url}/team/contact:2?conflicts=true"));
    assert!(on_server.get("_conflicts").is_none(), "{on_server}");
    assert_eq!(on_server["email"], json!("eero@example.fi"));

    // The same field: listed on both sides with both values; the other fields merged.
    for local in [&anna, &bea] {
        let conflicts = local.replica.conflicts();
        assert_eq!(conflicts.len(), 1, "{}: {conflicts:?}", local.name);
        assert_eq!(conflicts[0].id, "contact:1");
        let fields = &conflicts[0].fields;
        assert_eq!(fields.len(), 1, "{fields:?}");
        assert_eq!(fields[0].field, "city");
        let mut both = [fields[0].winner.clone(), fields[0].other.clone()];
        both.sort_by_key(|v| v.to_string());
        assert_eq!(both, [json!("Tampere"), json!("Turku")]);
        let one = local.replica.current("contact:1").unwrap();
        assert_eq!(one["phone"], json!("040 1"));
        assert_eq!(one["email"], json!("aino@example.fi"));
    }

    // Anna chooses; the choice reaches Bea, and the server holds one version.
    anna.replica
        .resolve("contact:1", &[("city".to_string(), json!("Turku"))]);
    anna.push(&url, "team").unwrap();
    bea.pull(&url, "team").unwrap();
    assert!(
        bea.replica.conflicts().is_empty(),
        "{:?}",
        bea.replica.conflicts()
    );
    let one = bea.replica.current("contact:1").unwrap();
    assert_eq!(one["city"], json!("Turku"));
    assert_eq!(one["email"], json!("aino@example.fi"));
    sync_until_quiet(&mut [&mut anna, &mut bea], &url, "team");
    assert!(anna.replica == bea.replica);
    let on_server = get_json(&format!("{url}/team/contact:1?conflicts=true"));
    assert!(on_server.get("_conflicts").is_none(), "{on_server}");
    assert_eq!(on_server["city"], json!("Turku"));
}

#[test]
fn letters_travel_as_attachments() {
    let server = Server::in_memory();
    server.create_db("team");
    let url = server.url();
    let letter: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let data = segmentti::core::team::couch::protocol::base64(&letter);
    let mut anna = Local::new("anna");
    anna.replica.put(
        "logged:1",
        body(json!({"no": "LSEG1", "_attachments": {
            "CT1.docx": {"content_type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "data": data}
        }})),
    );
    anna.push(&url, "team").unwrap();
    let stored = get(&format!("{url}/team/logged:1/CT1.docx")).unwrap();
    assert_eq!(stored.status, 200);
    assert_eq!(stored.body, letter, "the attachment's bytes on the server");
    let mut bea = Local::new("bea");
    bea.pull(&url, "team").unwrap();
    assert!(bea.replica == anna.replica);
    assert_eq!(
        bea.replica.current("logged:1").unwrap()["_attachments"]["CT1.docx"]["data"],
        json!(data)
    );
}

#[test]
fn a_server_without_bulk_get_is_read_one_document_at_a_time() {
    let server = Server::in_memory();
    server.create_db("team");
    let url = server.url();
    let mut anna = Local::new("anna");
    // Second generations: first generations of a fresh pull come with `_changes` itself and
    // need neither `_bulk_get` nor `open_revs`.
    for i in 0..30 {
        anna.replica
            .put(&format!("contact:{i}"), body(json!({"n": i})));
        anna.replica
            .put(&format!("contact:{i}"), body(json!({"n": i, "m": 1})));
    }
    anna.push(&url, "team").unwrap();
    let mut bea = Local::new("bea");
    let mut open_revs = 0;
    let mut old_server = |request: &Request| -> Result<Response, String> {
        if request.url.contains("/_bulk_get") {
            // CouchDB 1.x treats `_bulk_get` as a document id.
            return Ok(Response {
                status: 404,
                body: br#"{"error":"not_found","reason":"missing"}"#.to_vec(),
            });
        }
        if request.url.contains("open_revs=") {
            open_revs += 1;
        }
        send(request)
    };
    let config = bea.config(&url, "team");
    bea.sync_with(Direction::Pull, config, &mut old_server)
        .expect("pull with open_revs");
    assert_eq!(open_revs, 30);
    assert!(bea.replica == anna.replica);
}

#[test]
fn sequences_are_opaque_values() {
    // CouchDB 3 answers string sequences; the replicator hands them back as they came.
    let server = Server::in_memory();
    server.create_db("team");
    let url = server.url();
    let mut anna = Local::new("anna");
    anna.replica.put("contact:1", body(json!({"n": 1})));
    anna.push(&url, "team").unwrap();
    let mut seen = Vec::new();
    let mut strings = |request: &Request| -> Result<Response, String> {
        let mut request = request.clone();
        if let Some(at) = request.url.find("since=") {
            let rest = &request.url[at + 6..];
            let end = rest.find('&').unwrap_or(rest.len());
            seen.push(rest[..end].to_string());
            // Strip the fake prefix the answers below add, so pouchdb-server reads a number.
            let number = rest[..end].trim_start_matches("7-g1AAAA");
            request.url = format!("{}since={}{}", &request.url[..at], number, &rest[end..]);
        }
        let mut response = send(&request)?;
        if request.url.contains("/_changes") {
            let mut answer: Value = serde_json::from_slice(&response.body).unwrap();
            let last = answer["last_seq"].clone();
            answer["last_seq"] = json!(format!("7-g1AAAA{last}"));
            response.body = answer.to_string().into_bytes();
        }
        Ok(response)
    };
    let mut bea = Local::new("bea");
    let config = bea.config(&url, "team");
    let progress = bea
        .sync_with(Direction::Pull, config.clone(), &mut strings)
        .unwrap();
    assert_eq!(progress.last_seq, json!("7-g1AAAA1"));
    let log = bea.logs.values().next().unwrap();
    assert_eq!(log.source_last_seq, json!("7-g1AAAA1"));
    // The next session resumes from the string as it was given.
    bea.sync_with(Direction::Pull, config, &mut strings)
        .unwrap();
    assert_eq!(seen.last().unwrap(), "7-g1AAAA1");
    assert!(bea.replica == anna.replica);
}

#[test]
fn numbers_come_back_as_they_left_once_written_as_javascript_reads_them() {
    let server = Server::in_memory();
    server.create_db("team");
    let url = server.url();
    let mut anna = Local::new("anna");
    let raw = json!({"cost": 0.0, "duration": 5.0, "rate": 1.5, "lines": [1.0, 2.5]});
    let mut normal = raw.clone();
    segmentti::core::team::couch::protocol::javascript_numbers(&mut normal);
    anna.replica.put("entry:raw", body(raw));
    anna.replica.put("entry:normal", body(normal));
    anna.push(&url, "team").unwrap();
    let mut bea = Local::new("bea");
    bea.pull(&url, "team").unwrap();
    // The server keeps numbers as JavaScript does: 0.0 comes back as 0, a different value,
    // which is why bodies must be written in that form before they become revisions.
    let back = bea.replica.current("entry:raw").unwrap();
    assert_eq!(back["cost"].to_string(), "0");
    assert_ne!(Some(back), anna.replica.current("entry:raw"));
    assert_eq!(
        bea.replica.current("entry:normal"),
        anna.replica.current("entry:normal")
    );
}

#[test]
fn a_checkpoint_written_meanwhile_by_another_tab_is_written_over() {
    // Two tabs of one browser share the replica id and so the replication id: one tab's
    // session writes the server's checkpoint while the other's is running.
    let server = Server::in_memory();
    server.create_db("team");
    let url = server.url();
    let mut first_tab = Local::new("anna");
    for i in 0..5 {
        first_tab
            .replica
            .put(&format!("contact:{i}"), body(json!({"n": i})));
    }
    let mut second_tab = Local::new("anna");
    second_tab.replica = first_tab.replica.clone();
    let mut other_tab_ran = false;
    let mut meanwhile = |request: &Request| -> Result<Response, String> {
        if request.url.contains("/_local/") && request.label == "PUT checkpoint" && !other_tab_ran {
            other_tab_ran = true;
            second_tab.push(&url, "team").expect("the other tab's push");
        }
        send(request)
    };
    let config = first_tab.config(&url, "team");
    let progress = first_tab
        .sync_with(Direction::Push, config, &mut meanwhile)
        .expect("the push goes on past the conflict on its checkpoint");
    assert!(other_tab_ran);
    assert_eq!(progress.checkpoints, 1);
    // The server's checkpoint is the first tab's, and its next session starts from it.
    let again = first_tab.push(&url, "team").unwrap();
    assert_eq!(again.start_seq, json!(5), "{again:?}");
    assert_eq!(again.docs_read, 0);
}

#[test]
fn a_live_push_waits_and_goes_on_when_the_replica_changes() {
    use segmentti::core::team::couch::{Action, Input};
    let server = Server::in_memory();
    server.create_db("team");
    let url = server.url();
    let mut anna = Local::new("anna");
    anna.replica.put("contact:1", body(json!({"n": 1})));
    let mut config = anna.config(&url, "team");
    config.live = true;
    let mut replicator = anna.replicator(Direction::Push, config);
    // Drives the session until it waits for a local change; answers how many documents the
    // server took meanwhile.
    let until_idle = |replicator: &mut segmentti::core::team::couch::Replicator,
                      replica: &segmentti::core::team::replica::Replica,
                      mut input: Input| {
        loop {
            match replicator.next(replica, input).expect("push") {
                Action::Send(request) => input = Input::Response(send(&request).unwrap()),
                Action::SaveCheckpoint(_) => input = Input::Saved,
                Action::Idle => return replicator.progress().docs_written,
                other => panic!("a push does not ask for {other:?}"),
            }
        }
    };
    assert_eq!(until_idle(&mut replicator, &anna.replica, Input::Start), 1);
    anna.replica.put("contact:2", body(json!({"n": 2})));
    assert_eq!(
        until_idle(&mut replicator, &anna.replica, Input::LocalChanged),
        2
    );
    assert_eq!(get_json(&format!("{url}/team"))["doc_count"], json!(2));
}
