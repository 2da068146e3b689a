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

/// A combo box of the project's layers (mean, median, consensus, each coder) for findings,
/// captioned `caption`.
pub(crate) fn layer_combo(
    ui: &mut egui::Ui,
    caption: &str,
    id: &str,
    project: &crate::model::Project,
    layer: &mut crate::analysis::Layer,
) {
    let caption = ui.label(caption);
    egui::ComboBox::from_id_salt(id)
        .selected_text(layer.name(project))
        .show_ui(ui, |ui| {
            for choice in crate::analysis::Layer::choices(project) {
                ui.selectable_value(layer, choice, choice.name(project));
            }
        })
        .response
        .labelled_by(caption.id);
}
