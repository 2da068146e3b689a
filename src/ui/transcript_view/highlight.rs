//! Which stretches of the transcript get a background, and in which colour: excerpts (in the
//! active annotator's colour once placed), the selected excerpt, the hits of the find bar, and the
//! text being selected, with the current hit above it.
//!
//! A highlight is a char range of the whole transcript with a colour. The list is ordered weakest
//! first: where highlights overlap, the one later in the list is drawn
//! ([`paragraph_job`](super::layout::paragraph_job) cuts each paragraph at every boundary). To add
//! a kind of highlight (hits of a search, say): give it a colour in [`Palette`] and push its
//! ranges in [`highlights`] at its place in that order. Nothing else needs to change: only
//! backgrounds differ, so the measured heights stay valid.

use super::layout::Paragraph;
use crate::model::{AnnotatorId, Project, Transcript};
use crate::ui::view_state::ViewState;
use egui::Color32;

/// A char range of the transcript, start inclusive, end exclusive, and its background.
pub(super) type Highlight = (usize, usize, Color32);

/// Highlight colours, chosen against the current theme.
pub(super) struct Palette {
    pub(super) text: Color32,
    pub(super) selection: Color32,
    pub(super) excerpt: Color32,
    pub(super) selected_excerpt: Color32,
    pub(super) hit: Color32,
    pub(super) current_hit: Color32,
}

impl Palette {
    pub(super) fn new(ui: &egui::Ui) -> Palette {
        Palette {
            text: ui.visuals().text_color(),
            // Text being selected is grey, so it is not mistaken for an excerpt in an annotator's colour.
            selection: Color32::from_rgba_unmultiplied(0x60, 0x60, 0x60, 90),
            excerpt: Color32::from_rgba_unmultiplied(0xE6, 0x9F, 0x00, 70),
            selected_excerpt: Color32::from_rgba_unmultiplied(0xE6, 0x9F, 0x00, 150),
            // Find hits in a clear yellow, apart from the excerpts' amber; the current hit in a
            // strong green-blue that reads as "here" over any of them.
            hit: Color32::from_rgba_unmultiplied(0xFF, 0xE0, 0x00, 120),
            current_hit: Color32::from_rgba_unmultiplied(0x00, 0x9E, 0xD8, 110),
        }
    }
}

/// What the find bar found in the transcript shown: every hit, and the current one.
pub(super) struct FindHits<'a> {
    pub(super) all: &'a [(usize, usize)],
    pub(super) current: Option<(usize, usize)>,
}

/// The ranges to highlight in this transcript, weakest first: excerpts, then the selected excerpt,
/// then the find bar's hits, then the text selection, then the current hit.
pub(super) fn highlights(
    project: &Project,
    transcript: &Transcript,
    view: &ViewState,
    palette: &Palette,
    found: FindHits<'_>,
) -> Vec<Highlight> {
    let annotator_colour = |annotator: Option<AnnotatorId>| {
        annotator
            .and_then(|a| project.annotator(a))
            .map(|a| crate::ui::widgets::colour32(a.colour))
    };
    let active = annotator_colour(view.active_annotator);
    let mut list = Vec::new();
    let mut selected = None;
    for excerpt in project.excerpts_of(transcript.id) {
        let placed = view
            .active_annotator
            .is_some_and(|a| project.placement(a, excerpt.id).is_some());
        let base = match (placed, active) {
            (true, Some(colour)) => colour.gamma_multiply(0.16),
            _ => palette.excerpt,
        };
        if view.selected_excerpt == Some(excerpt.id) {
            let strong = match (placed, active) {
                (true, Some(colour)) => colour.gamma_multiply(0.38),
                _ => palette.selected_excerpt,
            };
            selected = Some((excerpt.start, excerpt.end, strong));
        } else {
            list.push((excerpt.start, excerpt.end, base));
        }
    }
    list.extend(selected);
    list.extend(found.all.iter().map(|&(a, b)| (a, b, palette.hit)));
    if let Some(selection) = view.text_selection.filter(|s| !s.is_empty()) {
        let (a, b) = selection.range();
        list.push((a, b, palette.selection));
    }
    list.extend(found.current.map(|(a, b)| (a, b, palette.current_hit)));
    list
}

/// The highlights that touch `paragraph`, in their order.
pub(super) fn within(highlights: &[Highlight], paragraph: &Paragraph) -> Vec<Highlight> {
    highlights
        .iter()
        .copied()
        .filter(|(s, e, _)| *s < paragraph.end.max(paragraph.start + 1) && *e > paragraph.start)
        .collect()
}
