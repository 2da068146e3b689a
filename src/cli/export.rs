//! `continuum export-csv` and `export-map`: the placements as a table, and the continuum map as
//! an SVG or PNG figure (the same layout the window draws).

use super::CliError;
use super::guards::{refuse_to_overwrite_a_project, refuse_to_overwrite_inputs};
use super::names::{annotator_named, case_named, known_code, known_role};
use crate::io;
use crate::map::{ColourBy, GroupBy, Labels, MapFilter, MapSettings};
use crate::model::plural;
use std::path::{Path, PathBuf};

/// `--group-by`: what the lanes group placements by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupByArg {
    Case,
    Role,
    Participant,
    Transcript,
    Annotator,
}

impl From<GroupByArg> for GroupBy {
    fn from(group_by: GroupByArg) -> GroupBy {
        match group_by {
            GroupByArg::Case => GroupBy::Case,
            GroupByArg::Role => GroupBy::Role,
            GroupByArg::Participant => GroupBy::Participant,
            GroupByArg::Transcript => GroupBy::Transcript,
            GroupByArg::Annotator => GroupBy::Annotator,
        }
    }
}

/// `--colour-by`: what the marker colours stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColourByArg {
    Annotator,
    Case,
}

impl From<ColourByArg> for ColourBy {
    fn from(colour_by: ColourByArg) -> ColourBy {
        match colour_by {
            ColourByArg::Annotator => ColourBy::Annotator,
            ColourByArg::Case => ColourBy::Case,
        }
    }
}

pub(super) fn export_csv(
    project_path: &Path,
    out: &Path,
    keep_formulas: bool,
) -> Result<String, CliError> {
    refuse_to_overwrite_inputs(out, &[project_path], "a table")?;
    refuse_to_overwrite_a_project(out, "a table")?;
    let project = io::load_project(project_path).map_err(|e| CliError::new(e.to_string()))?;
    let table = io::placements_csv(&project, io::Formulas::keeping(keep_formulas));
    io::write_atomically(out, table.as_bytes())
        .map_err(|e| CliError::new(format!("{}: could not be written: {e}", out.display())))?;
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

/// The options of `export-map`.
#[derive(clap::Args, Debug)]
pub struct ExportMapArgs {
    /// The project file.
    project: PathBuf,
    /// The figure to write: FILE.svg or FILE.png.
    #[arg(long)]
    out: PathBuf,
    /// What the lanes group placements by.
    #[arg(long, value_enum, default_value_t = GroupByArg::Case)]
    group_by: GroupByArg,
    /// Only these annotators (names, comma-separated); default: everyone.
    #[arg(long, value_delimiter = ',')]
    annotators: Vec<String>,
    /// What the marker colours stand for.
    #[arg(long, value_enum, default_value_t = ColourByArg::Annotator)]
    colour_by: ColourByArg,
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

pub(super) fn export_map(args: &ExportMapArgs) -> Result<String, CliError> {
    refuse_to_overwrite_inputs(&args.out, &[&args.project], "a figure")?;
    refuse_to_overwrite_a_project(&args.out, "a figure")?;
    let project = io::load_project(&args.project).map_err(|e| CliError::new(e.to_string()))?;
    let mut ids = Vec::new();
    for name in args
        .annotators
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
    {
        ids.push(annotator_named(&project, name)?);
    }
    let case = args
        .case
        .as_deref()
        .map(|name| case_named(&project, name))
        .transpose()?;
    if let Some(role) = &args.role {
        known_role(&project, role)?;
    }
    if let Some(code) = &args.code {
        known_code(&project, code)?;
    }
    let (width, scale) = (args.width, args.scale);
    if !(100.0..=5000.0).contains(&width) {
        return Err(CliError::new(format!(
            "--width {width} is outside 100..5000 points"
        )));
    }
    if !(1.0..=4.0).contains(&scale) {
        return Err(CliError::new(format!("--scale {scale} is outside 1..4")));
    }
    let settings = MapSettings {
        group_by: args.group_by.into(),
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
        colour_by: args.colour_by.into(),
        title: args.title.clone(),
        width,
        detail: 1.0,
    };
    io::export_map(&args.out, &project, &settings, scale)
        .map(|line| line + "\n")
        .map_err(CliError::new)
}
