//! The command line: `continuum [FILE]` opens the window; subcommands work headless on project
//! files with the same library the GUI uses. No input makes a command panic: every failure is a
//! message on stderr and a non-zero exit code.

use crate::io;
use crate::model::Project;
use clap::{Parser, Subcommand};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "continuum",
    version,
    about = "Place interview excerpts on a closeness–distance continuum, compare annotators, publish continuum maps.",
    long_about = None,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<CliCommand>,

    /// Project file to open in the window (default: the bundled sample project).
    pub file: Option<PathBuf>,

    /// Save a PNG screenshot of the window after it has drawn its first frames, then quit.
    #[arg(long, value_name = "PNG")]
    pub screenshot: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Create an empty project with the default continuum (Family, Friend, Professional, Stranger).
    New {
        /// Where to write the project file.
        path: PathBuf,
        /// The project's title (default: the file name).
        #[arg(long)]
        title: Option<String>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Validate a project file and print a summary; exits with 1 and a precise message if it is broken.
    Check {
        /// The project file to check.
        path: PathBuf,
    },
    /// Rewrite a project file in canonical form (sorted by id, indented), e.g. after editing it by
    /// hand. The file is replaced atomically and the old version kept as a backup.
    Format {
        /// The project file to rewrite.
        path: PathBuf,
    },
}

/// A failed command: the message for stderr.
#[derive(Debug)]
pub struct CliError(pub String);

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Runs a headless command and returns what it prints on stdout.
pub fn run(command: &CliCommand) -> Result<String, CliError> {
    match command {
        CliCommand::New { path, title, force } => new_project(path, title.as_deref(), *force),
        CliCommand::Check { path } => check(path),
        CliCommand::Format { path } => format(path),
    }
}

fn format(path: &Path) -> Result<String, CliError> {
    let project = io::load_project(path).map_err(|e| CliError(e.to_string()))?;
    let canonical = io::to_ron_string(&project);
    let current = std::fs::read(path).map_err(|e| CliError(format!("{}: {e}", path.display())))?;
    if current == canonical.as_bytes() {
        return Ok(format!("{}: already in canonical form\n", path.display()));
    }
    io::save_project(path, &project).map_err(|e| CliError(e.to_string()))?;
    Ok(format!(
        "{}: rewritten in canonical form (previous version kept as {})\n",
        path.display(),
        io::backup_path(path).display()
    ))
}

fn new_project(path: &Path, title: Option<&str>, force: bool) -> Result<String, CliError> {
    if path.exists() && !force {
        return Err(CliError(format!(
            "{}: already exists; use --force to replace it",
            path.display()
        )));
    }
    let title = title.map(str::to_owned).unwrap_or_else(|| {
        path.file_stem().map_or("Untitled project".to_owned(), |s| {
            s.to_string_lossy().into_owned()
        })
    });
    let project = Project::new(&title);
    io::save_project(path, &project).map_err(|e| CliError(e.to_string()))?;
    Ok(format!("created {} (“{title}”)\n", path.display()))
}

fn check(path: &Path) -> Result<String, CliError> {
    let project = io::load_project(path).map_err(|e| CliError(e.to_string()))?;
    Ok(summary(path, &project))
}

/// The summary `check` prints: counts of everything, and placements per annotator.
pub fn summary(path: &Path, project: &Project) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}: valid (format version {})",
        path.display(),
        project.format_version
    );
    let _ = writeln!(s, "title: {}", project.title);
    let case_names: Vec<_> = project.cases.iter().map(|c| c.name.as_str()).collect();
    let _ = writeln!(
        s,
        "cases: {} ({})",
        project.cases.len(),
        case_names.join(", ")
    );
    let _ = writeln!(s, "participants: {}", project.participants.len());
    let _ = writeln!(
        s,
        "transcripts: {} ({} words)",
        project.transcripts.len(),
        project.word_count()
    );
    let _ = writeln!(s, "excerpts: {}", project.excerpts.len());
    let _ = writeln!(s, "annotators: {}", project.annotators.len());
    for a in &project.annotators {
        let _ = writeln!(s, "  {}: {} placements", a.name, a.placements.len());
    }
    s
}
