//! Exporting the map as a figure: the dialog, what it starts from and remembers, and its font.

use crate::support::gui::*;
use crate::support::*;
use continuum::io;
use continuum::model::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::path::Path;
use tempfile::TempDir;

/// The app on the project at `path`, saving figures into `dir`.
fn figures_beside(dir: &TempDir, path: &Path) -> Window {
    with_dialogs(
        Some(path),
        FakeDialogs::saving(dir.path().join("unused.continuum")),
    )
}

/// Opens the Export map dialog and adds Jonas's markers to Anna's, the active annotator's.
fn export_both_annotators(harness: &mut Window) {
    harness.menu("File", "Export map…");
    harness.click("Jonas Berg");
}

#[test]
fn the_export_map_dialog_writes_the_figure_where_the_user_says() {
    let (dir, path) = sample_copy();
    let mut harness = figures_beside(&dir, &path);
    harness.menu("File", "Export map…");
    assert!(
        harness.shows_containing("39 markers in 2 lanes"),
        "it starts from the canvas, which shows the active annotator's markers"
    );
    harness.click("Jonas Berg");
    assert!(
        harness.shows_containing("80 markers in 2 lanes"),
        "Jonas's too now"
    );
    harness.click("Jonas Berg");
    assert!(
        harness.shows_containing("39 markers in 2 lanes"),
        "only Anna's again"
    );
    harness.click("Export…");
    let figure = dir.path().join("care-settings-map.svg");
    let svg = std::fs::read_to_string(&figure).expect("the figure was written");
    assert_eq!(
        svg.matches("<circle").count(),
        39 + 1,
        "Anna's markers and her legend dot"
    );
    assert!(
        harness
            .state()
            .notices()
            .iter()
            .any(|n| n.starts_with("Map exported: wrote"))
    );
}

#[test]
fn export_map_starts_from_the_canvas_filters_and_can_drop_them() {
    let (dir, path) = sample_copy();
    let mut harness = figures_beside(&dir, &path);
    harness.click("Role: all");
    harness.click_last("citizen");
    harness.menu("File", "Export map…");
    assert!(
        harness.shows_containing("13 markers in 2 lanes"),
        "Anna's placements of the citizens' excerpts, as on the canvas"
    );
    harness.click("Export without filters");
    assert!(harness.shows_containing("39 markers in 2 lanes"));
}

/// Regression (first-hour issue, item 8): the Export map dialog forgot everything between
/// exports (annotators, lines, title, format), and a new project's figures were titled
/// "Untitled project"; New now asks for the title on the empty project's page.
#[test]
fn the_export_dialog_remembers_the_last_export_and_new_asks_for_a_title() {
    let (dir, path) = sample_copy();
    let mut harness = figures_beside(&dir, &path);
    export_both_annotators(&mut harness);
    harness.retype("Title:", "Figure 2");
    harness.click("Export…");
    assert!(dir.path().join("care-settings-map.svg").exists());

    harness.menu("File", "Export map…");
    assert!(
        harness.shows_containing("80 markers in 2 lanes;"),
        "both annotators, as in the last export"
    );
    let title = harness
        .get_by_role_and_label(egui::Role::TextInput, "Title:")
        .value()
        .unwrap_or_default();
    assert!(title.ends_with("Figure 2"), "{title:?}");
    harness.click("Cancel");

    // A new project: its page asks for the title, which then heads the export.
    harness.shortcut(Modifiers::COMMAND, Key::N);
    assert_eq!(harness.state().project().title, "");
    harness.type_into("Project title:", "Home care 2026");
    assert_eq!(harness.state().project().title, "Home care 2026");
}

/// The export settings are kept in the project's view settings: saved, reopened, the next export
/// starts from them (first-hour issue, item 8).
#[test]
fn the_last_export_settings_are_saved_with_the_project() {
    let (dir, path) = sample_copy();
    let mut harness = figures_beside(&dir, &path);
    export_both_annotators(&mut harness);
    harness.click("Export…");
    // An export is no change to the research: nothing unsaved until something else is.
    harness.move_a_marker();
    harness.shortcut(Modifiers::COMMAND, Key::S);
    let saved = io::load_project(&path).unwrap();
    let figure = saved.view.figure.expect("the figure settings are saved");
    assert_eq!(
        figure.annotators,
        Some(vec![AnnotatorId(1), AnnotatorId(2)])
    );
    drop(harness);

    let mut harness = figures_beside(&dir, &path);
    harness.menu("File", "Export map…");
    assert!(
        harness.shows_containing("80 markers in 2 lanes;"),
        "both annotators, as in the export before the project was closed"
    );
}

#[test]
fn the_map_font_bundled_in_assets_is_the_font_the_window_draws_with() {
    let definitions = egui::FontDefinitions::default();
    let window_font = definitions
        .font_data
        .get("Ubuntu-Light")
        .expect("egui's proportional font");
    let bytes: &[u8] = (*window_font.font).as_ref();
    assert!(
        bytes == continuum::map::MAP_FONT,
        "assets/fonts/Ubuntu-Light.ttf differs from egui's; copy egui's file again"
    );
}

/// Regression (a new user's trial): while coding blind, Export map ticked the other coder, as
/// remembered from an export before, and the figure showed her markers and her name.
#[test]
fn a_figure_exported_while_coding_blind_shows_only_the_blind_coders_markers() {
    let (dir, path) = sample_copy();
    let mut harness = figures_beside(&dir, &path);
    export_both_annotators(&mut harness);
    assert!(harness.shows_containing("80 markers in 2 lanes"));
    harness.click("Export…");
    harness.click("Code blind");
    harness.menu("File", "Export map…");
    assert!(harness.shows_containing("39 markers in 2 lanes"));
    assert!(harness.shows("Anna Holm only (coding blind)"));
    assert!(!harness.shows("Jonas Berg"), "no box to tick Jonas with");
    harness.click("Export…");
    let svg = std::fs::read_to_string(dir.path().join("care-settings-map.svg")).unwrap();
    assert_eq!(svg.matches("<circle").count(), 39 + 1);
    assert!(!svg.contains("Jonas"), "his name is not in the legend");
}

/// Regression (a new user's trial): the dialog was centred on the window, so it moved each time
/// its content changed height (PNG chosen, an annotator ticked) and the next click missed.
#[test]
fn the_export_dialog_stays_put_while_its_content_changes_height() {
    let (dir, path) = sample_copy();
    let mut harness = figures_beside(&dir, &path);
    harness.menu("File", "Export map…");
    let top = |harness: &Window| harness.get_by_label("Export map").rect().top();
    let before = top(&harness);
    let height = |harness: &Window| harness.get_by_label("Export…").rect().top();
    let buttons_before = height(&harness);
    harness.click("PNG");
    harness.click("Jonas Berg");
    assert!(
        height(&harness) > buttons_before,
        "the PNG options made the dialog taller"
    );
    assert_eq!(top(&harness), before);
}
