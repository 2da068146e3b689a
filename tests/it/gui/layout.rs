//! How the window shares its room: the map's height, the side panels' widths, where windows open.

use crate::support::gui::*;
use continuum::ui::StartOptions;
use egui::{Key, Modifiers, vec2};
use egui_kittest::kittest::Queryable;

/// Adds an annotator through the Annotators menu, or through the button the map panel shows
/// while there is none.
fn add_annotator_from_menu(harness: &mut Window, name: &str) {
    if harness.state().project().annotators.is_empty() {
        assert!(harness.shows("Add an annotator to start placing excerpts on the continuum."));
    } else {
        harness.click("Annotators");
    }
    harness.click("Add annotator…");
    harness.get_by_label("Name:").type_text(name);
    harness.run();
    harness.click("Add");
}

/// Regression (first-hour issue, item 3): in a new project the map panel shrank to its content
/// (a one-line message) and kept that height, leaving the map 60 px, and 40 px once a second
/// annotator's tray wrapped. The map keeps room for its axis, anchors and a few rows.
#[test]
fn the_map_keeps_a_usable_height_after_new_and_with_a_long_tray() {
    for size in [vec2(900.0, 560.0), vec2(1000.0, 700.0), vec2(1400.0, 860.0)] {
        let mut harness = start_sized(size, StartOptions::default());
        harness.shortcut(Modifiers::COMMAND, Key::N);
        add_annotator_from_menu(&mut harness, "Anna");
        let canvas = harness.get_by_label("Continuum map").rect();
        assert!(canvas.height() >= 120.0, "{size:?}: the map is {canvas:?}");
        drop(harness);

        // The sample with a second annotator, who has every excerpt still to place: a long tray.
        let mut harness = start_sized(size, StartOptions::default());
        add_annotator_from_menu(&mut harness, "Nanna");
        let canvas = harness.get_by_label("Continuum map").rect();
        assert!(canvas.height() >= 120.0, "{size:?}: the map is {canvas:?}");
    }
}

/// Regression (first-hour issue, item 4): at 1000×700 the middle column was about 420 px, the
/// inspector could not go below ~310 px, and its width changed with its content ("near
/// Professional"), shifting the middle column as the selection changed.
#[test]
fn side_panels_leave_the_middle_room_and_keep_their_width_whatever_is_selected() {
    let mut harness = start_sized(vec2(1000.0, 700.0), StartOptions::default());
    let middle = |h: &Window| h.get_by_label("Continuum map").rect().width();
    let before = middle(&harness);
    assert!(
        before >= 500.0,
        "the middle column's map is {before} px wide"
    );
    // Nothing of the map panel runs under the inspector (the filter row once did, by 60 px).
    let inspector_left = harness.get_by_label("Memos").rect().left() - 8.0;
    for control in [
        "Continuum map",
        "Code: all",
        "Role: all",
        "Case: all",
        "Fit",
    ] {
        for node in harness.get_all_by_label(control) {
            assert!(
                node.rect().right() <= inspector_left,
                "{control} at {:?} runs under the inspector at {inspector_left}",
                node.rect()
            );
        }
    }
    harness.click("Fit");
    let mut widths = Vec::new();
    for marker in [
        "Marker: Part of her week",
        "Marker: Closeness as burden",
        "Marker: A good neighbour",
    ] {
        harness.click(marker);
        assert!(harness.state().selected_excerpt().is_some(), "{marker}");
        widths.push(middle(&harness));
    }
    assert!(
        widths.iter().all(|&w| (w - before).abs() < 0.5),
        "the middle column moved: {before} then {widths:?}"
    );
}

/// Found by a new-user walkthrough: shrinking the window to 1000 px kept the side
/// panels' widths, leaving the transcript and map 250 px wide and the map without its axis.
#[test]
fn shrinking_the_window_shrinks_the_side_panels_before_the_middle() {
    let mut harness = start_sized(vec2(1400.0, 860.0), StartOptions::default());
    harness.set_size(vec2(1000.0, 700.0));
    harness.run();
    let width = harness.get_by_label("Continuum map").rect().width();
    assert!(width >= 440.0, "the map is {width} px wide");
}

/// Regression (a new user's trial): after the window was made small and then large again, the
/// side panels stayed as narrow as the small window had made them, the transcript list wrapping
/// every name. They come back to their width, and one the user dragged them to is kept.
#[test]
fn side_panels_come_back_to_their_width_when_the_window_grows_again() {
    let mut harness = start_sized(vec2(1400.0, 860.0), StartOptions::default());
    // A panel's width, from where its splitter is.
    let width = |h: &Window, region: &str| {
        let x = h
            .get_by_label(&format!("Resize {region}"))
            .rect()
            .center()
            .x;
        match region {
            "Transcripts" => x,
            _ => h.ctx.content_rect().right() - x,
        }
    };
    let (list, inspector) = (width(&harness, "Transcripts"), width(&harness, "Inspector"));
    harness.set_size(vec2(900.0, 600.0));
    harness.run();
    assert!(
        width(&harness, "Transcripts") < list - 20.0,
        "the small window narrows them"
    );
    harness.set_size(vec2(1400.0, 860.0));
    harness.run();
    assert_eq!(width(&harness, "Transcripts"), list);
    assert_eq!(width(&harness, "Inspector"), inspector);

    // A width the user chose is the one it comes back to.
    let handle = harness.get_by_label("Resize Transcripts").rect().center();
    harness.drag(handle, handle - vec2(40.0, 0.0));
    let chosen = width(&harness, "Transcripts");
    assert!(chosen < list - 30.0, "{chosen} after the drag");
    harness.set_size(vec2(900.0, 600.0));
    harness.run();
    harness.set_size(vec2(1400.0, 860.0));
    harness.run();
    assert_eq!(width(&harness, "Transcripts"), chosen);
}

/// Regression (found by the session test): the Compare window opened at the top left, its corner
/// over the File menu, so clicking File resized the window instead.
#[test]
fn the_compare_and_agreement_windows_open_clear_of_the_menu_bar() {
    let (_dir, mut harness) = open_sample_copy();
    let menu_bottom = harness.get_by_label("File").rect().bottom();
    for item in ["Compare annotators…", "Agreement…"] {
        harness.menu("Annotators", item);
    }
    for title in ["Compare annotators", "Agreement between annotators"] {
        let top = harness.get_by_label(title).rect().top();
        assert!(top > menu_bottom + 20.0, "{title} at {top}");
    }
}
