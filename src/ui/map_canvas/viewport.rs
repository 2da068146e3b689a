//! Where the figure is on screen: the conversion from figure points to screen points (lanes
//! scroll, the axis may be pinned below them), zoom about the pointer, scrolling with the wheel,
//! following the open transcript's markers, and keeping the figure in view.

use crate::map::{MapLayout, PlacedMarker};
use crate::model::Project;
use crate::ui::map_view::MapView;
use crate::ui::view_state::ViewState;
use egui::{Pos2, Rect, pos2};

use super::{MAX_ZOOM, MIN_ZOOM};

/// From figure points to the screen. Lanes scroll; the axis part of the figure is pinned to the
/// bottom of the canvas when the whole figure does not fit.
pub(super) struct View {
    pub(super) origin: Pos2,
    pub(super) scroll: egui::Vec2,
    pub(super) scale: f32,
    /// Where the lanes are visible.
    pub(super) lanes: Rect,
    /// Screen y of the figure's `axis_top`.
    pub(super) axis_screen_top: f32,
    pub(super) axis_top: f32,
}

impl View {
    pub(super) fn lanes_to_screen(&self, p: Pos2) -> Pos2 {
        self.origin + (p - self.scroll.to_pos2()) * self.scale
    }

    pub(super) fn axis_to_screen(&self, p: Pos2) -> Pos2 {
        pos2(
            self.lanes_to_screen(p).x,
            self.axis_screen_top + (p.y - self.axis_top) * self.scale,
        )
    }

    pub(super) fn to_map(&self, screen: Pos2) -> Pos2 {
        self.scroll.to_pos2() + (screen - self.origin) / self.scale
    }

    pub(super) fn marker_rect(&self, m: &PlacedMarker) -> Rect {
        Rect::from_min_max(
            self.lanes_to_screen(pos2(m.left, m.top)),
            self.lanes_to_screen(pos2(m.right, m.bottom)),
        )
    }
}

/// Ctrl+wheel or pinch zooms about the pointer; the wheel scrolls; Fit shows the whole map.
pub(super) fn zoom_and_scroll(
    ui: &egui::Ui,
    rect: Rect,
    map: &MapLayout,
    base: f32,
    view: &mut ViewState,
) {
    let m = &mut view.map;
    let resized_since_fit = m.fitted_to.is_some_and(|size| size != rect.size());
    if m.fit_requested || resized_since_fit {
        m.fit_requested = false;
        m.fitted_to = Some(rect.size());
        m.zoom = (rect.height() / (map.height * base)).clamp(MIN_ZOOM, 1.0);
        m.scroll = egui::Vec2::ZERO;
    }
    if let Some(factor) = m.zoom_by.take() {
        zoom_about(m, rect.center() - rect.min, base, factor);
    }
    let pointer = ui.ctx().pointer_hover_pos().filter(|p| rect.contains(*p));
    let Some(pointer) = pointer else {
        return;
    };
    let (zoom_delta, scroll_delta) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta));
    let scale = base * m.zoom;
    if zoom_delta != 1.0 {
        zoom_about(m, pointer - rect.min, base, zoom_delta);
    } else if scroll_delta != egui::Vec2::ZERO {
        m.scroll -= scroll_delta / scale;
    }
}

/// Zooms by `factor`, keeping the map point at `at` (from the canvas's corner, in screen points)
/// where it is.
fn zoom_about(m: &mut MapView, at: egui::Vec2, base: f32, factor: f32) {
    let under = m.scroll + at / (base * m.zoom);
    m.zoom = (m.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
    m.fitted_to = None;
    m.scroll = under - at / (base * m.zoom);
}

/// When another transcript is opened, scrolls its markers into view unless some already are.
pub(super) fn follow_transcript(
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
pub(super) fn clamp_scroll(
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
