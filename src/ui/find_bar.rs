//! The find bar above the open transcript (Ctrl+F): every hit highlighted, the current one
//! selected (so Ctrl+E makes it an excerpt), next and previous with Enter, F3 and Shift+F3,
//! "3 of 17", Escape to close. It runs the same search as Search all transcripts, restricted to
//! the transcript shown.
//!
//! The hits are kept with what they were found in (the document's revision, the transcript, the
//! query), so after an edit, Replace text, Open or New they are found again rather than shown on
//! text they no longer fit.

use super::view_state::{TextSelection, ViewState};
use crate::model::{Project, TranscriptId};
use crate::search::{self, Mode, Query, Scope};

/// A hit: its char range in the transcript.
pub type Span = (usize, usize);

/// What the find bar holds between frames. Lives in the [`ViewState`].
#[derive(Debug, Default)]
pub struct FindBar {
    pub open: bool,
    pub text: String,
    pub match_case: bool,
    pub whole_words: bool,
    pub regex: bool,
    /// The hit shown as current, by its place in `found.hits`.
    current: Option<usize>,
    /// Where the search started (the caret when the bar opened): typing jumps to the first hit
    /// from there.
    origin: usize,
    focus_field: bool,
    found: Option<Found>,
}

#[derive(Debug)]
struct Found {
    key: (u64, TranscriptId, Query),
    hits: Vec<(usize, usize)>,
    total: usize,
    error: Option<String>,
}

impl FindBar {
    /// Opens the bar (or, if open, selects its text again) with the keyboard in its field.
    pub fn open(&mut self, view_caret: Option<usize>) {
        self.open = true;
        self.focus_field = true;
        self.origin = view_caret.unwrap_or(0);
    }

    pub fn close(&mut self) {
        self.open = false;
        self.current = None;
        self.found = None;
    }

    fn query(&self, transcript: TranscriptId) -> Query {
        Query {
            text: self.text.clone(),
            mode: if self.regex { Mode::Regex } else { Mode::Words },
            whole_words: self.whole_words,
            match_case: self.match_case,
            ignore_accents: false,
            scope: Scope {
                transcript: Some(transcript),
                ..Scope::default()
            },
        }
    }

    /// Finds the hits again if the project, the transcript or the query changed since they were
    /// found. Returns whether they were found again.
    fn refresh(&mut self, project: &Project, transcript: TranscriptId, revision: u64) -> bool {
        let key = (revision, transcript, self.query(transcript));
        if self.found.as_ref().is_some_and(|f| f.key == key) {
            return false;
        }
        let found = if self.text.trim().is_empty() {
            Found {
                key,
                hits: Vec::new(),
                total: 0,
                error: None,
            }
        } else {
            match search::search(project, &key.2) {
                Ok(results) => Found {
                    hits: results.hits.iter().map(|h| (h.start, h.end)).collect(),
                    total: results.total,
                    error: None,
                    key,
                },
                Err(error) => Found {
                    key,
                    hits: Vec::new(),
                    total: 0,
                    error: Some(error.to_string()),
                },
            }
        };
        self.found = Some(found);
        self.current = None;
        true
    }

    /// The hits to highlight in `transcript`, and the current one, if the bar is open.
    pub fn highlights(
        &mut self,
        project: &Project,
        transcript: TranscriptId,
        revision: u64,
    ) -> (&[Span], Option<Span>) {
        if !self.open {
            return (&[], None);
        }
        self.refresh(project, transcript, revision);
        let found = self.found.as_ref().expect("refresh leaves hits");
        let current = self.current.and_then(|i| found.hits.get(i).copied());
        (&found.hits, current)
    }

    /// Moves to the next (or previous) hit, selects it and scrolls it into view. Opens the bar
    /// instead when it has nothing to look for.
    pub fn step(&mut self, project: &Project, view: &mut ViewState, forward: bool) {
        let Some(transcript) = view.transcript else {
            return;
        };
        if !self.open || self.text.trim().is_empty() {
            self.open(view.text_selection.map(|s| s.range().0));
            return;
        }
        self.refresh(project, transcript, view.project_revision);
        let Some(found) = &self.found else { return };
        let count = found.hits.len();
        if count == 0 {
            return;
        }
        let caret = view.text_selection.map_or(self.origin, |s| s.range().0);
        let next = match self.current {
            Some(i) if forward => (i + 1) % count,
            Some(i) => (i + count - 1) % count,
            None if forward => found.hits.iter().position(|h| h.0 >= caret).unwrap_or(0),
            None => found
                .hits
                .iter()
                .rposition(|h| h.0 < caret)
                .unwrap_or(count - 1),
        };
        self.select(project, view, next);
    }

    fn select(&mut self, project: &Project, view: &mut ViewState, index: usize) {
        let (Some(found), Some(transcript)) = (
            &self.found,
            view.transcript.and_then(|t| project.transcript(t)),
        ) else {
            return;
        };
        let Some(&(start, end)) = found.hits.get(index) else {
            return;
        };
        self.current = Some(index);
        view.text_selection = Some(TextSelection::new(&transcript.text, start, end, false));
        view.scroll_to_char = Some(start);
    }

    /// For the session test: whether the hits the next frame would reuse differ from a fresh
    /// search of the open project.
    pub(crate) fn stale_cache(&self, project: &Project, revision: u64) -> Option<String> {
        let found = self.found.as_ref()?;
        if found.key.0 != revision || found.error.is_some() {
            return None;
        }
        let fresh: Vec<(usize, usize)> = search::search(project, &found.key.2)
            .ok()?
            .hits
            .iter()
            .map(|h| (h.start, h.end))
            .collect();
        (fresh != found.hits).then(|| {
            format!(
                "the find bar's hits for “{}” differ from a fresh search",
                found.key.2.text
            )
        })
    }

    /// Draws the bar above the transcript text.
    pub fn show(&mut self, ui: &mut egui::Ui, project: &Project, view: &mut ViewState) {
        let Some(transcript) = view.transcript else {
            return;
        };
        let mut typed = false;
        let mut step = None;
        ui.horizontal(|ui| {
            let caption = ui.label("Find:");
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.text)
                    .id_salt("find in transcript")
                    .desired_width(220.0)
                    .hint_text("Find in this transcript"),
            );
            let field = field.labelled_by(caption.id);
            if std::mem::take(&mut self.focus_field) {
                field.request_focus();
                select_all(ui, &field, &self.text);
            }
            typed = field.changed();
            // Escape closes the bar through Clear selection (see `app/run.rs`).
            if field.lost_focus() {
                let (enter, shift) =
                    ui.input(|i| (i.key_pressed(egui::Key::Enter), i.modifiers.shift));
                if enter {
                    step = Some(!shift);
                    field.request_focus();
                }
            }
            if ui
                .button("Previous")
                .on_hover_text("Previous hit (Shift+F3, Shift+Enter)")
                .clicked()
            {
                step = Some(false);
            }
            if ui
                .button("Next")
                .on_hover_text("Next hit (F3, Enter)")
                .clicked()
            {
                step = Some(true);
            }
            for (on, label, hint) in [
                (&mut self.match_case, "Aa", "Match case"),
                (&mut self.whole_words, "Whole words", "Only whole words"),
                (&mut self.regex, ".*", "Regular expression"),
            ] {
                if ui.toggle_value(on, label).on_hover_text(hint).changed() {
                    typed = true;
                }
            }
            self.refresh(project, transcript, view.project_revision);
            self.status(ui);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .small_button("Close find bar")
                    .on_hover_text("Close the find bar (Escape)")
                    .clicked()
                {
                    self.close();
                }
            });
        });
        if !self.open {
            return;
        }
        if typed {
            // As the words are typed, the first hit from where the search started is shown.
            self.refresh(project, transcript, view.project_revision);
            let first = self.found.as_ref().and_then(|f| {
                f.hits
                    .iter()
                    .position(|h| h.0 >= self.origin)
                    .or((!f.hits.is_empty()).then_some(0))
            });
            if let Some(first) = first {
                self.select(project, view, first);
            }
        } else if let Some(forward) = step {
            self.step(project, view, forward);
        }
    }

    /// "3 of 17", "No hits", or what is wrong with the expression.
    fn status(&self, ui: &mut egui::Ui) {
        let Some(found) = &self.found else { return };
        if let Some(error) = &found.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        } else if self.text.trim().is_empty() {
        } else if found.hits.is_empty() {
            ui.label("No hits");
        } else {
            let more = if found.total > found.hits.len() {
                "+"
            } else {
                ""
            };
            let text = match self.current {
                Some(i) => format!("{} of {}{more}", i + 1, found.hits.len()),
                None => crate::model::plural(found.hits.len(), "hit") + more,
            };
            ui.label(text);
        }
    }
}

/// Selects all of a single-line field's text, so typing replaces the last search.
fn select_all(ui: &egui::Ui, field: &egui::Response, text: &str) {
    if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), field.id) {
        let range = egui::text::CCursorRange::two(
            egui::text::CCursor::new(0),
            egui::text::CCursor::new(text.chars().count()),
        );
        state.cursor.set_char_range(Some(range));
        state.store(ui.ctx(), field.id);
    }
}
