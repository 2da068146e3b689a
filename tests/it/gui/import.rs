//! Importing transcripts through the import dialog, and replacing a transcript's text.

use crate::support::gui::*;
use crate::support::*;
use continuum::io;
use continuum::model::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;
use tempfile::TempDir;

/// The app on an empty project, "Study", saved in a fresh folder, its import dialog answering
/// `files`.
fn empty_study_importing(files: Vec<PathBuf>) -> (TempDir, Window) {
    let (dir, path) = saved_in_temp("study.continuum", &Project::new("Study"));
    let harness = with_dialogs(Some(&path), FakeDialogs::importing(files));
    (dir, harness)
}

#[test]
fn importing_files_shows_what_was_found_files_them_under_a_case_and_is_one_undo_step() {
    let (_dir, mut harness) = empty_study_importing(vec![
        import_fixture("voice-tags.vtt"),
        import_fixture("libreoffice.odt"),
        import_fixture("random-bytes.txt"),
    ]);
    harness.shortcut(Modifiers::COMMAND, Key::I);
    // The files are read on a background thread.
    wait_for_texts(
        &mut harness,
        &[
            "random-bytes.txt will not be imported",
            "WebVTT subtitles",
            "OpenDocument text",
        ],
    );
    assert!(harness.shows_containing("random-bytes.txt will not be imported: it is not text"));
    assert!(harness.shows_containing("WebVTT subtitles · UTF-8"));
    assert!(harness.shows("Speaker “Poul Frederiksen” is"));
    harness.type_into("Case:", "Dagcentret Lindely");
    harness.click("Import 2 transcripts");

    let project = harness.state().project();
    assert_eq!(project.transcripts.len(), 2);
    assert_eq!(project.cases.len(), 1);
    assert!(
        project
            .transcripts
            .iter()
            .all(|t| t.case == Some(project.cases[0].id))
    );
    let people: Vec<_> = project
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(people, ["Poul Frederiksen", "Søren"]);
    assert_eq!(project.transcripts[0].turns[2].time_ms, Some(62_250));
    assert!(
        harness
            .state()
            .notices()
            .iter()
            .any(|n| n == "Imported 2 transcripts. Not imported: random-bytes.txt.")
    );

    harness.shortcut(Modifiers::COMMAND, Key::Z);
    assert!(
        harness.state().project().transcripts.is_empty(),
        "one undo takes the whole import back"
    );
    assert!(harness.state().project().participants.is_empty());
}

#[test]
fn replacing_a_transcript_text_reports_lost_excerpts_first_and_moves_the_rest() {
    let (dir, path) = sample_copy();
    let original = io::load_project(&path).unwrap();
    let birgitte = &original.transcripts[0];
    // The corrected transcript, as a transcriber would send it: "Name: text" lines, with a line
    // added at the top (so every excerpt moves), a word in one quoted sentence corrected (so it
    // is followed: a new user's trial lost it, with its placements) and another quoted sentence
    // rewritten (so it is lost).
    let mut corrected = String::from("Interviewer: (Recording starts.)\n");
    for turn in &birgitte.turns {
        let said = char_slice(&birgitte.text, turn.start, turn.end)
            .replace(
                "Closeness without the team around it",
                "Closeness without a team around it",
            )
            .replace(
                "it is not unprofessional to be fond of someone",
                "liking people is part of the job",
            );
        corrected.push_str(&format!("{}: {said}\n", turn.speaker));
    }
    let file = dir.path().join("birgitte-corrected.txt");
    std::fs::write(&file, corrected).unwrap();

    let mut harness = with_dialogs(Some(&path), FakeDialogs::importing(vec![file]));
    harness.menu("Project", "Replace text of transcript…");
    assert!(harness.shows_containing("6 of 7 excerpts were found in the new text"));
    assert!(harness.shows_containing("1 excerpt had words corrected and will quote the new ones"));
    assert!(harness.shows_containing("“Closeness without the team around it can become a burden"));
    assert!(
        harness.shows_containing("becomes “Closeness without a team around it can become a burden")
    );
    assert!(harness.shows_containing("“it is not unprofessional to be fond of someone”"));
    assert_eq!(
        harness.state().project(),
        &original,
        "nothing changes before the user agrees"
    );

    harness.click("Replace text");
    let project = harness.state().project();
    assert_eq!(project.excerpts.len(), original.excerpts.len() - 1);
    for excerpt in project
        .excerpts
        .iter()
        .filter(|e| e.transcript == birgitte.id)
    {
        let before = original.excerpt(excerpt.id).unwrap();
        let expected = original
            .quote(before)
            .replace("without the team", "without a team");
        assert_eq!(
            project.quote(excerpt),
            expected,
            "excerpt {} keeps its quote, corrected",
            excerpt.id
        );
        assert!(
            excerpt.start > before.start,
            "excerpt {} moved down",
            excerpt.id
        );
    }
    // The first excerpt comes before the reworded sentence: it moved by exactly the added line.
    let first = project.excerpt(ExcerptId(1)).unwrap();
    assert_eq!(
        first.start,
        original.excerpt(ExcerptId(1)).unwrap().start + 20
    );
    harness.shortcut(Modifiers::COMMAND, Key::Z);
    assert_eq!(
        harness.state().project(),
        &original,
        "one undo restores the old text and the lost excerpt"
    );
}

#[test]
fn an_empty_project_offers_to_import_transcripts() {
    let (_dir, mut harness) = empty_study_importing(vec![import_fixture("voice-tags.vtt")]);
    assert!(harness.shows("This project has no transcripts yet."));
    harness.click("Import transcripts…");
    // The import dialog reads the chosen file in the background and names its format.
    wait_for_texts(&mut harness, &["WebVTT subtitles"]);
}

#[test]
fn each_imported_file_can_have_its_own_case() {
    let (_dir, mut harness) = empty_study_importing(vec![
        import_fixture("voice-tags.vtt"),
        import_fixture("libreoffice.odt"),
    ]);
    harness.shortcut(Modifiers::COMMAND, Key::I);
    wait_for_texts(&mut harness, &["WebVTT subtitles", "OpenDocument text"]);
    let type_into = |harness: &mut Window, index: usize, label: &str, text: &str| {
        harness
            .get_all_by_role_and_label(egui::Role::TextInput, label)
            .nth(index)
            .unwrap()
            .focus();
        harness.run();
        harness
            .get_all_by_role_and_label(egui::Role::TextInput, label)
            .nth(index)
            .unwrap()
            .type_text(text);
        harness.run();
    };
    type_into(&mut harness, 0, "Case:", "Dagcentret Lindely");
    // The first file (the .vtt) goes to another, new case; the .odt keeps the batch's.
    type_into(&mut harness, 0, "This file's case:", "Hjemmeplejen Vestbo");
    harness.click("Import 2 transcripts");

    let project = harness.state().project();
    let mut cases: Vec<&str> = project.cases.iter().map(|c| c.name.as_str()).collect();
    cases.sort();
    assert_eq!(cases, ["Dagcentret Lindely", "Hjemmeplejen Vestbo"]);
    let case_of = |name: &str| {
        let t = project
            .transcripts
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("no transcript {name}"));
        project.case(t.case.unwrap()).unwrap().name.clone()
    };
    assert_eq!(case_of("voice-tags"), "Hjemmeplejen Vestbo");
    assert_eq!(case_of("libreoffice"), "Dagcentret Lindely");
}
