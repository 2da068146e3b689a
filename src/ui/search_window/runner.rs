//! Searching off the UI thread, so typing in the search box never waits for a search of a large
//! project: each change of the query (or of the project) starts a search on a thread of its own
//! and tells the one before it to stop; a result is taken only if it answers the newest request.
//!
//! Implementation notes: the thread searches a snapshot of the project, shared (`Arc`) by every
//! search of the same revision, so typing copies nothing; the snapshot is taken again only after
//! the project changed. Each search is tagged with a generation number: a thread whose generation
//! is no longer the newest stops between transcripts, and its result, if it still arrives, is
//! dropped.

use crate::model::Project;
use crate::search::{Query, Results, SearchError, search_until};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

/// What a result answers: the document's revision and the query.
pub(super) type SearchKey = (u64, Query);

/// A finished search.
pub(super) struct Finished {
    pub(super) key: SearchKey,
    pub(super) outcome: Result<Results, String>,
}

struct Message {
    generation: u64,
    finished: Finished,
}

pub(super) struct Runner {
    newest: Arc<AtomicU64>,
    sender: Sender<Message>,
    receiver: Receiver<Message>,
    snapshot: Option<(u64, Arc<Project>)>,
    /// What the newest search answers, while it runs.
    running: Option<SearchKey>,
}

impl Default for Runner {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self {
            newest: Arc::default(),
            sender,
            receiver,
            snapshot: None,
            running: None,
        }
    }
}

impl Runner {
    /// Whether a search for `key` is under way.
    pub(super) fn is_running(&self, key: &SearchKey) -> bool {
        self.running.as_ref() == Some(key)
    }

    /// Whether any search is under way.
    pub(super) fn is_busy(&self) -> bool {
        self.running.is_some()
    }

    /// Starts searching `project` (at `key.0`) for `key.1`; any search still running is told to
    /// stop. The window is asked to redraw when the result is in.
    pub(super) fn start(&mut self, ctx: &egui::Context, project: &Project, key: SearchKey) {
        let snapshot = match &self.snapshot {
            Some((revision, snapshot)) if *revision == key.0 => Arc::clone(snapshot),
            _ => {
                let snapshot = Arc::new(project.clone());
                self.snapshot = Some((key.0, Arc::clone(&snapshot)));
                snapshot
            }
        };
        let generation = self.newest.fetch_add(1, Ordering::SeqCst) + 1;
        let newest = Arc::clone(&self.newest);
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        self.running = Some(key.clone());
        std::thread::spawn(move || {
            let mut stop = || newest.load(Ordering::SeqCst) != generation;
            let outcome = match search_until(&snapshot, &key.1, &mut stop) {
                Ok(results) => Ok(results),
                Err(SearchError::Stopped) => return,
                Err(error) => Err(error.to_string()),
            };
            let finished = Finished { key, outcome };
            // The window may have closed meanwhile; then nobody wants the result.
            if sender
                .send(Message {
                    generation,
                    finished,
                })
                .is_ok()
            {
                ctx.request_repaint();
            }
        });
    }

    /// Stops any search under way (the query was emptied).
    pub(super) fn cancel(&mut self) {
        self.newest.fetch_add(1, Ordering::SeqCst);
        self.running = None;
    }

    /// The newest search's result, once it is in.
    pub(super) fn poll(&mut self) -> Option<Finished> {
        let newest = self.newest.load(Ordering::SeqCst);
        let mut found = None;
        while let Ok(message) = self.receiver.try_recv() {
            if message.generation == newest {
                found = Some(message.finished);
            }
        }
        if found.is_some() {
            self.running = None;
        }
        found
    }

    /// Lets go of the project snapshot when the window closes, and stops the search.
    pub(super) fn release(&mut self) {
        self.cancel();
        self.snapshot = None;
    }
}
