//! Saving into a folder that cannot be written: the save fails with a clear message, and neither
//! the file on disk nor the open project changes.
//!
//! Tests often run as root, for whom `chmod` does not stop writing; then the folder is made
//! immutable with `chattr +i` instead, which stops root too. If neither works the test fails,
//! rather than pass without having tested anything.

use crate::support::sample_path;
use continuum::document::{Document, SaveOutcome};
use continuum::model::{AnnotatorId, Edit, ExcerptId, Timestamp};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A folder that refuses new files until dropped.
struct ReadOnlyFolder {
    path: PathBuf,
    immutable: bool,
}

impl ReadOnlyFolder {
    fn lock(path: &Path) -> Self {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o555)).unwrap();
        let mut folder = Self {
            path: path.to_path_buf(),
            immutable: false,
        };
        if folder.accepts_writes() {
            let status = Command::new("chattr").arg("+i").arg(path).status();
            folder.immutable = status.is_ok_and(|s| s.success());
            assert!(
                !folder.accepts_writes(),
                "cannot make {} read-only (chmod is ignored for root and chattr +i failed)",
                path.display()
            );
        }
        folder
    }

    fn accepts_writes(&self) -> bool {
        let probe = self.path.join(".probe");
        let ok = std::fs::write(&probe, b"x").is_ok();
        let _ = std::fs::remove_file(&probe);
        ok
    }
}

impl Drop for ReadOnlyFolder {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").arg(&self.path).status();
        }
        let _ = std::fs::set_permissions(&self.path, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn saving_into_a_read_only_folder_fails_and_keeps_everything() {
    // Under the target folder rather than /tmp, which may be a tmpfs where chattr does not work.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let path = dir.path().join("study.continuum");
    std::fs::copy(sample_path(), &path).unwrap();
    let before_on_disk = std::fs::read(&path).unwrap();

    let mut doc = Document::open(&path).unwrap();
    let moved = Edit::place(
        doc.project(),
        AnnotatorId(1),
        ExcerptId(1),
        0.95,
        Timestamp(9),
    );
    doc.apply(moved).unwrap();
    let edited = doc.project().clone();

    let folder = ReadOnlyFolder::lock(dir.path());
    let error = doc
        .save()
        .expect_err("the folder refuses the temporary file");
    let message = error.to_string();
    assert!(
        message.contains("study.continuum: could not be saved"),
        "{message}"
    );
    assert!(message.contains("permission denied"), "{message}");
    assert!(
        message.contains("The file on disk is unchanged"),
        "{message}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before_on_disk);
    assert_eq!(doc.project(), &edited, "the open project keeps the change");
    assert!(doc.has_unsaved_changes());

    drop(folder);
    assert_eq!(
        doc.save().unwrap(),
        SaveOutcome::Saved,
        "once writable, the same save works"
    );
    assert_eq!(continuum::io::load_project(&path).unwrap(), edited);
}
