//! Steps that search: the find bar in the open transcript (typing, F3, Shift+F3, Ctrl+E on the
//! hit found) and the search window over every transcript (typing, clicking a hit open, making
//! an excerpt of it). After each, the checks compare the hits kept on screen with a fresh search.

use super::driver::Session;
use continuum::model::char_slice;
use continuum::search::{FoldOptions, fold_words};
use egui::{Key, Modifiers};
use egui_kittest::Node;
use egui_kittest::kittest::{NodeT, Queryable};

/// The text field labelled `label` (its caption is labelled so too).
fn field<'h>(harness: &'h super::super::support::gui::Window, label: &'h str) -> Option<Node<'h>> {
    harness
        .query_all_by_label(label)
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
}

impl Session {
    /// Types `text` over what the field labelled `label` holds; false if there is no such field.
    fn type_over(&mut self, label: &str, text: &str) -> bool {
        let Some(node) = field(&self.harness, label) else {
            return false;
        };
        node.focus();
        self.run();
        self.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        if let Some(node) = field(&self.harness, label) {
            node.type_text(text);
        }
        self.run();
        true
    }

    /// A word to look for: one said in the project, or now and then one nobody said.
    fn some_word(&mut self) -> String {
        let words: Vec<String> = self
            .project()
            .transcripts
            .iter()
            .flat_map(|t| t.text.split_whitespace())
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
            .filter(|w| w.chars().count() >= 3)
            .take(2_000)
            .collect();
        if words.is_empty() || self.rng.chance(0.1) {
            return "zqxj".to_owned();
        }
        self.rng.pick(&words).clone()
    }

    /// The words selected in the transcript shown, folded as search folds them.
    fn selected_folded(&self) -> Option<String> {
        let app = self.app();
        let (start, end) = app.text_selection()?;
        let transcript = app.project().transcript(app.view_transcript()?)?;
        Some(fold_words(
            char_slice(&transcript.text, start, end),
            FoldOptions::default(),
        ))
    }

    pub(super) fn find_or_search(&mut self) {
        if self.covered() || self.app().view_transcript().is_none() {
            return self.note("find (a window is over the transcript, or none is open)");
        }
        let word = self.some_word();
        if self.rng.chance(0.5) {
            self.find_in_transcript(&word);
        } else {
            self.search_all(&word);
        }
    }

    fn find_in_transcript(&mut self, word: &str) {
        self.note(format!("Ctrl+F, find “{word}”"));
        self.ctrl(Key::F);
        if !self.type_over("Find:", word) {
            return self.note("  (no find field)");
        }
        for _ in 0..self.rng.below(4) {
            let back = self.rng.chance(0.3);
            self.note(if back { "  Shift+F3" } else { "  F3" });
            self.harness.key_press_modifiers(
                if back {
                    Modifiers::SHIFT
                } else {
                    Modifiers::NONE
                },
                Key::F3,
            );
            self.run();
        }
        let wanted = fold_words(word, FoldOptions::default());
        if let Some(found) = self.selected_folded().filter(|_| self.has("Find:")) {
            // A found hit is the word itself, however it is written in the text.
            let counted = self.harness.query_all_by_label_contains(" of ").any(|n| {
                let label = n.accesskit_node().label().unwrap_or_default();
                let mut parts = label.trim_end_matches('+').split(" of ");
                parts.next().is_some_and(|a| a.parse::<usize>().is_ok())
                    && parts.next().is_some_and(|b| b.parse::<usize>().is_ok())
            });
            if counted {
                assert_eq!(found, wanted, "the find bar selected something else");
            }
        }
        if self.rng.chance(0.3) {
            self.note("  Ctrl+E");
            self.ctrl(Key::E);
        }
        if self.rng.chance(0.6) {
            self.note("  Escape");
            self.harness.key_press(Key::Escape);
            self.run();
        }
    }

    fn search_all(&mut self, word: &str) {
        self.note(format!("Ctrl+Shift+F, search “{word}”"));
        self.harness
            .key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
        self.run();
        if !self.type_over("Search:", word) {
            return self.note("  (no search field)");
        }
        // The search runs beside the window: wait for its summary.
        for _ in 0..300 {
            let done = self
                .harness
                .query_by_label_contains(" in 1 transcript")
                .is_some()
                || self
                    .harness
                    .query_all_by_label_contains(" transcripts")
                    .next()
                    .is_some()
                || self.has("No hits.");
            if done {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
            self.harness.step();
        }
        self.run();
        let rows: Vec<_> = self
            .harness
            .query_all_by_role(egui::accesskit::Role::ListBoxOption)
            .map(|n| n.rect())
            .collect();
        if !rows.is_empty() && self.rng.chance(0.7) {
            let row = rows[self.rng.below(rows.len())];
            self.note(format!("  click the hit at {:?}", row.center()));
            self.click_at(row.center());
            if self.rng.chance(0.4) && self.has("New excerpt from hit") {
                self.note("  New excerpt from hit");
                self.click("New excerpt from hit");
            }
        }
        if self.rng.chance(0.7) {
            self.note("  close the search window");
            let close: Vec<_> = self
                .harness
                .query_all_by_label("Close window")
                .map(|n| n.rect())
                .collect();
            for rect in close {
                self.click_at(rect.center());
            }
        }
    }
}
