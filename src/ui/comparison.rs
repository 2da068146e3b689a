//! The comparison view: every excerpt placed by two or more annotators on its own lane, each
//! annotator's marker in their colour joined by a line showing the spread; sorted and filtered by
//! disagreement; the annotators' memos on the selected excerpt side by side.

use super::state::{Outbox, ViewState};
use crate::analysis::{Spread, spreads};
use crate::model::{Annotator, Colour, Edit, MemoTarget, Project, Timestamp};
use egui::{Color32, Sense, Stroke, pos2, vec2};

#[derive(Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Range,
    StandardDeviation,
    TextOrder,
}

pub struct ComparisonWindow {
    sort: SortBy,
    /// Only excerpts whose range is at least this.
    min_range: f64,
    /// The spreads and the project change count they were computed at, so they are computed when
    /// the project changes, not every frame.
    cached: Option<(u64, Vec<Spread>)>,
}

impl Default for ComparisonWindow {
    fn default() -> Self {
        Self {
            sort: SortBy::Range,
            min_range: 0.0,
            cached: None,
        }
    }
}

const LANE_HEIGHT: f32 = 24.0;
const LABEL_WIDTH: f32 = 230.0;

impl ComparisonWindow {
    /// The cached spreads, if they were computed at `change_count`.
    fn reusable(&self, change_count: u64) -> Option<&Vec<Spread>> {
        self.cached
            .as_ref()
            .filter(|(count, _)| *count == change_count)
            .map(|(_, spreads)| spreads)
    }

    /// Test hook (tests/it/session.rs): if the frame at `change_count` would reuse the cached
    /// spreads, says whether they differ from fresh ones.
    #[doc(hidden)]
    pub(crate) fn stale_cache(&self, project: &Project, change_count: u64) -> Option<String> {
        let cached = self.reusable(change_count)?;
        (*cached != spreads(project)).then(|| {
            format!("the comparison reused at revision {change_count} differs from fresh spreads")
        })
    }

    /// Shows the window; returns `false` once it is closed.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        view: &mut ViewState,
        out: &mut Outbox,
        change_count: u64,
    ) -> bool {
        if self.reusable(change_count).is_none() {
            self.cached = Some((change_count, spreads(project)));
        }
        let Self {
            sort,
            min_range,
            cached,
        } = self;
        let all: &[Spread] = cached.as_ref().map_or(&[], |(_, s)| s.as_slice());
        let mut open = true;
        egui::Window::new("Compare annotators")
            .open(&mut open)
            .default_size([760.0, 560.0])
            .collapsible(false)
            .show(ctx, |ui| {
                controls(ui, sort, min_range);
                let mut list: Vec<&Spread> = all
                    .iter()
                    .filter(|s| s.range + 1e-9 >= *min_range)
                    .collect();
                match *sort {
                    SortBy::Range => list.sort_by(|a, b| b.range.total_cmp(&a.range)),
                    SortBy::StandardDeviation => list.sort_by(|a, b| b.sd.total_cmp(&a.sd)),
                    SortBy::TextOrder => {}
                }
                ui.label(
                    egui::RichText::new(format!(
                        "{} excerpts placed by two or more annotators{}",
                        list.len(),
                        if *min_range > 0.0 { " (filtered)" } else { "" }
                    ))
                    .weak(),
                );
                egui::ScrollArea::vertical()
                    .id_salt("comparison-lanes")
                    .max_height(ui.available_height() * 0.62)
                    .show(ui, |ui| {
                        for spread in &list {
                            lane(ui, project, spread, view);
                        }
                    });
                ui.separator();
                memos_side_by_side(ui, project, view);
                ui.separator();
                let selected = view
                    .selected_excerpt
                    .and_then(|e| all.iter().find(|s| s.excerpt == e));
                consensus(ui, project, view, selected, out);
            });
        open
    }
}

/// Sorting and the disagreement filter.
fn controls(ui: &mut egui::Ui, sort: &mut SortBy, min_range: &mut f64) {
    ui.horizontal(|ui| {
        ui.label("Sort by:");
        ui.selectable_value(sort, SortBy::Range, "range");
        ui.selectable_value(sort, SortBy::StandardDeviation, "standard deviation");
        ui.selectable_value(sort, SortBy::TextOrder, "excerpt order");
        ui.separator();
        let caption = ui.label("Show only a range of at least:");
        ui.add(egui::Slider::new(min_range, 0.0..=1.0).fixed_decimals(2))
            .labelled_by(caption.id);
    });
}

/// One excerpt: its label (click to select), a small axis with each annotator's marker, the spread.
fn lane(ui: &mut egui::Ui, project: &Project, spread: &Spread, view: &mut ViewState) {
    let Some(excerpt) = project.excerpt(spread.excerpt) else {
        return;
    };
    ui.horizontal(|ui| {
        let label = crate::model::short_label(&project.excerpt_label(excerpt), 34);
        let selected = view.selected_excerpt == Some(excerpt.id);
        let response = ui.add_sized(
            [LABEL_WIDTH, LANE_HEIGHT],
            egui::Button::selectable(selected, label),
        );
        if response
            .on_hover_text(format!("“{}”", project.quote(excerpt)))
            .clicked()
        {
            view.select_excerpt(excerpt.id, excerpt.transcript, excerpt.start);
        }
        let width = (ui.available_width() - 110.0).max(120.0);
        let (rect, _) = ui.allocate_exact_size(vec2(width, LANE_HEIGHT), Sense::hover());
        let painter = ui.painter_at(rect);
        let x = |p: f64| rect.left() + 6.0 + p as f32 * (rect.width() - 12.0);
        let y = rect.center().y;
        let axis = ui.visuals().weak_text_color();
        painter.line_segment(
            [pos2(x(0.0), y), pos2(x(1.0), y)],
            Stroke::new(1.0, axis.gamma_multiply(0.5)),
        );
        for anchor in &project.continuum.anchors {
            painter.line_segment(
                [
                    pos2(x(anchor.position), y - 4.0),
                    pos2(x(anchor.position), y + 4.0),
                ],
                Stroke::new(1.0, axis),
            );
        }
        let lo = spread
            .positions
            .iter()
            .map(|(_, p)| *p)
            .fold(f64::INFINITY, f64::min);
        let hi = spread
            .positions
            .iter()
            .map(|(_, p)| *p)
            .fold(f64::NEG_INFINITY, f64::max);
        painter.line_segment(
            [pos2(x(lo), y), pos2(x(hi), y)],
            Stroke::new(3.0, ui.visuals().strong_text_color().gamma_multiply(0.6)),
        );
        for (annotator, position) in &spread.positions {
            let colour = project
                .annotator(*annotator)
                .map_or(Color32::GRAY, |a| super::colour32(a.colour));
            painter.circle(
                pos2(x(*position), y),
                5.0,
                colour,
                Stroke::new(1.0, Color32::WHITE),
            );
        }
        ui.label(
            egui::RichText::new(format!("range {:.2} · sd {:.2}", spread.range, spread.sd))
                .small()
                .weak(),
        );
    });
}

/// Each annotator's position and memo on the selected excerpt, next to each other.
fn memos_side_by_side(ui: &mut egui::Ui, project: &Project, view: &ViewState) {
    let Some(excerpt) = view.selected_excerpt.and_then(|e| project.excerpt(e)) else {
        ui.label(
            egui::RichText::new("Select an excerpt to read the annotators' memos side by side.")
                .weak(),
        );
        return;
    };
    ui.label(
        egui::RichText::new(format!(
            "“{}”",
            crate::model::short_label(project.quote(excerpt), 140)
        ))
        .italics(),
    );
    let coders: Vec<&Annotator> = project.annotators.iter().filter(|a| !a.consensus).collect();
    ui.columns(coders.len().max(1), |columns| {
        for (column, annotator) in columns.iter_mut().zip(coders) {
            let colour = super::colour32(annotator.colour);
            column.label(egui::RichText::new(&annotator.name).strong().color(colour));
            match project.placement(annotator.id, excerpt.id) {
                Some(placement) => {
                    let anchor = project
                        .continuum
                        .nearest_anchor(placement.position)
                        .map_or(String::new(), |a| format!(", near {}", a.name));
                    column.label(format!("{:.2}{anchor}", placement.position));
                    let memo = if placement.memo.trim().is_empty() {
                        "(no memo)"
                    } else {
                        placement.memo.as_str()
                    };
                    column.label(egui::RichText::new(memo).weak());
                }
                None => {
                    column.label(egui::RichText::new("not placed").weak());
                }
            }
        }
    });
}

/// The team's settled position for the selected excerpt: start from the annotators' mean or
/// median, or set it by hand, and record why in the consensus memo.
fn consensus(
    ui: &mut egui::Ui,
    project: &Project,
    view: &ViewState,
    spread: Option<&Spread>,
    out: &mut Outbox,
) {
    let Some(excerpt) = view.selected_excerpt.and_then(|e| project.excerpt(e)) else {
        return;
    };
    // The numbers come from `analysis`; this only offers them.
    let now = Timestamp::now();
    let layer = project.consensus();
    let settled = layer.and_then(|c| project.placement(c.id, excerpt.id));
    ui.horizontal(|ui| {
        ui.strong("Consensus");
        if layer.is_none()
            && let Err(error) = project.next_annotator_id()
        {
            ui.colored_label(ui.visuals().error_fg_color, format!("{error}."));
        }
        if let Some(spread) = &spread {
            for (label, value) in [
                ("Start from the mean", spread.mean()),
                ("Start from the median", spread.median()),
            ] {
                if ui.button(format!("{label} ({value:.2})")).clicked() {
                    match layer {
                        Some(layer) => {
                            out.edit(Edit::place(project, layer.id, excerpt.id, value, now))
                        }
                        None => {
                            // The first settlement creates the consensus layer (unless no id is
                            // left for it: then the error below says so instead of the buttons).
                            let Ok(id) = project.next_annotator_id() else {
                                continue;
                            };
                            let create = Edit::AddAnnotator(Annotator {
                                id,
                                name: "Consensus".to_owned(),
                                colour: Colour::rgb(0x22, 0x22, 0x22),
                                placements: Vec::new(),
                                consensus: true,
                            });
                            let mut after = project.clone();
                            let place = after
                                .apply(create.clone())
                                .map(|_| Edit::place(&after, id, excerpt.id, value, now));
                            if let Ok(place) = place {
                                out.group(
                                    "start of the consensus layer".to_owned(),
                                    vec![create, place],
                                );
                            }
                        }
                    }
                }
            }
        }
    });
    let (Some(layer), Some(placement)) = (layer, settled) else {
        ui.label(egui::RichText::new("No consensus yet for this excerpt.").weak());
        return;
    };
    let mut position = placement.position;
    ui.horizontal(|ui| {
        let caption = ui.label("Settled at:");
        ui.add(super::position_slider(&mut position))
            .labelled_by(caption.id);
    });
    if position != placement.position {
        out.edit(Edit::place(project, layer.id, excerpt.id, position, now));
    }
    let caption = ui.label("Why the team settled here:");
    let mut memo = placement.memo.clone();
    ui.add(
        egui::TextEdit::multiline(&mut memo)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(caption.id);
    if memo != placement.memo {
        out.edit(Edit::SetMemo {
            target: MemoTarget::Placement(layer.id, excerpt.id),
            text: memo,
        });
    }
}
