//! Crash recovery: while a project has unsaved changes, a copy of it is written to a recovery file
//! in the user's data folder (never next to the project, which may be a shared or synced folder).
//! After a crash or kill, the next start finds the file and offers to restore it. A normal save or
//! close removes it.
//!
//! Each running window has its own recovery file, named after its process, so two windows never
//! overwrite each other's, and a window does not offer to restore the work of one still running.

use crate::model::{Project, Timestamp};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const EXTENSION: &str = "continuum-recovery";

/// What a recovery file holds.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecoveryFile {
    recovery_version: u32,
    /// The process that wrote it; a live process's file is not offered for restoring.
    pid: u32,
    /// The file the project belongs to, if it had been saved before.
    original_path: Option<PathBuf>,
    written: Timestamp,
    project: Project,
}

/// A recovery file found at start-up, described for the "restore?" prompt.
#[derive(Clone, Debug, PartialEq)]
pub struct Recoverable {
    pub file: PathBuf,
    pub original_path: Option<PathBuf>,
    pub written: Timestamp,
    pub title: String,
}

/// The folder of recovery files, and this process's own file in it.
#[derive(Clone, Debug)]
pub struct RecoveryStore {
    folder: PathBuf,
    own_file: PathBuf,
}

impl RecoveryStore {
    /// The store in the user's data folder (e.g. `~/.local/share/continuum/recovery`).
    pub fn in_data_folder() -> Option<Self> {
        let dirs = directories::ProjectDirs::from("", "", "Continuum")?;
        Some(Self::at(&dirs.data_dir().join("recovery")))
    }

    /// A store in `folder` (created when first written).
    pub fn at(folder: &Path) -> Self {
        let own_file = folder.join(format!("session-{}.{EXTENSION}", std::process::id()));
        Self {
            folder: folder.to_path_buf(),
            own_file,
        }
    }

    /// Writes this window's recovery copy of `project`.
    pub fn write(&self, project: &Project, original_path: Option<&Path>) -> Result<(), String> {
        std::fs::create_dir_all(&self.folder)
            .map_err(|e| format!("cannot create {}: {e}", self.folder.display()))?;
        let file = RecoveryFile {
            recovery_version: 1,
            pid: std::process::id(),
            original_path: original_path.map(Path::to_path_buf),
            written: Timestamp::now(),
            project: project.clone(),
        };
        let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())?;
        super::write_atomically(&self.own_file, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", self.own_file.display()))
    }

    /// Removes this window's recovery copy (after a save, or a deliberate close).
    pub fn clear(&self) {
        let _ = std::fs::remove_file(&self.own_file);
    }

    /// Whether this window currently has a recovery copy on disk.
    pub fn has_own_copy(&self) -> bool {
        self.own_file.exists()
    }

    /// Recovery files left by windows that are no longer running, newest first. Files that
    /// cannot be read are skipped: they are offered by no one and removed by [`Self::discard`] only.
    pub fn leftovers(&self) -> Vec<Recoverable> {
        let Ok(entries) = std::fs::read_dir(&self.folder) else {
            return Vec::new();
        };
        let mut found: Vec<Recoverable> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == EXTENSION) && *p != self.own_file)
            .filter_map(|p| {
                let file = read(&p).ok()?;
                (!process_is_running(file.pid)).then_some(Recoverable {
                    original_path: file.original_path,
                    written: file.written,
                    title: file.project.title,
                    file: p,
                })
            })
            .collect();
        found.sort_by(|a, b| b.written.cmp(&a.written).then_with(|| a.file.cmp(&b.file)));
        found
    }

    /// Loads a leftover's project, validated like a project file.
    pub fn restore(&self, leftover: &Recoverable) -> Result<Project, String> {
        let file = read(&leftover.file)?;
        let mut project = file.project;
        project.validate().map_err(|e| {
            format!(
                "the recovered copy in {} is damaged: {e}",
                leftover.file.display()
            )
        })?;
        project.normalise();
        Ok(project)
    }

    /// Deletes a leftover the user chose not to restore (or has restored into this window).
    pub fn discard(&self, leftover: &Recoverable) {
        let _ = std::fs::remove_file(&leftover.file);
    }
}

fn read(path: &Path) -> Result<RecoveryFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    ron::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Whether a process with this id is alive. On Linux this asks /proc; elsewhere we cannot tell
/// cheaply and assume not, so a leftover is always offered.
fn process_is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    cfg!(target_os = "linux") && Path::new(&format!("/proc/{pid}")).exists()
}

#[doc(hidden)]
/// A process id no live process has (above Linux's maximum), for tests that simulate a crash.
pub const DEAD_PID_FOR_TESTS: u32 = 4_194_304 + 1;

#[doc(hidden)]
/// Writes a recovery file as a crashed window with `pid` would have left it. For tests.
pub fn write_leftover_for_tests(
    folder: &Path,
    pid: u32,
    project: &Project,
    original_path: Option<&Path>,
    written: Timestamp,
) -> PathBuf {
    let path = folder.join(format!("session-{pid}.{EXTENSION}"));
    let file = RecoveryFile {
        recovery_version: 1,
        pid,
        original_path: original_path.map(Path::to_path_buf),
        written,
        project: project.clone(),
    };
    std::fs::create_dir_all(folder).expect("test folder");
    let text =
        ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default()).expect("serialise");
    std::fs::write(&path, text).expect("write leftover");
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_copy_is_not_offered_to_its_own_window_but_a_dead_ones_is() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::at(dir.path());
        let project = Project::new("Mine");
        store
            .write(&project, Some(Path::new("/x/mine.continuum")))
            .unwrap();
        assert!(store.has_own_copy());
        assert!(
            store.leftovers().is_empty(),
            "our own copy is not a leftover"
        );

        let crashed = Project::new("Crashed");
        write_leftover_for_tests(
            dir.path(),
            DEAD_PID_FOR_TESTS,
            &crashed,
            None,
            Timestamp(100),
        );
        let leftovers = store.leftovers();
        assert_eq!(leftovers.len(), 1);
        assert_eq!(leftovers[0].title, "Crashed");
        assert_eq!(store.restore(&leftovers[0]).unwrap(), crashed);
        store.discard(&leftovers[0]);
        assert!(store.leftovers().is_empty());
        store.clear();
        assert!(!store.has_own_copy());
    }

    #[test]
    fn garbage_in_the_folder_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(format!("junk.{EXTENSION}")),
            "not ron at all",
        )
        .unwrap();
        std::fs::write(dir.path().join("other.txt"), "x").unwrap();
        assert!(RecoveryStore::at(dir.path()).leftovers().is_empty());
    }
}
