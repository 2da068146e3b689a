//! An open project: the project itself, the file it lives in, and whether it has changes that are
//! not on disk yet. Every edit from the GUI passes through [`Document::apply`], the one hook for
//! "unsaved" tracking (and later undo and autosave). No egui here.

use crate::io::{self, LoadError, SaveError};
use crate::model::{Edit, EditError, Project};
use std::path::{Path, PathBuf};

/// A project together with where it is saved.
#[derive(Debug)]
pub struct Document {
    project: Project,
    path: Option<PathBuf>,
    /// Counts applied edits; compared with `saved_revision` to know whether there are unsaved changes.
    revision: u64,
    saved_revision: u64,
}

impl Document {
    /// A new, never-saved project.
    pub fn new(project: Project) -> Self {
        Self {
            project,
            path: None,
            revision: 0,
            saved_revision: 0,
        }
    }

    /// Opens the project file at `path`.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let project = io::load_project(path)?;
        Ok(Self {
            project,
            path: Some(path.to_path_buf()),
            revision: 0,
            saved_revision: 0,
        })
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
        self.revision != self.saved_revision
    }

    /// Applies one edit. On error the project is unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.project.apply(edit)?;
        self.revision += 1;
        Ok(())
    }

    /// Saves to the current file. Returns `Ok(false)` if the project has no file yet (use Save As).
    pub fn save(&mut self) -> Result<bool, SaveError> {
        let Some(path) = self.path.clone() else {
            return Ok(false);
        };
        self.save_as(&path)?;
        Ok(true)
    }

    /// Saves to `path`, which becomes the document's file. On error nothing changes.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveError> {
        io::save_project(path, &self.project)?;
        self.path = Some(path.to_path_buf());
        self.saved_revision = self.revision;
        Ok(())
    }
}
