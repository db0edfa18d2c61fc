//! What Settings → Team sync tells a person about live sync, decided without a browser: the
//! status of the background loop as a small state machine ([`SyncStatus`]), how long it waits
//! before trying again ([`retry_delay_ms`]), which failures need a person and which pass by
//! themselves, and whether the page's Content-Security-Policy lets it reach the server at all
//! ([`connect_src_allows`]).
//!
//! The loop (`src/ui/sync.rs`) feeds events in; the page turns the resulting [`Phase`] into
//! words from the catalogue. Keeping the decisions here means they are tested natively
//! (`tests/it/sync_status.rs`), and the page has nothing to decide.

use super::protocol::{BadAnswer, SyncError};
use super::replicator::{Direction, Progress};

/// Why sync cannot go on, in the terms the page words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// 401: wrong user name or password.
    WrongPassword,
    /// 403 (or CouchDB's 401 for a user who is not a member): not allowed.
    NotAllowed { reason: String },
    /// 404 on the database.
    NoDatabase { database: String },
    /// The browser is offline (`navigator.onLine` is false).
    Offline,
    /// No answer, and the server cannot be reached even without CORS: down, wrong address.
    Unreachable,
    /// The server answers, but not to this app's origin: CORS is not enabled for it.
    CorsNotEnabled,
    /// The page's own Content-Security-Policy does not list the server in `connect-src`, so the
    /// browser refuses to send anything: the operator has to add it (README).
    BlockedByCsp,
    /// 5xx.
    ServerError { status: u16, reason: String },
    /// An answer that is not CouchDB's: which request, and where it broke.
    BadResponse { request: String, problem: BadAnswer },
    /// Another 4xx.
    Refused { status: u16, reason: String },
    /// This browser could not store what arrived (the store's words).
    Local { reason: String },
}

/// How a request that got no answer at all failed, as far as the browser can find out: the
/// replicator only knows "no answer" (fetch rejects the same way for all of these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The browser says it is offline.
    Offline,
    /// The page's policy does not allow connecting to the server.
    BlockedByCsp,
    /// A request without CORS (`mode: no-cors`) got an answer, so the server is there and only
    /// CORS refused this origin.
    AnswersWithoutCors,
    /// Nothing answered at all.
    NoAnswer,
}

impl Problem {
    /// The problem a replicator error means; `reach` tells apart the ways of getting no answer.
    pub fn from_error(error: &SyncError, reach: Reach) -> Problem {
        match error {
            SyncError::WrongPassword => Problem::WrongPassword,
            SyncError::NotAllowed { reason } => Problem::NotAllowed {
                reason: reason.clone(),
            },
            SyncError::NoDatabase { database } => Problem::NoDatabase {
                database: database.clone(),
            },
            SyncError::Unreachable { .. } => match reach {
                Reach::Offline => Problem::Offline,
                Reach::BlockedByCsp => Problem::BlockedByCsp,
                Reach::AnswersWithoutCors => Problem::CorsNotEnabled,
                Reach::NoAnswer => Problem::Unreachable,
            },
            SyncError::ServerError { status, reason } => Problem::ServerError {
                status: *status,
                reason: reason.clone(),
            },
            SyncError::BadResponse { request, problem } => Problem::BadResponse {
                request: request.clone(),
                problem: problem.clone(),
            },
            SyncError::Refused { status, reason } => Problem::Refused {
                status: *status,
                reason: reason.clone(),
            },
        }
    }

    /// Whether trying again later can help without anybody doing anything: a network that comes
    /// back, a server that restarts. A wrong password, a missing database, a missing permission,
    /// CORS or the page's policy need a person to change something, so the loop stops and says
    /// so instead of knocking on the server forever.
    pub fn passes_by_itself(&self) -> bool {
        matches!(
            self,
            Problem::Offline
                | Problem::Unreachable
                | Problem::ServerError { .. }
                | Problem::BadResponse { .. }
                | Problem::Local { .. }
        )
    }
}

/// The first wait after a failure that passes by itself, in milliseconds.
pub const FIRST_RETRY_MS: u64 = 1_000;
/// The longest wait between tries (the loop is also woken at once when the browser goes online).
pub const MAX_RETRY_MS: u64 = 30_000;

/// How long to wait before try number `attempt` (1 for the first retry): doubling from
/// [`FIRST_RETRY_MS`] up to [`MAX_RETRY_MS`], so a server that is down for an hour is asked
/// about twice a minute, not hammered.
pub fn retry_delay_ms(attempt: u32) -> u64 {
    let doublings = attempt.saturating_sub(1).min(16);
    (FIRST_RETRY_MS << doublings).min(MAX_RETRY_MS)
}

/// What the loop is doing, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// No server, database or user set yet.
    NotSetUp,
    /// The person paused sync (or never started it).
    Paused,
    /// This browser has not joined a team (Settings → Team): sync needs its origin to tell its
    /// own records from its teammates'.
    NotJoined,
    /// The password is not remembered in this browser and has not been typed since it opened.
    NeedsPassword,
    /// Starting a session: checking the database and the checkpoints.
    Connecting,
    /// Moving documents: `done` of `total` (when the server or the queue says how many).
    Syncing {
        direction: Direction,
        done: u64,
        total: Option<u64>,
    },
    /// Both directions caught up.
    UpToDate,
    /// A failure that passes by itself; the loop tries again after `retry_ms`.
    Retrying { problem: Problem, retry_ms: u64 },
    /// A failure that needs a person: the loop has stopped.
    Stopped { problem: Problem },
}

/// The status of the background loop: the phase and how many tries have failed in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncStatus {
    pub phase: Phase,
    failures: u32,
}

impl Default for SyncStatus {
    fn default() -> Self {
        SyncStatus {
            phase: Phase::Paused,
            failures: 0,
        }
    }
}

impl SyncStatus {
    pub fn new(phase: Phase) -> Self {
        SyncStatus { phase, failures: 0 }
    }

    /// A session begins (both directions begin with a connection check).
    pub fn connecting(&mut self) {
        // Keep showing a retry's problem until the server has answered, and "up to date" while
        // the loop looks again every few seconds: otherwise the status line (a live region
        // that screen readers announce) would flicker with every round.
        if !matches!(self.phase, Phase::Retrying { .. } | Phase::UpToDate) {
            self.phase = Phase::Connecting;
        }
    }

    /// The replicator reported progress. Nothing is shown as moving until documents move, so a
    /// session that finds nothing to do goes from "connecting" straight to "up to date".
    pub fn progress(&mut self, direction: Direction, progress: &Progress) {
        let done = progress.docs_read;
        let pending = progress.pending.filter(|p| *p > 0);
        if done == 0 && pending.is_none() {
            return;
        }
        self.failures = 0;
        self.phase = Phase::Syncing {
            direction,
            done,
            total: pending.map(|p| done + p),
        };
    }

    /// Both directions finished caught up.
    pub fn caught_up(&mut self) {
        self.failures = 0;
        self.phase = Phase::UpToDate;
    }

    /// A session failed: returns how long to wait before the next try, or `None` when the loop
    /// must stop until a person changes something.
    pub fn failed(&mut self, problem: Problem) -> Option<u64> {
        if !problem.passes_by_itself() {
            self.phase = Phase::Stopped { problem };
            return None;
        }
        self.failures = self.failures.saturating_add(1);
        let retry_ms = retry_delay_ms(self.failures);
        self.phase = Phase::Retrying { problem, retry_ms };
        Some(retry_ms)
    }

    /// Tries failed in a row since the last success.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// The person paused, or changed the settings: the count of failures starts over.
    pub fn reset(&mut self, phase: Phase) {
        self.failures = 0;
        self.phase = phase;
    }
}

/// Whether a Content-Security-Policy lets a page at `page_origin` (`scheme://host[:port]`)
/// connect to `url` (fetch, XHR): the `connect-src` directive, or `default-src` without one, by
/// CSP Level 3's matching for the source expressions a policy here would use: `'self'`, `'none'`,
/// `*`, a scheme (`https:`), and hosts with an optional scheme, `*.` wildcard, port or `:*`.
/// Paths in a source are ignored (they only narrow), so this may say yes where the browser says
/// no, never the other way round. A policy without either directive allows everything.
pub fn connect_src_allows(policy: &str, page_origin: &str, url: &str) -> bool {
    let directives: Vec<(String, Vec<&str>)> = policy
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_ascii_lowercase();
            Some((name, words.collect()))
        })
        .collect();
    let sources = directives
        .iter()
        .find(|(name, _)| name == "connect-src")
        .or_else(|| directives.iter().find(|(name, _)| name == "default-src"));
    let Some((_, sources)) = sources else {
        return true;
    };
    let Some(target) = Origin::parse(url) else {
        return false;
    };
    let page = Origin::parse(page_origin);
    sources
        .iter()
        .any(|source| source_matches(source, page.as_ref(), &target))
}

/// A URL's scheme, host and port (the scheme's default port when none is written).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: Option<u16>,
}

fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" | "ws" => Some(80),
        "https" | "wss" => Some(443),
        _ => None,
    }
}

impl Origin {
    fn parse(url: &str) -> Option<Origin> {
        let (scheme, rest) = url.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        // Credentials in the address (user:password@) are not part of the origin.
        let authority = authority.rsplit('@').next().unwrap_or(authority);
        let (host, port) = split_port(authority)?;
        let port = match port {
            Some(p) => Some(p.parse().ok()?),
            None => default_port(&scheme),
        };
        Some(Origin {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }
}

/// Splits `host[:port]`, keeping an IPv6 literal's brackets whole.
fn split_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if authority.is_empty() {
        return None;
    }
    if authority.starts_with('[') {
        let end = authority.find(']')?;
        let (host, rest) = authority.split_at(end + 1);
        return Some((host, rest.strip_prefix(':')));
    }
    Some(match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}

/// Whether a scheme in a source allows the target's: the same, or the secure upgrade CSP allows
/// (`http:` also allows `https:`, `ws:` also `wss:`).
fn scheme_allows(source: &str, target: &str) -> bool {
    source == target || matches!((source, target), ("http", "https") | ("ws", "wss"))
}

fn source_matches(source: &str, page: Option<&Origin>, target: &Origin) -> bool {
    let lower = source.to_ascii_lowercase();
    match lower.as_str() {
        "'none'" => return false,
        "'self'" => {
            return page.is_some_and(|p| {
                p.host == target.host
                    && (p.port == target.port || p.scheme == "http" && target.scheme == "https")
                    && scheme_allows(&p.scheme, &target.scheme)
            })
        }
        // `*` covers network schemes (and the page's own), not `data:` or `blob:`.
        "*" => return ["http", "https", "ws", "wss"].contains(&target.scheme.as_str()),
        _ => {}
    }
    if lower.starts_with('\'') {
        // Nonces, hashes and keywords like 'unsafe-inline' say nothing about connections.
        return false;
    }
    if let Some(scheme) = lower.strip_suffix(':') {
        if !scheme.contains('/') {
            return scheme_allows(scheme, &target.scheme);
        }
    }
    let (scheme, rest) = match lower.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, lower.as_str()),
    };
    match scheme {
        Some(scheme) if !scheme_allows(scheme, &target.scheme) => return false,
        // Without a scheme, a host source takes the page's scheme (and its secure upgrade).
        None => {
            let page_scheme = page.map(|p| p.scheme.as_str()).unwrap_or("https");
            if !scheme_allows(page_scheme, &target.scheme) {
                return false;
            }
        }
        _ => {}
    }
    let authority = rest.split('/').next().unwrap_or("");
    let Some((host, port)) = split_port(authority) else {
        return false;
    };
    let host_ok = match host.strip_prefix("*.") {
        Some(suffix) => target.host.ends_with(&format!(".{suffix}")),
        None => host == "*" || host == target.host,
    };
    if !host_ok {
        return false;
    }
    match port {
        Some("*") => true,
        Some(port) => port.parse::<u16>().ok() == target.port,
        None => {
            let scheme = scheme.unwrap_or(&target.scheme);
            let expected = default_port(scheme);
            // A source without a port allows the default port of its scheme, and of the
            // upgraded scheme when the target took the upgrade.
            target.port == expected || target.port == default_port(&target.scheme)
        }
    }
}
