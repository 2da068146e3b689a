//! Krippendorff's alpha: how far annotators agree beyond chance, for any number of annotators,
//! with missing values. Units are what is coded (here: excerpts); only units with at least two
//! values are pairable and count. Computed from the coincidence of values within units, as in
//! Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability".
//!
//! The textbook sums run over every pair of values, which is quadratic: a study with 1,000
//! annotators or 100,000 distinct positions never finished. Here the nominal, interval and ordinal
//! disagreements are computed from counts and sums instead (O(n log n) for n values), and only the
//! ratio metric, which has no such form, still weighs pairs of distinct values, within a budget.
//!
//! This module holds the metrics, the result and how to read it; the disagreement sums of each
//! metric are in [`sums`], the tests in `tests.rs`.

mod bootstrap;
mod sums;
#[cfg(test)]
mod tests;

pub(crate) use bootstrap::alpha_interval;
pub use bootstrap::{AlphaInterval, Bootstrap};
use std::borrow::Cow;
use std::fmt;
use sums::{Distinct, interval_sums, mid_ranks, nominal_sums, ratio_sums, squared_difference_sums};

/// How two values differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Any difference is total (categories).
    Nominal,
    /// Differences count by how many values lie between them (ranks).
    Ordinal,
    /// Squared difference of the numbers.
    Interval,
    /// Squared difference relative to the sum (for values with a true zero).
    Ratio,
}

impl Metric {
    pub const ALL: [Metric; 4] = [
        Metric::Nominal,
        Metric::Ordinal,
        Metric::Interval,
        Metric::Ratio,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Metric::Nominal => "nominal",
            Metric::Ordinal => "ordinal",
            Metric::Interval => "interval",
            Metric::Ratio => "ratio",
        }
    }

    pub fn parse(text: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.name() == text)
    }
}

/// Alpha, or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub enum Alpha {
    Value {
        alpha: f64,
        /// Units with at least two values.
        units: usize,
        /// Values in those units.
        pairable_values: usize,
    },
    /// Alpha cannot be computed; the reason is a sentence for the user. Most reasons are fixed
    /// sentences, borrowed rather than allocated: a report by case holds one per case.
    Undefined {
        reason: Cow<'static, str>,
        units: usize,
        pairable_values: usize,
    },
}

impl Alpha {
    pub fn value(&self) -> Option<f64> {
        match self {
            Alpha::Value { alpha, .. } => Some(*alpha),
            Alpha::Undefined { .. } => None,
        }
    }

    pub fn units(&self) -> usize {
        match self {
            Alpha::Value { units, .. } | Alpha::Undefined { units, .. } => *units,
        }
    }

    pub fn pairable_values(&self) -> usize {
        match self {
            Alpha::Value {
                pairable_values, ..
            }
            | Alpha::Undefined {
                pairable_values, ..
            } => *pairable_values,
        }
    }
}

impl fmt::Display for Alpha {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Alpha::Value {
                alpha,
                units,
                pairable_values,
            } => write!(
                f,
                "α = {alpha:.3} ({}, {})",
                crate::model::plural(*units, "unit"),
                crate::model::plural(*pairable_values, "pairable value")
            ),
            Alpha::Undefined { reason, .. } => write!(f, "α undefined: {reason}"),
        }
    }
}

/// Alpha over `units`, each the values the annotators gave it (missing values simply absent).
/// Values must be finite; for the ratio metric they must also be zero or more.
pub fn krippendorff_alpha(units: &[Vec<f64>], metric: Metric) -> Alpha {
    let pairable: Vec<&[f64]> = units
        .iter()
        .filter(|u| u.len() >= 2)
        .map(Vec::as_slice)
        .collect();
    alpha_of_pairable(&pairable, metric)
}

/// Alpha over units that each have two values or more (see [`krippendorff_alpha`]). Takes
/// slices so that callers computing many alphas (one per case) can borrow every unit from one
/// buffer instead of allocating a vector per unit.
pub(crate) fn alpha_of_pairable(pairable: &[&[f64]], metric: Metric) -> Alpha {
    debug_assert!(pairable.iter().all(|u| u.len() >= 2));
    let n: usize = pairable.iter().map(|u| u.len()).sum();
    let undefined = |reason: Cow<'static, str>| Alpha::Undefined {
        reason,
        units: pairable.len(),
        pairable_values: n,
    };
    if pairable.is_empty() {
        return undefined("it needs at least one excerpt placed by two annotators".into());
    }
    if metric == Metric::Ratio && pairable.iter().flat_map(|u| u.iter()).any(|&v| v < 0.0) {
        return undefined(format!("some values are negative, and {NEGATIVE_FOR_RATIO}").into());
    }
    let first = pairable[0][0];
    if pairable.iter().flat_map(|u| u.iter()).all(|&v| v == first) {
        return undefined(
            "every value is the same, so there is no variation to agree or disagree about".into(),
        );
    }
    let sums = match metric {
        Metric::Nominal => nominal_sums(pairable),
        Metric::Interval => interval_sums(pairable),
        Metric::Ordinal => {
            let (ranks, distinct) = mid_ranks(pairable);
            squared_difference_sums(pairable, &ranks, distinct.into_iter())
        }
        Metric::Ratio => match ratio_sums(pairable, &Distinct::of(pairable)) {
            Ok(sums) => sums,
            Err(reason) => return undefined(reason.into()),
        },
    };
    let n_f = n as f64;
    let observed = sums.within_units / n_f;
    let expected = sums.all_values / (n_f * (n_f - 1.0));
    if expected == 0.0 {
        return undefined(
            "the values do not differ under this metric, so chance agreement is total".into(),
        );
    }
    let alpha = 1.0 - observed / expected;
    if !alpha.is_finite() {
        // Not reachable with finite values as far as we know; a guard so no NaN reaches a report.
        return undefined(
            "the values are too large or too small to compute with; rescale them (divide or \
             multiply them all by the same power of ten)"
                .into(),
        );
    }
    Alpha::Value {
        alpha,
        units: pairable.len(),
        pairable_values: n,
    }
}

/// Why the ratio metric refuses negative values: its distance assumes a true zero below which
/// nothing lies; with negatives, opposite values (−x, x) would count as perfect agreement.
pub(crate) const NEGATIVE_FOR_RATIO: &str = "the ratio metric needs values of zero or more (it \
     measures from a true zero); use the interval metric, or shift the values";

/// Krippendorff's own guide to a value of alpha, for readers who are not methodologists.
pub const ALPHA_GUIDE_REFERENCE: &str = "Krippendorff, K. (2004). Content Analysis: An Introduction \
     to Its Methodology, 2nd ed., p. 241";

/// What Krippendorff (2004, p. 241) recommends a value of alpha be taken for: α ≥ .800 reliable;
/// α ≥ .667 for tentative conclusions only; below that, not reliable.
pub fn alpha_reading(alpha: f64) -> &'static str {
    // Compared at the three decimals shown, so a value shown as 0.800 never reads as below .800.
    let shown = (alpha * 1000.0).round() / 1000.0;
    if shown >= 0.800 {
        "reliable (α ≥ .800)"
    } else if shown >= 0.667 {
        "tentative conclusions only (α ≥ .667)"
    } else {
        "not reliable (α < .667)"
    }
}
