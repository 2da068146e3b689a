//! Selecting with the mouse: a drag selects by whole words (Alt for exact characters), Shift
//! extends the selection, a click puts the caret and selects the innermost excerpt under it, a
//! double click selects a word; the view scrolls while a drag leaves it above or below.
//!
//! This is done here rather than with egui's label selection because we need the exact char
//! offsets in the whole transcript.

use crate::model::{Project, Transcript};
use crate::ui::view_state::{TextSelection, ViewState};
use egui::{Pos2, vec2};

/// Applies this frame's clicks and drags on the text to the selection. `char_at` finds the char
/// of the transcript under a point.
pub(super) fn handle_pointer(
    ui: &egui::Ui,
    response: &egui::Response,
    view: &mut ViewState,
    project: &Project,
    transcript: &Transcript,
    char_at: impl Fn(Pos2) -> usize,
) {
    let text = transcript.text.as_str();
    let (shift, exact) = ui.input(|i| (i.modifiers.shift, i.modifiers.alt));
    if response.drag_started()
        && let Some(origin) = ui.input(|i| i.pointer.press_origin())
    {
        let at = char_at(origin);
        view.text_selection = match view.text_selection {
            Some(s) if shift => Some(s.moved_to(text, at)),
            _ => Some(TextSelection::new(text, at, at, !exact)),
        };
    }
    if response.dragged()
        && let Some(pointer) = response.interact_pointer_pos()
        && let Some(selection) = &mut view.text_selection
    {
        *selection = selection.moved_to(text, char_at(pointer));
    }
    if response.clicked()
        && let Some(pointer) = response.interact_pointer_pos()
    {
        let at = char_at(pointer);
        if shift && let Some(selection) = &mut view.text_selection {
            // Shift-click extends by whole words, as a drag does (Alt for exact characters).
            *selection = TextSelection::new(text, selection.anchor, at, !exact);
            return;
        }
        // A click puts the caret there, for the keys to select from (Shift+arrows).
        view.text_selection = Some(TextSelection::new(text, at, at, false));
        view.map.selection.clear();
        // The innermost (shortest) excerpt under the pointer wins, so nested excerpts stay reachable.
        let hit = project
            .excerpts_of(transcript.id)
            .into_iter()
            .filter(|e| e.start <= at && at < e.end)
            .min_by_key(|e| e.end - e.start);
        view.selected_excerpt = hit.map(|e| e.id);
    }
    if response.double_clicked()
        && let Some(pointer) = response.interact_pointer_pos()
    {
        let at = char_at(pointer);
        let (start, end) = word_around(&transcript.text, at);
        if start < end {
            view.text_selection = Some(TextSelection::new(text, start, end, false));
        }
    }
}

/// Keeps selecting while the pointer leaves the view above or below: scrolls towards it.
pub(super) fn scroll_while_dragging(ui: &egui::Ui, response: &egui::Response) {
    if response.dragged()
        && let Some(pointer) = ui.ctx().pointer_latest_pos()
    {
        let clip = ui.clip_rect();
        let delta = if pointer.y < clip.top() {
            (clip.top() - pointer.y).min(40.0)
        } else if pointer.y > clip.bottom() {
            -(pointer.y - clip.bottom()).min(40.0)
        } else {
            0.0
        };
        if delta != 0.0 {
            ui.scroll_with_delta(vec2(0.0, delta));
            ui.ctx().request_repaint();
        }
    }
}

/// The word containing char `at`, as a char range.
fn word_around(text: &str, at: usize) -> (usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    if at >= chars.len() || !is_word(chars[at]) {
        return (at, at);
    }
    let mut start = at;
    while start > 0 && is_word(chars[start - 1]) {
        start -= 1;
    }
    let mut end = at;
    while end < chars.len() && is_word(chars[end]) {
        end += 1;
    }
    (start, end)
}
