//! The window's keyboard: command shortcuts, and the keys that code without a mouse (the number
//! keys put the selected excerpt at an anchor, the arrow keys nudge placements, Delete takes them
//! off the continuum). Everything is emitted into the outbox, like a click.

use super::Command;
use super::outbox::Outbox;
use super::view_state::ViewState;
use crate::model::{AnnotatorId, Edit, ExcerptId, Project, Timestamp};

/// F6 (or Shift+F6) moves the keyboard between the transcript text and the map, as F6 moves
/// between the panes of a desktop program: Tab reaches the text only after every marker. From
/// the text it goes to the selected excerpt's marker, else to the first placed excerpt of the
/// open interview; from anywhere else, to the text.
pub fn switch_region(ctx: &egui::Context, project: &Project, view: &mut ViewState) {
    let pressed = ctx.input_mut(|i| {
        i.consume_key(egui::Modifiers::NONE, egui::Key::F6)
            | i.consume_key(egui::Modifiers::SHIFT, egui::Key::F6)
    });
    if !pressed {
        return;
    }
    if !view.transcript_focused {
        view.focus_text = true;
        return;
    }
    let placed = |excerpt: ExcerptId| {
        view.active_annotator
            .is_some_and(|annotator| project.placement(annotator, excerpt).is_some())
    };
    let target = view.selected_excerpt.filter(|&e| placed(e)).or_else(|| {
        let transcript = view.transcript?;
        project
            .excerpts_of(transcript)
            .into_iter()
            .map(|e| e.id)
            .find(|&e| placed(e))
    });
    if let Some(excerpt) = target {
        ctx.memory_mut(|m| m.surrender_focus(m.focused().unwrap_or(egui::Id::NULL)));
        view.map.focus_marker = Some(excerpt);
    }
}

/// Handles this frame's keys. `dialog_open`: a modal dialog or question owns the keyboard.
pub fn handle(
    ctx: &egui::Context,
    project: &Project,
    view: &ViewState,
    dialog_open: bool,
    out: &mut Outbox,
) {
    if dialog_open {
        return;
    }
    // Typing in a text field, or moving the caret in the transcript: their keys are theirs.
    let text_field = ctx
        .memory(|m| m.focused())
        .is_some_and(|id| egui::TextEdit::load_state(ctx, id).is_some());
    let typing = text_field || view.transcript_focused;
    // An open menu or combo box takes Escape (to close) and the arrow keys (to move through
    // its items) before anything else does.
    let popup_open = egui::Popup::is_any_open(ctx);
    for &command in Command::with_shortcuts() {
        // Escape in a text field leaves the field; it should not also drop the selection.
        if (typing || popup_open) && command == Command::ClearSelection {
            continue;
        }
        let pressed = [command.shortcut(), command.alternative_shortcut()]
            .into_iter()
            .flatten()
            .any(|shortcut| ctx.input_mut(|i| i.consume_shortcut(&shortcut)));
        if pressed {
            out.command(command);
        }
    }
    if popup_open || text_field {
        return;
    }
    let Some(annotator) = view.active_annotator else {
        return;
    };
    // Number keys also work from the transcript, right after Ctrl+E.
    if !place_at_anchor_keys(ctx, project, view, annotator, out) && !typing {
        placement_keys(ctx, project, view, annotator, out);
    }
}

/// What the placement keys act on: the active annotator's markers selected on the map, else
/// the selected excerpt (only if it is placed, when `placed_only`).
fn targets(
    project: &Project,
    view: &ViewState,
    annotator: AnnotatorId,
    placed_only: bool,
) -> Vec<ExcerptId> {
    if view.map.selection.is_empty() {
        view.selected_excerpt
            .filter(|e| !placed_only || project.placement(annotator, *e).is_some())
            .into_iter()
            .collect()
    } else {
        view.map.movable(project, annotator).into_iter().collect()
    }
}

/// The arrow keys nudge the active annotator's selected placements (the markers selected on the
/// map, else the selected excerpt's), Shift for bigger steps, and Delete takes them off the
/// continuum. Each press is one undoable step.
fn placement_keys(
    ctx: &egui::Context,
    project: &Project,
    view: &ViewState,
    annotator: AnnotatorId,
    out: &mut Outbox,
) {
    let targets = targets(project, view, annotator, true);
    if targets.is_empty() {
        return;
    }
    let (left, right, delete, shift) = ctx.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowLeft),
            i.key_pressed(egui::Key::ArrowRight),
            i.key_pressed(egui::Key::Delete),
            i.modifiers.shift,
        )
    });
    let step = if shift { 0.05 } else { 0.01 };
    let nudge = match (left, right) {
        (true, false) => -step,
        (false, true) => step,
        _ => 0.0,
    };
    if nudge != 0.0 {
        let edits = Edit::move_by(project, annotator, targets, nudge, Timestamp::now());
        out.placements_step("move", edits);
    } else if delete {
        let edits = targets
            .into_iter()
            .map(|excerpt| Edit::RemovePlacement { annotator, excerpt })
            .collect();
        out.placements_step("removal", edits);
    }
}

/// Keys 1 to 9 put the selected excerpt (placed or not; or the markers selected on the map) at
/// that anchor of the continuum, counted from the closeness pole: with the arrow keys after it,
/// an excerpt is coded without a mouse. Returns whether a number key was pressed.
fn place_at_anchor_keys(
    ctx: &egui::Context,
    project: &Project,
    view: &ViewState,
    annotator: AnnotatorId,
    out: &mut Outbox,
) -> bool {
    const DIGITS: [egui::Key; 9] = [
        egui::Key::Num1,
        egui::Key::Num2,
        egui::Key::Num3,
        egui::Key::Num4,
        egui::Key::Num5,
        egui::Key::Num6,
        egui::Key::Num7,
        egui::Key::Num8,
        egui::Key::Num9,
    ];
    let Some(anchor) = DIGITS
        .iter()
        .position(|&key| ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key)))
        .and_then(|n| project.continuum.anchors.get(n))
    else {
        return false;
    };
    let now = Timestamp::now();
    let edits = targets(project, view, annotator, false)
        .into_iter()
        .map(|excerpt| Edit::place(project, annotator, excerpt, anchor.position, now))
        .collect();
    out.placements_step("placement", edits);
    true
}
