//! The continuum map: dragging and nudging markers, selecting several, filters, zoom and pan, and
//! other annotators' markers.

use crate::support::gui::*;
use continuum::model::*;
use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::kittest::Queryable;

#[test]
fn dragging_a_marker_moves_only_that_placement() {
    let (_dir, mut harness) = open_sample_copy();
    // Excerpt e1, "Part of her week", placed by Anna (the active annotator) at 0.22 and Jonas at 0.30.
    let before = harness.state().project().clone();
    let rect = harness.get_by_label("Marker: Part of her week").rect();
    harness.drag(rect.center(), rect.center() + vec2(150.0, 0.0));

    let moved = harness.placement(1, 1).unwrap().position;
    assert!(
        moved > 0.35 && moved < 0.6,
        "expected about 0.22 + 150 px, got {moved}"
    );
    assert_eq!(
        harness.placement(2, 1).unwrap().position,
        0.30,
        "Jonas's placement is untouched"
    );
    let after = harness.state().project();
    let others_unchanged = after.annotators[0]
        .placements
        .iter()
        .zip(&before.annotators[0].placements)
        .filter(|(a, _)| a.excerpt != ExcerptId(1))
        .all(|(a, b)| a == b);
    assert!(others_unchanged);
    assert!(harness.state().document().has_unsaved_changes());
}

#[test]
fn dragging_an_unplaced_excerpt_onto_the_axis_places_it() {
    let (_dir, mut harness) = open_sample_copy();
    harness.click("Louise Østergaard, activity worker");
    // Excerpt e34 is the one Anna has not placed in Louise's interview.
    assert!(harness.placement(1, 34).is_none());
    let chip = harness
        .get_by_label("Unplaced: Professional, towards friend on good days")
        .rect();
    let axis = harness.get_by_label("Marker: Like a referee").rect();
    harness.drag(
        chip.center(),
        Pos2::new(axis.center().x - 200.0, axis.center().y),
    );
    let placed = harness.placement(1, 34).expect("dropped on the continuum");
    assert!((0.0..=1.0).contains(&placed.position));
    assert!(!harness.shows("Unplaced: Professional, towards friend on good days"));
}

#[test]
fn undo_and_redo_a_marker_drag_with_the_keyboard() {
    let (_dir, mut harness) = open_sample_copy();
    let before = harness.state().project().clone();
    harness.move_a_marker();
    assert_eq!(
        harness.state().document().undo_description(),
        Some("move of “Part of her week”")
    );
    let moved = harness.state().project().clone();

    harness.shortcut(Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().project(), &before);
    assert!(
        !harness.state().document().has_unsaved_changes(),
        "back at the state on disk"
    );

    harness.shortcut(Modifiers::COMMAND, Key::Y);
    assert_eq!(harness.state().project(), &moved);
    harness.shortcut(Modifiers::COMMAND, Key::Z);
    harness.shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(harness.state().project(), &moved);
}

#[test]
fn arrow_keys_nudge_the_selected_placement_and_delete_takes_it_off_the_continuum() {
    let (_dir, mut harness) = open_sample_copy();
    harness.click("Marker: Part of her week");
    harness.press(Key::ArrowRight);
    harness.shortcut(Modifiers::SHIFT, Key::ArrowRight);
    let position = harness.placement(1, 1).unwrap().position;
    assert!(
        (position - 0.28).abs() < 1e-9,
        "0.22 + 0.01 + 0.05, got {position}"
    );
    harness.press(Key::Delete);
    assert!(harness.placement(1, 1).is_none());
    assert!(harness.placement(2, 1).is_some(), "Jonas's placement stays");
    assert!(
        harness.state().project().excerpt(ExcerptId(1)).is_some(),
        "the excerpt stays"
    );
    harness.shortcut(Modifiers::COMMAND, Key::Z);
    assert!(harness.placement(1, 1).is_some(), "undone");
}

#[test]
fn the_continuum_filters_by_words_and_by_case() {
    let (_dir, mut harness) = open_sample_copy();
    assert_eq!(harness.get_all_by_label_contains("Marker: ").count(), 39);
    harness.type_into("Filter:", "girl");
    // "She calls me her girl." and "Mette is my girl. She is like a daughter to me, almost."
    assert_eq!(harness.get_all_by_label_contains("Marker: ").count(), 2);
    assert!(harness.shows("Marker: She calls me her girl"));
    harness.get_by_label("Filter:").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.press(Key::Backspace);
    harness.click("Case: all");
    harness.click_last("Dagcentret Lindely");
    assert_eq!(
        harness.get_all_by_label_contains("Marker: ").count(),
        18,
        "Anna's placements in Lindely"
    );
}

#[test]
fn shift_click_selects_several_markers_and_a_drag_moves_them_all_in_one_undo_step() {
    let (_dir, mut harness) = open_sample_copy();
    let week = harness.excerpt_labelled("Part of her week");
    let neighbour = harness.excerpt_labelled("A good neighbour");
    let position = |h: &Window, e: ExcerptId| h.placement(1, e.0).unwrap().position;
    let before = (position(&harness, week), position(&harness, neighbour));

    select_week_and_neighbour(&mut harness);
    let rect = harness.get_by_label("Marker: Part of her week").rect();
    harness.drag(rect.center(), rect.center() + vec2(60.0, 0.0));

    let moved = (
        position(&harness, week) - before.0,
        position(&harness, neighbour) - before.1,
    );
    assert!(moved.0 > 0.03, "moved by {moved:?}");
    assert!(
        (moved.0 - moved.1).abs() < 1e-9,
        "both by the same amount: {moved:?}"
    );
    assert_eq!(
        harness.placement(2, week.0).unwrap().position,
        0.30,
        "Jonas's placement is untouched"
    );
    harness.shortcut(Modifiers::COMMAND, Key::Z);
    assert_eq!(
        (position(&harness, week), position(&harness, neighbour)),
        before,
        "one undo step takes both back"
    );

    // Shift-clicking a selected marker takes it out of the selection again.
    select_week_and_neighbour(&mut harness);
    harness
        .get_by_label("Marker: A good neighbour")
        .click_modifiers(Modifiers::SHIFT);
    harness.run();
    harness.press(Key::ArrowRight);
    assert!((position(&harness, week) - before.0 - 0.01).abs() < 1e-9);
    assert_eq!(position(&harness, neighbour), before.1);
}

#[test]
fn a_shift_drag_on_empty_space_selects_the_markers_it_touches_and_arrows_move_them() {
    let (_dir, mut harness) = open_sample_copy();
    let before = harness.state().project().clone();
    let week = harness.get_by_label("Marker: Part of her week").rect();
    let neighbour = harness.get_by_label("Marker: A good neighbour").rect();
    assert!(
        (week.center().y - neighbour.center().y).abs() < 1.0,
        "the two share a row in the sample"
    );
    // From the lane labels' column (empty space) across the row up to "A good neighbour".
    let left = harness.get_by_label("Continuum").rect().left() + 4.0;
    let from = Pos2::new(left, week.center().y - 2.0);
    let to = Pos2::new(neighbour.right() - 2.0, week.center().y + 2.0);
    harness.event(egui::Event::ModifiersChanged(Modifiers::SHIFT));
    harness.drag(from, to);
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
    harness.press(Key::ArrowRight);

    let after = harness.state().project();
    let moved: Vec<ExcerptId> = after.annotators[0]
        .placements
        .iter()
        .zip(&before.annotators[0].placements)
        .filter(|(a, b)| a.position != b.position)
        .map(|(a, _)| a.excerpt)
        .collect();
    let week_id = harness.excerpt_labelled("Part of her week");
    let neighbour_id = harness.excerpt_labelled("A good neighbour");
    assert!(
        moved.contains(&week_id) && moved.contains(&neighbour_id) && moved.len() >= 3,
        "moved {moved:?}"
    );
    assert_eq!(
        after.annotators[1].placements, before.annotators[1].placements,
        "only the active annotator's markers move"
    );
    harness.shortcut(Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().project(), &before, "one undo step");
}

#[test]
fn other_annotators_markers_can_be_shown_but_not_moved() {
    let (_dir, mut harness) = open_sample_copy();
    assert!(!harness.shows("Jonas Berg's marker: Part of her week"));
    show_every_annotator(&mut harness, "Anna Holm");
    // Twice the markers no longer fit the panel: some lanes scroll, until Fit shows them all.
    assert!(harness.get_all_by_label_contains("Marker: ").count() < 39);
    harness.click("Fit");
    assert!(!harness.shows("100%"), "zoomed out to fit");
    assert_eq!(harness.get_all_by_label_contains("Marker: ").count(), 39);
    assert_eq!(
        harness
            .get_all_by_label_contains("Jonas Berg's marker: ")
            .count(),
        41
    );
    let before = harness.state().project().clone();
    let rect = harness
        .get_by_label("Jonas Berg's marker: Part of her week")
        .rect();
    harness.drag(rect.center(), rect.center() + vec2(80.0, 0.0));
    assert_eq!(harness.state().project(), &before);
}

#[test]
fn the_continuum_filters_by_role_and_by_a_code_added_in_the_inspector() {
    let (_dir, mut harness) = open_sample_copy();
    harness.click("Marker: Part of her week");
    harness
        .get_by_role_and_label(egui::Role::TextInput, "Codes:")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(egui::Role::TextInput, "Codes:")
        .type_text("weekly rhythm");
    harness.press(Key::Enter);
    let week = harness.excerpt_labelled("Part of her week");
    assert_eq!(
        harness.state().project().excerpt(week).unwrap().codes,
        ["weekly rhythm"]
    );

    harness.click("Code: all");
    harness.click_last("weekly rhythm");
    let shown: Vec<String> = harness
        .get_all_by_label_contains("Marker: ")
        .map(|n| {
            use egui_kittest::kittest::NodeT;
            n.accesskit_node().label().unwrap_or_default()
        })
        .collect();
    assert_eq!(shown, ["Marker: Part of her week"]);

    harness.click("Clear filters");
    harness.click("Role: all");
    harness.click_last("citizen");
    // Anna placed all 7 of Ingrid Dahl's excerpts and 6 of Poul Frederiksen's.
    assert_eq!(harness.get_all_by_label_contains("Marker: ").count(), 13);

    // Removing the code is one click on its chip, and undoable.
    harness.click("Clear filters");
    harness.click("Marker: Part of her week");
    harness.click("weekly rhythm  ×");
    assert!(
        harness
            .state()
            .project()
            .excerpt(week)
            .unwrap()
            .codes
            .is_empty()
    );
}

#[test]
fn zoom_buttons_magnify_the_map_and_fit_shows_it_whole() {
    let (_dir, mut harness) = open_sample_copy();
    let width = |h: &Window| h.get_by_label("Marker: Part of her week").rect().width();
    let at_fit = width(&harness);
    harness.click("+");
    assert!(harness.shows("125%"));
    let zoomed = width(&harness);
    assert!(
        (zoomed / at_fit - 1.25).abs() < 0.05,
        "{at_fit} -> {zoomed}"
    );
    harness.click("Fit");
    assert!(harness.shows("100%"));
    assert!((width(&harness) - at_fit).abs() < 0.5);
}

#[test]
fn escape_clears_the_map_selection_so_the_arrow_keys_move_nothing() {
    let (_dir, mut harness) = open_sample_copy();
    select_week_and_neighbour(&mut harness);
    harness.press(Key::Escape);
    let before = harness.state().project().clone();
    harness.press(Key::ArrowRight);
    assert_eq!(harness.state().project(), &before);
}

/// Found looking at a 1M-word study under Xvfb: the zoom buttons zoomed about the canvas's top
/// left corner, so at 600% the canvas showed a corner of the lane names and nothing else.
#[test]
fn the_zoom_buttons_keep_the_middle_of_the_canvas_in_the_middle() {
    let (_dir, mut harness) = open_sample_copy();
    let middle = harness.get_by_label("Continuum map").rect().center();
    let at = |h: &Window| {
        h.get_by_label("Marker: Part of her week")
            .rect()
            .left_center()
    };
    let before = at(&harness) - middle;
    harness.click("+");
    let after = at(&harness) - middle;
    assert!(
        (after - before * 1.25).length() < 6.0,
        "{before:?} -> {after:?}, wanted about {:?}",
        before * 1.25
    );
}

#[test]
fn ctrl_wheel_zooms_about_the_pointer_and_dragging_empty_space_pans() {
    let (_dir, mut harness) = open_sample_copy();
    let week = harness.get_by_label("Marker: Part of her week").rect();
    harness.hover_at(week.center());
    harness.run();
    harness.event_modifiers(
        egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: vec2(0.0, 2.0),
            phase: egui::TouchPhase::Move,
            modifiers: Modifiers::COMMAND,
            source: egui::MouseWheelSource::Wheel,
        },
        Modifiers::COMMAND,
    );
    harness.run();
    assert!(!harness.shows("100%"), "zoomed");
    let zoomed = harness.get_by_label("Marker: Part of her week").rect();
    assert!(
        zoomed.width() > week.width() * 1.1,
        "{week:?} -> {zoomed:?}"
    );
    assert!(
        zoomed.contains(week.center()),
        "the point under the pointer stays put: {week:?} -> {zoomed:?}"
    );

    // Empty space: the lane labels' column, at the height of the marker's row.
    let left = harness.get_by_label("Continuum").rect().left() + 4.0;
    let from = Pos2::new(left, zoomed.center().y);
    harness.drag(from, from + vec2(60.0, 0.0));
    let panned = harness.get_by_label("Marker: Part of her week").rect();
    assert!(
        (panned.left() - zoomed.left() - 60.0).abs() < 2.0,
        "{zoomed:?} -> {panned:?}"
    );
}

/// Regression (first-hour issue, item 5): Escape cleared the map selection while a combo box was
/// open, and the arrow keys in an open menu nudged the selected placement.
#[test]
fn escape_and_arrows_belong_to_an_open_menu_first() {
    let (_dir, mut harness) = open_sample_copy();
    harness.click("Marker: Part of her week");
    let excerpt = harness.state().selected_excerpt().expect("selected");
    let before = harness.placement(1, excerpt.0).unwrap().position;
    harness.click("Lanes by: case");
    harness.press(Key::ArrowRight);
    assert_eq!(harness.placement(1, excerpt.0).unwrap().position, before);
    harness.press(Key::Escape);
    assert_eq!(
        harness.state().selected_excerpt(),
        Some(excerpt),
        "the first Escape closes the menu only"
    );
}

/// Regression (first-hour issue, item 4): after Fit, a change of the map's size (the panel
/// dragged, the window resized) left the map at the old zoom, so it no longer fitted; it is
/// fitted again until the user zooms by hand.
#[test]
fn fit_fits_again_when_the_map_changes_size_until_the_user_zooms() {
    use egui_kittest::kittest::By;
    let (_dir, mut harness) = open_sample_copy();
    show_every_annotator(&mut harness, "Anna Holm");
    harness.click("Lanes by: case");
    harness.click_last("role");
    // A taller map panel first, then Fit, then the panel made shorter again.
    let splitter = |h: &Window| h.get_by_label("Resize Continuum panel").rect().center();
    let at = splitter(&harness);
    harness.drag(at, at - vec2(0.0, 200.0));
    harness.click("Fit");
    // Only markers on screen are in the accessibility tree: a fitted map shows them all.
    let markers = |h: &Window| {
        h.query_all(By::new().predicate(|n| n.label().is_some_and(|l| l.starts_with("Marker: "))))
            .count()
    };
    let all = markers(&harness);
    assert!(all >= 39, "{all}");
    let at = splitter(&harness);
    harness.drag(at, at + vec2(0.0, 180.0));
    assert_eq!(markers(&harness), all, "fitted again to the shorter map");
    // Zoomed by hand, a change of size leaves the zoom alone.
    let zoom = |h: &Window| (10..=400).map(|p| format!("{p}%")).find(|p| h.shows(p));
    harness.click("+");
    let chosen = zoom(&harness);
    assert!(chosen.is_some());
    let at = splitter(&harness);
    harness.drag(at, at - vec2(0.0, 100.0));
    assert_eq!(zoom(&harness), chosen, "the hand-chosen zoom is kept");
}

/// Found looking at a 1M-word study: zoomed in on a crowded lane, the canvas showed only bigger
/// bars, with nothing saying how to see the markers. The map now says which lanes are strips (to
/// a screen reader too) and how to see their markers one by one.
#[test]
fn a_crowded_lane_is_a_strip_and_the_map_says_how_to_see_each_marker() {
    use crate::support::fixtures::{excerpt, transcript};
    use egui_kittest::kittest::NodeT;
    let mut project = crate::support::small_project();
    project
        .apply(Edit::AddTranscript(Transcript {
            participant: Some(ParticipantId(1)),
            case: Some(CaseId(1)),
            ..transcript(2, "Long", "ord ".repeat(8_000))
        }))
        .unwrap();
    for i in 0..8_000u32 {
        let id = ExcerptId(10 + i);
        let (start, end) = ((i * 4) as usize, (i * 4 + 3) as usize);
        project
            .apply(Edit::AddExcerpt(excerpt(id.0, 2, start, end)))
            .unwrap();
        let edit = Edit::place(&project, AnnotatorId(1), id, 0.5, Timestamp(1));
        project.apply(edit).unwrap();
    }
    let (_dir, path) = crate::support::saved_in_temp("crowded.continuum", &project);
    let harness = open(&path);
    let about = harness
        .get_by_label("Continuum map")
        .accesskit_node()
        .description()
        .unwrap_or_default();
    assert!(
        about.contains("1 lane shown as density strips, too crowded for each marker."),
        "{about}"
    );
    assert_eq!(
        harness.query_all_by_label_contains("Marker: ").count(),
        0,
        "a strip has no markers to hover or drag"
    );
}
