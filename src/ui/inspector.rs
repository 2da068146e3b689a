//! The right-hand panel: the selected excerpt, the active annotator's placement of it, and the memo
//! editor for the placement, the excerpt, the transcript and the project.

use super::Command;
use super::outbox::Outbox;
use super::view_state::{MemoTab, ViewState};
use super::widgets::swatch;
use crate::model::{Colour, Edit, MemoTarget, Project, Timestamp};

pub fn show(ui: &mut egui::Ui, project: &Project, view: &mut ViewState, out: &mut Outbox) {
    egui::ScrollArea::vertical()
        .id_salt("inspector")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            excerpt_section(ui, project, view, out);
            ui.add_space(8.0);
            memo_section(ui, project, view, out);
        });
}

fn excerpt_section(ui: &mut egui::Ui, project: &Project, view: &mut ViewState, out: &mut Outbox) {
    super::widgets::heading(ui, "Excerpt");
    let Some(excerpt) = view.selected_excerpt.and_then(|e| project.excerpt(e)) else {
        ui.label(
            egui::RichText::new(
                "No excerpt selected. Select text in the transcript and press New excerpt (Ctrl+E), \
                 or click a highlighted passage or a marker.",
            )
            .weak(),
        );
        return;
    };
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .inner_margin(8)
        .corner_radius(4.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("quote")
                .max_height(140.0)
                .show(ui, |ui| {
                    ui.label(
                        egui::RichText::new(format!("“{}”", project.quote(excerpt))).italics(),
                    );
                });
        });
    if let Some(transcript) = project.transcript(excerpt.transcript) {
        ui.label(
            egui::RichText::new(format!(
                "{} · characters {}–{}",
                transcript.name, excerpt.start, excerpt.end
            ))
            .weak()
            .small(),
        );
    }
    ui.horizontal(|ui| {
        let caption = ui.label("Label:");
        let mut label = excerpt.label.clone();
        ui.add(
            egui::TextEdit::singleline(&mut label)
                .hint_text(crate::model::short_label(project.quote(excerpt), 32))
                .desired_width(f32::INFINITY),
        )
        .labelled_by(caption.id);
        if label != excerpt.label {
            out.edit(Edit::SetExcerptLabel {
                excerpt: excerpt.id,
                label,
            });
        }
    });

    codes_row(ui, project, excerpt, view, out);

    ui.add_space(6.0);
    let Some(annotator) = view.active_annotator.and_then(|a| project.annotator(a)) else {
        return;
    };
    ui.label(egui::RichText::new(format!("Placement by {}", annotator.name)).strong());
    match project.placement(annotator.id, excerpt.id) {
        Some(placement) => {
            let mut position = placement.position;
            let anchor = project
                .continuum
                .nearest_anchor(position)
                .map_or(String::new(), |a| format!("near {}", a.name));
            // The slider fills the row and the nearest anchor goes on the line below: a row
            // whose width followed "near Professional" or "near Family" made the whole panel
            // change width as the selection changed.
            ui.horizontal(|ui| {
                let caption = ui.label("Position:");
                let value_box = 48.0;
                ui.spacing_mut().slider_width =
                    (ui.available_width() - value_box - ui.spacing().item_spacing.x).max(60.0);
                let slider = ui
                    .add(super::widgets::position_slider(&mut position))
                    .labelled_by(caption.id);
                // The number alone says little by ear: "Position: 0.08, near Family".
                let place = project.continuum.describe_position(placement.position);
                super::widgets::name_with_value(ui, &slider, "Position", &place);
            });
            ui.label(egui::RichText::new(anchor).weak());
            if position != placement.position {
                out.edit(Edit::place(
                    project,
                    annotator.id,
                    excerpt.id,
                    position,
                    Timestamp::now(),
                ));
            }
            ui.label(
                egui::RichText::new(if placement.created == placement.modified {
                    format!("placed {}", placement.created.short())
                } else {
                    format!(
                        "placed {}, last moved {}",
                        placement.created.short(),
                        placement.modified.short()
                    )
                })
                .weak()
                .small(),
            );
            if ui
                .button("Remove from continuum")
                .on_hover_text("Take this excerpt off the continuum; the excerpt itself stays")
                .clicked()
            {
                out.edit(Edit::RemovePlacement {
                    annotator: annotator.id,
                    excerpt: excerpt.id,
                });
            }
        }
        None => {
            ui.label(
                egui::RichText::new("Not placed yet: drag it from the tray onto the map, or")
                    .weak(),
            );
            if ui.button("Place at the middle").clicked() {
                out.edit(Edit::place(
                    project,
                    annotator.id,
                    excerpt.id,
                    0.5,
                    Timestamp::now(),
                ));
            }
        }
    }
    ui.add_space(4.0);
    if ui
        .button(Command::DeleteExcerpt.label())
        .on_hover_text(Command::DeleteExcerpt.tooltip())
        .clicked()
    {
        out.command(Command::DeleteExcerpt);
    }
}

fn memo_section(ui: &mut egui::Ui, project: &Project, view: &mut ViewState, out: &mut Outbox) {
    super::widgets::heading(ui, "Memos");
    // Wrapped, so the tabs never hold the panel wider than the user made it.
    ui.horizontal_wrapped(|ui| {
        for (tab, name) in [
            (MemoTab::Placement, "Placement"),
            (MemoTab::Excerpt, "Excerpt"),
            (MemoTab::Transcript, "Transcript"),
            (MemoTab::Project, "Project"),
        ] {
            ui.selectable_value(&mut view.memo_tab, tab, name);
        }
    });
    let excerpt = view.selected_excerpt;
    let (target, about) = match view.memo_tab {
        MemoTab::Placement => match (view.active_annotator, excerpt) {
            (Some(a), Some(e)) if project.placement(a, e).is_some() => (
                Some(MemoTarget::Placement(a, e)),
                "Why this excerpt sits where it does on the continuum.".to_owned(),
            ),
            _ => (
                None,
                "Select a placed excerpt to write why it sits where it does.".to_owned(),
            ),
        },
        MemoTab::Excerpt => match excerpt {
            Some(e) => (
                Some(MemoTarget::Excerpt(e)),
                "Notes on this excerpt, shared by all annotators.".to_owned(),
            ),
            None => (None, "Select an excerpt to write about it.".to_owned()),
        },
        MemoTab::Transcript => match view.transcript.and_then(|t| project.transcript(t)) {
            Some(t) => (
                Some(MemoTarget::Transcript(t.id)),
                format!("Notes on the interview “{}”.", t.name),
            ),
            None => (None, "Open a transcript to write about it.".to_owned()),
        },
        MemoTab::Project => (
            Some(MemoTarget::Project),
            "Notes on the whole project.".to_owned(),
        ),
    };
    let Some(target) = target else {
        ui.label(egui::RichText::new(about).weak());
        return;
    };
    let caption = ui.label(egui::RichText::new(about).weak());
    let old = project.memo(target).unwrap_or_default();
    let mut text = old.to_owned();
    let response = ui.add(
        egui::TextEdit::multiline(&mut text)
            .id_salt(("memo", format!("{target:?}")))
            .desired_rows(10)
            .desired_width(f32::INFINITY)
            .hint_text("Write a memo…"),
    );
    response.labelled_by(caption.id);
    if text != old {
        out.edit(Edit::SetMemo { target, text });
    }
}

/// A code's chip or menu entry: its text, after a swatch of the code's colour if it has one.
fn code_button(colour: Option<Colour>, text: String) -> egui::Button<'static> {
    match colour {
        Some(colour) => egui::Button::new((swatch(colour), text)),
        None => egui::Button::new(text),
    }
}

/// The most chars of a code a chip shows: a code path such as NVivo's
/// "rq2_curriculum_and_instruction/pedagogy/fun" ran past the inspector's edge, cut off.
const CHIP_CHARS: usize = 32;

/// `text` with its middle left out ("rq2_curriculum_…pedagogy/fun") if it has more than `most`
/// chars: both ends of a code path say the most. The chip's hover says it whole.
fn shortened(text: &str, most: usize) -> std::borrow::Cow<'_, str> {
    let count = text.chars().count();
    if count <= most {
        return text.into();
    }
    let head = (most - 1) / 2;
    let tail = most - 1 - head;
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(count - tail).collect();
    format!("{start}…{end}").into()
}

/// The excerpt's codes as removable chips (a right-click gives one a colour), a field to add one
/// (Enter), and the project's other codes to pick from.
fn codes_row(
    ui: &mut egui::Ui,
    project: &Project,
    excerpt: &crate::model::Excerpt,
    view: &mut ViewState,
    out: &mut Outbox,
) {
    let set_codes = |out: &mut Outbox, codes: Vec<String>| {
        out.edit(Edit::SetExcerptCodes {
            excerpt: excerpt.id,
            codes,
        });
    };
    ui.horizontal_wrapped(|ui| {
        let caption = ui.label("Codes:");
        for code in &excerpt.codes {
            let colour = project.code_colour(code);
            let chip = ui
                .add(
                    code_button(colour, format!("{}  ×", shortened(code, CHIP_CHARS)))
                        .corner_radius(9.0)
                        .small(),
                )
                .on_hover_text(format!(
                    "Remove the code “{code}” from this excerpt; right-click to colour it"
                ));
            chip.context_menu(|ui| colour_menu(ui, code, colour, out));
            if chip.clicked() {
                let codes = excerpt
                    .codes
                    .iter()
                    .filter(|c| *c != code)
                    .cloned()
                    .collect();
                set_codes(out, codes);
            }
        }
        let field = ui.add(
            egui::TextEdit::singleline(&mut view.code_draft)
                .hint_text("add a code")
                .desired_width(110.0),
        );
        let field = field.labelled_by(caption.id);
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let code = view.code_draft.trim().replace(['\n', '\r'], " ");
            if !code.is_empty() && !excerpt.codes.contains(&code) {
                set_codes(out, excerpt.codes.iter().cloned().chain([code]).collect());
            }
            view.code_draft.clear();
            field.request_focus();
        }
        let others: Vec<String> = project
            .codes()
            .into_iter()
            .filter(|c| !excerpt.codes.contains(c))
            .collect();
        if !others.is_empty() {
            ui.menu_button("Use…", |ui| {
                for code in others {
                    let colour = project.code_colour(&code);
                    if ui.add(code_button(colour, code.clone())).clicked() {
                        set_codes(out, excerpt.codes.iter().cloned().chain([code]).collect());
                    }
                }
            })
            .response
            .on_hover_text("Add a code used elsewhere in this project");
        }
    });
}

/// The menu of a code's chip: the palette's colours (the code's own marked) and "No colour". A
/// colour is the project's, not the excerpt's: every chip of the code shows it.
fn colour_menu(ui: &mut egui::Ui, code: &str, current: Option<Colour>, out: &mut Outbox) {
    ui.label(egui::RichText::new(format!("Colour of “{code}”")).weak());
    let mut set = |colour: Option<Colour>| {
        if colour != current {
            out.edit(Edit::SetCodeColour {
                code: code.to_owned(),
                colour,
            });
        }
    };
    for (colour, name) in Colour::PALETTE.into_iter().zip(Colour::PALETTE_NAMES) {
        let entry = egui::Button::selectable(current == Some(colour), (swatch(colour), name));
        if ui.add(entry).clicked() {
            set(Some(colour));
        }
    }
    if ui
        .add_enabled(current.is_some(), egui::Button::new("No colour"))
        .clicked()
    {
        set(None);
    }
}

#[cfg(test)]
mod tests {
    use super::shortened;

    #[test]
    fn a_long_code_keeps_both_ends_and_a_short_one_is_whole() {
        assert_eq!(shortened("reciprocity", 32), "reciprocity");
        let long = "rq2_curriculum_and_instruction/pedagogy/fun";
        let short = shortened(long, 32);
        assert_eq!(short.chars().count(), 32);
        assert!(
            short.starts_with("rq2_curriculum_") && short.ends_with("pedagogy/fun"),
            "{short}"
        );
        assert_eq!(shortened("æøåæøåæøå", 5), "æø…øå");
    }
}
