//! Analysis > Findings…: where each group's placements sit, for one layer (an annotator, the
//! consensus, or the annotators' mean or median) grouped by case, role, participant, transcript
//! or code. A table of each group's distribution and its zone shares, the summary plot on the
//! continuum's axis (saved as SVG or PNG like the map), two groups compared in a sentence with
//! the effect size, and the quotes that lie in a zone, a click away from their transcript.
//!
//! Everything shown is computed from the project by `analysis::findings` and kept with the
//! document's revision and the choices it answers, so it is never shown for another project or
//! after an edit without being worked out again.

use super::dialog::{Dialog, DialogContext};
use super::widgets::{captioned_combo, choose};
use crate::analysis::{Comparison, Findings, GroupBy, Layer, compare, findings};
use crate::map::{MapLayout, summary_plot};
use crate::model::{Project, plural};
use egui::{Sense, pos2, vec2};

/// What the window's numbers answer.
type Key = (u64, Layer, GroupBy);

pub struct FindingsWindow {
    layer: Layer,
    by: GroupBy,
    /// The groups compared, by place in the findings.
    pair: (usize, usize),
    zone: usize,
    quote_group: usize,
    cached: Option<(Key, Findings, MapLayout)>,
    comparison: Option<((Key, usize, usize), Comparison)>,
}

impl FindingsWindow {
    pub fn new(project: &Project) -> Self {
        let layer = Layer::default_for(project);
        Self {
            layer,
            by: GroupBy::Case,
            pair: (0, 1),
            zone: 0,
            quote_group: 0,
            cached: None,
            comparison: None,
        }
    }

    fn ensure(&mut self, project: &Project, revision: u64) {
        let key = (revision, self.layer, self.by);
        if self.cached.as_ref().is_some_and(|(k, ..)| *k == key) {
            return;
        }
        let found = findings(project, self.layer, self.by);
        let plot = summary_plot(project, &found, 540.0, None);
        self.cached = Some((key, found, plot));
        let groups = self.cached.as_ref().map_or(0, |(_, f, _)| f.groups.len());
        if self.pair.0 >= groups || self.pair.1 >= groups || self.pair.0 == self.pair.1 {
            self.pair = (0, 1.min(groups.saturating_sub(1)));
        }
        self.quote_group = self.quote_group.min(groups.saturating_sub(1));
    }

    fn choices(&mut self, ui: &mut egui::Ui, project: &Project) {
        ui.horizontal_wrapped(|ui| {
            super::widgets::layer_combo(ui, "Layer:", "findings-layer", project, &mut self.layer);
            captioned_combo(
                ui,
                "Groups:",
                "findings-by",
                &mut self.by,
                |by| by.name().to_owned(),
                |ui, value| {
                    for by in GroupBy::ALL {
                        choose(ui, value, by, by.name());
                    }
                },
            );
        });
    }
}

/// The table: each group's n, median, quartiles, mean, sd, and count and share per zone.
fn table(ui: &mut egui::Ui, found: &Findings) {
    egui::Grid::new("findings-table")
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for heading in [found.by.name(), "n", "median", "quartiles", "mean", "sd"] {
                ui.strong(heading);
            }
            for zone in &found.zones {
                ui.strong(zone);
            }
            ui.end_row();
            for group in &found.groups {
                let s = &group.summary;
                ui.label(&group.name);
                ui.label(s.n.to_string());
                ui.label(format!("{:.2}", s.median));
                ui.label(format!("{:.2}–{:.2}", s.q1, s.q3));
                ui.label(format!("{:.2}", s.mean));
                ui.label(format!("{:.2}", s.sd));
                for (count, share) in group.zones.iter().zip(group.zone_shares()) {
                    ui.label(format!("{count} ({:.0}%)", share * 100.0));
                }
                ui.end_row();
            }
        });
}

/// Paints the summary plot at the window's width (it is laid out in points, like the map).
fn plot(ui: &mut egui::Ui, plot: &MapLayout) {
    let width = ui.available_width().clamp(320.0, 900.0);
    let scale = width / plot.width;
    let (rect, response) = ui.allocate_exact_size(vec2(width, plot.height * scale), Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, egui::Color32::WHITE);
    let origin = rect.min;
    super::map_canvas::paint_shapes(
        &painter,
        &plot.shapes,
        |p| pos2(origin.x + p.x * scale, origin.y + p.y * scale),
        scale,
    );
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            format!(
                "Summary plot: {} on the continuum, a box and strip per group",
                plural(plot.lanes.len(), "group")
            ),
        )
    });
}

impl Dialog for FindingsWindow {
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool {
        let project = cx.project;
        let mut open = true;
        egui::Window::new("Findings")
            .open(&mut open)
            .default_pos([260.0, 90.0])
            .default_size([640.0, 560.0])
            .collapsible(false)
            .show(ctx, |ui| {
                self.choices(ui, project);
                self.ensure(project, cx.revision);
                let Some((key, found, laid_out)) = &self.cached else {
                    return;
                };
                let key = *key;
                egui::ScrollArea::vertical()
                    .id_salt("findings-scroll")
                    .show(ui, |ui| {
                        ui.label(
                            egui::RichText::new(format!(
                                "{} placed by {}; a placement's zone is its nearest anchor.",
                                plural(found.placed, "excerpt"),
                                self.layer.name(project)
                            ))
                            .weak(),
                        );
                        table(ui, found);
                        ui.add_space(6.0);
                        plot(ui, laid_out);
                        if ui.button("Save plot…").clicked()
                            && let Some(path) = cx.files.save_figure("summary plot.svg")
                        {
                            match crate::io::write_figure(&path, laid_out, 4.0) {
                                Ok(what) => cx.out.info(format!(
                                    "Saved the summary plot to {} ({what}).",
                                    crate::io::file_label(&path)
                                )),
                                Err(error) => cx.out.error(error),
                            }
                        }
                        ui.separator();
                        comparison(
                            ui,
                            project,
                            found,
                            key,
                            &mut self.pair,
                            &mut self.comparison,
                        );
                        ui.separator();
                        quotes(
                            ui,
                            project,
                            found,
                            &mut self.zone,
                            &mut self.quote_group,
                            cx,
                        );
                    });
            });
        open
    }

    fn shows_others_work(&self) -> bool {
        true
    }

    fn stale_caches(&self, project: &Project, revision: u64) -> Vec<String> {
        match &self.cached {
            Some(((at, layer, by), found, _)) if *at == revision => {
                if *found != findings(project, *layer, *by) {
                    vec!["the findings differ from a fresh computation".to_owned()]
                } else {
                    Vec::new()
                }
            }
            _ => Vec::new(),
        }
    }
}

/// Two groups side by side, in a sentence with the difference, its interval and Cliff's delta.
fn comparison(
    ui: &mut egui::Ui,
    project: &Project,
    found: &Findings,
    key: Key,
    pair: &mut (usize, usize),
    cached: &mut Option<((Key, usize, usize), Comparison)>,
) {
    ui.strong("Compare two groups");
    if found.groups.len() < 2 {
        ui.label(egui::RichText::new("There is only one group to compare.").weak());
        return;
    }
    ui.horizontal(|ui| {
        for (caption, id, slot) in [
            ("Compare", "findings-a", &mut pair.0),
            ("with", "findings-b", &mut pair.1),
        ] {
            captioned_combo(
                ui,
                caption,
                id,
                slot,
                |slot| found.groups[*slot].name.clone(),
                |ui, slot| {
                    for (i, group) in found.groups.iter().enumerate() {
                        choose(ui, slot, i, &group.name);
                    }
                },
            );
        }
    });
    if pair.0 == pair.1 {
        ui.label(egui::RichText::new("Choose two different groups.").weak());
        return;
    }
    let wanted = (key, pair.0, pair.1);
    if cached.as_ref().is_none_or(|(k, _)| *k != wanted) {
        let result = compare(&found.groups[pair.0], &found.groups[pair.1]);
        *cached = Some((wanted, result));
    }
    if let Some((_, result)) = cached {
        let sentence = result.sentence(&project.continuum);
        ui.add(egui::Label::new(sentence).selectable(true));
        ui.label(
            egui::RichText::new(
                "Medians compared with a 95% bootstrap interval (2,000 resamples, fixed seed); \
                 Cliff's δ is the chance a placement of the first group lies further towards \
                 distance than one of the second, minus the reverse (|δ| ≥ .474 large, Romano et \
                 al. 2006).",
            )
            .weak(),
        );
    }
}

/// The excerpts of one group placed in one zone, with participant, role and memo; a click
/// selects the excerpt and shows it in its transcript.
fn quotes(
    ui: &mut egui::Ui,
    project: &Project,
    found: &Findings,
    zone: &mut usize,
    group: &mut usize,
    cx: &mut DialogContext<'_>,
) {
    ui.strong("Quotes by zone");
    if found.groups.is_empty() || found.zones.is_empty() {
        return;
    }
    *zone = (*zone).min(found.zones.len() - 1);
    ui.horizontal(|ui| {
        captioned_combo(
            ui,
            "Zone:",
            "findings-zone",
            zone,
            |zone| found.zones[*zone].clone(),
            |ui, zone| {
                for (i, name) in found.zones.iter().enumerate() {
                    choose(ui, zone, i, name);
                }
            },
        );
        captioned_combo(
            ui,
            "Group:",
            "findings-quote-group",
            group,
            |group| found.groups[*group].name.clone(),
            |ui, group| {
                for (i, g) in found.groups.iter().enumerate() {
                    choose(ui, group, i, &g.name);
                }
            },
        );
    });
    let list = found.quotes(project, *group, *zone);
    if list.is_empty() {
        ui.label(egui::RichText::new("No placements of this group in this zone.").weak());
    }
    for quote in list {
        let who = match (quote.participant.is_empty(), quote.role.is_empty()) {
            (false, false) => format!("{} ({})", quote.participant, quote.role),
            (false, true) => quote.participant.clone(),
            _ => String::new(),
        };
        let text = format!("{:.2}  “{}”  {who}", quote.position, quote.quote.trim());
        if ui
            .add(egui::Label::new(text).wrap().sense(Sense::click()))
            .on_hover_text("Show it in its transcript")
            .clicked()
            && let Some(excerpt) = project.excerpt(quote.excerpt)
        {
            cx.view
                .select_excerpt(excerpt.id, excerpt.transcript, excerpt.start);
        }
        if !quote.memo.is_empty() {
            ui.label(egui::RichText::new(quote.memo).weak().italics());
        }
    }
}
