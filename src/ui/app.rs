//! The app shell: skip link, header, navigation, the current page in `<main>`, footer. It provides
//! the [`I18n`], [`Router`] and [`Appearance`] contexts, and its effects push state to the outside
//! world: `<html lang>`, the document title and the stored preferences.

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::{use_i18n, I18n, Key};
use super::i18n_catalogue::package::Key as FileKey;
use super::pages;
use super::routes::{on_file, use_router, Page, Route, Router};
use super::state::{use_data, Data, Loading, DATABASE};
use crate::storage::StoreError;
use crate::ui::prefs::{Appearance, Prefs};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let prefs = Prefs::load();
    let home = prefs
        .last_page
        .as_deref()
        .and_then(Page::from_path)
        .unwrap_or(Page::HOME);

    let i18n = I18n {
        lang: RwSignal::new(prefs.language),
    };
    let appearance = Appearance {
        density: RwSignal::new(prefs.density),
    };
    let router = Router::start(home);
    provide_context(i18n);
    provide_context(appearance);
    provide_context(router);
    let data = Data::provide(DATABASE);
    // Live sync runs in the background for as long as the app is open (ui/sync.rs).
    super::sync::Sync::provide(data);

    // The remembered last page is the last real page shown; a "not found" path does not replace it.
    let last_page = Memo::new(move |previous: Option<&Option<String>>| {
        let shown = router.route.get().page().map(|page| page.path().to_owned());
        shown.or_else(|| previous.cloned().flatten())
    });
    let initial_last_page = prefs.last_page.clone();
    Effect::new(move |_| {
        let prefs = Prefs {
            language: i18n.lang.get(),
            density: appearance.density.get(),
            last_page: last_page.get().or_else(|| initial_last_page.clone()),
        };
        prefs.save();
    });

    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", i18n.lang.get().code());
        }
    });

    Effect::new(move |_| {
        let page = match router.route.get() {
            Route::NotFound(_) => i18n.t(Key::NotFoundTitle),
            other => other
                .page()
                .map(|page| i18n.t(page.title()))
                .unwrap_or_default(),
        };
        document().set_title(&i18n.tf(
            Key::DocumentTitle,
            &[("page", page), ("app", i18n.t(Key::AppName))],
        ));
    });

    let main_ref = NodeRef::<leptos::html::Main>::new();
    let skip_to_main = move |ev: MouseEvent| {
        ev.prevent_default();
        if let Some(main) = main_ref.get() {
            let _ = main.focus();
        }
    };

    view! {
        <div class=move || format!("app density-{}", appearance.density.get().as_str())>
            <a class="skip-link" href="#main" on:click=skip_to_main>
                {move || i18n.t(Key::SkipToContent)}
            </a>
            <header class="app-header">
                <a class="brand" href=Page::HOME.href() on:click=nav_click(router, Page::HOME)>
                    <img class="brand-mark" src=icon_src() alt="" width="32" height="32"/>
                    <span class="brand-name">{move || i18n.t(Key::AppName)}</span>
                </a>
                <p class="tagline">{move || i18n.t(Key::AppTagline)}</p>
            </header>
            <div class="app-body">
                <Nav/>
                <main id="main" class="app-main" tabindex="-1" node_ref=main_ref>
                    <StorageBanner/>
                    {move || match router.route.get() {
                        Route::Page(page) => pages::view(page),
                        Route::Contact(id) => view! { <pages::contacts::contact::ContactPage id/> }.into_any(),
                        Route::Segment(id) => view! { <pages::segment::SegmentPage id/> }.into_any(),
                        Route::LoggedSegment(id) => {
                            view! { <pages::logged_segment::LoggedSegmentPage id/> }.into_any()
                        }
                        Route::NotFound(path) => view! { <pages::not_found::NotFound path/> }.into_any(),
                    }}
                </main>
            </div>
            <footer class="app-footer">
                <p>{move || i18n.t(Key::FooterPrivacy)}</p>
                <FileNotice/>
            </footer>
        </div>
    }
}

/// The main navigation: one link per page, the current one marked with `aria-current="page"`.
#[component]
fn Nav() -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    view! {
        <nav class="app-nav" aria-label=move || i18n.t(Key::NavLabel)>
            <ul>
                {Page::ALL
                    .into_iter()
                    .map(|page| {
                        let current = move || {
                            (router.route.get().page() == Some(page)).then_some("page")
                        };
                        view! {
                            <li>
                                <a href=page.href() aria-current=current on:click=nav_click(router, page)>
                                    {move || i18n.t(page.title())}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// A click handler for a link to `page`: a plain left click navigates inside the app and moves focus
/// to the new page's heading; a click with a modifier key (new tab, new window, download) is left to
/// the browser.
fn nav_click(router: Router, page: Page) -> impl Fn(MouseEvent) + 'static {
    move |ev: MouseEvent| {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        ev.prevent_default();
        router.navigate(page);
        focus_heading();
    }
}

/// Moves keyboard focus to the current page's heading once it has rendered, so that a screen reader
/// announces the new page and Tab continues from there.
fn focus_heading() {
    request_animation_frame(|| {
        let heading = document()
            .query_selector("#main h1")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(heading) = heading {
            let _ = heading.focus();
        }
    });
}

/// The icon in the header: the served file, or, opened from a file, the same SVG inlined as a
/// `data:` URL, because `/icon.svg` would then name a file at the root of the disk and the one-file
/// build fetches nothing, not even from its own folder.
fn icon_src() -> String {
    if on_file() {
        let svg = include_str!("../../public/icon.svg");
        format!(
            "data:image/svg+xml,{}",
            String::from(js_sys::encode_uri_component(svg))
        )
    } else {
        "/icon.svg".to_owned()
    }
}

/// Opened from a file, says where the data lives, recommends backups, and says what needs a
/// server; served over HTTP it shows nothing (the service worker and the origin's storage need no
/// explaining there).
#[component]
fn FileNotice() -> impl IntoView {
    let i18n = use_i18n();
    on_file().then(|| {
        view! {
            <section class="file-notice" role="note" aria-label=move || i18n.t(FileKey::FileNoticeLabel)>
                <p>{move || i18n.t(FileKey::FileDataHere)}</p>
                <p>{move || i18n.t(FileKey::FileBackupAdvice)}</p>
                <p>{move || i18n.t(FileKey::FileNoServer)}</p>
            </section>
        }
    })
}

/// Says so when the database could not be opened: nothing is shown as saved that is not.
#[component]
fn StorageBanner() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    move || match data.loading.get() {
        Loading::Failed(error) => {
            let text = match error {
                StoreError::VersionTooNew { .. } => i18n.t(Key::StorageTooNew).to_string(),
                StoreError::Blocked => i18n.t(Key::StorageBlocked).to_string(),
                StoreError::QuotaExceeded { .. } => i18n.t(Key::StorageFull).to_string(),
                // The reason is the browser's own words (see `store::idb`), never Rust's
                // debug form of the error.
                StoreError::Backend(reason) => i18n.tf(Key::StorageFailed, &[("reason", &reason)]),
                // Storage that is switched off or damaged is worded as on every page; opening
                // never races another writer, but should it, that too is worded as elsewhere.
                other @ (StoreError::Unavailable(_)
                | StoreError::Damaged { .. }
                | StoreError::Conflict { .. }) => {
                    crate::ui::components::store_error_text(&i18n, &other)
                }
            };
            Some(view! { <p class="status error" role="alert">{text}</p> })
        }
        Loading::Opening | Loading::Ready => None,
    }
}
