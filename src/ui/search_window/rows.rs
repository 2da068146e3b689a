//! One line of the keyword-in-context list: a transcript's heading, or a hit with the words
//! before it right-aligned against it and the words after it, so every hit of the list sits in
//! one column and reads down the middle.

use crate::model::Project;
use crate::search::{Hit, Place, Results};
use egui::{Align2, Color32, FontId, Rect, Sense, pos2, vec2};

/// What a line of the list shows.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Line {
    /// A heading: transcript (with case, role and count), or memos and labels.
    Group(String),
    /// The hit at this place of `Results::hits`.
    Hit(usize),
}

/// The lines for `results`: a heading before each transcript's hits and before the notes.
pub(super) fn lines(project: &Project, results: &Results) -> Vec<Line> {
    let mut lines = Vec::with_capacity(results.hits.len() + 16);
    let mut last = None;
    for (index, hit) in results.hits.iter().enumerate() {
        let group = match hit.place {
            Place::Transcript(t) => Some(t),
            _ => None,
        };
        if last != Some(group) {
            last = Some(group);
            lines.push(Line::Group(heading(project, results, hit)));
        }
        lines.push(Line::Hit(index));
    }
    lines
}

fn heading(project: &Project, results: &Results, hit: &Hit) -> String {
    let Place::Transcript(id) = hit.place else {
        return "Memos, labels and codes".to_owned();
    };
    let Some(transcript) = project.transcript(id) else {
        return String::new();
    };
    let mut about = Vec::new();
    if let Some(case) = project
        .case_of_transcript(transcript)
        .and_then(|c| project.case(c))
    {
        about.push(case.name.clone());
    }
    if let Some(participant) = transcript.participant.and_then(|p| project.participant(p))
        && !participant.role.is_empty()
    {
        about.push(participant.role.clone());
    }
    let count = results.by_transcript.get(&id).copied().unwrap_or(0);
    about.push(crate::model::plural(count, "hit"));
    format!("{} — {}", transcript.name, about.join(" · "))
}

/// Widths of the fixed columns.
const WHO_WIDTH: f32 = 110.0;
const EXCERPT_WIDTH: f32 = 170.0;
const GAP: f32 = 14.0;
/// How wide the fade is that ends the right context before the excerpt column.
const FADE_WIDTH: f32 = 28.0;

/// How a hit line is drawn: its texts and state.
pub(super) struct HitLine<'a> {
    pub(super) hit: &'a Hit,
    /// The speaker, or which note the hit is in.
    pub(super) who: String,
    /// "in excerpt · 0.31 Friend", or empty.
    pub(super) excerpt: String,
    pub(super) selected: bool,
}

/// Paints a hit line in `rect` and returns its response (click to open, with Ctrl or Shift to
/// select several).
pub(super) fn hit_line(ui: &mut egui::Ui, rect: Rect, line: &HitLine<'_>) -> egui::Response {
    let id = ui.scope_id().with(("hit", line.hit.place, line.hit.start));
    let response = ui.interact(rect, id, Sense::click());
    let visuals = ui.visuals();
    if line.selected {
        ui.painter()
            .rect_filled(rect, 2.0, visuals.selection.bg_fill);
    } else if response.hovered() {
        ui.painter()
            .rect_filled(rect, 2.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let font = FontId::proportional(14.0);
    let text = visuals.text_color();
    let weak = visuals.weak_text_color();
    let middle = Rect::from_min_max(
        pos2(rect.left() + WHO_WIDTH + GAP, rect.top()),
        pos2(rect.right() - EXCERPT_WIDTH - GAP, rect.bottom()),
    );
    let hit_x = middle.left() + (middle.width() * 0.42).max(80.0);
    let y = rect.center().y;
    let clip = |left: f32, right: f32| Rect::from_x_y_ranges(left..=right, rect.y_range());
    let painter = ui.painter();
    painter
        .with_clip_rect(clip(rect.left() + 4.0, rect.left() + WHO_WIDTH))
        .text(
            pos2(rect.left() + 4.0, y),
            Align2::LEFT_CENTER,
            &line.who,
            font.clone(),
            weak,
        );
    painter.with_clip_rect(clip(middle.left(), hit_x)).text(
        pos2(hit_x - 2.0, y),
        Align2::RIGHT_CENTER,
        &line.hit.left,
        font.clone(),
        text,
    );
    let hit_galley = painter.layout_no_wrap(line.hit.matched.clone(), font.clone(), text);
    let hit_rect = Rect::from_min_size(
        pos2(hit_x, y - hit_galley.size().y / 2.0),
        hit_galley.size(),
    )
    .intersect(clip(hit_x, middle.right()));
    painter.rect_filled(
        hit_rect.expand2(vec2(1.0, 0.0)),
        2.0,
        Color32::from_rgba_unmultiplied(0xFF, 0xE0, 0x00, 120),
    );
    let hit_end = hit_x + hit_galley.size().x;
    painter
        .with_clip_rect(clip(hit_x, middle.right()))
        .galley(hit_rect.min, hit_galley, text);
    painter.with_clip_rect(clip(hit_end, middle.right())).text(
        pos2(hit_end + 2.0, y),
        Align2::LEFT_CENTER,
        &line.hit.right,
        font.clone(),
        text,
    );
    // The contexts fade out at their ends rather than stopping mid-word (against the speaker
    // and the excerpt columns).
    let background = if line.selected {
        visuals.selection.bg_fill
    } else if response.hovered() {
        visuals.widgets.hovered.weak_bg_fill
    } else {
        visuals.window_fill
    };
    let edge = |left: f32| Rect::from_x_y_ranges(left..=left + FADE_WIDTH, rect.y_range());
    fade(
        painter,
        edge(middle.left()),
        background,
        Color32::TRANSPARENT,
    );
    fade(
        painter,
        edge(middle.right() - FADE_WIDTH),
        Color32::TRANSPARENT,
        background,
    );
    painter
        .with_clip_rect(clip(rect.right() - EXCERPT_WIDTH, rect.right()))
        .text(
            pos2(rect.right() - EXCERPT_WIDTH, y),
            Align2::LEFT_CENTER,
            &line.excerpt,
            FontId::proportional(12.5),
            weak,
        );
    // Screen readers read the line as one sentence, in reading order.
    let spoken = format!(
        "{}: {}{}{}. {}",
        line.who, line.hit.left, line.hit.matched, line.hit.right, line.excerpt
    );
    let selected = line.selected;
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::ListBoxOption, true, selected, &spoken)
    });
    response
}

/// Paints over `rect` in a gradient from `left` at its left edge to `right` at its right.
fn fade(painter: &egui::Painter, rect: Rect, left: Color32, right: Color32) {
    let mut mesh = egui::Mesh::default();
    mesh.colored_vertex(rect.left_top(), left);
    mesh.colored_vertex(rect.right_top(), right);
    mesh.colored_vertex(rect.right_bottom(), right);
    mesh.colored_vertex(rect.left_bottom(), left);
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(0, 2, 3);
    painter.add(egui::Shape::mesh(mesh));
}
