//! The selected excerpt in the inspector: its memo, its codes, deleting it, and undoing all that.

use crate::support::gui::*;
use continuum::model::*;
use egui::{Key, Modifiers, vec2};
use egui_kittest::kittest::Queryable;

#[test]
fn clicking_a_marker_selects_its_excerpt_and_the_memo_can_be_edited() {
    let (_dir, mut harness) = open_sample_copy();
    // A dot for another transcript: clicking it switches the transcript too.
    harness.click("Marker: Like a referee");
    let excerpt = harness
        .state()
        .project()
        .excerpts
        .iter()
        .find(|e| e.label == "Like a referee")
        .unwrap()
        .id;
    let memo_before = harness.placement(1, excerpt.0).unwrap().memo;

    const MEMO: &str = "Why this excerpt sits where it does on the continuum.";
    harness.click(MEMO);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::End);
    harness.get_by_label(MEMO).type_text(" Revisit with Jonas.");
    harness.run();
    let memo_after = harness.placement(1, excerpt.0).unwrap().memo;
    assert!(
        memo_after.starts_with(&memo_before) || memo_after.ends_with(&memo_before),
        "{memo_after:?}"
    );
    assert!(memo_after.contains("Revisit with Jonas."), "{memo_after:?}");
    assert_eq!(
        memo_after.len(),
        memo_before.len() + " Revisit with Jonas.".len()
    );
}

#[test]
fn deleting_a_placed_excerpt_asks_first_and_names_whose_work_goes() {
    let (_dir, mut harness) = open_sample_copy();
    harness.click("Marker: Part of her week");
    harness.click("Delete excerpt");
    assert!(harness.shows_containing("placed on the continuum by Anna Holm, Jonas Berg"));
    harness.click("Cancel");
    assert!(harness.state().project().excerpt(ExcerptId(1)).is_some());

    harness.click("Delete excerpt");
    harness.click("Delete");
    let project = harness.state().project();
    assert!(project.excerpt(ExcerptId(1)).is_none());
    assert!(
        project
            .annotators
            .iter()
            .all(|a| a.placements.iter().all(|p| p.excerpt != ExcerptId(1)))
    );
}

#[test]
fn typing_a_memo_is_undone_in_one_step() {
    let (_dir, mut harness) = open_sample_copy();
    harness.click("Marker: Part of her week");
    let before = harness.state().project().clone();
    const MEMO: &str = "Why this excerpt sits where it does on the continuum.";
    harness.click(MEMO);
    for word in ["Closer ", "to ", "friend."] {
        harness.get_by_label(MEMO).type_text(word);
        harness.run();
    }
    assert_ne!(harness.state().project(), &before);
    harness.shortcut(Modifiers::COMMAND, Key::Z);
    assert_eq!(
        harness.state().project(),
        &before,
        "one undo takes back the whole burst of typing"
    );
}

#[test]
fn creating_and_deleting_excerpts_undo_back_to_the_original() {
    let (_dir, mut harness) = open_sample_copy();
    let original = harness.state().project().clone();
    let rect = harness.get_by_label(FIRST_QUESTION).rect();
    harness.drag(
        rect.left_top() + vec2(1.0, 8.0),
        rect.left_top() + vec2(rect.width() * 0.5, 8.0),
    );
    harness.shortcut(Modifiers::COMMAND, Key::E);
    harness.click("Place at the middle");
    harness.click("Delete excerpt");
    harness.click("Delete");
    assert_eq!(
        harness.state().project().excerpts.len(),
        original.excerpts.len()
    );
    for _ in 0..3 {
        harness.shortcut(Modifiers::COMMAND, Key::Z);
    }
    assert_eq!(harness.state().project(), &original);
    assert_eq!(harness.state().document().undo_description(), None);
}

#[test]
fn a_code_already_used_in_the_project_is_offered_and_the_sample_filters_by_it() {
    let (_dir, mut harness) = open_sample_copy();
    harness.click("Code: all");
    harness.click_last("kin terms");
    // Anna placed all five "kin terms" excerpts.
    assert_eq!(harness.get_all_by_label_contains("Marker: ").count(), 5);
    harness.click("Marker: Two families");
    harness.click("Use…");
    harness.click("reciprocity");
    let two_families = harness.excerpt_labelled("Two families");
    assert_eq!(
        harness
            .state()
            .project()
            .excerpt(two_families)
            .unwrap()
            .codes,
        ["kin terms", "reciprocity"]
    );
}

#[test]
fn a_codes_colour_is_set_and_cleared_from_its_chips_menu_and_each_undone() {
    let (_dir, mut harness) = open_sample_copy();
    harness.click("Marker: Two families");
    let two_families = harness.excerpt_labelled("Two families");
    let before = harness.state().project().clone();
    assert_eq!(before.excerpt(two_families).unwrap().codes, ["kin terms"]);
    let chip_menu = |harness: &mut Window| {
        harness.get_by_label("kin terms  ×").click_secondary();
        harness.run();
        assert!(harness.shows("Colour of “kin terms”"));
    };

    chip_menu(&mut harness);
    harness.click("Vermillion");
    let vermillion = Colour::PALETTE[1];
    let project = harness.state().project();
    assert_eq!(project.code_colour("kin terms"), Some(vermillion));
    // The right-click coloured the code; it did not take it off the excerpt.
    assert_eq!(project.excerpt(two_families).unwrap().codes, ["kin terms"]);
    assert_eq!(
        harness.state().document().undo_description(),
        Some("colour of the code “kin terms”")
    );
    assert!(!harness.shows("Colour of “kin terms”"), "the menu closed");

    chip_menu(&mut harness);
    harness.click("No colour");
    assert_eq!(harness.state().project().code_colour("kin terms"), None);

    harness.shortcut(Modifiers::COMMAND, Key::Z);
    assert_eq!(
        harness.state().project().code_colour("kin terms"),
        Some(vermillion)
    );
    harness.shortcut(Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().project(), &before);
}
