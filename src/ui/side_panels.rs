//! The side panels' widths across window sizes. egui keeps a panel's width clamped to the
//! largest the smaller window allowed, so after shrinking the window and making it large again
//! the transcript list and the inspector stayed narrow (the list wrapping every name). Each side
//! panel here remembers the width it should have, the one the user dragged it to or else its
//! default, and goes back to it when the window has room again.

use egui::containers::panel::PanelState;

/// The width one side panel should have.
#[derive(Default)]
pub struct SideWidth {
    /// The width the user dragged the panel to, if they did.
    chosen: Option<f32>,
}

impl SideWidth {
    /// `panel` (shown in `ui` with the salt `salt`) set back to its width if the window's
    /// narrowness took some away: the user's, or else `default`, as far as `max` allows.
    pub fn restore(
        &self,
        ui: &egui::Ui,
        panel: egui::Panel,
        salt: &str,
        default: f32,
        max: f32,
    ) -> egui::Panel {
        let id = ui.scope_id().with(salt);
        let target = self.chosen.unwrap_or(default).min(max);
        let now = PanelState::load(ui.ctx(), id).map(|state| state.size().x);
        let dragging = ui
            .ctx()
            .read_response(resize_handle(ui, salt))
            .is_some_and(|handle| handle.dragged());
        match now {
            Some(width) if width + 0.5 < target && !dragging => panel.exact_size(target),
            _ => panel,
        }
    }

    /// After the panel is shown: a width the user dragged it to is the one to keep.
    pub fn remember(&mut self, ui: &egui::Ui, salt: &str) {
        let dragged = ui
            .ctx()
            .read_response(resize_handle(ui, salt))
            .is_some_and(|handle| handle.dragged() || handle.drag_stopped());
        if dragged && let Some(state) = PanelState::load(ui.ctx(), ui.scope_id().with(salt)) {
            self.chosen = Some(state.size().x);
        }
    }
}

/// The id egui 0.37 gives the resize handle of the panel `salt` shown in `ui`
/// (`resize_widget_id` in its panel.rs).
pub fn resize_handle(ui: &egui::Ui, salt: &str) -> egui::Id {
    ui.scope_id().with(salt).with("__resize")
}
