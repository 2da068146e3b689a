//! The eframe application: one file per panel, dialog or window. Panels read the project and the
//! view state and put steps (edits, commands, messages) into an
//! [`Outbox`](outbox::Outbox); the [`App`] applies them, in order, after the frame's panels are
//! drawn. Dialogs implement [`Dialog`](dialog::Dialog) and report the same way. Saving, opening
//! and closing follow the state machine in [`file_flow`]. UI code never writes files itself:
//! that goes through [`crate::document`] and [`crate::io`]. See `docs/architecture.md`.

mod agreement_window;
mod annotators;
mod app;
mod commands;
mod comparison;
mod confirm;
mod continuum_panel;
mod dialog;
mod export_map;
mod file_dialogs;
mod file_flow;
mod filter_choices;
mod find_bar;
mod findings_window;
mod fonts;
mod import_dialog;
mod inspector;
mod keys;
mod map_canvas;
mod map_view;
mod menus;
mod merge_dialog;
mod notifications;
mod opening;
mod outbox;
mod qdpx_dialog;
mod recovery;
mod replace_text;
mod report_dialog;
mod screenshot;
mod search_window;
mod settings;
mod side_panels;
mod transcript_keys;
mod transcript_list;
mod transcript_view;
mod view_state;
mod widgets;

pub use app::{App, StartOptions};
pub use commands::Command;
pub use file_dialogs::{FileDialogs, NativeFileDialogs};
pub use fonts::add_system_font_fallback;
pub use recovery::AUTOSAVE_DELAY;

/// Opens the main window and runs until it is closed.
pub fn run(options: StartOptions) -> eframe::Result {
    let native_options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Continuum")
            .with_app_id("continuum")
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([900.0, 560.0]),
        // Installed by us, below, as the tests install it.
        system_font_fallback: false,
        ..Default::default()
    };
    eframe::run_native(
        "Continuum",
        native_options,
        Box::new(|cc| {
            add_system_font_fallback(&cc.egui_ctx);
            Ok(Box::new(App::new(cc, options)))
        }),
    )
}
