//! The browser's side of live sync with CouchDB: carrying the replicator's requests with
//! `fetch`, and driving a session without ever blocking the page.
//!
//! The protocol lives in `core::team::couch` (pure, tested natively against pouchdb-server);
//! this module only moves bytes and yields. [`send`] is the transport: `fetch` in CORS mode
//! with the session cookie included (a CouchDB `_session` login, [`login`]) or the basic
//! authentication header the replicator adds when it has credentials. A request that gets no
//! answer at all — server down, network off, or CORS not enabled for this origin, which the
//! browser reports the same way — comes back as the words of the failure, which the replicator
//! turns into `SyncError::Unreachable`.
//!
//! [`drive`] runs one session: it sends, hands received documents and checkpoints to the
//! caller's functions (which turn documents into records and commit them with the checkpoint in
//! one transaction), and yields to the event loop after every step, so no task it runs on the
//! main thread is longer than one batch's work.
//!
//! Not here yet: the background loop that restarts sessions (pull live, push on change), the
//! Settings → Team sync page and the Content-Security-Policy for the configured server; see the
//! README's "Live sync with CouchDB".

use crate::core::team::couch::protocol::Method;
use crate::core::team::couch::{
    Action, Input, Progress, ReplicationLog, Replicator, Request, Response, SyncError,
};
use crate::core::team::replica::DocChange;
use js_sys::{Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestCredentials, RequestInit, RequestMode};

/// Words for a JavaScript error value (a `TypeError: Failed to fetch`, an abort).
fn words(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "no answer".to_string())
}

/// Carries one request with `fetch` and brings back the status and body, or the words of a
/// failure to get any answer.
pub async fn send(request: &Request) -> Result<Response, String> {
    let window = web_sys::window().ok_or("no window")?;
    let headers = Headers::new().map_err(words)?;
    for (name, value) in &request.headers {
        headers.append(name, value).map_err(words)?;
    }
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_headers(&headers);
    init.set_mode(RequestMode::Cors);
    // The `_session` cookie goes with every request; CouchDB's CORS must allow credentials.
    init.set_credentials(RequestCredentials::Include);
    if let Some(body) = &request.body {
        init.set_body(&Uint8Array::from(body.as_slice()));
    }
    let answer = JsFuture::from(window.fetch_with_str_and_init(&request.url, &init))
        .await
        .map_err(words)?;
    let answer: web_sys::Response = answer.dyn_into().map_err(words)?;
    let status = answer.status();
    let buffer = JsFuture::from(answer.array_buffer().map_err(words)?)
        .await
        .map_err(words)?;
    Ok(Response {
        status,
        body: Uint8Array::new(&buffer).to_vec(),
    })
}

/// Logs in to CouchDB (`POST /_session`), so that the browser holds the session cookie and no
/// password needs to be kept: the answer as the replicator would read it (401 for a wrong
/// password).
pub async fn login(server: &str, user: &str, password: &str) -> Result<Response, String> {
    let body = serde_json::json!({"name": user, "password": password});
    send(&Request {
        method: Method::Post,
        url: format!("{}/_session", server.trim_end_matches('/')),
        headers: vec![
            ("Accept".into(), "application/json".into()),
            ("Content-Type".into(), "application/json".into()),
        ],
        body: Some(body.to_string().into_bytes()),
        label: "POST _session".into(),
    })
    .await
}

/// Lets the browser run everything waiting (input, paint) before going on.
pub async fn yield_now() {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Why a driven session stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DriveError {
    /// The server's side, in words the settings page has ([`SyncError`]).
    Sync(SyncError),
    /// This browser could not store what arrived or the checkpoint (the store's words).
    Local(String),
}

/// Runs one session to its end ([`Action::Done`], or [`Action::Idle`] of a live push).
///
/// `step` calls [`Replicator::next`] with the replica as it is now (it changes between steps as
/// commits land; lending it, rather than copying, keeps a step as cheap as the replicator's work);
/// `receive` turns documents into records and commits them; `save` commits the local
/// checkpoint (on a pull, the caller may hold the last received batch and commit it with the
/// checkpoint); `progress` is told after every step, for the status line. A live pull goes on
/// until the caller drops the future.
pub async fn drive(
    replicator: &mut Replicator,
    step: &mut dyn FnMut(&mut Replicator, Input) -> Result<Action, SyncError>,
    receive: &mut impl AsyncFnMut(Vec<DocChange>) -> Result<(), String>,
    save: &mut impl AsyncFnMut(ReplicationLog) -> Result<(), String>,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Progress, DriveError> {
    let mut input = Input::Start;
    loop {
        let action = step(replicator, input).map_err(DriveError::Sync)?;
        progress(replicator.progress());
        input = match action {
            Action::Send(request) => match send(&request).await {
                Ok(response) => Input::Response(response),
                Err(detail) => Input::Unreachable(detail),
            },
            Action::Receive(changes) => {
                receive(changes).await.map_err(DriveError::Local)?;
                Input::Received
            }
            Action::SaveCheckpoint(log) => {
                save(log).await.map_err(DriveError::Local)?;
                Input::Saved
            }
            Action::Idle | Action::Done => return Ok(replicator.progress().clone()),
        };
        yield_now().await;
    }
}
