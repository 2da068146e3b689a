//! Never lose work at the edges (issue 11): failed saves, same-path writes, two writers, links,
//! permissions, devices and pipes, figures too large to render, formulas in tables. Each test is
//! named after what went wrong before.

use crate::support::fixtures::{excerpt, transcript};
use crate::support::{continuum, link_to_dev_zero, sample_copy, sample_path, small_project, text};
use continuum::io;
use continuum::model::*;
use std::path::Path;
use std::process::{Command, Output};

fn stderr(out: &Output) -> String {
    text(&out.stderr)
}

/// Regression: on a nearly full disk, two failed `format` runs each said "the file on disk is
/// unchanged" but two of the three backups were gone: the backups rotated before the new file was
/// written. Here the file-size limit of the process (`ulimit -f`) plays the full disk: the new,
/// canonical file fits under it, the copy of the old, padded one for the backup does not.
#[test]
fn a_failed_save_keeps_every_backup() {
    let (dir, path) = sample_copy();
    let canonical = std::fs::read(&path).unwrap();
    let mut padded = canonical.clone();
    padded.extend(std::iter::repeat_n(b'\n', 1_000_000));
    std::fs::write(&path, &padded).unwrap();
    let backups = io::backup_paths(&path);
    for (n, backup) in backups.iter().enumerate() {
        std::fs::write(backup, format!("backup {n}")).unwrap();
    }
    for _ in 0..2 {
        // 400 KiB: room for the 70 KB canonical file, not for a copy of the 1 MB padded one.
        // SIGXFSZ is ignored so that the write fails with an error instead of killing the process.
        let out = Command::new("bash")
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 400; exec \"$0\" format \"$1\"")
            .arg(env!("CARGO_BIN_EXE_continuum"))
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("The file on disk is unchanged"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&path).unwrap(), padded);
        for (n, backup) in backups.iter().enumerate() {
            assert_eq!(
                std::fs::read_to_string(backup).unwrap(),
                format!("backup {n}"),
                "{} after a failed save",
                backup.display()
            );
        }
    }
    // No temporary file is left behind either.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

/// Regression: `export-csv P --out P` replaced the project with a table, exit 0, no backup.
#[test]
fn no_command_writes_over_the_project_it_reads_or_any_other_project() {
    let (dir, path) = sample_copy();
    let original = std::fs::read(&path).unwrap();
    let other = dir.path().join("other.continuum");
    std::fs::write(&other, &original).unwrap();
    // The same file under another name.
    let alias = dir.path().join("sub/../care-settings.continuum");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let tries: Vec<(Vec<&std::ffi::OsStr>, &str)> = vec![
        (
            vec![
                "export-csv".as_ref(),
                path.as_os_str(),
                "--out".as_ref(),
                path.as_os_str(),
            ],
            "is the project this command reads",
        ),
        (
            vec![
                "export-csv".as_ref(),
                path.as_os_str(),
                "--out".as_ref(),
                alias.as_os_str(),
            ],
            "is the project this command reads",
        ),
        (
            vec![
                "export-csv".as_ref(),
                path.as_os_str(),
                "--out".as_ref(),
                other.as_os_str(),
            ],
            "is a Continuum project",
        ),
        (
            vec![
                "export-map".as_ref(),
                path.as_os_str(),
                "--out".as_ref(),
                path.as_os_str(),
            ],
            "is the project this command reads",
        ),
        (
            vec![
                "export-map".as_ref(),
                path.as_os_str(),
                "--out".as_ref(),
                other.as_os_str(),
            ],
            "is a Continuum project",
        ),
        (
            vec![
                "merge".as_ref(),
                path.as_os_str(),
                other.as_os_str(),
                "--out".as_ref(),
                other.as_os_str(),
            ],
            "is the project this command reads",
        ),
    ];
    for (args, expected) in tries {
        let out = continuum(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains("Nothing was written"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&path).unwrap(), original, "{args:?}");
        assert_eq!(std::fs::read(&other).unwrap(), original, "{args:?}");
    }
    // Merging into a third, existing project needs --force; into the project itself is its target.
    let third = dir.path().join("third.continuum");
    io::save_project(&third, &small_project()).unwrap();
    let third_bytes = std::fs::read(&third).unwrap();
    let merge_into = |out: &Path, force: bool| {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "merge".as_ref(),
            path.as_os_str(),
            other.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ];
        if force {
            args.push("--force".as_ref());
        }
        continuum(&args)
    };
    let out = merge_into(&third, false);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is another Continuum project"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&third).unwrap(), third_bytes);
    assert!(merge_into(&third, true).status.success());
    assert!(merge_into(&path, false).status.success(), "into itself");
    // A table over a file that is not a project is fine.
    let table = dir.path().join("table.csv");
    std::fs::write(&table, "old table").unwrap();
    let out = continuum(&[
        "export-csv".as_ref(),
        path.as_os_str(),
        "--out".as_ref(),
        table.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Regression: while a slow import was saving, a second one added a transcript, and the first
/// save dropped it. Every command that loads, changes and saves checks the file first.
#[test]
fn a_save_does_not_drop_what_another_writer_saved_in_between() {
    let (_dir, path) = sample_copy();
    let (mut project, read) = io::load_project_stamped(&path).unwrap();
    // Another program saves first.
    let mut theirs = project.clone();
    theirs.apply(Edit::SetTitle("Their title".into())).unwrap();
    io::save_project(&path, &theirs).unwrap();
    project.apply(Edit::SetTitle("Our title".into())).unwrap();

    let error = io::save_project_unless_changed(&path, &project, read).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("changed on disk since it was read"),
        "{message}"
    );
    assert!(
        message.contains("The file on disk is unchanged"),
        "{message}"
    );
    assert_eq!(io::load_project(&path).unwrap().title, "Their title");
    // With the stamp of what is there now, it saves.
    let (_, now) = io::load_project_stamped(&path).unwrap();
    io::save_project_unless_changed(&path, &project, now).unwrap();
    assert_eq!(io::load_project(&path).unwrap().title, "Our title");
}

/// Regression: a read-only (0444) project was silently rewritten by `format` and `import`.
#[cfg(unix)]
#[test]
fn a_read_only_project_is_rewritten_only_with_force_and_stays_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("frozen.continuum");
    let project = io::load_project(&sample_path()).unwrap();
    std::fs::write(&path, ron::ser::to_string(&project).unwrap()).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();

    let out = continuum(&["format".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is marked read-only; nothing was written"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);

    let out = continuum(&["format".as_ref(), path.as_os_str(), "--force".as_ref()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(sample_path()).unwrap()
    );
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444, "it stays read-only");
}

/// Regression: `check /dev/zero` and `/dev/urandom` read until memory ran out, a link to
/// `/dev/zero` too, and checking a named pipe blocked forever.
#[cfg(unix)]
#[test]
fn devices_links_to_them_and_pipes_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let link = link_to_dev_zero(dir.path(), "zero.continuum");
    let fifo = dir.path().join("pipe.continuum");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for path in [
        Path::new("/dev/zero"),
        Path::new("/dev/urandom"),
        &link,
        &fifo,
    ] {
        // A safety net, not a speed limit: if the pipe ever blocks again, fail instead of hanging.
        let mut child = Command::new(env!("CARGO_BIN_EXE_continuum"))
            .args(["check".as_ref(), path.as_os_str()])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut waited = 0;
        while child.try_wait().unwrap().is_none() {
            waited += 1;
            if waited > 600 {
                let _ = child.kill();
                panic!("check {} never returned", path.display());
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", path.display());
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}: {}",
            path.display(),
            stderr(&out)
        );
    }
}

/// Regression: a PNG of 20,000 markers in one lane asked for 9 GB and aborted; 100,000
/// placements made a 1125×1,800,006 px image in 613 s. A crowded lane is now drawn as a density
/// strip, so that figure is of ordinary size; and a figure still too large (thousands of lanes)
/// is refused against its pixel budget, saying what to narrow.
#[test]
fn a_figure_too_large_to_render_is_refused_with_what_to_narrow() {
    let dir = tempfile::tempdir().unwrap();
    let export = |path: &std::path::Path, png: &std::path::Path, extra: &[&str]| {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "export-map".as_ref(),
            path.as_os_str(),
            "--out".as_ref(),
            png.as_os_str(),
        ];
        args.extend(extra.iter().map(std::ffi::OsStr::new));
        continuum(&args)
    };
    // 20,000 placements in one lane: a strip, a PNG of ordinary size.
    let crowded = dir.path().join("crowded.continuum");
    let mut project = small_project();
    let text = "ord ".repeat(20_000);
    project
        .apply(Edit::AddTranscript(Transcript {
            participant: Some(ParticipantId(1)),
            case: Some(CaseId(1)),
            ..transcript(2, "Long", text)
        }))
        .unwrap();
    for i in 0..20_000u32 {
        let id = ExcerptId(10 + i);
        project
            .apply(Edit::AddExcerpt(excerpt(
                id.0,
                2,
                (i * 4) as usize,
                (i * 4 + 3) as usize,
            )))
            .unwrap();
        let edit = Edit::place(&project, AnnotatorId(1), id, 0.5, Timestamp(1));
        project.apply(edit).unwrap();
    }
    io::save_project(&crowded, &project).unwrap();
    let png = dir.path().join("map.png");
    let out = export(&crowded, &png, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::metadata(&png).unwrap().len() < 2_000_000);

    // 3,000 transcripts, each a lane of its own: past the pixel budget, refused.
    let many = dir.path().join("many.continuum");
    let mut project = small_project();
    for t in 0..3_000u32 {
        let id = 10 + t;
        project
            .apply(Edit::AddTranscript(transcript(
                id,
                &format!("T{t}"),
                "ord ord",
            )))
            .unwrap();
        project
            .apply(Edit::AddExcerpt(excerpt(id, id, 0, 3)))
            .unwrap();
        let edit = Edit::place(&project, AnnotatorId(1), ExcerptId(id), 0.5, Timestamp(1));
        project.apply(edit).unwrap();
    }
    io::save_project(&many, &project).unwrap();
    let png = dir.path().join("lanes.png");
    let out = export(&many, &png, &["--group-by", "transcript"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("larger than a figure can be (100 million)"),
        "{message}"
    );
    assert!(message.contains("narrow the map"), "{message}");
    assert!(!png.exists());
    // Narrowed to what fits, the same project exports.
    let out = export(&many, &png, &["--group-by", "case"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Regression: `export-csv` wrote fields starting with `=`, `+`, `-` or `@` unchanged, so an
/// annotator called `=cmd|' /C calc'!A0` went straight into a spreadsheet as a formula.
#[test]
fn table_fields_a_spreadsheet_would_run_are_neutralised_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.continuum");
    let mut project = small_project();
    project
        .apply(Edit::SetAnnotator {
            id: AnnotatorId(1),
            name: "=cmd|' /C calc'!A0".into(),
            colour: Colour::PALETTE[0],
        })
        .unwrap();
    io::save_project(&path, &project).unwrap();
    let csv = dir.path().join("t.csv");
    let read_rows = |extra: &[&str]| {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "export-csv".as_ref(),
            path.as_os_str(),
            "--out".as_ref(),
            csv.as_os_str(),
        ];
        args.extend(extra.iter().map(std::ffi::OsStr::new));
        let out = continuum(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let mut reader = csv::Reader::from_path(&csv).unwrap();
        reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    let rows = read_rows(&[]);
    assert_eq!(rows[0][0], "'=cmd|' /C calc'!A0");
    assert_eq!(rows[0][8], "0.1", "numbers are never changed");
    let rows = read_rows(&["--keep-formulas"]);
    assert_eq!(rows[0][0], "=cmd|' /C calc'!A0");
    assert_eq!(io::neutralise_formula("-0.5"), "-0.5");
    assert_eq!(io::neutralise_formula("-- a dash"), "'-- a dash");
    assert_eq!(io::neutralise_formula("@home"), "'@home");
}

/// Saving never writes a project that loading would refuse; the estimate an import is refused
/// by up front is never below what the transcript really adds.
#[test]
fn the_size_an_import_adds_is_never_underestimated() {
    let project = small_project();
    let before = io::to_ron_string(&project).len() as u64;
    let texts = [
        "plain words ".repeat(1000),
        "\"quoted\" and back\\slashes\n".repeat(500),
        "Åse: æøå 𝄞\n".repeat(300),
    ];
    for (i, text) in texts.iter().enumerate() {
        let turns: Vec<Turn> = (0..50)
            .map(|n| Turn {
                start: n,
                end: n + 1,
                speaker: format!("Speaker {n}"),
                time_ms: Some(1000 * n as u64),
            })
            .collect();
        let mut with = project.clone();
        with.apply(Edit::AddTranscript(Transcript {
            turns: turns.clone(),
            ..transcript(50 + i as u32, "Interview", text.clone())
        }))
        .unwrap();
        let added = io::to_ron_string(&with).len() as u64 - before;
        let estimate = io::estimated_saved_bytes(text, &turns);
        assert!(
            estimate >= added,
            "text {i}: estimated {estimate}, added {added}"
        );
    }
}
