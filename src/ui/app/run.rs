//! What each [`Command`] does: most open a dialog or a window, a few change the project or the
//! view directly, and New, Open, Save and Quit go through the file flow.

use super::App;
use crate::document::Document;
use crate::map::MapSettings;
use crate::model::{Edit, Excerpt, ExcerptId};
use crate::ui::Command;
use crate::ui::agreement_window::AgreementWindow;
use crate::ui::annotators::{AddAnnotatorDialog, ManageAnnotatorsDialog};
use crate::ui::comparison::ComparisonWindow;
use crate::ui::confirm::{ConfirmDeleteExcerpt, ConfirmEndBlind};
use crate::ui::export_map::ExportMapDialog;
use crate::ui::file_flow::{Event, Pending};
use crate::ui::findings_window::FindingsWindow;
use crate::ui::import_dialog::ImportDialog;
use crate::ui::merge_dialog::MergeDialog;
use crate::ui::qdpx_dialog::QdpxImportDialog;
use crate::ui::replace_text::ReplaceTextDialog;
use crate::ui::report_dialog::ReportDialog;
use crate::ui::search_window::SearchWindow;
use crate::ui::settings::SettingsDialog;
use crate::ui::transcript_view::can_create_excerpt;

impl App {
    pub(super) fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::NewProject => self.file_event(ctx, Event::Want(Pending::NewProject)),
            Command::Open => {
                if let Some(path) = self.files().pick_project() {
                    self.file_event(ctx, Event::Want(Pending::Open(path)));
                }
            }
            Command::OpenRecent(index) => {
                if let Some(path) = self.recent.paths().get(index).cloned() {
                    self.file_event(ctx, Event::Want(Pending::Open(path)));
                }
            }
            Command::ClearRecent => {
                if let Err(error) = self.recent.clear() {
                    self.notifications.error(format!(
                        "The list of recent projects could not be cleared: {error}"
                    ));
                }
            }
            Command::Save => self.file_event(ctx, Event::Save),
            Command::SaveAs => {
                self.save_as();
            }
            // The window's close request comes back through the file flow, which asks first.
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
            Command::Find => {
                if self.view.transcript.is_none() {
                    self.notifications
                        .info("Open a transcript first, or search all of them (Ctrl+Shift+F).");
                } else {
                    let caret = self.view.text_selection.map(|s| s.range().0);
                    self.view.find.open(caret);
                }
            }
            Command::FindNext | Command::FindPrevious => {
                let forward = command == Command::FindNext;
                let mut find = std::mem::take(&mut self.view.find);
                find.step(self.doc.project(), &mut self.view, forward);
                self.view.find = find;
            }
            Command::SearchAll => {
                let open = self.windows.iter_mut().find_map(|w| {
                    let any: &mut dyn std::any::Any = w.as_mut();
                    any.downcast_mut::<SearchWindow>()
                });
                match open {
                    // Opened again: back to its field, with the search as it was.
                    Some(window) => window.focus(),
                    None => self.open_window(SearchWindow::new(&self.view)),
                }
            }
            Command::DeleteExcerpt => {
                if let Some(id) = self.view.selected_excerpt {
                    if self.placements_of(id) == 0 {
                        self.apply(Edit::RemoveExcerpt(id));
                    } else {
                        // Other annotators' work goes with the excerpt: ask first.
                        self.open_modal(ConfirmDeleteExcerpt(id));
                    }
                }
            }
            Command::AddAnnotator => {
                let dialog = AddAnnotatorDialog::new(self.doc.project());
                self.open_modal(dialog);
            }
            Command::Import => {
                let paths = self.files().pick_transcripts();
                if !paths.is_empty() {
                    self.open_modal(ImportDialog::new(paths));
                }
            }
            Command::ReplaceText => self.start_replace_text(),
            Command::ImportQdpx => {
                if let Some(path) = self.files().pick_qdpx() {
                    self.open_modal(QdpxImportDialog::new(path));
                }
            }
            Command::ExportQdpx => {
                if self.doc.project().blind.is_some() {
                    self.notifications.info(
                        "The exchange file holds every coder's work; end blind coding first.",
                    );
                } else {
                    self.export_qdpx();
                }
            }
            Command::ExportMap => {
                let project = self.doc.project();
                let dialog = match &self.view.export {
                    Some(memory) => ExportMapDialog::remembering(project, memory),
                    None => {
                        let on_screen = self.view.map.settings(
                            project,
                            self.view.active_annotator,
                            self.view.transcript,
                            MapSettings::default().width,
                        );
                        ExportMapDialog::new(project, &on_screen)
                    }
                };
                self.open_modal(dialog);
            }
            Command::Merge => self.start_merge(),
            Command::Agreement => {
                if self.doc.project().blind.is_some() {
                    self.notifications
                        .info("Agreement is hidden while coding blind. End blind coding first.");
                } else {
                    self.open_window(AgreementWindow::for_project(self.doc.project()));
                }
            }
            Command::ExportReport => {
                if self.doc.project().blind.is_some() {
                    self.notifications
                        .info("The report shows every coder's work; end blind coding first.");
                } else {
                    let dialog = ReportDialog::new(self.doc.project());
                    self.open_modal(dialog);
                }
            }
            Command::Findings => {
                if self.doc.project().blind.is_some() {
                    self.notifications
                        .info("Findings are hidden while coding blind. End blind coding first.");
                } else {
                    let window = FindingsWindow::new(self.doc.project());
                    self.open_window(window);
                }
            }
            Command::Compare => {
                if self.doc.project().blind.is_some() {
                    self.notifications
                        .info("Comparison is hidden while coding blind. End blind coding first.");
                } else {
                    self.open_window(ComparisonWindow::default());
                }
            }
            Command::ManageAnnotators => self.open_modal(ManageAnnotatorsDialog::default()),
            Command::StartBlind => {
                if let Some(annotator) = self.view.active_annotator {
                    self.apply(Edit::SetBlind(Some(annotator)));
                    self.windows.retain(|w| !w.shows_others_work());
                }
            }
            Command::EndBlind => self.open_modal(ConfirmEndBlind),
            Command::ProjectSettings => {
                let dialog = SettingsDialog::new(self.doc.project());
                self.open_modal(dialog);
            }
            // Escape closes the find bar first (egui takes the keyboard from its field before
            // the keys are read, so the bar cannot see the key itself), keeping the hit selected.
            Command::ClearSelection if self.view.find.open => self.view.find.close(),
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

    fn placements_of(&self, excerpt: ExcerptId) -> usize {
        let project = self.doc.project();
        project
            .annotators
            .iter()
            .filter(|a| project.placement(a.id, excerpt).is_some())
            .count()
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
            self.view.text_selection = Some(caret_at(project, transcript, end));
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
            self.view.text_selection = Some(caret_at(self.doc.project(), transcript, end));
        }
    }

    /// Asks for a co-author's copy and shows what merging it would bring, before anything changes.
    fn start_merge(&mut self) {
        let Some(path) = self.files().pick_merge_source() else {
            return;
        };
        let other = match Document::open(&path) {
            Ok(other) => other,
            Err(error) => {
                self.notifications.error(error.to_string());
                return;
            }
        };
        let source = crate::io::file_label(&path);
        match MergeDialog::new(self.doc.project(), other.project().clone(), source) {
            Ok(dialog) => self.open_modal(dialog),
            Err(error) => self
                .notifications
                .error(format!("Nothing was merged: {error}.")),
        }
    }

    /// Asks for the corrected file and reports, before anything changes, which excerpts it keeps.
    fn start_replace_text(&mut self) {
        let Some(transcript) = self.view.transcript else {
            self.notifications
                .info("Open the transcript whose text you want to replace first.");
            return;
        };
        let Some(path) = self.files().pick_replacement_text() else {
            return;
        };
        let file = crate::io::file_label(&path);
        match crate::io::import::import_file(&path) {
            Ok(imported) => {
                if let Some(dialog) =
                    ReplaceTextDialog::new(self.doc.project(), transcript, file, imported)
                {
                    self.open_modal(dialog);
                }
            }
            Err(error) => self.notifications.error(format!(
                "{} cannot replace the text: it {error}",
                path.display()
            )),
        }
    }

    /// Asks where, and writes the project as a REFI-QDA exchange file.
    fn export_qdpx(&mut self) {
        let stem = self.doc.path().and_then(|p| p.file_stem()).map_or_else(
            || "project".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        let file = format!("{stem}.{}", crate::io::qdpx::QDPX_EXTENSION);
        let Some(path) = self.files().save_qdpx(&file) else {
            return;
        };
        match crate::io::qdpx::write_qdpx(self.doc.project(), &path) {
            Ok(()) => self
                .notifications
                .info(format!("Exported {}", path.display())),
            Err(error) => self
                .notifications
                .error(format!("{} was not written: {error}", path.display())),
        }
    }
}

/// The caret left at the end of a selection made an excerpt: reading (and a screen reader, which
/// reads from the caret) goes on from there, not from the top of the screen.
fn caret_at(
    project: &crate::model::Project,
    transcript: crate::model::TranscriptId,
    end: usize,
) -> crate::ui::view_state::TextSelection {
    let text = project
        .transcript(transcript)
        .map_or("", |t| t.text.as_str());
    crate::ui::view_state::TextSelection::new(text, end, end, false)
}
