//! The command line, run as a real process.

use crate::support::{continuum, import_fixture, sample_path, text, write_file};
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

#[test]
fn import_reports_each_file_keeps_the_good_ones_and_fails_on_the_bad() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("study.continuum");
    assert!(
        continuum(&["new".as_ref(), project.as_os_str()])
            .status
            .success()
    );
    let out = continuum(&[
        "import".as_ref(),
        project.as_os_str(),
        import_fixture("libreoffice.docx").as_os_str(),
        import_fixture("windows-1252.txt").as_os_str(),
        import_fixture("not-a-zip.docx").as_os_str(),
        "--case".as_ref(),
        "Dagcentret Lindely".as_ref(),
        "--role".as_ref(),
        "staff".as_ref(),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "one file failed: {stderr}");
    assert!(stderr.contains("libreoffice.docx: Word document (.docx), UTF-8, 46 words, 6 turns, speakers: Interviewer, Søren"), "{stderr}");
    assert!(stderr.contains("windows-1252.txt: plain text, windows-1252 (guessed: not UTF-8; high confidence, 100% of accented words read as words), 28 words, 4 turns, speakers: Interviewer, Louise"), "{stderr}");
    assert!(
        stderr.contains(
            "not-a-zip.docx: not imported: it is damaged: a .docx or .odt file is a zip archive"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("imported 2 of 3 files"), "{stderr}");

    let saved = continuum::io::load_project(&project).unwrap();
    assert_eq!(saved.cases.len(), 1);
    assert_eq!(saved.cases[0].name, "Dagcentret Lindely");
    let people: Vec<_> = saved
        .participants
        .iter()
        .map(|p| (p.name.as_str(), p.role.as_str()))
        .collect();
    assert_eq!(people, [("Søren", "staff"), ("Louise", "staff")]);
    assert!(
        saved
            .transcripts
            .iter()
            .all(|t| t.case == Some(saved.cases[0].id))
    );

    let out = continuum(&[
        "transcript".as_ref(),
        project.as_os_str(),
        "windows-1252".as_ref(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "Hvad tænker du om “professionel distance”?\nDen er ikke kold – den er en form for respekt.\nOgså over for Poul?\nIsær over for ham… han er ensom."
    );
}

#[test]
fn transcript_names_the_choices_when_the_name_is_wrong() {
    let out = continuum(&[
        "transcript".as_ref(),
        sample_path().as_os_str(),
        "Nobody".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("has no transcript called “Nobody”; it has “Birgitte Ravn, manager”"),
        "{stderr}"
    );
}

#[test]
fn export_csv_writes_one_rfc4180_row_per_placement() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("placements.csv");
    let out = continuum(&[
        "export-csv".as_ref(),
        sample_path().as_os_str(),
        "--out".as_ref(),
        out_path.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        format!("wrote 80 placements to {}", out_path.display())
    );
    let table = std::fs::read_to_string(&out_path).unwrap();
    let mut reader = csv::Reader::from_reader(table.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        continuum::io::COLUMNS
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 80);
    // Quotes with commas survive the round trip intact.
    assert_eq!(
        &rows[0][10],
        "we are not strangers walking in with a key box any more, we are part of her week"
    );
    assert_eq!(
        (&rows[0][0], &rows[0][3], &rows[0][8], &rows[0][9]),
        ("Anna Holm", "Hjemmeplejen Vestbo", "0.22", "Friend")
    );
    assert!(table.contains("\r\n"), "RFC 4180 line ends");
    // The excerpt's label and codes close each row.
    let by_label = |label: &str| rows.iter().find(|r| &r[12] == label).unwrap();
    assert_eq!(
        &by_label("Frikadeller together")[13],
        "reciprocity; co-production"
    );
    assert_eq!(&by_label("Part of her week")[13], "");
}

#[test]
fn agreement_from_a_project_and_from_its_exported_table_agree() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("placements.csv");
    continuum(&[
        "export-csv".as_ref(),
        sample_path().as_os_str(),
        "--out".as_ref(),
        csv_path.as_os_str(),
    ]);
    let from_project = continuum(&[
        "agreement".as_ref(),
        sample_path().as_os_str(),
        "--by".as_ref(),
        "case".as_ref(),
    ]);
    let from_table = continuum(&[
        "agreement".as_ref(),
        csv_path.as_os_str(),
        "--by".as_ref(),
        "case".as_ref(),
    ]);
    assert!(
        from_project.status.success(),
        "{}",
        text(&from_project.stderr)
    );
    assert_eq!(text(&from_project.stdout), text(&from_table.stdout));
    let report = text(&from_project.stdout);
    assert!(
        report.contains("all: α = 0.972 (39 units, 78 pairable values)"),
        "{report}"
    );
    assert!(
        report.contains("Dagcentret Lindely: α = 0.840 (18 units, 36 pairable values)"),
        "{report}"
    );
    assert!(
        report.contains("Anna Holm – Jonas Berg: α = 0.972"),
        "{report}"
    );

    let json = continuum(&[
        "agreement".as_ref(),
        sample_path().as_os_str(),
        "--metric".as_ref(),
        "nominal".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["metric"], "nominal");
    assert_eq!(value["overall"]["units"], 39);
}

#[test]
fn agreement_on_a_bad_table_names_the_line_and_on_one_annotator_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write_file(
        dir.path(),
        "bad.csv",
        "annotator,excerpt,position\nAnna,e1,0.2\nJonas,e1,far\n",
    );
    let out = continuum(&["agreement".as_ref(), bad.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("bad.csv: line 3: the position “far” is not a finite number"),
        "{}",
        text(&out.stderr)
    );

    let alone = dir.path().join("alone.csv");
    std::fs::write(
        &alone,
        "annotator,excerpt,position\nAnna,e1,0.2\nAnna,e2,0.7\n",
    )
    .unwrap();
    let out = continuum(&["agreement".as_ref(), alone.as_os_str()]);
    assert!(out.status.success());
    assert!(
        text(&out.stdout)
            .contains("all: undefined: it needs at least one excerpt placed by two annotators"),
        "{}",
        text(&out.stdout)
    );
}

/// Two people code the sample independently in separate files; merging loses no placement, and a
/// disagreement in one file is reported and kept.
#[test]
fn merge_brings_in_a_coauthors_layers_and_keeps_both_sides_of_a_conflict() {
    use continuum::model::{AnnotatorId, Edit, ExcerptId, Project, Timestamp};
    let dir = tempfile::tempdir().unwrap();
    let sample = continuum::io::load_project(&sample_path()).unwrap();
    // Anna's copy: only her layer. Jonas's copy: only his, with one placement moved.
    let only = |keep: u32| {
        let mut p: Project = sample.clone();
        p.annotators.retain(|a| a.id == AnnotatorId(keep));
        p
    };
    let anna = only(1);
    let mut jonas = only(2);
    jonas
        .apply(Edit::place(
            &jonas,
            AnnotatorId(2),
            ExcerptId(1),
            0.9,
            Timestamp(7),
        ))
        .unwrap();
    let (anna_path, jonas_path) = (
        dir.path().join("anna.continuum"),
        dir.path().join("jonas.continuum"),
    );
    continuum::io::save_project(&anna_path, &anna).unwrap();
    continuum::io::save_project(&jonas_path, &jonas).unwrap();

    let merged_path = dir.path().join("merged.continuum");
    let out = continuum(&[
        "merge".as_ref(),
        anna_path.as_os_str(),
        jonas_path.as_os_str(),
        "--out".as_ref(),
        merged_path.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains(
            "41 new placements, 0 already here, 0 new excerpts, 0 excerpts with new codes, new annotators: Jonas Berg"
        ),
        "{}",
        text(&out.stdout)
    );
    let merged = continuum::io::load_project(&merged_path).unwrap();
    assert_eq!(
        merged
            .annotators
            .iter()
            .map(|a| a.placements.len())
            .sum::<usize>(),
        80
    );

    // Merging the original Jonas layer into the merged file: one conflict, both kept.
    let sample_path_copy = dir.path().join("original.continuum");
    continuum::io::save_project(&sample_path_copy, &sample).unwrap();
    let again = dir.path().join("again.continuum");
    let out = continuum(&[
        "merge".as_ref(),
        merged_path.as_os_str(),
        sample_path_copy.as_os_str(),
        "--out".as_ref(),
        again.as_os_str(),
    ]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("conflict: Jonas Berg placed excerpt e1 “Part of her week” at 0.9 here and 0.3 in original.continuum; kept both"), "{stdout}");
    let both = continuum::io::load_project(&again).unwrap();
    assert_eq!(
        both.placement(AnnotatorId(2), ExcerptId(1))
            .unwrap()
            .position,
        0.9
    );
    assert!(
        both.annotators
            .iter()
            .any(|a| a.name == "Jonas Berg (from original.continuum)" && a.placements.len() == 1)
    );

    let preferred = dir.path().join("theirs.continuum");
    continuum(&[
        "merge".as_ref(),
        merged_path.as_os_str(),
        sample_path_copy.as_os_str(),
        "--out".as_ref(),
        preferred.as_os_str(),
        "--prefer".as_ref(),
        "theirs".as_ref(),
    ]);
    let theirs = continuum::io::load_project(&preferred).unwrap();
    assert_eq!(
        theirs
            .placement(AnnotatorId(2), ExcerptId(1))
            .unwrap()
            .position,
        0.3
    );
    assert_eq!(theirs.annotators.len(), 2);
}

#[test]
fn export_map_writes_valid_svg_with_real_text_and_a_png_of_the_right_size() {
    let dir = tempfile::tempdir().unwrap();
    let svg_path = dir.path().join("map.svg");
    let out = continuum(&[
        "export-map".as_ref(),
        sample_path().as_os_str(),
        "--out".as_ref(),
        svg_path.as_os_str(),
        "--title".as_ref(),
        "Closeness & distance".as_ref(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("80 markers in 2 lanes"),
        "{}",
        text(&out.stdout)
    );
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    // Well-formed XML, every marker a circle (plus two legend dots), text as text.
    let mut reader = quick_xml::Reader::from_str(&svg);
    let (mut circles, mut texts) = (0, Vec::new());
    let mut in_text = false;
    loop {
        match reader.read_event().expect("well-formed SVG") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Empty(e) if e.local_name().as_ref() == b"circle" => {
                circles += 1
            }
            quick_xml::events::Event::Start(e) if e.local_name().as_ref() == b"text" => {
                in_text = true
            }
            quick_xml::events::Event::End(e) if e.local_name().as_ref() == b"text" => {
                in_text = false
            }
            quick_xml::events::Event::Text(t) if in_text => {
                texts.push(t.decode().unwrap().into_owned())
            }
            quick_xml::events::Event::GeneralRef(r) if in_text => texts
                .last_mut()
                .unwrap()
                .push_str(&format!("&{};", r.decode().unwrap())),
            _ => {}
        }
    }
    assert_eq!(circles, 82);
    for expected in [
        "Family",
        "Friend",
        "Professional",
        "Stranger",
        "Hjemmeplejen Vestbo",
        "Anna Holm",
        "Part of her week",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected} missing from {texts:?}"
        );
    }
    assert!(
        svg.contains(r#"font-family="Ubuntu, Arial, Helvetica, 'Liberation Sans', sans-serif""#)
    );
    assert!(svg.contains("Closeness &amp; distance"));

    let png_path = dir.path().join("map.png");
    let out = continuum(&[
        "export-map".as_ref(),
        sample_path().as_os_str(),
        "--out".as_ref(),
        png_path.as_os_str(),
        "--width".as_ref(),
        "252".as_ref(),
        "--scale".as_ref(),
        "4".as_ref(),
        "--no-labels".as_ref(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let decoder = png::Decoder::new(std::io::Cursor::new(std::fs::read(&png_path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let (w, h) = (reader.info().width, reader.info().height);
    assert_eq!(w, 1050, "252 pt (3.5 in, a journal column) at 300 dpi");
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut pixels).unwrap();
    let channels = pixels.len() / (w as usize * h as usize);
    // A white corner, and the ink of the axis somewhere.
    assert_eq!(&pixels[..3], &[255, 255, 255]);
    let dark = pixels
        .chunks(channels)
        .filter(|p| p[0] < 80 && p[1] < 80 && p[2] < 80)
        .count();
    assert!(dark > 500, "only {dark} dark pixels");

    let bad = continuum(&[
        "export-map".as_ref(),
        sample_path().as_os_str(),
        "--out".as_ref(),
        dir.path().join("map.pdf").as_os_str(),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("must be .svg or .png"));
}

#[test]
fn export_map_filters_and_colours_by_case_and_names_what_it_cannot_find() {
    let dir = tempfile::tempdir().unwrap();
    let svg_path = dir.path().join("citizens.svg");
    let arg = |s: &str| std::ffi::OsString::from(s);
    let run = |extra: &[&str]| {
        let mut args = vec![
            arg("export-map"),
            sample_path().into_os_string(),
            arg("--out"),
            svg_path.clone().into_os_string(),
        ];
        args.extend(extra.iter().map(|s| arg(s)));
        let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        continuum(&refs)
    };
    let out = run(&[
        "--role",
        "citizen",
        "--case",
        "hjemmeplejen vestbo",
        "--colour-by",
        "case",
        "--no-zones",
        "--connect",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Ingrid Dahl is Vestbo's one citizen; her 7 excerpts are placed by both annotators.
    assert!(
        text(&out.stdout).contains("14 markers in 1 lane"),
        "{}",
        text(&out.stdout)
    );
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.contains(">Hjemmeplejen Vestbo</text>"));
    assert!(!svg.contains(">Anna Holm</text>"), "the legend names cases");
    assert!(!svg.contains("#f2f2f2"), "no zones were asked for");
    assert_eq!(
        svg.matches(r##"stroke="#aaaaaa""##).count(),
        7,
        "each of Ingrid Dahl's 7 excerpts joins its two annotators' markers"
    );

    for (extra, message) in [
        (
            &["--case", "Nowhere"][..],
            "there is no case called “Nowhere”; there are: Hjemmeplejen Vestbo, Dagcentret Lindely",
        ),
        (
            &["--role", "nurse"],
            "no participant has the role “nurse”; the roles are: citizen, manager, staff",
        ),
        (
            &["--code", "loneliness"],
            "no excerpt has the code “loneliness”; the codes are: co-production, death and farewell, display rules, kin terms, reciprocity",
        ),
    ] {
        let out = run(extra);
        assert_eq!(out.status.code(), Some(1), "{extra:?}");
        assert!(text(&out.stderr).contains(message), "{}", text(&out.stderr));
    }
}
