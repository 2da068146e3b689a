//! Atomic file replacement: write a temporary file in the target's folder, flush it to disk, then
//! rename it over the old one. A crash or kill at any moment leaves either the old file or the new
//! one, never a mixture. Project files also keep their last few versions as backups
//! (`<name>.bak`, `<name>.bak2`, `<name>.bak3`, newest first).
//!
//! Implementation notes (each was a way to lose work before):
//! - The backups rotate only *after* the new file is safely in place. The old version is first
//!   copied to a temporary file; if anything fails before the rename (a full disk, say), that copy
//!   is deleted and the existing backups are exactly as they were.
//! - Temporary files are named after their file (`.NAME.XXXXXX.tmp`, `.NAME.backup.XXXXXX.tmp`).
//!   One left by a killed process is removed by the next write to that file, once it has not been
//!   touched for [`STALE_TEMP_AGE`] (a younger one may belong to a save still running).
//! - A symbolic link is followed: the real file is replaced and the link stays a link.
//! - The new file and the backups keep the old file's permission bits, group and (where the
//!   system permits) owner, so a project in a shared group folder stays readable to the group and
//!   a private one stays private.
//! - Backups rotate only regular files: a folder called `NAME.bak` is never moved.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How many previous versions of a project file are kept.
pub const BACKUPS_KEPT: usize = 3;

/// A temporary file of ours not modified for this long belongs to no running save: saves write
/// continuously and rename at once, and this is far longer than a flush of the largest project.
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(120);

/// Where the most recent previous version of `path` is kept: `<name>.bak` beside it.
pub fn backup_path(path: &Path) -> PathBuf {
    backup_paths(path).swap_remove(0)
}

/// Every backup of `path`, newest first: `<name>.bak`, `<name>.bak2`, `<name>.bak3`.
pub fn backup_paths(path: &Path) -> Vec<PathBuf> {
    (1..=BACKUPS_KEPT)
        .map(|n| {
            let mut name = path.file_name().unwrap_or_default().to_os_string();
            name.push(if n == 1 {
                ".bak".to_owned()
            } else {
                format!(".bak{n}")
            });
            path.with_file_name(name)
        })
        .collect()
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Replaces the file at `path` with `bytes` atomically.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, false, false)
}

/// Like [`write_atomically`], but the file is readable by its owner only (0600), whatever it was:
/// for copies of sensitive data such as crash-recovery files.
pub fn write_privately(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, false, true)
}

/// Replaces the file at `path` with `bytes` atomically, then moves earlier versions down the row
/// of backups. The old file stays in place, and the backups as they were, until the new one is
/// safely written.
pub fn replace_keeping_backups(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, true, false)
}

/// The file a write to `path` really replaces: `path` itself, or the file a symbolic link at
/// `path` points to (so the link is kept rather than replaced by a regular file).
pub fn real_target(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!(
                    "it is a link to {}, which cannot be reached ({e})",
                    describe_link(path)
                ),
            )
        }),
        _ => Ok(path.to_path_buf()),
    }
}

fn describe_link(path: &Path) -> String {
    fs::read_link(path).map_or_else(|_| "a missing file".to_owned(), |t| t.display().to_string())
}

fn replace(path: &Path, bytes: &[u8], keep_backups: bool, private: bool) -> io::Result<()> {
    let target = real_target(path)?;
    let folder = folder_of(&target);
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?
        .to_os_string();
    remove_stale_temps(folder, &name);

    let existing = match fs::metadata(&target) {
        Ok(meta) if meta.is_file() => Some(meta),
        Ok(meta) if meta.is_dir() => return Err(io::Error::from(io::ErrorKind::IsADirectory)),
        Ok(_) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "it is not a regular file (a device, pipe or socket)",
            ));
        }
        Err(_) => None,
    };
    let backups = backup_paths(&target);
    if keep_backups && existing.is_some() {
        check_backup_slot(&backups[0])?;
    }

    let mut temp = temp_file(folder, &name, "", private)?;
    temp.write_all(bytes)?;
    temp.flush()?;
    if private {
        // tempfile creates its files 0600 already; say so, in case the umask or platform differ.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            temp.as_file()
                .set_permissions(fs::Permissions::from_mode(0o600))?;
        }
    } else if let Some(meta) = &existing {
        // Keep the user's owner, group and permissions rather than the temporary file's.
        keep_ownership_and_mode(temp.as_file(), meta)?;
    }
    temp.as_file().sync_all()?;

    // The old version, copied aside before the rename; becomes `.bak` once the new file is in place.
    let old_version = match &existing {
        Some(meta) if keep_backups => Some(copy_to_temp(&target, folder, &name, meta)?),
        _ => None,
    };
    temp.persist(&target).map_err(|e| e.error)?;
    sync_folder(folder);

    if let Some(old_version) = old_version {
        rotate_backups(&backups);
        if let Err(e) = old_version.persist(&backups[0]) {
            // The save itself succeeded. Keep the old version where it is, rather than lose it;
            // its name says which file it belongs to.
            let _ = e.file.keep();
        }
        sync_folder(folder);
    }
    Ok(())
}

/// A new temporary file `.NAME.<kind>XXXXXX.tmp` in `folder`: private (0600), or with the usual
/// permissions for a new file (0666 less the umask).
fn temp_file(
    folder: &Path,
    name: &std::ffi::OsStr,
    kind: &str,
    private: bool,
) -> io::Result<tempfile::NamedTempFile> {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    prefix.push(kind);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    if !private {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = private;
    builder.tempfile_in(folder)
}

/// Gives `file` the owner, group and permission bits `like` has. The owner can only be given by
/// root; a group the user belongs to can be given by anyone; failing either is not an error
/// (the file then belongs to whoever saves it, as with any editor).
fn keep_ownership_and_mode(file: &fs::File, like: &fs::Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if std::os::unix::fs::fchown(file, Some(like.uid()), Some(like.gid())).is_err() {
            let _ = std::os::unix::fs::fchown(file, None, Some(like.gid()));
        }
    }
    file.set_permissions(like.permissions())
}

/// Refuses to save when the newest backup's name is taken by something that is not a file (a
/// folder, say), before anything is written: the previous version could not be kept.
fn check_backup_slot(backup: &Path) -> io::Result<()> {
    match fs::symlink_metadata(backup) {
        Ok(meta) if !meta.is_file() => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} is not a file (a folder or link?), so the previous version cannot be kept there; \
                 move it away and save again",
                backup.display()
            ),
        )),
        _ => Ok(()),
    }
}

/// Copies `from` to a temporary file beside it, with `from`'s owner and permissions, synced.
fn copy_to_temp(
    from: &Path,
    folder: &Path,
    name: &std::ffi::OsStr,
    meta: &fs::Metadata,
) -> io::Result<tempfile::NamedTempFile> {
    let mut temp = temp_file(folder, name, "backup.", false)?;
    io::copy(&mut fs::File::open(from)?, temp.as_file_mut())?;
    keep_ownership_and_mode(temp.as_file(), meta)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// Moves `.bak2` to `.bak3` and `.bak` to `.bak2` (dropping the oldest), so `.bak` is free for
/// the version just replaced. Only regular files move, and only onto files or free names; a
/// failed move loses nothing but one level of history, so it does not fail the save.
fn rotate_backups(backups: &[PathBuf]) {
    for pair in backups.windows(2).rev() {
        let is_file = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.is_file());
        let free_or_file = |p: &Path| fs::symlink_metadata(p).map_or(true, |m| m.is_file());
        if is_file(&pair[0]) && free_or_file(&pair[1]) {
            let _ = fs::rename(&pair[0], &pair[1]);
        }
    }
}

/// Whether `file_name` is one of our temporary files for the file called `name`:
/// `.NAME.XXXXXX.tmp` or `.NAME.backup.XXXXXX.tmp` (six letters or digits from tempfile).
pub fn is_temp_of(file_name: &std::ffi::OsStr, name: &std::ffi::OsStr) -> bool {
    let (Some(file_name), Some(name)) = (file_name.to_str(), name.to_str()) else {
        return false;
    };
    let Some(rest) = file_name
        .strip_prefix('.')
        .and_then(|r| r.strip_prefix(name))
        .and_then(|r| r.strip_prefix('.'))
        .and_then(|r| r.strip_suffix(".tmp"))
    else {
        return false;
    };
    let random = rest.strip_prefix("backup.").unwrap_or(rest);
    random.len() == 6 && random.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Removes temporary files of `name` left in `folder` by a save that was killed. Best effort.
fn remove_stale_temps(folder: &Path, name: &std::ffi::OsStr) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        if !is_temp_of(&entry.file_name(), name) {
            continue;
        }
        let stale = entry.metadata().is_ok_and(|m| {
            m.is_file()
                && m.modified()
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age >= STALE_TEMP_AGE)
        });
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Makes the rename itself durable. Best effort: not every platform can open a folder.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_replacement_leaves_no_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("recent.ron");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn keeps_the_last_three_versions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.continuum");
        for version in ["one", "two", "three", "four", "five"] {
            replace_keeping_backups(&path, version.as_bytes()).unwrap();
        }
        let read = |p: &Path| fs::read_to_string(p).unwrap();
        assert_eq!(read(&path), "five");
        let backups: Vec<_> = backup_paths(&path).iter().map(|p| read(p)).collect();
        assert_eq!(backups, ["four", "three", "two"]);
    }

    #[test]
    fn replaces_and_keeps_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.continuum");
        replace_keeping_backups(&path, b"one").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert!(!backup_path(&path).exists());
        replace_keeping_backups(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"one");
        // No temporary files are left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Regression: saving through a symbolic link replaced the link with a regular file, and the
    /// file it pointed to kept the old bytes.
    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real_folder = dir.path().join("synced");
        fs::create_dir(&real_folder).unwrap();
        let real = real_folder.join("study.continuum");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("study.continuum");
        std::os::unix::fs::symlink(&real, &link).unwrap();

        replace_keeping_backups(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
        assert_eq!(fs::read(backup_path(&real)).unwrap(), b"old");
        assert_eq!(names_in(dir.path()), ["study.continuum", "synced"]);
    }

    /// Regression: a 0660 file in a shared group folder came back 0600 owned by whoever saved it,
    /// and the backups were always 0600. Owner and group are checked where the test may set them
    /// (as root, which CI is); the permission bits always.
    #[cfg(unix)]
    #[test]
    fn the_files_mode_group_and_owner_are_kept_and_the_backups_follow() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.continuum");
        fs::write(&path, "one").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o660)).unwrap();
        let chowned = std::os::unix::fs::chown(&path, Some(4321), Some(4322)).is_ok();
        let before = fs::metadata(&path).unwrap();

        replace_keeping_backups(&path, b"two").unwrap();
        replace_keeping_backups(&path, b"three").unwrap();
        for file in [
            path.clone(),
            backup_path(&path),
            backup_paths(&path)[1].clone(),
        ] {
            let meta = fs::metadata(&file).unwrap();
            assert_eq!(meta.mode() & 0o7777, 0o660, "{}", file.display());
            assert_eq!((meta.uid(), meta.gid()), (before.uid(), before.gid()));
            if chowned {
                assert_eq!((meta.uid(), meta.gid()), (4321, 4322));
            }
        }
        // A private project stays private, backups included.
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        replace_keeping_backups(&path, b"four").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().mode() & 0o777;
        assert_eq!((mode(&path), mode(&backup_path(&path))), (0o600, 0o600));
    }

    #[cfg(unix)]
    #[test]
    fn private_writes_are_0600_whatever_was_there() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("session.continuum-recovery");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        write_privately(&path, b"copy").unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    /// Regression: kills during saves left temporary files (41 of them, 1.8 GB) that nothing
    /// ever removed, and the backup's temporary file did not say whose it was.
    #[test]
    fn temporary_files_left_by_a_killed_save_are_removed_by_the_next_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.continuum");
        fs::write(&path, "one").unwrap();
        let old = std::time::SystemTime::now() - STALE_TEMP_AGE - Duration::from_secs(5);
        let make = |name: &str, stale: bool| {
            let file = fs::File::create(dir.path().join(name)).unwrap();
            if stale {
                file.set_modified(old).unwrap();
            }
        };
        make(".p.continuum.a1B2c3.tmp", true);
        make(".p.continuum.backup.Zz9yX8.tmp", true);
        // A save of this file still running: too young to be a leftover.
        make(".p.continuum.q7R8s9.tmp", false);
        // Not ours, or another file's.
        make(".p.continuum.notes.tmp", true);
        make(".other.continuum.a1B2c3.tmp", true);

        replace_keeping_backups(&path, b"two").unwrap();
        assert_eq!(
            names_in(dir.path()),
            [
                ".other.continuum.a1B2c3.tmp",
                ".p.continuum.notes.tmp",
                ".p.continuum.q7R8s9.tmp",
                "p.continuum",
                "p.continuum.bak",
            ]
        );
        assert!(is_temp_of(
            ".x.y.backup.123abc.tmp".as_ref(),
            "x.y".as_ref()
        ));
        assert!(!is_temp_of(".x.y.backup.123abc.tmp".as_ref(), "x".as_ref()));
    }

    /// Regression: a folder called `NAME.bak` was renamed to `NAME.bak2`.
    #[test]
    fn backups_rotate_only_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.continuum");
        replace_keeping_backups(&path, b"one").unwrap();
        fs::create_dir(backup_path(&path)).unwrap();
        let error = replace_keeping_backups(&path, b"two").unwrap_err();
        assert!(error.to_string().contains("is not a file"), "{error}");
        assert_eq!(fs::read(&path).unwrap(), b"one", "nothing written");
        assert!(backup_path(&path).is_dir());
        assert!(!backup_paths(&path)[1].exists(), "the folder was not moved");

        fs::remove_dir(backup_path(&path)).unwrap();
        fs::create_dir(&backup_paths(&path)[1]).unwrap();
        for version in ["two", "three", "four"] {
            replace_keeping_backups(&path, version.as_bytes()).unwrap();
        }
        assert!(backup_paths(&path)[1].is_dir(), "a folder .bak2 stays put");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"three");
    }

    #[test]
    fn fails_cleanly_in_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/folder/p.continuum");
        assert!(write_atomically(&path, b"x").is_err());
    }
}
