//! Driving the real `App` through egui_kittest: a window on a project, one fake file-dialog type,
//! and the gestures tests repeat (click a labelled widget, choose from a menu, type into a field,
//! press a shortcut, drag), each followed by running the frames until the window settles.

use continuum::io;
use continuum::model::{AnnotatorId, ExcerptId, Placement};
use continuum::ui::{App, FileDialogs, StartOptions};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, Vec2, vec2};
use egui_kittest::Node;
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::{Harness, HarnessBuilder};
use std::cell::{RefCell, RefMut};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// The real window under test.
pub type Window = Harness<'static, App>;

/// The window's size in most tests.
pub const WINDOW_SIZE: Vec2 = vec2(1400.0, 860.0);

/// The first paragraph of the sample's first transcript.
pub const FIRST_QUESTION: &str =
    "Could you start by telling me a little about Hjemmeplejen Vestbo and your role here?";

/// What the fake file dialogs answer next, and where the app last said they start.
#[derive(Debug, Default)]
pub struct Answers {
    /// What Open and Merge pick.
    pub open: Option<PathBuf>,
    /// What Save As picks; a figure or table is saved beside it, under the name the app suggests.
    pub save: Option<PathBuf>,
    /// What Import and Replace text pick.
    pub transcripts: Vec<PathBuf>,
    /// What Import REFI-QDA picks, and where Export REFI-QDA writes.
    pub exchange: Option<PathBuf>,
    /// The folder the app last told the dialogs to start in.
    pub started_in: Option<PathBuf>,
}

/// Answers file dialogs from [`Answers`] instead of asking a person (the default answers
/// nothing, as a cancelled dialog). Clones share the answers, so a test can change them, or read
/// where the dialogs were to start, while the app holds its own clone.
#[derive(Clone, Debug, Default)]
pub struct FakeDialogs(Rc<RefCell<Answers>>);

impl FakeDialogs {
    /// Open and Merge pick `project`.
    pub fn opening(project: impl Into<PathBuf>) -> Self {
        Self::with(Answers {
            open: Some(project.into()),
            ..Answers::default()
        })
    }

    /// Save As picks `project`, and figures go beside it.
    pub fn saving(project: impl Into<PathBuf>) -> Self {
        Self::with(Answers {
            save: Some(project.into()),
            ..Answers::default()
        })
    }

    /// Import and Replace text pick `files`.
    pub fn importing(files: Vec<PathBuf>) -> Self {
        Self::with(Answers {
            transcripts: files,
            ..Answers::default()
        })
    }

    pub fn with(answers: Answers) -> Self {
        Self(Rc::new(RefCell::new(answers)))
    }

    /// The answers, to read or to change before the next dialog.
    pub fn answers(&self) -> RefMut<'_, Answers> {
        self.0.borrow_mut()
    }
}

impl FileDialogs for FakeDialogs {
    fn pick_project(&self) -> Option<PathBuf> {
        self.0.borrow().open.clone()
    }
    fn save_project(&self, _file_name: &str) -> Option<PathBuf> {
        self.0.borrow().save.clone()
    }
    fn pick_transcripts(&self) -> Vec<PathBuf> {
        self.0.borrow().transcripts.clone()
    }
    fn save_figure(&self, file_name: &str) -> Option<PathBuf> {
        let save = self.0.borrow().save.clone();
        save.map(|p| p.with_file_name(file_name))
    }
    fn pick_qdpx(&self) -> Option<PathBuf> {
        self.0.borrow().exchange.clone()
    }
    fn save_qdpx(&self, _file_name: &str) -> Option<PathBuf> {
        self.0.borrow().exchange.clone()
    }
    fn save_report(&self, file_name: &str) -> Option<PathBuf> {
        let save = self.0.borrow().save.clone();
        save.map(|p| p.with_file_name(file_name))
    }
    fn save_table(&self, file_name: &str) -> Option<PathBuf> {
        let save = self.0.borrow().save.clone();
        save.map(|p| p.with_file_name(file_name))
    }
    fn start_in(&mut self, folder: &Path) {
        self.0.borrow_mut().started_in = Some(folder.to_path_buf());
    }
}

/// Kittest's builder for a window of `size`, settling within 64 frames: scroll areas coast for a
/// while after a drag (kinetic scrolling) before the UI settles.
pub fn builder(size: Vec2) -> HarnessBuilder<App> {
    Harness::builder().with_size(size).with_max_steps(64)
}

/// The app started with `options` in a window of `size`, after its first frames.
pub fn start_sized(size: Vec2, options: StartOptions) -> Window {
    let mut harness = builder(size).build_eframe(move |cc| App::new(cc, options));
    harness.run();
    harness
}

/// The app started with `options` in a window of the usual size.
pub fn harness_with(options: StartOptions) -> Window {
    start_sized(WINDOW_SIZE, options)
}

/// The app on the project `file` (`None`: the bundled sample), its file dialogs answered by
/// `dialogs`.
pub fn with_dialogs(file: Option<&Path>, dialogs: FakeDialogs) -> Window {
    harness_with(StartOptions {
        file: file.map(Path::to_path_buf),
        dialogs: Box::new(dialogs),
        ..StartOptions::default()
    })
}

/// The app on the project at `path`, its file dialogs answering nothing.
pub fn open(path: &Path) -> Window {
    with_dialogs(Some(path), FakeDialogs::default())
}

/// The app on a fresh copy of the sample, which it may save over; the copy's folder goes when
/// the returned `TempDir` is dropped.
pub fn open_sample_copy() -> (tempfile::TempDir, Window) {
    let (dir, path) = crate::support::sample_copy();
    let harness = open(&path);
    (dir, harness)
}

/// The app on `file` (`None`: the sample) keeping recovery copies in `folder`, written as soon
/// as something changes.
pub fn with_recovery(file: Option<PathBuf>, folder: &Path) -> Window {
    harness_with(StartOptions {
        file,
        dialogs: Box::new(FakeDialogs::default()),
        recovery: Some(io::RecoveryStore::at(folder)),
        autosave_delay: std::time::Duration::ZERO,
        ..StartOptions::default()
    })
}

/// The app on a fresh copy of the sample keeping recovery copies in the folder `recovery` beside
/// it, after an unsaved change (a marker moved) has had its frames: the copy is written.
pub fn changed_sample_with_recovery() -> (tempfile::TempDir, PathBuf, Window) {
    let (dir, path) = crate::support::sample_copy();
    let recovery = dir.path().join("recovery");
    let mut harness = with_recovery(Some(path), &recovery);
    harness.move_a_marker();
    harness.run();
    (dir, recovery, harness)
}

/// What a user does to the window, each gesture followed by running the frames it causes.
pub trait Drive {
    /// Clicks the one widget labelled `label`.
    fn click(&mut self, label: &str);
    /// Clicks the last widget labelled `label`: the entry of an open drop-down list, which comes
    /// after the value the closed list shows.
    fn click_last(&mut self, label: &str);
    /// Opens the menu `menu` (the first widget with that label: "Project" is a memo tab too)
    /// and clicks its entry `entry`.
    fn menu(&mut self, menu: &str, entry: &str);
    /// Presses `key` with `modifiers`, such as Ctrl+S.
    fn shortcut(&mut self, modifiers: Modifiers, key: Key);
    /// Presses `key` alone.
    fn press(&mut self, key: Key);
    /// Focuses the text field labelled `label` and types `text` at its caret.
    fn type_into(&mut self, label: &str, text: &str);
    /// Focuses the text field labelled `label`, selects all it holds and types `text` over it.
    fn retype(&mut self, label: &str, text: &str);
    /// Presses at `from`, moves in steps to `to`, and releases there.
    fn drag(&mut self, from: Pos2, to: Pos2);
    /// Asks the window to close, as the platform does when its close button is clicked, without
    /// running any frame yet.
    fn request_close(&mut self);
    /// Asks the window to close and runs the frames that follow.
    fn close_window(&mut self);
    /// Makes an unsaved change the way a user would: drags the "Part of her week" marker a little.
    fn move_a_marker(&mut self);
    /// Whether a widget labelled `label` is on screen.
    fn shows(&self, label: &str) -> bool;
    /// Whether a widget whose label contains `part` is on screen.
    fn shows_containing(&self, part: &str) -> bool;
    /// One annotator's placement of one excerpt, by their numbers (a1, e1).
    fn placement(&self, annotator: u32, excerpt: u32) -> Option<Placement>;
    /// The id of the excerpt with this label.
    fn excerpt_labelled(&self, label: &str) -> ExcerptId;
}

impl Drive for Window {
    fn click(&mut self, label: &str) {
        self.get_by_label(label).click();
        self.run();
    }

    fn click_last(&mut self, label: &str) {
        self.get_all_by_label(label)
            .last()
            .unwrap_or_else(|| panic!("nothing labelled {label}"))
            .click();
        self.run();
    }

    fn menu(&mut self, menu: &str, entry: &str) {
        self.get_all_by_label(menu)
            .next()
            .unwrap_or_else(|| panic!("no menu {menu}"))
            .click();
        self.run();
        self.click(entry);
    }

    fn shortcut(&mut self, modifiers: Modifiers, key: Key) {
        self.key_press_modifiers(modifiers, key);
        self.run();
    }

    fn press(&mut self, key: Key) {
        self.key_press(key);
        self.run();
    }

    fn type_into(&mut self, label: &str, text: &str) {
        text_field(self, label).focus();
        self.run();
        text_field(self, label).type_text(text);
        self.run();
    }

    fn retype(&mut self, label: &str, text: &str) {
        text_field(self, label).focus();
        self.run();
        self.key_press_modifiers(Modifiers::COMMAND, Key::A);
        text_field(self, label).type_text(text);
        self.run();
    }

    fn drag(&mut self, from: Pos2, to: Pos2) {
        self.hover_at(from);
        self.run();
        self.drag_at(from);
        self.run();
        for step in 1..=5 {
            self.hover_at(from + (to - from) * (step as f32 / 5.0));
            self.run();
        }
        self.drop_at(to);
        self.run();
    }

    fn request_close(&mut self) {
        self.input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .events
            .push(egui::ViewportEvent::Close);
    }

    fn close_window(&mut self) {
        self.request_close();
        self.run();
    }

    fn move_a_marker(&mut self) {
        let rect = self.get_by_label("Marker: Part of her week").rect();
        self.drag(rect.center(), rect.center() + vec2(40.0, 0.0));
        assert!(self.state().document().has_unsaved_changes());
    }

    fn shows(&self, label: &str) -> bool {
        self.query_by_label(label).is_some()
    }

    fn shows_containing(&self, part: &str) -> bool {
        self.query_by_label_contains(part).is_some()
    }

    fn placement(&self, annotator: u32, excerpt: u32) -> Option<Placement> {
        self.state()
            .project()
            .placement(AnnotatorId(annotator), ExcerptId(excerpt))
            .cloned()
    }

    fn excerpt_labelled(&self, label: &str) -> ExcerptId {
        self.state()
            .project()
            .excerpts
            .iter()
            .find(|e| e.label == label)
            .unwrap_or_else(|| panic!("no excerpt labelled {label}"))
            .id
    }
}

/// The one text field (of one line or several) labelled `label`: a caption may name a button or
/// a drop-down list beside its field too.
fn text_field<'h>(harness: &'h Window, label: &'h str) -> Node<'h> {
    let mut fields = harness.query_all_by_label(label).filter(|node| {
        matches!(
            node.accesskit_node().role(),
            Role::TextInput | Role::MultilineTextInput
        )
    });
    let field = fields
        .next()
        .unwrap_or_else(|| panic!("no text field labelled {label}"));
    assert!(fields.next().is_none(), "two text fields labelled {label}");
    field
}

/// Steps the UI until every text shows (files are read on a background thread), at most
/// about five seconds; then names what never appeared.
pub fn wait_for_texts(harness: &mut Window, texts: &[&str]) {
    let missing = |h: &Window| {
        texts
            .iter()
            .copied()
            .filter(|t| h.query_by_label_contains(t).is_none())
            .collect::<Vec<_>>()
    };
    for _ in 0..500 {
        if missing(harness).is_empty() {
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    panic!("never shown: {:?}", missing(harness));
}

/// Clicks "Part of her week" and Shift-clicks "A good neighbour": two of Anna's markers of the
/// first transcript, in one row of the map.
pub fn select_week_and_neighbour(harness: &mut Window) {
    harness.click("Marker: Part of her week");
    harness
        .get_by_label("Marker: A good neighbour")
        .click_modifiers(Modifiers::SHIFT);
    harness.run();
}

/// Shows every annotator's markers on the map, through the "Markers of …" menu.
pub fn show_every_annotator(harness: &mut Window, active: &str) {
    harness.click(&format!("Markers of {active}"));
    harness.click("Several annotators:");
    harness.press(Key::Escape);
}
