//! The eframe application: one file per panel or dialog. Panels read the project and the view
//! state and put [`Edit`](crate::model::Edit)s and [`Command`]s into an [`Outbox`]; the [`App`]
//! applies them after the frame's panels are drawn. UI code never writes files itself: saving goes
//! through [`crate::document`] and [`crate::io`].

mod agreement_window;
mod annotators;
mod app;
mod commands;
mod comparison;
mod continuum_panel;
mod export_map;
mod file_dialogs;
mod import_dialog;
mod inspector;
mod map_canvas;
mod map_view;
mod merge_dialog;
mod notifications;
mod recovery;
mod replace_text;
mod settings;
mod state;
mod transcript_keys;
mod transcript_list;
mod transcript_view;

pub use app::{App, StartOptions};
pub use commands::Command;
pub use file_dialogs::{FileDialogs, NativeFileDialogs};
pub use recovery::AUTOSAVE_DELAY;

/// A model colour for painting: the model knows nothing of egui, so the conversion lives here.
pub(crate) fn colour32(c: crate::model::Colour) -> egui::Color32 {
    egui::Color32::from_rgb(c.r, c.g, c.b)
}

/// A slider for a position on the continuum, shown to two decimals but never rounding the stored
/// value: egui's `fixed_decimals` (with the default clamping) rounds a value merely by showing it,
/// which would quietly move placements such as 1/3 to 0.33.
pub(crate) fn position_slider(value: &mut f64) -> egui::Slider<'_> {
    egui::Slider::new(value, 0.0..=1.0)
        .clamping(egui::SliderClamping::Never)
        .custom_formatter(|v, _| format!("{v:.2}"))
}

/// Opens the main window and runs until it is closed.
pub fn run(options: StartOptions) -> eframe::Result {
    let native_options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Continuum")
            .with_app_id("continuum")
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([900.0, 560.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Continuum",
        native_options,
        Box::new(|cc| Ok(Box::new(App::new(cc, options)))),
    )
}
