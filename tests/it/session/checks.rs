//! What must hold after every step: no stale cache, the view's transcript, excerpt and annotator
//! exist, blind coding fixes the annotator, the transcript view shows the open transcript's lines;
//! and undoing the whole history gives back the project as opened.

use super::driver::Session;
use super::first_difference;
use super::screen::{Seen, mode, seen};
use egui::accesskit::Role;
use egui::{Key, Modifiers};

impl Session {
    pub(super) fn check(&self) {
        let app = self.app();
        let project = app.project();
        let stale = app.stale_caches();
        assert!(stale.is_empty(), "stale caches: {stale:?}");
        if let Some(id) = app.view_transcript() {
            assert!(
                project.transcript(id).is_some(),
                "the view shows {id}, which the project does not have"
            );
        }
        if let Some(id) = app.selected_excerpt() {
            assert!(
                project.excerpt(id).is_some(),
                "the selected excerpt {id} does not exist"
            );
        }
        if let Some(id) = app.active_annotator() {
            assert!(
                project.annotator(id).is_some(),
                "the active annotator {id} does not exist"
            );
        }
        if let Some(blind) = project.blind {
            assert_eq!(
                app.active_annotator(),
                Some(blind),
                "coding blind fixes the annotator"
            );
        }
        self.check_transcript_text();
    }

    /// The transcript view gives each visible paragraph an accessibility label equal to its line:
    /// every label in the text column must be a line of the open transcript, in order, and some
    /// line must show.
    pub(super) fn check_transcript_text(&self) {
        let app = self.app();
        let Some(transcript) = app
            .view_transcript()
            .and_then(|t| app.project().transcript(t))
        else {
            return;
        };
        let lines: Vec<&str> = transcript.text.split('\n').collect();
        if lines.iter().all(|l| l.is_empty()) {
            return;
        }
        // Messages float over the panels too: their kind and text are not the transcript's.
        let notices = app.notices();
        let floating = |label: &str| {
            !lines.contains(&label)
                && (label == "Done" || label == "Error" || notices.iter().any(|n| n == label))
        };
        let nodes = seen(&self.harness);
        let labels: Vec<&Seen> = nodes
            .iter()
            .filter(|n| n.role == Role::Label && !n.in_window && !floating(&n.label))
            .collect();
        // The text column's left edge: where most labels that are lines of this text start.
        let mut lefts: Vec<i64> = labels
            .iter()
            .filter(|n| lines.contains(&n.label.as_str()))
            .map(|n| (n.rect.left() * 4.0).round() as i64)
            .collect();
        lefts.sort_unstable();
        let Some(column) = mode(&lefts) else {
            panic!(
                "the transcript view shows no line of {} “{}” (first line {:?})",
                transcript.id, transcript.name, lines[0]
            );
        };
        let mut column_nodes: Vec<&Seen> = labels
            .iter()
            .copied()
            .filter(|n| (n.rect.left() * 4.0).round() as i64 == column)
            .collect();
        column_nodes.sort_by(|a, b| a.rect.top().total_cmp(&b.rect.top()));
        let mut at = 0;
        for node in column_nodes {
            match lines[at..].iter().position(|l| *l == node.label) {
                Some(i) => at += i + 1,
                None => panic!(
                    "the transcript view shows {:?}, which is not a line of {} “{}” after line {at}",
                    node.label, transcript.id, transcript.name
                ),
            }
        }
    }

    /// Undoes every change to the open document and expects the project it began with; then
    /// redoes them all (sometimes) so that leaving asks about unsaved changes.
    pub(super) fn unwind(&mut self) {
        let before = self.project().clone();
        let mut undone = 0;
        while self.app().document().undo_description().is_some() {
            self.ctrl(Key::Z);
            undone += 1;
            assert!(undone < 10_000, "undo never reaches the start");
        }
        self.check();
        if self.project() != &self.opened {
            panic!(
                "undoing all {undone} steps does not give back the project as opened:\n{}",
                first_difference(&self.opened, self.project())
            );
        }
        assert!(
            !self.app().document().has_unsaved_changes(),
            "back at the opened state, nothing is unsaved"
        );
        if undone > 0 && self.rng.chance(0.5) {
            for _ in 0..undone {
                self.harness
                    .key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
                self.run();
            }
            self.check();
            if self.project() != &before {
                panic!(
                    "redoing all {undone} steps does not give back the project before undo:\n{}",
                    first_difference(&before, self.project())
                );
            }
            self.note(format!("  (undid and redid {undone} steps)"));
        } else {
            self.note(format!("  (undid {undone} steps)"));
        }
    }
}
