//! Autosave to the recovery folder, and the "restore unsaved work?" prompt after a crash.
//! The files themselves are written by [`crate::io::RecoveryStore`]; this decides when.

use super::notifications::Notifications;
use crate::document::Document;
use crate::io::{Recoverable, RecoveryStore};
use std::time::{Duration, Instant};

/// How long after the last change the recovery copy is written (sooner if the window loses focus).
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(2);

pub struct Autosave {
    store: Option<RecoveryStore>,
    delay: Duration,
    /// The document's change count last seen, and when it changed.
    seen: (u64, Instant),
    /// The change count that is in the recovery file.
    written: Option<u64>,
    was_focused: bool,
    reported_failure: bool,
}

impl Autosave {
    pub fn new(store: Option<RecoveryStore>, delay: Duration) -> Self {
        Self {
            store,
            delay,
            seen: (0, Instant::now()),
            written: None,
            was_focused: true,
            reported_failure: false,
        }
    }

    /// Recovery copies left by windows that crashed or were killed.
    pub fn leftovers(&self) -> Vec<Recoverable> {
        self.store
            .as_ref()
            .map_or_else(Vec::new, RecoveryStore::leftovers)
    }

    pub fn store(&self) -> Option<&RecoveryStore> {
        self.store.as_ref()
    }

    /// Removes this window's recovery copy: the work is saved, or was deliberately discarded.
    pub fn clear(&mut self) {
        if let Some(store) = &self.store
            && self.written.is_some()
        {
            store.clear();
        }
        self.written = None;
    }

    /// Called once a frame: writes the recovery copy shortly after changes stop, or at once when
    /// the window loses focus; removes it when nothing is unsaved.
    pub fn tick(&mut self, ctx: &egui::Context, doc: &Document, notifications: &mut Notifications) {
        let Some(store) = &self.store else {
            return;
        };
        let count = doc.change_count();
        if count != self.seen.0 {
            self.seen = (count, Instant::now());
        }
        let focused = ctx.input(|i| i.viewport().focused.unwrap_or(true));
        let focus_lost = self.was_focused && !focused;
        self.was_focused = focused;

        if !doc.has_unsaved_changes() {
            self.clear();
            return;
        }
        if self.written == Some(count) {
            return;
        }
        let waited = self.seen.1.elapsed();
        if waited < self.delay && !focus_lost {
            ctx.request_repaint_after(self.delay - waited);
            return;
        }
        match store.write(doc.project(), doc.path()) {
            Ok(()) => {
                self.written = Some(count);
                self.reported_failure = false;
            }
            Err(error) => {
                // Said once, not every two seconds; retried on the next change.
                if !self.reported_failure {
                    notifications.error(format!(
                        "Could not keep a recovery copy of your unsaved work ({error}). Save soon."
                    ));
                    self.reported_failure = true;
                }
                self.written = Some(count);
            }
        }
    }
}

/// The recovery copies of crashed windows waiting to be offered, one at a time: found at
/// start-up, and again whenever the window regains focus (a window killed while this one ran
/// leaves work that should be offered now, not at some later start).
pub struct Leftovers {
    offers: Vec<Recoverable>,
    /// Copies the user put off ("Decide later"), not offered again in this window.
    put_off: std::collections::HashSet<std::path::PathBuf>,
    /// Whether the window had focus last frame.
    had_focus: bool,
}

impl Leftovers {
    pub fn new(found: Vec<Recoverable>) -> Self {
        Self {
            offers: found,
            put_off: Default::default(),
            had_focus: true,
        }
    }

    /// Whether the prompt is up (it owns the keyboard).
    pub fn is_offering(&self) -> bool {
        !self.offers.is_empty()
    }

    /// Looks again when the window regains focus, shows the prompt for the first copy, and
    /// returns the user's choice once made ("Decide later" is handled here: every copy on
    /// offer is put off).
    pub fn show(&mut self, ctx: &egui::Context, autosave: &Autosave) -> Option<RestoreChoice> {
        let focused = ctx.input(|i| i.viewport().focused.unwrap_or(true));
        let regained = focused && !self.had_focus;
        self.had_focus = focused;
        if regained && self.offers.is_empty() {
            self.offers = autosave
                .leftovers()
                .into_iter()
                .filter(|l| !self.put_off.contains(&l.file))
                .collect();
        }
        let first = self.offers.first()?;
        let choice = restore_prompt(ctx, first, self.offers.len() - 1)?;
        let first = self.offers.remove(0);
        if matches!(choice, RestoreChoice::Later) {
            self.put_off.insert(first.file);
            self.put_off.extend(self.offers.drain(..).map(|l| l.file));
        }
        Some(choice)
    }
}

/// What the user chose in the restore prompt.
pub enum RestoreChoice {
    Restore(Recoverable),
    Discard(Recoverable),
    Later,
}

/// Asks whether to restore the newest leftover recovery copy. Returns the choice once made.
fn restore_prompt(
    ctx: &egui::Context,
    leftover: &Recoverable,
    more: usize,
) -> Option<RestoreChoice> {
    let mut choice = None;
    super::dialog::steady_modal(ctx, egui::Id::unique("restore-prompt")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading("Restore unsaved work?");
        let file = leftover
            .original_path
            .as_ref()
            .map_or_else(|| "a project that was never saved".to_owned(), |p| p.display().to_string());
        ui.label(format!(
            "Continuum closed without saving changes to “{}” ({file}). A copy of that work was kept \
             at {}.",
            leftover.title,
            leftover.written.short()
        ));
        if more > 0 {
            ui.label(egui::RichText::new(format!("{more} more will be offered after this one.")).weak());
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui
                .button("Restore")
                .on_hover_text("Open the kept copy; save it to keep it")
                .clicked()
            {
                choice = Some(RestoreChoice::Restore(leftover.clone()));
            }
            if ui
                .button("Discard")
                .on_hover_text("Delete the kept copy for good")
                .clicked()
            {
                choice = Some(RestoreChoice::Discard(leftover.clone()));
            }
            if ui
                .button("Decide later")
                .on_hover_text("Keep the copy and ask again at the next start")
                .clicked()
            {
                choice = Some(RestoreChoice::Later);
            }
        });
    });
    choice
}
