//! File > Import and Export REFI-QDA project…: another tool's project opens with its coding, the
//! open project is guarded, a broken file changes nothing, and our export reads back exactly.

use crate::support::gui::*;
use crate::support::*;
use continuum::io::qdpx::read_qdpx;
use egui_kittest::kittest::Queryable;

fn importing(file: std::path::PathBuf) -> FakeDialogs {
    FakeDialogs::with(Answers {
        exchange: Some(file),
        ..Answers::default()
    })
}

#[test]
fn importing_qualcoders_export_opens_it_as_a_new_unsaved_project_with_its_coding() {
    let mut harness = with_dialogs(None, importing(qdpx_fixture("qc178_demo.qdpx")));
    harness.menu("File", "Import REFI-QDA project…");
    wait_for_texts(&mut harness, &["158 selections", "Open as new project"]);
    harness.click("Open as new project");
    let app = harness.state();
    let project = app.project();
    assert_eq!(project.transcripts.len(), 2);
    assert!(project.excerpts.len() > 100, "{}", project.excerpts.len());
    assert!(project.excerpts.iter().any(|e| !e.codes.is_empty()));
    // In no file yet: unsaved, so closing asks, and the title says so.
    assert!(app.document().has_unsaved_changes());
    assert!(
        app.window_title().starts_with("● "),
        "{}",
        app.window_title()
    );
    // Named by its title until it is saved (a new user's trial: the restore prompt said the
    // title, and quitting then asked to save "Untitled").
    assert_eq!(
        app.window_title(),
        format!("● {} — Continuum", project.title.trim())
    );
    let first = project.transcripts[0].id;
    assert_eq!(app.view_transcript(), Some(first));
}

#[test]
fn importing_over_unsaved_work_asks_first_and_cancel_keeps_it() {
    let mut harness = with_dialogs(None, importing(qdpx_fixture("qc178_demo.qdpx")));
    harness.menu("File", "Import REFI-QDA project…");
    wait_for_texts(&mut harness, &["Open as new project"]);
    harness.click("Open as new project");
    let imported = harness.state().project().clone();
    // The imported project is unsaved: importing another asks before replacing it.
    harness.menu("File", "Import REFI-QDA project…");
    wait_for_texts(&mut harness, &["Open as new project"]);
    harness.click("Open as new project");
    assert!(harness.shows_containing("before opening the imported project?"));
    // Asked about by its title, in one pair of quotes.
    let asked = format!("Save the changes to “{}” before", imported.title.trim());
    assert!(harness.shows_containing(&asked), "{asked}");
    harness.click("Cancel");
    assert_eq!(harness.state().project(), &imported);
    assert!(!harness.shows_containing("before opening the imported project?"));
}

#[test]
fn a_file_that_is_not_a_qdpx_says_why_and_leaves_the_project_alone() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write_file(dir.path(), "broken.qdpx", "not a zip archive");
    let mut harness = with_dialogs(None, importing(bad));
    let before = harness.state().project().clone();
    harness.menu("File", "Import REFI-QDA project…");
    wait_for_texts(
        &mut harness,
        &["cannot be imported", "The open project is unchanged."],
    );
    harness.click("Close");
    assert_eq!(harness.state().project(), &before);
    assert!(!harness.shows_containing("cannot be imported"));
}

#[test]
fn exporting_writes_a_qdpx_that_reads_back_as_the_same_project() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sample.qdpx");
    let mut harness = with_dialogs(None, importing(out.clone()));
    harness.menu("File", "Export REFI-QDA project…");
    assert!(harness.shows_containing("Exported"));
    let back = read_qdpx(&out).unwrap();
    assert_eq!(&back.project, harness.state().project());
}

#[test]
fn another_tools_project_merges_into_the_open_one_by_the_rules_of_file_merge() {
    // A co-author's copy of the sample with one more excerpt, coded, sent as a .qdpx.
    let sample = continuum::io::load_project(&sample_path()).unwrap();
    let mut theirs = sample.clone();
    let id = theirs.next_excerpt_id().unwrap();
    theirs.excerpts.push(continuum::model::Excerpt {
        codes: vec!["reciprocity".into()],
        ..fixtures::excerpt(id.0, theirs.transcripts[0].id.0, 0, 12)
    });
    let vermillion = continuum::model::Colour::PALETTE[1];
    theirs.code_colours.insert("reciprocity".into(), vermillion);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("coauthor.qdpx");
    continuum::io::qdpx::write_qdpx(&theirs, &file).unwrap();

    let mut harness = with_dialogs(None, importing(file));
    let before = harness.state().project().clone();
    harness.menu("File", "Import REFI-QDA project…");
    wait_for_texts(&mut harness, &["Merge into this project…"]);
    harness.click("Merge into this project…");
    // The merge dialog says what would change, before anything does.
    assert!(harness.shows("Merge annotators from coauthor.qdpx"));
    assert!(harness.shows_containing("1 new excerpt"));
    assert!(harness.shows("Colours of 1 code from the other file: reciprocity."));
    assert_eq!(harness.state().project(), &before);
    harness.click("Merge");
    let project = harness.state().project();
    assert_eq!(project.excerpts.len(), before.excerpts.len() + 1);
    let new = project.excerpts.last().unwrap();
    assert_eq!(new.codes, ["reciprocity"]);
    assert_eq!((new.start, new.end), (0, 12));
    assert_eq!(project.code_colour("reciprocity"), Some(vermillion));
    // One undo step takes the merge back.
    harness.shortcut(egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(harness.state().project(), &before);
}

#[test]
fn merging_a_project_about_other_interviews_says_which_transcripts_are_missing() {
    let mut harness = with_dialogs(None, importing(qdpx_fixture("qc178_demo.qdpx")));
    let before = harness.state().project().clone();
    harness.menu("File", "Import REFI-QDA project…");
    wait_for_texts(&mut harness, &["Merge into this project…"]);
    harness.click("Merge into this project…");
    let missing = harness
        .query_all_by_label_contains("is not in this project; import it first.")
        .count();
    assert_eq!(missing, 2, "both of QualCoder's transcripts are named");
    harness.click("Cancel");
    assert_eq!(harness.state().project(), &before);
}
