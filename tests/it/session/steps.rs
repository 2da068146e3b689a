//! Which step comes next (the weights), and the steps on the document as a whole: New, Open,
//! import, Replace text, Merge, undo and redo, and resizing the window.

use super::describe;
use super::driver::Session;
use super::material::LINES;
use super::screen::{Seen, seen};
use crate::support::fixtures::annotator;
use continuum::io;
use continuum::model::*;
use egui::{Key, Modifiers, vec2};
use egui_kittest::kittest::{NodeT, Queryable};

/// One kind of step a user takes.
pub(super) type Step = fn(&mut Session);

impl Session {
    pub(super) fn step(&mut self) {
        // Steps that need something (text, an annotator) come more often while it is missing, so
        // a session does not idle in an empty project.
        let project = self.project();
        let bare = project.transcripts.is_empty();
        let alone = project.annotators.is_empty();
        let weights: [(u32, Step); 19] = [
            (3, Session::new_project),
            (4, Session::open),
            (if bare { 30 } else { 4 }, Session::import),
            (6, Session::switch_transcript),
            (12, Session::make_excerpt),
            (8, Session::place_from_tray),
            (7, Session::drag_marker),
            (3, Session::click_marker),
            (3, Session::nudge),
            (8, Session::undo),
            (5, Session::redo),
            (3, Session::replace_text),
            (if alone { 15 } else { 3 }, Session::add_annotator),
            (2, Session::remove_annotator),
            (3, Session::merge),
            (3, Session::blind),
            (4, Session::compare_or_agreement),
            (2, Session::resize),
            (4, Session::find_or_search),
        ];
        let total: u32 = weights.iter().map(|(w, _)| w).sum();
        let mut roll = self.rng.below(total as usize) as u32;
        for (weight, step) in weights {
            if roll < weight {
                step(self);
                return;
            }
            roll -= weight;
        }
    }

    pub(super) fn new_project(&mut self) {
        self.note("New (Ctrl+N)");
        self.unwind();
        self.ctrl(Key::N);
        self.dont_save();
        assert_eq!(
            self.project(),
            &Project::new(""),
            "New gives an empty, untitled project (its page asks for the title)"
        );
        self.opened = self.project().clone();
    }

    pub(super) fn open(&mut self) {
        // The empty project (last) less often than those with text.
        let path = if self.rng.chance(0.15) {
            self.files.last().unwrap().clone()
        } else {
            self.files[self.rng.below(self.files.len() - 1)].clone()
        };
        self.note(format!("Open {} (Ctrl+O)", describe(Some(&path))));
        self.unwind();
        self.dialogs.answers().open = Some(path.clone());
        self.ctrl(Key::O);
        self.dont_save();
        let on_disk = io::load_project(&path).unwrap();
        assert_eq!(self.project(), &on_disk, "Open shows the file's project");
        self.opened = self.project().clone();
    }

    pub(super) fn import(&mut self) {
        let count = 1 + self.rng.below(5);
        let mut text = String::new();
        for _ in 0..count {
            let line: &&str = self.rng.pick(&LINES);
            text.push_str(line);
            text.push('\n');
        }
        // The same file name twice, now and then, as three files called "interview" are.
        let name = if self.rng.chance(0.3) {
            "interview.txt".to_owned()
        } else {
            format!("interview-{}.txt", self.made + 1)
        };
        let file = self.fresh(&name);
        std::fs::write(&file, &text).unwrap();
        self.note(format!("Import {name} ({count} lines) with Ctrl+I"));
        self.dialogs.answers().transcripts = vec![file];
        let before = self.project().transcripts.len();
        // The dialog shows a spinner while a background thread reads the file: it repaints
        // until then, so do not wait here for it to settle.
        self.harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
        self.harness.run_ok();
        // The file is read on a background thread; the button is enabled once it is done.
        for _ in 0..1000 {
            if self
                .harness
                .query_all_by_label("Import 1 transcript")
                .any(|n| !n.accesskit_node().is_disabled())
            {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
            self.harness.step();
        }
        assert!(
            self.click_settled("Import 1 transcript"),
            "the import dialog offers the file"
        );
        let project = self.project();
        assert_eq!(
            project.transcripts.len(),
            before + 1,
            "one transcript more; notices {:?}, dialog open {}",
            self.app().notices(),
            self.has("Import 1 transcript")
        );
        let new = project.transcripts.last().unwrap();
        assert_eq!(
            self.app().view_transcript(),
            Some(new.id),
            "the imported transcript is shown"
        );
    }

    pub(super) fn undo(&mut self) {
        self.note(format!(
            "Ctrl+Z ({})",
            self.app()
                .document()
                .undo_description()
                .unwrap_or("nothing to undo")
        ));
        self.ctrl(Key::Z);
    }

    pub(super) fn redo(&mut self) {
        let description = self
            .app()
            .document()
            .redo_description()
            .unwrap_or("nothing to redo")
            .to_owned();
        if self.rng.chance(0.5) {
            self.note(format!("Ctrl+Shift+Z ({description})"));
            self.harness
                .key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
            self.run();
        } else {
            self.note(format!("Ctrl+Y ({description})"));
            self.ctrl(Key::Y);
        }
    }

    pub(super) fn replace_text(&mut self) {
        let app = self.app();
        let Some(transcript) = app
            .view_transcript()
            .and_then(|t| app.project().transcript(t))
            .cloned()
        else {
            return self.note("replace text (no transcript shown)");
        };
        // The corrected file as a transcriber sends it: "Name: text" lines, with a line added at
        // the top, a word changed, or all new text.
        let mut lines: Vec<String> = if transcript.turns.is_empty() {
            transcript.text.split('\n').map(str::to_owned).collect()
        } else {
            transcript
                .turns
                .iter()
                .map(|turn| {
                    format!(
                        "{}: {}",
                        turn.speaker,
                        char_slice(&transcript.text, turn.start, turn.end)
                    )
                })
                .collect()
        };
        let how = self.rng.below(3);
        match how {
            0 => lines.insert(0, "Interviewer: (Optagelsen starter.)".to_owned()),
            1 => {
                let i = self.rng.below(lines.len());
                lines[i] = lines[i].replacen(' ', " øh ", 1);
            }
            _ => {
                lines = (0..1 + self.rng.below(4))
                    .map(|_| (*self.rng.pick(&LINES)).to_owned())
                    .collect()
            }
        }
        let file = self.fresh("corrected.txt");
        std::fs::write(&file, lines.join("\n") + "\n").unwrap();
        let cancel = self.rng.chance(0.2);
        self.note(format!(
            "Project > Replace text of {} ({}), then {}",
            transcript.id,
            ["a line added", "a word changed", "all new"][how],
            if cancel { "Cancel" } else { "Replace text" }
        ));
        self.dialogs.answers().transcripts = vec![file];
        if !self.menu("Project", "Replace text of transcript…") {
            return self.note("  (not offered)");
        }
        if !self.has("Replace text") {
            return self.note("  (no dialog)");
        }
        self.click_settled(if cancel { "Cancel" } else { "Replace text" });
        assert!(!self.has("Replace text"), "the dialog closed");
    }

    pub(super) fn merge(&mut self) {
        // A co-author's copy: the open project with some placements moved or added, sometimes
        // a layer of their own.
        let mut other = self.project().clone();
        other.blind = None;
        let excerpts: Vec<ExcerptId> = other.excerpts.iter().map(|e| e.id).collect();
        if (self.rng.chance(0.4) || other.annotators.is_empty())
            && let Ok(id) = other.next_annotator_id()
        {
            let _ = other.apply(Edit::AddAnnotator(annotator(
                id.0,
                &format!("Co-author {}", self.made),
                Colour::PALETTE[3],
            )));
        }
        for _ in 0..1 + self.rng.below(4) {
            if excerpts.is_empty() || other.annotators.is_empty() {
                break;
            }
            let annotator = self.rng.pick(&other.annotators).id;
            let excerpt = *self.rng.pick(&excerpts);
            let position = self.rng.unit();
            let edit = Edit::place(
                &other,
                annotator,
                excerpt,
                position,
                Timestamp(1_770_000_000),
            );
            let _ = other.apply(edit);
        }
        let file = self.fresh("copy.continuum");
        io::save_project(&file, &other).unwrap();
        let choice = *self
            .rng
            .pick(&["keep this project's", "take the other's", "keep both"]);
        let cancel = self.rng.chance(0.15);
        self.note(format!(
            "File > Merge a copy ({} annotators), conflicts: {choice}, then {}",
            other.annotators.len(),
            if cancel { "Cancel" } else { "Merge" }
        ));
        self.dialogs.answers().open = Some(file);
        if !self.menu("File", "Merge annotators from another project…") {
            return self.note("  (not offered)");
        }
        if !self.has("Merge") {
            return self.note("  (no dialog)");
        }
        let radios: Vec<Seen> = seen(&self.harness)
            .into_iter()
            .filter(|n| n.label == choice)
            .collect();
        for radio in radios {
            self.click_at(radio.rect.center());
        }
        self.click_settled(if cancel { "Cancel" } else { "Merge" });
        assert!(!self.has("Merge"), "the dialog closed");
    }

    pub(super) fn resize(&mut self) {
        let size = vec2(
            self.rng.between(900.0, 1600.0).round(),
            self.rng.between(560.0, 1000.0).round(),
        );
        self.note(format!("resize to {}×{}", size.x, size.y));
        self.harness.set_size(size);
        self.run();
    }
}
