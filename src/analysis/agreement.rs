//! Agreement between annotators on a project, or on a table exported from one: Krippendorff's
//! alpha over all excerpts placed by two or more annotators, broken down by case or role, and for
//! each pair of annotators.
//!
//! From a project, the values depend on the metric: interval and ratio use the positions (0..1);
//! ordinal uses the zone between two neighbouring anchors a position falls in; nominal uses the
//! nearest anchor. From a table, the numbers are used as they stand.

use super::alpha::{NEGATIVE_FOR_RATIO, alpha_of_pairable};
use super::{Alpha, Metric};
use crate::model::Project;
use serde::Serialize;
use std::borrow::Cow;
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

/// How to break the report down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Case,
    Role,
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
}

/// One line of a report: a group (or a pair of annotators) and its alpha.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub group: String,
    pub alpha: Option<f64>,
    pub units: usize,
    pub pairable_values: usize,
    /// Why alpha is undefined, if it is.
    pub note: Option<Cow<'static, str>>,
}

impl Row {
    fn new(group: String, alpha: Alpha) -> Self {
        let (value, units, pairable_values) =
            (alpha.value(), alpha.units(), alpha.pairable_values());
        let note = match alpha {
            Alpha::Undefined { reason, .. } => Some(reason),
            Alpha::Value { .. } => None,
        };
        Self {
            group,
            alpha: value,
            units,
            pairable_values,
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

/// Pairs of annotators are listed only up to this many annotators (1,225 pairs): the table
/// grows with the square of the annotators, and beyond a few dozen nobody reads it.
pub const MAX_PAIRWISE_ANNOTATORS: usize = 50;

/// The group of units that have none (no case, or no role).
const NO_GROUP: &str = "(none)";

pub fn agreement_report(
    ratings: &Ratings,
    metric: Metric,
    by: Option<Grouping>,
) -> AgreementReport {
    let units = unit_numbers(ratings);
    let mut all: Vec<(usize, f64)> = units
        .iter()
        .zip(&ratings.ratings)
        .map(|(&unit, r)| (unit, r.value))
        .collect();
    all.sort_by_key(|&(unit, _)| unit); // stable: a unit's values keep their order
    let overall = Row::new("all".to_owned(), alpha_of_sorted(&all, metric));
    AgreementReport {
        metric: metric.name(),
        overall,
        grouped_by: by.map(|g| match g {
            Grouping::Case => "case",
            Grouping::Role => "role",
        }),
        groups: by.map_or_else(Vec::new, |by| group_rows(ratings, &units, metric, by)),
        pairwise: pair_rows(ratings, &units, metric),
    }
}

/// Each rating's unit as a number, in unit order: the units the table describes by their place
/// in `Ratings::units` (sorted by name), any others after them, by name. One hash lookup per
/// rating, once per report, so that grouping and pairing sort and compare numbers, not names.
fn unit_numbers(ratings: &Ratings) -> Vec<usize> {
    let mut number: HashMap<&str, usize> = ratings
        .units
        .keys()
        .enumerate()
        .map(|(i, unit)| (unit.as_str(), i))
        .collect();
    let mut others: Vec<&str> = ratings
        .ratings
        .iter()
        .map(|r| r.unit.as_str())
        .filter(|unit| !number.contains_key(unit))
        .collect();
    others.sort_unstable();
    others.dedup();
    for unit in others {
        let next = number.len();
        number.insert(unit, next);
    }
    ratings
        .ratings
        .iter()
        .map(|r| number[r.unit.as_str()])
        .collect()
}

/// Alpha over (unit number, value) ratings sorted by unit. The units are borrowed from one
/// buffer of values: a vector per unit (a million of them for a million excerpts) made the
/// allocator, not the statistics, the cost.
fn alpha_of_sorted(ratings: &[(usize, f64)], metric: Metric) -> Alpha {
    let values: Vec<f64> = ratings.iter().map(|&(_, v)| v).collect();
    let mut pairable: Vec<&[f64]> = Vec::new();
    let mut at = 0;
    for unit in ratings.chunk_by(|a, b| a.0 == b.0) {
        if unit.len() >= 2 {
            pairable.push(&values[at..at + unit.len()]);
        }
        at += unit.len();
    }
    alpha_of_pairable(&pairable, metric)
}

/// One row per case or role, in name order. The ratings are sorted into their groups in one
/// pass: filtering all ratings again for every group was quadratic with 100,000 cases. Every
/// group's units are borrowed from one buffer of values sorted by group and unit: a vector per
/// group and per unit made the allocator, not the statistics, the cost (and grow faster than
/// the number of groups).
fn group_rows(ratings: &Ratings, units: &[usize], metric: Metric, by: Grouping) -> Vec<Row> {
    // Every group a unit belongs to has a row, even one whose units nobody placed.
    let unit_groups: Vec<&str> = ratings.units.values().map(|i| group_name(i, by)).collect();
    let mut names = unit_groups.clone();
    names.sort_unstable();
    names.dedup();
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let group_of_unit: Vec<usize> = unit_groups.iter().map(|g| index[g]).collect();
    // A rating of a unit the table does not describe belongs to no group.
    let no_group = index.get(NO_GROUP).copied();
    let mut keyed: Vec<(usize, usize, f64)> = units
        .iter()
        .zip(&ratings.ratings)
        .filter_map(|(&unit, rating)| {
            let group = group_of_unit.get(unit).copied().or(no_group)?;
            Some((group, unit, rating.value))
        })
        .collect();
    keyed.sort_by_key(|&(group, unit, _)| (group, unit)); // stable: a unit's values keep their order
    let values: Vec<f64> = keyed.iter().map(|&(_, _, v)| v).collect();

    let mut rows = Vec::with_capacity(names.len());
    let mut pairable: Vec<&[f64]> = Vec::new();
    let mut next_group = 0;
    let mut at = 0;
    for run in keyed.chunk_by(|a, b| a.0 == b.0) {
        let group = run[0].0;
        // Groups whose units nobody placed come between the groups that have ratings.
        for name in &names[next_group..group] {
            rows.push(Row::new((*name).to_owned(), alpha_of_pairable(&[], metric)));
        }
        pairable.clear();
        for unit in run.chunk_by(|a, b| a.1 == b.1) {
            if unit.len() >= 2 {
                pairable.push(&values[at..at + unit.len()]);
            }
            at += unit.len();
        }
        rows.push(Row::new(
            names[group].to_owned(),
            alpha_of_pairable(&pairable, metric),
        ));
        next_group = group + 1;
    }
    for name in &names[next_group..] {
        rows.push(Row::new((*name).to_owned(), alpha_of_pairable(&[], metric)));
    }
    rows
}

/// The case or role of a unit, or [`NO_GROUP`].
fn group_name(info: &UnitInfo, by: Grouping) -> &str {
    match by {
        Grouping::Case => info.case.as_deref(),
        Grouping::Role => info.role.as_deref(),
    }
    .unwrap_or(NO_GROUP)
}

/// Alpha for each pair of annotators, from each one's ratings sorted by unit once, so a pair
/// costs the two annotators' ratings (a merge), not a pass over everyone's. With more than
/// [`MAX_PAIRWISE_ANNOTATORS`] a single row says the pairs were left out, and why.
fn pair_rows(ratings: &Ratings, units: &[usize], metric: Metric) -> Vec<Row> {
    let mut by_annotator: HashMap<&str, Vec<(usize, f64)>> = HashMap::new();
    for (&unit, rating) in units.iter().zip(&ratings.ratings) {
        by_annotator
            .entry(&rating.annotator)
            .or_default()
            .push((unit, rating.value));
    }
    let count = by_annotator.len();
    if count > MAX_PAIRWISE_ANNOTATORS {
        let reason = format!(
            "there are {count} annotators, which make {} pairs, and pairs are listed for at most \
             {MAX_PAIRWISE_ANNOTATORS} annotators; for pairs, give a table with only the \
             annotators to compare",
            count * (count - 1) / 2
        );
        let left_out = Alpha::Undefined {
            reason: reason.into(),
            units: 0,
            pairable_values: 0,
        };
        return vec![Row::new("(pairs of annotators)".to_owned(), left_out)];
    }
    let mut annotators: Vec<(&str, Vec<(usize, f64)>)> = by_annotator.into_iter().collect();
    annotators.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (_, units) in &mut annotators {
        units.sort_by_key(|&(unit, _)| unit); // stable: a unit's values keep their order
    }
    let mut rows = Vec::new();
    for (i, (a, units_a)) in annotators.iter().enumerate() {
        for (b, units_b) in &annotators[i + 1..] {
            let alpha = alpha_of_sorted(&merged_by_unit(units_a, units_b), metric);
            rows.push(Row::new(format!("{a} – {b}"), alpha));
        }
    }
    rows
}

/// Two annotators' ratings (each sorted by unit) as one list sorted by unit, a unit's values
/// by the first annotator before the second's: a merge, not a sort.
fn merged_by_unit(a: &[(usize, f64)], b: &[(usize, f64)]) -> Vec<(usize, f64)> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].0 <= b[j].0 {
            merged.push(a[i]);
            i += 1;
        } else {
            merged.push(b[j]);
            j += 1;
        }
    }
    merged.extend_from_slice(&a[i..]);
    merged.extend_from_slice(&b[j..]);
    merged
}

/// The continuum's anchors, sorted once so that valuing a placement is a binary search, not a
/// pass over every anchor.
struct Anchors {
    /// Every anchor position, ascending.
    positions: Vec<f64>,
    /// The distinct positions, ascending, each with the lowest index of an anchor there.
    first_at: Vec<(f64, usize)>,
}

impl Anchors {
    fn new(project: &Project) -> Self {
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
    fn at_or_below(&self, position: f64) -> usize {
        self.positions.partition_point(|&a| a <= position)
    }

    /// The index of the anchor nearest `position`, the first in the continuum's order among
    /// equally near ones, exactly as `Continuum::nearest_anchor` chooses (which is what the
    /// exported table's nearest_anchor column shows).
    fn nearest(&self, position: f64) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::krippendorff_alpha;

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

    /// The report as it was first written: every group and every pair filters all ratings
    /// (quadratic, but plainly right). The reference the bucketed report is checked against.
    fn reference_report(ratings: &Ratings, metric: Metric, by: Option<Grouping>) -> Vec<Row> {
        let units_where = |keep: &dyn Fn(&Rating) -> bool| {
            let mut by_unit: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
            for rating in ratings.ratings.iter().filter(|r| keep(r)) {
                by_unit.entry(&rating.unit).or_default().push(rating.value);
            }
            by_unit.into_values().collect::<Vec<_>>()
        };
        let group_of = |unit: &str| {
            let info = ratings.units.get(unit);
            match by {
                Some(Grouping::Case) => info.and_then(|i| i.case.clone()),
                Some(Grouping::Role) => info.and_then(|i| i.role.clone()),
                None => None,
            }
            .unwrap_or_else(|| "(none)".to_owned())
        };
        let mut rows = vec![Row::new(
            "all".to_owned(),
            krippendorff_alpha(&units_where(&|_| true), metric),
        )];
        if by.is_some() {
            let mut names: Vec<String> = ratings.units.keys().map(|u| group_of(u)).collect();
            names.sort();
            names.dedup();
            for name in names {
                let units = units_where(&|r| group_of(&r.unit) == name);
                rows.push(Row::new(name, krippendorff_alpha(&units, metric)));
            }
        }
        let mut annotators: Vec<&str> = ratings.ratings.iter().map(|r| &*r.annotator).collect();
        annotators.sort();
        annotators.dedup();
        for (i, a) in annotators.iter().enumerate() {
            for b in &annotators[i + 1..] {
                let units = units_where(&|r| r.annotator == *a || r.annotator == *b);
                rows.push(Row::new(
                    format!("{a} – {b}"),
                    krippendorff_alpha(&units, metric),
                ));
            }
        }
        rows
    }

    fn report_rows(report: &AgreementReport) -> Vec<Row> {
        std::iter::once(&report.overall)
            .chain(&report.groups)
            .chain(&report.pairwise)
            .cloned()
            .collect()
    }

    /// Ratings by up to 5 annotators on up to 8 units in up to 3 cases and 2 roles, some units
    /// without a case or role, some without ratings; values from a few steps in 0..1.
    fn ratings_strategy() -> impl proptest::strategy::Strategy<Value = Ratings> {
        use proptest::prelude::*;
        let rating = (0u8..5, 0u8..8, 0u8..11);
        let info = (0u8..4, 0u8..3);
        (
            prop::collection::vec(rating, 0..40),
            prop::collection::vec(info, 8),
        )
            .prop_map(|(ratings, infos)| {
                let mut seen = std::collections::HashSet::new();
                let ratings = ratings
                    .into_iter()
                    .filter(|&(a, u, _)| seen.insert((a, u)))
                    .map(|(a, u, v)| Rating {
                        annotator: format!("A{a}"),
                        unit: format!("u{u}"),
                        value: f64::from(v) / 10.0,
                    })
                    .collect();
                let units = infos
                    .into_iter()
                    .enumerate()
                    .map(|(u, (case, role))| {
                        let info = UnitInfo {
                            case: (case > 0).then(|| format!("case {case}")),
                            role: (role > 0).then(|| format!("role {role}")),
                        };
                        (format!("u{u}"), info)
                    })
                    .collect();
                Ratings { ratings, units }
            })
    }

    proptest::proptest! {
        #[test]
        fn the_bucketed_report_matches_filtering_per_group_and_pair(
            ratings in ratings_strategy()
        ) {
            for metric in Metric::ALL {
                for by in [None, Some(Grouping::Case), Some(Grouping::Role)] {
                    let fast = report_rows(&agreement_report(&ratings, metric, by));
                    let reference = reference_report(&ratings, metric, by);
                    assert_eq!(fast.len(), reference.len(), "{metric:?} {by:?}");
                    for (f, r) in fast.iter().zip(&reference) {
                        assert_eq!(
                            (&f.group, f.units, f.pairable_values, &f.note),
                            (&r.group, r.units, r.pairable_values, &r.note)
                        );
                        let close = match (f.alpha, r.alpha) {
                            (Some(f), Some(r)) => (f - r).abs() < 1e-9,
                            (f, r) => f == r,
                        };
                        assert!(close, "{}: {:?} vs {:?}", f.group, f.alpha, r.alpha);
                    }
                }
            }
        }

        /// Valuing by sorted anchors picks what `Continuum::nearest_anchor` and a count of the
        /// anchors below pick, ties and anchors at the same position included.
        #[test]
        fn anchors_by_binary_search_match_the_plain_search(
            anchors in proptest::collection::vec(0u8..9, 1..7),
            positions in proptest::collection::vec(0u8..17, 1..20),
        ) {
            let mut project = Project::new("anchors");
            project.continuum.anchors = anchors
                .iter()
                .enumerate()
                .map(|(i, &a)| crate::model::Anchor {
                    name: format!("anchor {i}"),
                    position: f64::from(a) / 8.0,
                    description: String::new(),
                })
                .collect();
            let sorted = Anchors::new(&project);
            for p in positions {
                let p = f64::from(p) / 16.0;
                let nearest = project.continuum.nearest_anchor(p);
                let plain = project.continuum.anchors.iter().position(|a| Some(a) == nearest);
                assert_eq!(sorted.nearest(p), plain, "at {p}");
                let below = project.continuum.anchors.iter().filter(|a| a.position <= p).count();
                assert_eq!(sorted.at_or_below(p), below, "at {p}");
            }
        }
    }

    /// The maps made once in `from_project` find the case (the transcript's, else its
    /// participant's) and role the model's own lookups find, and value positions as the
    /// continuum's nearest anchor and zones do.
    #[test]
    fn from_project_finds_what_the_models_lookups_find() {
        let project = crate::io::parse_project(crate::SAMPLE_PROJECT).unwrap();
        let ratings = Ratings::from_project(&project, Metric::Interval);
        assert_eq!(ratings.units.len(), project.excerpts.len());
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
            assert_eq!(
                ratings.units[&excerpt.id.to_string()],
                UnitInfo { case, role }
            );
        }
        assert!(ratings.units.values().any(|i| i.case.is_some()));
        assert!(ratings.units.values().any(|i| i.role.is_some()));
        let nominal = Ratings::from_project(&project, Metric::Nominal);
        let ordinal = Ratings::from_project(&project, Metric::Ordinal);
        let anchors = &project.continuum.anchors;
        for ((n, o), i) in nominal
            .ratings
            .iter()
            .zip(&ordinal.ratings)
            .zip(&ratings.ratings)
        {
            let nearest = project.continuum.nearest_anchor(i.value);
            let index = anchors.iter().position(|a| Some(a) == nearest).unwrap();
            assert_eq!(n.value, index as f64);
            let zone = anchors.iter().filter(|a| a.position <= i.value).count();
            assert_eq!(o.value, zone as f64);
        }
    }

    /// Issue 11: `--by case` with 100,000 cases filtered every rating for every case and never
    /// finished. (Its speed is measured in `benches/agreement_scaling.rs`.)
    #[test]
    fn grouping_100k_cases_finishes() {
        let mut ratings = Ratings::default();
        for u in 0..100_000u32 {
            let unit = format!("e{u}");
            for (a, value) in [("A", 0.25), ("B", if u % 2 == 0 { 0.25 } else { 0.75 })] {
                ratings.ratings.push(Rating {
                    annotator: a.to_owned(),
                    unit: unit.clone(),
                    value,
                });
            }
            let info = UnitInfo {
                case: Some(format!("case {u}")),
                role: None,
            };
            ratings.units.insert(unit, info);
        }
        let report = agreement_report(&ratings, Metric::Nominal, Some(Grouping::Case));
        assert_eq!(report.groups.len(), 100_000);
        assert_eq!(report.groups[0].units, 1);
        assert_eq!(report.pairwise.len(), 1);
    }

    /// Issue 11: 1,000 annotators made 499,500 pairs, each filtering every rating: killed after
    /// 120 s. Now pairs are listed for at most MAX_PAIRWISE_ANNOTATORS, and a note says why.
    #[test]
    fn pairs_of_1000_annotators_are_left_out_with_a_note() {
        let mut ratings = Ratings::default();
        for a in 0..1_000u32 {
            for u in 0..20u32 {
                ratings.ratings.push(Rating {
                    annotator: format!("coder {a}"),
                    unit: format!("e{u}"),
                    value: f64::from((a + u) % 4) / 3.0,
                });
            }
        }
        let report = agreement_report(&ratings, Metric::Interval, None);
        assert_eq!(report.overall.units, 20);
        assert_eq!(report.pairwise.len(), 1);
        let note = report.pairwise[0].note.as_deref().unwrap();
        assert!(
            note.contains("1000 annotators, which make 499500 pairs"),
            "{note}"
        );
        assert!(note.contains("at most 50"), "{note}");

        let few = Ratings {
            ratings: ratings
                .ratings
                .iter()
                .filter(|r| r.annotator.len() <= "coder 9".len())
                .cloned()
                .collect(),
            units: BTreeMap::new(),
        };
        assert_eq!(
            agreement_report(&few, Metric::Interval, None)
                .pairwise
                .len(),
            45
        );
    }

    /// Issue 11, item 12: ratio alpha on negative values gave 1.000 for opposite values; a table
    /// with a negative value is refused for the ratio metric, naming the value.
    #[test]
    fn ratio_refuses_a_table_with_negative_values() {
        let table = "annotator,excerpt,position\nA,1,-0.5\nB,1,0.5\nA,2,-1\nB,2,1\n";
        let error = Ratings::from_csv_for(table, Metric::Ratio).unwrap_err();
        assert!(
            error.starts_with("A gives excerpt 1 the value -0.5, but the ratio metric needs"),
            "{error}"
        );
        assert!(Ratings::from_csv_for(table, Metric::Interval).is_ok());
    }

    /// Issue 11, item 12: values of 1e200 gave "alpha": null and "note": null in JSON. A row
    /// now has a finite alpha or a note, never neither.
    #[test]
    fn huge_values_in_a_table_give_a_number_or_a_note_never_null_null() {
        let table = "annotator,excerpt,position\nA,1,1e200\nB,1,1e308\nA,2,-1e308\nB,2,1e308\n\
                     A,3,1e200\nB,3,1e200\n";
        for metric in Metric::ALL {
            let Ok(ratings) = Ratings::from_csv_for(table, metric) else {
                assert_eq!(metric, Metric::Ratio);
                continue;
            };
            let report = agreement_report(&ratings, metric, Some(Grouping::Case));
            for row in report_rows(&report) {
                match row.alpha {
                    Some(alpha) => assert!(alpha.is_finite(), "{metric:?} {row:?}"),
                    None => assert!(row.note.is_some(), "{metric:?} {row:?}"),
                }
            }
            let json = serde_json::to_value(&report).unwrap();
            assert!(json["overall"]["alpha"].is_f64(), "{metric:?}: {json}");
        }
    }
}
