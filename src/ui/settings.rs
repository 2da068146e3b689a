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
        // Two anchors at one place print their names over each other on the axis, and a
        // placement would be "near" either.
        if let Some(pair) = continuum
            .anchors
            .windows(2)
            .find(|pair| pair[1].position - pair[0].position < 0.01)
        {
            return Err(format!(
                "“{}” and “{}” are both at {:.2}: give each anchor a position of its own.",
                pair[0].name, pair[1].name, pair[0].position
            ));
        }
        Ok(continuum)
    }

    /// A new anchor, in the middle of the widest gap between the anchors (or the poles), put
    /// where it goes in the list.
    fn add_anchor(&mut self) {
        let anchors = &mut self.continuum.anchors;
        let mut edges: Vec<f64> = anchors.iter().map(|a| a.position).collect();
        edges.extend([0.0, 1.0]);
        edges.sort_by(f64::total_cmp);
        let (low, high) = edges
            .windows(2)
            .map(|w| (w[0], w[1]))
            .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
            .unwrap_or((0.0, 1.0));
        let position = (low + high) / 2.0;
        let at = anchors.partition_point(|a| a.position < position);
        anchors.insert(
            at,
            Anchor {
                name: "New anchor".to_owned(),
                position,
                description: String::new(),
            },
        );
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
                    self.add_anchor();
                }
                if ui
                    .button("Reset to Family – Stranger")
                    .on_hover_text("The default continuum: Family, Friend, Professional, Stranger")
                    .clicked()
                {
                    self.continuum = Continuum::default();
                }
            });
            // A problem shown goes as soon as the draft is put right, not at the next Apply.
            if self.error.is_some() {
                self.error = self.checked().err();
            }
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

#[cfg(test)]
mod tests {
    use super::SettingsDialog;
    use crate::model::Project;

    /// Regression (a new user's trial): an anchor added went to the end of the list at 0.50,
    /// and two anchors at one position were accepted, their names printed over each other.
    #[test]
    fn a_new_anchor_goes_into_the_widest_gap_and_two_at_one_place_are_refused() {
        let mut dialog = SettingsDialog::new(&Project::new("Study"));
        dialog.add_anchor();
        let positions: Vec<f64> = dialog
            .continuum
            .anchors
            .iter()
            .map(|a| a.position)
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert_eq!(dialog.continuum.anchors.len(), 5);
        assert!(dialog.checked().is_ok());

        let at = dialog.continuum.anchors[2].position;
        dialog.continuum.anchors[3].position = at;
        let error = dialog.checked().unwrap_err();
        assert!(error.contains("are both at"), "{error}");
        dialog.continuum.anchors[3].position = at + 0.1;
        assert!(dialog.checked().is_ok());
    }
}
