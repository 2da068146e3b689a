//! Native open/save dialogs behind a trait, so tests can answer them without a desktop.
//!
//! Every dialog has a title and starts in a folder: the open project's, else the home folder.
//! rfd asks the desktop's file chooser through the XDG portal and, where there is none, falls back
//! to zenity, but without a title ("zenity") or a folder (an empty "Recent" view). So where the
//! portal cannot be reached (no session bus) we run zenity ourselves, with both.

use std::path::{Path, PathBuf};

pub trait FileDialogs {
    /// Asks for a project file to open.
    fn pick_project(&self) -> Option<PathBuf>;
    /// Asks where to save, suggesting `file_name`.
    fn save_project(&self, file_name: &str) -> Option<PathBuf>;
    /// Asks for transcript files to import (empty if cancelled).
    fn pick_transcripts(&self) -> Vec<PathBuf>;
    /// Asks where to save a figure, suggesting `file_name` (ending in .svg or .png).
    fn save_figure(&self, file_name: &str) -> Option<PathBuf>;
    /// Asks for a REFI-QDA exchange file (.qdpx) to import. Defaults to none, so dialogs made
    /// for tests need not answer it.
    fn pick_qdpx(&self) -> Option<PathBuf> {
        None
    }
    /// Asks where to write a REFI-QDA exchange file, suggesting `file_name`.
    fn save_qdpx(&self, _file_name: &str) -> Option<PathBuf> {
        None
    }
    /// Asks where to save a report (HTML), suggesting `file_name`. Defaults to none.
    fn save_report(&self, _file_name: &str) -> Option<PathBuf> {
        None
    }
    /// Asks where to save a table (CSV), suggesting `file_name`. Defaults to none.
    fn save_table(&self, _file_name: &str) -> Option<PathBuf> {
        None
    }
    /// Asks for a co-author's copy of the project to merge annotators from. Titled as such by
    /// the native dialogs ("Open project" said something else); otherwise a project is picked.
    fn pick_merge_source(&self) -> Option<PathBuf> {
        self.pick_project()
    }
    /// Asks for the one file holding a transcript's corrected text (Replace text of transcript).
    fn pick_replacement_text(&self) -> Option<PathBuf> {
        self.pick_transcripts().into_iter().next()
    }
    /// The folder the next dialogs start in (the app says so before each one).
    fn start_in(&mut self, _folder: &Path) {}
}

/// The folder file dialogs start in: the open project's, else the user's home folder.
pub fn start_folder(project_file: Option<&Path>) -> Option<PathBuf> {
    // A project opened by a relative path ("continuum study.continuum") has the empty folder as
    // its parent, and the dialogs opened at home.
    let absolute = project_file.and_then(|file| std::path::absolute(file).ok());
    absolute
        .as_deref()
        .and_then(Path::parent)
        .filter(|folder| !folder.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .or_else(|| directories::UserDirs::new().map(|dirs| dirs.home_dir().to_path_buf()))
}

/// The platform's dialogs through rfd (xdg portal or zenity on Linux).
#[derive(Default)]
pub struct NativeFileDialogs {
    folder: Option<PathBuf>,
}

/// What a dialog asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Pick {
    One,
    Several,
    Save,
}

/// One file type a dialog offers: its name and extensions ("*" for any).
type Filter<'a> = (&'a str, &'a [&'a str]);

const PROJECT_FILTERS: &[Filter<'static>] = &[
    ("Continuum project", &[crate::io::PROJECT_EXTENSION]),
    ("All files", &["*"]),
];
const QDPX_FILTERS: &[Filter<'static>] = &[
    ("REFI-QDA project", &[crate::io::qdpx::QDPX_EXTENSION]),
    ("All files", &["*"]),
];
const TRANSCRIPT_FILTERS: &[Filter<'static>] = &[
    ("Transcripts", &["txt", "md", "docx", "odt", "vtt", "srt"]),
    ("All files", &["*"]),
];

/// zenity's arguments for a dialog titled `title` starting in `folder` (with `file_name`
/// suggested when saving). zenity takes the starting folder as a file name ending in "/".
fn zenity_args(
    pick: Pick,
    title: &str,
    folder: Option<&Path>,
    file_name: Option<&str>,
    filters: &[Filter<'_>],
) -> Vec<String> {
    let mut args: Vec<String> = ["--file-selection", "--title", title]
        .map(str::to_owned)
        .into();
    match pick {
        Pick::One => {}
        Pick::Several => args.extend(["--multiple", "--separator", "\n"].map(str::to_owned)),
        Pick::Save => args.extend(["--save", "--confirm-overwrite"].map(str::to_owned)),
    }
    let start = match (folder, file_name) {
        (Some(folder), Some(name)) => Some(folder.join(name).display().to_string()),
        (Some(folder), None) => Some(format!("{}/", folder.display())),
        (None, Some(name)) => Some(name.to_owned()),
        (None, None) => None,
    };
    if let Some(start) = start {
        args.push("--filename".to_owned());
        args.push(start);
    }
    for (name, extensions) in filters {
        let patterns: Vec<String> = extensions.iter().map(|e| format!("*.{e}")).collect();
        args.push("--file-filter".to_owned());
        args.push(format!("{name} | {}", patterns.join(" ")));
    }
    args
}

impl NativeFileDialogs {
    /// Runs zenity when the XDG portal cannot be reached (no session bus), so the dialog has its
    /// title and folder. `None` when zenity is not used (or could not run): ask rfd instead.
    fn zenity(
        &self,
        pick: Pick,
        title: &str,
        file_name: Option<&str>,
        filters: &[Filter<'_>],
    ) -> Option<Vec<PathBuf>> {
        if !cfg!(target_os = "linux") || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
            return None;
        }
        let args = zenity_args(pick, title, self.folder.as_deref(), file_name, filters);
        let output = std::process::Command::new("zenity")
            .args(args)
            .output()
            .ok()?;
        // Cancelled (exit status 1) is an empty answer, not a reason to ask again.
        let text = String::from_utf8_lossy(&output.stdout);
        Some(
            text.lines()
                .filter(|line| !line.trim().is_empty())
                .map(PathBuf::from)
                .collect(),
        )
    }

    fn rfd(&self, title: &str, filters: &[Filter<'_>]) -> rfd::FileDialog {
        let mut dialog = rfd::FileDialog::new().set_title(title);
        if let Some(folder) = &self.folder {
            dialog = dialog.set_directory(folder);
        }
        for (name, extensions) in filters {
            dialog = dialog.add_filter(*name, extensions);
        }
        dialog
    }

    fn open_one(&self, title: &str, filters: &[Filter<'_>]) -> Option<PathBuf> {
        match self.zenity(Pick::One, title, None, filters) {
            Some(paths) => paths.into_iter().next(),
            None => self.rfd(title, filters).pick_file(),
        }
    }

    fn save(&self, title: &str, file_name: &str, filters: &[Filter<'_>]) -> Option<PathBuf> {
        match self.zenity(Pick::Save, title, Some(file_name), filters) {
            Some(paths) => paths.into_iter().next(),
            None => self
                .rfd(title, filters)
                .set_file_name(file_name)
                .save_file(),
        }
    }
}

/// `path`, with `extension` added if the user typed a bare name, so the file is recognisable later.
fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(extension)
    } else {
        path
    }
}

impl FileDialogs for NativeFileDialogs {
    fn pick_project(&self) -> Option<PathBuf> {
        self.open_one("Open project", PROJECT_FILTERS)
    }

    fn save_figure(&self, file_name: &str) -> Option<PathBuf> {
        let extension = if file_name.ends_with(".png") {
            "png"
        } else {
            "svg"
        };
        let path = self.save("Export map", file_name, &[("Figure", &[extension])])?;
        Some(with_extension(path, extension))
    }

    fn pick_transcripts(&self) -> Vec<PathBuf> {
        let title = "Import transcripts";
        match self.zenity(Pick::Several, title, None, TRANSCRIPT_FILTERS) {
            Some(paths) => paths,
            None => self
                .rfd(title, TRANSCRIPT_FILTERS)
                .pick_files()
                .unwrap_or_default(),
        }
    }

    fn pick_merge_source(&self) -> Option<PathBuf> {
        self.open_one("Merge annotators from another project", PROJECT_FILTERS)
    }

    fn pick_replacement_text(&self) -> Option<PathBuf> {
        self.open_one("Replace text of transcript", TRANSCRIPT_FILTERS)
    }

    fn save_project(&self, file_name: &str) -> Option<PathBuf> {
        let path = self.save("Save project as", file_name, PROJECT_FILTERS)?;
        Some(with_extension(path, crate::io::PROJECT_EXTENSION))
    }

    fn pick_qdpx(&self) -> Option<PathBuf> {
        self.open_one("Import REFI-QDA project", QDPX_FILTERS)
    }

    fn save_qdpx(&self, file_name: &str) -> Option<PathBuf> {
        let path = self.save("Export REFI-QDA project", file_name, QDPX_FILTERS)?;
        Some(with_extension(path, crate::io::qdpx::QDPX_EXTENSION))
    }

    fn save_report(&self, file_name: &str) -> Option<PathBuf> {
        let path = self.save("Export report", file_name, &[("HTML page", &["html"])])?;
        Some(with_extension(path, "html"))
    }

    fn save_table(&self, file_name: &str) -> Option<PathBuf> {
        let path = self.save("Export search hits", file_name, &[("CSV table", &["csv"])])?;
        Some(with_extension(path, "csv"))
    }

    fn start_in(&mut self, folder: &Path) {
        self.folder = Some(folder.to_path_buf());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 10, item 9: rfd's zenity fallback titled every dialog "zenity" and opened Import in
    /// an empty "Recent" view; our own zenity call names the dialog and starts in the folder.
    #[test]
    fn zenity_dialogs_have_a_title_and_start_in_the_projects_folder() {
        let folder = Path::new("/home/anne/study");
        let args = zenity_args(
            Pick::Several,
            "Import transcripts",
            Some(folder),
            None,
            TRANSCRIPT_FILTERS,
        );
        let after = |flag: &str| {
            let at = args.iter().position(|a| a == flag).expect(flag);
            args[at + 1].clone()
        };
        assert_eq!(after("--title"), "Import transcripts");
        assert_eq!(after("--filename"), "/home/anne/study/");
        assert!(args.contains(&"--multiple".to_owned()));
        assert_eq!(
            after("--file-filter"),
            "Transcripts | *.txt *.md *.docx *.odt *.vtt *.srt"
        );
        let save = zenity_args(
            Pick::Save,
            "Save project as",
            Some(folder),
            Some("care.continuum"),
            PROJECT_FILTERS,
        );
        let at = save.iter().position(|a| a == "--filename").unwrap();
        assert_eq!(save[at + 1], "/home/anne/study/care.continuum");
    }

    #[test]
    fn dialogs_start_in_the_projects_folder_else_at_home() {
        assert_eq!(
            start_folder(Some(Path::new("/home/anne/study/care.continuum"))),
            Some(PathBuf::from("/home/anne/study"))
        );
        let home = directories::UserDirs::new().map(|d| d.home_dir().to_path_buf());
        assert_eq!(start_folder(None), home);
        // Regression (a new user's trial): a project opened by a relative path started the
        // dialogs at home, not in its folder.
        assert_eq!(
            start_folder(Some(Path::new("care.continuum"))),
            Some(std::env::current_dir().unwrap())
        );
    }
}
