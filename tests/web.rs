#![cfg(target_arch = "wasm32")]
//! Browser tests of the app shell, run by wasm-bindgen-test in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown`; `scripts/test` sets CHROMEDRIVER).
//!
//! Each test mounts the whole app into its own `<div>` and looks only inside it. The tests share one
//! page and so one localStorage and one address bar: each starts by clearing the stored preferences
//! and going to `/`.

use gloo_storage::{LocalStorage, Storage};
use leptos::mount::mount_to;
use segmentti::ui::app::App;
use segmentti::ui::i18n::Lang;
use segmentti::ui::prefs::{Density, Prefs, STORAGE_KEY};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Waits one macrotask, so that effects and re-renders scheduled by the last action have run.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// A fresh page state: no stored preferences, the address at `/`.
fn reset() {
    LocalStorage::delete(STORAGE_KEY);
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/"))
        .unwrap();
}

fn host() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|node| node.unchecked_into())
        .collect()
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn click(root: &Element, selector: &str) {
    find(root, selector).unchecked_into::<HtmlElement>().click();
}

fn stored_prefs() -> serde_json::Value {
    LocalStorage::get(STORAGE_KEY).expect("preferences are stored")
}

#[wasm_bindgen_test]
async fn navigation_lists_nine_pages_and_marks_the_current_one() {
    reset();
    let root = host();
    let _app = mount_to(root.clone(), App);
    tick().await;

    let links = find_all(&root, "nav a");
    let labels: Vec<String> = links.iter().filter_map(|a| a.text_content()).collect();
    assert_eq!(
        labels,
        [
            "Contacts",
            "Segments",
            "Logged segments",
            "Interaction log",
            "Opportunities",
            "Templates",
            "Set-up",
            "Settings",
            "Conflicts"
        ]
    );
    assert!(find(&root, "nav").get_attribute("aria-label").is_some());
    assert_eq!(text(&root, "main h1"), "Contacts");
    assert_eq!(
        find_all(&root, "nav a[aria-current='page']").len(),
        1,
        "exactly one link is current"
    );
    assert_eq!(text(&root, "nav a[aria-current='page']"), "Contacts");

    click(&root, "nav a[href='/templates']");
    tick().await;
    assert_eq!(text(&root, "main h1"), "Templates");
    assert_eq!(text(&root, "nav a[aria-current='page']"), "Templates");
    assert!(
        !text(&root, "main").contains("Coming with issue"),
        "the Templates page is built"
    );
    let location = web_sys::window().unwrap().location();
    assert_eq!(location.pathname().unwrap(), "/templates");
    assert_eq!(stored_prefs()["last_page"], "/templates");
}

#[wasm_bindgen_test]
async fn switching_to_finnish_translates_and_is_stored() {
    reset();
    let root = host();
    let _app = mount_to(root.clone(), App);
    tick().await;

    click(&root, "nav a[href='/settings']");
    tick().await;
    assert_eq!(text(&root, "main h1"), "Settings");

    click(&root, "#language-fi");
    tick().await;
    assert_eq!(text(&root, "main h1"), "Asetukset");
    assert_eq!(text(&root, "nav a[href='/contacts']"), "Yhteyshenkilöt");
    let html = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .document_element()
        .unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("fi"));
    assert_eq!(stored_prefs()["language"], "fi");
    assert_eq!(Prefs::load().language, Lang::Fi);

    // Back to English, so that a page reload in a later test starts from the default.
    click(&root, "#language-en");
    tick().await;
    assert_eq!(text(&root, "main h1"), "Settings");
    assert_eq!(stored_prefs()["language"], "en");
}

#[wasm_bindgen_test]
async fn a_new_app_opens_the_remembered_language_and_page() {
    reset();
    Prefs {
        language: Lang::Fi,
        density: Density::Compact,
        last_page: Some("/interaction-log".into()),
    }
    .save();
    let root = host();
    let _app = mount_to(root.clone(), App);
    tick().await;

    assert_eq!(text(&root, "main h1"), "Vuorovaikutusloki");
    let classes = find(&root, ".app")
        .get_attribute("class")
        .unwrap_or_default();
    assert!(classes.split(' ').any(|class| class == "density-compact"));
    let location = web_sys::window().unwrap().location();
    assert_eq!(location.pathname().unwrap(), "/interaction-log");
    LocalStorage::delete(STORAGE_KEY);
}

#[wasm_bindgen_test]
async fn an_unknown_path_shows_not_found_and_keeps_the_last_page() {
    reset();
    Prefs {
        last_page: Some("/segments".into()),
        ..Prefs::default()
    }
    .save();
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/no-such-page"))
        .unwrap();
    let root = host();
    let _app = mount_to(root.clone(), App);
    tick().await;

    assert_eq!(text(&root, "main h1"), "Page not found");
    assert!(text(&root, "main").contains("/no-such-page"));
    assert!(find_all(&root, "nav a[aria-current]").is_empty());
    assert_eq!(stored_prefs()["last_page"], "/segments");
    LocalStorage::delete(STORAGE_KEY);
}

#[wasm_bindgen_test]
fn stored_preferences_are_read_leniently() {
    let read = |json: &str| Prefs::from_json(&serde_json::from_str(json).unwrap());
    assert_eq!(read("null"), Prefs::default());
    assert_eq!(read("[1, 2]"), Prefs::default());
    assert_eq!(
        read(r#"{"language": "sv", "density": 7}"#),
        Prefs::default()
    );
    assert_eq!(
        read(r#"{"version": 9, "language": "fi", "density": "loud", "last_page": "http://x/"}"#),
        Prefs {
            language: Lang::Fi,
            ..Prefs::default()
        }
    );
    let prefs = Prefs {
        language: Lang::Fi,
        density: Density::Compact,
        last_page: Some("/templates".into()),
    };
    assert_eq!(Prefs::from_json(&prefs.to_json()), prefs);
    assert_eq!(prefs.to_json()["version"], 1);
}

#[wasm_bindgen_test]
fn broken_stored_json_falls_back_to_defaults() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item(STORAGE_KEY, "{not json").unwrap();
    let prefs = Prefs::load();
    assert_eq!(prefs.density, Density::Comfortable);
    assert_eq!(prefs.last_page, None);
    LocalStorage::delete(STORAGE_KEY);
}
