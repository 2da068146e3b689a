//! The project file: RON text, self-contained, versioned, deterministic. The format is documented
//! field by field in `docs/project-format.md`.
//!
//! Loading never panics and never writes: it reads the bytes, checks they are UTF-8 text, parses,
//! checks the version, then validates references and ranges, and reports the first problem with
//! the file's name and, for syntax, the line and column.

use super::bounded_read::{check_regular_file, format_mib, read_bounded};
use crate::model::{FORMAT_VERSION, Project, ValidationError};
use serde::Deserialize;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Files larger than this are refused before reading: no real project comes near it, and it keeps
/// a wrongly chosen multi-gigabyte file from exhausting memory.
pub const MAX_PROJECT_BYTES: u64 = 512 * 1024 * 1024;

/// Why a project file could not be opened. Every variant names the file.
#[derive(Debug)]
pub enum LoadError {
    Read {
        path: PathBuf,
        source: io::Error,
    },
    TooLarge {
        path: PathBuf,
        bytes: u64,
    },
    NotText {
        path: PathBuf,
        byte_offset: usize,
    },
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    NotAProject {
        path: PathBuf,
    },
    /// Nothing but white space: a save by another program that died, or a new empty file.
    Empty {
        path: PathBuf,
    },
    NewerVersion {
        path: PathBuf,
        found: u32,
    },
    Invalid {
        path: PathBuf,
        error: ValidationError,
    },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Read { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::NotText { path, .. }
            | LoadError::Syntax { path, .. }
            | LoadError::NotAProject { path }
            | LoadError::Empty { path }
            | LoadError::NewerVersion { path, .. }
            | LoadError::Invalid { path, .. } => path,
        }
    }

    fn with_path(mut self, new_path: &Path) -> Self {
        match &mut self {
            LoadError::Read { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::NotText { path, .. }
            | LoadError::Syntax { path, .. }
            | LoadError::NotAProject { path }
            | LoadError::Empty { path }
            | LoadError::NewerVersion { path, .. }
            | LoadError::Invalid { path, .. } => *path = new_path.to_path_buf(),
        }
        self
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path().display();
        match self {
            LoadError::Read { source, .. } => {
                write!(f, "{path}: cannot be read: {}", describe_io(source))
            }
            LoadError::TooLarge { bytes, .. } => write!(
                f,
                "{path}: is {}, larger than any project file can be ({}); is it the right file?",
                format_mib(*bytes),
                format_mib(MAX_PROJECT_BYTES)
            ),
            LoadError::NotText { byte_offset, .. } => write!(
                f,
                "{path}: is not a Continuum project: it is not UTF-8 text (invalid byte at offset {byte_offset})"
            ),
            LoadError::Syntax {
                line,
                column,
                message,
                ..
            } => write!(f, "{path}:{line}:{column}: syntax error: {message}"),
            LoadError::NotAProject { .. } => write!(
                f,
                "{path}: is not a Continuum project: a project file begins with `(` and its \
                 `format_version`"
            ),
            LoadError::Empty { .. } => write!(
                f,
                "{path}: is empty: there is no project in it (a copy may be in the backups beside \
                 it, ending in .bak)"
            ),
            LoadError::NewerVersion { found, .. } => write!(
                f,
                "{path}: was written by a newer Continuum (file format {found}; this version reads up to {FORMAT_VERSION}). \
                 Update Continuum to open it; nothing was changed."
            ),
            LoadError::Invalid { error, .. } => write!(f, "{path}: invalid project: {error}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Why a save failed. The file on disk and the open project are both unchanged when this happens.
#[derive(Debug)]
pub struct SaveError {
    pub path: PathBuf,
    pub source: io::Error,
    /// Whether there was a file at `path` before (which is then untouched).
    pub existed: bool,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = match (self.source.kind(), self.path.parent()) {
            (io::ErrorKind::NotFound, Some(folder)) if !folder.as_os_str().is_empty() => {
                format!("the folder {} does not exist", folder.display())
            }
            _ => describe_io(&self.source),
        };
        write!(f, "{}: could not be saved: {reason}.", self.path.display())?;
        if self.existed {
            write!(f, " The file on disk is unchanged.")?;
        }
        Ok(())
    }
}

impl std::error::Error for SaveError {}

/// Plain words for the I/O failures a researcher actually meets.
fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        io::ErrorKind::PermissionDenied => {
            "permission denied (the file or its folder is read-only or belongs to someone else)"
                .to_owned()
        }
        io::ErrorKind::StorageFull => "the disk is full".to_owned(),
        io::ErrorKind::IsADirectory => "it is a folder, not a file".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        io::ErrorKind::FileTooLarge if error.get_ref().is_none() => {
            "the file would be larger than this disk or your account allows".to_owned()
        }
        _ => error.to_string(),
    }
}

/// Only the version, read first so a newer file is refused before its unknown fields are judged.
#[derive(Deserialize)]
struct VersionProbe {
    /// 0 when the field is missing: no real file has version 0.
    #[serde(default)]
    format_version: u32,
}

fn syntax_error(error: ron::error::SpannedError) -> LoadError {
    LoadError::Syntax {
        path: PathBuf::new(),
        line: error.span.start.line,
        column: error.span.start.col,
        // The parser names our types; the reader knows only "the project".
        message: error
            .code
            .to_string()
            .replace("struct `VersionProbe`", "the project")
            .replace("struct `Project`", "the project"),
    }
}

/// Whether `error` is at the first thing in `text` that is not white space: where a project's
/// opening `(` belongs.
fn at_first_token(text: &str, error: &ron::error::SpannedError) -> bool {
    let mut line = 1;
    let mut column = 1;
    for c in text.chars() {
        if !c.is_whitespace() {
            break;
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (error.span.start.line, error.span.start.col) == (line, column)
}

/// Parses and validates project text. Errors carry an empty path; [`load_project`] fills it in.
pub fn parse_project(text: &str) -> Result<Project, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            path: PathBuf::new(),
        });
    }
    // The version decides how the rest is read, but reading it alone costs a whole parse (the
    // probe skips every other field, value by value: more than half the time of opening a
    // large project). So the project is read first, and the probe only explains a failure:
    // a newer file's unknown fields, or a file that is no project at all.
    let mut project: Project = match ron::from_str(text) {
        Ok(project) => project,
        Err(error) => {
            let probe: VersionProbe = ron::from_str(text).map_err(|probe_error| {
                // Wrong from its first token (plain text, JSON, a document): no project at
                // all, which is clearer than a parser's "expected struct" about it.
                if at_first_token(text, &probe_error) {
                    LoadError::NotAProject {
                        path: PathBuf::new(),
                    }
                } else {
                    syntax_error(probe_error)
                }
            })?;
            check_version(probe.format_version)?;
            return Err(syntax_error(error));
        }
    };
    check_version(project.format_version)?;
    project.format_version = FORMAT_VERSION;
    project.validate().map_err(|error| LoadError::Invalid {
        path: PathBuf::new(),
        error,
    })?;
    project.normalise();
    Ok(project)
}

/// Refuses a file that is not a project (version 0: the field is missing) or is from a newer
/// Continuum.
fn check_version(found: u32) -> Result<(), LoadError> {
    match found {
        0 => Err(LoadError::NotAProject {
            path: PathBuf::new(),
        }),
        found if found > FORMAT_VERSION => Err(LoadError::NewerVersion {
            path: PathBuf::new(),
            found,
        }),
        // Version 1 is the first. When there are older versions, a file of one fails the read
        // as a `Project` and is migrated from the version its probe finds.
        _ => Ok(()),
    }
}

/// What a file held at one moment, to notice later whether someone else changed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    hash: u64,
}

impl FileStamp {
    pub fn of(bytes: &[u8]) -> Self {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        Self {
            len: bytes.len() as u64,
            hash: hasher.finish(),
        }
    }
}

/// The stamp of the file at `path` now, or `None` if there is no file. Reads at most as much as a
/// project can be, and only a regular file.
pub fn file_stamp(path: &Path) -> io::Result<Option<FileStamp>> {
    match read_bounded(path, MAX_PROJECT_BYTES) {
        Ok(bytes) => Ok(Some(FileStamp::of(&bytes))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Reads, parses and validates the project at `path`. Never writes anything.
pub fn load_project(path: &Path) -> Result<Project, LoadError> {
    load_project_stamped(path).map(|(project, _)| project)
}

/// [`load_project`], also returning the stamp of the bytes that were read.
pub fn load_project_stamped(path: &Path) -> Result<(Project, FileStamp), LoadError> {
    let read_error = |source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    };
    let too_large = |bytes| LoadError::TooLarge {
        path: path.to_path_buf(),
        bytes,
    };
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if meta.is_file() && meta.len() > MAX_PROJECT_BYTES {
        return Err(too_large(meta.len()));
    }
    check_regular_file(path, MAX_PROJECT_BYTES).map_err(read_error)?;
    let bytes = read_bounded(path, MAX_PROJECT_BYTES).map_err(|e| match e.kind() {
        // It grew while being read.
        io::ErrorKind::FileTooLarge => too_large(MAX_PROJECT_BYTES + 1),
        _ => read_error(e),
    })?;
    let stamp = FileStamp::of(&bytes);
    let text = String::from_utf8(bytes).map_err(|e| LoadError::NotText {
        path: path.to_path_buf(),
        byte_offset: e.utf8_error().valid_up_to(),
    })?;
    let project = parse_project(&text).map_err(|e| e.with_path(path))?;
    Ok((project, stamp))
}

/// The canonical text of a project: the same project always gives the same bytes.
pub fn to_ron_string(project: &Project) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        // Multi-line strings stay multi-line, so memos and transcripts read and diff as text.
        .escape_strings(false)
        .new_line("\n");
    let mut text = ron::ser::to_string_pretty(project, config)
        // Serialising plain structs of strings and numbers to a String cannot fail.
        .unwrap_or_else(|e| unreachable!("serialising a project failed: {e}"));
    text.push('\n');
    text
}

/// Saves atomically, keeping previous versions as backups; returns the stamp of what was written.
/// A project too large to be opened again is not written at all.
pub fn save_project(path: &Path, project: &Project) -> Result<FileStamp, SaveError> {
    save(path, project, None)
}

/// Saves like [`save_project`], but only if the file on disk is still the one that was read
/// (`read`): a command that loads, changes and saves a project must not drop what another
/// program or window saved in between.
pub fn save_project_unless_changed(
    path: &Path,
    project: &Project,
    read: FileStamp,
) -> Result<FileStamp, SaveError> {
    save(path, project, Some(read))
}

/// [`save_project_unless_changed`] for a project already turned into its canonical text by
/// [`to_ron_string`], as `continuum format` does to see whether the file would change: turning
/// a large project into text is a third of the work of formatting it, so it is done once.
pub fn save_canonical_unless_changed(
    path: &Path,
    canonical: &str,
    read: FileStamp,
) -> Result<FileStamp, SaveError> {
    save_text_within(path, canonical, Some(read), MAX_PROJECT_BYTES)
}

fn save(path: &Path, project: &Project, read: Option<FileStamp>) -> Result<FileStamp, SaveError> {
    save_within(path, project, read, MAX_PROJECT_BYTES)
}

/// [`save`] with the size limit as a parameter, so tests can reach it without half a gigabyte.
fn save_within(
    path: &Path,
    project: &Project,
    read: Option<FileStamp>,
    limit: u64,
) -> Result<FileStamp, SaveError> {
    save_text_within(path, &to_ron_string(project), read, limit)
}

/// Writes a project's canonical `text` (see [`save_within`]).
fn save_text_within(
    path: &Path,
    text: &str,
    read: Option<FileStamp>,
    limit: u64,
) -> Result<FileStamp, SaveError> {
    let existed = path.is_file();
    let failed = |source| SaveError {
        path: path.to_path_buf(),
        source,
        existed,
    };
    if text.len() as u64 > limit {
        return Err(failed(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "the project would be {}, more than a project file can be ({}), and could not be \
                 opened again; nothing was written. Remove transcripts, or split the study into \
                 several projects",
                format_mib(text.len() as u64),
                format_mib(limit)
            ),
        )));
    }
    if let Some(read) = read
        && file_stamp(path).map_err(failed)? != Some(read)
    {
        return Err(failed(io::Error::other(
            "it changed on disk since it was read (another program or window saved it), \
             and saving now would drop those changes; nothing was written. Run the command again",
        )));
    }
    super::replace_keeping_backups(path, text.as_bytes()).map_err(failed)?;
    Ok(FileStamp::of(text.as_bytes()))
}

/// About how many bytes a transcript of `text` with `turns` adds to a saved project: the text
/// (quotes and backslashes escaped) and each turn's few lines. Used to refuse an import up front
/// that would take a project past [`MAX_PROJECT_BYTES`]; saving checks the exact size again.
pub fn estimated_saved_bytes(text: &str, turns: &[crate::model::Turn]) -> u64 {
    let escapes = text.bytes().filter(|b| matches!(b, b'"' | b'\\')).count();
    // A turn is five indented lines of up to 20-digit numbers and the speaker's name, escaped.
    let turn_bytes: usize = turns.iter().map(|t| 192 + 2 * t.speaker.len()).sum();
    (text.len() + escapes + turn_bytes + 1024) as u64
}

/// Whether the file at `path` (after links) exists and has no write permission for anyone: the
/// user (or a colleague) marked it read-only, so it is not rewritten without asking.
pub fn is_read_only(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().readonly())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The version is judged after the project is read in one pass (issue 16: reading the
    /// version first was a second whole parse). A file that reads as a project but gives version
    /// 0 or a newer version is refused just as before, and a file that does not read gets the
    /// probe's answer: a newer version, no project, or its first syntax error.
    #[test]
    fn the_version_is_judged_whether_or_not_the_rest_reads() {
        let text = to_ron_string(&Project::new("p"));
        let with_version = |v: &str| text.replacen("format_version: 1,", v, 1);
        let newer = parse_project(&with_version("format_version: 2,")).unwrap_err();
        assert!(
            matches!(newer, LoadError::NewerVersion { found: 2, .. }),
            "{newer}"
        );
        let zero = parse_project(&with_version("format_version: 0,")).unwrap_err();
        assert!(matches!(zero, LoadError::NotAProject { .. }), "{zero}");
        let unreadable = with_version("format_version: 3,\n  title: 5,");
        let newer = parse_project(&unreadable).unwrap_err();
        assert!(
            matches!(newer, LoadError::NewerVersion { found: 3, .. }),
            "{newer}"
        );
        let broken = parse_project(&with_version("format_version: 3, ]")).unwrap_err();
        assert!(
            matches!(broken, LoadError::Syntax { line: 2, .. }),
            "{broken}"
        );
        let mistyped = parse_project(&text.replacen("title: \"p\"", "title: 5", 1)).unwrap_err();
        assert!(
            matches!(mistyped, LoadError::Syntax { line: 3, .. }),
            "{mistyped}"
        );
    }

    /// Regression (edges issue, item 3): three imports made a 786 MB project that `check` then
    /// refused to open. Saving never writes what loading would refuse.
    #[test]
    fn a_project_larger_than_a_file_can_be_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.continuum");
        let project = crate::io::parse_project(crate::SAMPLE_PROJECT).unwrap();
        save_project(&path, &Project::new("small")).unwrap();
        let before = std::fs::read(&path).unwrap();
        let size = to_ron_string(&project).len() as u64;
        let error = save_within(&path, &project, None, size - 1).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("more than a project file can be"),
            "{message}"
        );
        assert!(message.contains("nothing was written"), "{message}");
        assert!(
            message.contains("The file on disk is unchanged"),
            "{message}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(
            !crate::io::backup_path(&path).exists(),
            "not even a backup moved"
        );
        save_within(&path, &project, None, size).unwrap();
    }
}
