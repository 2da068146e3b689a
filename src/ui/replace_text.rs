//! "Replace text…": swaps a transcript's text for a corrected version. Before anything changes
//! it reports which excerpts were found again in the new text, which of them now quote corrected
//! words, and which were not found (those would be deleted, with their placements); the
//! replacement is one undoable step.

use super::dialog::{Dialog, DialogContext};
use super::outbox::Outbox;
use crate::io::import::ImportedText;
use crate::model::{Edit, ExcerptId, Project, TranscriptId, reanchor};

pub struct ReplaceTextDialog {
    transcript: TranscriptId,
    file: String,
    imported: ImportedText,
    found: Vec<(ExcerptId, Option<(usize, usize)>)>,
    /// Excerpts found with words changed (followed through the correction): the old quote and
    /// the new, so the user sees what each will say.
    reworded: Vec<(String, String)>,
}

impl ReplaceTextDialog {
    pub fn new(
        project: &Project,
        transcript: TranscriptId,
        file: String,
        imported: ImportedText,
    ) -> Option<Self> {
        let old = project.transcript(transcript)?;
        let excerpts = project.excerpts_of(transcript);
        let found = reanchor(&old.text, &imported.text, &excerpts);
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        let reworded = excerpts
            .iter()
            .zip(&found)
            .filter_map(|(excerpt, (_, at))| {
                let (start, end) = (*at)?;
                let before = words(project.quote(excerpt));
                let after = words(crate::model::char_slice(&imported.text, start, end));
                (before != after).then_some((before, after))
            })
            .collect();
        Some(Self {
            transcript,
            file,
            imported,
            found,
            reworded,
        })
    }
}

impl Dialog for ReplaceTextDialog {
    /// Shows the report; returns `false` once the dialog should close.
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool {
        let project: &Project = cx.project;
        let out: &mut Outbox = cx.out;
        let Some(transcript) = project.transcript(self.transcript) else {
            return false;
        };
        let mut open = true;
        let missing: Vec<ExcerptId> = self
            .found
            .iter()
            .filter(|(_, r)| r.is_none())
            .map(|(e, _)| *e)
            .collect();
        super::dialog::steady_modal(ctx, egui::Id::unique("replace-text")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(format!("Replace the text of “{}”", transcript.name));
            ui.label(format!(
                "{} ({}, {}) replaces the current text ({}).",
                self.file,
                self.imported.format,
                crate::model::plural(self.imported.word_count(), "word"),
                crate::model::plural(transcript.text.split_whitespace().count(), "word")
            ));
            ui.label(format!(
                "{} of {} {} found in the new text and will move with it.",
                self.found.len() - missing.len(),
                crate::model::plural(self.found.len(), "excerpt"),
                if self.found.len() - missing.len() == 1 {
                    "was"
                } else {
                    "were"
                }
            ));
            if !self.reworded.is_empty() {
                ui.label(format!(
                    "{} had words corrected and will quote the new ones:",
                    crate::model::plural(self.reworded.len(), "excerpt")
                ));
                egui::ScrollArea::vertical()
                    .id_salt("reworded")
                    .max_height(160.0)
                    .show(ui, |ui| {
                        for (before, after) in &self.reworded {
                            ui.label(format!(
                                "• “{}” becomes “{}”",
                                crate::model::short_label(before, 70),
                                crate::model::short_label(after, 70)
                            ));
                        }
                    });
            }
            if !missing.is_empty() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "{} could not be found, and would be deleted with every placement of them:",
                        missing.len()
                    ),
                );
                egui::ScrollArea::vertical()
                    .max_height(220.0)
                    .show(ui, |ui| {
                        for id in &missing {
                            if let Some(excerpt) = project.excerpt(*id) {
                                let placed = project
                                    .annotators
                                    .iter()
                                    .filter(|a| project.placement(a.id, *id).is_some())
                                    .count();
                                ui.label(format!(
                                    "• “{}” ({})",
                                    crate::model::short_label(project.quote(excerpt), 90),
                                    crate::model::plural(placed, "placement")
                                ));
                            }
                        }
                    });
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Replace text").clicked() {
                    let mut edits: Vec<Edit> =
                        missing.iter().map(|id| Edit::RemoveExcerpt(*id)).collect();
                    edits.push(Edit::ReplaceText {
                        transcript: self.transcript,
                        text: self.imported.text.clone(),
                        turns: self.imported.turns.clone(),
                        ranges: self
                            .found
                            .iter()
                            .filter_map(|(id, range)| range.map(|(s, e)| (*id, s, e)))
                            .collect(),
                    });
                    out.group(format!("new text for “{}”", transcript.name), edits);
                    open = false;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    open = false;
                }
            });
        });
        open
    }
}
