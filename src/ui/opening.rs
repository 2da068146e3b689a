//! Opening a large project off the UI thread: the window stays responsive (it keeps drawing, and
//! the open project stays as it was) while the file is read and checked on a thread of its own,
//! with a modal that says what is being opened, how long it has taken, and offers Cancel. Small
//! files open in the frame, as before: a thread would only delay them by a frame.
//!
//! Implementation notes: the parse cannot be interrupted half-way, so Cancel lets go of the
//! result instead: the thread finishes, its message finds nobody listening, and the document it
//! read is dropped there.

use crate::document::Document;
use crate::io::LoadError;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// Files from this size on are opened on a thread.
pub const BACKGROUND_OPEN_BYTES: u64 = 4 * 1024 * 1024;

/// A project being read.
pub struct Opening {
    path: PathBuf,
    bytes: u64,
    started: Instant,
    receiver: Receiver<Result<Document, LoadError>>,
    /// Opened as the window starts (no context yet): there is no project open before it.
    at_start: bool,
}

/// What came of it.
pub enum Opened {
    Done(PathBuf, Box<Result<Document, LoadError>>),
    Cancelled,
}

impl Opening {
    /// Whether `path` is large enough to open on a thread (`threshold` in bytes).
    pub fn wanted(path: &Path, threshold: u64) -> bool {
        std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() >= threshold)
    }

    /// Starts reading `path`; the window is asked to redraw when it is done.
    pub fn start(ctx: Option<&egui::Context>, path: PathBuf) -> Self {
        let at_start = ctx.is_none();
        let (sender, receiver) = channel();
        let ctx = ctx.cloned();
        let reading = path.clone();
        std::thread::spawn(move || {
            let result = Document::open(&reading);
            if sender.send(result).is_ok()
                && let Some(ctx) = ctx
            {
                ctx.request_repaint();
            }
        });
        Self {
            bytes: std::fs::metadata(&path).map_or(0, |m| m.len()),
            path,
            started: Instant::now(),
            receiver,
            at_start,
        }
    }

    /// Shows the modal; returns the outcome once the file is read or the user cancels.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Opened> {
        match self.receiver.try_recv() {
            Ok(result) => return Some(Opened::Done(self.path.clone(), Box::new(result))),
            Err(TryRecvError::Disconnected) => return Some(Opened::Cancelled),
            Err(TryRecvError::Empty) => {}
        }
        let mut cancelled = false;
        super::dialog::steady_modal(ctx, egui::Id::unique("opening")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading(format!("Opening {}", crate::io::file_label(&self.path)));
            ui.label(format!(
                "Reading and checking {} of project… {:.0} s",
                crate::io::format_mib(self.bytes),
                self.started.elapsed().as_secs_f32().floor()
            ));
            // The parse reports no progress of its own: the bar follows the time a file of this
            // size usually takes (about 20 MiB a second on a slow laptop), stopping short of
            // the end until the project is really there.
            let expected = (self.bytes as f32 / (20.0 * 1024.0 * 1024.0)).max(0.5);
            let fraction = (self.started.elapsed().as_secs_f32() / expected).min(0.95);
            ui.add(egui::ProgressBar::new(fraction));
            if !self.at_start {
                ui.label(
                    egui::RichText::new(
                        "The project open before stays as it is until this one is read.",
                    )
                    .weak(),
                );
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                cancelled = true;
            }
        });
        // The time and the bar move four times a second (a delayed redraw, not one every frame);
        // the thread asks for a redraw as soon as it is done.
        ctx.request_repaint_after(Duration::from_millis(250));
        cancelled.then_some(Opened::Cancelled)
    }
}
