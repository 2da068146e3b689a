//! The values agreement is computed on: one annotator's value for one unit, and what each unit
//! belongs to (its case and the participant's role), from a project or from a CSV table.
//!
//! From a project, the values depend on the metric: interval and ratio use the positions (0..1);
//! ordinal uses the zone between two neighbouring anchors a position falls in; nominal uses the
//! nearest anchor. From a table, the numbers are used as they stand.

use crate::analysis::Metric;
use crate::analysis::alpha::NEGATIVE_FOR_RATIO;
use crate::model::Project;
use std::collections::{BTreeMap, HashMap};

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

impl Ratings {
    /// Every placement of every annotator, valued for `metric` (see the module comment). Cases,
    /// participants and transcripts are looked up through maps made once, and anchors through a
    /// sorted list: a search of every list per excerpt was quadratic with 100,000 cases.
    pub fn from_project(project: &Project, metric: Metric) -> Self {
        let anchors = Anchors::new(project);
        let value = |position: f64| match metric {
            Metric::Interval | Metric::Ratio => position,
            Metric::Ordinal => anchors.at_or_below(position) as f64,
            Metric::Nominal => anchors.nearest(position).map_or(position, |i| i as f64),
        };
        let cases: HashMap<_, &str> = project.cases.iter().map(|c| (c.id, &*c.name)).collect();
        let participants: HashMap<_, _> = project.participants.iter().map(|p| (p.id, p)).collect();
        let transcripts: HashMap<_, UnitInfo> = project
            .transcripts
            .iter()
            .map(|t| {
                let participant = t.participant.and_then(|p| participants.get(&p));
                let case = t
                    .case
                    .or_else(|| participant.and_then(|p| p.case))
                    .and_then(|c| cases.get(&c))
                    .map(|&name| name.to_owned());
                let role = participant.map(|p| p.role.clone());
                (t.id, UnitInfo { case, role })
            })
            .collect();
        let mut ratings = Ratings::default();
        for excerpt in &project.excerpts {
            let info = transcripts.get(&excerpt.transcript).cloned();
            ratings
                .units
                .insert(excerpt.id.to_string(), info.unwrap_or_default());
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

    /// [`Ratings::from_csv`], refusing values `metric` cannot measure: the ratio metric needs
    /// values of zero or more (on negative values it took opposite values for agreement).
    pub fn from_csv_for(text: &str, metric: Metric) -> Result<Self, String> {
        let ratings = Self::from_csv(text)?;
        if metric == Metric::Ratio
            && let Some(r) = ratings.ratings.iter().find(|r| r.value < 0.0)
        {
            return Err(format!(
                "{} gives excerpt {} the value {}, but {NEGATIVE_FOR_RATIO}",
                r.annotator, r.unit, r.value
            ));
        }
        Ok(ratings)
    }

    /// Reads a CSV table with at least the columns `annotator`, `excerpt` and `position` (any
    /// finite numbers; an empty position is a missing value); `case` and `role` columns, if
    /// present, allow breakdowns. Rows whose `consensus` column says `true` (the team's settled
    /// layer, as `export-csv` writes it) are no coder's and are left out. Errors name the line.
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
        let consensus_col = column("consensus");
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
            if consensus_col.is_some_and(|col| field(col).eq_ignore_ascii_case("true")) {
                continue;
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
}

/// The continuum's anchors, sorted once so that valuing a placement is a binary search, not a
/// pass over every anchor.
pub(super) struct Anchors {
    /// Every anchor position, ascending.
    positions: Vec<f64>,
    /// The distinct positions, ascending, each with the lowest index of an anchor there.
    first_at: Vec<(f64, usize)>,
}

impl Anchors {
    pub(super) fn new(project: &Project) -> Self {
        let mut first_at: Vec<(f64, usize)> = project
            .continuum
            .anchors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.position, i))
            .collect();
        first_at.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let positions = first_at.iter().map(|&(p, _)| p).collect();
        first_at.dedup_by(|later, first| later.0 == first.0);
        Self {
            positions,
            first_at,
        }
    }

    /// How many anchors lie at or below `position`: its ordinal zone.
    pub(super) fn at_or_below(&self, position: f64) -> usize {
        self.positions.partition_point(|&a| a <= position)
    }

    /// The index of the anchor nearest `position`, the first in the continuum's order among
    /// equally near ones, exactly as `Continuum::nearest_anchor` chooses (which is what the
    /// exported table's nearest_anchor column shows).
    pub(super) fn nearest(&self, position: f64) -> Option<usize> {
        let list = &self.first_at;
        let distance = |k: usize| (list[k].0 - position).abs();
        let split = list.partition_point(|&(a, _)| a <= position);
        let below = split.checked_sub(1);
        let above = (split < list.len()).then_some(split);
        let best = [below, above]
            .into_iter()
            .flatten()
            .map(distance)
            .min_by(f64::total_cmp)?;
        // Ties lie next to each other on each side, because rounding a difference keeps its
        // order; there is more than one per side only for anchors closer together than
        // rounding can tell apart.
        let tied_below = below
            .into_iter()
            .flat_map(|k| (0..=k).rev())
            .take_while(|&k| distance(k) == best);
        let tied_above = above
            .into_iter()
            .flat_map(|k| k..list.len())
            .take_while(|&k| distance(k) == best);
        tied_below.chain(tied_above).map(|k| list[k].1).min()
    }
}
