//! Native open/save dialogs behind a trait, so tests can answer them without a desktop.

use std::path::PathBuf;

pub trait FileDialogs {
    /// Asks for a project file to open.
    fn pick_project(&self) -> Option<PathBuf>;
    /// Asks where to save, suggesting `file_name`.
    fn save_project(&self, file_name: &str) -> Option<PathBuf>;
    /// Asks for transcript files to import (empty if cancelled).
    fn pick_transcripts(&self) -> Vec<PathBuf>;
    /// Asks where to save a figure, suggesting `file_name` (ending in .svg or .png).
    fn save_figure(&self, file_name: &str) -> Option<PathBuf>;
}

/// The platform's dialogs through rfd (xdg portal or zenity on Linux).
pub struct NativeFileDialogs;

impl FileDialogs for NativeFileDialogs {
    fn pick_project(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open project")
            .add_filter("Continuum project", &[crate::io::PROJECT_EXTENSION])
            .add_filter("All files", &["*"])
            .pick_file()
    }

    fn save_figure(&self, file_name: &str) -> Option<PathBuf> {
        let extension = if file_name.ends_with(".png") {
            "png"
        } else {
            "svg"
        };
        let path = rfd::FileDialog::new()
            .set_title("Export map")
            .set_file_name(file_name)
            .add_filter("Figure", &[extension])
            .save_file()?;
        Some(if path.extension().is_none() {
            path.with_extension(extension)
        } else {
            path
        })
    }

    fn pick_transcripts(&self) -> Vec<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Import transcripts")
            .add_filter("Transcripts", &["txt", "md", "docx", "odt", "vtt", "srt"])
            .add_filter("All files", &["*"])
            .pick_files()
            .unwrap_or_default()
    }

    fn save_project(&self, file_name: &str) -> Option<PathBuf> {
        let path = rfd::FileDialog::new()
            .set_title("Save project as")
            .set_file_name(file_name)
            .add_filter("Continuum project", &[crate::io::PROJECT_EXTENSION])
            .save_file()?;
        // Add the extension if the user typed a bare name, so the file is recognisable later.
        Some(if path.extension().is_none() {
            path.with_extension(crate::io::PROJECT_EXTENSION)
        } else {
            path
        })
    }
}
