//! Image snapshots of the window on the bundled sample, rendered by egui_kittest's wgpu renderer
//! (Mesa's software Vulkan, lavapipe, where there is no GPU). Built only with
//! `--features snapshot`; CI runs them. After a deliberate change of the look, run
//! `UPDATE_SNAPSHOTS=1 cargo test --features snapshot --test it snapshot`, look at the new images
//! in `tests/snapshots/`, and commit them.

use crate::support::gui::{
    Drive, WINDOW_SIZE, Window, builder, select_week_and_neighbour, show_every_annotator,
};
use continuum::ui::{App, StartOptions};

/// The bundled sample (not a copy in a temporary folder, whose path would show in the status bar).
fn window() -> Window {
    let mut harness = builder(WINDOW_SIZE)
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
    harness.click("Lanes by: case");
    harness.click_last("role");
    harness.click("Fit");
    select_week_and_neighbour(&mut harness);
    harness.remove_cursor();
    harness.run();
    harness.snapshot("window_selection_by_role");
}
