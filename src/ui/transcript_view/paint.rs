//! Painting one visible paragraph: the speaker and recording time in the gutter, the text with its
//! highlights, the caret while the text has focus, and a node saying what was painted where.
//!
//! That node is hidden from screen readers, which read the whole text from the document's runs
//! ([`super::access`]); it is there so tests see which paragraphs are drawn, and where (a drawn
//! paragraph that is not the text is a bug the model cannot show).

use super::highlight::{self, Highlight};
use super::layout::{Page, Paragraph, paragraph_job};
use crate::model::Transcript;
use egui::{Color32, FontId, Rect, Sense, pos2};

/// Paints paragraph `index` of the page, with the highlights that touch it and the caret if it
/// is in it.
pub(super) fn paragraph(
    ui: &egui::Ui,
    painter: &egui::Painter,
    page: &Page<'_>,
    index: usize,
    highlights: &[Highlight],
    caret: Option<usize>,
) {
    let paragraph = &page.layout.paragraphs[index];
    let top = page.paragraph_top(index);
    let local = highlight::within(highlights, paragraph);
    let job = paragraph_job(
        &page.transcript.text,
        paragraph,
        page.text_width,
        &local,
        page.palette,
    );
    let galley = painter.layout_job(job);
    let text_rect = Rect::from_min_size(pos2(page.origin.x, top), galley.size());
    gutter(ui, painter, page, paragraph, top);
    if let Some(caret) = caret.filter(|c| (paragraph.start..=paragraph.end).contains(c)) {
        let at = galley
            .pos_from_cursor(egui::text::CCursor::new(caret - paragraph.start))
            .translate(text_rect.min.to_vec2());
        painter.line_segment(
            [at.left_top(), at.left_bottom()],
            egui::Stroke::new(1.5, page.palette.text),
        );
    }
    painter.galley(text_rect.min, galley, page.palette.text);
    let line = &page.transcript.text[paragraph.byte_start..paragraph.byte_end];
    if !line.is_empty() {
        let node = ui.interact(
            text_rect,
            ui.scope_id().with(("paragraph", index)),
            Sense::hover(),
        );
        node.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, line));
        ui.ctx()
            .accesskit_node_builder(node.id, |node| node.set_hidden());
    }
}

/// The speaker whose turn starts in the paragraph, and below it the time in the recording.
fn gutter(
    ui: &egui::Ui,
    painter: &egui::Painter,
    page: &Page<'_>,
    paragraph: &Paragraph,
    top: f32,
) {
    if let Some(speaker) = &paragraph.speaker {
        painter.text(
            pos2(page.gutter_right, top + 3.0),
            egui::Align2::RIGHT_TOP,
            speaker,
            FontId::proportional(13.0),
            speaker_colour(ui, speaker, page.transcript),
        );
    }
    if let Some(ms) = paragraph.time_ms {
        let below_name = if paragraph.speaker.as_deref().is_some_and(|s| !s.is_empty()) {
            20.0
        } else {
            3.0
        };
        painter.text(
            pos2(page.gutter_right, top + below_name),
            egui::Align2::RIGHT_TOP,
            clock(ms),
            FontId::monospace(11.0),
            ui.visuals().weak_text_color(),
        );
    }
}

/// Interviewers in grey, everyone else in the accent colour, so turns are told apart at a glance.
fn speaker_colour(ui: &egui::Ui, speaker: &str, transcript: &Transcript) -> Color32 {
    let interviewer = match transcript.speakers.iter().find(|s| s.name == speaker) {
        Some(known) => known.interviewer,
        None => crate::model::import_plan::looks_like_interviewer(speaker),
    };
    if interviewer {
        ui.visuals().weak_text_color()
    } else {
        ui.visuals().hyperlink_color
    }
}

/// A recording time as `1:02:03` or `2:03`.
fn clock(ms: u64) -> String {
    let seconds = ms / 1000;
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}
