//! `--screenshot FILE`: waits a few frames for fonts and layout to settle, captures the window,
//! writes it as a PNG (through `crate::io`) and asks the window to close. Used by CI's smoke test
//! and by the README's screenshot.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Frames to wait before a `--screenshot`, so fonts and layout have settled.
const SCREENSHOT_AFTER_FRAMES: u32 = 8;

pub struct ScreenshotTask {
    path: PathBuf,
    frames: u32,
    requested: bool,
    /// Filled by egui's screenshot callback once the frame has been captured.
    image: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
}

impl ScreenshotTask {
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            frames: 0,
            requested: false,
            image: Default::default(),
        }
    }

    /// Counts a frame, asks for the capture when the time has come, and writes it once it has
    /// arrived. Returns true when the screenshot is done (written or failed, with a message on
    /// standard error) and the window should close.
    pub fn tick(&mut self, ctx: &egui::Context) -> bool {
        ctx.request_repaint();
        self.frames += 1;
        if !self.requested && self.frames >= SCREENSHOT_AFTER_FRAMES {
            let slot = self.image.clone();
            ctx.request_screenshot(move |image| {
                if let Ok(mut slot) = slot.lock() {
                    *slot = Some(image);
                }
            });
            self.requested = true;
        }
        let image = self.image.lock().ok().and_then(|mut slot| slot.take());
        let Some(image) = image else {
            return false;
        };
        let [w, h] = image.size;
        let rgba: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
        match crate::io::write_png(&self.path, w as u32, h as u32, &rgba) {
            Ok(()) => eprintln!("screenshot saved to {}", self.path.display()),
            Err(error) => eprintln!("screenshot failed: {error}"),
        }
        true
    }
}
