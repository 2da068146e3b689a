//! The transcript in the accessibility tree: the text area is a document whose text runs (from
//! [`reading`](super::reading)) hold the whole transcript, not only the paragraphs on screen, with
//! speakers and excerpt boundaries; its caret and selection are the view's; and a screen reader
//! that moves the caret or selects text (AT-SPI `SetSelection`, `SetCaretOffset`) selects it in
//! the view, so an excerpt can be made from it with Ctrl+E.
//!
//! Built only while AccessKit is on (a screen reader or a test asked for the tree), and the runs
//! only once per transcript and project revision. egui rebuilds the tree every frame, so a frame
//! costs time in proportion to the runs given: at most [`MAX_EXPOSED_RUNS`] are, which is the
//! whole of an ordinary interview (a 10,000-word one coded in 200 excerpts has about 1,200). A
//! longer or more densely coded transcript is given as the runs around the caret (or the top of
//! the screen), which follow it as it moves, and the document's description says which part.

use super::layout::Layout;
use super::reading::{self, Run};
use crate::model::{Project, Transcript, TranscriptId};
use crate::ui::view_state::{TextSelection, ViewState};
use egui::accesskit;

/// The most text runs put in the tree in one frame. A frame with a screen reader on took 99 ms
/// when a 100,000-word interview in 10,000 excerpts gave all its 23,000 runs.
pub(super) const MAX_EXPOSED_RUNS: usize = 3_000;

/// The runs of the transcript, and the tree ids of those last exposed: `ids[i]` is the node of
/// `runs[first + i]`.
#[derive(Default)]
pub(super) struct Exposed {
    key: Option<(TranscriptId, u64)>,
    runs: Vec<Run>,
    /// The transcript's excerpts, counted with the runs (for the description), not every frame.
    excerpts: usize,
    first: usize,
    ids: Vec<accesskit::NodeId>,
}

/// The document's node, and where it is on screen: the text's left edge and width, and the top
/// of the page.
pub(super) struct Placement<'a> {
    pub(super) document: &'a egui::Response,
    pub(super) text_left: f32,
    pub(super) text_width: f32,
    pub(super) top: f32,
    /// The transcript char the reader is at: the caret, or the top of the screen.
    pub(super) near: usize,
}

impl Exposed {
    /// Puts the transcript's text runs under the document node `document` and shows the view's
    /// selection on it. Does nothing while AccessKit is off.
    pub(super) fn expose(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        transcript: &Transcript,
        layout: &Layout,
        view: &ViewState,
        at: Placement<'_>,
    ) {
        let document = at.document;
        if ui
            .ctx()
            .accesskit_node_builder(document.id, |_| ())
            .is_none()
        {
            return;
        }
        self.update(project, transcript, layout, view.project_revision);
        self.first = window(&self.runs, at.near, self.first);
        let shown = self.first..(self.first + MAX_EXPOSED_RUNS).min(self.runs.len());
        let part = (shown.len() < self.runs.len()).then(|| {
            let from = self.runs[shown.start].paragraph + 1;
            let to = self.runs[shown.end - 1].paragraph + 1;
            format!(
                "; paragraphs {from} to {to} of {}, around the caret",
                layout.paragraphs.len()
            )
        });
        let description = format!(
            "{}, {}{}",
            transcript.name,
            crate::model::plural(self.excerpts, "excerpt"),
            part.as_deref().unwrap_or("")
        );
        ui.ctx().accesskit_node_builder(document.id, |node| {
            node.set_description(description);
        });
        // One container under the document holds the runs (a generic container, which AT-SPI
        // and the text interface look through); each run is a widget of no size in it, which
        // is the lightest way egui has to give a node its parent.
        let runs_ui = ui.new_child(
            egui::UiBuilder::new()
                .id_salt("reading")
                .accessibility_parent(document.id),
        );
        let container = runs_ui.unique_id();
        // Ids by the run's place in the whole transcript, so a run keeps its node while the
        // window moves, and a request about a run that has left the window finds nothing.
        self.ids = shown
            .clone()
            .map(|i| container.with(i).accesskit_id())
            .collect();
        for (k, run) in self.runs[shown.clone()].iter().enumerate() {
            let id = container.with(shown.start + k);
            runs_ui.interact(egui::Rect::NOTHING, id, egui::Sense::hover());
            let paragraph = run.paragraph.min(layout.paragraphs.len().saturating_sub(1));
            let top = at.top + layout.tops.get(paragraph).copied().unwrap_or(0.0);
            let bottom = at.top + layout.tops.get(paragraph + 1).copied().unwrap_or(0.0);
            let same_line = |j: usize| {
                let other = self.runs.get(shown.start + j)?;
                (other.paragraph == run.paragraph).then(|| self.ids.get(j).copied())?
            };
            // A paragraph's runs (a speaker's name, the text, the marks in it) are one line to
            // the screen reader, not a line each.
            let previous = k.checked_sub(1).and_then(same_line);
            let next = same_line(k + 1);
            ui.ctx().accesskit_node_builder(id, |node| {
                node.set_role(accesskit::Role::TextRun);
                node.set_text_direction(accesskit::TextDirection::LeftToRight);
                node.set_value(run.text.as_str());
                node.set_character_lengths(run.lengths.as_slice());
                node.set_word_starts(run.word_starts.as_slice());
                if let Some(previous) = previous {
                    node.set_previous_on_line(previous);
                }
                if let Some(next) = next {
                    node.set_next_on_line(next);
                }
                // The paragraph's box: where the run is, near enough to scroll and point to it.
                node.set_bounds(accesskit::Rect {
                    x0: at.text_left.into(),
                    y0: top.into(),
                    x1: (at.text_left + at.text_width).into(),
                    y1: bottom.max(top + 1.0).into(),
                });
            });
        }
        if let Some(selection) = view.text_selection {
            let anchor = self.position(selection.anchor);
            let focus = self.position(selection.cursor);
            if let (Some(anchor), Some(focus)) = (anchor, focus) {
                ui.ctx().accesskit_node_builder(document.id, |node| {
                    node.set_text_selection(accesskit::TextSelection { anchor, focus });
                });
            }
        }
    }

    /// Cuts the runs again when the transcript or the project changed.
    fn update(
        &mut self,
        project: &Project,
        transcript: &Transcript,
        layout: &Layout,
        revision: u64,
    ) {
        let key = (transcript.id, revision);
        if self.key != Some(key) {
            self.runs = runs_of(project, transcript, layout);
            self.excerpts = project
                .excerpts
                .iter()
                .filter(|e| e.transcript == transcript.id)
                .count();
            self.key = Some(key);
        }
    }

    /// Test hook (tests/it/session/): whether the runs the next frame would expose (through the
    /// same reuse rule as [`Self::update`]) differ from a fresh cut of the text. Only once runs
    /// were cut: a first frame cuts them anew anyway.
    pub(super) fn stale(
        &self,
        project: &Project,
        transcript: &Transcript,
        layout: &Layout,
        revision: u64,
    ) -> Option<String> {
        self.key?;
        let mut next = Exposed {
            key: self.key,
            runs: self.runs.clone(),
            excerpts: self.excerpts,
            first: self.first,
            ids: Vec::new(),
        };
        next.update(project, transcript, layout, revision);
        (next.runs != runs_of(project, transcript, layout))
            .then(|| format!("the screen reader's text of {} is stale", transcript.id))
    }

    /// Where transcript char `offset` is in the runs exposed; a char outside them (one end of a
    /// long selection) at the nearer edge of the window.
    fn position(&self, offset: usize) -> Option<accesskit::TextPosition> {
        let (run, index) = reading::place_of(&self.runs, offset)?;
        let last = self.ids.len().checked_sub(1)?;
        let (k, index) = match run.checked_sub(self.first) {
            None => (0, 0),
            Some(k) if k > last => (last, self.runs[self.first + last].chars()),
            Some(k) => (k, index),
        };
        Some(accesskit::TextPosition {
            node: self.ids[k],
            character_index: index,
        })
    }

    fn offset(&self, position: accesskit::TextPosition, caret: bool) -> Option<usize> {
        let k = self.ids.iter().position(|id| *id == position.node)?;
        reading::offset_of(&self.runs, self.first + k, position.character_index, caret)
    }

    /// A selection a screen reader asked for on the document (`document`'s id) since the last
    /// frame, as a selection of the transcript's chars (an empty one is the caret).
    pub(super) fn requested_selection(
        &self,
        ui: &egui::Ui,
        document: egui::Id,
        transcript: &Transcript,
    ) -> Option<TextSelection> {
        let target = document.accesskit_id();
        ui.input(|input| {
            input.events.iter().rev().find_map(|event| {
                let egui::Event::AccessKitActionRequest(request) = event else {
                    return None;
                };
                let Some(accesskit::ActionData::SetTextSelection(wanted)) = &request.data else {
                    return None;
                };
                let ours = request.target_node == target || self.ids.contains(&request.target_node);
                // Runs of the transcript shown last frame: not of one opened since.
                let this_text = self.key.is_some_and(|(t, _)| t == transcript.id);
                if request.action != accesskit::Action::SetTextSelection || !ours || !this_text {
                    return None;
                }
                let caret = wanted.anchor == wanted.focus;
                let anchor = self.offset(wanted.anchor, caret)?;
                let cursor = self.offset(wanted.focus, caret)?;
                Some(TextSelection::new(&transcript.text, anchor, cursor, false))
            })
        })
    }
}

/// The text runs of `transcript` as laid out in `layout`, with its excerpts marked. Their labels
/// are made as `Project::excerpt_label` makes them, the quotes sliced through one index of the
/// text rather than each counted from its start.
fn runs_of(project: &Project, transcript: &Transcript, layout: &Layout) -> Vec<Run> {
    let chars = crate::model::CharIndex::new(&transcript.text);
    let labelled = project
        .excerpts_of(transcript.id)
        .into_iter()
        .map(|e| {
            let label = match e.label.trim() {
                "" => crate::model::short_label(chars.slice(e.start, e.end), 32),
                own => own.to_owned(),
            };
            (e.start, e.end, label)
        })
        .collect::<Vec<_>>();
    let marks = reading::excerpt_marks(labelled.iter().map(|(s, e, l)| (*s, *e, l.as_str())));
    reading::runs(&transcript.text, &layout.paragraphs, &marks)
}

/// Runs between the reader and an edge of the window before the window moves.
const WINDOW_MARGIN: usize = MAX_EXPOSED_RUNS / 10;

/// The first run to expose: all when they are few; else the window of [`MAX_EXPOSED_RUNS`]
/// starting at `first` (last frame's) while the run at char `near` is well inside it, and when
/// it nears an edge, a window with that run a third of the way in (reading goes on downwards).
/// Moving it every frame would give the screen reader a new document at every caret move.
fn window(runs: &[Run], near: usize, first: usize) -> usize {
    if runs.len() <= MAX_EXPOSED_RUNS {
        return 0;
    }
    let last_first = runs.len() - MAX_EXPOSED_RUNS;
    let at = reading::place_of(runs, near).map_or(0, |(run, _)| run);
    let first = first.min(last_first);
    let clear_above = first == 0 || at >= first + WINDOW_MARGIN;
    let clear_below = first == last_first || at + WINDOW_MARGIN < first + MAX_EXPOSED_RUNS;
    if clear_above && clear_below {
        return first;
    }
    at.saturating_sub(MAX_EXPOSED_RUNS / 3).min(last_first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TranscriptId;

    #[test]
    fn a_long_transcript_is_given_as_the_runs_around_the_reader() {
        let turns: Vec<(String, String)> = (0..5_000)
            .map(|i| {
                (
                    "Mette".to_owned(),
                    format!("Turn number {i} of the interview."),
                )
            })
            .collect();
        let turns: Vec<(&str, &str)> = turns
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let transcript = Transcript::of_turns(TranscriptId(1), "long", &turns);
        let paragraphs = super::super::layout::split_paragraphs(&transcript);
        let runs = reading::runs(&transcript.text, &paragraphs, &[]);
        assert!(runs.len() > MAX_EXPOSED_RUNS);
        assert_eq!(window(&runs, 0, 0), 0);
        let end = transcript.text.chars().count();
        assert_eq!(window(&runs, end, 0), runs.len() - MAX_EXPOSED_RUNS);
        let middle = paragraphs[2_500].start + 3;
        let first = window(&runs, middle, 0);
        let (run, _) = reading::place_of(&runs, middle).unwrap();
        assert!((first..first + MAX_EXPOSED_RUNS).contains(&run));
        assert_eq!(run - first, MAX_EXPOSED_RUNS / 3, "a third of the way in");
        // A step on keeps the window (no new document for every caret move) ...
        let next = paragraphs[2_501].start;
        assert_eq!(window(&runs, next, first), first);
        // ... until the reader nears its edge.
        let (far, _) = reading::place_of(&runs, paragraphs[4_990].start).unwrap();
        let moved = window(&runs, paragraphs[4_990].start, first);
        assert_ne!(moved, first);
        assert!(
            (moved + WINDOW_MARGIN..moved + MAX_EXPOSED_RUNS).contains(&far)
                || moved + MAX_EXPOSED_RUNS == runs.len()
        );
    }
}
