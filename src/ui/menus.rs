//! The menu bar, the toolbar and the status bar: what the window offers and what it says about
//! the open project. Every entry emits a [`Command`]; none acts by itself.

use super::Command;
use super::outbox::Outbox;
use super::transcript_view::can_create_excerpt;
use super::view_state::ViewState;
use crate::document::Document;
use crate::io::RecentFiles;
use crate::model::{Project, plural};

/// A menu entry that emits its command when chosen.
fn entry(ui: &mut egui::Ui, out: &mut Outbox, command: Command, enabled: bool) {
    if command.menu_button(ui, enabled) {
        out.command(command);
    }
}

/// A menu entry with a label of its own ("Undo move of …", a recent file's path).
fn entry_labelled(
    ui: &mut egui::Ui,
    out: &mut Outbox,
    command: Command,
    enabled: bool,
    label: String,
) {
    if command.menu_button_labelled(ui, enabled, label) {
        out.command(command);
    }
}

pub fn menu_bar(
    ui: &mut egui::Ui,
    doc: &Document,
    recent: &RecentFiles,
    view: &ViewState,
    out: &mut Outbox,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for command in [
                Command::NewProject,
                Command::Open,
                Command::Import,
                Command::Merge,
                Command::ExportMap,
            ] {
                entry(ui, out, command, true);
            }
            let blind = doc.project().blind.is_some();
            entry(ui, out, Command::ExportReport, !blind);
            ui.separator();
            entry(ui, out, Command::ImportQdpx, true);
            entry(ui, out, Command::ExportQdpx, !blind);
            ui.separator();
            ui.menu_button("Open Recent", |ui| {
                if recent.paths().is_empty() {
                    ui.label(egui::RichText::new("No recent projects").weak());
                }
                for (i, path) in recent.paths().iter().enumerate() {
                    let label = path.display().to_string();
                    entry_labelled(ui, out, Command::OpenRecent(i), true, label);
                }
                ui.separator();
                entry(ui, out, Command::ClearRecent, !recent.paths().is_empty());
            });
            ui.separator();
            entry(ui, out, Command::Save, true);
            entry(ui, out, Command::SaveAs, true);
            ui.separator();
            entry(ui, out, Command::Quit, true);
        });
        ui.menu_button("Edit", |ui| {
            let undo = doc.undo_description().map(|d| format!("Undo {d}"));
            let redo = doc.redo_description().map(|d| format!("Redo {d}"));
            let (can_undo, can_redo) = (undo.is_some(), redo.is_some());
            let undo = undo.unwrap_or_else(|| "Nothing to undo".to_owned());
            let redo = redo.unwrap_or_else(|| "Nothing to redo".to_owned());
            entry_labelled(ui, out, Command::Undo, can_undo, undo);
            entry_labelled(ui, out, Command::Redo, can_redo, redo);
            ui.separator();
            entry(ui, out, Command::NewExcerpt, can_create_excerpt(view));
            entry(
                ui,
                out,
                Command::DeleteExcerpt,
                view.selected_excerpt.is_some(),
            );
            entry(ui, out, Command::ClearSelection, true);
            ui.separator();
            let transcript_open = view.transcript.is_some();
            entry(ui, out, Command::Find, transcript_open);
            entry(ui, out, Command::FindNext, transcript_open);
            entry(ui, out, Command::FindPrevious, transcript_open);
            entry(
                ui,
                out,
                Command::SearchAll,
                !doc.project().transcripts.is_empty(),
            );
        });
        ui.menu_button("Project", |ui| {
            entry(ui, out, Command::ProjectSettings, true);
            entry(ui, out, Command::ReplaceText, view.transcript.is_some());
        });
        ui.menu_button("Annotators", |ui| {
            entry(ui, out, Command::AddAnnotator, true);
            entry(ui, out, Command::ManageAnnotators, true);
            ui.separator();
            let blind = doc.project().blind.is_some();
            entry(ui, out, Command::Compare, !blind);
            entry(ui, out, Command::Agreement, !blind);
        });
        ui.menu_button("Analysis", |ui| {
            let blind = doc.project().blind.is_some();
            entry(ui, out, Command::Findings, !blind);
        });
        ui.menu_button("View", theme_choice);
    });
}

/// Light, dark or the system's theme, named in words (egui's own buttons are only symbols, which a
/// screen reader cannot say).
fn theme_choice(ui: &mut egui::Ui) {
    let mut preference = ui.ctx().options(|o| o.theme_preference);
    let before = preference;
    ui.label("Theme");
    ui.radio_value(&mut preference, egui::ThemePreference::Light, "Light");
    ui.radio_value(&mut preference, egui::ThemePreference::Dark, "Dark");
    ui.radio_value(
        &mut preference,
        egui::ThemePreference::System,
        "As the system",
    );
    if preference != before {
        ui.ctx().set_theme(preference);
    }
}

/// New excerpt, the annotator chooser and a hint of what to do next.
pub fn toolbar(ui: &mut egui::Ui, project: &Project, view: &mut ViewState, out: &mut Outbox) {
    ui.horizontal(|ui| {
        let command = Command::NewExcerpt;
        let shortcut = command
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let enabled = can_create_excerpt(view);
        if ui
            .add_enabled(enabled, egui::Button::new(command.label()))
            .on_hover_text(format!("{} ({shortcut})", command.tooltip()))
            .on_disabled_hover_text("Select text in the transcript first")
            .clicked()
        {
            out.command(command);
        }
        ui.separator();
        super::annotators::chooser(ui, project, view, out);
        ui.separator();
        let hint = if enabled {
            "Press New excerpt (Ctrl+E) to make the selection an excerpt."
        } else {
            "Select text in the transcript to make an excerpt; drag excerpts onto the continuum below."
        };
        // Cut with an ellipsis, the whole hint on hover, where the window is too narrow for it.
        ui.add(egui::Label::new(egui::RichText::new(hint).weak()).truncate());
    });
}

/// Where the project is saved, what it holds, and whether everything is saved.
pub fn status_bar(ui: &mut egui::Ui, doc: &Document, is_sample: bool) {
    ui.horizontal(|ui| {
        let where_ = match doc.path() {
            Some(path) => path.display().to_string(),
            None if is_sample => "Bundled sample (Save As… to keep your changes)".to_owned(),
            None => "Not saved yet".to_owned(),
        };
        // The save state first, at the right, so in a narrow window the path and the counts
        // are cut short (with an ellipsis, whole on hover) instead of running under it.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let state = if doc.has_unsaved_changes() {
                ui.label(
                    egui::RichText::new("Unsaved changes")
                        .small()
                        .color(egui::Color32::from_rgb(0xD5, 0x5E, 0x00)),
                )
            } else {
                ui.label(egui::RichText::new("All changes saved").small().weak())
            };
            super::widgets::announce_changes(ui, &state);
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                // A long path leaves the counts at least half of the room.
                let path_width = 0.5 * ui.available_width();
                ui.scope(|ui| {
                    ui.set_max_width(path_width);
                    ui.add(egui::Label::new(egui::RichText::new(where_).small()).truncate());
                });
                ui.separator();
                let counts = egui::RichText::new(project_counts(doc.project())).small();
                ui.add(egui::Label::new(counts).truncate());
            });
        });
    });
}

/// The status bar's summary of the project. The consensus layer is the team's settled view, not
/// a person coding: it is counted apart from the annotators (its placements too).
fn project_counts(project: &Project) -> String {
    // While coding blind, only the blind coder's own work is counted: how many the others have
    // placed is their work too.
    if let Some(blind) = project.blind.and_then(|id| project.annotator(id)) {
        return format!(
            "{} · {} · {} by {} (coding blind)",
            plural(project.transcripts.len(), "transcript"),
            plural(project.excerpts.len(), "excerpt"),
            plural(blind.placements.len(), "placement"),
            blind.name
        );
    }
    let coders: Vec<_> = project.annotators.iter().filter(|a| !a.consensus).collect();
    let placements: usize = coders.iter().map(|a| a.placements.len()).sum();
    let mut counts = format!(
        "{} · {} · {} · {}",
        plural(project.transcripts.len(), "transcript"),
        plural(project.excerpts.len(), "excerpt"),
        plural(placements, "placement"),
        plural(coders.len(), "annotator")
    );
    if let Some(consensus) = project.consensus() {
        counts.push_str(&format!(
            " · consensus on {}",
            plural(consensus.placements.len(), "excerpt")
        ));
    }
    counts
}
