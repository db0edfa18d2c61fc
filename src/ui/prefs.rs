//! Small preferences of this browser (interface language, density, last page), kept in localStorage
//! through gloo-storage as one JSON object under [`STORAGE_KEY`].
//!
//! Reading never fails: a missing, broken or foreign value falls back to the defaults, field by
//! field, so that one bad field (say, a language a later version added and this one lacks) does not
//! throw away the others. The stored object carries a `version`; see [`VERSION`].

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::RwSignal;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::i18n::Lang;

/// The localStorage key.
pub const STORAGE_KEY: &str = "segmentti.prefs";

/// The version written with every save. Version 1 is
/// `{"version": 1, "language": "en"|"fi", "density": "comfortable"|"compact", "last_page": "/path"|null}`.
/// A later version that renames a field must read this one too, and test it.
pub const VERSION: u64 = 1;

/// How much space the interface gives each row and control.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Density {
    #[default]
    Comfortable,
    Compact,
}

impl Density {
    pub const ALL: [Density; 2] = [Density::Comfortable, Density::Compact];

    /// The name used in stored JSON and in CSS classes (`density-compact`).
    pub fn as_str(self) -> &'static str {
        match self {
            Density::Comfortable => "comfortable",
            Density::Compact => "compact",
        }
    }
}

/// The preferences of this browser.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prefs {
    pub language: Lang,
    pub density: Density,
    /// The path of the page last shown (e.g. `/segments`), opened again when the app starts at `/`.
    pub last_page: Option<String>,
}

impl Prefs {
    /// Reads stored preferences; when none are stored, the defaults with the browser's language if the
    /// interface has it.
    pub fn load() -> Prefs {
        match LocalStorage::get::<Value>(STORAGE_KEY) {
            Ok(value) => Prefs::from_json(&value),
            Err(_) => Prefs {
                language: browser_language().unwrap_or_default(),
                ..Prefs::default()
            },
        }
    }

    /// Saves the preferences. Failing to save (storage full or disabled) only loses the preference,
    /// so it is reported to the console and not to the user.
    pub fn save(&self) {
        if let Err(err) = LocalStorage::set(STORAGE_KEY, self.to_json()) {
            leptos::logging::warn!("could not save preferences: {err}");
        }
    }

    /// Reads a stored value leniently: every field that is missing or unreadable gets its default.
    pub fn from_json(value: &Value) -> Prefs {
        let field = |name: &str| value.get(name).cloned().unwrap_or(Value::Null);
        Prefs {
            language: serde_json::from_value(field("language")).unwrap_or_default(),
            density: serde_json::from_value(field("density")).unwrap_or_default(),
            last_page: field("last_page")
                .as_str()
                .filter(|path| path.starts_with('/'))
                .map(str::to_owned),
        }
    }

    /// The stored form, at [`VERSION`].
    pub fn to_json(&self) -> Value {
        json!({
            "version": VERSION,
            "language": self.language,
            "density": self.density,
            "last_page": self.last_page,
        })
    }
}

/// The interface language matching the browser's preferred language, if there is one.
fn browser_language() -> Option<Lang> {
    let language = web_sys::window()?.navigator().language()?;
    Lang::from_code(&language)
}

/// Preferences a page can change, provided once as context.
#[derive(Clone, Copy)]
pub struct Appearance {
    pub density: RwSignal<Density>,
}
