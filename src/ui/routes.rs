//! The pages of the app and their paths, and a small router: the current [`Route`] in a signal, kept
//! in step with the address through `history.pushState` and `popstate`.
//!
//! Served over HTTP, paths are real paths (`/segments`), not `#` fragments, so a static server must
//! answer unknown paths with `index.html` (`trunk serve` and `e2e/serve.mjs` do). The app is served
//! from `/`.
//!
//! Opened from a file (`file:///…/segmentti.html`, the one-file build of `scripts/package`), the
//! same paths live in the fragment instead (`segmentti.html#/segments`): a file URL has no server
//! to answer `/segments` with the app, and changing its path would point the browser at another
//! file. [`on_file`] tells the two apart; [`Route::path`] stays the same in both, so what is stored
//! (the last page shown) and every test of paths holds for both, and only [`Route::href`] and the
//! reading and writing of the address differ.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::i18n::Key;
use crate::core::ids::{ContactId, LoggedSegmentId, SegmentId};

/// A page of the app, in navigation order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Contacts,
    Segments,
    LoggedSegments,
    InteractionLog,
    Opportunities,
    Templates,
    Setup,
    Settings,
    Conflicts,
}

impl Page {
    /// Every page, in the order the navigation lists them.
    pub const ALL: [Page; 9] = [
        Page::Contacts,
        Page::Segments,
        Page::LoggedSegments,
        Page::InteractionLog,
        Page::Opportunities,
        Page::Templates,
        Page::Setup,
        Page::Settings,
        Page::Conflicts,
    ];

    /// The page opened at `/` when no last page is remembered.
    pub const HOME: Page = Page::Contacts;

    pub fn path(self) -> &'static str {
        match self {
            Page::Contacts => "/contacts",
            Page::Segments => "/segments",
            Page::LoggedSegments => "/logged-segments",
            Page::InteractionLog => "/interaction-log",
            Page::Opportunities => "/opportunities",
            Page::Templates => "/templates",
            Page::Setup => "/setup",
            Page::Settings => "/settings",
            Page::Conflicts => "/conflicts",
        }
    }

    /// The page at `path`, ignoring a trailing slash.
    pub fn from_path(path: &str) -> Option<Page> {
        let path = match path.strip_suffix('/') {
            Some(stripped) if !stripped.is_empty() => stripped,
            _ => path,
        };
        Page::ALL.into_iter().find(|page| page.path() == path)
    }

    /// The address a link to this page points at: its path, or `#` and its path when the app was
    /// opened from a file (see [`on_file`]).
    pub fn href(self) -> String {
        href_of(self.path())
    }

    /// The page's name, used in the navigation, as its heading and in the document title.
    pub fn title(self) -> Key {
        match self {
            Page::Contacts => Key::PageContacts,
            Page::Segments => Key::PageSegments,
            Page::LoggedSegments => Key::PageLoggedSegments,
            Page::InteractionLog => Key::PageInteractionLog,
            Page::Opportunities => Key::PageOpportunities,
            Page::Templates => Key::PageTemplates,
            Page::Setup => Key::PageSetup,
            Page::Settings => Key::PageSettings,
            Page::Conflicts => Key::PageConflicts,
        }
    }
}

/// What the address bar points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Page(Page),
    /// One contact's page: `/contacts/CT000123`.
    Contact(ContactId),
    /// One segment's page: `/segments/SEG000042`.
    Segment(SegmentId),
    /// One logged segment's page: `/logged-segments/LSEG000007`.
    LoggedSegment(LoggedSegmentId),
    /// A path that is no page; it keeps the path to say which.
    NotFound(String),
}

impl Route {
    /// The route for `path`. The root (`/`, `/index.html`) opens `home`: the page last shown.
    pub fn from_path(path: &str, home: Page) -> Route {
        match path {
            "" | "/" | "/index.html" => Route::Page(home),
            _ => {
                if let Some(page) = Page::from_path(path) {
                    return Route::Page(page);
                }
                let detail =
                    |prefix: &str| path.strip_prefix(prefix).map(|no| no.trim_end_matches('/'));
                if let Some(id) = detail("/contacts/").and_then(ContactId::parse_no) {
                    Route::Contact(id)
                } else if let Some(id) = detail("/segments/").and_then(SegmentId::parse_no) {
                    Route::Segment(id)
                } else if let Some(id) =
                    detail("/logged-segments/").and_then(LoggedSegmentId::parse_no)
                {
                    Route::LoggedSegment(id)
                } else {
                    Route::NotFound(path.to_owned())
                }
            }
        }
    }

    /// The address of this route.
    pub fn path(&self) -> String {
        match self {
            Route::Page(page) => page.path().to_owned(),
            Route::Contact(id) => format!("/contacts/{}", id.no()),
            Route::Segment(id) => format!("/segments/{}", id.no()),
            Route::LoggedSegment(id) => format!("/logged-segments/{}", id.no()),
            Route::NotFound(path) => path.clone(),
        }
    }

    /// The address a link to this route points at: its path, or `#` and its path when the app was
    /// opened from a file (see [`on_file`]).
    pub fn href(&self) -> String {
        href_of(&self.path())
    }

    /// The page of the navigation this route belongs to (a contact's page to Contacts, …).
    pub fn page(&self) -> Option<Page> {
        match self {
            Route::Page(page) => Some(*page),
            Route::Contact(_) => Some(Page::Contacts),
            Route::Segment(_) => Some(Page::Segments),
            Route::LoggedSegment(_) => Some(Page::LoggedSegments),
            Route::NotFound(_) => None,
        }
    }
}

/// The router, provided once as context by the app.
#[derive(Clone, Copy)]
pub struct Router {
    pub route: RwSignal<Route>,
}

impl Router {
    /// Starts at the current address. At the root it shows `home` and rewrites the address to that
    /// page's path, so that the address always names the page shown. It follows the browser's back
    /// and forward buttons until the reactive owner it was made in is cleaned up.
    pub fn start(home: Page) -> Router {
        let start = current_path().unwrap_or_default();
        let route = Route::from_path(&start, home);
        if let Route::Page(page) = route {
            if page.path() != start {
                replace_path(page.path());
            }
        }
        let route = RwSignal::new(route);
        let listener = window_event_listener(leptos::ev::popstate, move |_| {
            // A fragment that is no path (the skip link's `#main`, typed by hand) names no page,
            // so it leaves the page shown as it is.
            let Some(path) = current_path() else {
                return;
            };
            let next = Route::from_path(&path, home);
            if route.get_untracked() != next {
                route.set(next);
            }
        });
        on_cleanup(move || listener.remove());
        Router { route }
    }

    /// Shows `page` and adds it to the browser history.
    pub fn navigate(&self, page: Page) {
        self.open(Route::Page(page));
    }

    /// Shows `route` (e.g. one contact's page) and adds it to the browser history.
    pub fn open(&self, route: Route) {
        if self.route.get_untracked() == route {
            return;
        }
        push_path(&route.path());
        self.route.set(route);
    }
}

/// The [`Router`] context provided by the app.
pub fn use_router() -> Router {
    expect_context::<Router>()
}

/// Whether the app was opened from a file (`file:` URL) rather than served over HTTP: then routes
/// live in the fragment, there is no service worker, and the data belongs to files opened in this
/// browser. The protocol of a page never changes, so it is read once.
pub fn on_file() -> bool {
    thread_local! {
        static ON_FILE: bool = window()
            .location()
            .protocol()
            .is_ok_and(|protocol| protocol == "file:");
    }
    ON_FILE.with(|on_file| *on_file)
}

/// The address of `path` for a link: the path itself when served, `#path` from a file.
fn href_of(path: &str) -> String {
    if on_file() {
        format!("#{path}")
    } else {
        path.to_owned()
    }
}

/// The path the address names: the URL's path when served; from a file, the fragment after `#`
/// (an empty fragment is the root, `/`). `None` for a fragment that is no path, such as `#main`.
fn current_path() -> Option<String> {
    let location = window().location();
    if on_file() {
        let hash = location.hash().unwrap_or_default();
        path_of_fragment(&hash).map(str::to_owned)
    } else {
        Some(location.pathname().unwrap_or_default())
    }
}

/// The path in a fragment: `#/segments` → `/segments`, `` and `#` → `/`, `#main` → `None`.
fn path_of_fragment(hash: &str) -> Option<&str> {
    match hash.strip_prefix('#').unwrap_or(hash) {
        "" => Some("/"),
        path if path.starts_with('/') => Some(path),
        _ => None,
    }
}

fn push_path(path: &str) {
    if let Ok(history) = window().history() {
        // Failing to change the address (it cannot, for a path this app made) leaves the page shown
        // right; only the address bar would lag.
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&href_of(path)));
    }
}

fn replace_path(path: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&href_of(path)));
    }
}
