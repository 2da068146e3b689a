//! The application: owns the open [`Document`], the view state, the open dialogs and windows, and
//! runs the frame. A frame has three phases (see `docs/architecture.md`):
//!
//! 1. the panels draw with the project borrowed and put [`Step`]s into the [`Outbox`];
//! 2. the steps are applied in the order they were emitted (`apply_steps`): edits, commands,
//!    messages, view changes;
//! 3. the modal dialog and the open windows draw, emitting steps that are applied at once; then
//!    the file flow's question and the recovery prompt, which act on the document themselves.
//!
//! What commands do is in `run.rs`; saving, opening and closing in `files.rs`.

mod files;
mod run;

use super::dialog::{Dialog, DialogContext};
use super::file_dialogs::{FileDialogs, NativeFileDialogs};
use super::file_flow::{Event, FileFlow, Pending};
use super::import_dialog::ImportDialog;
use super::merge_dialog::MergeDialog;
use super::notifications::Notifications;
use super::opening::Opening;
use super::outbox::{Outbox, Step};
use super::recovery::{Autosave, Leftovers};
use super::screenshot::ScreenshotTask;
use super::side_panels::SideWidth;
use super::transcript_view::TranscriptView;
use super::view_state::ViewState;
use super::{
    continuum_panel, export_map::ExportMemory, inspector, keys, menus, transcript_list, widgets,
};
use crate::document::Document;
use crate::io::{RecentFiles, RecoveryStore};
use crate::model::{Edit, Project};
use std::path::PathBuf;
use std::time::Duration;

/// How the window starts.
pub struct StartOptions {
    /// The project to open; `None` opens the bundled sample project.
    pub file: Option<PathBuf>,
    /// Save a screenshot of the window here after the first frames, then quit.
    pub screenshot: Option<PathBuf>,
    pub recent: RecentFiles,
    pub dialogs: Box<dyn FileDialogs>,
    /// Where unsaved work is kept against crashes; `None` keeps no recovery copies.
    pub recovery: Option<RecoveryStore>,
    /// How long after the last change the recovery copy is written.
    pub autosave_delay: Duration,
    /// Project files from this size on are opened on a thread, with a progress window.
    pub background_open_bytes: u64,
}

impl Default for StartOptions {
    fn default() -> Self {
        Self {
            file: None,
            screenshot: None,
            recent: RecentFiles::in_memory(),
            dialogs: Box::new(NativeFileDialogs::default()),
            recovery: None,
            autosave_delay: super::AUTOSAVE_DELAY,
            background_open_bytes: super::opening::BACKGROUND_OPEN_BYTES,
        }
    }
}

pub struct App {
    doc: Document,
    /// True while showing the bundled sample that was never saved: the title says so.
    is_sample: bool,
    view: ViewState,
    transcript_view: TranscriptView,
    notifications: Notifications,
    recent: RecentFiles,
    /// Set once the recent-files list could not be written, so the user is told once, not at
    /// every save.
    recent_failed: bool,
    dialogs: Box<dyn FileDialogs>,
    /// The modal dialog, if one is open: it owns the keyboard, and only one is open at a time.
    modal: Option<Box<dyn Dialog>>,
    /// Windows beside the work (comparison, agreement).
    windows: Vec<Box<dyn Dialog>>,
    /// Save, New, Open and Quit with their questions.
    flow: FileFlow,
    /// The continuum panel's least height, grown when its controls wrap (see `MAP_MIN_HEIGHT`).
    map_panel_min: f32,
    /// The widths the transcript list and the inspector go back to when the window grows.
    list_width: SideWidth,
    inspector_width: SideWidth,
    screenshot: Option<ScreenshotTask>,
    title: String,
    /// A large project being read on a thread.
    opening: Option<Opening>,
    background_open_bytes: u64,
    autosave: Autosave,
    /// Recovery copies from crashed windows, offered one at a time.
    leftovers: Leftovers,
}

/// The least height of the continuum panel (see where it is shown).
pub const MAP_PANEL_MIN_HEIGHT: f32 = 280.0;

/// The least height of the map inside it: the axis, the anchors and a few rows of markers.
pub const MAP_MIN_HEIGHT: f32 = 140.0;

impl App {
    pub fn new(cc: &eframe::CreationContext<'_>, options: StartOptions) -> Self {
        cc.egui_ctx.set_theme(egui::ThemePreference::Light);
        cc.egui_ctx.all_styles_mut(|style| {
            use egui::{FontId, TextStyle};
            // Slightly larger than egui's defaults: people read long passages here.
            style.text_styles = [
                (TextStyle::Heading, FontId::proportional(19.0)),
                (TextStyle::Body, FontId::proportional(14.0)),
                (TextStyle::Button, FontId::proportional(14.0)),
                (TextStyle::Small, FontId::proportional(11.5)),
                (TextStyle::Monospace, FontId::monospace(13.0)),
            ]
            .into();
        });
        Self::with_options(options)
    }

    /// Builds the app without an eframe context (used by `new` and by tests).
    pub fn with_options(options: StartOptions) -> Self {
        let mut notifications = Notifications::default();
        // A large file is read on a thread: the window shows at once, with its progress.
        let opening = options
            .file
            .as_ref()
            .filter(|path| Opening::wanted(path, options.background_open_bytes))
            .map(|path| Opening::start(None, path.clone()));
        let (doc, is_sample) = match &options.file {
            Some(_) if opening.is_some() => (Document::new(Project::new("")), false),
            Some(path) => match Document::open(path) {
                Ok(doc) => (doc, false),
                Err(error) => {
                    notifications.error(error.to_string());
                    (Document::new(Project::default()), false)
                }
            },
            None => match crate::io::parse_project(crate::SAMPLE_PROJECT) {
                Ok(project) => (Document::new(project), true),
                Err(error) => {
                    notifications.error(format!("The bundled sample project is damaged: {error}"));
                    (Document::new(Project::default()), false)
                }
            },
        };
        let autosave = Autosave::new(options.recovery, options.autosave_delay);
        let mut app = Self {
            doc,
            is_sample,
            view: ViewState::default(),
            transcript_view: TranscriptView::default(),
            notifications,
            recent: options.recent,
            recent_failed: false,
            dialogs: options.dialogs,
            modal: None,
            windows: Vec::new(),
            flow: FileFlow::default(),
            map_panel_min: MAP_PANEL_MIN_HEIGHT,
            list_width: SideWidth::default(),
            inspector_width: SideWidth::default(),
            screenshot: options.screenshot.map(ScreenshotTask::new),
            title: String::new(),
            opening,
            background_open_bytes: options.background_open_bytes,
            leftovers: Leftovers::new(autosave.leftovers()),
            autosave,
        };
        if let Some(path) = &options.file
            && app.doc.path().is_some()
        {
            app.remember_recent(path);
        }
        app.reset_view();
        app
    }

    pub fn project(&self) -> &Project {
        self.doc.project()
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The excerpt selected in the transcript, on the continuum or in the inspector.
    pub fn selected_excerpt(&self) -> Option<crate::model::ExcerptId> {
        self.view.selected_excerpt
    }

    /// Whose placements the window shows and makes.
    pub fn active_annotator(&self) -> Option<crate::model::AnnotatorId> {
        self.view.active_annotator
    }

    /// The transcript shown in the middle of the window.
    pub fn view_transcript(&self) -> Option<crate::model::TranscriptId> {
        self.view.transcript
    }

    /// The text selected in the transcript, as a char range.
    pub fn text_selection(&self) -> Option<(usize, usize)> {
        self.view.text_selection.map(|s| s.range())
    }

    /// The messages currently shown to the user (errors and confirmations).
    pub fn notices(&self) -> Vec<String> {
        self.notifications.iter().map(|n| n.text.clone()).collect()
    }

    /// What the open project is called in the title and in questions: its file name, the
    /// bundled sample's name, or "Untitled".
    fn document_name(&self) -> String {
        if self.is_sample && self.doc.path().is_none() {
            format!("{} (sample)", crate::SAMPLE_PROJECT_NAME)
        } else {
            self.doc.display_name()
        }
    }

    /// The window title: file name, a mark for unsaved changes, and the program name.
    pub fn window_title(&self) -> String {
        let name = self.document_name();
        let mark = if self.doc.has_unsaved_changes() {
            "● "
        } else {
            ""
        };
        format!("{mark}{name} — Continuum")
    }

    /// Shows the first transcript and picks the annotator who was coding when the project was
    /// saved (else the first) after a project is opened.
    fn reset_view(&mut self) {
        let project = self.doc.project();
        let remembered = project
            .view
            .active_annotator
            .filter(|a| project.annotator(*a).is_some());
        self.view = ViewState {
            transcript: project.transcripts.first().map(|t| t.id),
            active_annotator: remembered.or(project.annotators.first().map(|a| a.id)),
            export: project
                .view
                .figure
                .as_ref()
                .map(|f| ExportMemory::from_figure(f, project)),
            ..ViewState::default()
        };
    }

    /// Drops selections that an edit, undo or redo took away, so no panel points at nothing.
    fn repair_view(&mut self) {
        let project = self.doc.project();
        if self
            .view
            .selected_excerpt
            .is_some_and(|e| project.excerpt(e).is_none())
        {
            self.view.selected_excerpt = None;
        }
        if self
            .view
            .transcript
            .is_some_and(|t| project.transcript(t).is_none())
        {
            self.view.transcript = project.transcripts.first().map(|t| t.id);
            self.view.text_selection = None;
        }
        if self
            .view
            .active_annotator
            .is_some_and(|a| project.annotator(a).is_none())
        {
            self.view.active_annotator = project.annotators.first().map(|a| a.id);
        }
        self.view.map.prune(project);
    }

    fn apply(&mut self, edit: Edit) {
        if let Err(error) = self.doc.apply(edit) {
            self.notifications
                .error(format!("That change was not made: {error}."));
        }
    }

    /// Applies what the panels and dialogs asked for, in the order they asked.
    fn apply_steps(&mut self, ctx: &egui::Context, out: &mut Outbox) {
        for step in out.take() {
            match step {
                Step::Edit(edit) => self.apply(edit),
                Step::Group(description, edits) => {
                    if let Err(error) = self.doc.apply_all(description, edits) {
                        self.notifications
                            .error(format!("That change was not made: {error}."));
                    }
                }
                Step::Command(command) => self.run(ctx, command),
                Step::Info(text) => self.notifications.info(text),
                Step::Error(text) => self.notifications.error(text),
                Step::OpenImported(project) => {
                    self.file_event(ctx, Event::Want(Pending::OpenImported(project)));
                }
                Step::MergeImported(project, source) => {
                    match MergeDialog::new(self.doc.project(), *project, source) {
                        Ok(dialog) => self.open_modal(dialog),
                        Err(error) => self
                            .notifications
                            .error(format!("Nothing was merged: {error}.")),
                    }
                }
                Step::ShowTranscript(transcript) => {
                    if self.doc.project().transcript(transcript).is_some() {
                        self.view.show_transcript(transcript);
                    }
                }
            }
            // An edit can take away what the view points at, as undo can: removing the active
            // annotator left the map asking for an annotator while others remained.
            self.repair_view();
        }
    }

    /// Whether a dialog or question owns the keyboard.
    fn dialog_open(&self) -> bool {
        self.modal.is_some()
            || self.flow.is_asking()
            || self.leftovers.is_offering()
            || self.opening.is_some()
    }

    /// Opens `dialog` as the modal dialog, unless another is open (a modal covers the menus, so
    /// only a dropped file or a message's button can get here; the open one is not lost).
    fn open_modal(&mut self, dialog: impl Dialog + 'static) {
        if self.modal.is_none() {
            self.modal = Some(Box::new(dialog));
        }
    }

    /// Opens `window` beside the work, replacing one of the same kind.
    fn open_window<W: Dialog + 'static>(&mut self, window: W) {
        // One window of each kind: opening it again starts it afresh.
        self.windows.retain(|w| {
            let any: &dyn std::any::Any = w.as_ref();
            any.type_id() != std::any::TypeId::of::<W>()
        });
        self.windows.push(Box::new(window));
    }

    /// The modal dialog and the windows: drawn after the panels' steps are applied, so a dialog
    /// opened by a command shows in the same frame; what they emit is applied at once.
    fn show_dialogs(&mut self, ctx: &egui::Context, out: &mut Outbox) {
        let files = files::dialogs_for(&mut self.dialogs, &self.doc);
        let mut cx = DialogContext {
            project: self.doc.project(),
            revision: self.doc.change_count(),
            project_path: self.doc.path(),
            view: &mut self.view,
            out,
            files,
        };
        self.windows.retain_mut(|w| w.show(ctx, &mut cx));
        if let Some(modal) = &mut self.modal
            && !modal.show(ctx, &mut cx)
        {
            self.modal = None;
        }
    }

    /// Opens the import dialog for files dropped on the window, and shows a hint while they hover.
    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.open_modal(ImportDialog::new(dropped));
        }
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop-hint"),
            ));
            let rect = ctx.content_rect();
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(140));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop transcripts to import them",
                egui::FontId::proportional(24.0),
                egui::Color32::WHITE,
            );
        }
    }

    /// The side panels, the continuum panel and the transcript in the middle.
    fn panels(&mut self, ui: &mut egui::Ui, ctx: &egui::Context, out: &mut Outbox) {
        let project = self.doc.project();
        // Side panels start in proportion to the window (so a 1000-px window keeps a wide middle
        // column) and then keep the width the user gives them.
        let window_width = ctx.content_rect().width();
        // Never so wide that the middle is squeezed when the window shrinks: at 1000 px, panels
        // kept from a 1280-px window left the transcript 250 px and the map without its axis.
        let (default, max) = (
            (0.18 * window_width).clamp(180.0, 240.0),
            (0.22 * window_width).max(180.0),
        );
        let list = egui::Panel::left("transcripts")
            .resizable(true)
            .default_size(default)
            .min_size(150.0)
            .max_size(max);
        self.list_width
            .restore(ui, list, "transcripts", default, max)
            .show(ui, |ui| {
                widgets::name_region(ui, "Transcripts");
                transcript_list::show(ui, project, &mut self.view)
            });
        self.list_width.remember(ui, "transcripts");
        widgets::name_resize_handle(ui, "transcripts", "Transcripts");
        let (default, max) = (
            (0.24 * window_width).clamp(240.0, 330.0),
            (0.3 * window_width).max(240.0),
        );
        let inspector = egui::Panel::right("inspector")
            .resizable(true)
            .default_size(default)
            .min_size(200.0)
            .max_size(max);
        self.inspector_width
            .restore(ui, inspector, "inspector", default, max)
            .show(ui, |ui| {
                widgets::name_region(ui, "Inspector");
                inspector::show(ui, project, &mut self.view, out)
            });
        self.inspector_width.remember(ui, "inspector");
        widgets::name_resize_handle(ui, "inspector", "Inspector");
        let window_height = ctx.content_rect().height();
        let map_panel = egui::Panel::bottom("continuum")
            .resizable(true)
            .default_size(330.0)
            // Room for the controls, the filters, two rows of the tray and a map with its axis,
            // anchors and a few rows of markers, in every window down to the minimum size.
            .min_size(self.map_panel_min)
            .show(ui, |ui| {
                widgets::name_region(ui, "Continuum panel");
                ui.add_space(4.0);
                let panel_height = ui.max_rect().height();
                let map_height = continuum_panel::show(ui, project, &mut self.view, out);
                (panel_height, map_height)
            });
        widgets::name_resize_handle(ui, "continuum", "Continuum panel");
        // Where the controls wrap onto more rows (a narrow window), the panel's least height
        // grows so the map keeps its own; never past most of the window. Only when the map is
        // short of its least height: following every change of the tray's height made the
        // divider creep down a few pixels with each placement.
        if let (panel_height, Some(map_height)) = map_panel.inner
            && map_height < MAP_MIN_HEIGHT - 1.0
        {
            let wanted = (panel_height - map_height + MAP_MIN_HEIGHT).clamp(
                MAP_PANEL_MIN_HEIGHT,
                (0.6 * window_height).max(MAP_PANEL_MIN_HEIGHT),
            );
            if wanted > self.map_panel_min + 1.0 {
                self.map_panel_min = wanted;
                ctx.request_repaint();
            }
        }
        egui::CentralPanel::default_margins().show(ui, |ui| {
            widgets::name_region(ui, "Transcript");
            self.transcript_view.show(ui, project, &mut self.view, out);
        });
    }

    /// Messages float above the bottom right corner, so they never push the panels about.
    fn notices_area(&mut self, ctx: &egui::Context, out: &mut Outbox) {
        if self.notifications.is_empty() {
            return;
        }
        egui::Area::new(egui::Id::unique("notifications"))
            .order(egui::Order::Foreground)
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -34.0))
            .show(ctx, |ui| {
                ui.set_max_width(560.0);
                ui.set_min_width(360.0);
                if let Some(command) = self.notifications.show(ui) {
                    out.command(command);
                }
            });
    }
}

// ---------------------------------------------------------------------------------------------
// Test hooks for the randomised session test (tests/it/session/). They only read state; keep
// them together here, and keep them few.
// ---------------------------------------------------------------------------------------------
impl App {
    /// Every cache the next frame would reuse (paragraph layout, map layout, comparison,
    /// agreement), compared with a fresh computation from the open project: one line for each
    /// that disagrees.
    #[doc(hidden)]
    pub fn stale_caches(&self) -> Vec<String> {
        let project = self.doc.project();
        let revision = self.doc.change_count();
        let mut problems = Vec::new();
        problems.extend(
            self.transcript_view
                .stale_cache(project, self.view.transcript, revision),
        );
        problems.extend(self.view.map.stale_cache(project, revision));
        let active = self.view.active_annotator;
        problems.extend(self.view.list_counts.stale(project, revision, active));
        problems.extend(self.view.find.stale_cache(project, revision));
        for window in &self.windows {
            problems.extend(window.stale_caches(project, revision));
        }
        problems
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.handle_close_request(&ctx);
        self.dropped_files(&ctx);
        if let Some(blind) = self.doc.project().blind {
            self.view.active_annotator = Some(blind);
        }
        let mut out = Outbox::default();
        keys::handle(
            &ctx,
            self.doc.project(),
            &self.view,
            self.dialog_open(),
            &mut out,
        );
        if !self.dialog_open() {
            keys::switch_region(&ctx, self.doc.project(), &mut self.view);
        }

        // Phase 1: the panels draw and emit.
        egui::Panel::top("menu").show(ui, |ui| {
            widgets::name_region(ui, "Menu bar");
            menus::menu_bar(ui, &self.doc, &self.recent, &self.view, &mut out);
        });
        egui::Panel::top("toolbar").show(ui, |ui| {
            widgets::name_region(ui, "Toolbar");
            ui.add_space(2.0);
            menus::toolbar(ui, self.doc.project(), &mut self.view, &mut out);
            ui.add_space(2.0);
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            widgets::name_region(ui, "Status bar");
            menus::status_bar(ui, &self.doc, self.is_sample)
        });
        self.view.project_revision = self.doc.change_count();
        self.panels(ui, &ctx, &mut out);
        self.notices_area(&ctx, &mut out);

        // Phase 2: what they asked for is applied, in order.
        self.apply_steps(&ctx, &mut out);

        // Phase 3: dialogs and windows, then the questions about the file and leftovers.
        self.show_dialogs(&ctx, &mut out);
        self.apply_steps(&ctx, &mut out);
        if let Some(answer) = self.flow.show(&ctx, &self.document_name()) {
            self.file_event(&ctx, Event::Answered(answer));
        }
        self.offer_leftovers(&ctx);
        self.show_opening(&ctx);
        // Once the user has agreed to close, no recovery copy is written (it would be left behind
        // to be offered at the next start) and no repaint is booked for one: eframe's event loop
        // waited for that repaint, so the process outlived its window by the autosave delay.
        if !self.flow.is_closing() {
            self.autosave.tick(&ctx, &self.doc, &mut self.notifications);
        }

        let title = self.window_title();
        // The window's node in the accessibility tree is named by its title, as the window is.
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| {
            node.set_label(title.as_str())
        });
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if let Some(task) = &mut self.screenshot
            && task.tick(&ctx)
        {
            self.screenshot = None;
            self.file_event(&ctx, Event::CloseNow);
        }
    }
}
