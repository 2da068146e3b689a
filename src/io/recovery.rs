//! Crash recovery: while a project has unsaved changes, a copy of it is written to a recovery file
//! in the user's data folder (never next to the project, which may be a shared or synced folder).
//! After a crash or kill, the next start finds the file and offers to restore it. A normal save or
//! close removes it.
//!
//! Each running window has its own recovery file, named after its process, so two windows never
//! overwrite each other's, and a window does not offer to restore the work of one still running.
//!
//! The file (`session-PID.continuum-recovery`, RON) is described in docs/project-format.md,
//! "Recovery copies"; the integration tests write it that way to play a crashed window.

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
    /// When that process started (Linux: clock ticks since boot), so that a later process that
    /// happens to get the same id is not taken for it. Absent in files of older versions.
    #[serde(default)]
    started: Option<u64>,
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
        create_private_folder(&self.folder)
            .map_err(|e| format!("cannot create {}: {e}", self.folder.display()))?;
        let file = RecoveryFile {
            recovery_version: 1,
            pid: std::process::id(),
            started: process_start(std::process::id()).map(|(_, started)| started),
            original_path: original_path.map(Path::to_path_buf),
            written: Timestamp::now(),
            project: project.clone(),
        };
        let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())?;
        super::write_privately(&self.own_file, text.as_bytes())
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
                (!process_is_running(file.pid, file.started)).then_some(Recoverable {
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

/// Creates the recovery folder readable by its owner only (0700): it holds copies of interview
/// data, which must not become readable to others just because a copy was made. An existing
/// folder is made private too.
fn create_private_folder(folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        if let Some(parent) = folder.parent() {
            std::fs::create_dir_all(parent)?;
        }
        match std::fs::DirBuilder::new().mode(0o700).create(folder) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700))
            }
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(folder)
}

fn read(path: &Path) -> Result<RecoveryFile, String> {
    // A recovery copy is a project with a little more around it: bounded like one.
    let limit = super::MAX_PROJECT_BYTES + 1024 * 1024;
    let bytes = super::read_bounded(path, limit).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    ron::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Whether the process that wrote a recovery file is still alive. On Linux this asks /proc: a
/// zombie (killed, not yet reaped by its parent) is dead, and so is a process with the same id
/// that started at another time (the id was reused). Elsewhere we cannot tell cheaply and assume
/// not, so a leftover is always offered.
fn process_is_running(pid: u32, started: Option<u64>) -> bool {
    if pid == std::process::id() {
        return true;
    }
    match process_start(pid) {
        None => false,
        Some(('Z' | 'X', _)) => false,
        Some((_, now)) => started.is_none_or(|started| started == now),
    }
}

/// The state letter and start time of process `pid`, from `/proc/PID/stat`, or `None` if there
/// is no such process (or no /proc).
fn process_start(pid: u32) -> Option<(char, u64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name, in parentheses, may hold spaces and ')': the fields follow the last ')'.
    let fields: Vec<&str> = stat
        .get(stat.rfind(')')? + 1..)?
        .split_whitespace()
        .collect();
    // After the name: state is field 3 of the whole line, start time field 22.
    let state = fields.first()?.chars().next()?;
    let started = fields.get(19)?.parse().ok()?;
    Some((state, started))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A process id no live process has (above Linux's maximum), as of a window that crashed.
    const DEAD_PID: u32 = 4_194_304 + 1;

    /// Writes a recovery file as a crashed window would have left it.
    fn write_leftover(folder: &Path, project: &Project, written: Timestamp) {
        let file = RecoveryFile {
            recovery_version: 1,
            pid: DEAD_PID,
            started: None,
            original_path: None,
            written,
            project: project.clone(),
        };
        let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default()).unwrap();
        std::fs::write(folder.join(format!("session-{DEAD_PID}.{EXTENSION}")), text).unwrap();
    }

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
        write_leftover(dir.path(), &crashed, Timestamp(100));
        let leftovers = store.leftovers();
        assert_eq!(leftovers.len(), 1);
        assert_eq!(leftovers[0].title, "Crashed");
        assert_eq!(store.restore(&leftovers[0]).unwrap(), crashed);
        store.discard(&leftovers[0]);
        assert!(store.leftovers().is_empty());
        store.clear();
        assert!(!store.has_own_copy());
    }

    /// Regression (first-hour issue, item 6): after `kill -9` the killed window was still a
    /// zombie, and a leftover was not offered because `/proc/PID` existed. A reused id (another
    /// process started later) does not hide a leftover either.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_zombie_or_a_reused_process_id_does_not_hide_a_leftover() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        // Not reaped yet: a zombie once it has exited.
        let mut tries = 0;
        while process_start(pid).is_some_and(|(state, _)| state != 'Z') && tries < 500 {
            std::thread::sleep(std::time::Duration::from_millis(10));
            tries += 1;
        }
        assert_eq!(process_start(pid).map(|(s, _)| s), Some('Z'));
        assert!(!process_is_running(pid, None), "a zombie is not running");
        child.wait().unwrap();

        let me = std::process::id();
        let (_, started) = process_start(me).unwrap();
        let parent = std::os::unix::process::parent_id();
        let (_, parent_started) = process_start(parent).unwrap();
        assert!(process_is_running(parent, Some(parent_started)));
        assert!(
            !process_is_running(parent, Some(parent_started + 1)),
            "same id, another start: a reused id"
        );
        assert!(process_is_running(me, Some(started)));
    }

    /// Regression: the recovery folder was created 0755 and copies written 0644, so a private
    /// (0600) project got a world-readable copy of its interviews.
    #[cfg(unix)]
    #[test]
    fn recovery_copies_are_private_to_their_owner() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("continuum/recovery");
        let store = RecoveryStore::at(&folder);
        store.write(&Project::new("Private"), None).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&store.own_file), 0o600);
        // A folder made by an older version is made private on the next write.
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
        store.write(&Project::new("Private"), None).unwrap();
        assert_eq!(mode(&folder), 0o700);
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
