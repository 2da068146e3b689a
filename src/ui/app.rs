//! The application: owns the open [`Document`], the view state and the panels; lays out the window;
//! applies the edits and commands the panels emit; guards unsaved changes on New, Open and Quit.

use super::agreement_window::AgreementWindow;
use super::annotators::{self, AddAnnotatorDialog, ManageAnnotatorsDialog};
use super::comparison::ComparisonWindow;
use super::export_map::{ExportChoice, ExportMapDialog, ExportMemory};
use super::file_dialogs::{FileDialogs, NativeFileDialogs};
use super::import_dialog::{ImportDialog, ImportOutcome};
use super::merge_dialog::MergeDialog;
use super::notifications::Notifications;
use super::recovery::{Autosave, RestoreChoice, restore_prompt};
use super::replace_text::ReplaceTextDialog;
use super::settings::SettingsDialog;
use super::state::{Outbox, ViewState};
use super::transcript_view::{TranscriptView, can_create_excerpt};
use super::{Command, continuum_panel, inspector, transcript_list};
use crate::document::{Document, SaveOutcome};
use crate::io::{RecentFiles, Recoverable, RecoveryStore};
use crate::map::MapSettings;
use crate::model::{Edit, Excerpt, ExcerptId, Project, Timestamp};
use std::path::{Path, PathBuf};
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
        }
    }
}

/// What to do once the user has answered "save changes first?".
#[derive(Clone, Debug, PartialEq)]
enum AfterSave {
    Quit,
    NewProject,
    Open(PathBuf),
}

/// Frames to wait before a `--screenshot`, so fonts and layout have settled.
const SCREENSHOT_AFTER_FRAMES: u32 = 8;

struct ScreenshotTask {
    path: PathBuf,
    frames: u32,
    requested: bool,
    /// Filled by egui's screenshot callback once the frame has been captured.
    image: std::sync::Arc<std::sync::Mutex<Option<std::sync::Arc<egui::ColorImage>>>>,
}

pub struct App {
    doc: Document,
    /// True while showing the bundled sample that was never saved: the title says so.
    is_sample: bool,
    view: ViewState,
    transcript_view: TranscriptView,
    notifications: Notifications,
    recent: RecentFiles,
    dialogs: Box<dyn FileDialogs>,
    add_annotator: Option<AddAnnotatorDialog>,
    settings: Option<SettingsDialog>,
    import: Option<ImportDialog>,
    replace_text: Option<ReplaceTextDialog>,
    merge: Option<MergeDialog>,
    export_map: Option<ExportMapDialog>,
    agreement: Option<AgreementWindow>,
    comparison: Option<ComparisonWindow>,
    manage_annotators: Option<ManageAnnotatorsDialog>,
    confirm_end_blind: bool,
    confirm_discard: Option<AfterSave>,
    /// An excerpt waiting for the user to confirm its deletion.
    confirm_delete: Option<ExcerptId>,
    /// Set while asking what to do about a file that changed on disk.
    /// The continuum panel's least height, grown when its controls wrap (see `MAP_MIN_HEIGHT`).
    map_panel_min: f32,
    /// Saving stopped to ask: the file changed on disk, or it is read-only.
    save_question: Option<SaveOutcome>,
    /// What to do once a save that had to ask first has gone through.
    after_save: Option<AfterSave>,
    /// Set once the user agreed to close, so the next close request goes through.
    closing: bool,
    screenshot: Option<ScreenshotTask>,
    title: String,
    autosave: Autosave,
    /// Recovery copies from crashed windows, offered one at a time at start-up.
    leftovers: Vec<Recoverable>,
    /// Leftovers the user put off ("Later"), not offered again in this window.
    put_off: std::collections::HashSet<std::path::PathBuf>,
    /// Whether the window had focus last frame: leftovers are looked for again when it regains it.
    had_focus: bool,
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
        let (doc, is_sample) = match &options.file {
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
        let mut app = Self {
            doc,
            is_sample,
            view: ViewState::default(),
            transcript_view: TranscriptView::default(),
            notifications,
            recent: options.recent,
            dialogs: options.dialogs,
            add_annotator: None,
            settings: None,
            import: None,
            replace_text: None,
            merge: None,
            export_map: None,
            agreement: None,
            comparison: None,
            manage_annotators: None,
            confirm_end_blind: false,
            confirm_discard: None,
            confirm_delete: None,
            save_question: None,
            map_panel_min: MAP_PANEL_MIN_HEIGHT,
            after_save: None,
            closing: false,
            screenshot: options.screenshot.map(|path| ScreenshotTask {
                path,
                frames: 0,
                requested: false,
                image: Default::default(),
            }),
            title: String::new(),
            autosave: Autosave::new(options.recovery, options.autosave_delay),
            leftovers: Vec::new(),
            put_off: Default::default(),
            had_focus: true,
        };
        app.leftovers = app.autosave.leftovers();
        if let Some(path) = &options.file
            && app.doc.path().is_some()
        {
            let _ = app.recent.add(path);
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

    /// Puts what the window shows that is worth keeping into the project, to be saved with it.
    fn remember_view(&mut self) {
        self.doc.set_view(crate::model::ViewSettings {
            active_annotator: self.view.active_annotator,
            figure: self.view.export.as_ref().map(ExportMemory::to_figure),
        });
    }

    fn apply(&mut self, edit: Edit) {
        if let Err(error) = self.doc.apply(edit) {
            self.notifications
                .error(format!("That change was not made: {error}."));
        }
    }

    fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::NewProject => self.guard_unsaved(AfterSave::NewProject),
            Command::Open => {
                if let Some(path) = dialogs(&mut self.dialogs, &self.doc).pick_project() {
                    self.guard_unsaved(AfterSave::Open(path));
                }
            }
            Command::OpenRecent(path) => self.guard_unsaved(AfterSave::Open(path)),
            Command::ClearRecent => {
                let _ = self.recent.clear();
            }
            Command::Save => {
                self.save();
            }
            Command::SaveAs => {
                self.save_as();
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Undo => {
                let result = self.doc.undo();
                self.after_history_move(result);
            }
            Command::Redo => {
                let result = self.doc.redo();
                self.after_history_move(result);
            }
            Command::NewExcerpt => self.new_excerpt(),
            Command::DeleteExcerpt => {
                if let Some(id) = self.view.selected_excerpt {
                    let placed = self.placements_of(id);
                    if placed == 0 {
                        self.delete_excerpt(id);
                    } else {
                        // Other annotators' work goes with the excerpt: ask first.
                        self.confirm_delete = Some(id);
                    }
                }
            }
            Command::AddAnnotator => {
                self.add_annotator = Some(AddAnnotatorDialog::new(self.doc.project()));
            }
            Command::Import => {
                let paths = dialogs(&mut self.dialogs, &self.doc).pick_transcripts();
                if !paths.is_empty() {
                    self.import = Some(ImportDialog::new(paths));
                }
            }
            Command::ReplaceText => self.start_replace_text(),
            Command::ExportMap => {
                let project = self.doc.project();
                let on_screen = self.view.map.settings(
                    project,
                    self.view.active_annotator,
                    self.view.transcript,
                    MapSettings::default().width,
                );
                self.export_map = Some(match &self.view.export {
                    Some(memory) => ExportMapDialog::remembering(project, memory),
                    None => ExportMapDialog::new(project, &on_screen),
                });
            }
            Command::Merge => {
                if let Some(path) = dialogs(&mut self.dialogs, &self.doc).pick_project() {
                    match Document::open(&path) {
                        Ok(other) => {
                            let source = path.file_name().map_or_else(
                                || path.display().to_string(),
                                |n| n.to_string_lossy().into_owned(),
                            );
                            match MergeDialog::new(
                                self.doc.project(),
                                other.project().clone(),
                                source,
                            ) {
                                Ok(dialog) => self.merge = Some(dialog),
                                Err(error) => self
                                    .notifications
                                    .error(format!("Nothing was merged: {error}.")),
                            }
                        }
                        Err(error) => self.notifications.error(error.to_string()),
                    }
                }
            }
            Command::Agreement => {
                if self.doc.project().blind.is_some() {
                    self.notifications
                        .info("Agreement is hidden while coding blind. End blind coding first.");
                } else {
                    self.agreement = Some(AgreementWindow::default());
                }
            }
            Command::Compare => {
                if self.doc.project().blind.is_some() {
                    self.notifications
                        .info("Comparison is hidden while coding blind. End blind coding first.");
                } else {
                    self.comparison = Some(ComparisonWindow::default());
                }
            }
            Command::ManageAnnotators => {
                self.manage_annotators = Some(ManageAnnotatorsDialog::default());
            }
            Command::StartBlind => {
                if let Some(annotator) = self.view.active_annotator {
                    self.apply(Edit::SetBlind(Some(annotator)));
                    self.agreement = None;
                    self.comparison = None;
                }
            }
            Command::EndBlind => self.confirm_end_blind = true,
            Command::ProjectSettings => {
                self.settings = Some(SettingsDialog::new(self.doc.project()));
            }
            Command::ClearSelection => {
                self.view.text_selection = None;
                self.view.selected_excerpt = None;
                self.view.map.selection.clear();
            }
        }
    }

    fn after_history_move(&mut self, result: Result<Option<String>, crate::model::EditError>) {
        if let Err(error) = result {
            self.notifications
                .error(format!("That could not be undone or redone: {error}."));
        }
        self.repair_view();
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

    fn placements_of(&self, excerpt: ExcerptId) -> usize {
        let project = self.doc.project();
        project
            .annotators
            .iter()
            .filter(|a| project.placement(a.id, excerpt).is_some())
            .count()
    }

    fn delete_excerpt(&mut self, id: ExcerptId) {
        self.apply(Edit::RemoveExcerpt(id));
        if self.view.selected_excerpt == Some(id) {
            self.view.selected_excerpt = None;
        }
    }

    fn confirm_delete_dialog(&mut self, ctx: &egui::Context) {
        let Some(id) = self.confirm_delete else {
            return;
        };
        let project = self.doc.project();
        let Some(excerpt) = project.excerpt(id) else {
            self.confirm_delete = None;
            return;
        };
        let names: Vec<&str> = project
            .annotators
            .iter()
            .filter(|a| project.placement(a.id, id).is_some())
            .map(|a| a.name.as_str())
            .collect();
        let label = project.excerpt_label(excerpt);
        // Coding blind, the coder must not learn who else placed it.
        let placed_by = if project.blind.is_some() {
            "you and possibly other annotators".to_owned()
        } else {
            names.join(", ")
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("confirm-delete")).show(ctx, |ui| {
            ui.set_width(400.0);
            ui.heading("Delete excerpt?");
            ui.label(format!(
                "“{label}” is placed on the continuum by {placed_by}. Deleting the excerpt also \
                 deletes those placements and their memos."
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Delete").clicked() {
                    choice = Some(true);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some(false);
                }
            });
        });
        match choice {
            Some(true) => {
                self.confirm_delete = None;
                self.delete_excerpt(id);
            }
            Some(false) => self.confirm_delete = None,
            None => {}
        }
    }

    fn new_excerpt(&mut self) {
        if !can_create_excerpt(&self.view) {
            self.notifications
                .info("Select some text in the transcript first, then press New excerpt.");
            return;
        }
        let (Some(transcript), Some(selection)) = (self.view.transcript, self.view.text_selection)
        else {
            return;
        };
        let (start, end) = selection.range();
        let project = self.doc.project();
        // An excerpt that exactly matches an existing one is just selected, not duplicated.
        if let Some(existing) = project
            .excerpts_of(transcript)
            .into_iter()
            .find(|e| e.start == start && e.end == end)
        {
            self.view.selected_excerpt = Some(existing.id);
            self.view.text_selection = None;
            return;
        }
        let id = match project.next_excerpt_id() {
            Ok(id) => id,
            Err(error) => {
                self.notifications
                    .error(format!("The excerpt was not made: {error}."));
                return;
            }
        };
        self.apply(Edit::AddExcerpt(Excerpt {
            id,
            transcript,
            start,
            end,
            label: String::new(),
            memo: String::new(),
            codes: Vec::new(),
        }));
        if self.doc.project().excerpt(id).is_some() {
            self.view.selected_excerpt = Some(id);
            self.view.text_selection = None;
        }
    }

    /// Saves to the current file, or asks where if there is none. Returns whether it saved;
    /// if the file changed on disk, nothing is written and the user is asked what to do.
    fn save(&mut self) -> bool {
        self.remember_view();
        match self.doc.save() {
            Ok(SaveOutcome::Saved) => {
                self.saved();
                true
            }
            Ok(SaveOutcome::NeedsPath) => self.save_as(),
            Ok(question @ (SaveOutcome::ChangedOnDisk | SaveOutcome::ReadOnly)) => {
                self.save_question = Some(question);
                false
            }
            Err(error) => {
                self.notifications.error_with_action(
                    format!("{error} Your changes are still open here."),
                    Command::SaveAs,
                );
                false
            }
        }
    }

    /// Saves over the file even though it changed on disk.
    fn overwrite(&mut self) -> bool {
        let Some(path) = self.doc.path().map(Path::to_path_buf) else {
            return self.save_as();
        };
        self.remember_view();
        match self.doc.save_as(&path) {
            Ok(()) => {
                self.saved();
                true
            }
            Err(error) => {
                self.notifications
                    .error_with_action(error.to_string(), Command::SaveAs);
                false
            }
        }
    }

    /// Asks what to do when the file changed on disk since it was opened or saved, or is
    /// marked read-only.
    fn changed_on_disk_dialog(&mut self, ctx: &egui::Context) {
        let Some(question) = &self.save_question else {
            return;
        };
        let name = self.document_name();
        let (heading, explanation, overwrite, overwrite_hint) = match question {
            SaveOutcome::ReadOnly => (
                "The file is read-only",
                format!(
                    "“{name}” is marked read-only, perhaps so that nobody changes it by mistake. \
                     Save your version under another name, or save over it anyway (it stays read-only)."
                ),
                "Save anyway",
                "Replace the read-only file with your version (the old one is kept as a backup)",
            ),
            _ => (
                "The file changed on disk",
                format!(
                    "“{name}” was changed by someone or something else since you opened or saved it \
                     (a co-author's copy synced in, perhaps). Saving now would replace those changes."
                ),
                "Overwrite",
                "Replace the file on disk with your version (the old one is kept as a backup)",
            ),
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("changed-on-disk")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading(heading);
            ui.label(explanation);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Save As…")
                    .on_hover_text("Keep both: save your version under another name")
                    .clicked()
                {
                    choice = Some(1);
                }
                if ui.button(overwrite).on_hover_text(overwrite_hint).clicked() {
                    choice = Some(2);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some(3);
                }
            });
        });
        let Some(choice) = choice else {
            return;
        };
        self.save_question = None;
        let saved = match choice {
            1 => self.save_as(),
            2 => self.overwrite(),
            _ => false,
        };
        match self.after_save.take() {
            Some(then) if saved => self.finish(ctx, then),
            _ => {}
        }
    }

    fn save_as(&mut self) -> bool {
        let suggested = match self.doc.path() {
            Some(path) => path.file_name().map_or("project.continuum".into(), |n| {
                n.to_string_lossy().into_owned()
            }),
            None if self.is_sample => crate::SAMPLE_PROJECT_NAME.to_owned(),
            None => file_name_for(&self.doc.project().title),
        };
        let Some(path) = dialogs(&mut self.dialogs, &self.doc).save_project(&suggested) else {
            return false;
        };
        self.remember_view();
        match self.doc.save_as(&path) {
            Ok(()) => {
                self.saved();
                true
            }
            Err(error) => {
                self.notifications
                    .error_with_action(error.to_string(), Command::SaveAs);
                false
            }
        }
    }

    fn saved(&mut self) {
        self.is_sample = false;
        if let Some(path) = self.doc.path().map(Path::to_path_buf) {
            let _ = self.recent.add(&path);
            self.notifications.info(format!("Saved {}", path.display()));
        }
    }

    /// Runs `then` now if nothing is unsaved, otherwise asks first.
    fn guard_unsaved(&mut self, then: AfterSave) {
        if self.doc.has_unsaved_changes() {
            self.confirm_discard = Some(then);
        } else {
            self.proceed(then);
        }
    }

    fn proceed(&mut self, then: AfterSave) {
        match then {
            AfterSave::Quit => self.closing = true,
            AfterSave::NewProject => {
                // Untitled: the empty project's page asks for a title.
                self.doc = Document::new(Project::new(""));
                self.is_sample = false;
                self.reset_view();
            }
            AfterSave::Open(path) => match Document::open(&path) {
                Ok(doc) => {
                    self.doc = doc;
                    self.is_sample = false;
                    let _ = self.recent.add(&path);
                    self.reset_view();
                }
                // The open project stays as it was; the message says which file and what is wrong.
                Err(error) => self.notifications.error(error.to_string()),
            },
        }
    }

    fn confirm_discard_dialog(&mut self, ctx: &egui::Context) {
        let Some(then) = self.confirm_discard.clone() else {
            return;
        };
        let verb = match &then {
            AfterSave::Quit => "closing",
            AfterSave::NewProject => "starting a new project",
            AfterSave::Open(_) => "opening another project",
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("confirm-discard")).show(ctx, |ui| {
            ui.set_width(380.0);
            ui.heading("Unsaved changes");
            ui.label(format!(
                "Save the changes to “{}” before {verb}?",
                self.document_name()
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some(1);
                }
                if ui.button("Don't save").clicked() {
                    choice = Some(2);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some(3);
                }
            });
        });
        match choice {
            Some(1) => {
                self.confirm_discard = None;
                if self.save() {
                    self.finish(ctx, then);
                } else if self.save_question.is_some() {
                    // Carry on once the user has settled how to save.
                    self.after_save = Some(then);
                }
            }
            Some(2) => {
                self.confirm_discard = None;
                self.finish(ctx, then);
            }
            Some(_) => self.confirm_discard = None,
            None => {}
        }
    }

    fn finish(&mut self, ctx: &egui::Context, then: AfterSave) {
        let quitting = then == AfterSave::Quit;
        self.proceed(then);
        if quitting {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        if !self.closing && self.doc.has_unsaved_changes() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm_discard = Some(AfterSave::Quit);
        } else {
            // Saved, or the user chose not to save: nothing left to recover.
            self.autosave.clear();
        }
    }

    fn export_map_dialog(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.export_map else {
            return;
        };
        match dialog.show(ctx, self.doc.project()) {
            ExportChoice::Open => {}
            ExportChoice::Cancel => self.export_map = None,
            ExportChoice::Export => {
                let stem = self.doc.path().and_then(|p| p.file_stem()).map_or_else(
                    || "continuum-map".to_owned(),
                    |s| format!("{}-map", s.to_string_lossy()),
                );
                let file = format!("{stem}.{}", if dialog.png { "png" } else { "svg" });
                let settings = dialog.settings_for(self.doc.project());
                let scale = dialog.scale;
                self.view.export = Some(dialog.memory(self.doc.project()));
                if let Some(path) = dialogs(&mut self.dialogs, &self.doc).save_figure(&file) {
                    match crate::io::export_map(&path, self.doc.project(), &settings, scale) {
                        Ok(line) => {
                            self.notifications.info(format!("Map exported: {line}"));
                            self.export_map = None;
                        }
                        Err(error) => self.notifications.error(error),
                    }
                }
            }
        }
    }

    /// Asks for the corrected file and reports, before anything changes, which excerpts it keeps.
    fn start_replace_text(&mut self) {
        let Some(transcript) = self.view.transcript else {
            self.notifications
                .info("Open the transcript whose text you want to replace first.");
            return;
        };
        let Some(path) = dialogs(&mut self.dialogs, &self.doc)
            .pick_transcripts()
            .into_iter()
            .next()
        else {
            return;
        };
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        match crate::io::import::import_file(&path) {
            Ok(imported) => {
                self.replace_text =
                    ReplaceTextDialog::new(self.doc.project(), transcript, file, imported);
            }
            Err(error) => self.notifications.error(format!(
                "{} cannot replace the text: it {error}",
                path.display()
            )),
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
        if !dropped.is_empty() && self.import.is_none() {
            self.import = Some(ImportDialog::new(dropped));
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

    /// Shows the import dialog; returns whether transcripts were imported this frame.
    fn import_dialog(&mut self, ctx: &egui::Context, out: &mut Outbox) -> bool {
        let Some(dialog) = &mut self.import else {
            return false;
        };
        match dialog.show(ctx, self.doc.project(), out) {
            ImportOutcome::Open => false,
            ImportOutcome::Cancelled => {
                self.import = None;
                false
            }
            ImportOutcome::Imported { count, skipped } => {
                self.import = None;
                let mut message =
                    format!("Imported {}.", crate::model::plural(count, "transcript"));
                if !skipped.is_empty() {
                    message.push_str(&format!(" Not imported: {}.", skipped.join(", ")));
                }
                self.notifications.info(message);
                true
            }
        }
    }

    /// Ending blind coding is a deliberate act: it asks first.
    fn end_blind_dialog(&mut self, ctx: &egui::Context, out: &mut Outbox) {
        if !self.confirm_end_blind {
            return;
        }
        egui::Modal::new(egui::Id::unique("end-blind")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading("End blind coding?");
            ui.label(
                "You will see the other annotators' placements and the agreement figures. \
                 Finish your own placements first if you want them independent.",
            );
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("End blind coding").clicked() {
                    out.edit(Edit::SetBlind(None));
                    self.confirm_end_blind = false;
                }
                if ui.button("Keep coding blind").clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    self.confirm_end_blind = false;
                }
            });
        });
    }

    /// Looks for recovery copies again when the window regains focus, not only at start-up: a
    /// window killed while this one ran (or a zombie that has since been reaped) leaves work that
    /// should be offered now, not at some later start.
    fn look_again_for_leftovers(&mut self, ctx: &egui::Context) {
        let focused = ctx.input(|i| i.viewport().focused.unwrap_or(true));
        let regained = focused && !self.had_focus;
        self.had_focus = focused;
        if regained && self.leftovers.is_empty() {
            self.leftovers = self
                .autosave
                .leftovers()
                .into_iter()
                .filter(|l| !self.put_off.contains(&l.file))
                .collect();
        }
    }

    fn restore_dialog(&mut self, ctx: &egui::Context) {
        let Some(leftover) = self.leftovers.first() else {
            return;
        };
        let Some(choice) = restore_prompt(ctx, leftover, self.leftovers.len() - 1) else {
            return;
        };
        let leftover_file = self.leftovers.remove(0).file;
        let Some(store) = self.autosave.store().cloned() else {
            return;
        };
        match choice {
            RestoreChoice::Restore(leftover) => {
                if self.doc.has_unsaved_changes() {
                    // Never replace work in this window: the copy stays for the next start.
                    self.notifications.error(
                        "Save or close the open project first; the kept copy will be offered again at the next start.",
                    );
                    return;
                }
                match store.restore(&leftover) {
                    Ok(project) => {
                        self.doc = Document::recovered(project, leftover.original_path.clone());
                        self.is_sample = false;
                        self.reset_view();
                        // This window now keeps the work safe; its own copy replaces the old one.
                        store.discard(&leftover);
                        self.notifications
                            .info("Restored. Save the project to keep the restored work.");
                    }
                    Err(error) => self.notifications.error(error),
                }
            }
            RestoreChoice::Discard(leftover) => store.discard(&leftover),
            RestoreChoice::Later => {
                self.put_off.insert(leftover_file);
                self.put_off
                    .extend(self.leftovers.drain(..).map(|l| l.file));
            }
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context, out: &mut Outbox) {
        // Modal dialogs own the keyboard while they are open.
        if self.add_annotator.is_some()
            || self.manage_annotators.is_some()
            || self.confirm_end_blind
            || self.settings.is_some()
            || self.import.is_some()
            || self.replace_text.is_some()
            || self.merge.is_some()
            || self.export_map.is_some()
            || !self.leftovers.is_empty()
            || self.confirm_discard.is_some()
            || self.confirm_delete.is_some()
            || self.save_question.is_some()
        {
            return;
        }
        // Typing in a text field, or moving the caret in the transcript: their keys are theirs.
        let text_field = ctx
            .memory(|m| m.focused())
            .is_some_and(|id| egui::TextEdit::load_state(ctx, id).is_some());
        let typing = text_field || self.view.transcript_focused;
        // An open menu or combo box takes Escape (to close) and the arrow keys (to move through
        // its items) before anything else does.
        let popup_open = egui::Popup::is_any_open(ctx);
        for command in Command::WITH_SHORTCUTS {
            // Escape in a text field leaves the field; it should not also drop the selection.
            if (typing || popup_open) && command == Command::ClearSelection {
                continue;
            }
            let pressed = [command.shortcut(), command.alternative_shortcut()]
                .into_iter()
                .flatten()
                .any(|shortcut| ctx.input_mut(|i| i.consume_shortcut(&shortcut)));
            if pressed {
                out.command(command);
            }
        }
        if popup_open || text_field {
            return;
        }
        let Some(annotator) = self.view.active_annotator else {
            return;
        };
        // Number keys also work from the transcript, right after Ctrl+E.
        if !self.place_at_anchor_keys(ctx, out, annotator) && !typing {
            self.placement_keys(ctx, out);
        }
    }

    /// What the placement keys act on: the active annotator's markers selected on the map, else
    /// the selected excerpt (only if it is placed, when `placed_only`).
    fn key_targets(
        &self,
        annotator: crate::model::AnnotatorId,
        placed_only: bool,
    ) -> Vec<ExcerptId> {
        let project = self.doc.project();
        if self.view.map.selection.is_empty() {
            self.view
                .selected_excerpt
                .filter(|e| !placed_only || project.placement(annotator, *e).is_some())
                .into_iter()
                .collect()
        } else {
            self.view
                .map
                .movable(project, annotator)
                .into_iter()
                .collect()
        }
    }

    /// With no text field focused, the arrow keys nudge the active annotator's selected
    /// placements (the markers selected on the map, else the selected excerpt's), Shift for
    /// bigger steps, and Delete takes them off the continuum. Each press is one undoable step.
    fn placement_keys(&self, ctx: &egui::Context, out: &mut Outbox) {
        let project = self.doc.project();
        let Some(annotator) = self.view.active_annotator else {
            return;
        };
        let targets = self.key_targets(annotator, true);
        if targets.is_empty() {
            return;
        }
        let (left, right, delete, shift) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowLeft),
                i.key_pressed(egui::Key::ArrowRight),
                i.key_pressed(egui::Key::Delete),
                i.modifiers.shift,
            )
        });
        let step = if shift { 0.05 } else { 0.01 };
        let nudge = match (left, right) {
            (true, false) => -step,
            (false, true) => step,
            _ => 0.0,
        };
        if nudge != 0.0 {
            let edits = Edit::move_by(project, annotator, targets, nudge, Timestamp::now());
            out.placements_step("move", edits);
        } else if delete {
            let edits = targets
                .into_iter()
                .map(|excerpt| Edit::RemovePlacement { annotator, excerpt })
                .collect();
            out.placements_step("removal", edits);
        }
    }

    /// Keys 1 to 9 put the selected excerpt (placed or not; or the markers selected on the map)
    /// at that anchor of the continuum, counted from the closeness pole: with the arrow keys
    /// after it, an excerpt is coded without a mouse. Returns whether a number key was pressed.
    fn place_at_anchor_keys(
        &self,
        ctx: &egui::Context,
        out: &mut Outbox,
        annotator: crate::model::AnnotatorId,
    ) -> bool {
        const DIGITS: [egui::Key; 9] = [
            egui::Key::Num1,
            egui::Key::Num2,
            egui::Key::Num3,
            egui::Key::Num4,
            egui::Key::Num5,
            egui::Key::Num6,
            egui::Key::Num7,
            egui::Key::Num8,
            egui::Key::Num9,
        ];
        let project = self.doc.project();
        let Some(anchor) = DIGITS
            .iter()
            .position(|&key| ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key)))
            .and_then(|n| project.continuum.anchors.get(n))
        else {
            return false;
        };
        let targets = self.key_targets(annotator, false);
        let now = Timestamp::now();
        let edits = targets
            .into_iter()
            .map(|excerpt| Edit::place(project, annotator, excerpt, anchor.position, now))
            .collect();
        out.placements_step("placement", edits);
        true
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui, out: &mut Outbox) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for command in [
                    Command::NewProject,
                    Command::Open,
                    Command::Import,
                    Command::Merge,
                    Command::ExportMap,
                ] {
                    if command.menu_button(ui, true) {
                        out.command(command);
                    }
                }
                ui.menu_button("Open Recent", |ui| {
                    if self.recent.paths().is_empty() {
                        ui.label(egui::RichText::new("No recent projects").weak());
                    }
                    for path in self.recent.paths() {
                        let command = Command::OpenRecent(path.clone());
                        if command.menu_button(ui, true) {
                            out.command(command);
                        }
                    }
                    ui.separator();
                    if Command::ClearRecent.menu_button(ui, !self.recent.paths().is_empty()) {
                        out.command(Command::ClearRecent);
                    }
                });
                ui.separator();
                for command in [Command::Save, Command::SaveAs] {
                    if command.menu_button(ui, true) {
                        out.command(command);
                    }
                }
                ui.separator();
                if Command::Quit.menu_button(ui, true) {
                    out.command(Command::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                let undo = self.doc.undo_description().map(|d| format!("Undo {d}"));
                let redo = self.doc.redo_description().map(|d| format!("Redo {d}"));
                if Command::Undo.menu_button_labelled(
                    ui,
                    undo.is_some(),
                    undo.unwrap_or_else(|| "Nothing to undo".to_owned()),
                ) {
                    out.command(Command::Undo);
                }
                if Command::Redo.menu_button_labelled(
                    ui,
                    redo.is_some(),
                    redo.unwrap_or_else(|| "Nothing to redo".to_owned()),
                ) {
                    out.command(Command::Redo);
                }
                ui.separator();
                if Command::NewExcerpt.menu_button(ui, can_create_excerpt(&self.view)) {
                    out.command(Command::NewExcerpt);
                }
                if Command::DeleteExcerpt.menu_button(ui, self.view.selected_excerpt.is_some()) {
                    out.command(Command::DeleteExcerpt);
                }
                if Command::ClearSelection.menu_button(ui, true) {
                    out.command(Command::ClearSelection);
                }
            });
            ui.menu_button("Project", |ui| {
                if Command::ProjectSettings.menu_button(ui, true) {
                    out.command(Command::ProjectSettings);
                }
                if Command::ReplaceText.menu_button(ui, self.view.transcript.is_some()) {
                    out.command(Command::ReplaceText);
                }
            });
            ui.menu_button("Annotators", |ui| {
                if Command::AddAnnotator.menu_button(ui, true) {
                    out.command(Command::AddAnnotator);
                }
                if Command::ManageAnnotators.menu_button(ui, true) {
                    out.command(Command::ManageAnnotators);
                }
                ui.separator();
                let blind = self.doc.project().blind.is_some();
                if Command::Compare.menu_button(ui, !blind) {
                    out.command(Command::Compare);
                }
                if Command::Agreement.menu_button(ui, !blind) {
                    out.command(Command::Agreement);
                }
            });
            ui.menu_button("View", |ui| {
                egui::global_theme_preference_buttons(ui);
            });
        });
    }

    fn toolbar(&mut self, ui: &mut egui::Ui, out: &mut Outbox) {
        ui.horizontal(|ui| {
            let command = Command::NewExcerpt;
            let shortcut = command
                .shortcut()
                .map(|s| ui.ctx().format_shortcut(&s))
                .unwrap_or_default();
            let enabled = can_create_excerpt(&self.view);
            if ui
                .add_enabled(enabled, egui::Button::new(command.label()))
                .on_hover_text(format!("{} ({shortcut})", command.tooltip()))
                .on_disabled_hover_text("Select text in the transcript first")
                .clicked()
            {
                out.command(command);
            }
            ui.separator();
            annotators::chooser(ui, self.doc.project(), &mut self.view, out);
            ui.separator();
            let hint = if enabled {
                "Press New excerpt (Ctrl+E) to make the selection an excerpt."
            } else {
                "Select text in the transcript to make an excerpt; drag excerpts onto the continuum below."
            };
            ui.label(egui::RichText::new(hint).weak());
        });
    }

    fn status_bar(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let project = self.doc.project();
            let where_ = match self.doc.path() {
                Some(path) => path.display().to_string(),
                None if self.is_sample => {
                    "Bundled sample (Save As… to keep your changes)".to_owned()
                }
                None => "Not saved yet".to_owned(),
            };
            ui.label(egui::RichText::new(where_).small());
            ui.separator();
            ui.label(egui::RichText::new(project_counts(project)).small());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if self.doc.has_unsaved_changes() {
                    ui.label(
                        egui::RichText::new("Unsaved changes")
                            .small()
                            .color(egui::Color32::from_rgb(0xD5, 0x5E, 0x00)),
                    );
                } else {
                    ui.label(egui::RichText::new("All changes saved").small().weak());
                }
            });
        });
    }

    fn take_screenshot(&mut self, ctx: &egui::Context) {
        let Some(task) = &mut self.screenshot else {
            return;
        };
        ctx.request_repaint();
        task.frames += 1;
        if !task.requested && task.frames >= SCREENSHOT_AFTER_FRAMES {
            let slot = task.image.clone();
            ctx.request_screenshot(move |image| {
                if let Ok(mut slot) = slot.lock() {
                    *slot = Some(image);
                }
            });
            task.requested = true;
        }
        let image = task.image.lock().ok().and_then(|mut slot| slot.take());
        if let Some(image) = image {
            let [w, h] = image.size;
            let rgba: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
            match crate::io::write_png(&task.path, w as u32, h as u32, &rgba) {
                Ok(()) => eprintln!("screenshot saved to {}", task.path.display()),
                Err(error) => eprintln!("screenshot failed: {error}"),
            }
            self.screenshot = None;
            self.closing = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

/// A file name for a project never saved, from its title: "Home care 2026.continuum", with
/// characters that no file system takes replaced; "project.continuum" for an untitled one.
fn file_name_for(title: &str) -> String {
    let stem: String = title
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    let stem = stem.trim_matches(['.', ' ', '-']);
    if stem.is_empty() {
        "project.continuum".to_owned()
    } else {
        format!("{stem}.continuum")
    }
}

/// The file dialogs, told to start in the open project's folder (else the home folder).
fn dialogs<'a>(dialogs: &'a mut Box<dyn FileDialogs>, doc: &Document) -> &'a dyn FileDialogs {
    if let Some(folder) = super::file_dialogs::start_folder(doc.path()) {
        dialogs.start_in(&folder);
    }
    &**dialogs
}

/// The status bar's summary of the project. The consensus layer is the team's settled view, not
/// a person coding: it is counted apart from the annotators (its placements too).
fn project_counts(project: &Project) -> String {
    use crate::model::plural;
    let coders: Vec<_> = project.annotators.iter().filter(|a| !a.consensus).collect();
    let placements: usize = coders.iter().map(|a| a.placements.len()).sum();
    let mut counts = format!(
        "{} · {} · {} · {}",
        plural(project.transcripts.len(), "transcript"),
        plural(project.excerpts.len(), "excerpt"),
        plural(placements, "placement"),
        plural(coders.len(), "annotator")
    );
    if let Some(consensus) = project.consensus() {
        counts.push_str(&format!(
            " · consensus on {}",
            plural(consensus.placements.len(), "excerpt")
        ));
    }
    counts
}

// ---------------------------------------------------------------------------------------------
// Test hooks for the randomised session test (tests/it/session.rs). They only read state; keep
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
        if let Some(window) = &self.comparison {
            problems.extend(window.stale_cache(project, revision));
        }
        if let Some(window) = &self.agreement {
            problems.extend(window.stale_cache(project, revision));
        }
        problems
    }
}

/// Shows the dialog or window held in `slot`, if any, and drops it once it reports it has closed.
fn show_open<T>(slot: &mut Option<T>, show: impl FnOnce(&mut T) -> bool) {
    if let Some(dialog) = slot
        && !show(dialog)
    {
        *slot = None;
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
        self.shortcuts(&ctx, &mut out);

        egui::Panel::top("menu").show(ui, |ui| {
            self.menu_bar(ui, &mut out);
        });
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(2.0);
            self.toolbar(ui, &mut out);
            ui.add_space(2.0);
        });
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        self.view.project_revision = self.doc.change_count();
        let project = self.doc.project();
        // Side panels start in proportion to the window (so a 1000-px window keeps a wide middle
        // column) and then keep the width the user gives them.
        let window_width = ctx.content_rect().width();
        // Never so wide that the middle is squeezed when the window shrinks: at 1000 px, panels
        // kept from a 1280-px window left the transcript 250 px and the map without its axis.
        egui::Panel::left("transcripts")
            .resizable(true)
            .default_size((0.18 * window_width).clamp(180.0, 240.0))
            .min_size(150.0)
            .max_size((0.22 * window_width).max(180.0))
            .show(ui, |ui| transcript_list::show(ui, project, &mut self.view));
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size((0.24 * window_width).clamp(240.0, 330.0))
            .min_size(200.0)
            .max_size((0.3 * window_width).max(240.0))
            .show(ui, |ui| {
                inspector::show(ui, project, &mut self.view, &mut out)
            });
        let window_height = ctx.content_rect().height();
        let map_panel = egui::Panel::bottom("continuum")
            .resizable(true)
            .default_size(330.0)
            // Room for the controls, the filters, two rows of the tray and a map with its axis,
            // anchors and a few rows of markers, in every window down to the minimum size.
            .min_size(self.map_panel_min)
            .show(ui, |ui| {
                ui.add_space(4.0);
                let panel_height = ui.max_rect().height();
                let map_height = continuum_panel::show(ui, project, &mut self.view, &mut out);
                (panel_height, map_height)
            });
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
            self.transcript_view
                .show(ui, project, &mut self.view, &mut out);
        });

        // Messages float above the bottom right corner, so they never push the panels about.
        if !self.notifications.is_empty() {
            egui::Area::new(egui::Id::unique("notifications"))
                .order(egui::Order::Foreground)
                .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -34.0))
                .show(&ctx, |ui| {
                    ui.set_max_width(560.0);
                    ui.set_min_width(360.0);
                    if let Some(command) = self.notifications.show(ui) {
                        out.command(command);
                    }
                });
        }

        let project = self.doc.project();
        let view = &mut self.view;
        show_open(&mut self.add_annotator, |d| {
            d.show(&ctx, project, view, &mut out)
        });
        show_open(&mut self.settings, |d| d.show(&ctx, project, &mut out));
        show_open(&mut self.agreement, |w| {
            w.show(&ctx, project, self.doc.change_count())
        });
        show_open(&mut self.merge, |d| d.show(&ctx, project, &mut out));
        show_open(&mut self.comparison, |w| {
            w.show(&ctx, project, view, &mut out, self.doc.change_count())
        });
        show_open(&mut self.manage_annotators, |d| {
            d.show(&ctx, project, &mut out)
        });
        show_open(&mut self.replace_text, |d| d.show(&ctx, project, &mut out));
        let imported = self.import_dialog(&ctx, &mut out);
        self.export_map_dialog(&ctx);
        self.end_blind_dialog(&ctx, &mut out);

        for edit in out.edits {
            self.apply(edit);
        }
        let first_new_transcript = self.doc.project().next_transcript_id().ok();
        for (description, edits) in out.groups {
            if let Err(error) = self.doc.apply_all(description, edits) {
                self.notifications
                    .error(format!("That change was not made: {error}."));
            }
        }
        // An edit can take away what the view points at, as undo can: removing the active
        // annotator left the map asking for an annotator while others remained.
        self.repair_view();
        if imported
            && let Some(first) = first_new_transcript
            && self.doc.project().transcript(first).is_some()
        {
            self.view.show_transcript(first);
        }
        for command in out.commands {
            self.run(&ctx, command);
        }
        self.confirm_discard_dialog(&ctx);
        self.changed_on_disk_dialog(&ctx);
        self.look_again_for_leftovers(&ctx);
        self.restore_dialog(&ctx);
        // Once the user has agreed to close, no recovery copy is written (it would be left behind
        // to be offered at the next start) and no repaint is booked for one: eframe's event loop
        // waited for that repaint, so the process outlived its window by the autosave delay.
        if !self.closing {
            self.autosave.tick(&ctx, &self.doc, &mut self.notifications);
        }
        self.confirm_delete_dialog(&ctx);

        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        self.take_screenshot(&ctx);
    }
}

#[cfg(test)]
mod tests {
    use super::file_name_for;

    #[test]
    fn a_new_projects_file_is_named_after_its_title() {
        assert_eq!(file_name_for("Home care 2026"), "Home care 2026.continuum");
        assert_eq!(
            file_name_for("Vestbo/Lindely: pilot?"),
            "Vestbo-Lindely- pilot.continuum"
        );
        assert_eq!(file_name_for("  "), "project.continuum");
        assert_eq!(file_name_for("..."), "project.continuum");
        assert_eq!(
            file_name_for("Nærhed og afstand"),
            "Nærhed og afstand.continuum"
        );
    }
}
