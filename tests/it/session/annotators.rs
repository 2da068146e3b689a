//! The steps on annotators: adding and removing one, blind coding, and the comparison and
//! agreement windows.

use super::driver::Session;
use super::material::NAMES;
use super::screen::{Seen, seen};
use egui_kittest::kittest::{NodeT, Queryable};

impl Session {
    pub(super) fn add_annotator(&mut self) {
        let name = *self.rng.pick(&NAMES);
        self.note(format!("Annotators > Add annotator… “{name}”"));
        if !self.menu("Annotators", "Add annotator…") {
            return self.note("  (not offered)");
        }
        self.harness.get_by_label("Name:").type_text(name);
        self.run();
        let add = self
            .harness
            .query_all_by_label("Add")
            .any(|n| !n.accesskit_node().is_disabled());
        if add {
            self.click_settled("Add");
        }
        if self.has("Name:") {
            self.note("  (name taken: Cancel)");
            self.click_settled("Cancel");
        }
        assert!(!self.has("Name:"), "the dialog closed");
    }

    pub(super) fn remove_annotator(&mut self) {
        self.note("Annotators > Manage annotators…, Remove…");
        if !self.menu("Annotators", "Manage annotators…") {
            return self.note("  (not offered)");
        }
        let buttons: Vec<Seen> = seen(&self.harness)
            .into_iter()
            .filter(|n| n.label == "Remove…" && !n.disabled)
            .collect();
        if !buttons.is_empty() {
            let button = self.rng.pick(&buttons).clone();
            self.click_at(button.rect.center());
            let before = self.project().annotators.len();
            self.click_settled("Remove");
            assert_eq!(
                self.project().annotators.len() + 1,
                before,
                "one annotator fewer"
            );
        }
        self.click_settled("Close");
    }

    pub(super) fn blind(&mut self) {
        if self.project().blind.is_none() {
            self.note("Code blind");
            let enabled = self
                .harness
                .query_all_by_label("Code blind")
                .any(|n| !n.accesskit_node().is_disabled());
            if enabled {
                self.click("Code blind");
                assert!(
                    self.project().blind.is_some() || self.covered(),
                    "Code blind starts blind coding"
                );
            }
        } else {
            let end = self.rng.chance(0.7);
            self.note(format!(
                "End blind coding…, then {}",
                if end {
                    "End blind coding"
                } else {
                    "Keep coding blind"
                }
            ));
            self.click("End blind coding…");
            self.click_settled(if end {
                "End blind coding"
            } else {
                "Keep coding blind"
            });
            assert_eq!(self.project().blind.is_none(), end);
        }
    }

    pub(super) fn compare_or_agreement(&mut self) {
        let (entry, title) = *self.rng.pick(&[
            ("Compare annotators…", "Compare annotators"),
            ("Agreement…", "Agreement between annotators"),
        ]);
        if self.has(title) {
            self.note(format!("close {title}"));
            let close = seen(&self.harness)
                .into_iter()
                .filter(|n| n.label == "Close window")
                .collect::<Vec<_>>();
            for button in close {
                self.click_at(button.rect.center());
            }
        } else {
            self.note(format!("Annotators > {entry}"));
            self.menu("Annotators", entry);
        }
    }
}
