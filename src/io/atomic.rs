//! Atomic file replacement: write a temporary file in the target's folder, flush it to disk, then
//! rename it over the old one. A crash or kill at any moment leaves either the old file or the new
//! one, never a mixture. Project files also keep their last few versions as backups
//! (`<name>.bak`, `<name>.bak2`, `<name>.bak3`, newest first).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many previous versions of a project file are kept.
pub const BACKUPS_KEPT: usize = 3;

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
    replace(path, bytes, false)
}

/// Replaces the file at `path` with `bytes` atomically, first moving earlier versions down the
/// row of backups. The old file stays in place until the new one is renamed over it.
pub fn replace_keeping_backups(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, true)
}

fn replace(path: &Path, bytes: &[u8], keep_backups: bool) -> io::Result<()> {
    let folder = folder_of(path);
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets the usual permissions (0666 less the umask), not the temporary file's 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(folder)?;
    temp.write_all(bytes)?;
    temp.flush()?;

    let existing = fs::metadata(path).ok().filter(|m| m.is_file());
    if let Some(meta) = &existing {
        // Keep the user's permissions rather than the temporary file's private ones.
        fs::set_permissions(temp.path(), meta.permissions())?;
    }
    temp.as_file().sync_all()?;

    if existing.is_some() && keep_backups {
        rotate_backups(path, folder)?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    sync_folder(folder);
    Ok(())
}

/// Moves `.bak` to `.bak2` and so on (dropping the oldest), then copies the current file to the
/// new `.bak`. A copy, not a hard link: a program that later writes into the project file in place
/// would otherwise change the backup with it.
fn rotate_backups(path: &Path, folder: &Path) -> io::Result<()> {
    let backups = backup_paths(path);
    for pair in backups.windows(2).rev() {
        if pair[0].exists() {
            fs::rename(&pair[0], &pair[1])?;
        }
    }
    copy_atomically(path, &backups[0], folder)
}

/// Copies `from` to `to` through a temporary file, so a half-written backup never replaces a whole one.
fn copy_atomically(from: &Path, to: &Path, folder: &Path) -> io::Result<()> {
    let mut temp = tempfile::Builder::new()
        .prefix(".backup.")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    io::copy(&mut fs::File::open(from)?, temp.as_file_mut())?;
    temp.as_file().sync_all()?;
    temp.persist(to).map_err(|e| e.error)?;
    Ok(())
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

    #[test]
    fn fails_cleanly_in_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/folder/p.continuum");
        assert!(write_atomically(&path, b"x").is_err());
    }
}
