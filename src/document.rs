//! An open project: the project itself, the file it lives in, its undo history, and whether it
//! has changes that are not on disk yet. Every edit from the GUI passes through
//! [`Document::apply`], the one hook for undo, "unsaved" tracking and autosave. No egui here.

use crate::io::{self, FileStamp, LoadError, SaveError};
use crate::model::{Edit, EditError, History, Project};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What [`Document::save`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved,
    /// The project has no file yet: ask where (Save As).
    NeedsPath,
    /// The file on disk is not what this project was loaded from or last saved as (a co-author's
    /// copy synced in, say). Nothing was written; ask before overwriting.
    ChangedOnDisk,
    /// The file is marked read-only. Nothing was written; ask before saving over it.
    ReadOnly,
}

/// Process-wide, so that no two states of any two documents get the same number.
fn next_revision() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A project together with where it is saved.
#[derive(Debug)]
pub struct Document {
    project: Project,
    path: Option<PathBuf>,
    history: History,
    /// The history state that is on disk; `None` if no state of this history is.
    saved_state: Option<u64>,
    /// What the file held when it was opened or last saved, to notice changes made by others.
    disk_stamp: Option<FileStamp>,
    /// A fresh number after every change, undo and redo included, and different in every
    /// document, so autosave knows when to write and caches keyed by it never mix two projects.
    changes: u64,
}

impl Document {
    /// A new, never-saved project. Until it is edited there is nothing to lose, so it does not
    /// count as unsaved.
    pub fn new(project: Project) -> Self {
        Self {
            project,
            path: None,
            history: History::default(),
            saved_state: Some(0),
            disk_stamp: None,
            changes: next_revision(),
        }
    }

    /// A project read from another tool's file: it is in no file yet, so it counts as unsaved
    /// (closing asks to save it, and the title says so).
    pub fn imported(project: Project) -> Self {
        Self::recovered(project, None)
    }

    /// Opens the project file at `path`.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let (project, stamp) = io::load_project_stamped(path)?;
        Ok(Self {
            project,
            path: Some(path.to_path_buf()),
            history: History::default(),
            saved_state: Some(0),
            disk_stamp: Some(stamp),
            changes: next_revision(),
        })
    }

    /// A project recovered after a crash: it belongs to `path` (if it had one) but is not saved.
    pub fn recovered(project: Project, path: Option<PathBuf>) -> Self {
        let disk_stamp = path
            .as_deref()
            .and_then(|p| io::file_stamp(p).ok().flatten());
        Self {
            project,
            path,
            history: History::default(),
            saved_state: None,
            disk_stamp,
            changes: next_revision(),
        }
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The file name for the window title; for a project never saved, its title (an imported
    /// or restored project is asked about by the name it was shown with), or "Untitled".
    pub fn display_name(&self) -> String {
        if let Some(name) = self.path.as_deref().and_then(|p| p.file_name()) {
            return name.to_string_lossy().into_owned();
        }
        let title = self.project().title.trim();
        if title.is_empty() || title == crate::model::UNTITLED_PROJECT {
            "Untitled".to_owned()
        } else {
            title.to_owned()
        }
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.saved_state != Some(self.history.state_id())
    }

    /// A number that changes with every change, undo and redo included, and differs between
    /// documents (a project opened after another never shares it).
    pub fn change_count(&self) -> u64 {
        self.changes
    }

    /// Applies one edit as an undoable step. On error the project is unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history
            .apply(&mut self.project, edit, Instant::now())?;
        self.changes = next_revision();
        Ok(())
    }

    /// Applies several edits as one undoable step, all or none.
    pub fn apply_all(&mut self, description: String, edits: Vec<Edit>) -> Result<(), EditError> {
        self.history
            .apply_all(&mut self.project, description, edits, Instant::now())?;
        self.changes = next_revision();
        Ok(())
    }

    /// Records how the window shows the project, to be written with the next save. Not an edit:
    /// nothing to undo, and on its own no unsaved change. A setting naming an annotator the
    /// project does not have is not kept, nor is the first annotator, whom opening picks anyway:
    /// so opening and saving a project without changing anything changes no byte of the file.
    pub fn set_view(&mut self, mut view: crate::model::ViewSettings) {
        let first = self.project.annotators.first().map(|a| a.id);
        if view
            .active_annotator
            .is_some_and(|a| self.project.annotator(a).is_none() || Some(a) == first)
        {
            view.active_annotator = None;
        }
        self.project.view = view;
    }

    pub fn undo_description(&self) -> Option<&str> {
        self.history.undo_description()
    }

    pub fn redo_description(&self) -> Option<&str> {
        self.history.redo_description()
    }

    /// Undoes the last step; returns what was undone.
    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        let done = self.history.undo(&mut self.project)?;
        if done.is_some() {
            self.changes = next_revision();
        }
        Ok(done)
    }

    /// Redoes the last undone step; returns what was redone.
    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        let done = self.history.redo(&mut self.project)?;
        if done.is_some() {
            self.changes = next_revision();
        }
        Ok(done)
    }

    /// Saves to the current file, unless there is none or it changed on disk since it was read.
    pub fn save(&mut self) -> Result<SaveOutcome, SaveError> {
        let Some(path) = self.path.clone() else {
            return Ok(SaveOutcome::NeedsPath);
        };
        let on_disk = io::file_stamp(&path).map_err(|source| SaveError {
            path: path.clone(),
            source,
            existed: true,
        })?;
        if on_disk.is_some() && on_disk != self.disk_stamp {
            return Ok(SaveOutcome::ChangedOnDisk);
        }
        if io::is_read_only(&path) {
            return Ok(SaveOutcome::ReadOnly);
        }
        self.save_as(&path)?;
        Ok(SaveOutcome::Saved)
    }

    /// Saves to `path` whatever is there now (also over a read-only file, which stays read-only),
    /// which becomes the document's file. On error
    /// nothing changes: not the file, not the document.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveError> {
        let stamp = io::save_project(path, &self.project)?;
        self.path = Some(path.to_path_buf());
        self.disk_stamp = Some(stamp);
        self.saved_state = Some(self.history.state_id());
        self.history.seal();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: every new document started counting at 0, so a window that cached results by
    /// this number (the comparison, the agreement, the map) could show the previous project's.
    #[test]
    fn change_counts_differ_between_documents_and_after_each_change_undo_and_redo() {
        let sample = || crate::io::parse_project(crate::SAMPLE_PROJECT).unwrap();
        let first = Document::new(sample());
        let mut second = Document::new(sample());
        let mut seen = vec![first.change_count(), second.change_count()];
        second
            .apply(Edit::SetTitle("Another title".into()))
            .unwrap();
        seen.push(second.change_count());
        second.undo().unwrap();
        seen.push(second.change_count());
        second.redo().unwrap();
        seen.push(second.change_count());
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), seen.len(), "{seen:?}");
        // Nothing to undo is no change.
        let mut third = Document::new(sample());
        let before = third.change_count();
        assert_eq!(third.undo().unwrap(), None);
        assert_eq!(third.change_count(), before);
    }
}
