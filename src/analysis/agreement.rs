//! Agreement between annotators on a project, or on a table exported from one: Krippendorff's
//! alpha over all excerpts placed by two or more annotators, broken down by case or role, and for
//! each pair of annotators.
//!
//! From a project, the values depend on the metric: interval and ratio use the positions (0..1);
//! ordinal uses the zone between two neighbouring anchors a position falls in; nominal uses the
//! nearest anchor. From a table, the numbers are used as they stand.

use super::{Alpha, Metric, krippendorff_alpha};
use crate::model::Project;
use serde::Serialize;
use std::collections::BTreeMap;

/// One annotator's value for one unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Rating {
    pub annotator: String,
    pub unit: String,
    pub value: f64,
}

/// What a unit belongs to, for breakdowns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnitInfo {
    pub case: Option<String>,
    pub role: Option<String>,
}

/// The values to compute agreement on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ratings {
    pub ratings: Vec<Rating>,
    pub units: BTreeMap<String, UnitInfo>,
}

/// How to break the report down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Case,
    Role,
}

impl Ratings {
    /// Every placement of every annotator, valued for `metric` (see the module comment).
    pub fn from_project(project: &Project, metric: Metric) -> Self {
        let anchors: Vec<f64> = project
            .continuum
            .anchors
            .iter()
            .map(|a| a.position)
            .collect();
        let value = |position: f64| match metric {
            Metric::Interval | Metric::Ratio => position,
            Metric::Ordinal => anchors.iter().filter(|&&a| a <= position).count() as f64,
            Metric::Nominal => project
                .continuum
                .anchors
                .iter()
                .position(|a| Some(a) == project.continuum.nearest_anchor(position))
                .map_or(position, |i| i as f64),
        };
        let mut ratings = Ratings::default();
        for excerpt in &project.excerpts {
            let transcript = project.transcript(excerpt.transcript);
            let case = transcript
                .and_then(|t| project.case_of_transcript(t))
                .and_then(|c| project.case(c))
                .map(|c| c.name.clone());
            let role = transcript
                .and_then(|t| t.participant)
                .and_then(|p| project.participant(p))
                .map(|p| p.role.clone());
            ratings
                .units
                .insert(excerpt.id.to_string(), UnitInfo { case, role });
        }
        // The consensus is the team's settlement, not an independent coder: it does not count.
        for annotator in project.annotators.iter().filter(|a| !a.consensus) {
            for placement in &annotator.placements {
                ratings.ratings.push(Rating {
                    annotator: annotator.name.clone(),
                    unit: placement.excerpt.to_string(),
                    value: value(placement.position),
                });
            }
        }
        ratings
    }

    /// Reads a CSV table with at least the columns `annotator`, `excerpt` and `position` (any
    /// finite numbers; an empty position is a missing value); `case` and `role` columns, if
    /// present, allow breakdowns. Errors name the line.
    pub fn from_csv(text: &str) -> Result<Self, String> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| format!("line 1: {e}"))?
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
            .collect::<Vec<_>>();
        let column = |name: &str| headers.iter().position(|h| h == name);
        let (Some(annotator_col), Some(unit_col), Some(position_col)) =
            (column("annotator"), column("excerpt"), column("position"))
        else {
            return Err(format!(
                "line 1: the table needs the columns annotator, excerpt and position; it has {}",
                headers.join(", ")
            ));
        };
        let (case_col, role_col) = (column("case"), column("role"));
        let mut ratings = Ratings::default();
        let mut seen = std::collections::HashSet::new();
        for (i, record) in reader.records().enumerate() {
            let line = i + 2;
            let record = record.map_err(|e| format!("line {line}: {e}"))?;
            let field = |col: usize| record.get(col).unwrap_or("").trim();
            let annotator = field(annotator_col);
            let unit = field(unit_col);
            if annotator.is_empty() || unit.is_empty() {
                return Err(format!(
                    "line {line}: the annotator and the excerpt must not be empty"
                ));
            }
            let info = ratings.units.entry(unit.to_owned()).or_default();
            if let Some(col) = case_col.filter(|&c| !field(c).is_empty()) {
                info.case = Some(field(col).to_owned());
            }
            if let Some(col) = role_col.filter(|&c| !field(c).is_empty()) {
                info.role = Some(field(col).to_owned());
            }
            let position = field(position_col);
            if position.is_empty() {
                continue; // a missing value
            }
            let value: f64 = position
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| {
                    format!("line {line}: the position “{position}” is not a finite number")
                })?;
            if !seen.insert((annotator.to_owned(), unit.to_owned())) {
                return Err(format!(
                    "line {line}: {annotator} gives excerpt {unit} a second value"
                ));
            }
            ratings.ratings.push(Rating {
                annotator: annotator.to_owned(),
                unit: unit.to_owned(),
                value,
            });
        }
        Ok(ratings)
    }

    /// The values per unit, keeping only the ratings `keep` accepts.
    fn units_where(&self, keep: impl Fn(&Rating) -> bool) -> Vec<Vec<f64>> {
        let mut by_unit: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        for rating in self.ratings.iter().filter(|r| keep(r)) {
            by_unit.entry(&rating.unit).or_default().push(rating.value);
        }
        by_unit.into_values().collect()
    }

    fn annotators(&self) -> Vec<String> {
        let mut names: Vec<String> = self.ratings.iter().map(|r| r.annotator.clone()).collect();
        names.sort();
        names.dedup();
        names
    }
}

/// One line of a report: a group (or a pair of annotators) and its alpha.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub group: String,
    pub alpha: Option<f64>,
    pub units: usize,
    pub pairable_values: usize,
    /// Why alpha is undefined, if it is.
    pub note: Option<String>,
}

impl Row {
    fn new(group: String, alpha: Alpha) -> Self {
        let note = match &alpha {
            Alpha::Undefined { reason, .. } => Some(reason.clone()),
            Alpha::Value { .. } => None,
        };
        Self {
            group,
            alpha: alpha.value(),
            units: alpha.units(),
            pairable_values: alpha.pairable_values(),
            note,
        }
    }
}

/// Alpha overall, by group, and for each pair of annotators.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgreementReport {
    pub metric: &'static str,
    pub overall: Row,
    pub grouped_by: Option<&'static str>,
    pub groups: Vec<Row>,
    pub pairwise: Vec<Row>,
}

pub fn agreement_report(
    ratings: &Ratings,
    metric: Metric,
    by: Option<Grouping>,
) -> AgreementReport {
    let overall = Row::new(
        "all".to_owned(),
        krippendorff_alpha(&ratings.units_where(|_| true), metric),
    );
    let group_of = |unit: &str| {
        let info = ratings.units.get(unit);
        match by {
            Some(Grouping::Case) => info.and_then(|i| i.case.clone()),
            Some(Grouping::Role) => info.and_then(|i| i.role.clone()),
            None => None,
        }
        .unwrap_or_else(|| "(none)".to_owned())
    };
    let mut groups = Vec::new();
    if by.is_some() {
        let mut names: Vec<String> = ratings.units.keys().map(|u| group_of(u)).collect();
        names.sort();
        names.dedup();
        for name in names {
            let alpha =
                krippendorff_alpha(&ratings.units_where(|r| group_of(&r.unit) == name), metric);
            groups.push(Row::new(name, alpha));
        }
    }
    let annotators = ratings.annotators();
    let mut pairwise = Vec::new();
    for (i, a) in annotators.iter().enumerate() {
        for b in &annotators[i + 1..] {
            let alpha = krippendorff_alpha(
                &ratings.units_where(|r| r.annotator == *a || r.annotator == *b),
                metric,
            );
            pairwise.push(Row::new(format!("{a} – {b}"), alpha));
        }
    }
    AgreementReport {
        metric: metric.name(),
        overall,
        grouped_by: by.map(|g| match g {
            Grouping::Case => "case",
            Grouping::Role => "role",
        }),
        groups,
        pairwise,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_errors_name_the_line() {
        let missing_column = Ratings::from_csv("annotator,unit,value\nA,1,0.5\n").unwrap_err();
        assert!(
            missing_column
                .starts_with("line 1: the table needs the columns annotator, excerpt and position")
        );
        let not_a_number =
            Ratings::from_csv("annotator,excerpt,position\nA,1,0.5\nB,1,high\n").unwrap_err();
        assert_eq!(
            not_a_number,
            "line 3: the position “high” is not a finite number"
        );
        let twice =
            Ratings::from_csv("annotator,excerpt,position\nA,1,0.5\nA,1,0.6\n").unwrap_err();
        assert_eq!(twice, "line 3: A gives excerpt 1 a second value");
        let ragged = Ratings::from_csv("annotator,excerpt,position\nA,1\n").unwrap_err();
        assert!(ragged.starts_with("line 2:"), "{ragged}");
    }

    #[test]
    fn empty_positions_are_missing_values() {
        let ratings =
            Ratings::from_csv("annotator,excerpt,position\nA,1,0.5\nB,1,\nA,2,0.1\nB,2,0.2\n")
                .unwrap();
        assert_eq!(ratings.ratings.len(), 3);
        let report = agreement_report(&ratings, Metric::Interval, None);
        assert_eq!(report.overall.units, 1);
    }
}
