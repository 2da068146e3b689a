//! The comparison view: every excerpt placed by two or more annotators on its own lane, each
//! annotator's marker in their colour joined by a line showing the spread; sorted and filtered by
//! disagreement; the consensus, once the team has settled, drawn on the same lane; the annotators'
//! memos on the selected excerpt side by side.

use super::dialog::{Dialog, DialogContext};
use super::outbox::Outbox;
use super::view_state::ViewState;
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
/// Room right of each lane's axis for its "range · sd" note.
const NOTE_WIDTH: f32 = 110.0;
/// Space at each end of a lane's axis, so markers at 0 and 1 are drawn whole.
const AXIS_INSET: f32 = 6.0;

impl ComparisonWindow {
    /// The cached spreads, if they were computed at `change_count`.
    fn reusable(&self, change_count: u64) -> Option<&Vec<Spread>> {
        self.cached
            .as_ref()
            .filter(|(count, _)| *count == change_count)
            .map(|(_, spreads)| spreads)
    }

    /// Test hook (tests/it/session/): if the frame at `change_count` would reuse the cached
    /// spreads, says whether they differ from fresh ones.
    #[doc(hidden)]
    pub(crate) fn stale_cache(&self, project: &Project, change_count: u64) -> Option<String> {
        let cached = self.reusable(change_count)?;
        (*cached != spreads(project)).then(|| {
            format!("the comparison reused at revision {change_count} differs from fresh spreads")
        })
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

/// Where position `p` is drawn on a lane's axis in `rect`.
fn axis_x(rect: egui::Rect, p: f64) -> f32 {
    rect.left() + AXIS_INSET + p as f32 * (rect.width() - 2.0 * AXIS_INSET)
}

/// The continuum's anchor names above the lanes, each over its tick on the lanes' axes.
fn anchor_names(ui: &mut egui::Ui, project: &Project, axis_width: f32) {
    ui.horizontal(|ui| {
        ui.allocate_exact_size(vec2(LABEL_WIDTH, 0.0), Sense::hover());
        let height = ui.text_style_height(&egui::TextStyle::Small) + 2.0;
        let (rect, _) = ui.allocate_exact_size(vec2(axis_width, height), Sense::hover());
        for anchor in &project.continuum.anchors {
            let name = egui::Label::new(egui::RichText::new(&anchor.name).small().weak())
                .wrap_mode(egui::TextWrapMode::Extend);
            let galley_width = egui::WidgetText::from(egui::RichText::new(&anchor.name).small())
                .into_galley(
                    ui,
                    Some(egui::TextWrapMode::Extend),
                    f32::INFINITY,
                    egui::TextStyle::Small,
                )
                .size()
                .x;
            // Centred over its tick, but kept within the axis at the two ends.
            let centre = axis_x(rect, anchor.position).clamp(
                rect.left() + galley_width / 2.0,
                (rect.right() - galley_width / 2.0).max(rect.left() + galley_width / 2.0),
            );
            let at = egui::Rect::from_center_size(
                egui::pos2(centre, rect.center().y),
                vec2(galley_width, height),
            );
            ui.put(at, name);
        }
    });
}

/// One excerpt: its label (click to select), a small axis with each annotator's marker and the
/// consensus (a hollow diamond) once there is one, the spread.
fn lane(
    ui: &mut egui::Ui,
    project: &Project,
    spread: &Spread,
    view: &mut ViewState,
    axis_width: f32,
) {
    let Some(excerpt) = project.excerpt(spread.excerpt) else {
        return;
    };
    ui.horizontal(|ui| {
        let label = crate::model::short_label(&project.excerpt_label(excerpt), 34);
        let selected = view.selected_excerpt == Some(excerpt.id);
        let response = ui.add_sized(
            [LABEL_WIDTH, LANE_HEIGHT],
            egui::Button::selectable(selected, label.as_str()),
        );
        if response
            .on_hover_text(format!("“{}”", project.quote(excerpt)))
            .clicked()
        {
            view.select_excerpt(excerpt.id, excerpt.transcript, excerpt.start);
        }
        let (rect, response) =
            ui.allocate_exact_size(vec2(axis_width, LANE_HEIGHT), Sense::hover());
        let settled = project
            .consensus()
            .and_then(|c| Some((c, project.placement(c.id, excerpt.id)?.position)));
        // What the lane shows, in words, for screen readers (and tests).
        let mut described: Vec<String> = spread
            .positions
            .iter()
            .map(|(a, p)| {
                let name = project.annotator(*a).map_or("?", |a| a.name.as_str());
                format!("{name} {p:.2}")
            })
            .collect();
        if let Some((_, position)) = settled {
            described.push(format!("consensus {position:.2}"));
        }
        let description = format!("Lane of {label}: {}", described.join(", "));
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Figure, true, description.clone())
        });
        let painter = ui.painter_at(rect);
        let x = |p: f64| axis_x(rect, p);
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
                .map_or(Color32::GRAY, |a| super::widgets::colour32(a.colour));
            painter.circle(
                pos2(x(*position), y),
                5.0,
                colour,
                Stroke::new(1.0, Color32::WHITE),
            );
        }
        // The team's settled position, over the annotators' markers: a hollow diamond, so the
        // markers it sits on still show through.
        if let Some((layer, position)) = settled {
            let c = pos2(x(position), y);
            let r = 7.0;
            painter.add(egui::Shape::closed_line(
                vec![
                    pos2(c.x, c.y - r),
                    pos2(c.x + r, c.y),
                    pos2(c.x, c.y + r),
                    pos2(c.x - r, c.y),
                ],
                Stroke::new(2.0, super::widgets::colour32(layer.colour)),
            ));
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
            // Columns lay out "justified", which stretches every wrapped line of a label to the
            // column's width (a memo's first line came out letter-spaced): plain left-aligned text.
            column.with_layout(egui::Layout::top_down(egui::Align::Min), |column| {
                annotator_memo(column, project, annotator, excerpt.id);
            });
        }
    });
}

/// One annotator's name, position and memo on an excerpt.
fn annotator_memo(
    column: &mut egui::Ui,
    project: &Project,
    annotator: &Annotator,
    excerpt: crate::model::ExcerptId,
) {
    let colour = super::widgets::colour32(annotator.colour);
    column.label(egui::RichText::new(&annotator.name).strong().color(colour));
    match project.placement(annotator.id, excerpt) {
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
        ui.add(super::widgets::position_slider(&mut position))
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

impl Dialog for ComparisonWindow {
    /// Shows the window; returns `false` once it is closed.
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool {
        let project: &Project = cx.project;
        let view: &mut ViewState = cx.view;
        let out: &mut Outbox = cx.out;
        let change_count = cx.revision;
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
        let screen_height = ctx.content_rect().height();
        egui::Window::new("Compare annotators")
            .open(&mut open)
            // Below the menu and toolbar: at the top left its corner covered the File menu.
            .default_pos([260.0, 90.0])
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
                        "{} placed by two or more annotators{}",
                        crate::model::plural(list.len(), "excerpt"),
                        if *min_range > 0.0 { " (filtered)" } else { "" }
                    ))
                    .weak(),
                );
                // One width for every lane's axis and the anchor names above them, so they line up.
                let spacing = ui.spacing().item_spacing.x;
                let axis_width =
                    (ui.available_width() - LABEL_WIDTH - NOTE_WIDTH - 2.0 * spacing).max(120.0);
                anchor_names(ui, project, axis_width);
                egui::ScrollArea::vertical()
                    .id_salt("comparison-lanes")
                    // Bounded by the screen, not by the window: the window's height follows its
                    // content, so a share of the window's own height shrank frame by frame.
                    .max_height((screen_height * 0.35).max(3.0 * LANE_HEIGHT))
                    .show(ui, |ui| {
                        for spread in &list {
                            lane(ui, project, spread, view, axis_width);
                        }
                    });
                ui.separator();
                // The window grows to fit the memos and the consensus below the lanes (whose
                // height the screen bounds), so the consensus memo is never cut off by its edge.
                memos_side_by_side(ui, project, view);
                ui.separator();
                let selected = view
                    .selected_excerpt
                    .and_then(|e| all.iter().find(|s| s.excerpt == e));
                consensus(ui, project, view, selected, out);
                ui.add_space(6.0);
            });
        open
    }

    fn shows_others_work(&self) -> bool {
        true
    }

    fn stale_caches(&self, project: &Project, revision: u64) -> Vec<String> {
        self.stale_cache(project, revision).into_iter().collect()
    }
}
