//! The transcript text as a focusable widget: it takes focus when clicked or tabbed to, shows a
//! focus frame, and while focused the keys move a caret and extend the selection (what each key
//! does is in [`transcript_keys`](crate::ui::transcript_keys)); Copy copies the selected text.

use super::layout::Layout;
use crate::model::Transcript;
use crate::ui::view_state::{TextSelection, ViewState};

/// Focus and keys for the transcript text. `visible` are the paragraphs on screen. Returns where
/// the caret moved to this frame, if it did.
pub(super) fn keyboard(
    ui: &egui::Ui,
    response: &egui::Response,
    view: &mut ViewState,
    transcript: &Transcript,
    layout: &Layout,
    visible: std::ops::RangeInclusive<usize>,
) -> Option<usize> {
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Transcript text"));
    let asked = std::mem::take(&mut view.focus_text);
    if response.clicked() || response.drag_started() || asked {
        response.request_focus();
    }
    view.transcript_focused = response.has_focus();
    if !response.has_focus() {
        return None;
    }
    if (response.gained_focus() || asked) && view.text_selection.is_none() {
        // Reached by Tab or a screen reader: a caret at the top of the screen, so the keys (and
        // the screen reader, which reads from the caret) start where the reader is looking.
        let top = layout.paragraphs[*visible.start()].start;
        view.text_selection = Some(TextSelection::new(&transcript.text, top, top, false));
    }
    ui.painter().rect_stroke(
        ui.clip_rect().shrink(1.0),
        2.0,
        ui.visuals().selection.stroke,
        egui::StrokeKind::Inside,
    );
    ui.memory_mut(|m| {
        m.set_focus_lock_filter(
            response.id,
            egui::EventFilter {
                tab: false,
                horizontal_arrows: true,
                vertical_arrows: true,
                escape: true,
            },
        )
    });
    let presses = ui.input_mut(crate::ui::transcript_keys::take_presses);
    // Built only when a key was pressed, not in every frame the transcript has focus.
    let spans: Vec<_> = if presses.motions.is_empty() {
        Vec::new()
    } else {
        layout.paragraphs.iter().map(|p| (p.start, p.end)).collect()
    };
    let page = visible.end().saturating_sub(*visible.start()).max(1);
    let top_of_screen = layout.paragraphs[*visible.start()].start;
    let changed = crate::ui::transcript_keys::apply(
        &presses,
        &mut view.text_selection,
        &transcript.text,
        &spans,
        page,
        top_of_screen,
    );
    if presses.escape && !changed {
        // No text selected: Escape leaves the transcript, as it leaves any text field, keeping
        // the selected excerpt, so the arrow keys then nudge its placement; the next Escape
        // clears that selection, as it does anywhere. The keyboard goes on to the excerpt's
        // marker, if it is placed, so a screen reader says where it sits.
        response.surrender_focus();
        view.map.focus_marker = view.selected_excerpt;
    }
    if changed && view.text_selection.is_some_and(|s| !s.is_empty()) {
        view.selected_excerpt = None;
    }
    changed.then(|| view.text_selection.map_or(top_of_screen, |s| s.cursor))
}

pub(super) fn copy_selection_on_request(ui: &egui::Ui, transcript: &Transcript, view: &ViewState) {
    let Some(selection) = view.text_selection.filter(|s| !s.is_empty()) else {
        return;
    };
    // A focused memo field copies its own text; only copy ours when nothing else has focus.
    let focused = ui.ctx().memory(|m| m.focused().is_some());
    let copy = ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)));
    if copy && !focused {
        let (a, b) = selection.range();
        ui.ctx()
            .copy_text(crate::model::char_slice(&transcript.text, a, b).to_owned());
    }
}
