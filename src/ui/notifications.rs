//! The one list of messages for the user: errors stay until dismissed, confirmations fade.

use super::Command;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

#[derive(Debug)]
pub struct Notice {
    pub level: Level,
    pub text: String,
    /// A command offered as a button next to the message, e.g. "Save As…" after a failed save.
    pub action: Option<Command>,
    shown: Instant,
}

const INFO_LIFETIME: Duration = Duration::from_secs(5);

#[derive(Debug, Default)]
pub struct Notifications {
    notices: Vec<Notice>,
}

impl Notifications {
    pub fn error(&mut self, text: impl Into<String>) {
        self.push(Level::Error, text.into(), None);
    }

    /// An error with a button that runs `action`.
    pub fn error_with_action(&mut self, text: impl Into<String>, action: Command) {
        self.push(Level::Error, text.into(), Some(action));
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.push(Level::Info, text.into(), None);
    }

    fn push(&mut self, level: Level, text: String, action: Option<Command>) {
        // The same message twice in a row (e.g. a repeated failing save) is shown once.
        self.notices.retain(|n| n.text != text);
        self.notices.push(Notice {
            level,
            text,
            action,
            shown: Instant::now(),
        });
    }

    pub fn iter(&self) -> impl Iterator<Item = &Notice> {
        self.notices.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.notices.is_empty()
    }

    /// Shows the notices, each with a dismiss button; returns the command of an action button
    /// that was clicked (its notice is dismissed).
    pub fn show(&mut self, ui: &mut egui::Ui) -> Option<Command> {
        self.notices
            .retain(|n| n.level == Level::Error || n.shown.elapsed() < INFO_LIFETIME);
        if self.notices.iter().any(|n| n.level == Level::Info) {
            ui.ctx().request_repaint_after(Duration::from_millis(500));
        }
        let mut dismiss = None;
        let mut chosen = None;
        for (i, notice) in self.notices.iter().enumerate() {
            let (fill, stroke, kind) = match notice.level {
                Level::Error => (
                    egui::Color32::from_rgb(0xfd, 0xec, 0xea),
                    egui::Color32::from_rgb(0xb4, 0x23, 0x18),
                    "Error",
                ),
                Level::Info => (
                    egui::Color32::from_rgb(0xe8, 0xf4, 0xec),
                    egui::Color32::from_rgb(0x1e, 0x6b, 0x3a),
                    "Done",
                ),
            };
            egui::Frame::new()
                .fill(fill)
                .stroke(egui::Stroke::new(1.0, stroke))
                .corner_radius(4.0)
                .inner_margin(egui::Margin::symmetric(10, 6))
                .shadow(ui.visuals().popup_shadow)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    // One row as tall as its content: a right-to-left layout straight in the area
                    // took all the height left, so with two notices the area grew with every
                    // frame, off the top of the window, and in front took the clicks under it.
                    ui.horizontal(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            let close = ui.small_button("×").on_hover_text("Dismiss this message");
                            // Said as words, not as the sign "times".
                            ui.ctx().accesskit_node_builder(close.id, |node| {
                                node.set_label("Dismiss message");
                            });
                            if close.clicked() {
                                dismiss = Some(i);
                            }
                            if let Some(action) = &notice.action
                                && ui
                                    .button(action.label())
                                    .on_hover_text(action.tooltip())
                                    .clicked()
                            {
                                dismiss = Some(i);
                                chosen = Some(*action);
                            }
                            ui.with_layout(
                                egui::Layout::left_to_right(egui::Align::Center),
                                |ui| {
                                    ui.label(egui::RichText::new(kind).strong().color(stroke));
                                    let text = ui.add(
                                        egui::Label::new(
                                            egui::RichText::new(&notice.text)
                                                .color(egui::Color32::BLACK),
                                        )
                                        .wrap(),
                                    );
                                    // Said by a screen reader as it appears; an error at once.
                                    let live = match notice.level {
                                        Level::Error => egui::accesskit::Live::Assertive,
                                        Level::Info => egui::accesskit::Live::Polite,
                                    };
                                    ui.ctx().accesskit_node_builder(text.id, |node| {
                                        node.set_live(live);
                                    });
                                },
                            );
                        });
                    });
                });
        }
        if let Some(i) = dismiss {
            self.notices.remove(i);
        }
        chosen
    }
}
