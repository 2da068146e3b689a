//! Small widgets and conversions shared by several panels.

/// A model colour for painting: the model knows nothing of egui, so the conversion lives here.
pub(crate) fn colour32(c: crate::model::Colour) -> egui::Color32 {
    egui::Color32::from_rgb(c.r, c.g, c.b)
}

/// A small round swatch of `colour`, to go before the text of a button (a code's chip, a
/// palette entry). It is painted, not text, so the button's accessible label stays its text.
pub(crate) fn swatch(colour: crate::model::Colour) -> egui::Atom<'static> {
    egui::Atom::paint(egui::vec2(10.0, 10.0), move |ui, args| {
        let painter = ui.painter();
        painter.circle_filled(args.rect.center(), 5.0, colour32(colour));
        painter.circle_stroke(
            args.rect.center(),
            5.0,
            egui::Stroke::new(0.5, args.fallback_text_color),
        );
    })
}

/// A slider for a position on the continuum, shown to two decimals but never rounding the stored
/// value: egui's `fixed_decimals` (with the default clamping) rounds a value merely by showing it,
/// which would quietly move placements such as 1/3 to 0.33.
pub(crate) fn position_slider(value: &mut f64) -> egui::Slider<'_> {
    egui::Slider::new(value, 0.0..=1.0)
        .clamping(egui::SliderClamping::Never)
        .custom_formatter(|v, _| format!("{v:.2}"))
}

/// Names a control after its caption and its value ("Lanes by: case"), so a screen reader says
/// both. On Linux AccessKit passes a combo box's value nowhere (AT-SPI has only a name and a
/// numeric value), and a control named by `labelled_by` alone says just its caption.
pub fn name_with_value(ui: &egui::Ui, control: &egui::Response, caption: &str, value: &str) {
    // Worked out only while AccessKit is on, not every frame for everyone.
    ui.ctx().accesskit_node_builder(control.id, |node| {
        node.set_label(format!("{}: {value}", caption.trim().trim_end_matches(':')));
    });
}

/// A combo box after its caption ("Metric:"), of `value` said in words by `text`, with the list
/// `entries` draws (each entry through [`choose`]). It is named "Metric: interval" for screen
/// readers through [`name_with_value`], with the value chosen in this frame, not the one the
/// closed box was drawn with.
pub fn captioned_combo<V>(
    ui: &mut egui::Ui,
    caption: &str,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    value: &mut V,
    text: impl Fn(&V) -> String,
    entries: impl FnOnce(&mut egui::Ui, &mut V),
) -> egui::Response {
    ui.label(caption);
    let response = egui::ComboBox::from_id_salt(id_salt)
        .selected_text(text(value))
        .show_ui(ui, |ui| entries(ui, value))
        .response;
    name_with_value(ui, &response, caption, &text(value));
    response
}

/// Names the panel `ui` is drawn in (a region of the window) for screen readers, which list the
/// window's regions by name: egui leaves a panel nameless.
pub fn name_region(ui: &egui::Ui, name: &str) {
    let stack = ui.stack();
    let panel = stack
        .iter()
        .find(|s| s.is_panel_ui())
        .map_or(ui.unique_id(), |s| s.unique_id);
    ui.ctx().accesskit_node_builder(panel, |node| {
        node.set_role(egui::accesskit::Role::Pane);
        node.set_label(name);
    });
}

/// Names the resize handle of the panel `panel_salt`, shown in `ui`, after its region ("Resize
/// Inspector"): egui names every one "Resize panel", and a screen reader heard three alike. Call
/// it after the panel is shown. egui 0.37 keys the handle by the parent's scope id, the panel's
/// salt and "__resize" (`resize_widget_id` in its panel.rs); a test fails if that changes.
pub fn name_resize_handle(ui: &egui::Ui, panel_salt: &str, region: &str) {
    let handle = super::side_panels::resize_handle(ui, panel_salt);
    ui.ctx().accesskit_node_builder(handle, |node| {
        node.set_label(format!("Resize {region}"));
    });
}

/// A heading that a screen reader lists as one (egui's `heading` is a plain label to it), so the
/// panels can be moved through by their headings.
pub fn heading(ui: &mut egui::Ui, text: impl Into<egui::RichText>) -> egui::Response {
    let text = text.into();
    let name = text.text().to_owned();
    let response = ui.heading(text);
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_role(egui::accesskit::Role::Heading);
        node.set_label(name);
    });
    response
}

/// Marks `response` (a label whose text changes, such as the save state) as a live region: a
/// screen reader says its new text when it changes, without the user going to it.
pub fn announce_changes(ui: &egui::Ui, response: &egui::Response) {
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_live(egui::accesskit::Live::Polite);
    });
}

/// An entry of an open combo box's list: chooses `choice` and closes the list. egui closes it on
/// a pointer's click only, so a screen reader's action (AT-SPI's click) chose and left it open.
pub fn choose<V: PartialEq>(
    ui: &mut egui::Ui,
    value: &mut V,
    choice: V,
    text: impl Into<egui::WidgetText>,
) -> egui::Response {
    let response = ui.selectable_value(value, choice, text);
    if response.clicked() {
        ui.close();
    }
    response
}

/// A combo box of the project's layers (mean, median, consensus, each coder) for findings,
/// captioned `caption`.
pub(crate) fn layer_combo(
    ui: &mut egui::Ui,
    caption: &str,
    id: &str,
    project: &crate::model::Project,
    layer: &mut crate::analysis::Layer,
) {
    captioned_combo(
        ui,
        caption,
        id,
        layer,
        |layer| layer.name(project),
        |ui, layer| {
            for choice in crate::analysis::Layer::choices(project) {
                choose(ui, layer, choice, choice.name(project));
            }
        },
    );
}
