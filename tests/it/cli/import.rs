//! `import` and `transcript`: adding transcripts from files, reporting each, and printing one back.

use crate::support::{continuum, import_fixture, sample_path, text};

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
    // What was found goes to stdout, what was refused to stderr (a new user's trial: the
    // successes were printed as "error: …" when any file failed).
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "one file failed: {stderr}");
    assert!(stdout.contains("libreoffice.docx: Word document (.docx), UTF-8, 46 words, 6 turns, speakers: Interviewer, Søren"), "{stdout}");
    assert!(stdout.contains("windows-1252.txt: plain text, windows-1252 (guessed: not UTF-8; high confidence, 100% of accented words read as words), 28 words, 4 turns, speakers: Interviewer, Louise"), "{stdout}");
    assert!(stdout.contains("imported 2 of 3 files"), "{stdout}");
    assert!(!stdout.contains("not-a-zip"), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: ")
            && stderr.contains(
                "not-a-zip.docx: not imported: it is damaged: a .docx or .odt file is a zip archive"
            ),
        "{stderr}"
    );

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
