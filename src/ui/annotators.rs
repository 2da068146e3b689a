//! Choosing the active annotator, and the "Add annotator" dialog.

use super::Command;
use super::state::{Outbox, ViewState};
use crate::model::{Annotator, Colour, Edit, Project};

/// The toolbar's annotator chooser.
pub fn chooser(ui: &mut egui::Ui, project: &Project, view: &mut ViewState, out: &mut Outbox) {
    ui.label("Annotator:");
    let current = view.active_annotator.and_then(|a| project.annotator(a));
    let selected_text = current.map_or_else(|| "none".to_owned(), |a| a.name.clone());
    let response = egui::ComboBox::from_id_salt("active-annotator")
        .selected_text(swatch_text(current, &selected_text))
        .show_ui(ui, |ui| {
            for annotator in &project.annotators {
                let text = swatch_text(Some(annotator), &annotator.name);
                ui.selectable_value(&mut view.active_annotator, Some(annotator.id), text);
            }
            ui.separator();
            if ui.button(Command::AddAnnotator.label()).clicked() {
                out.command(Command::AddAnnotator);
            }
        });
    response
        .response
        .on_hover_text("Whose placements you see and make on the continuum");
}

fn swatch_text(annotator: Option<&Annotator>, name: &str) -> egui::RichText {
    // The name in the annotator's own colour, so the chooser doubles as the legend.
    let mut text = egui::RichText::new(name).strong();
    if let Some(a) = annotator {
        text = text.color(egui::Color32::from_rgb(a.colour.r, a.colour.g, a.colour.b));
    }
    text
}

/// The open "Add annotator" dialog.
pub struct AddAnnotatorDialog {
    name: String,
    colour: [u8; 3],
    error: Option<String>,
}

impl AddAnnotatorDialog {
    pub fn new(project: &Project) -> Self {
        let c = Colour::PALETTE[project.annotators.len() % Colour::PALETTE.len()];
        Self {
            name: String::new(),
            colour: [c.r, c.g, c.b],
            error: None,
        }
    }

    /// Shows the dialog. Returns `false` once it should close.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        view: &mut ViewState,
        out: &mut Outbox,
    ) -> bool {
        let mut open = true;
        egui::Modal::new(egui::Id::unique("add-annotator")).show(ctx, |ui| {
            ui.set_width(320.0);
            ui.heading("Add annotator");
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let label = ui.label("Name:");
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.name)
                            .hint_text("e.g. Nanna")
                            .desired_width(200.0),
                    )
                    .labelled_by(label.id);
                response.request_focus();
            });
            ui.horizontal(|ui| {
                ui.label("Colour:");
                egui::color_picker::color_edit_button_srgb(ui, &mut self.colour);
            });
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.add_space(6.0);
            let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if ui.button("Add").clicked() || enter {
                    let name = self.name.trim();
                    if name.is_empty() {
                        self.error = Some("Give the annotator a name.".to_owned());
                    } else if project
                        .annotators
                        .iter()
                        .any(|a| a.name.eq_ignore_ascii_case(name))
                    {
                        self.error =
                            Some(format!("There already is an annotator called “{name}”."));
                    } else {
                        let id = project.next_annotator_id();
                        out.edit(Edit::AddAnnotator(Annotator {
                            id,
                            name: name.to_owned(),
                            colour: Colour::rgb(self.colour[0], self.colour[1], self.colour[2]),
                            placements: Vec::new(),
                        }));
                        view.active_annotator = Some(id);
                        open = false;
                    }
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    open = false;
                }
            });
        });
        open
    }
}
