//! The steps of coding: switching transcript, selecting text and making an excerpt, placing one
//! from the tray, dragging and clicking markers, and the arrow keys and Escape.

use super::driver::Session;
use super::screen::{Seen, mode, seen};
use super::short;
use continuum::model::TranscriptId;
use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, vec2};

impl Session {
    pub(super) fn switch_transcript(&mut self) {
        let all: Vec<(TranscriptId, String)> = self
            .project()
            .transcripts
            .iter()
            .map(|t| (t.id, t.name.clone()))
            .collect();
        if all.is_empty() {
            return self.note("switch transcript (none)");
        }
        let (id, name) = self.rng.pick(&all).clone();
        self.note(format!("switch to transcript {id} “{name}”"));
        // The list entry: the leftmost node with the transcript's name.
        let entry = seen(&self.harness)
            .into_iter()
            .filter(|n| n.label == name)
            .min_by(|a, b| a.rect.left().total_cmp(&b.rect.left()));
        let Some(entry) = entry else {
            return self.note("  (not in the list)");
        };
        if entry.rect.left() > 300.0 {
            return self.note("  (not in the list)");
        }
        self.click_at(entry.rect.center());
        let shown = self.app().view_transcript();
        let same_name = shown
            .and_then(|t| self.project().transcript(t))
            .is_some_and(|t| t.name == name);
        if !same_name && self.covered() {
            return self.note("  (covered by a window)");
        }
        assert!(same_name, "clicking “{name}” shows it (shows {shown:?})");
    }

    /// The visible paragraphs of the open transcript.
    pub(super) fn paragraphs(&self) -> Vec<Seen> {
        let app = self.app();
        let Some(transcript) = app
            .view_transcript()
            .and_then(|t| app.project().transcript(t))
        else {
            return Vec::new();
        };
        let lines: Vec<&str> = transcript.text.split('\n').collect();
        let nodes: Vec<Seen> = seen(&self.harness)
            .into_iter()
            .filter(|n| !n.in_window)
            .collect();
        let mut lefts: Vec<i64> = nodes
            .iter()
            .filter(|n| n.role == Role::Label && lines.contains(&n.label.as_str()))
            .map(|n| (n.rect.left() * 4.0).round() as i64)
            .collect();
        lefts.sort_unstable();
        let Some(column) = mode(&lefts) else {
            return Vec::new();
        };
        let canvas = self.canvas().map_or(f32::INFINITY, |c| c.top());
        nodes
            .into_iter()
            .filter(|n| n.role == Role::Label && (n.rect.left() * 4.0).round() as i64 == column)
            // Only what is really in view: below the transcript's heading, above the map panel.
            .filter(|n| n.rect.top() >= 100.0 && n.rect.top() + 10.0 < canvas - 120.0)
            .collect()
    }

    pub(super) fn make_excerpt(&mut self) {
        let paragraphs = self.paragraphs();
        if paragraphs.is_empty() {
            return self.note("make an excerpt (no text in view)");
        }
        let first = self.rng.pick(&paragraphs).clone();
        let last = if self.rng.chance(0.2) {
            self.rng.pick(&paragraphs).clone()
        } else {
            first.clone()
        };
        let from =
            first.rect.left_top() + vec2(first.rect.width() * self.rng.between(0.0, 0.6), 8.0);
        let to = last.rect.left_top() + vec2(last.rect.width() * self.rng.between(0.2, 1.0), 8.0);
        let button = self.rng.chance(0.3);
        self.note(format!(
            "select from {:?} to {:?} in {:?}…{:?}, then {}",
            from,
            to,
            short(&first.label),
            short(&last.label),
            if button { "New excerpt" } else { "Ctrl+E" }
        ));
        let before = self.project().excerpts.len();
        self.drag(from, to);
        if button {
            self.click("New excerpt");
        } else {
            self.ctrl(Key::E);
        }
        let project = self.project();
        if project.excerpts.len() > before {
            let excerpt = project.excerpts.last().unwrap();
            assert_eq!(Some(excerpt.transcript), self.app().view_transcript());
            assert_eq!(self.app().selected_excerpt(), Some(excerpt.id));
            let text = &project.transcript(excerpt.transcript).unwrap().text;
            assert!(excerpt.start < excerpt.end && excerpt.end <= text.chars().count());
            self.note(format!(
                "  (made {} “{}”)",
                excerpt.id,
                short(project.quote(excerpt))
            ));
        }
    }

    pub(super) fn place_from_tray(&mut self) {
        let chips: Vec<Seen> = seen(&self.harness)
            .into_iter()
            .filter(|n| n.label.starts_with("Unplaced: "))
            .collect();
        let Some(canvas) = self.canvas() else {
            return self.note("place from the tray (no map)");
        };
        if chips.is_empty() {
            return self.note("place from the tray (nothing unplaced)");
        }
        let chip = self.rng.pick(&chips).clone();
        let to = Pos2::new(
            canvas.left() + canvas.width() * self.rng.between(0.1, 0.9),
            canvas.top() + canvas.height() * self.rng.between(0.3, 0.9),
        );
        self.note(format!(
            "drag “{}” from the tray to {to:?}",
            short(&chip.label)
        ));
        let placed = |s: &Session| -> usize {
            let Some(a) = s.app().active_annotator() else {
                return 0;
            };
            s.project().annotator(a).map_or(0, |a| a.placements.len())
        };
        let before = placed(self);
        self.drag(chip.rect.center(), to);
        if placed(self) > before {
            self.note("  (placed)");
        }
    }

    pub(super) fn own_markers(&self) -> Vec<Seen> {
        let canvas = self.canvas();
        seen(&self.harness)
            .into_iter()
            .filter(|n| n.label.starts_with("Marker: "))
            .filter(|n| canvas.is_some_and(|c| c.shrink(4.0).contains(n.rect.center())))
            .collect()
    }

    pub(super) fn drag_marker(&mut self) {
        let markers = self.own_markers();
        if markers.is_empty() {
            return self.note("drag a marker (none in view)");
        }
        let marker = self.rng.pick(&markers).clone();
        let dx = self.rng.between(-250.0, 250.0);
        self.note(format!("drag “{}” by {dx:.0} px", short(&marker.label)));
        let before = self.project().clone();
        self.drag(marker.rect.center(), marker.rect.center() + vec2(dx, 0.0));
        if self.project() != &before {
            self.note("  (moved)");
        }
    }

    pub(super) fn click_marker(&mut self) {
        let canvas = self.canvas();
        let markers: Vec<Seen> = seen(&self.harness)
            .into_iter()
            .filter(|n| n.label.contains("arker: "))
            .filter(|n| canvas.is_some_and(|c| c.shrink(4.0).contains(n.rect.center())))
            .collect();
        if markers.is_empty() {
            return self.note("click a marker (none in view)");
        }
        let marker = self.rng.pick(&markers).clone();
        self.note(format!("click “{}”", short(&marker.label)));
        self.click_at(marker.rect.center());
    }

    pub(super) fn nudge(&mut self) {
        let (key, shift) = (
            *self
                .rng
                .pick(&[Key::ArrowLeft, Key::ArrowRight, Key::Escape]),
            self.rng.chance(0.5),
        );
        self.note(format!(
            "press {key:?}{}",
            if shift { " with Shift" } else { "" }
        ));
        let modifiers = if shift {
            Modifiers::SHIFT
        } else {
            Modifiers::NONE
        };
        self.harness.key_press_modifiers(modifiers, key);
        self.run();
    }
}
