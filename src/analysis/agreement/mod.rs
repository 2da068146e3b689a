//! Agreement between annotators on a project, or on a table exported from one: Krippendorff's
//! alpha over all excerpts placed by two or more annotators, broken down by case or role, and for
//! each pair of annotators.
//!
//! This module computes the report from [`Ratings`]; how they are read from a project or a table
//! (and how a placement is valued for each metric) is in [`ratings`], the tests in `tests.rs`.

mod ratings;
#[cfg(test)]
mod tests;

pub use ratings::{Ratings, UnitInfo};

use super::alpha::{AlphaInterval, Bootstrap, alpha_interval, alpha_of_pairable};
use super::{Alpha, Metric};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;

/// How to break the report down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Case,
    Role,
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
    /// The bootstrap interval, when asked for (overall and by group) and alpha is defined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<AlphaInterval>,
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
            interval: None,
        }
    }

    /// The row of `pairable` units, with its bootstrap interval when `ci` asks for one.
    fn of(group: String, pairable: &[&[f64]], metric: Metric, ci: Option<Bootstrap>) -> Self {
        let mut row = Self::new(group, alpha_of_pairable(pairable, metric));
        if row.alpha.is_some() {
            row.interval = ci.and_then(|b| alpha_interval(pairable, metric, b));
        }
        row
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
    agreement_report_with(ratings, metric, by, None)
}

/// The report with a bootstrap interval for alpha overall and for each group, when `ci` says
/// how (see `alpha/bootstrap.rs`); pairs of annotators get none.
pub fn agreement_report_with(
    ratings: &Ratings,
    metric: Metric,
    by: Option<Grouping>,
    ci: Option<Bootstrap>,
) -> AgreementReport {
    let units = unit_numbers(ratings);
    let mut all: Vec<(usize, f64)> = units
        .iter()
        .zip(&ratings.ratings)
        .map(|(&unit, r)| (unit, r.value))
        .collect();
    all.sort_by_key(|&(unit, _)| unit); // stable: a unit's values keep their order
    let overall = with_pairable(&all, |pairable| {
        Row::of("all".to_owned(), pairable, metric, ci)
    });
    AgreementReport {
        metric: metric.name(),
        overall,
        grouped_by: by.map(|g| match g {
            Grouping::Case => "case",
            Grouping::Role => "role",
        }),
        groups: by.map_or_else(Vec::new, |by| group_rows(ratings, &units, metric, by, ci)),
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
    with_pairable(ratings, |pairable| alpha_of_pairable(pairable, metric))
}

/// Runs `f` on the units of (unit number, value) ratings sorted by unit that have two values
/// or more, each borrowed from one buffer.
fn with_pairable<R>(ratings: &[(usize, f64)], f: impl FnOnce(&[&[f64]]) -> R) -> R {
    let values: Vec<f64> = ratings.iter().map(|&(_, v)| v).collect();
    let mut pairable: Vec<&[f64]> = Vec::new();
    let mut at = 0;
    for unit in ratings.chunk_by(|a, b| a.0 == b.0) {
        if unit.len() >= 2 {
            pairable.push(&values[at..at + unit.len()]);
        }
        at += unit.len();
    }
    f(&pairable)
}

/// One row per case or role, in name order. The ratings are sorted into their groups in one
/// pass: filtering all ratings again for every group was quadratic with 100,000 cases. Every
/// group's units are borrowed from one buffer of values sorted by group and unit: a vector per
/// group and per unit made the allocator, not the statistics, the cost (and grow faster than
/// the number of groups).
fn group_rows(
    ratings: &Ratings,
    units: &[usize],
    metric: Metric,
    by: Grouping,
    ci: Option<Bootstrap>,
) -> Vec<Row> {
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
        rows.push(Row::of(names[group].to_owned(), &pairable, metric, ci));
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
