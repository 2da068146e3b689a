//! Image snapshots of the window on the bundled sample, rendered by egui_kittest's wgpu renderer
//! (Mesa's software Vulkan, lavapipe, where there is no GPU). Built only with
//! `--features snapshot`; CI runs them. After a deliberate change of the look, run
//! `UPDATE_SNAPSHOTS=1 cargo test --features snapshot --test it snapshot`, look at the new images
//! in `tests/snapshots/`, and commit them.

use crate::gui::{select_week_and_neighbour, show_every_annotator};
use continuum::ui::{App, StartOptions};
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The bundled sample (not a copy in a temporary folder, whose path would show in the status bar).
fn window() -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(vec2(1400.0, 860.0))
        .with_max_steps(64)
        .wgpu()
        .build_eframe(|cc| App::new(cc, StartOptions::default()));
    harness.run();
    harness
}

#[test]
fn snapshot_of_the_window_with_the_sample_map() {
    let mut harness = window();
    harness.snapshot("window_sample_map");
}

#[test]
fn snapshot_of_a_selection_on_the_map_of_both_annotators_by_role() {
    let mut harness = window();
    show_every_annotator(&mut harness, "Anna Holm");
    harness.get_by_label("Lanes by").click();
    harness.run();
    harness.get_all_by_label("role").last().unwrap().click();
    harness.run();
    harness.get_by_label("Fit").click();
    harness.run();
    select_week_and_neighbour(&mut harness);
    harness.remove_cursor();
    harness.run();
    harness.snapshot("window_selection_by_role");
}
