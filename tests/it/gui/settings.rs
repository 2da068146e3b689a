//! Project settings: the continuum edited in one undo step, and settings that never change the
//! project by being shown.

use crate::support::gui::*;
use crate::support::*;
use continuum::io;
use continuum::model::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn the_continuum_is_edited_in_project_settings_and_undone_in_one_step() {
    let (_dir, mut harness) = open_sample_copy();
    let before = harness.state().project().clone();
    // "Project" is both a menu and a memo tab; the menu comes first.
    harness.menu("Project", "Project settings…");
    harness.retype("Anchor 2", "Neighbour");
    harness.retype("Title:", "Pilot study");
    harness.click("Apply");

    let project = harness.state().project();
    assert_eq!(project.title, "Pilot study");
    let names: Vec<_> = project
        .continuum
        .anchors
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names, ["Family", "Neighbour", "Professional", "Stranger"]);
    assert_eq!(
        harness.state().document().undo_description(),
        Some("change of project settings")
    );
    harness.shortcut(Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().project(), &before);
}

/// Regression: egui's `fixed_decimals` rounded a position just by showing it in a slider, so
/// selecting an excerpt placed at 1/3 quietly moved it to 0.33 and marked the project unsaved.
#[test]
fn showing_a_placement_or_the_settings_never_changes_the_project() {
    let mut project = io::load_project(&sample_path()).unwrap();
    project
        .apply(Edit::place(
            &project,
            AnnotatorId(1),
            ExcerptId(1),
            1.0 / 3.0,
            Timestamp(5),
        ))
        .unwrap();
    let (_dir, path) = saved_in_temp("thirds.continuum", &project);

    let mut harness = open(&path);
    harness.click("Marker: Part of her week");
    assert!(
        harness.query_all_by_role(egui::Role::Slider).any(|n| n
            .accesskit_node()
            .label()
            .is_some_and(|l| l.starts_with("Position: "))),
        "the slider is on screen"
    );
    harness.menu("Annotators", "Compare annotators…");
    harness.menu("Project", "Project settings…");
    harness.click("Apply");
    assert_eq!(harness.state().project(), &project);
    assert!(!harness.state().document().has_unsaved_changes());
}
