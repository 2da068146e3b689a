//! Regressions found by the session test, each pinned by a test named after the bug.

use super::harness_with;
use crate::support::gui::{FakeDialogs, Window};
use continuum::model::*;
use continuum::ui::StartOptions;
use egui::{Key, Modifiers, Pos2, Rect, vec2};
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

/// The sample project, with the transcript dialog answering `transcripts`.
fn harness_on_sample(path: &Path, transcripts: Vec<PathBuf>) -> Window {
    harness_with(StartOptions {
        file: Some(path.to_path_buf()),
        dialogs: Box::new(FakeDialogs::importing(transcripts)),
        ..StartOptions::default()
    })
}

fn click_each(harness: &mut Window, labels: &[&str]) {
    for label in labels {
        harness.get_all_by_label(label).next().unwrap().click();
        harness.run();
    }
}

/// Regression (session seed 4: "the active annotator a1 does not exist"): removing the active
/// annotator in Manage annotators left the view pointing at them, so the map asked for an
/// annotator to be added while another remained, and the chooser showed "none". Only undo and
/// redo repaired the view; now every edit does.
#[test]
fn removing_the_active_annotator_makes_another_one_active() {
    let (_dir, path) = crate::support::sample_copy();
    let mut harness = harness_on_sample(&path, Vec::new());
    assert_eq!(harness.state().active_annotator(), Some(AnnotatorId(1)));
    // Remove the first annotator, Anna, who is active.
    click_each(
        &mut harness,
        &[
            "Annotators",
            "Manage annotators…",
            "Remove…",
            "Remove",
            "Close",
        ],
    );

    let project = harness.state().project();
    assert_eq!(project.annotators.len(), 1);
    assert_eq!(harness.state().active_annotator(), Some(AnnotatorId(2)));
    assert!(
        harness
            .query_by_label("Add an annotator to start placing excerpts on the continuum.")
            .is_none()
    );
    assert!(
        harness
            .query_all_by_label_contains("Marker: ")
            .next()
            .is_some(),
        "the remaining annotator's markers show"
    );
}

/// Regression (the same cause as above, caught by the session's "the selected excerpt exists"
/// check): Replace text that loses the selected excerpt left the view selecting an excerpt that
/// no longer existed, so Edit > Delete excerpt stayed enabled and could only fail.
#[test]
fn replacing_text_that_loses_the_selected_excerpt_clears_the_selection() {
    let (dir, path) = crate::support::sample_copy();
    let corrected = dir.path().join("other.txt");
    std::fs::write(&corrected, "Interviewer: Something else entirely.\n").unwrap();
    let mut harness = harness_on_sample(&path, vec![corrected]);
    harness.get_by_label("Marker: Part of her week").click();
    harness.run();
    let selected = harness.state().selected_excerpt().expect("selected");
    assert_eq!(
        harness
            .state()
            .project()
            .excerpt(selected)
            .unwrap()
            .transcript,
        harness.state().view_transcript().unwrap()
    );
    click_each(
        &mut harness,
        &["Project", "Replace text of transcript…", "Replace text"],
    );

    assert!(harness.state().project().excerpt(selected).is_none());
    assert_eq!(harness.state().selected_excerpt(), None);
}

/// Regression (session seed 3024 with 150 steps: "Code blind starts blind coding" failed after
/// two messages had been shown): with two or more notices, each notice's row took the whole
/// height left in the floating message area, so the area grew thousands of pixels tall, pushed
/// the older notices above the window, and, being in front, took the clicks meant for what lay
/// under it (toolbar buttons, the transcript) until the notices went away.
#[test]
fn two_notices_stay_in_the_window_and_leave_the_toolbar_clickable() {
    let (dir, path) = crate::support::sample_copy();
    let broken = dir.path().join("broken.continuum");
    std::fs::write(&broken, "not a project").unwrap();
    let mut harness = harness_with(StartOptions {
        file: Some(path),
        dialogs: Box::new(FakeDialogs::opening(broken)),
        ..StartOptions::default()
    });
    // An error (the file cannot be opened) and a hint (no text selected): two notices.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    assert_eq!(harness.state().notices().len(), 2);
    // The area grew a little with every frame drawn, as the pointer moves.
    for i in 0..40 {
        harness.hover_at(Pos2::new(600.0 + i as f32, 400.0));
        harness.run();
    }

    let window = Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 860.0));
    let dismiss: Vec<Rect> = harness
        .query_all_by_label("Dismiss message")
        .map(|n| n.rect())
        .collect();
    assert_eq!(dismiss.len(), 2);
    for rect in dismiss {
        assert!(
            window.contains_rect(rect),
            "a notice is out of the window: {rect:?}"
        );
    }
    harness.get_by_label("Code blind").click();
    harness.run();
    assert!(
        harness.state().project().blind.is_some(),
        "the click reached the toolbar"
    );
}
