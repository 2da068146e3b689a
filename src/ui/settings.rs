//! The "Project settings" dialog: the project's title and its continuum (pole labels and anchors).
//! Works on a draft; "Apply" sends the changes as one undoable step.

use super::dialog::{Dialog, DialogContext};
use super::outbox::Outbox;
use crate::model::{Anchor, Continuum, Edit, Project};

pub struct SettingsDialog {
    title: String,
    continuum: Continuum,
    error: Option<String>,
}

impl SettingsDialog {
    pub fn new(project: &Project) -> Self {
        Self {
            title: project.title.clone(),
            continuum: project.continuum.clone(),
            error: None,
        }
    }

    /// Checks the draft; returns the continuum to store (anchors sorted by position).
    fn checked(&self) -> Result<Continuum, String> {
        if self.title.trim().is_empty() {
            return Err("Give the project a title.".to_owned());
        }
        if self.continuum.closeness_label.trim().is_empty()
            || self.continuum.distance_label.trim().is_empty()
        {
            return Err("Both poles need a label.".to_owned());
        }
        let mut continuum = self.continuum.clone();
        for anchor in &mut continuum.anchors {
            anchor.name = anchor.name.trim().to_owned();
            if anchor.name.is_empty() {
                return Err("Every anchor needs a name.".to_owned());
            }
        }
        continuum
            .anchors
            .sort_by(|a, b| a.position.total_cmp(&b.position));
        Ok(continuum)
    }
}

fn labelled_text(ui: &mut egui::Ui, label: &str, text: &mut String) {
    let caption = ui.label(label);
    ui.add_sized([400.0, 20.0], egui::TextEdit::singleline(text))
        .labelled_by(caption.id);
    ui.end_row();
}

impl Dialog for SettingsDialog {
    /// Shows the dialog. Returns `false` once it should close.
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool {
        let project: &Project = cx.project;
        let out: &mut Outbox = cx.out;
        let mut open = true;
        super::dialog::steady_modal(ctx, egui::Id::unique("project-settings")).show(ctx, |ui| {
            ui.set_width(680.0);
            ui.heading("Project settings");
            ui.add_space(6.0);
            egui::Grid::new("settings-grid")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    labelled_text(ui, "Title:", &mut self.title);
                    labelled_text(
                        ui,
                        "Closeness pole (0):",
                        &mut self.continuum.closeness_label,
                    );
                    labelled_text(ui, "Distance pole (1):", &mut self.continuum.distance_label);
                });
            ui.add_space(8.0);
            ui.strong("Anchors");
            ui.label(
                egui::RichText::new(
                    "Named points on the axis, from 0 (closeness) to 1 (distance). Placements keep \
                     their positions when anchors move.",
                )
                .weak(),
            );
            let mut remove = None;
            egui::Grid::new("anchors-grid")
                .num_columns(5)
                .spacing([8.0, 4.0])
                .striped(true)
                .show(ui, |ui| {
                    ui.label("");
                    ui.label("Name");
                    // Column headers name the fields below them for screen readers.
                    let position_header = ui.label("Position").id;
                    let description_header = ui.label("Description").id;
                    ui.label("");
                    ui.end_row();
                    for (i, anchor) in self.continuum.anchors.iter_mut().enumerate() {
                        let caption =
                            ui.label(egui::RichText::new(format!("Anchor {}", i + 1)).weak());
                        // Sized explicitly: inside a grid a text field would otherwise shrink to its minimum.
                        ui.add_sized(
                            [130.0, 20.0],
                            egui::TextEdit::singleline(&mut anchor.name)
                                .id_salt(("anchor-name", i)),
                        )
                        .labelled_by(caption.id);
                        ui.add(
                            egui::DragValue::new(&mut anchor.position)
                                .range(0.0..=1.0)
                                .speed(0.005)
                                // Shown rounded, stored exactly: see `position_slider`.
                                .custom_formatter(|v, _| format!("{v:.2}")),
                        )
                        .labelled_by(position_header);
                        ui.add_sized(
                            [300.0, 20.0],
                            egui::TextEdit::singleline(&mut anchor.description)
                                .id_salt(("anchor-description", i)),
                        )
                        .labelled_by(description_header);
                        if ui.small_button("Remove").clicked() {
                            remove = Some(i);
                        }
                        ui.end_row();
                    }
                });
            if let Some(i) = remove {
                self.continuum.anchors.remove(i);
            }
            ui.horizontal(|ui| {
                if ui.button("Add anchor").clicked() {
                    self.continuum.anchors.push(Anchor {
                        name: "New anchor".to_owned(),
                        position: 0.5,
                        description: String::new(),
                    });
                }
                if ui
                    .button("Reset to Family – Stranger")
                    .on_hover_text("The default continuum: Family, Friend, Professional, Stranger")
                    .clicked()
                {
                    self.continuum = Continuum::default();
                }
            });
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Apply").clicked() {
                    match self.checked() {
                        Ok(continuum) => {
                            let mut edits = Vec::new();
                            let title = self.title.trim().to_owned();
                            if title != project.title {
                                edits.push(Edit::SetTitle(title));
                            }
                            if continuum != project.continuum {
                                edits.push(Edit::SetContinuum(continuum));
                            }
                            if !edits.is_empty() {
                                out.group("change of project settings".to_owned(), edits);
                            }
                            open = false;
                        }
                        Err(error) => self.error = Some(error),
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
