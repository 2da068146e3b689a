//! The command line: `continuum [FILE]` opens the window; subcommands work headless on project
//! files with the same library the GUI uses. No input makes a command panic: every failure is a
//! message on stderr and a non-zero exit code.
//!
//! This file holds the clap definitions of every subcommand and the dispatch; the work of each
//! family is in its own file: `project` (new, check, format, transcript), `import`, `export`
//! (export-csv, export-map), `qdpx` (import-qdpx, export-qdpx), `agreement`, `summary`, `report`, `merge` and `search`, with the refusals they share in `guards`.
//!
//! Implementation notes: options with a fixed set of values are `clap::ValueEnum` enums defined
//! here in the cli layer and converted with `From` into the lower layers' own types
//! (`map::GroupBy`, `analysis::Metric`, `model::merge::Resolution`, …), so clap stays out of the
//! model, io, map and analysis code, and a value clap accepted can never fall through to a
//! default. The variants carry no doc comments on purpose: clap would print those as a list in
//! `--help`, changing the one-line help the options have always had.

mod agreement;
mod export;
mod guards;
mod import;
mod merge;
mod names;
mod project;
mod qdpx;
mod report;
mod search;
mod summary;

pub use agreement::{GroupingArg, MetricArg, OutputFormat};
pub use export::{ColourByArg, ExportMapArgs, GroupByArg};
pub use merge::PreferArg;
pub use project::summary;
pub use report::ReportArgs;
pub use search::{SearchArgs, SpeakerArg};
pub use summary::SummaryArgs;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

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
    /// Add transcripts to a project from .txt, .md, .docx, .odt, .vtt or .srt files, printing what
    /// was found in each. Files that fail are reported; the others are still imported.
    Import {
        /// The project file to add to (saved in place, with a backup).
        project: PathBuf,
        /// The transcript files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The case the transcripts belong to (found by name, or created).
        #[arg(long)]
        case: Option<String>,
        /// The interviewee (found by name, or created); default: each named speaker who is not the interviewer.
        #[arg(long)]
        participant: Option<String>,
        /// The role of new participants, e.g. manager, staff, citizen.
        #[arg(long)]
        role: Option<String>,
        /// Save even if the project file is marked read-only (it stays read-only).
        #[arg(long)]
        force: bool,
    },
    /// Print the stored text of one transcript exactly, for scripts and tests.
    Transcript {
        /// The project file.
        project: PathBuf,
        /// The transcript's name (or its id, such as t3).
        name: String,
    },
    /// Write every placement as a CSV table (one row per placement, with its excerpt, transcript,
    /// case, participant, role, position, nearest anchor, quote and memo, and whether it is the
    /// consensus layer's).
    ExportCsv {
        /// The project file.
        project: PathBuf,
        /// Where to write the table (never over a project file).
        #[arg(long)]
        out: PathBuf,
        /// Write text fields exactly as stored. By default a field that a spreadsheet would run as
        /// a formula (starting with =, +, -, @) gets a leading ' (as OWASP advises); R and pandas
        /// users who never open the table in a spreadsheet can turn that off.
        #[arg(long)]
        keep_formulas: bool,
    },
    /// Krippendorff's alpha between annotators, from a project or from a CSV table with the
    /// columns annotator, excerpt and position (optionally case and role).
    Agreement {
        /// A project file, or a .csv table.
        input: PathBuf,
        /// How values differ: interval (positions as numbers), ordinal (anchor zones), nominal
        /// (nearest anchor), or ratio.
        #[arg(long, value_enum, default_value_t = MetricArg::Interval)]
        metric: MetricArg,
        /// Break the result down by case or by role.
        #[arg(long, value_enum)]
        by: Option<GroupingArg>,
        /// Output as text, csv or json.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// Add a 95% bootstrap interval for alpha (overall and by group) and the probability
        /// that alpha is below .800 and .667 (2,000 resamples of the excerpts, fixed seed).
        #[arg(long)]
        ci: bool,
    },
    /// Where each group's placements sit: per case, role, participant, transcript or code, the
    /// number of placements, median, quartiles, mean, standard deviation and the share in each
    /// anchor's zone, for one annotator, the consensus, or the annotators' mean or median.
    Summary(SummaryArgs),
    /// Write the project's findings as one self-contained HTML page (prints to PDF from a
    /// browser): summary, coders and procedure, agreement with intervals, the map, summary
    /// plots, zone tables, quotes by zone, code frequencies and a methods paragraph.
    Report(ReportArgs),
    /// Bring the annotator layers of other copies of a project (coded independently) into one file.
    /// Where the same annotator placed the same excerpt differently, both are kept unless --prefer
    /// says otherwise; every such conflict is listed.
    Merge {
        /// The project to merge into (not changed unless --out names it).
        project: PathBuf,
        /// The other copies.
        #[arg(required = true)]
        others: Vec<PathBuf>,
        /// Where to write the merged project: the project merged into, or a new file. Never one of
        /// the other copies, and never another existing project unless --force.
        #[arg(long)]
        out: PathBuf,
        /// Write over --out even if it is another existing project, or read-only.
        #[arg(long)]
        force: bool,
        /// For conflicts: keep both (the other placement in a layer "Name (from file)"), or prefer
        /// ours or theirs.
        #[arg(long, value_enum, default_value_t = PreferArg::Both)]
        prefer: PreferArg,
    },
    /// Export the continuum map as a figure: .svg (vector, text kept as text) or .png (rendered
    /// with a bundled font; --scale 4 gives 300 dpi).
    ExportMap(ExportMapArgs),
    /// Make a new project from a REFI-QDA exchange file (.qdpx) written by NVivo, ATLAS.ti,
    /// MAXQDA, QualCoder or Continuum: sources become transcripts, coded selections excerpts with
    /// their codes, users annotators, notes memos. Prints what was found and what was skipped.
    ImportQdpx {
        /// Where to write the new project.
        project: PathBuf,
        /// The .qdpx file to read.
        file: PathBuf,
        /// The case variable that holds the participant's role (default: the one named like
        /// "Role", if exactly one is; "" for none). Other variables go in the transcript memo.
        #[arg(long, value_name = "NAME")]
        role_variable: Option<String>,
        /// Replace the project file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write a project as a REFI-QDA exchange file (.qdpx) for NVivo, ATLAS.ti, MAXQDA or
    /// QualCoder: transcripts, cases, roles, excerpts, codes, memos, and each annotator's
    /// placements as codings of the nearest anchor's code. Continuum reads it back exactly.
    ExportQdpx {
        /// The project file.
        project: PathBuf,
        /// Where to write the .qdpx file (never over a project file).
        #[arg(long)]
        out: PathBuf,
    },
    /// Find every place a word, phrase or regular expression occurs in the transcripts, with the
    /// words around it (keyword in context). Exits with 1 when nothing is found, 2 on an error.
    Search(SearchArgs),
    /// Rewrite a project file in canonical form (sorted by id, indented), e.g. after editing it by
    /// hand. The file is replaced atomically and the old version kept as a backup.
    Format {
        /// The project file to rewrite.
        path: PathBuf,
        /// Rewrite it even if it is marked read-only (it stays read-only).
        #[arg(long)]
        force: bool,
    },
}

/// A failed command: the message for stderr, and the exit code (1, or 2 for `search`, whose 1
/// means "nothing found", as grep's does).
#[derive(Debug)]
pub struct CliError {
    message: String,
    code: u8,
}

impl CliError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 1,
        }
    }

    /// The same message with another exit code.
    pub fn with_code(self, code: u8) -> Self {
        Self { code, ..self }
    }

    pub fn exit_code(&self) -> u8 {
        self.code
    }
}

/// What a command prints: on stdout, on stderr (what failed of a command that partly did its
/// work, such as an import where some files were refused), and its exit code: 0, or 1 when a
/// search found nothing or some of the work failed.
#[derive(Debug)]
pub struct Printed {
    pub text: String,
    /// Lines for stderr, each said as an error.
    pub errors: Vec<String>,
    pub code: u8,
}

impl From<String> for Printed {
    fn from(text: String) -> Self {
        Self {
            text,
            errors: Vec::new(),
            code: 0,
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Runs a headless command and returns what it prints on stdout, with its exit code.
pub fn run(command: &CliCommand) -> Result<Printed, CliError> {
    match command {
        CliCommand::Search(args) => search::search(args),
        CliCommand::Import {
            project,
            files,
            case,
            participant,
            role,
            force,
        } => import::import(
            project,
            files,
            import::ImportAs {
                case: case.as_deref(),
                participant: participant.as_deref(),
                role: role.as_deref(),
            },
            *force,
        ),
        other => run_printing(other).map(Printed::from),
    }
}

/// Runs a command whose only outcomes are output (exit code 0) or an error.
fn run_printing(command: &CliCommand) -> Result<String, CliError> {
    match command {
        CliCommand::Search(_) | CliCommand::Import { .. } => {
            run(command).map(|printed| printed.text)
        }
        CliCommand::New { path, title, force } => {
            project::new_project(path, title.as_deref(), *force)
        }
        CliCommand::Check { path } => project::check(path),
        CliCommand::Format { path, force } => project::format(path, *force),
        CliCommand::Transcript { project, name } => project::transcript(project, name),
        CliCommand::ExportCsv {
            project,
            out,
            keep_formulas,
        } => export::export_csv(project, out, *keep_formulas),
        CliCommand::ExportMap(args) => export::export_map(args),
        CliCommand::ImportQdpx {
            project,
            file,
            role_variable,
            force,
        } => qdpx::import_qdpx(project, file, role_variable.as_deref(), *force),
        CliCommand::ExportQdpx { project, out } => qdpx::export_qdpx(project, out),
        CliCommand::Merge {
            project,
            others,
            out,
            prefer,
            force,
        } => merge::merge(project, others, out, (*prefer).into(), *force),
        CliCommand::Agreement {
            input,
            metric,
            by,
            format,
            ci,
        } => agreement::agreement(input, (*metric).into(), by.map(Into::into), *format, *ci),
        CliCommand::Summary(args) => summary::summary(args),
        CliCommand::Report(args) => report::report(args),
    }
}
