//! `continuum summary`: where each group's placements sit on the continuum, as text, CSV or
//! JSON: per group the number of placements, median, quartiles, mean, standard deviation, and
//! the count and share in each anchor's zone (the zone × group table).

use super::CliError;
use super::agreement::OutputFormat;
use super::names::annotator_named;
use crate::analysis::{Findings, GroupBy, Layer, findings};
use crate::io;
use crate::model::Project;
use std::fmt::Write as _;
use std::path::PathBuf;

/// `--by`: what the groups are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryByArg {
    Case,
    Role,
    Participant,
    Transcript,
    Code,
}

impl From<SummaryByArg> for GroupBy {
    fn from(by: SummaryByArg) -> GroupBy {
        match by {
            SummaryByArg::Case => GroupBy::Case,
            SummaryByArg::Role => GroupBy::Role,
            SummaryByArg::Participant => GroupBy::Participant,
            SummaryByArg::Transcript => GroupBy::Transcript,
            SummaryByArg::Code => GroupBy::Code,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    /// The project file.
    pub project: PathBuf,
    /// What the groups are: case, role, participant, transcript or code (an excerpt with two
    /// codes counts in both).
    #[arg(long, value_enum, default_value_t = SummaryByArg::Case)]
    pub by: SummaryByArg,
    /// Whose placements: an annotator's name, "consensus", or "mean" or "median" of the
    /// annotators per excerpt.
    #[arg(long, default_value = "mean")]
    pub layer: String,
    /// Output as text, csv or json.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

pub(super) fn summary(args: &SummaryArgs) -> Result<String, CliError> {
    let project = io::load_project(&args.project).map_err(|e| CliError::new(e.to_string()))?;
    let layer = layer_named(&project, &args.layer)?;
    let found = findings(&project, layer, args.by.into());
    let text = match args.format {
        OutputFormat::Text => text(&project, &found),
        OutputFormat::Csv => csv(&found),
        OutputFormat::Json => format!("{:#}\n", json(&project, &found)),
    };
    Ok(text)
}

pub(super) fn layer_named(project: &Project, name: &str) -> Result<Layer, CliError> {
    match name.trim().to_lowercase().as_str() {
        "mean" => Ok(Layer::Mean),
        "median" => Ok(Layer::Median),
        "consensus" => {
            if project.consensus().is_none() {
                return Err(CliError::new(
                    "this project has no consensus layer yet; settle excerpts in Compare annotators, or use --layer mean",
                ));
            }
            Ok(Layer::Consensus)
        }
        _ => annotator_named(project, name).map(Layer::Annotator),
    }
}

fn text(project: &Project, found: &Findings) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Placements of {} by {} ({} excerpts placed); positions from 0 ({}) to 1 ({})",
        found.layer.name(project),
        found.by.name(),
        found.placed,
        project.continuum.closeness_label,
        project.continuum.distance_label,
    );
    if found.groups.is_empty() {
        let _ = writeln!(out, "No placements in this layer.");
        return out;
    }
    let width = found
        .groups
        .iter()
        .map(|g| g.name.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let _ = writeln!(
        out,
        "\n{:<width$}  {:>4}  {:>6}  {:>6}  {:>6}  {:>6}  {:>6}",
        found.by.name(),
        "n",
        "median",
        "q1",
        "q3",
        "mean",
        "sd"
    );
    for group in &found.groups {
        let s = &group.summary;
        let _ = writeln!(
            out,
            "{:<width$}  {:>4}  {:>6.3}  {:>6.3}  {:>6.3}  {:>6.3}  {:>6.3}",
            group.name, s.n, s.median, s.q1, s.q3, s.mean, s.sd
        );
    }
    let _ = writeln!(
        out,
        "\nPlacements by zone (nearest anchor), count and row %:"
    );
    let zone_width = found
        .zones
        .iter()
        .map(|z| z.chars().count())
        .max()
        .unwrap_or(0)
        .max(9);
    let _ = write!(out, "{:<width$}", found.by.name());
    for zone in &found.zones {
        let _ = write!(out, "  {zone:>zone_width$}");
    }
    let _ = writeln!(out);
    for group in &found.groups {
        let _ = write!(out, "{:<width$}", group.name);
        for (count, share) in group.zones.iter().zip(group.zone_shares()) {
            let cell = format!("{count} ({:.0}%)", share * 100.0);
            let _ = write!(out, "  {cell:>zone_width$}");
        }
        let _ = writeln!(out);
    }
    out
}

fn csv(found: &Findings) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "group", "n", "median", "q1", "q3", "mean", "sd", "min", "max",
    ]
    .map(str::to_owned)
    .to_vec();
    for zone in &found.zones {
        header.push(format!("zone {zone}"));
        header.push(format!("share {zone}"));
    }
    let _ = writer.write_record(&header);
    for group in &found.groups {
        let s = &group.summary;
        let mut record = vec![group.name.clone(), s.n.to_string()];
        record
            .extend([s.median, s.q1, s.q3, s.mean, s.sd, s.min, s.max].map(|v| format!("{v:.6}")));
        for (count, share) in group.zones.iter().zip(group.zone_shares()) {
            record.push(count.to_string());
            record.push(format!("{share:.6}"));
        }
        let _ = writer.write_record(&record);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn json(project: &Project, found: &Findings) -> serde_json::Value {
    let groups: Vec<serde_json::Value> = found
        .groups
        .iter()
        .map(|g| {
            let s = &g.summary;
            serde_json::json!({
                "group": g.name,
                "n": s.n,
                "median": s.median,
                "q1": s.q1,
                "q3": s.q3,
                "mean": s.mean,
                "sd": s.sd,
                "min": s.min,
                "max": s.max,
                "zones": g.zones,
                "zone_shares": g.zone_shares(),
            })
        })
        .collect();
    serde_json::json!({
        "layer": found.layer.name(project),
        "by": found.by.name(),
        "placed": found.placed,
        "zones": found.zones,
        "groups": groups,
    })
}
