//! Issue 10, items 7 and 9: what a researcher meets in the first hour: the import dialog's names,
//! participants and place; the comparison window's lanes, memos and consensus; counts in words;
//! the annotator remembered; file dialogs that start somewhere; alpha read by Krippendorff's guide.
//! Each test drives the real `App` and is named after the bug it pins.

use crate::support::gui::*;
use crate::support::{sample_copy, saved_in_temp, small_project};
use continuum::io;
use continuum::model::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

/// Three interviews all saved as `interview.*` (in three folders, as recorders and typists do),
/// each with the interviewer and Anne.
fn three_interviews(dir: &Path) -> Vec<PathBuf> {
    ["home-visit", "day-centre", "follow-up"]
        .iter()
        .enumerate()
        .map(|(i, folder)| {
            let folder = dir.join(folder);
            std::fs::create_dir_all(&folder).unwrap();
            let path = folder.join(if i == 1 { "interview.md" } else { "interview.txt" });
            std::fs::write(
                &path,
                format!(
                    "Interviewer: How did visit {i} go?\n\nAnne: She made coffee for me, like family.\n"
                ),
            )
            .unwrap();
            path
        })
        .collect()
}

/// A project with one transcript already called "interview".
fn project_with_an_interview(dir: &Path) -> PathBuf {
    let mut project = small_project();
    project.transcripts[0].name = "interview".into();
    let path = dir.join("study.continuum");
    io::save_project(&path, &project).unwrap();
    path
}

fn import_harness(project: PathBuf, files: Vec<PathBuf>) -> Window {
    let mut harness = with_dialogs(Some(&project), FakeDialogs::importing(files));
    harness.shortcut(Modifiers::COMMAND, Key::I);
    harness
}

/// Replaces the text of the `n`th "Name:" field of the import dialog.
fn retype_name(harness: &mut Window, n: usize, name: &str) {
    let field = |h: &Window| {
        h.get_all_by_role_and_label(egui::Role::TextInput, "Name:")
            .nth(n)
            .unwrap()
            .focus()
    };
    field(harness);
    harness.run();
    harness.shortcut(Modifiers::COMMAND, Key::A);
    harness
        .get_all_by_role_and_label(egui::Role::TextInput, "Name:")
        .nth(n)
        .unwrap()
        .type_text(name);
    harness.run();
}

fn name_fields(harness: &Window) -> Vec<String> {
    harness
        .get_all_by_role_and_label(egui::Role::TextInput, "Name:")
        .map(|field| field.value().unwrap_or_default())
        .collect()
}

/// Three files called `interview.*` were proposed as three transcripts all named "interview" (one
/// more beside the project's own), and each offered "a new participant, Anne" as though each
/// made another Anne.
#[test]
fn files_with_the_same_name_get_unique_editable_names_and_share_one_new_participant() {
    let dir = tempfile::tempdir().unwrap();
    let project = project_with_an_interview(dir.path());
    let mut harness = import_harness(project, three_interviews(dir.path()));
    wait_for_texts(
        &mut harness,
        &["1. interview.txt", "2. interview.md", "3. interview.txt"],
    );
    assert_eq!(
        name_fields(&harness),
        ["interview (2)", "interview (3)", "interview (4)"]
    );
    // One Anne, made by the first file; the others say they share her.
    assert_eq!(
        harness
            .query_all_by_value("a new participant, Anne")
            .count(),
        1
    );
    assert_eq!(
        harness
            .query_all_by_value("Anne, new from file 1 (interview.txt)")
            .count(),
        2
    );

    // A name can be changed; one that is taken is said to be, with the name it will get.
    retype_name(&mut harness, 2, "interview (2)");
    assert!(harness.shows(
        "Another transcript is already called “interview (2)”: this one will be imported \
                 as “interview (2) (2)”."
    ));
    retype_name(&mut harness, 2, "Anne, follow-up");
    harness.click("Import 3 transcripts");
    let project = harness.state().project();
    let names: Vec<_> = project
        .transcripts
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "interview",
            "interview (2)",
            "interview (3)",
            "Anne, follow-up"
        ]
    );
    let annes: Vec<_> = project
        .participants
        .iter()
        .filter(|p| p.name == "Anne")
        .collect();
    assert_eq!(annes.len(), 1);
    assert!(
        project.transcripts[1..]
            .iter()
            .all(|t| t.participant == Some(annes[0].id))
    );
}

/// The import dialog was centred, so it grew and moved as files were read and listed, moving the
/// Import and Cancel buttons out from under the pointer.
#[test]
fn the_import_dialog_stays_put_however_many_files_it_lists() {
    let dir = tempfile::tempdir().unwrap();
    let project = project_with_an_interview(dir.path());
    let files = three_interviews(dir.path());
    let button_with = |files: Vec<PathBuf>, label: &str| {
        let mut harness = import_harness(project.clone(), files);
        wait_for_texts(&mut harness, &[label]);
        harness.get_by_label(label).rect()
    };
    let one = button_with(files[..1].to_vec(), "Import 1 transcript");
    let three = button_with(files, "Import 3 transcripts");
    assert!(
        (one.left() - three.left()).abs() < 0.5 && (one.top() - three.top()).abs() < 0.5,
        "the Import button moved from {one:?} to {three:?}"
    );
}

/// Opens the comparison window on the sample and selects "Guest or mourner".
fn compare_guest(path: &Path) -> Window {
    let mut harness = open(path);
    harness.menu("Annotators", "Compare annotators…");
    harness.click("Guest or mourner");
    harness
}

fn comparison_window(harness: &Window) -> egui::Rect {
    harness
        .ctx
        .memory(|m| m.area_rect(egui::Id::unique(Some("Compare annotators"))))
        .expect("the comparison window is open")
}

/// The comparison lanes had no anchor names, and the consensus, once settled, was not on them.
#[test]
fn comparison_lanes_name_the_anchors_and_show_the_consensus() {
    let (_dir, path) = sample_copy();
    let mut harness = compare_guest(&path);
    let window = comparison_window(&harness);
    for anchor in ["Family", "Friend", "Professional", "Stranger"] {
        assert!(
            harness
                .get_all_by_label(anchor)
                .any(|n| window.contains_rect(n.rect())),
            "{anchor} is not named in the comparison window"
        );
    }
    let lane = "Lane of Guest or mourner: Anna Holm 0.20, Jonas Berg 0.35";
    assert!(harness.shows(lane));
    harness.get_by_label_contains("Start from the mean").click();
    harness.run();
    assert!(
        harness.shows(&format!("{lane}, consensus 0.28")),
        "the consensus is drawn on its lane"
    );
}

/// With the consensus started, "Why the team settled here" was cut off by the window's edge.
#[test]
fn the_consensus_memo_fits_in_the_comparison_window() {
    let (_dir, path) = sample_copy();
    let mut harness = compare_guest(&path);
    harness.get_by_label_contains("Start from the mean").click();
    harness.run();
    let window = comparison_window(&harness);
    let memo = harness.get_by_label("Why the team settled here:").rect();
    assert!(
        window.contains_rect(memo),
        "the memo box {memo:?} is cut off by the window {window:?}"
    );
}

/// An annotator's memo in the comparison was laid out "justified" (egui's columns), so its first
/// line was stretched to the column's width with wide letter-spacing.
#[test]
fn a_memo_in_the_comparison_is_not_stretched_to_the_column() {
    let (dir, path) = sample_copy();
    let mut project = io::load_project(&path).unwrap();
    let guest = project
        .excerpts
        .iter()
        .find(|e| e.label == "Guest or mourner")
        .unwrap()
        .id;
    // Too long for one line of the column (about 370 px): the first line breaks well short of
    // it (about 280 px), before "Neighbourliness".
    let memo = "Grieves like kin at the funeral, brings flowers. Neighbourliness";
    project
        .apply(Edit::SetMemo {
            target: MemoTarget::Placement(AnnotatorId(1), guest),
            text: memo.into(),
        })
        .unwrap();
    let path = dir.path().join("memo.continuum");
    io::save_project(&path, &project).unwrap();
    let harness = compare_guest(&path);
    let window = comparison_window(&harness);
    let column = window.width() / 2.0;
    let shown = harness.get_by_label(memo).rect();
    assert!(
        shown.width() < 0.85 * column,
        "the memo is {} wide in a column of about {column}: its lines are stretched",
        shown.width()
    );
}

/// The status bar counted the consensus layer as one more annotator, and said "1 excerpts".
#[test]
fn the_status_bar_counts_people_not_the_consensus_and_says_one_excerpt() {
    let (_dir, path) = sample_copy();
    let mut harness = compare_guest(&path);
    assert!(harness.shows("6 transcripts · 41 excerpts · 80 placements · 2 annotators"));
    harness.get_by_label_contains("Start from the mean").click();
    harness.run();
    assert!(harness.shows(
        "6 transcripts · 41 excerpts · 80 placements · 2 annotators · consensus on 1 excerpt"
    ));

    let (_dir, small) = saved_in_temp("small.continuum", &small_project());
    let harness = open(&small);
    assert!(harness.shows("1 transcript · 1 excerpt · 1 placement · 1 annotator"));
}

/// Reopening a project always made the first annotator active, whoever had been coding.
#[test]
fn the_active_annotator_is_remembered_on_reopen() {
    let (_dir, path) = sample_copy();
    let original = std::fs::read(&path).unwrap();
    let mut harness = open(&path);
    assert_eq!(harness.state().active_annotator(), Some(AnnotatorId(1)));
    // Opening and saving without a change keeps every byte: the first annotator is not written.
    harness.shortcut(Modifiers::COMMAND, Key::S);
    assert_eq!(std::fs::read(&path).unwrap(), original);

    harness
        .get_by_role_and_label(egui::Role::ComboBox, "Annotator: Anna Holm")
        .click();
    harness.run();
    harness.get_by_label_contains("Jonas Berg").click();
    harness.run();
    assert_eq!(harness.state().active_annotator(), Some(AnnotatorId(2)));
    // Not an edit: nothing to undo, nothing unsaved.
    assert!(!harness.state().document().has_unsaved_changes());
    harness.shortcut(Modifiers::COMMAND, Key::S);
    assert_eq!(
        io::load_project(&path).unwrap().view.active_annotator,
        Some(AnnotatorId(2))
    );
    let reopened = open(&path);
    assert_eq!(reopened.state().active_annotator(), Some(AnnotatorId(2)));
}

/// Import opened in an empty "Recent" view: every dialog now starts in the project's folder, or
/// the home folder for a project never saved.
#[test]
fn file_dialogs_start_in_the_projects_folder_else_at_home() {
    let (dir, path) = sample_copy();
    let dialogs = FakeDialogs::default();
    let mut harness = with_dialogs(Some(&path), dialogs.clone());
    harness.shortcut(Modifiers::COMMAND, Key::I);
    assert_eq!(dialogs.answers().started_in.as_deref(), Some(dir.path()));

    dialogs.answers().started_in = None;
    harness.shortcut(Modifiers::COMMAND, Key::N);
    harness.shortcut(Modifiers::COMMAND, Key::O);
    let home = directories::UserDirs::new().map(|d| d.home_dir().to_path_buf());
    assert_eq!(dialogs.answers().started_in, home);
}

/// Alpha was shown with no guide to what counts as acceptable.
#[test]
fn the_agreement_window_reads_each_alpha_by_krippendorffs_guide() {
    let (_dir, mut harness) = open_sample_copy();
    harness.menu("Annotators", "Agreement…");
    // 0.972 overall and for the one pair, 0.840 and more by case: all reliable.
    assert!(harness.get_all_by_label("reliable (α ≥ .800)").count() >= 3);
    assert!(harness.shows_containing(
        "Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology, \
                 2nd ed., p. 241"
    ));
}

/// Closing with unsaved changes and "Don't save" left the process running for the autosave delay
/// (2 s) after the window had gone: the recovery copy's timer still booked a repaint, and the
/// last frames wrote a fresh recovery copy, offered again at the next start.
#[test]
fn quitting_without_saving_books_no_autosave_and_leaves_no_recovery_copy() {
    let (_dir, recovery, mut harness) = changed_sample_with_recovery();
    harness.close_window();
    harness.click("Don't save");
    // The app closes its window: the platform asks it to close once more.
    harness.close_window();
    let left: Vec<_> = std::fs::read_dir(&recovery)
        .map(|files| files.flatten().map(|f| f.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "recovery copies left behind: {left:?}");
}
