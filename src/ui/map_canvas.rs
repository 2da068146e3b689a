//! The continuum map on screen. It paints the same `map::layout` as the SVG and PNG exports, on
//! white paper, zoomed and scrolled, with the axis kept in view below the lanes; and it turns the
//! pointer into selection (click, Shift-click, Shift-drag rubber band), moves (dragging the
//! selected markers), placements (dropping an excerpt from the tray), scrolling (wheel, or
//! dragging empty space) and zoom (Ctrl+wheel or pinch).

use super::map_view::MarkerKey;
use super::outbox::Outbox;
use super::view_state::ViewState;
use super::widgets::colour32;
use crate::map::{Anchor, MapLayout, PlacedMarker, Shape};
use crate::model::{AnnotatorId, Edit, ExcerptId, Project, Timestamp};
use egui::{Color32, FontId, Pos2, Rect, Sense, Stroke, pos2, vec2};

/// Screen points per figure point at zoom 1: the figure's 8 pt labels read at about 10.5 px.
pub const SCREEN_SCALE: f32 = 1.3;
pub const MIN_ZOOM: f32 = 0.25;
pub const MAX_ZOOM: f32 = 6.0;

const SELECTION: Color32 = Color32::from_rgb(0x1F, 0x6F, 0xD0);
const SELECTION_FILL: Color32 = Color32::from_rgba_unmultiplied_const(0x1F, 0x6F, 0xD0, 0x38);

/// From figure points to the screen. Lanes scroll; the axis part of the figure is pinned to the
/// bottom of the canvas when the whole figure does not fit.
struct View {
    origin: Pos2,
    scroll: egui::Vec2,
    scale: f32,
    /// Where the lanes are visible.
    lanes: Rect,
    /// Screen y of the figure's `axis_top`.
    axis_screen_top: f32,
    axis_top: f32,
}

impl View {
    fn lanes_to_screen(&self, p: Pos2) -> Pos2 {
        self.origin + (p - self.scroll.to_pos2()) * self.scale
    }

    fn axis_to_screen(&self, p: Pos2) -> Pos2 {
        pos2(
            self.lanes_to_screen(p).x,
            self.axis_screen_top + (p.y - self.axis_top) * self.scale,
        )
    }

    fn to_map(&self, screen: Pos2) -> Pos2 {
        self.scroll.to_pos2() + (screen - self.origin) / self.scale
    }

    fn marker_rect(&self, m: &PlacedMarker) -> Rect {
        Rect::from_min_max(
            self.lanes_to_screen(pos2(m.left, m.top)),
            self.lanes_to_screen(pos2(m.right, m.bottom)),
        )
    }
}

/// What every part of one frame of the canvas reads.
struct Canvas<'a> {
    project: &'a Project,
    active: AnnotatorId,
    map: &'a MapLayout,
    screen: View,
}

/// Paints and handles the canvas for the active annotator.
pub fn show(
    ui: &mut egui::Ui,
    project: &Project,
    view: &mut ViewState,
    out: &mut Outbox,
    active: AnnotatorId,
) -> f32 {
    // Exactly the space left, however small: a wider canvas would push the panel wider.
    let (rect, canvas) = ui.allocate_exact_size(
        ui.available_size().max(vec2(1.0, 1.0)),
        Sense::click_and_drag(),
    );
    show_in(ui, rect, canvas, project, view, out, active);
    rect.height()
}

fn show_in(
    ui: &mut egui::Ui,
    rect: Rect,
    canvas: egui::Response,
    project: &Project,
    view: &mut ViewState,
    out: &mut Outbox,
    active: AnnotatorId,
) {
    canvas.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Continuum map"));
    if rect.width() < 40.0 || rect.height() < 20.0 {
        return;
    }
    let settings = view.map.settings(
        project,
        Some(active),
        view.transcript,
        rect.width() / SCREEN_SCALE,
    );
    let map = view.map.layout(project, view.project_revision, settings);
    let base = rect.width() / map.width;

    zoom_and_scroll(ui, rect, &map, base, view);
    let scale = base * view.map.zoom;
    let axis_height = (map.height - map.axis_top) * scale;
    // The axis stays in view below scrolling lanes, unless zoomed so far that it would crowd
    // them out; then it scrolls with them.
    let pinned = map.height * scale > rect.height() && axis_height <= 0.35 * rect.height();
    let lanes = if !pinned {
        rect
    } else {
        Rect::from_min_max(rect.min, pos2(rect.right(), rect.bottom() - axis_height))
    };
    follow_transcript(project, view, &map, lanes, scale);
    clamp_scroll(view, &map, rect, lanes, scale, pinned);
    let mut screen = View {
        origin: rect.min,
        scroll: view.map.scroll,
        scale,
        lanes,
        axis_screen_top: 0.0,
        axis_top: map.axis_top,
    };
    screen.axis_screen_top = if !pinned {
        screen.lanes_to_screen(pos2(0.0, map.axis_top)).y
    } else {
        lanes.bottom()
    };

    // Markers first, so the hovered one is known when painting; later widgets win the pointer
    // over the canvas underneath.
    let c = Canvas {
        project,
        active,
        map: &map,
        screen,
    };
    let screen = &c.screen;
    let hovered = marker_widgets(ui, &c, view, out);

    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    let lanes_painter = painter.with_clip_rect(lanes);
    paint_shapes(
        &lanes_painter,
        &map.shapes[..map.axis_shapes],
        |p| screen.lanes_to_screen(p),
        scale,
    );
    // Highlights are translucent and go over the figure: painted under it, the shaded anchor
    // zones hid them.
    for marker in &map.markers {
        let key = (marker.annotator, marker.excerpt);
        if is_highlighted(view, key) {
            lanes_painter.rect_filled(screen.marker_rect(marker).expand(1.5), 4.0, SELECTION_FILL);
        }
    }
    paint_shapes(
        &painter,
        &map.shapes[map.axis_shapes..],
        |p| screen.axis_to_screen(p),
        scale,
    );
    if pinned {
        painter.line_segment(
            [
                pos2(rect.left(), lanes.bottom()),
                pos2(rect.right(), lanes.bottom()),
            ],
            Stroke::new(1.0, Color32::from_gray(220)),
        );
    }
    for marker in &map.markers {
        let key = (marker.annotator, marker.excerpt);
        let ring = if is_highlighted(view, key) {
            Some(2.0)
        } else if hovered == Some(key) {
            Some(1.5)
        } else {
            None
        };
        if let Some(width) = ring {
            let centre = screen.lanes_to_screen(pos2(marker.dot_x, marker.dot_y));
            // Close around the dot, so the ring does not cover the label's first letter.
            lanes_painter.circle_stroke(
                centre,
                marker.radius * scale + 1.0 + width / 2.0,
                Stroke::new(width, SELECTION),
            );
        }
    }

    pin_lane_names(&lanes_painter, &c);
    if let Some(delta) = view.map.drag {
        paint_moving(&lanes_painter, &c, view, delta);
    }
    canvas_gestures(ui, &c, view, &canvas);
    if let Some((from, to)) = view.map.band {
        let band = Rect::from_two_pos(screen.lanes_to_screen(from), screen.lanes_to_screen(to));
        lanes_painter.rect(
            band,
            0.0,
            SELECTION_FILL,
            Stroke::new(1.0, SELECTION),
            egui::StrokeKind::Inside,
        );
    }
    drop_from_tray(ui, &c, view, out, &painter);
}

/// When the map is scrolled so far right that the lane names are out of view, each lane's name is
/// shown at the left edge, so one still knows which lane is which.
fn pin_lane_names(painter: &egui::Painter, c: &Canvas) {
    let (map, screen) = (c.map, &c.screen);
    if screen.lanes_to_screen(pos2(map.axis_left * 0.5, 0.0)).x >= screen.lanes.left() {
        return;
    }
    let font = FontId::proportional(11.0);
    for (name, centre) in map.lanes.iter().zip(&map.lane_centres) {
        let y = screen.lanes_to_screen(pos2(0.0, *centre)).y;
        if y < screen.lanes.top() || y > screen.lanes.bottom() {
            continue;
        }
        let galley = painter.layout_no_wrap(name.clone(), font.clone(), Color32::from_gray(40));
        let label = Rect::from_min_size(
            pos2(screen.lanes.left() + 4.0, y - galley.size().y / 2.0 - 2.0),
            galley.size() + vec2(10.0, 4.0),
        );
        painter.rect(
            label,
            3.0,
            Color32::from_white_alpha(235),
            Stroke::new(1.0, Color32::from_gray(210)),
            egui::StrokeKind::Inside,
        );
        painter.galley(label.min + vec2(5.0, 2.0), galley, Color32::from_gray(40));
    }
}

fn is_highlighted(view: &ViewState, key: MarkerKey) -> bool {
    view.map.selection.contains(&key)
        || (view.map.selection.is_empty() && view.selected_excerpt == Some(key.1))
}

/// Ctrl+wheel or pinch zooms about the pointer; the wheel scrolls; Fit shows the whole map.
fn zoom_and_scroll(ui: &egui::Ui, rect: Rect, map: &MapLayout, base: f32, view: &mut ViewState) {
    let m = &mut view.map;
    let resized_since_fit = m.fitted_to.is_some_and(|size| size != rect.size());
    if m.fit_requested || resized_since_fit {
        m.fit_requested = false;
        m.fitted_to = Some(rect.size());
        m.zoom = (rect.height() / (map.height * base)).clamp(MIN_ZOOM, 1.0);
        m.scroll = egui::Vec2::ZERO;
    }
    let pointer = ui.ctx().pointer_hover_pos().filter(|p| rect.contains(*p));
    let Some(pointer) = pointer else {
        return;
    };
    let (zoom_delta, scroll_delta) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta));
    let scale = base * m.zoom;
    if zoom_delta != 1.0 {
        let under_pointer = m.scroll + (pointer - rect.min) / scale;
        m.zoom = (m.zoom * zoom_delta).clamp(MIN_ZOOM, MAX_ZOOM);
        m.fitted_to = None;
        m.scroll = under_pointer - (pointer - rect.min) / (base * m.zoom);
    } else if scroll_delta != egui::Vec2::ZERO {
        m.scroll -= scroll_delta / scale;
    }
}

/// When another transcript is opened, scrolls its markers into view unless some already are.
fn follow_transcript(
    project: &Project,
    view: &mut ViewState,
    map: &MapLayout,
    lanes: Rect,
    scale: f32,
) {
    if view.map.followed_transcript == view.transcript {
        return;
    }
    view.map.followed_transcript = view.transcript;
    let ours: Vec<&PlacedMarker> = map
        .markers
        .iter()
        .filter(|m| {
            project
                .excerpt(m.excerpt)
                .is_some_and(|e| Some(e.transcript) == view.transcript)
        })
        .collect();
    let top = view.map.scroll.y;
    let bottom = top + lanes.height() / scale;
    let visible = ours.iter().any(|m| m.top >= top && m.bottom <= bottom);
    if !visible && let Some(first) = ours.iter().map(|m| m.top).reduce(f32::min) {
        view.map.scroll.y = first - 6.0;
    }
}

/// Keeps the figure in view: centred when narrower than the canvas, never scrolled past its ends.
fn clamp_scroll(
    view: &mut ViewState,
    map: &MapLayout,
    rect: Rect,
    lanes: Rect,
    scale: f32,
    pinned: bool,
) {
    let s = &mut view.map.scroll;
    let view_width = rect.width() / scale;
    s.x = if map.width <= view_width {
        -(view_width - map.width) / 2.0
    } else {
        s.x.clamp(0.0, map.width - view_width)
    };
    let content = if pinned { map.axis_top } else { map.height };
    let view_height = lanes.height() / scale;
    s.y = if content <= view_height {
        0.0
    } else {
        s.y.clamp(0.0, content - view_height)
    };
}

/// Paints layout shapes through `to_screen`, scaling sizes by `scale`.
fn paint_shapes(
    painter: &egui::Painter,
    shapes: &[Shape],
    to_screen: impl Fn(Pos2) -> Pos2,
    scale: f32,
) {
    let clip = painter.clip_rect();
    for shape in shapes {
        match shape {
            Shape::Rect { x, y, w, h, fill } => {
                let r = Rect::from_min_max(to_screen(pos2(*x, *y)), to_screen(pos2(x + w, y + h)));
                if r.intersects(clip) {
                    painter.rect_filled(r, 0.0, colour32(*fill));
                }
            }
            Shape::Line {
                x1,
                y1,
                x2,
                y2,
                colour,
                width,
            } => {
                let (a, b) = (to_screen(pos2(*x1, *y1)), to_screen(pos2(*x2, *y2)));
                if Rect::from_two_pos(a, b).expand(2.0).intersects(clip) {
                    painter.line_segment(
                        [a, b],
                        Stroke::new((width * scale).max(1.0), colour32(*colour)),
                    );
                }
            }
            Shape::Circle { cx, cy, r, fill } => {
                let c = to_screen(pos2(*cx, *cy));
                if clip.expand(r * scale).contains(c) {
                    painter.circle_filled(c, r * scale, colour32(*fill));
                }
            }
            Shape::Text {
                x,
                y,
                text,
                size,
                anchor,
                colour,
                halo,
            } => {
                let at = to_screen(pos2(*x, *y));
                // Half-pixel steps, so zooming does not fill the font atlas with every size.
                let px = (size * scale * 2.0).round().max(2.0) / 2.0;
                if at.y < clip.top() - px || at.y > clip.bottom() + px {
                    continue;
                }
                let galley = painter.layout_no_wrap(
                    text.clone(),
                    FontId::proportional(px),
                    colour32(*colour),
                );
                // The layout gives baselines; egui places a galley by its top.
                let baseline = galley
                    .rows
                    .first()
                    .and_then(|row| row.row.glyphs.first().map(|g| row.pos.y + g.pos.y))
                    .unwrap_or(px * 0.8);
                let left = match anchor {
                    Anchor::Start => at.x,
                    Anchor::Middle => at.x - galley.size().x / 2.0,
                    Anchor::End => at.x - galley.size().x,
                };
                let top_left = pos2(left, at.y - baseline);
                if *halo {
                    // The paper's colour around the letters, as the SVG's outline does.
                    let paper = painter.layout_no_wrap(
                        text.clone(),
                        FontId::proportional(px),
                        egui::Color32::WHITE,
                    );
                    let d = (px * 0.08).max(0.8);
                    for offset in [vec2(-d, 0.0), vec2(d, 0.0), vec2(0.0, -d), vec2(0.0, d)] {
                        painter.galley(top_left + offset, paper.clone(), egui::Color32::WHITE);
                    }
                }
                painter.galley(top_left, galley, colour32(*colour));
            }
        }
    }
}

/// One interactive widget per visible marker: hover shows the quote and memo, click selects,
/// Shift-click adds or removes, and the active annotator's markers can be dragged. Returns the
/// hovered marker.
fn marker_widgets(
    ui: &egui::Ui,
    c: &Canvas,
    view: &mut ViewState,
    out: &mut Outbox,
) -> Option<MarkerKey> {
    let (project, active, map, screen) = (c.project, c.active, c.map, &c.screen);
    let mut hovered = None;
    let axis_length = (map.axis_right - map.axis_left) * screen.scale;
    let shift = ui.input(|i| i.modifiers.shift);
    for marker in &map.markers {
        let hit = screen.marker_rect(marker).intersect(screen.lanes);
        if !hit.is_positive() {
            continue;
        }
        let Some(excerpt) = project.excerpt(marker.excerpt) else {
            continue;
        };
        let key = (marker.annotator, marker.excerpt);
        let own = marker.annotator == active;
        let id = ui
            .scope_id()
            .with(("map-marker", marker.annotator, marker.excerpt));
        let sense = if own {
            Sense::click_and_drag()
        } else {
            Sense::click()
        };
        let response = ui.interact(hit, id, sense);
        let annotator_name = project
            .annotator(marker.annotator)
            .map_or("", |a| a.name.as_str());
        response.widget_info(|| {
            let label = project.excerpt_label(excerpt);
            let name = if own {
                format!("Marker: {label}")
            } else {
                format!("{annotator_name}'s marker: {label}")
            };
            egui::WidgetInfo::selected(
                egui::Role::Button,
                true,
                view.map.selection.contains(&key),
                name,
            )
        });
        if response.hovered() {
            hovered = Some(key);
        }
        if response.clicked() {
            if shift {
                if !view.map.selection.remove(&key) {
                    view.map.selection.insert(key);
                    view.selected_excerpt = Some(marker.excerpt);
                }
            } else {
                view.select_excerpt(excerpt.id, excerpt.transcript, excerpt.start);
                view.map.selection.insert(key);
            }
        }
        if own {
            if response.drag_started() {
                if !view.map.selection.contains(&key) {
                    if !shift {
                        view.map.selection.clear();
                    }
                    view.map.selection.insert(key);
                }
                view.map.drag = Some(0.0);
            }
            if response.dragged()
                && let Some(delta) = &mut view.map.drag
            {
                *delta += (response.drag_delta().x / axis_length) as f64;
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
            }
            if response.drag_stopped()
                && let Some(delta) = view.map.drag.take()
            {
                finish_move(project, view, out, active, delta, marker.excerpt);
            }
            if response.hovered() && view.map.drag.is_none() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
            }
        }
        if view.map.drag.is_none() {
            response.on_hover_ui(|ui| {
                marker_tooltip(ui, project, marker, excerpt, own, annotator_name)
            });
        }
    }
    hovered
}

/// Commits a drag: every selected placement of the active annotator moves by `delta`, as one step.
fn finish_move(
    project: &Project,
    view: &mut ViewState,
    out: &mut Outbox,
    active: AnnotatorId,
    delta: f64,
    grabbed: ExcerptId,
) {
    if delta == 0.0 {
        return;
    }
    let moving = view.map.movable(project, active);
    let single = moving.len() == 1;
    out.placements_step(
        "move",
        Edit::move_by(project, active, moving, delta, Timestamp::now()),
    );
    // A single marker moved is selected like a clicked one, its excerpt shown in the transcript.
    if single && let Some(e) = project.excerpt(grabbed) {
        let keep = view.map.selection.clone();
        view.select_excerpt(e.id, e.transcript, e.start);
        view.map.selection = keep;
    }
}

fn marker_tooltip(
    ui: &mut egui::Ui,
    project: &Project,
    marker: &PlacedMarker,
    excerpt: &crate::model::Excerpt,
    own: bool,
    annotator: &str,
) {
    ui.set_max_width(420.0);
    let transcript = project
        .transcript(excerpt.transcript)
        .map_or("", |t| t.name.as_str());
    ui.label(egui::RichText::new(format!("{transcript} · placed by {annotator}")).weak());
    ui.label(egui::RichText::new(format!("“{}”", project.quote(excerpt))).italics());
    let anchor = project
        .continuum
        .nearest_anchor(marker.position)
        .map_or("", |a| a.name.as_str());
    ui.label(format!(
        "Position {:.2}, nearest anchor: {anchor}",
        marker.position
    ));
    if !excerpt.codes.is_empty() {
        ui.label(format!("Codes: {}", excerpt.codes.join(", ")));
    }
    if let Some(p) = project.placement(marker.annotator, excerpt.id)
        && !p.memo.trim().is_empty()
    {
        ui.separator();
        ui.label(&p.memo);
    }
    if !own {
        ui.label(
            egui::RichText::new(format!("Choose {annotator} as the annotator to move it.")).weak(),
        );
    }
}

/// While markers are dragged: each selected marker of the active annotator appears where it
/// would land, joined to where it is, with the grabbed one's new position spelled out.
fn paint_moving(painter: &egui::Painter, c: &Canvas, view: &ViewState, delta: f64) {
    let (project, active, map, screen) = (c.project, c.active, c.map, &c.screen);
    let moving = view.map.movable(project, active);
    for marker in map
        .markers
        .iter()
        .filter(|m| m.annotator == active && moving.contains(&m.excerpt))
    {
        let to = (marker.position + delta).clamp(0.0, 1.0);
        let from = screen.lanes_to_screen(pos2(map.x_of(marker.position), marker.dot_y));
        let at = screen.lanes_to_screen(pos2(map.x_of(to), marker.dot_y));
        painter.line_segment([from, at], Stroke::new(1.0, SELECTION));
        painter.circle(
            at,
            marker.radius * screen.scale * 1.3,
            colour32(marker.colour),
            Stroke::new(2.0, SELECTION),
        );
    }
    if let Some(first) = map
        .markers
        .iter()
        .find(|m| m.annotator == active && moving.contains(&m.excerpt))
    {
        let to = (first.position + delta).clamp(0.0, 1.0);
        let x = screen.lanes_to_screen(pos2(map.x_of(to), 0.0)).x;
        guide(painter, project, x, screen.lanes, to);
    }
}

/// A vertical line where something would land, with the position and nearest anchor.
fn guide(painter: &egui::Painter, project: &Project, x: f32, lanes: Rect, position: f64) {
    painter.line_segment(
        [pos2(x, lanes.top()), pos2(x, lanes.bottom())],
        Stroke::new(1.5, SELECTION),
    );
    let anchor = project
        .continuum
        .nearest_anchor(position)
        .map_or("", |a| a.name.as_str());
    let text = format!("{position:.2} · near {anchor}");
    let font = FontId::proportional(12.0);
    let galley = painter.layout_no_wrap(text, font, Color32::WHITE);
    let left = (x + 6.0).min(lanes.right() - galley.size().x - 8.0);
    let label = Rect::from_min_size(
        pos2(left, lanes.top() + 4.0),
        galley.size() + vec2(8.0, 4.0),
    );
    painter.rect_filled(label, 3.0, SELECTION);
    painter.galley(label.min + vec2(4.0, 2.0), galley, Color32::WHITE);
}

/// Empty space: a click clears the selection, a drag scrolls, a Shift-drag draws a rubber band
/// that adds every marker it touches to the selection.
fn canvas_gestures(ui: &egui::Ui, c: &Canvas, view: &mut ViewState, canvas: &egui::Response) {
    let (project, map, screen) = (c.project, c.map, &c.screen);
    let shift = ui.input(|i| i.modifiers.shift);
    if canvas.drag_started() && shift {
        let origin = ui
            .input(|i| i.pointer.press_origin())
            .unwrap_or(canvas.rect.min);
        let at = screen.to_map(origin);
        view.map.band = Some((at, at));
    }
    if canvas.dragged() {
        match &mut view.map.band {
            Some((_, to)) => {
                if let Some(pointer) = canvas.interact_pointer_pos() {
                    *to = screen.to_map(pointer);
                }
            }
            None => {
                view.map.scroll -= canvas.drag_delta() / screen.scale;
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
            }
        }
    }
    if canvas.drag_stopped()
        && let Some((from, to)) = view.map.band.take()
    {
        let band = Rect::from_two_pos(from, to);
        for m in &map.markers {
            let r = Rect::from_min_max(pos2(m.left, m.top), pos2(m.right, m.bottom));
            if band.intersects(r) {
                view.map.selection.insert((m.annotator, m.excerpt));
            }
        }
        if let Some(&(_, first)) = view.map.selection.iter().next()
            && project.excerpt(first).is_some()
        {
            view.selected_excerpt = Some(first);
        }
    }
    if canvas.clicked() && !shift {
        view.map.selection.clear();
        view.selected_excerpt = None;
    }
}

/// An excerpt dragged from the tray shows where it would land, and is placed where it is dropped.
fn drop_from_tray(
    ui: &egui::Ui,
    c: &Canvas,
    view: &mut ViewState,
    out: &mut Outbox,
    painter: &egui::Painter,
) {
    let (project, active, map, screen) = (c.project, c.active, c.map, &c.screen);
    let rect = painter.clip_rect();
    if !egui::DragAndDrop::has_payload_of_type::<ExcerptId>(ui.ctx()) {
        return;
    }
    // `hover_pos` is empty while another widget is dragged, so ask for the pointer directly.
    let Some(pointer) = ui.ctx().pointer_latest_pos().filter(|p| rect.contains(*p)) else {
        return;
    };
    let position = map.position_at(screen.to_map(pointer).x);
    guide(
        painter,
        project,
        pointer.x.clamp(
            screen.lanes_to_screen(pos2(map.axis_left, 0.0)).x,
            screen.lanes_to_screen(pos2(map.axis_right, 0.0)).x,
        ),
        screen.lanes,
        position,
    );
    if ui.input(|i| i.pointer.any_released())
        && let Some(excerpt) = egui::DragAndDrop::take_payload::<ExcerptId>(ui.ctx())
    {
        out.edit(Edit::place(
            project,
            active,
            *excerpt,
            position,
            Timestamp::now(),
        ));
        if let Some(e) = project.excerpt(*excerpt) {
            view.select_excerpt(e.id, e.transcript, e.start);
        }
    }
}
