//! "Merge annotators from another project…": shows what the other copy brings (new layers,
//! placements, excerpts) and every conflict, where one annotator placed one excerpt differently in
//! the two files, to be settled one by one before anything changes. The merge is one undo step.

use super::dialog::{Dialog, DialogContext};
use super::outbox::Outbox;
use crate::model::merge::{Conflict, MergeError, MergeReport, Resolution, merge};
use crate::model::{ExcerptId, Project, plural};

pub struct MergeDialog {
    source: String,
    other: Project,
    report: MergeReport,
    /// One choice per conflict, by annotator name and excerpt.
    choices: Vec<((String, ExcerptId), Resolution)>,
}

impl MergeDialog {
    /// Fails when the merge needs new ids and the project already uses the largest there can be,
    /// or when the project refuses one of the edits the merge needs.
    pub fn new(project: &Project, other: Project, source: String) -> Result<Self, MergeError> {
        // Keeping both sides needs the most new ids, so if this works every choice does.
        let (_, report) = merge(project, &other, &source, |_| Resolution::KeepBoth)?;
        let choices = report
            .conflicts
            .iter()
            .map(|c| ((c.annotator.clone(), c.excerpt), Resolution::KeepBoth))
            .collect();
        Ok(Self {
            source,
            other,
            report,
            choices,
        })
    }

    fn choice(&self, conflict: &Conflict) -> Resolution {
        self.choices
            .iter()
            .find(|((name, excerpt), _)| {
                *name == conflict.annotator && *excerpt == conflict.excerpt
            })
            .map_or(Resolution::KeepBoth, |(_, r)| *r)
    }
}

impl Dialog for MergeDialog {
    /// Shows the dialog; returns `false` once it should close.
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool {
        let project: &Project = cx.project;
        let out: &mut Outbox = cx.out;
        let mut open = true;
        super::dialog::steady_modal(ctx, egui::Id::unique("merge-dialog")).show(ctx, |ui| {
            ui.set_width(640.0);
            ui.heading(format!("Merge annotators from {}", self.source));
            let r = &self.report;
            ui.label(format!(
                "{}, {} already here, {}, {} with new codes. New annotators: {}.",
                plural(r.new_placements, "new placement"),
                r.same_placements,
                plural(r.new_excerpts, "new excerpt"),
                plural(r.coded_excerpts, "excerpt"),
                if r.new_annotators.is_empty() { "none".to_owned() } else { r.new_annotators.join(", ") }
            ));
            for note in r.colour_notes() {
                ui.label(note);
            }
            for (name, placed) in &r.missing_transcripts {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("Not merged: transcript “{name}” ({}) is not in this project; import it first.", plural(*placed, "placement")),
                );
            }
            if !r.conflicts.is_empty() {
                ui.separator();
                ui.strong(format!("{}: the same annotator placed the same excerpt differently", plural(r.conflicts.len(), "conflict")));
                egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                    for (i, conflict) in self.report.conflicts.iter().enumerate() {
                        let label = project
                            .excerpt(conflict.excerpt)
                            .map_or_else(String::new, |e| project.excerpt_label(e));
                        ui.label(format!(
                            "{} on “{label}”: {:.2} here, {:.2} in {}",
                            conflict.annotator, conflict.ours.position, conflict.theirs.position, self.source
                        ));
                        // The memos too, where they differ: the one not kept is dropped, so the
                        // choice is made knowing what it drops.
                        let (ours, theirs) = (conflict.ours.memo.trim(), conflict.theirs.memo.trim());
                        if ours != theirs {
                            let places = ["here".to_owned(), format!("in {}", self.source)];
                            for (place, memo) in places.iter().zip([ours, theirs]) {
                                let memo = if memo.is_empty() {
                                    "none".to_owned()
                                } else {
                                    format!("“{}”", crate::model::short_label(memo, 90))
                                };
                                let line = format!("   memo {place}: {memo}");
                                ui.label(egui::RichText::new(line).weak().small());
                            }
                        }
                        let current = self.choice(conflict);
                        let mut chosen = current;
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut chosen, Resolution::KeepOurs, "keep this project's");
                            ui.radio_value(&mut chosen, Resolution::TakeTheirs, "take the other's");
                            ui.radio_value(&mut chosen, Resolution::KeepBoth, "keep both");
                        });
                        if chosen != current {
                            self.choices[i].1 = chosen;
                        }
                    }
                });
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Merge").clicked() {
                    let merged = merge(project, &self.other, &self.source, |c| self.choice(c));
                    if let Ok((edits, _)) = merged
                        && !edits.is_empty()
                    {
                        out.group(format!("merge of {}", self.source), edits);
                    }
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
