//! The command line: `continuum [FILE]` opens the window; subcommands work headless on project
//! files with the same library the GUI uses. No input makes a command panic: every failure is a
//! message on stderr and a non-zero exit code.

use crate::io;
use crate::model::{Project, plural};
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
    /// case, participant, role, position, nearest anchor, quote and memo).
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
        #[arg(long, default_value = "interval", value_parser = ["interval", "ordinal", "nominal", "ratio"])]
        metric: String,
        /// Break the result down by case or by role.
        #[arg(long, value_parser = ["case", "role"])]
        by: Option<String>,
        /// Output as text, csv or json.
        #[arg(long, default_value = "text", value_parser = ["text", "csv", "json"])]
        format: String,
    },
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
        #[arg(long, default_value = "both", value_parser = ["both", "ours", "theirs"])]
        prefer: String,
    },
    /// Export the continuum map as a figure: .svg (vector, text kept as text) or .png (rendered
    /// with a bundled font; --scale 4 gives 300 dpi).
    ExportMap(ExportMapArgs),
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
        CliCommand::Format { path, force } => format(path, *force),
        CliCommand::Import {
            project,
            files,
            case,
            participant,
            role,
            force,
        } => import(
            project,
            files,
            ImportAs {
                case: case.as_deref(),
                participant: participant.as_deref(),
                role: role.as_deref(),
            },
            *force,
        ),
        CliCommand::Transcript { project, name } => transcript(project, name),
        CliCommand::ExportCsv {
            project,
            out,
            keep_formulas,
        } => export_csv(project, out, *keep_formulas),
        CliCommand::ExportMap(args) => export_map(args),
        CliCommand::Merge {
            project,
            others,
            out,
            prefer,
            force,
        } => merge(project, others, out, prefer, *force),
        CliCommand::Agreement {
            input,
            metric,
            by,
            format,
        } => agreement(input, metric, by.as_deref(), format),
    }
}

/// Who imported transcripts belong to (`import --case --participant --role`).
struct ImportAs<'a> {
    case: Option<&'a str>,
    participant: Option<&'a str>,
    role: Option<&'a str>,
}

fn import(
    project_path: &Path,
    files: &[PathBuf],
    who: ImportAs,
    force: bool,
) -> Result<String, CliError> {
    use crate::io::import::import_file;
    use crate::model::import_plan::{Importer, default_plan};
    refuse_read_only(project_path, force)?;
    let (mut project, read) =
        io::load_project_stamped(project_path).map_err(|e| CliError(e.to_string()))?;
    // What the saved project would weigh: refuse a file that would take it past what can be
    // opened again, before anything is added.
    let mut projected_bytes = io::to_ron_string(&project).len() as u64;
    let mut report = String::new();
    let mut failed = Vec::new();
    let mut importer = Importer::new(&project);
    let mut imported_count = 0;
    for file in files {
        match import_file(file) {
            Ok(imported)
                if projected_bytes + io::estimated_saved_bytes(&imported.text, &imported.turns)
                    > io::MAX_PROJECT_BYTES =>
            {
                let _ = writeln!(
                    report,
                    "{}: not imported: it would make the project about {}, more than a project \
                     file can be ({}); start another project for the rest",
                    file.display(),
                    io::format_mib(
                        projected_bytes
                            + io::estimated_saved_bytes(&imported.text, &imported.turns)
                    ),
                    io::format_mib(io::MAX_PROJECT_BYTES)
                );
                failed.push(file);
            }
            Ok(imported) => {
                projected_bytes += io::estimated_saved_bytes(&imported.text, &imported.turns);
                let speakers = imported.speakers();
                let _ = writeln!(
                    report,
                    "{}: {}, {}, {}, {}, speakers: {}",
                    file.display(),
                    imported.format,
                    imported.encoding_report(),
                    plural(imported.word_count(), "word"),
                    plural(imported.turns.len(), "turn"),
                    if speakers.is_empty() {
                        "none named".to_owned()
                    } else {
                        speakers.join(", ")
                    }
                );
                let name = file.file_stem().map_or_else(
                    || "Transcript".to_owned(),
                    |s| s.to_string_lossy().into_owned(),
                );
                let plan = default_plan(
                    &project,
                    &name,
                    &speakers,
                    who.case,
                    who.participant,
                    who.role,
                );
                match importer.add(imported.text, imported.turns, &plan) {
                    Ok(_) => imported_count += 1,
                    Err(error) => {
                        let _ = writeln!(report, "{}: not imported: {error}", file.display());
                        failed.push(file);
                    }
                }
            }
            Err(error) => {
                let _ = writeln!(report, "{}: not imported: it {error}", file.display());
                failed.push(file);
            }
        }
    }
    if imported_count > 0 {
        for edit in importer.finish() {
            project
                .apply(edit)
                .map_err(|e| CliError(format!("{report}could not add the transcripts: {e}")))?;
        }
        io::save_project_unless_changed(project_path, &project, read)
            .map_err(|e| CliError(format!("{report}{e}")))?;
    }
    let _ = writeln!(
        report,
        "imported {imported_count} of {} into {}",
        plural(files.len(), "file"),
        project_path.display()
    );
    if failed.is_empty() {
        Ok(report)
    } else {
        Err(CliError(report.trim_end().to_owned()))
    }
}

fn merge(
    project_path: &Path,
    others: &[PathBuf],
    out: &Path,
    prefer: &str,
    force: bool,
) -> Result<String, CliError> {
    use crate::model::merge::{Resolution, merge};
    let resolution = match prefer {
        "ours" => Resolution::KeepOurs,
        "theirs" => Resolution::TakeTheirs,
        _ => Resolution::KeepBoth,
    };
    let into_itself = same_file(out, project_path);
    let other_copies: Vec<&Path> = others.iter().map(PathBuf::as_path).collect();
    refuse_to_overwrite_inputs(out, &other_copies, "the merged project")?;
    if !into_itself && !force && looks_like_a_project(out) {
        return Err(CliError(format!(
            "{}: is another Continuum project; writing the merge there would replace it. \
             Choose a new file, name the project merged into ({}), or add --force",
            out.display(),
            project_path.display()
        )));
    }
    refuse_read_only(out, force)?;
    let (mut project, read) =
        io::load_project_stamped(project_path).map_err(|e| CliError(e.to_string()))?;
    let mut s = String::new();
    for other_path in others {
        let other = io::load_project(other_path).map_err(|e| CliError(e.to_string()))?;
        let source = other_path.file_name().map_or_else(
            || other_path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let (edits, report) = merge(&project, &other, &source, |_| resolution).map_err(|e| {
            CliError(format!(
                "{}: could not be merged: {e}",
                other_path.display()
            ))
        })?;
        for edit in edits {
            project.apply(edit).map_err(|e| {
                CliError(format!(
                    "{}: could not be merged: {e}",
                    other_path.display()
                ))
            })?;
        }
        let _ = writeln!(
            s,
            "{}: {}, {} already here, {}, {} with new codes, new annotators: {}",
            other_path.display(),
            plural(report.new_placements, "new placement"),
            report.same_placements,
            plural(report.new_excerpts, "new excerpt"),
            plural(report.coded_excerpts, "excerpt"),
            if report.new_annotators.is_empty() {
                "none".to_owned()
            } else {
                report.new_annotators.join(", ")
            }
        );
        for conflict in &report.conflicts {
            let label = project
                .excerpt(conflict.excerpt)
                .map_or_else(String::new, |e| project.excerpt_label(e));
            let _ = writeln!(
                s,
                "  conflict: {} placed excerpt {} “{label}” at {} here and {} in {source}; {}",
                conflict.annotator,
                conflict.excerpt,
                conflict.ours.position,
                conflict.theirs.position,
                match resolution {
                    Resolution::KeepBoth => "kept both",
                    Resolution::KeepOurs => "kept this project's",
                    Resolution::TakeTheirs => "took the other's",
                }
            );
        }
        for (name, placed) in &report.missing_transcripts {
            let _ = writeln!(
                s,
                "  not merged: transcript “{name}” ({}) is not in {}; import it first",
                plural(*placed, "placement"),
                project_path.display()
            );
        }
    }
    project
        .validate()
        .map_err(|e| CliError(format!("the merged project is not valid: {e}")))?;
    let saved = if into_itself {
        io::save_project_unless_changed(out, &project, read)
    } else {
        io::save_project(out, &project)
    };
    saved.map_err(|e| CliError(e.to_string()))?;
    let _ = writeln!(s, "wrote {}", out.display());
    Ok(s)
}

/// The options of `export-map`.
#[derive(clap::Args, Debug)]
pub struct ExportMapArgs {
    /// The project file.
    project: PathBuf,
    /// The figure to write: FILE.svg or FILE.png.
    #[arg(long)]
    out: PathBuf,
    /// What the lanes group placements by.
    #[arg(long, default_value = "case", value_parser = ["case", "role", "participant", "transcript", "annotator"])]
    group_by: String,
    /// Only these annotators (names, comma-separated); default: everyone.
    #[arg(long, value_delimiter = ',')]
    annotators: Vec<String>,
    /// What the marker colours stand for.
    #[arg(long, default_value = "annotator", value_parser = ["annotator", "case"])]
    colour_by: String,
    /// Only placements of excerpts from this case (its name).
    #[arg(long)]
    case: Option<String>,
    /// Only placements of excerpts from participants with this role.
    #[arg(long)]
    role: Option<String>,
    /// Only placements of excerpts with this code.
    #[arg(long)]
    code: Option<String>,
    /// Only placements whose quote or label contains these words.
    #[arg(long)]
    text: Option<String>,
    /// Leave out the excerpt labels next to the markers.
    #[arg(long)]
    no_labels: bool,
    /// Show anchors as thin lines instead of shaded zones.
    #[arg(long)]
    no_zones: bool,
    /// Join each excerpt's markers by different annotators with a thin line.
    #[arg(long)]
    connect: bool,
    /// A title above the map.
    #[arg(long)]
    title: Option<String>,
    /// Width of the figure in points (72 points = 1 inch).
    #[arg(long, default_value_t = 540.0)]
    width: f32,
    /// PNG resolution: 1 = 75 dpi … 4 = 300 dpi.
    #[arg(long, default_value_t = 4.0)]
    scale: f32,
}

fn export_map(args: &ExportMapArgs) -> Result<String, CliError> {
    use crate::map::{ColourBy, GroupBy, Labels, MapFilter, MapSettings};
    refuse_to_overwrite_inputs(&args.out, &[&args.project], "a figure")?;
    refuse_to_overwrite_a_project(&args.out, "a figure")?;
    let project = io::load_project(&args.project).map_err(|e| CliError(e.to_string()))?;
    let mut ids = Vec::new();
    for name in args
        .annotators
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
    {
        let found = project
            .annotators
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name));
        let annotator = found.ok_or_else(|| {
            let names: Vec<_> = project.annotators.iter().map(|a| a.name.as_str()).collect();
            CliError(format!(
                "there is no annotator called “{name}”; there are: {}",
                names.join(", ")
            ))
        })?;
        ids.push(annotator.id);
    }
    let case = match &args.case {
        None => None,
        Some(name) => Some(
            project
                .cases
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(name.trim()))
                .map(|c| c.id)
                .ok_or_else(|| {
                    let names: Vec<_> = project.cases.iter().map(|c| c.name.as_str()).collect();
                    CliError(format!(
                        "there is no case called “{name}”; there are: {}",
                        names.join(", ")
                    ))
                })?,
        ),
    };
    if let Some(role) = &args.role
        && !project.participants.iter().any(|p| &p.role == role)
    {
        let mut roles: Vec<_> = project
            .participants
            .iter()
            .map(|p| p.role.as_str())
            .collect();
        roles.sort();
        roles.dedup();
        return Err(CliError(format!(
            "no participant has the role “{role}”; the roles are: {}",
            roles.join(", ")
        )));
    }
    if let Some(code) = &args.code
        && !project.codes().contains(code)
    {
        let codes = project.codes();
        return Err(CliError(if codes.is_empty() {
            format!("no excerpt has the code “{code}”; this project has no codes")
        } else {
            format!(
                "no excerpt has the code “{code}”; the codes are: {}",
                codes.join(", ")
            )
        }));
    }
    let (width, scale) = (args.width, args.scale);
    if !(100.0..=5000.0).contains(&width) {
        return Err(CliError(format!(
            "--width {width} is outside 100..5000 points"
        )));
    }
    if !(1.0..=4.0).contains(&scale) {
        return Err(CliError(format!("--scale {scale} is outside 1..4")));
    }
    let settings = MapSettings {
        group_by: GroupBy::parse(&args.group_by).unwrap_or(GroupBy::Case),
        annotators: if ids.is_empty() { None } else { Some(ids) },
        filter: MapFilter {
            case,
            role: args.role.clone(),
            code: args.code.clone(),
            text: args.text.clone().unwrap_or_default(),
        },
        labels: if args.no_labels {
            Labels::None
        } else {
            Labels::All
        },
        zones: !args.no_zones,
        connectors: args.connect,
        colour_by: if args.colour_by == "case" {
            ColourBy::Case
        } else {
            ColourBy::Annotator
        },
        title: args.title.clone(),
        width,
    };
    io::export_map(&args.out, &project, &settings, scale)
        .map(|line| line + "\n")
        .map_err(CliError)
}

fn export_csv(project_path: &Path, out: &Path, keep_formulas: bool) -> Result<String, CliError> {
    refuse_to_overwrite_inputs(out, &[project_path], "a table")?;
    refuse_to_overwrite_a_project(out, "a table")?;
    let project = io::load_project(project_path).map_err(|e| CliError(e.to_string()))?;
    let formulas = if keep_formulas {
        io::Formulas::Keep
    } else {
        io::Formulas::Neutralise
    };
    let table = io::placements_csv(&project, formulas);
    io::write_atomically(out, table.as_bytes())
        .map_err(|e| CliError(format!("{}: could not be written: {e}", out.display())))?;
    let rows = project
        .annotators
        .iter()
        .map(|a| a.placements.len())
        .sum::<usize>();
    Ok(format!(
        "wrote {} to {}\n",
        plural(rows, "placement"),
        out.display()
    ))
}

fn agreement(
    input: &Path,
    metric: &str,
    by: Option<&str>,
    format: &str,
) -> Result<String, CliError> {
    use crate::analysis::{Grouping, Metric, Ratings, agreement_report};
    let metric = Metric::parse(metric).unwrap_or(Metric::Interval);
    let is_csv = input
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let ratings = if is_csv {
        let text = io::read_table(input).map_err(CliError)?;
        Ratings::from_csv_for(&text, metric)
            .map_err(|e| CliError(format!("{}: {e}", input.display())))?
    } else {
        let project = io::load_project(input).map_err(|e| CliError(e.to_string()))?;
        Ratings::from_project(&project, metric)
    };
    let by = match by {
        Some("case") => Some(Grouping::Case),
        Some("role") => Some(Grouping::Role),
        _ => None,
    };
    let report = agreement_report(&ratings, metric, by);
    match format {
        "json" => serde_json::to_string_pretty(&report)
            .map(|json| json + "\n")
            .map_err(|e| CliError(e.to_string())),
        "csv" => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let _ =
                writer.write_record(["kind", "group", "alpha", "units", "pairable_values", "note"]);
            let mut write = |kind: &str, row: &crate::analysis::Row| {
                let alpha = row.alpha.map(|a| format!("{a:.6}")).unwrap_or_default();
                let _ = writer.write_record([
                    kind,
                    &row.group,
                    &alpha,
                    &row.units.to_string(),
                    &row.pairable_values.to_string(),
                    row.note.as_deref().unwrap_or(""),
                ]);
            };
            write("all", &report.overall);
            for row in &report.groups {
                write(report.grouped_by.unwrap_or("group"), row);
            }
            for row in &report.pairwise {
                write("pair", row);
            }
            let bytes = writer.into_inner().map_err(|e| CliError(e.to_string()))?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
        _ => {
            let mut s = String::new();
            let line = |row: &crate::analysis::Row| match (row.alpha, &row.note) {
                (Some(alpha), _) => format!(
                    "α = {alpha:.3} ({}, {})",
                    plural(row.units, "unit"),
                    plural(row.pairable_values, "pairable value")
                ),
                (None, Some(note)) => format!("undefined: {note}"),
                (None, None) => "undefined".to_owned(),
            };
            let _ = writeln!(
                s,
                "Krippendorff's alpha ({}); units are excerpts placed by at least two annotators",
                report.metric
            );
            let _ = writeln!(s, "all: {}", line(&report.overall));
            if let Some(by) = report.grouped_by {
                let _ = writeln!(s, "by {by}:");
                for row in &report.groups {
                    let _ = writeln!(s, "  {}: {}", row.group, line(row));
                }
            }
            if !report.pairwise.is_empty() {
                let _ = writeln!(s, "pairs of annotators:");
                for row in &report.pairwise {
                    let _ = writeln!(s, "  {}: {}", row.group, line(row));
                }
            }
            Ok(s)
        }
    }
}

fn transcript(project_path: &Path, name: &str) -> Result<String, CliError> {
    let project = io::load_project(project_path).map_err(|e| CliError(e.to_string()))?;
    let found = project
        .transcripts
        .iter()
        .find(|t| t.name == name || t.id.to_string() == name)
        .ok_or_else(|| {
            let names: Vec<_> = project
                .transcripts
                .iter()
                .map(|t| format!("“{}”", t.name))
                .collect();
            CliError(format!(
                "{}: has no transcript called “{name}”; it has {}",
                project_path.display(),
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            ))
        })?;
    Ok(found.text.clone())
}

fn format(path: &Path, force: bool) -> Result<String, CliError> {
    let (project, read) = io::load_project_stamped(path).map_err(|e| CliError(e.to_string()))?;
    let canonical = io::to_ron_string(&project);
    if io::FileStamp::of(canonical.as_bytes()) == read {
        return Ok(format!("{}: already in canonical form\n", path.display()));
    }
    refuse_read_only(path, force)?;
    io::save_project_unless_changed(path, &project, read).map_err(|e| CliError(e.to_string()))?;
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
    refuse_read_only(path, false)?;
    io::save_project(path, &project).map_err(|e| CliError(e.to_string()))?;
    Ok(format!("created {} (“{title}”)\n", path.display()))
}

/// Whether `a` and `b` name the same file (through links, `..` or hard links). A missing file is
/// the same as nothing else.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(ma), Ok(mb)) => {
            use std::os::unix::fs::MetadataExt;
            ma.dev() == mb.dev() && ma.ino() == mb.ino()
        }
        #[cfg(not(unix))]
        (Ok(_), Ok(_)) => std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok(),
        _ => false,
    }
}

/// A command never writes its output over a file it reads: `export-csv P --out P` once replaced
/// the project with a table.
fn refuse_to_overwrite_inputs(out: &Path, inputs: &[&Path], what: &str) -> Result<(), CliError> {
    match inputs.iter().find(|input| same_file(out, input)) {
        Some(input) => Err(CliError(format!(
            "{}: is the project this command reads ({}); writing {what} there would replace it. \
             Nothing was written; choose another file for --out",
            out.display(),
            input.display()
        ))),
        None => Ok(()),
    }
}

/// Whether the file at `out` is (by its first bytes) a Continuum project.
fn looks_like_a_project(out: &Path) -> bool {
    use std::io::Read;
    if io::check_regular_file(out, u64::MAX).is_err() {
        return false;
    }
    let mut head = Vec::new();
    let read = std::fs::File::open(out).and_then(|f| f.take(4096).read_to_end(&mut head));
    let head = String::from_utf8_lossy(&head);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    read.is_ok() && head.starts_with('(') && head.contains("format_version")
}

/// A table or figure is never written over a Continuum project, whichever it is.
fn refuse_to_overwrite_a_project(out: &Path, what: &str) -> Result<(), CliError> {
    if looks_like_a_project(out) {
        return Err(CliError(format!(
            "{}: is a Continuum project; writing {what} there would destroy it. Nothing was \
             written; choose another file for --out",
            out.display()
        )));
    }
    Ok(())
}

/// A file marked read-only is rewritten only when asked (`--force`).
fn refuse_read_only(path: &Path, force: bool) -> Result<(), CliError> {
    if io::is_read_only(path) && !force {
        return Err(CliError(format!(
            "{}: is marked read-only; nothing was written. Add --force to save over it anyway \
             (it stays read-only)",
            path.display()
        )));
    }
    Ok(())
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
        "transcripts: {} ({})",
        project.transcripts.len(),
        plural(project.word_count(), "word")
    );
    let _ = writeln!(s, "excerpts: {}", project.excerpts.len());
    let _ = writeln!(s, "annotators: {}", project.annotators.len());
    for a in &project.annotators {
        let _ = writeln!(
            s,
            "  {}: {}",
            a.name,
            plural(a.placements.len(), "placement")
        );
    }
    s
}
