//! Telling other open tabs that this one committed, over a BroadcastChannel.
//!
//! The message is only the new sequence number: each tab then reads the journal entries it has
//! not seen from IndexedDB itself, so a message that is lost or arrives late costs nothing but a
//! later catch-up.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

pub struct TabChannel {
    channel: BroadcastChannel,
}

impl TabChannel {
    /// Opens the channel shared by every tab of the database `name`; `None` where the browser
    /// has no BroadcastChannel (the app then simply does not hear other tabs).
    pub fn open(name: &str) -> Option<TabChannel> {
        BroadcastChannel::new(&format!("segmentti:{name}"))
            .ok()
            .map(|channel| TabChannel { channel })
    }

    pub fn announce(&self, seq: u64) {
        let _ = self.channel.post_message(&(seq as f64).into());
    }

    /// Calls `on_commit` with the sequence number of every commit another tab announces.
    pub fn listen(&self, on_commit: impl Fn(u64) + 'static) {
        let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(seq) = event.data().as_f64() {
                on_commit(seq as u64);
            }
        });
        self.channel
            .set_onmessage(Some(handler.as_ref().unchecked_ref()));
        // The handler lives as long as the page: the channel is opened once per session.
        handler.forget();
    }
}
