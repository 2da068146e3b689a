//! New, Open, Save, Save As and closing: what is asked before work could be lost, and what a failed
//! or refused save says.

use crate::support::gui::*;
use crate::support::*;
use continuum::io;
use continuum::ui::StartOptions;
use egui::{Key, Modifiers, vec2};
use egui_kittest::kittest::Queryable;

#[test]
fn save_writes_the_file_and_reopening_finds_everything() {
    let (_dir, path) = sample_copy();
    let mut harness = open(&path);
    let rect = harness.get_by_label("Marker: Part of her week").rect();
    harness.drag(rect.center(), rect.center() - vec2(60.0, 0.0));
    harness.shortcut(Modifiers::COMMAND, Key::S);

    assert!(!harness.state().document().has_unsaved_changes());
    assert_eq!(
        harness.state().window_title(),
        "care-settings.continuum — Continuum"
    );
    let on_disk = io::load_project(&path).unwrap();
    assert_eq!(&on_disk, harness.state().project());
    assert!(
        io::backup_path(&path).exists(),
        "the previous version is kept"
    );

    let reopened = open(&path);
    assert_eq!(reopened.state().project(), &on_disk);
}

#[test]
fn save_as_asks_where_and_the_title_follows() {
    let (dir, _) = sample_copy();
    let target = dir.path().join("mine.continuum");
    let mut harness = with_dialogs(None, FakeDialogs::saving(&target));
    assert_eq!(
        harness.state().window_title(),
        "care-settings.continuum (sample) — Continuum"
    );
    harness.shortcut(Modifiers::COMMAND, Key::S);
    assert_eq!(harness.state().window_title(), "mine.continuum — Continuum");
    assert_eq!(
        &io::load_project(&target).unwrap(),
        harness.state().project()
    );
}

#[test]
fn opening_a_broken_file_reports_it_and_keeps_the_open_project() {
    let (dir, path) = sample_copy();
    let broken = dir.path().join("broken.continuum");
    std::fs::write(&broken, "(format_version: 1, title: ").unwrap();
    let mut harness = with_dialogs(Some(&path), FakeDialogs::opening(&broken));
    let before = harness.state().project().clone();
    harness.shortcut(Modifiers::COMMAND, Key::O);
    assert_eq!(harness.state().project(), &before);
    let notices = harness.state().notices();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("broken.continuum:1:") && n.contains("syntax error")),
        "{notices:?}"
    );
    // The message is on screen, not just stored.
    assert!(harness.shows_containing("broken.continuum:1:"));
}

#[test]
fn a_failed_save_says_why_and_keeps_the_changes() {
    let (dir, path) = sample_copy();
    let mut harness = with_dialogs(
        Some(&path),
        FakeDialogs::saving(dir.path().join("missing/folder/x.continuum")),
    );
    harness.move_a_marker();
    harness.shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    assert!(harness.state().document().has_unsaved_changes());
    let notices = harness.state().notices();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("x.continuum: could not be saved")),
        "{notices:?}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(sample_path()).unwrap()
    );
    // The message offers Save As… right there.
    assert!(harness.shows("Save As…"));
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let (_dir, mut harness) = open_sample_copy();
    harness.move_a_marker();
    harness.shortcut(Modifiers::COMMAND, Key::N);
    assert!(harness.shows_containing("before starting a new project?"));
    harness.click("Cancel");
    assert_eq!(
        harness.state().project().transcripts.len(),
        6,
        "cancel keeps the project"
    );

    harness.shortcut(Modifiers::COMMAND, Key::N);
    harness.click("Don't save");
    assert!(
        harness.state().project().transcripts.is_empty(),
        "a new, empty project"
    );
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_and_cancel_keeps_it_open() {
    let (_dir, mut harness) = open_sample_copy();
    harness.move_a_marker();
    harness.request_close();
    harness.step();
    let cancelled = harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::CancelClose));
    assert!(cancelled, "the close request is held back");
    harness.run();
    assert!(harness.shows_containing("before closing?"));
    harness.click("Cancel");
    assert!(!harness.shows_containing("before closing?"));
    assert!(harness.state().document().has_unsaved_changes());
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let (_dir, path) = sample_copy();
    let mut harness = open(&path);
    harness.move_a_marker();
    // A co-author's copy syncs in while the project is open.
    let theirs = std::fs::read_to_string(&path).unwrap().replacen(
        "Closeness and distance",
        "Their title",
        1,
    );
    std::fs::write(&path, &theirs).unwrap();

    harness.shortcut(Modifiers::COMMAND, Key::S);
    assert!(harness.shows_containing("changed by someone or something else"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "nothing written yet"
    );
    harness.click("Cancel");
    assert!(harness.state().document().has_unsaved_changes());

    harness.shortcut(Modifiers::COMMAND, Key::S);
    harness.click("Overwrite");
    assert!(!harness.state().document().has_unsaved_changes());
    assert_eq!(&io::load_project(&path).unwrap(), harness.state().project());
    assert_eq!(
        std::fs::read_to_string(io::backup_path(&path)).unwrap(),
        theirs,
        "their version is kept as the backup"
    );
}

/// Regression (edges issue, item 6): a read-only (0444) project was silently rewritten.
#[cfg(unix)]
#[test]
fn saving_over_a_read_only_file_asks_first_and_it_stays_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = sample_copy();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut harness = open(&path);
    harness.move_a_marker();
    harness.shortcut(Modifiers::COMMAND, Key::S);
    assert!(harness.shows("The file is read-only"));
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written yet");
    harness.click("Cancel");
    assert!(harness.state().document().has_unsaved_changes());

    harness.shortcut(Modifiers::COMMAND, Key::S);
    harness.click("Save anyway");
    assert!(!harness.state().document().has_unsaved_changes());
    assert_eq!(&io::load_project(&path).unwrap(), harness.state().project());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}

/// Closing the bundled sample with changes asked to save "Untitled": it is the sample.
#[test]
fn the_unsaved_changes_question_names_the_sample_as_the_title_does() {
    let mut harness = harness_with(StartOptions::default());
    harness.move_a_marker();
    harness.close_window();
    let asked = format!(
        "Save the changes to “{} (sample)” before closing?",
        continuum::SAMPLE_PROJECT_NAME
    );
    assert!(harness.shows(&asked), "{asked}");
}
