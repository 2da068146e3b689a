//! Choosing the active annotator, adding annotators, and managing them (rename, recolour, remove).

use super::Command;
use super::dialog::{Dialog, DialogContext};
use super::outbox::Outbox;
use super::view_state::ViewState;
use crate::model::{Annotator, Colour, Edit, Project};

/// The toolbar's annotator chooser.
pub fn chooser(ui: &mut egui::Ui, project: &Project, view: &mut ViewState, out: &mut Outbox) {
    // While coding blind, the annotator is fixed: switching would show the others' placements.
    if let Some(blind) = project.blind.and_then(|a| project.annotator(a)) {
        ui.label("Coding blind as");
        ui.label(swatch_text(Some(blind), &blind.name));
        if ui
            .button(Command::EndBlind.label())
            .on_hover_text(Command::EndBlind.tooltip())
            .clicked()
        {
            out.command(Command::EndBlind);
        }
        return;
    }
    ui.label("Annotator:");
    let current = view.active_annotator.and_then(|a| project.annotator(a));
    let selected_text = current.map_or_else(|| "none".to_owned(), |a| a.name.clone());
    let response = egui::ComboBox::from_id_salt("active-annotator")
        .selected_text(swatch_text(current, &selected_text))
        .show_ui(ui, |ui| {
            for annotator in &project.annotators {
                let text = swatch_text(Some(annotator), &annotator.name);
                crate::ui::widgets::choose(
                    ui,
                    &mut view.active_annotator,
                    Some(annotator.id),
                    text,
                );
            }
            ui.separator();
            if ui.button(Command::AddAnnotator.label()).clicked() {
                out.command(Command::AddAnnotator);
            }
        });
    let response = response
        .response
        .on_hover_text("Whose placements you see and make on the continuum");
    let chosen = view
        .active_annotator
        .and_then(|a| project.annotator(a))
        .map_or("none", |a| a.name.as_str());
    super::widgets::name_with_value(ui, &response, "Annotator:", chosen);
    if ui
        .add_enabled(
            current.is_some(),
            egui::Button::new(Command::StartBlind.label()),
        )
        .on_hover_text(Command::StartBlind.tooltip())
        .clicked()
    {
        out.command(Command::StartBlind);
    }
}

fn swatch_text(annotator: Option<&Annotator>, name: &str) -> egui::RichText {
    // The name in the annotator's own colour, so the chooser doubles as the legend.
    let mut text = egui::RichText::new(name).strong();
    if let Some(a) = annotator {
        text = text.color(super::widgets::colour32(a.colour));
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
}

/// The "Manage annotators" dialog: rename, recolour and remove annotators. Changes apply at once
/// (and can be undone); removing asks first and says what goes with the annotator.
#[derive(Default)]
pub struct ManageAnnotatorsDialog {
    /// Names being typed, kept until they are valid (not empty, not another annotator's).
    drafts: std::collections::HashMap<crate::model::AnnotatorId, String>,
    confirm_remove: Option<crate::model::AnnotatorId>,
}

impl ManageAnnotatorsDialog {
    fn confirm_removal(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        id: crate::model::AnnotatorId,
        out: &mut Outbox,
    ) {
        let Some(annotator) = project.annotator(id) else {
            self.confirm_remove = None;
            return;
        };
        let memos = annotator
            .placements
            .iter()
            .filter(|p| !p.memo.trim().is_empty())
            .count();
        super::dialog::steady_modal(ctx, egui::Id::unique("confirm-remove-annotator")).show(
            ctx,
            |ui| {
                ui.set_width(420.0);
                ui.heading(format!("Remove “{}”?", annotator.name));
                ui.label(format!(
                    "Their {} and {} will be deleted with them. \
                 Excerpts and the other annotators' work stay. Edit > Undo brings them back.",
                    crate::model::plural(annotator.placements.len(), "placement"),
                    crate::model::plural(memos, "placement memo")
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Remove").clicked() {
                        out.edit(Edit::RemoveAnnotator(id));
                        self.drafts.remove(&id);
                        self.confirm_remove = None;
                    }
                    if ui.button("Cancel").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        self.confirm_remove = None;
                    }
                });
            },
        );
    }
}

impl Dialog for AddAnnotatorDialog {
    /// Shows the dialog. Returns `false` once it should close.
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool {
        let project: &Project = cx.project;
        let view: &mut ViewState = cx.view;
        let out: &mut Outbox = cx.out;
        let mut open = true;
        super::dialog::steady_modal(ctx, egui::Id::unique("add-annotator")).show(ctx, |ui| {
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
                        match project.next_annotator_id() {
                            Err(error) => self.error = Some(format!("{error}.")),
                            Ok(id) => {
                                out.edit(Edit::AddAnnotator(Annotator {
                                    id,
                                    name: name.to_owned(),
                                    colour: Colour::rgb(
                                        self.colour[0],
                                        self.colour[1],
                                        self.colour[2],
                                    ),
                                    placements: Vec::new(),
                                    consensus: false,
                                }));
                                view.active_annotator = Some(id);
                                open = false;
                            }
                        }
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

impl Dialog for ManageAnnotatorsDialog {
    /// Shows the dialog. Returns `false` once it should close.
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool {
        let project: &Project = cx.project;
        let out: &mut Outbox = cx.out;
        if let Some(id) = self.confirm_remove {
            self.confirm_removal(ctx, project, id, out);
            return true;
        }
        let mut open = true;
        super::dialog::steady_modal(ctx, egui::Id::unique("manage-annotators")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("Annotators");
            egui::Grid::new("annotators-grid")
                .num_columns(5)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    for annotator in &project.annotators {
                        let caption = ui.label(
                            egui::RichText::new(format!("Annotator {}", annotator.id)).weak(),
                        );
                        let mut colour =
                            [annotator.colour.r, annotator.colour.g, annotator.colour.b];
                        if egui::color_picker::color_edit_button_srgb(ui, &mut colour)
                            .labelled_by(caption.id)
                            .changed()
                        {
                            out.edit(Edit::SetAnnotator {
                                id: annotator.id,
                                name: annotator.name.clone(),
                                colour: Colour::rgb(colour[0], colour[1], colour[2]),
                            });
                        }
                        let draft = self
                            .drafts
                            .entry(annotator.id)
                            .or_insert_with(|| annotator.name.clone());
                        ui.add_sized([200.0, 20.0], egui::TextEdit::singleline(draft))
                            .labelled_by(caption.id);
                        let name = draft.trim();
                        let taken = project
                            .annotators
                            .iter()
                            .any(|a| a.id != annotator.id && a.name.eq_ignore_ascii_case(name));
                        if !name.is_empty() && !taken && name != annotator.name {
                            out.edit(Edit::SetAnnotator {
                                id: annotator.id,
                                name: name.to_owned(),
                                colour: annotator.colour,
                            });
                        }
                        // While coding blind, another's work is neither counted here nor
                        // removable: the blind coder would learn of it, or lose it unseen.
                        let blind_to_this = project.blind.is_some_and(|b| b != annotator.id);
                        if blind_to_this {
                            ui.label(egui::RichText::new("hidden while coding blind").weak());
                        } else {
                            ui.label(crate::model::plural(
                                annotator.placements.len(),
                                "placement",
                            ));
                        }
                        let why_not = if blind_to_this {
                            "Another coder's work can't be removed while coding blind; end \
                             blind coding first"
                        } else {
                            "This annotator is coding blind; end blind coding first"
                        };
                        if ui
                            .add_enabled(project.blind.is_none(), egui::Button::new("Remove…"))
                            .on_disabled_hover_text(why_not)
                            .clicked()
                        {
                            self.confirm_remove = Some(annotator.id);
                        }
                        ui.end_row();
                        if taken {
                            ui.label("");
                            ui.label("");
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                "Another annotator has this name.",
                            );
                            ui.end_row();
                        }
                    }
                });
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button(Command::AddAnnotator.label()).clicked() {
                    out.command(Command::AddAnnotator);
                    open = false;
                }
                if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    open = false;
                }
            });
        });
        open
    }
}
