//! The storage contract kept in memory: the native twin of the IndexedDB backend, used by the
//! contract tests and anywhere a store is needed without a browser.

use super::format::{self, Head};
use super::{Backend, LetterDeletes, StoreError};
use std::cell::RefCell;
use std::collections::BTreeMap;

#[derive(Debug, Default, Clone)]
struct State {
    head: Option<Vec<u8>>,
    chunks: BTreeMap<u32, Vec<u8>>,
    journal: BTreeMap<u64, Vec<u8>>,
    letters: BTreeMap<u32, Vec<u8>>,
}

impl State {
    fn bytes(&self) -> usize {
        self.head.as_ref().map_or(0, Vec::len)
            + self.chunks.values().map(Vec::len).sum::<usize>()
            + self.journal.values().map(Vec::len).sum::<usize>()
            + self.letters.values().map(Vec::len).sum::<usize>()
    }

    fn stored_seq(&self) -> u64 {
        self.head
            .as_ref()
            .and_then(|b| format::decode_head(b).ok())
            .map_or(0, |h| h.seq)
    }
}

/// An in-memory backend with an optional quota, so that "disk full" can be tested natively.
#[derive(Debug, Default)]
pub struct MemoryBackend {
    state: RefCell<State>,
    quota: Option<usize>,
}

impl MemoryBackend {
    pub fn new() -> Self {
        Self::default()
    }

    /// A backend that refuses any write that would make it hold more than `bytes` bytes.
    pub fn with_quota(bytes: usize) -> Self {
        MemoryBackend {
            state: RefCell::default(),
            quota: Some(bytes),
        }
    }

    /// Replaces a stored blob, to test what loading does with damaged data.
    pub fn overwrite_chunk(&self, index: u32, bytes: Vec<u8>) {
        self.state.borrow_mut().chunks.insert(index, bytes);
    }

    pub fn overwrite_journal(&self, seq: u64, bytes: Vec<u8>) {
        self.state.borrow_mut().journal.insert(seq, bytes);
    }

    pub fn overwrite_head(&self, bytes: Vec<u8>) {
        self.state.borrow_mut().head = Some(bytes);
    }

    pub fn overwrite_letters(&self, batch: u32, bytes: Vec<u8>) {
        self.state.borrow_mut().letters.insert(batch, bytes);
    }

    /// Every stored blob with its place (`head`, `chunk N`, `journal N`, `letters N`), in a
    /// fixed order, so that a test can check byte for byte that nothing was written.
    pub fn all_blobs(&self) -> Vec<(String, Vec<u8>)> {
        let state = self.state.borrow();
        let mut out = Vec::new();
        if let Some(head) = &state.head {
            out.push(("head".to_string(), head.clone()));
        }
        out.extend(
            state
                .chunks
                .iter()
                .map(|(k, v)| (format!("chunk {k}"), v.clone())),
        );
        out.extend(
            state
                .journal
                .iter()
                .map(|(k, v)| (format!("journal {k}"), v.clone())),
        );
        out.extend(
            state
                .letters
                .iter()
                .map(|(k, v)| (format!("letters {k}"), v.clone())),
        );
        out
    }

    /// Applies `write` to a copy of the state and keeps it only if it fits the quota, which is
    /// how a transaction either commits whole or not at all.
    fn transact(&self, write: impl FnOnce(&mut State)) -> Result<(), StoreError> {
        let mut next = self.state.borrow().clone();
        write(&mut next);
        if self.quota.is_some_and(|quota| next.bytes() > quota) {
            return Err(StoreError::full());
        }
        *self.state.borrow_mut() = next;
        Ok(())
    }
}

impl Backend for MemoryBackend {
    async fn read_head(&self) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.state.borrow().head.clone())
    }

    async fn read_chunks(&self, count: u32) -> Result<Vec<Vec<u8>>, StoreError> {
        let state = self.state.borrow();
        Ok((0..count)
            .filter_map(|i| state.chunks.get(&i).cloned())
            .collect())
    }

    async fn for_each_chunk(
        &self,
        count: u32,
        each: &mut dyn FnMut(Vec<u8>),
    ) -> Result<(), StoreError> {
        for index in 0..count {
            // One chunk copied out at a time, as the browser's backend does.
            let chunk = self.state.borrow().chunks.get(&index).cloned();
            if let Some(chunk) = chunk {
                each(chunk);
            }
        }
        Ok(())
    }

    async fn read_journal(&self, after: u64) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        let state = self.state.borrow();
        Ok(state
            .journal
            .range(after + 1..)
            .map(|(k, v)| (*k, v.clone()))
            .collect())
    }

    async fn read_letters(&self, batch: u32) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.state.borrow().letters.get(&batch).cloned())
    }

    async fn read_all_letters(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        Ok(self.state.borrow().letters.values().cloned().collect())
    }

    async fn append(
        &self,
        expected_seq: u64,
        new_head: &Head,
        head_bytes: Vec<u8>,
        entry: Vec<u8>,
        letters: Vec<(u32, Vec<u8>)>,
        deletes: LetterDeletes,
    ) -> Result<(), StoreError> {
        let found = self.state.borrow().stored_seq();
        if found != expected_seq {
            return Err(StoreError::Conflict {
                expected: expected_seq,
                found,
            });
        }
        self.transact(|state| {
            if deletes.all {
                state.letters.clear();
            }
            for batch in &deletes.batches {
                state.letters.remove(batch);
            }
            state.journal.insert(new_head.seq, entry);
            state.letters.extend(letters);
            state.head = Some(head_bytes);
        })
    }

    async fn replace_snapshot(
        &self,
        expected_seq: u64,
        head_bytes: Vec<u8>,
        chunks: Vec<Vec<u8>>,
        upto: u64,
    ) -> Result<(), StoreError> {
        let found = self.state.borrow().stored_seq();
        if found != expected_seq {
            return Err(StoreError::Conflict {
                expected: expected_seq,
                found,
            });
        }
        self.transact(|state| {
            state.chunks = chunks
                .into_iter()
                .enumerate()
                .map(|(i, c)| (i as u32, c))
                .collect();
            state.journal.retain(|seq, _| *seq > upto);
            state.head = Some(head_bytes);
        })
    }
}
