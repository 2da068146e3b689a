//! Small widgets and conversions shared by several panels.

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
