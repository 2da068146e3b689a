//! What the benchmarks share: the integration tests' constructors for the pieces of a project
//! (one file, so the two do not drift apart), a generated study of any size (`corpus`, also used
//! by `examples/generate.rs`), and the window on a project file with the wheel
//! turned to time scrolling frames by.

pub mod corpus;
#[path = "../../tests/it/support/fixtures.rs"]
pub mod fixtures;

use continuum::ui::{App, StartOptions};
use egui_kittest::Harness;
use std::path::Path;

/// The app on the project at `path`, in a window of the tests' size, before its first frame.
pub fn window_on(path: &Path) -> Harness<'static, App> {
    let options = StartOptions {
        file: Some(path.to_path_buf()),
        ..StartOptions::default()
    };
    Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |cc| App::new(cc, options))
}

/// Turns the mouse wheel by `points` (positive: up) where the pointer is; the next frame scrolls.
pub fn turn_wheel(harness: &Harness<'static, App>, points: f32) {
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, points),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
}
