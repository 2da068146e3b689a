//! `continuum agreement`: Krippendorff's alpha between annotators, from a project or a CSV table,
//! overall, by case or role, and for each pair of annotators, as text, CSV or JSON.

use super::CliError;
use crate::analysis::{Bootstrap, Grouping, Metric, Ratings, agreement_report_with};
use crate::io;
use crate::model::plural;
use std::fmt::Write as _;
use std::path::Path;

/// `--metric`: how values differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MetricArg {
    Interval,
    Ordinal,
    Nominal,
    Ratio,
}

impl From<MetricArg> for Metric {
    fn from(metric: MetricArg) -> Metric {
        match metric {
            MetricArg::Interval => Metric::Interval,
            MetricArg::Ordinal => Metric::Ordinal,
            MetricArg::Nominal => Metric::Nominal,
            MetricArg::Ratio => Metric::Ratio,
        }
    }
}

/// `--by`: what the result is broken down by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupingArg {
    Case,
    Role,
}

impl From<GroupingArg> for Grouping {
    fn from(by: GroupingArg) -> Grouping {
        match by {
            GroupingArg::Case => Grouping::Case,
            GroupingArg::Role => Grouping::Role,
        }
    }
}

/// `--format`: how the result is printed. Only the command line prints, so this has no
/// counterpart below.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Csv,
    Json,
}

pub(super) fn agreement(
    input: &Path,
    metric: Metric,
    by: Option<Grouping>,
    format: OutputFormat,
    ci: bool,
) -> Result<String, CliError> {
    let is_csv = input
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let ratings = if is_csv {
        let text = io::read_table(input).map_err(CliError::new)?;
        Ratings::from_csv_for(&text, metric)
            .map_err(|e| CliError::new(format!("{}: {e}", input.display())))?
    } else {
        let project = io::load_project(input).map_err(|e| CliError::new(e.to_string()))?;
        Ratings::from_project(&project, metric)
    };
    let report = agreement_report_with(&ratings, metric, by, ci.then(Bootstrap::default));
    match format {
        OutputFormat::Json => serde_json::to_string_pretty(&report)
            .map(|json| json + "\n")
            .map_err(|e| CliError::new(e.to_string())),
        OutputFormat::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let mut header = vec!["kind", "group", "alpha", "units", "pairable_values", "note"];
            if ci {
                header.extend(["ci_low", "ci_high", "p_below_800", "p_below_667"]);
            }
            let _ = writer.write_record(&header);
            let mut write = |kind: &str, row: &crate::analysis::Row| {
                let alpha = row.alpha.map(|a| format!("{a:.6}")).unwrap_or_default();
                let mut record = vec![
                    kind.to_owned(),
                    row.group.clone(),
                    alpha,
                    row.units.to_string(),
                    row.pairable_values.to_string(),
                    row.note.as_deref().unwrap_or("").to_owned(),
                ];
                if ci {
                    let interval = row.interval.as_ref();
                    let number = |f: fn(&crate::analysis::AlphaInterval) -> f64| {
                        interval.map(|i| format!("{:.6}", f(i))).unwrap_or_default()
                    };
                    record.extend([
                        number(|i| i.low),
                        number(|i| i.high),
                        number(|i| i.below_800),
                        number(|i| i.below_667),
                    ]);
                }
                let _ = writer.write_record(&record);
            };
            write("all", &report.overall);
            for row in &report.groups {
                write(report.grouped_by.unwrap_or("group"), row);
            }
            for row in &report.pairwise {
                write("pair", row);
            }
            let bytes = writer
                .into_inner()
                .map_err(|e| CliError::new(e.to_string()))?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
        OutputFormat::Text => {
            let mut s = String::new();
            let line = |row: &crate::analysis::Row| match (row.alpha, &row.note) {
                (Some(alpha), _) => {
                    let interval = row.interval.as_ref().map_or(String::new(), |i| {
                        format!(
                            ", 95% CI [{:.3}, {:.3}], P(α < .800) = {:.2}, P(α < .667) = {:.2}",
                            i.low, i.high, i.below_800, i.below_667
                        )
                    });
                    format!(
                        "α = {alpha:.3} ({}, {}){interval}",
                        plural(row.units, "unit"),
                        plural(row.pairable_values, "pairable value")
                    )
                }
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
