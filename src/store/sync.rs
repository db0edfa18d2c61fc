//! The browser's side of live sync with CouchDB: carrying the replicator's requests with
//! `fetch`, driving a session without ever blocking the page, finding out why a server gave no
//! answer, and keeping the sync settings and checkpoints in localStorage.
//!
//! The protocol lives in `core::team::couch` (pure, tested natively against pouchdb-server);
//! this module only moves bytes and yields. [`send`] is the transport: `fetch` in CORS mode
//! with the session cookie included (a CouchDB `_session` login, [`login`]) or the basic
//! authentication header the replicator adds when it has credentials. A request that gets no
//! answer at all — server down, network off, CORS not enabled for this origin, or this page's
//! own Content-Security-Policy — comes back as the words of the failure, which the replicator
//! turns into `SyncError::Unreachable`; [`reach`] then asks the browser which of these it was.
//!
//! [`drive`] runs one session: it sends, hands received documents and checkpoints to the
//! caller's functions (which turn documents into records and commit them), and yields to the
//! event loop after every step, so no task it runs on the main thread is longer than one
//! batch's work. The background loop that runs sessions is `ui/sync.rs`.

use crate::core::team::couch::protocol::{read_json, Method};
use crate::core::team::couch::settings::{checkpoint_from_json, checkpoint_to_json, SyncSettings};
use crate::core::team::couch::status::{connect_src_allows, Reach};
use crate::core::team::couch::{
    Action, Credentials, Input, Progress, ReplicationLog, Replicator, Request, Response, SyncError,
};
use crate::core::team::replica::DocChange;
use gloo_storage::{LocalStorage, Storage};
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
    /// The caller stopped the session (paused, or changed the settings).
    Cancelled,
}

/// Runs one session to its end ([`Action::Done`], or [`Action::Idle`] of a live push).
///
/// `step` calls [`Replicator::next`] with the replica as it is now (it changes between steps as
/// commits land; lending it, rather than copying, keeps a step as cheap as the replicator's work);
/// `receive` turns documents into records and commits them; `save` commits the local
/// checkpoint (on a pull, the caller may hold the last received batch and commit it with the
/// checkpoint); `progress` is told after every step, for the status line; `cancelled` is asked
/// before every step and ends the session with [`DriveError::Cancelled`]. A live pull goes on
/// until the caller cancels it or drops the future.
pub async fn drive(
    replicator: &mut Replicator,
    step: &mut dyn FnMut(&mut Replicator, Input) -> Result<Action, SyncError>,
    receive: &mut impl AsyncFnMut(Vec<DocChange>) -> Result<(), String>,
    save: &mut impl AsyncFnMut(ReplicationLog) -> Result<(), String>,
    progress: &mut dyn FnMut(&Progress),
    cancelled: &dyn Fn() -> bool,
) -> Result<Progress, DriveError> {
    let mut input = Input::Start;
    loop {
        // Checked before every step, so a pause takes effect within one request; the request
        // in flight is left to finish, and nothing it brings is received.
        if cancelled() {
            return Err(DriveError::Cancelled);
        }
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

/// Why a request got no answer, as far as the browser can tell: offline; refused by this page's
/// Content-Security-Policy (read from its `<meta>`; a policy sent as an HTTP header cannot be
/// read by the page and shows as one of the others); or, by a second request to the server
/// without CORS (`mode: no-cors`, whose answer the page cannot read but which succeeds when the
/// server answers at all), CORS refusing this origin as against no answer at all.
pub async fn reach(server: &str) -> Reach {
    let Some(window) = web_sys::window() else {
        return Reach::NoAnswer;
    };
    if !window.navigator().on_line() {
        return Reach::Offline;
    }
    if let (Some(policy), Ok(origin)) = (page_policy(), window.location().origin()) {
        if !connect_src_allows(&policy, &origin, server) {
            return Reach::BlockedByCsp;
        }
    }
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::NoCors);
    init.set_credentials(RequestCredentials::Omit);
    let url = format!("{}/", server.trim_end_matches('/'));
    match JsFuture::from(window.fetch_with_str_and_init(&url, &init)).await {
        Ok(_) => Reach::AnswersWithoutCors,
        Err(_) => Reach::NoAnswer,
    }
}

/// The Content-Security-Policy of this page's `<meta http-equiv>`, if it has one.
pub fn page_policy() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector("meta[http-equiv=\"Content-Security-Policy\"]")
        .ok()??
        .get_attribute("content")
}

/// This page's origin (`http://127.0.0.1:8080`), for messages about CORS.
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Whether the browser says it is online.
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Asks the database for its description (`GET /db/`), as the first step of every session
/// does: the number of documents it holds, or the error it answered.
pub async fn test_connection(
    server: &str,
    database: &str,
    credentials: Option<&Credentials>,
) -> Result<u64, SyncError> {
    let mut headers = vec![("Accept".to_string(), "application/json".to_string())];
    if let Some(credentials) = credentials {
        headers.push(("Authorization".into(), credentials.basic()));
    }
    let request = Request {
        method: Method::Get,
        url: format!(
            "{}/{}/",
            server.trim_end_matches('/'),
            crate::core::team::couch::protocol::encode(database)
        ),
        headers,
        body: None,
        label: "GET database".into(),
    };
    let response = send(&request)
        .await
        .map_err(|detail| SyncError::Unreachable { detail })?;
    let info = read_json(&request.label, &response, database)?;
    Ok(info
        .get("doc_count")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0))
}

/// The localStorage key of the sync settings.
pub const SETTINGS_KEY: &str = "segmentti.sync";

/// The localStorage key of a direction's local checkpoint, by its replication id.
fn checkpoint_key(replication_id: &str) -> String {
    format!("segmentti.sync.checkpoint.{replication_id}")
}

/// The stored sync settings; the defaults (not set up, paused) when none are stored.
pub fn load_settings() -> SyncSettings {
    LocalStorage::get::<serde_json::Value>(SETTINGS_KEY)
        .map(|value| SyncSettings::from_json(&value))
        .unwrap_or_default()
}

/// Saves the sync settings. Failing (storage full or disabled) loses only the settings, so it is
/// reported to the console.
pub fn save_settings(settings: &SyncSettings) {
    if let Err(err) = LocalStorage::set(SETTINGS_KEY, settings.to_json()) {
        leptos::logging::warn!("could not save the sync settings: {err}");
    }
}

/// The local checkpoint saved for a replication, if any (see `core::team::couch::settings` for
/// why localStorage is enough).
pub fn load_checkpoint(replication_id: &str) -> Option<ReplicationLog> {
    LocalStorage::get::<serde_json::Value>(checkpoint_key(replication_id))
        .ok()
        .and_then(|value| checkpoint_from_json(&value))
}

/// Saves a direction's local checkpoint.
pub fn save_checkpoint(replication_id: &str, log: &ReplicationLog) -> Result<(), String> {
    LocalStorage::set(checkpoint_key(replication_id), checkpoint_to_json(log))
        .map_err(|err| err.to_string())
}

/// Waits `ms` milliseconds, or less when `wake` says so (it is asked four times a second), and
/// lets the page run meanwhile.
pub async fn sleep_or_wake(ms: u64, wake: &dyn Fn() -> bool) {
    let mut waited = 0;
    while waited < ms && !wake() {
        let step = (ms - waited).min(250);
        sleep(step).await;
        waited += step;
    }
}

async fn sleep(ms: u64) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                ms.min(i32::MAX as u64) as i32,
            );
        }
    });
    let _ = JsFuture::from(promise).await;
}
