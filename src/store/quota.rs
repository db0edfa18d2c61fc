//! Persistent storage and the storage estimate (`navigator.storage`), shown on the Settings page.

use crate::storage::StoreError;
use wasm_bindgen_futures::JsFuture;

/// What the browser says about this site's storage.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StorageStatus {
    /// Whether the browser granted persistent storage (data is not evicted under pressure).
    pub persisted: Option<bool>,
    pub usage_bytes: Option<f64>,
    pub quota_bytes: Option<f64>,
}

/// Asks for persistent storage (the browser may grant it silently or refuse) and reads the
/// estimate. Every part is optional: browsers without the API simply report nothing.
pub async fn request_persistence() -> StorageStatus {
    let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
        return StorageStatus::default();
    };
    let persisted = match storage.persist() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()),
        Err(_) => None,
    };
    StorageStatus {
        persisted,
        ..estimate().await
    }
}

/// A full disk's error with the browser's figures filled in, so the message can say how much
/// is used of how much; any other error as it is.
pub async fn with_figures(error: StoreError) -> StoreError {
    match error {
        StoreError::QuotaExceeded {
            used: None,
            quota: None,
        } => {
            let status = estimate().await;
            StoreError::QuotaExceeded {
                used: status.usage_bytes.map(|b| b as u64),
                quota: status.quota_bytes.map(|b| b as u64),
            }
        }
        other => other,
    }
}

/// The browser's storage estimate, without asking for anything.
pub async fn estimate() -> StorageStatus {
    let mut status = StorageStatus::default();
    let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
        return status;
    };
    if let Ok(promise) = storage.estimate() {
        if let Ok(value) = JsFuture::from(promise).await {
            let read = |name: &str| {
                js_sys::Reflect::get(&value, &name.into())
                    .ok()
                    .and_then(|v| v.as_f64())
            };
            status.usage_bytes = read("usage");
            status.quota_bytes = read("quota");
        }
    }
    status
}
