//! Shared helpers for the integration tests: the sample project and small projects to start
//! from ([`fixtures`] builds their pieces), a recovery copy as a crashed window leaves it, and
//! driving the real window ([`gui`]).

pub mod fixtures;
pub mod gui;

use continuum::io;
use continuum::model::*;
use fixtures::{annotator, case, excerpt, participant, transcript};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects/care-settings.continuum")
}

/// A copy of the sample project in a fresh temporary folder, so tests can save over it.
pub fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("care-settings.continuum");
    std::fs::copy(sample_path(), &path).unwrap();
    (dir, path)
}

/// A file of `tests/fixtures/import`, made by a real tool.
pub fn import_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// A REFI-QDA exchange file of `tests/fixtures/refi-qda`, exported by NVivo, ATLAS.ti or
/// QualCoder.
pub fn qdpx_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/refi-qda")
        .join(name)
}

/// Writes `contents` to the file `name` in `dir` and returns its path.
pub fn write_file(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

/// Saves `project` as the file `name` in a fresh temporary folder, which goes when the returned
/// `TempDir` is dropped.
pub fn saved_in_temp(name: &str, project: &Project) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    io::save_project(&path, project).unwrap();
    (dir, path)
}

/// A file `name` in `dir` that says it is `len` bytes long but is sparse: it takes no disk
/// space, and a reader that checks sizes first refuses it before reading a byte.
pub fn sparse_file(dir: &Path, name: &str, len: u64) -> PathBuf {
    let path = dir.join(name);
    std::fs::File::create(&path).unwrap().set_len(len).unwrap();
    path
}

/// A link called `name` in `dir` to `/dev/zero`, an endless file.
#[cfg(unix)]
pub fn link_to_dev_zero(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    path
}

/// Runs the `continuum` binary with `args` and waits for it.
pub fn continuum(args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_continuum"))
        .args(args)
        .output()
        .unwrap()
}

/// A process's output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A small valid project: one transcript, one excerpt, one placement.
pub fn small_project() -> Project {
    let mut p = Project::new("Small");
    p.apply(Edit::AddCase(case(1, "Vestbo"))).unwrap();
    p.apply(Edit::AddParticipant(participant(
        1,
        "Åse Ørnbøl",
        "citizen",
        Some(1),
    )))
    .unwrap();
    p.apply(Edit::AddTranscript(Transcript {
        participant: Some(ParticipantId(1)),
        case: Some(CaseId(1)),
        turns: vec![Turn {
            start: 0,
            end: 24,
            speaker: "Åse".into(),
            time_ms: None,
        }],
        ..transcript(1, "Åse", "Hun kalder mig sin pige.")
    }))
    .unwrap();
    p.apply(Edit::AddExcerpt(excerpt(1, 1, 11, 23))).unwrap();
    p.apply(Edit::AddAnnotator(annotator(1, "Anna", Colour::PALETTE[0])))
        .unwrap();
    p.apply(Edit::place(
        &p,
        AnnotatorId(1),
        ExcerptId(1),
        0.1,
        Timestamp(1_760_000_000),
    ))
    .unwrap();
    p
}

/// Above the largest process id Linux hands out (2^22), so no running process has it.
const DEAD_PID: u32 = 4_194_304 + 1;

/// Writes a recovery copy of `project` into `folder` as a window that crashed would have left it
/// (the format in docs/project-format.md, "Recovery copies"): written by a process that is no
/// longer running, for the project file `original` if it had one. Returns the copy's path.
pub fn write_leftover(
    folder: &Path,
    project: &Project,
    original: Option<&Path>,
    written: Timestamp,
) -> PathBuf {
    std::fs::create_dir_all(folder).unwrap();
    let path = folder.join(format!("session-{DEAD_PID}.continuum-recovery"));
    let original = match original {
        // RON strings escape like Rust's.
        Some(file) => format!("Some({:?})", file.to_str().unwrap()),
        None => "None".to_owned(),
    };
    let text = format!(
        "(\n  recovery_version: 1,\n  pid: {DEAD_PID},\n  original_path: {original},\n  \
         written: \"{written}\",\n  project: {},\n)\n",
        io::to_ron_string(project).trim_end()
    );
    std::fs::write(&path, text).unwrap();
    path
}
