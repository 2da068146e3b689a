//! The session's hands: the harness driving the real `App`, its file dialogs and folder, the log
//! of steps, and the clicks, drags, keys and menus every step is made of.

use super::material::colliding_project;
use super::rng::Rng;
use super::screen::{node_again, seen};
use super::{describe, harness_with};
use crate::support::gui::{FakeDialogs, Window};
use crate::support::{sample_path, small_project};
use continuum::io;
use continuum::model::*;
use continuum::ui::{App, StartOptions};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, Rect};
use egui_kittest::kittest::{NodeT, Queryable};
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

/// One seeded session: the window, what its file dialogs answer, the files it may open, and the
/// log of its steps.
pub(super) struct Session {
    pub(super) harness: Window,
    pub(super) rng: Rng,
    pub(super) dir: tempfile::TempDir,
    /// What the next file dialog answers, set by the step about to ask.
    pub(super) dialogs: FakeDialogs,
    /// Project files Open may pick: the sample, a small project and one with colliding ids, an
    /// empty one.
    pub(super) files: Vec<PathBuf>,
    /// The project as the open document began (opened, or made by New).
    pub(super) opened: Project,
    pub(super) log: Rc<RefCell<Vec<String>>>,
    pub(super) made: usize,
}

impl Session {
    pub(super) fn new(seed: u64, log: Rc<RefCell<Vec<String>>>) -> Self {
        let mut rng = Rng(seed);
        let dir = tempfile::tempdir().unwrap();
        let sample = dir.path().join("care-settings.continuum");
        std::fs::copy(sample_path(), &sample).unwrap();
        let mut files = vec![sample];
        for (name, project) in [
            ("small.continuum", small_project()),
            ("colliding.continuum", colliding_project()),
            ("empty.continuum", Project::new("Empty")),
        ] {
            let path = dir.path().join(name);
            io::save_project(&path, &project).unwrap();
            files.push(path);
        }
        let dialogs = FakeDialogs::default();
        // Start on the bundled sample (as a new user does) or on one of the files.
        let file = rng.chance(0.5).then(|| rng.pick(&files).clone());
        log.borrow_mut()
            .push(format!("start on {}", describe(file.as_deref())));
        let harness = harness_with(StartOptions {
            file,
            dialogs: Box::new(dialogs.clone()),
            ..StartOptions::default()
        });
        let opened = harness.state().project().clone();
        Self {
            harness,
            rng,
            dir,
            dialogs,
            files,
            opened,
            log,
            made: 0,
        }
    }

    pub(super) fn note(&self, what: impl Into<String>) {
        self.log.borrow_mut().push(what.into());
    }

    pub(super) fn run(&mut self) {
        self.harness.run();
    }

    /// Runs a few frames while the pointer is held down: a drag repaints every frame, so the UI
    /// does not settle until the button is released.
    pub(super) fn run_held(&mut self) {
        self.harness.run_steps(2);
    }

    pub(super) fn ctrl(&mut self, key: Key) {
        self.harness.key_press_modifiers(Modifiers::COMMAND, key);
        self.run();
    }

    pub(super) fn app(&self) -> &App {
        self.harness.state()
    }

    pub(super) fn project(&self) -> &Project {
        self.harness.state().project()
    }

    pub(super) fn has(&self, label: &str) -> bool {
        self.harness.query_by_label(label).is_some()
    }

    /// Clicks the first node labelled `label`, if there is one.
    pub(super) fn click(&mut self, label: &str) -> bool {
        let Some(node) = self.harness.query_all_by_label(label).next() else {
            return false;
        };
        node.click();
        self.run();
        true
    }

    /// Clicks a dialog's button once the dialog stays put: the import dialog re-centres as it
    /// grows and moves its buttons from under the pointer (first-hour issue, item 7), so the
    /// pointer is moved out of the way and the button's place must hold for a frame.
    pub(super) fn click_settled(&mut self, label: &str) -> bool {
        self.harness.hover_at(Pos2::new(2.0, 2.0));
        let mut last = None;
        for _ in 0..20 {
            self.run();
            let rect = self.harness.query_by_label(label).map(|n| n.rect());
            if rect.is_none() || rect == last {
                break;
            }
            last = rect;
        }
        self.click(label)
    }

    pub(super) fn click_at(&mut self, pos: Pos2) {
        self.harness.hover_at(pos);
        self.run();
        self.harness.drag_at(pos);
        self.harness.drop_at(pos);
        self.run();
    }

    /// Presses at `from`, moves in steps to `to`, and releases there.
    pub(super) fn drag(&mut self, from: Pos2, to: Pos2) {
        self.harness.hover_at(from);
        self.run();
        self.harness.drag_at(from);
        self.run_held();
        for step in 1..=5 {
            self.harness
                .hover_at(from + (to - from) * (step as f32 / 5.0));
            self.run_held();
        }
        self.harness.drop_at(to);
        self.run();
    }

    /// Opens a menu of the menu bar and clicks an entry; false if the entry is missing or
    /// disabled (the menu is closed again), or if a window covers the menu bar.
    pub(super) fn menu(&mut self, menu: &str, entry: &str) -> bool {
        // The comparison window opens at the top left, and its resize corner lies over the File
        // menu: a click there would resize the window. Then the menu is used as a screen reader
        // would, through AccessKit.
        let button = node_again(&self.harness, menu).rect();
        let covered = seen(&self.harness)
            .into_iter()
            .filter(|n| n.role == Role::Window)
            .any(|n| n.rect.expand(12.0).contains(button.center()));
        if covered {
            self.note("  (the menu bar is under a window: using AccessKit)");
            node_again(&self.harness, menu).click_accesskit();
            self.run();
            let entry_node = self
                .harness
                .query_all_by_label(entry)
                .find(|n| !n.accesskit_node().is_disabled());
            return match entry_node {
                Some(node) => {
                    node.click_accesskit();
                    self.run();
                    true
                }
                None => {
                    node_again(&self.harness, menu).click_accesskit();
                    self.run();
                    false
                }
            };
        }
        let Some(node) = self
            .harness
            .query_all_by_label(menu)
            .find(|n| n.accesskit_node().role() == Role::Button)
        else {
            return false;
        };
        node.click();
        self.run();
        let enabled = self
            .harness
            .query_all_by_label(entry)
            .any(|n| !n.accesskit_node().is_disabled());
        if enabled {
            self.click(entry);
        } else {
            // Close the menu by clicking its button again: Escape is taken by Clear selection
            // while a menu is open (first-hour issue, item 5).
            node_again(&self.harness, menu).click();
            self.run();
            assert!(
                self.harness.query_by_label(entry).is_none(),
                "the {menu} menu closed"
            );
        }
        enabled
    }

    /// A new file name in the session's folder.
    pub(super) fn fresh(&mut self, name: &str) -> PathBuf {
        self.made += 1;
        let folder = self.dir.path().join(format!("f{}", self.made));
        std::fs::create_dir_all(&folder).unwrap();
        folder.join(name)
    }

    /// Answers "Unsaved changes" with Don't save, if asked.
    pub(super) fn dont_save(&mut self) {
        if self.has("Don't save") {
            self.click_settled("Don't save");
        }
    }

    /// Whether the comparison, agreement or search window is open: it floats over the panels,
    /// so a click meant for what is under it lands on it.
    pub(super) fn covered(&self) -> bool {
        self.has("Compare annotators")
            || self.has("Agreement between annotators")
            || self.has("Search all transcripts")
    }

    pub(super) fn canvas(&self) -> Option<Rect> {
        self.harness
            .query_by_label("Continuum map")
            .map(|n| n.rect())
    }
}
