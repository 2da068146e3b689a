//! `new`, `check` and `format`: making, checking and rewriting a project file, refusing what would
//! lose work, and never leaving half a file.

use crate::support::{continuum, sample_path, text};
use std::process::Command;

#[test]
fn new_then_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("study.continuum");
    let out = continuum(&[
        "new".as_ref(),
        path.as_os_str(),
        "--title".as_ref(),
        "Min undersøgelse".as_ref(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = continuum(&["check".as_ref(), path.as_os_str()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("valid (format version 1)"), "{stdout}");
    assert!(stdout.contains("title: Min undersøgelse"), "{stdout}");
    assert!(stdout.contains("transcripts: 0"), "{stdout}");
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("study.continuum");
    std::fs::write(&path, "precious").unwrap();
    let out = continuum(&["new".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("already exists; use --force"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious");
    let out = continuum(&["new".as_ref(), path.as_os_str(), "--force".as_ref()]);
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("format_version: 1")
    );
}

#[test]
fn check_summarises_the_sample() {
    let out = continuum(&["check".as_ref(), sample_path().as_os_str()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for expected in [
        "cases: 2 (Hjemmeplejen Vestbo, Dagcentret Lindely)",
        "participants: 6",
        "transcripts: 6",
        "excerpts: 41",
        "annotators: 2",
        "Anna Holm: 39 placements",
        "Jonas Berg: 41 placements",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in\n{stdout}"
        );
    }
}

#[test]
fn check_reports_a_broken_file_precisely_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.continuum");
    let good = std::fs::read_to_string(sample_path()).unwrap();
    std::fs::write(&path, good.replacen("position: 0.22,", "position: 2.2,", 1)).unwrap();
    let out = continuum(&["check".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("broken.continuum: invalid project: placement of excerpt e1 by annotator a1 “Anna Holm”, field `position`: 2.2 is outside 0..1"), "{stderr}");
}

#[test]
fn no_input_makes_check_panic() {
    let dir = tempfile::tempdir().unwrap();
    let inputs: Vec<Vec<u8>> = vec![
        vec![],
        vec![0; 1000],
        (0..=255u8).cycle().take(5000).collect(),
        b"(format_version: 18446744073709551616)".to_vec(),
        b"(format_version: 1, title: \"unterminated".to_vec(),
        "(format_version: 1, title: \"x\", continuum: (closeness_label: \"a\", distance_label: \"b\", anchors: [(name: \"x\", position: 1e308)]))".as_bytes().to_vec(),
    ];
    for (i, bytes) in inputs.iter().enumerate() {
        let path = dir.path().join(format!("input{i}.continuum"));
        std::fs::write(&path, bytes).unwrap();
        let out = continuum(&["check".as_ref(), path.as_os_str()]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "input {i}: {stderr}");
        assert!(!stderr.contains("panicked"), "input {i}: {stderr}");
        assert!(
            stderr.contains(&format!("input{i}.continuum")),
            "input {i}: {stderr}"
        );
    }
}

#[test]
fn usage_errors_exit_with_2() {
    let out = continuum(&["check".as_ref()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Usage"), "{}", text(&out.stderr));
}

#[test]
fn new_in_a_missing_folder_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder/study.continuum");
    let out = continuum(&["new".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("could not be saved: the folder")
            && stderr.contains("no-such-folder does not exist"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("unchanged"),
        "there was no file to leave unchanged: {stderr}"
    );
}

#[test]
fn format_rewrites_a_hand_edited_file_canonically() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hand.continuum");
    let project = continuum::io::load_project(&sample_path()).unwrap();
    // All on one line, as a hand edit or another tool might leave it.
    std::fs::write(&path, ron::ser::to_string(&project).unwrap()).unwrap();
    let out = continuum(&["format".as_ref(), path.as_os_str()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("rewritten in canonical form"));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(sample_path()).unwrap()
    );
    let again = continuum(&["format".as_ref(), path.as_os_str()]);
    assert!(text(&again.stdout).contains("already in canonical form"));
}

/// Kills `continuum format` at many moments while it rewrites a large file: every time, the file
/// is whole, either the old bytes or the new, and loads.
#[test]
fn a_kill_at_any_moment_leaves_the_old_or_the_new_file() {
    use crate::support::fixtures::transcript;
    use continuum::model::{Edit, Project};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.continuum");
    let mut project = Project::new("Big");
    let paragraph =
        "Vi kender borgerne, og de kender os; det er tæt på familie, men ikke helt. ".repeat(8);
    let text: Vec<String> = (0..2_000).map(|i| format!("{i} {paragraph}")).collect();
    project
        .apply(Edit::AddTranscript(transcript(1, "Big", text.join("\n"))))
        .unwrap();
    let old = ron::ser::to_string(&project).unwrap().into_bytes();
    let new = continuum::io::to_ron_string(&project).into_bytes();
    assert_ne!(old, new);
    // How long one whole run takes here, so the kills can be spread across it.
    std::fs::write(&path, &old).unwrap();
    let started = std::time::Instant::now();
    assert!(
        continuum(&["format".as_ref(), path.as_os_str()])
            .status
            .success()
    );
    let full_run = started.elapsed();
    let (mut saw_old, mut saw_new) = (0, 0);
    for round in 0..30u32 {
        std::fs::write(&path, &old).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_continuum"))
            .args(["format".as_ref(), path.as_os_str()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over the run, from at once to just after its usual end.
        std::thread::sleep(full_run * round / 27);
        let _ = child.kill();
        child.wait().unwrap();
        let now = std::fs::read(&path).unwrap();
        if now == old {
            saw_old += 1;
        } else if now == new {
            saw_new += 1;
        } else {
            panic!(
                "round {round}: the file is neither the old nor the new version ({} bytes)",
                now.len()
            );
        }
        assert_eq!(continuum::io::load_project(&path).unwrap(), project);
    }
    eprintln!(
        "kill test: one run takes {full_run:?}; {saw_old} kills left the old file, {saw_new} the new one"
    );
}
