//! The refusals every command that writes a file shares: never over a file the command reads,
//! never over a Continuum project it was not asked to replace, never over a read-only file unless
//! `--force`. Each says what was (not) written and what to do instead.

use super::CliError;
use crate::io;
use std::path::Path;

/// Whether `a` and `b` name the same file (through links, `..` or hard links). A missing file is
/// the same as nothing else.
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(ma), Ok(mb)) => {
            use std::os::unix::fs::MetadataExt;
            ma.dev() == mb.dev() && ma.ino() == mb.ino()
        }
        #[cfg(not(unix))]
        (Ok(_), Ok(_)) => std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok(),
        _ => false,
    }
}

/// A command never writes its output over a file it reads: `export-csv P --out P` once replaced
/// the project with a table.
pub(super) fn refuse_to_overwrite_inputs(
    out: &Path,
    inputs: &[&Path],
    what: &str,
) -> Result<(), CliError> {
    match inputs.iter().find(|input| same_file(out, input)) {
        Some(input) => Err(CliError::new(format!(
            "{}: is the project this command reads ({}); writing {what} there would replace it. \
             Nothing was written; choose another file for --out",
            out.display(),
            input.display()
        ))),
        None => Ok(()),
    }
}

/// Whether the file at `out` is (by its first bytes) a Continuum project.
pub(super) fn looks_like_a_project(out: &Path) -> bool {
    use std::io::Read;
    if io::check_regular_file(out, u64::MAX).is_err() {
        return false;
    }
    let mut head = Vec::new();
    let read = std::fs::File::open(out).and_then(|f| f.take(4096).read_to_end(&mut head));
    let head = String::from_utf8_lossy(&head);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    read.is_ok() && head.starts_with('(') && head.contains("format_version")
}

/// A table or figure is never written over a Continuum project, whichever it is.
pub(super) fn refuse_to_overwrite_a_project(out: &Path, what: &str) -> Result<(), CliError> {
    if looks_like_a_project(out) {
        return Err(CliError::new(format!(
            "{}: is a Continuum project; writing {what} there would destroy it. Nothing was \
             written; choose another file for --out",
            out.display()
        )));
    }
    Ok(())
}

/// A file marked read-only is rewritten only when asked (`--force`).
pub(super) fn refuse_read_only(path: &Path, force: bool) -> Result<(), CliError> {
    if io::is_read_only(path) && !force {
        return Err(CliError::new(format!(
            "{}: is marked read-only; nothing was written. Add --force to save over it anyway \
             (it stays read-only)",
            path.display()
        )));
    }
    Ok(())
}
