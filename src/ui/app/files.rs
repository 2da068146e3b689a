//! The app's side of the file flow: carrying out what [`FileFlow`](crate::ui::file_flow) decides
//! (save, save as, overwrite, start a new project, open another, close the window), the window's
//! close request, the recent-files list, and restoring recovery copies.

use super::App;
use crate::document::{Document, SaveOutcome};
use crate::io::LoadError;
use crate::model::Project;
use crate::ui::Command;
use crate::ui::file_dialogs::{FileDialogs, start_folder};
use crate::ui::file_flow::{Action, Event, Pending, SaveProblem};
use crate::ui::opening::{Opened, Opening};
use crate::ui::recovery::RestoreChoice;
use std::path::{Path, PathBuf};

impl App {
    /// Tells the file flow what happened and carries out what it decides, feeding the outcome of
    /// each save back to it.
    pub(super) fn file_event(&mut self, ctx: &egui::Context, event: Event) {
        let mut events = vec![event];
        while let Some(event) = events.pop() {
            let unsaved = self.doc.has_unsaved_changes();
            for action in self.flow.handle(event, unsaved) {
                let outcome = match action {
                    Action::Save => Some(self.save()),
                    Action::SaveAs => Some(if self.save_as() {
                        Event::Saved
                    } else {
                        Event::NotSaved
                    }),
                    Action::Overwrite => Some(self.overwrite()),
                    Action::Proceed(pending) => {
                        self.proceed(ctx, pending);
                        None
                    }
                    Action::Close => {
                        // Saved, or the user chose not to save: nothing left to recover.
                        self.autosave.clear();
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                        None
                    }
                    Action::KeepWindowOpen => {
                        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                        None
                    }
                };
                events.extend(outcome);
            }
        }
    }

    /// The window's close button (or Quit, or the window manager) asks the flow first.
    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        if self.flow.is_closing() || !self.doc.has_unsaved_changes() {
            // The close goes through this frame: no need to ask eframe to close again.
            self.autosave.clear();
            if !self.flow.is_closing() {
                self.flow.handle(Event::CloseNow, false);
            }
            return;
        }
        self.file_event(ctx, Event::Want(Pending::Quit));
    }

    /// Saves to the current file, or asks where if there is none. If the file changed on disk
    /// or is read-only, nothing is written and the flow asks the user what to do.
    fn save(&mut self) -> Event {
        self.remember_view();
        match self.doc.save() {
            Ok(SaveOutcome::Saved) => {
                self.saved();
                Event::Saved
            }
            Ok(SaveOutcome::NeedsPath) => {
                if self.save_as() {
                    Event::Saved
                } else {
                    Event::NotSaved
                }
            }
            Ok(outcome) => match SaveProblem::of(&outcome) {
                Some(problem) => Event::MustAsk(problem),
                None => Event::NotSaved,
            },
            Err(error) => {
                self.notifications.error_with_action(
                    format!("{error} Your changes are still open here."),
                    Command::SaveAs,
                );
                Event::NotSaved
            }
        }
    }

    /// Saves over the file even though it changed on disk or is read-only.
    fn overwrite(&mut self) -> Event {
        let Some(path) = self.doc.path().map(Path::to_path_buf) else {
            return if self.save_as() {
                Event::Saved
            } else {
                Event::NotSaved
            };
        };
        self.remember_view();
        match self.doc.save_as(&path) {
            Ok(()) => {
                self.saved();
                Event::Saved
            }
            Err(error) => {
                self.notifications
                    .error_with_action(error.to_string(), Command::SaveAs);
                Event::NotSaved
            }
        }
    }

    /// Asks for a new file name and saves there. Returns whether it saved.
    pub(super) fn save_as(&mut self) -> bool {
        let suggested = match self.doc.path() {
            Some(path) => path.file_name().map_or("project.continuum".into(), |n| {
                n.to_string_lossy().into_owned()
            }),
            None if self.is_sample => crate::SAMPLE_PROJECT_NAME.to_owned(),
            None => file_name_for(&self.doc.project().title),
        };
        let Some(path) = self.files().save_project(&suggested) else {
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
            self.remember_recent(&path);
            self.notifications.info(format!("Saved {}", path.display()));
        }
    }

    /// Puts what the window shows that is worth keeping into the project, to be saved with it.
    fn remember_view(&mut self) {
        self.doc.set_view(crate::model::ViewSettings {
            active_annotator: self.view.active_annotator,
            figure: self
                .view
                .export
                .as_ref()
                .map(crate::ui::export_map::ExportMemory::to_figure),
        });
    }

    /// Starts the new project or opens the other one, the open one being safe.
    fn proceed(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            // The flow closes the window itself.
            Pending::Quit => {}
            Pending::NewProject => {
                // Untitled: the empty project's page asks for a title.
                self.replace_document(Document::new(Project::new("")));
            }
            Pending::OpenImported(project) => {
                self.replace_document(Document::imported(*project));
                self.notifications
                    .info("Imported. Save the project to keep it (File > Save As…).");
            }
            // A large file is read on a thread while the window goes on drawing.
            Pending::Open(path) if Opening::wanted(&path, self.background_open_bytes) => {
                self.opening = Some(Opening::start(Some(ctx), path));
            }
            Pending::Open(path) => {
                let result = Document::open(&path);
                self.opened(path, result);
            }
        }
    }

    /// Shows the project read from `path`, or says why it could not be: the open project stays as
    /// it was, and the message names the file and what is wrong.
    pub(super) fn opened(&mut self, path: PathBuf, result: Result<Document, LoadError>) {
        match result {
            Ok(doc) => {
                self.replace_document(doc);
                self.remember_recent(&path);
            }
            Err(error) => self.notifications.error(error.to_string()),
        }
    }

    /// The modal of a project being opened on a thread, and what to do once it is read.
    pub(super) fn show_opening(&mut self, ctx: &egui::Context) {
        let Some(opening) = &mut self.opening else {
            return;
        };
        match opening.show(ctx) {
            None => {}
            Some(Opened::Cancelled) => self.opening = None,
            Some(Opened::Done(path, result)) => {
                self.opening = None;
                self.opened(path, *result);
            }
        }
    }

    /// Shows another document: its first transcript, its remembered annotator; dialogs and
    /// windows about the old one are closed.
    fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.is_sample = false;
        self.modal = None;
        self.windows.clear();
        self.reset_view();
    }

    /// Puts `path` at the top of the recent-files list. The list is a convenience: if it cannot
    /// be written (a read-only settings folder), opening and saving go on, and the user is told
    /// once per window rather than after every save.
    pub(super) fn remember_recent(&mut self, path: &Path) {
        if let Err(error) = self.recent.add(path)
            && !self.recent_failed
        {
            self.recent_failed = true;
            self.notifications.error(format!(
                "The list of recent projects could not be saved ({error}); your project is not \
                 affected."
            ));
        }
    }

    /// The file dialogs, started in the open project's folder.
    pub(super) fn files(&mut self) -> &dyn FileDialogs {
        dialogs_for(&mut self.dialogs, &self.doc)
    }

    /// Offers the recovery copies of crashed windows, one at a time, and acts on the answer.
    pub(super) fn offer_leftovers(&mut self, ctx: &egui::Context) {
        let Some(choice) = self.leftovers.show(ctx, &self.autosave) else {
            return;
        };
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
                        let original = leftover.original_path.clone();
                        self.replace_document(Document::recovered(project, original));
                        // This window now keeps the work safe; its own copy replaces the old one.
                        store.discard(&leftover);
                        self.notifications
                            .info("Restored. Save the project to keep the restored work.");
                    }
                    Err(error) => self.notifications.error(error),
                }
            }
            RestoreChoice::Discard(leftover) => store.discard(&leftover),
            RestoreChoice::Later => {}
        }
    }
}

/// The file dialogs, told to start in the open project's folder (else the home folder).
pub(super) fn dialogs_for<'a>(
    dialogs: &'a mut Box<dyn FileDialogs>,
    doc: &Document,
) -> &'a dyn FileDialogs {
    if let Some(folder) = start_folder(doc.path()) {
        dialogs.start_in(&folder);
    }
    &**dialogs
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
