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
    /// Counts every change, undo and redo included, so autosave knows when to write.
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
            changes: 0,
        }
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
            changes: 0,
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
            changes: 1,
        }
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The file name for the window title, or "Untitled" for a project never saved.
    pub fn display_name(&self) -> String {
        self.path
            .as_deref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || "Untitled".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            )
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.saved_state != Some(self.history.state_id())
    }

    /// A number that grows with every change, undo and redo included.
    pub fn change_count(&self) -> u64 {
        self.changes
    }

    /// Applies one edit as an undoable step. On error the project is unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history
            .apply(&mut self.project, edit, Instant::now())?;
        self.changes += 1;
        Ok(())
    }

    /// Applies several edits as one undoable step, all or none.
    pub fn apply_all(&mut self, description: String, edits: Vec<Edit>) -> Result<(), EditError> {
        self.history
            .apply_all(&mut self.project, description, edits, Instant::now())?;
        self.changes += 1;
        Ok(())
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
        self.changes += u64::from(done.is_some());
        Ok(done)
    }

    /// Redoes the last undone step; returns what was redone.
    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        let done = self.history.redo(&mut self.project)?;
        self.changes += u64::from(done.is_some());
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
        self.save_as(&path)?;
        Ok(SaveOutcome::Saved)
    }

    /// Saves to `path` whatever is there now, which becomes the document's file. On error
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
