//! The transcript text with speaker turns, excerpt highlights and mouse selection.
//!
//! Only the paragraphs inside the visible part of the scroll area are laid out and painted, so a
//! 100,000-word transcript scrolls as smoothly as a short one. Paragraph heights are measured once
//! per transcript and width and kept in a cache, keyed by what the transcript *is*, not by its id.
//!
//! This module runs the panel for a frame and keeps the cache; the parts are:
//! - [`layout`]: paragraphs, their measured heights, the text job of a paragraph, and the char
//!   under a point;
//! - [`highlight`]: which ranges get which background (the place to add a kind of highlight);
//! - [`paint`]: one visible paragraph, with its gutter and the caret;
//! - [`pointer`]: selecting with the mouse; [`keyboard`]: focus, keys and Copy;
//! - [`header`]: the heading above the text, and the panel when no transcript is open;
//! - [`reading`] and [`access`]: the whole text as a screen reader reads it, in the
//!   accessibility tree, with the caret and selection;
//! - the find bar above the text is `ui/find_bar.rs`.

mod access;
mod header;
mod highlight;
mod keyboard;
mod layout;
mod paint;
mod pointer;
mod reading;

use super::Command;
use super::outbox::Outbox;
use super::view_state::ViewState;
use crate::model::{Project, Transcript, TranscriptId};
use egui::{Rect, Sense, pos2, vec2};
use highlight::Palette;
use layout::{Layout, Page, split_paragraphs};

const GUTTER: f32 = 130.0;
const GUTTER_GAP: f32 = 14.0;
const MAX_TEXT_WIDTH: f32 = 760.0;

/// The transcript panel. Holds the measured layout between frames.
#[derive(Default)]
pub struct TranscriptView {
    layout: Option<Layout>,
    /// What part of which transcript was on screen last frame (in layout coordinates).
    shown: Option<(TranscriptId, Rect)>,
    /// The text runs given to screen readers.
    exposed: access::Exposed,
}

impl TranscriptView {
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        view: &mut ViewState,
        out: &mut Outbox,
    ) {
        let Some(transcript) = view.transcript.and_then(|id| project.transcript(id)) else {
            header::no_transcript(ui, project, out);
            return;
        };
        self.forget_if_stale(transcript, view.project_revision);
        let words = match &self.layout {
            Some(layout) => layout.words,
            None => transcript.text.split_whitespace().count(),
        };
        header::header(ui, project, transcript, words);
        // The find bar is taken out of the view state while it draws, as it changes the
        // selection in it.
        let mut find = std::mem::take(&mut view.find);
        if find.open {
            find.show(ui, project, view);
        }
        ui.separator();

        let palette = Palette::new(ui);
        let (all, current) = find.highlights(project, transcript.id, view.project_revision);
        let found = highlight::FindHits { all, current };
        let highlights = highlight::highlights(project, transcript, view, &palette, found);
        view.find = find;

        let mut scroll = egui::ScrollArea::vertical()
            .id_salt(("transcript", transcript.id))
            .auto_shrink([false, false]);
        // Bring a selected excerpt into view, but only if it is not in view already: scrolling
        // to it every time made the text jump after each placement.
        let mut offset = None;
        if let (Some(target), Some(layout)) = (view.scroll_to_char, &self.layout) {
            let index = layout.paragraph_of_char(target);
            let (top, bottom) = (layout.tops[index], layout.tops[index + 1]);
            // The whole paragraph on screen (the excerpt may sit at its end).
            let in_view = self.shown.is_some_and(|(id, shown)| {
                id == transcript.id && top >= shown.top() && bottom <= shown.bottom()
            });
            if !in_view {
                offset = Some((top - 60.0).max(0.0));
            }
            view.scroll_to_char = None;
        } else if view.scroll_to_char.is_some() {
            // The layout for this transcript is measured during this frame; scroll on the next.
            ui.ctx().request_repaint();
        }
        if let Some(offset) = offset {
            scroll = scroll.vertical_scroll_offset(offset);
        }

        scroll.show_viewport(ui, |ui, viewport| {
            self.shown = Some((transcript.id, viewport));
            let full_width = ui.available_width();
            let text_width = (full_width - GUTTER - GUTTER_GAP - 24.0).clamp(200.0, MAX_TEXT_WIDTH);
            self.ensure_layout(ui, transcript, text_width, &palette, view.project_revision);
            let Some(layout) = &self.layout else { return };
            let (rect, response) = ui.allocate_exact_size(
                vec2(full_width, layout.total_height() + 40.0),
                Sense::click_and_drag(),
            );
            let page = Page {
                layout,
                transcript,
                palette: &palette,
                gutter_right: rect.left() + GUTTER,
                origin: pos2(rect.left() + GUTTER + GUTTER_GAP, rect.top()),
                text_width,
            };
            let painter = ui.painter_at(rect);

            let first = layout.paragraph_at(viewport.top());
            let last = layout.paragraph_at(viewport.bottom());
            let asked = self
                .exposed
                .requested_selection(ui, response.id, transcript);
            let mut caret_moved =
                keyboard::keyboard(ui, &response, view, transcript, layout, first..=last);
            if let Some(selection) = asked {
                // A screen reader moved the caret or selected text: as if by the keys.
                if !selection.is_empty() {
                    view.selected_excerpt = None;
                }
                view.text_selection = Some(selection);
                caret_moved = Some(selection.cursor);
            }
            if let Some(caret) = caret_moved {
                // Keep the caret on screen as the keys move it.
                let index = layout.paragraph_of_char(caret);
                let span = page.paragraph_top(index)..=page.paragraph_top(index + 1);
                ui.scroll_to_rect(Rect::from_x_y_ranges(rect.x_range(), span), None);
                ui.ctx().request_repaint();
            }
            let caret = view
                .text_selection
                .filter(|_| response.has_focus())
                .map(|s| s.cursor);
            for index in first..=last {
                paint::paragraph(ui, &painter, &page, index, &highlights, caret);
            }
            let at = access::Placement {
                document: &response,
                near: view
                    .text_selection
                    .map_or(layout.paragraphs[first].start, |s| s.cursor),
                text_left: page.origin.x,
                text_width,
                top: rect.top(),
            };
            self.exposed
                .expose(ui, project, transcript, layout, view, at);

            let char_at = |pos| page.char_at(&painter, pos);
            pointer::handle_pointer(ui, &response, view, project, transcript, char_at);
            response.context_menu(|ui| {
                if Command::NewExcerpt.menu_button(ui, can_create_excerpt(view)) {
                    out.command(Command::NewExcerpt);
                }
                if Command::DeleteExcerpt.menu_button(ui, view.selected_excerpt.is_some()) {
                    out.command(Command::DeleteExcerpt);
                }
            });
            if response.hovered() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Text);
            }
            pointer::scroll_while_dragging(ui, &response);
        });

        keyboard::copy_selection_on_request(ui, transcript, view);
    }

    /// Test hook (tests/it/session/): if the next frame showing `transcript` would reuse the
    /// measured layout, says how it differs from a fresh split of the open project's text (or
    /// how the screen reader's runs differ from a fresh cut).
    #[doc(hidden)]
    pub(crate) fn stale_cache(
        &self,
        project: &Project,
        transcript: Option<TranscriptId>,
        revision: u64,
    ) -> Option<String> {
        let layout = self.layout.as_ref()?;
        let transcript = transcript.and_then(|t| project.transcript(t))?;
        if !layout.fits(transcript, revision) {
            return None;
        }
        let fresh = split_paragraphs(transcript);
        let words = transcript.text.split_whitespace().count();
        if layout.paragraphs == fresh
            && let Some(stale) = self.exposed.stale(project, transcript, layout, revision)
        {
            return Some(stale);
        }
        (layout.paragraphs != fresh || layout.words != words || layout.tops.len() != fresh.len() + 1)
            .then(|| {
                format!(
                    "the paragraph layout of {} ({} paragraphs, {} words) differs from its text ({} paragraphs, {words} words)",
                    transcript.id,
                    layout.paragraphs.len(),
                    layout.words,
                    fresh.len()
                )
            })
    }

    /// Drops the layout unless it was measured for exactly this transcript's text and turns. The
    /// fingerprint is compared only when the project changed since the last check.
    fn forget_if_stale(&mut self, transcript: &Transcript, revision: u64) {
        let Some(layout) = &mut self.layout else {
            return;
        };
        if layout.fits(transcript, revision) {
            layout.checked_at = revision;
        } else {
            self.layout = None;
        }
    }

    /// Measures every paragraph once per transcript and width ([`Self::forget_if_stale`] has
    /// already dropped a layout of other text).
    fn ensure_layout(
        &mut self,
        ui: &egui::Ui,
        transcript: &Transcript,
        width: f32,
        palette: &Palette,
        revision: u64,
    ) {
        let width = width.round();
        if let Some(layout) = &self.layout
            && layout.transcript == transcript.id
            && layout.width == width
        {
            return;
        }
        let known = match &self.layout {
            Some(layout) if layout.transcript == transcript.id => {
                Some((layout.fingerprint, layout.words))
            }
            _ => None,
        };
        self.layout = Some(Layout::measure(
            ui, transcript, width, palette, revision, known,
        ));
    }
}

/// The command the toolbar and shortcut use; here so the view can tell whether it is available.
pub fn can_create_excerpt(view: &ViewState) -> bool {
    view.transcript.is_some() && view.text_selection.is_some_and(|s| !s.is_empty())
}
