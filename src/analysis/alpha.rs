//! Krippendorff's alpha: how far annotators agree beyond chance, for any number of annotators,
//! with missing values. Units are what is coded (here: excerpts); only units with at least two
//! values are pairable and count. Computed from the coincidence of values within units, as in
//! Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability".
//!
//! The textbook sums run over every pair of values, which is quadratic: a study with 1,000
//! annotators or 100,000 distinct positions never finished. Here the nominal, interval and ordinal
//! disagreements are computed from counts and sums instead (O(n log n) for n values), and only the
//! ratio metric, which has no such form, still weighs pairs of distinct values, within a budget.

use std::borrow::Cow;
use std::fmt;

/// The most pairs of distinct values the ratio metric weighs one by one (pairs across all values
/// plus pairs within each unit): about 5,000 distinct values, a fraction of a second. Beyond it
/// alpha is undefined with a note saying how to narrow the data, instead of a computation that
/// does not end.
pub const MAX_RATIO_PAIRS: u64 = 12_500_000;

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
        Metric::Interval => {
            // Alpha does not change when every value is divided by the same number; dividing by
            // the largest magnitude keeps squares of values like 1e200 from overflowing to NaN.
            let values = || pairable.iter().flat_map(|u| u.iter().copied());
            let scale = values().fold(0.0f64, |m, v| m.max(v.abs()));
            // Scaled as read rather than into a copy: one alpha per case must not cost an
            // allocation per case.
            let within_units = pairable
                .iter()
                .map(|unit| {
                    let points = unit.iter().map(|&v| (v / scale, 1.0));
                    pair_sum_of_squares(points) / (unit.len() as f64 - 1.0)
                })
                .sum();
            Sums {
                within_units,
                all_values: pair_sum_of_squares(values().map(|v| (v / scale, 1.0))),
            }
        }
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

/// The two disagreement sums alpha is the ratio of.
struct Sums {
    /// Over units, the distances of all ordered pairs of values within the unit, divided by
    /// (values in the unit − 1).
    within_units: f64,
    /// The distances of all ordered pairs of pairable values, regardless of unit.
    all_values: f64,
}

/// The distinct pairable values in ascending order, and how often each occurs.
struct Distinct {
    values: Vec<f64>,
    counts: Vec<f64>,
}

impl Distinct {
    fn of(units: &[&[f64]]) -> Self {
        let mut all: Vec<f64> = units.iter().flat_map(|u| u.iter().copied()).collect();
        all.sort_unstable_by(f64::total_cmp);
        // `==`, not bits: 0.0 and -0.0 are one value.
        let (values, counts) = all
            .chunk_by(|a, b| a == b)
            .map(|run| (run[0], run.len() as f64))
            .unzip();
        Self { values, counts }
    }

    /// The position of `v` among the distinct values.
    fn index(&self, v: f64) -> usize {
        self.values.partition_point(|&d| d < v)
    }

    /// The distinct values of one unit (as indices into `values`) and how often each occurs.
    fn unit_counts(&self, unit: &[f64]) -> Vec<(usize, f64)> {
        let mut indices: Vec<usize> = unit.iter().map(|&v| self.index(v)).collect();
        indices.sort_unstable();
        indices
            .chunk_by(|a, b| a == b)
            .map(|run| (run[0], run.len() as f64))
            .collect()
    }
}

/// Nominal: a pair disagrees when its values differ.
fn nominal_sums(units: &[&[f64]]) -> Sums {
    let mut sorted = Vec::new();
    let mut count_each = |values: &mut dyn Iterator<Item = f64>| {
        sorted.clear();
        sorted.extend(values);
        sorted.sort_unstable_by(f64::total_cmp);
        // `==`, not bits: 0.0 and -0.0 are one value.
        differing_pairs(sorted.chunk_by(|a, b| a == b).map(|run| run.len() as f64))
    };
    let within_units = units
        .iter()
        .map(|unit| count_each(&mut unit.iter().copied()) / (unit.len() as f64 - 1.0))
        .sum();
    Sums {
        within_units,
        all_values: count_each(&mut units.iter().flat_map(|u| u.iter().copied())),
    }
}

/// The ordered pairs of unequal values among values occurring `counts` times: m² − Σ m_c², all
/// pairs (m values in all) less those of each value with itself.
fn differing_pairs(counts: impl Iterator<Item = f64> + Clone) -> f64 {
    let m: f64 = counts.clone().sum();
    m * m - counts.map(|c| c * c).sum::<f64>()
}

/// Each pairable value's mid-rank (in the order of the values, unit by unit), and each distinct
/// value's mid-rank with its count. The mid-rank is the number of values below plus half the
/// value's own count; the ordinal distance of Krippendorff (2011) between two values (the values
/// between them, counting the two ends half, squared) is the squared difference of their
/// mid-ranks, so ordinal alpha is interval alpha on mid-ranks. One sort, no search per value.
fn mid_ranks(units: &[&[f64]]) -> (Vec<f64>, Vec<(f64, f64)>) {
    let mut order: Vec<(f64, usize)> = units
        .iter()
        .flat_map(|u| u.iter().copied())
        .enumerate()
        .map(|(i, v)| (v, i))
        .collect();
    order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut ranks = vec![0.0; order.len()];
    let mut distinct = Vec::new();
    let mut below = 0.0;
    // `==`, not bits: 0.0 and -0.0 are one value.
    for run in order.chunk_by(|a, b| a.0 == b.0) {
        let count = run.len() as f64;
        let rank = below + count / 2.0;
        for &(_, i) in run {
            ranks[i] = rank;
        }
        distinct.push((rank, count));
        below += count;
    }
    (ranks, distinct)
}

/// Interval and ordinal: the distance is (x − y)² for a coordinate x of each value (the value
/// itself, scaled, or its mid-rank), so the pair sums follow from the spread around the mean.
/// `coordinates` holds each pairable value's, unit by unit; `all` every coordinate with its
/// weight (a count, for distinct values).
fn squared_difference_sums(
    units: &[&[f64]],
    coordinates: &[f64],
    all: impl Iterator<Item = (f64, f64)> + Clone,
) -> Sums {
    let mut rest = coordinates;
    let within_units = units
        .iter()
        .map(|unit| {
            let (unit_coordinates, after) = rest.split_at(unit.len());
            rest = after;
            let points = unit_coordinates.iter().map(|&x| (x, 1.0));
            pair_sum_of_squares(points) / (unit.len() as f64 - 1.0)
        })
        .sum();
    Sums {
        within_units,
        all_values: pair_sum_of_squares(all),
    }
}

/// Σ over ordered pairs of (x_i − x_j)² for points (x, weight), as 2·W·Σ w·(x − x̄)² with W the
/// total weight. Two passes over values shifted by the first one: the shorter
/// W·Σ w·x² − (Σ w·x)² cancels badly for values far from zero, and the shift makes equal values
/// give exactly zero (so perfect agreement is exactly 1).
fn pair_sum_of_squares(points: impl Iterator<Item = (f64, f64)> + Clone) -> f64 {
    let Some((origin, _)) = points.clone().next() else {
        return 0.0;
    };
    let (weight, total) = points
        .clone()
        .fold((0.0, 0.0), |(w, t), (x, c)| (w + c, t + c * (x - origin)));
    let mean = total / weight;
    let spread: f64 = points.map(|(x, c)| c * (x - origin - mean).powi(2)).sum();
    2.0 * weight * spread
}

/// Ratio: ((c − k) / (c + k))², which is not the squared difference of any coordinate of each
/// value (it is tanh² of half the difference of their logarithms), so no sums of powers or
/// ranks give it exactly. It is computed pair by pair over distinct values, weighted
/// by their counts, as long as that stays within [`MAX_RATIO_PAIRS`]; an approximation would
/// quietly change numbers that get published.
fn ratio_sums(units: &[&[f64]], distinct: &Distinct) -> Result<Sums, String> {
    let pairs = |k: usize| (k as u64) * (k as u64).saturating_sub(1) / 2;
    let too_much = |work: u64| {
        format!(
            "the ratio metric weighs every pair of distinct values one by one, and these {} \
             distinct values make {work} pairs, more than the {MAX_RATIO_PAIRS} it computes \
             (about 5,000 distinct values); round the values (to 3 decimals, say) or use the \
             interval metric",
            distinct.values.len()
        )
    };
    // The pairs of distinct values alone decide most refusals: say so before counting each
    // unit's values (a search and a vector per unit, wasted on a table that is refused).
    let across = pairs(distinct.values.len());
    if across > MAX_RATIO_PAIRS {
        return Err(too_much(across));
    }
    let unit_counts: Vec<Vec<(usize, f64)>> =
        units.iter().map(|u| distinct.unit_counts(u)).collect();
    let work = unit_counts
        .iter()
        .fold(across, |w, u| w.saturating_add(pairs(u.len())));
    if work > MAX_RATIO_PAIRS {
        return Err(too_much(work));
    }
    let weighted_pairs = |counts: &[(usize, f64)]| {
        let mut sum = 0.0;
        for (i, &(a, count_a)) in counts.iter().enumerate() {
            for &(b, count_b) in &counts[i + 1..] {
                sum += count_a * count_b * ratio_distance(distinct.values[a], distinct.values[b]);
            }
        }
        2.0 * sum // each unordered pair stands for two ordered ones
    };
    let within_units = units
        .iter()
        .zip(&unit_counts)
        .map(|(unit, counts)| weighted_pairs(counts) / (unit.len() as f64 - 1.0))
        .sum();
    let everything: Vec<(usize, f64)> = distinct.counts.iter().copied().enumerate().collect();
    Ok(Sums {
        within_units,
        all_values: weighted_pairs(&everything),
    })
}

/// ((c − k) / (c + k))² for c, k ≥ 0, written with the ratio of the smaller to the larger so that
/// c + k cannot overflow for values near the largest finite number.
fn ratio_distance(c: f64, k: f64) -> f64 {
    let (small, large) = if c < k { (c, k) } else { (k, c) };
    if large == 0.0 {
        return 0.0;
    }
    let r = small / large;
    ((1.0 - r) / (1.0 + r)).powi(2)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff (2011), section C: four observers, twelve units, values 1–5, some missing.
    fn worked_example() -> Vec<Vec<f64>> {
        let rows: [[Option<f64>; 12]; 4] = {
            let n = None;
            let s = |v: f64| Some(v);
            [
                [
                    s(1.),
                    s(2.),
                    s(3.),
                    s(3.),
                    s(2.),
                    s(1.),
                    s(4.),
                    s(1.),
                    s(2.),
                    n,
                    n,
                    n,
                ],
                [
                    s(1.),
                    s(2.),
                    s(3.),
                    s(3.),
                    s(2.),
                    s(2.),
                    s(4.),
                    s(1.),
                    s(2.),
                    s(5.),
                    n,
                    s(3.),
                ],
                [
                    n,
                    s(3.),
                    s(3.),
                    s(3.),
                    s(2.),
                    s(3.),
                    s(4.),
                    s(2.),
                    s(2.),
                    s(5.),
                    s(1.),
                    n,
                ],
                [
                    s(1.),
                    s(2.),
                    s(3.),
                    s(3.),
                    s(2.),
                    s(4.),
                    s(4.),
                    s(1.),
                    s(2.),
                    s(5.),
                    s(1.),
                    n,
                ],
            ]
        };
        (0..12)
            .map(|unit| rows.iter().filter_map(|row| row[unit]).collect())
            .collect()
    }

    fn rounded(alpha: Alpha) -> f64 {
        (alpha.value().unwrap() * 1000.0).round() / 1000.0
    }

    #[test]
    fn reproduces_krippendorffs_worked_example() {
        let data = worked_example();
        assert_eq!(rounded(krippendorff_alpha(&data, Metric::Nominal)), 0.743);
        assert_eq!(rounded(krippendorff_alpha(&data, Metric::Ordinal)), 0.815);
        assert_eq!(rounded(krippendorff_alpha(&data, Metric::Interval)), 0.849);
        assert_eq!(rounded(krippendorff_alpha(&data, Metric::Ratio)), 0.797);
        let alpha = krippendorff_alpha(&data, Metric::Interval);
        assert_eq!((alpha.units(), alpha.pairable_values()), (11, 40));
    }

    #[test]
    fn perfect_agreement_is_one() {
        let data = vec![vec![0.1, 0.1], vec![0.5, 0.5, 0.5], vec![0.9, 0.9]];
        for metric in Metric::ALL {
            assert_eq!(
                krippendorff_alpha(&data, metric).value(),
                Some(1.0),
                "{metric:?}"
            );
        }
    }

    #[test]
    fn undefined_cases_say_why() {
        let one_annotator = vec![vec![0.2], vec![0.8]];
        let alpha = krippendorff_alpha(&one_annotator, Metric::Interval);
        assert_eq!(alpha.value(), None);
        assert_eq!(
            alpha.to_string(),
            "α undefined: it needs at least one excerpt placed by two annotators"
        );
        let all_same = vec![vec![0.5, 0.5], vec![0.5, 0.5]];
        assert!(
            krippendorff_alpha(&all_same, Metric::Interval)
                .to_string()
                .contains("every value is the same")
        );
    }

    #[test]
    fn a_unit_with_one_value_does_not_count() {
        let with = vec![vec![0.1, 0.2], vec![0.8, 0.9], vec![0.5]];
        let without = vec![vec![0.1, 0.2], vec![0.8, 0.9]];
        assert_eq!(
            krippendorff_alpha(&with, Metric::Interval),
            krippendorff_alpha(&without, Metric::Interval)
        );
    }

    /// The textbook definition, pair by pair over every value (O(n²), O(n³) for ordinal): the
    /// reference the fast sums are checked against. `None` where alpha is undefined.
    fn reference_alpha(units: &[Vec<f64>], metric: Metric) -> Option<f64> {
        let pairable: Vec<&Vec<f64>> = units.iter().filter(|u| u.len() >= 2).collect();
        let all: Vec<f64> = pairable.iter().flat_map(|u| u.iter().copied()).collect();
        let delta = |c: f64, k: f64| -> f64 {
            if c == k {
                return 0.0;
            }
            match metric {
                Metric::Nominal => 1.0,
                Metric::Interval => (c - k).powi(2),
                Metric::Ratio => ((c - k) / (c + k)).powi(2),
                Metric::Ordinal => {
                    let (lo, hi) = (c.min(k), c.max(k));
                    let count = |keep: &dyn Fn(f64) -> bool| {
                        all.iter().filter(|&&v| keep(v)).count() as f64
                    };
                    let between = count(&|v| lo <= v && v <= hi);
                    let ends = count(&|v| v == lo) + count(&|v| v == hi);
                    (between - ends / 2.0).powi(2)
                }
            }
        };
        let ordered_pairs = |values: &[f64]| -> f64 {
            let mut sum = 0.0;
            for (i, &a) in values.iter().enumerate() {
                for (j, &b) in values.iter().enumerate() {
                    if i != j {
                        sum += delta(a, b);
                    }
                }
            }
            sum
        };
        let n = all.len() as f64;
        let observed: f64 = pairable
            .iter()
            .map(|u| ordered_pairs(u) / (u.len() as f64 - 1.0))
            .sum::<f64>()
            / n;
        let expected = ordered_pairs(&all) / (n * (n - 1.0));
        (!pairable.is_empty() && expected > 0.0).then(|| 1.0 - observed / expected)
    }

    /// Units of 0 to 5 values, drawn from a few values (so there are ties) or from anywhere in
    /// `range` (so most are distinct).
    fn units_strategy(
        range: std::ops::Range<f64>,
    ) -> impl proptest::strategy::Strategy<Value = Vec<Vec<f64>>> {
        use proptest::prelude::*;
        let (low, high) = (range.start, range.end);
        let value = prop_oneof![
            (0u8..6).prop_map(move |k| low + (high - low) * f64::from(k) / 5.0),
            range,
        ];
        prop::collection::vec(prop::collection::vec(value, 0..6), 1..12)
    }

    fn assert_matches_reference(units: &[Vec<f64>], metric: Metric) {
        let fast = krippendorff_alpha(units, metric);
        match (fast.value(), reference_alpha(units, metric)) {
            (Some(fast), Some(reference)) => assert!(
                (fast - reference).abs() <= 1e-9 * reference.abs().max(1.0),
                "{metric:?}: {fast} vs reference {reference} on {units:?}"
            ),
            (None, None) => {}
            (fast, reference) => {
                panic!("{metric:?}: {fast:?} vs reference {reference:?} on {units:?}")
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_sums_match_the_pair_by_pair_definition(units in units_strategy(0.0..1.0)) {
            for metric in Metric::ALL {
                assert_matches_reference(&units, metric);
            }
        }

        #[test]
        fn the_fast_sums_match_on_wide_and_negative_values(
            units in units_strategy(-1000.0..1000.0)
        ) {
            for metric in [Metric::Nominal, Metric::Ordinal, Metric::Interval] {
                assert_matches_reference(&units, metric);
            }
        }

        #[test]
        fn the_fast_ratio_sums_match_on_wide_values(units in units_strategy(0.0..1e6)) {
            assert_matches_reference(&units, Metric::Ratio);
        }
    }

    /// Issue 11: with 100,000 distinct values nominal, ordinal and ratio alpha built every pair
    /// of distinct values and never finished. (How fast it is now is measured in
    /// `benches/agreement_scaling.rs`, not asserted here.)
    #[test]
    fn alpha_over_100k_distinct_values_finishes() {
        let units: Vec<Vec<f64>> = (0..100_000)
            .map(|i| {
                let v = f64::from(i) / 100_000.0;
                vec![v, v + 0.5e-5]
            })
            .collect();
        for metric in [Metric::Nominal, Metric::Ordinal, Metric::Interval] {
            let alpha = krippendorff_alpha(&units, metric);
            assert!(
                alpha.value().is_some_and(f64::is_finite),
                "{metric:?}: {alpha}"
            );
        }
        assert!(
            krippendorff_alpha(&units, Metric::Interval)
                .value()
                .unwrap()
                > 0.99
        );
    }

    /// Issue 11: the ratio metric has no shortcut, so past its budget it says so (and how to
    /// narrow the data) instead of running for minutes.
    #[test]
    fn ratio_with_too_many_distinct_values_is_refused_with_a_note_not_a_hang() {
        let units: Vec<Vec<f64>> = (0..6_000)
            .map(|i| vec![f64::from(i), f64::from(i) + 0.5])
            .collect();
        let alpha = krippendorff_alpha(&units, Metric::Ratio);
        assert_eq!(alpha.value(), None);
        let text = alpha.to_string();
        assert!(text.contains("12000 distinct values"), "{text}");
        assert!(text.contains("round the values"), "{text}");
        // Within the budget it is computed exactly.
        let fewer = &units[..1_000];
        assert_matches_reference(&fewer[..40], Metric::Ratio);
        assert!(krippendorff_alpha(fewer, Metric::Ratio).value().is_some());
    }

    /// Issue 11, item 12: values of 1e200 or 1e308 gave α = NaN (squares overflowed), shown as
    /// "alpha": null with no note. Alpha does not depend on the unit of the values, so they give
    /// the same alpha as the same values scaled down.
    #[test]
    fn huge_values_give_the_alpha_of_the_same_values_scaled_down_not_nan() {
        let small = vec![vec![1.0, 1.5], vec![0.2, 0.3], vec![1.7, 1.7, 1.2]];
        for scale in [1e200, 1e308 / 2.0, 1e-300, 5e-324] {
            let scaled: Vec<Vec<f64>> = small
                .iter()
                .map(|u| u.iter().map(|v| v * scale).collect())
                .collect();
            for metric in Metric::ALL {
                let expected = krippendorff_alpha(&small, metric).value().unwrap();
                let alpha = krippendorff_alpha(&scaled, metric);
                let value = alpha.value().unwrap_or(f64::NAN);
                // 5e-324 is the smallest number there is: the values collapse onto a few steps.
                if scale > 1e-320 {
                    assert!(
                        (value - expected).abs() < 1e-9,
                        "{metric:?} at {scale}: {alpha}, expected {expected}"
                    );
                } else {
                    assert!(value.is_finite(), "{metric:?} at {scale}: {alpha}");
                }
            }
        }
        let extremes = vec![vec![f64::MAX, -f64::MAX], vec![f64::MAX, f64::MAX / 3.0]];
        for metric in [Metric::Nominal, Metric::Ordinal, Metric::Interval] {
            let alpha = krippendorff_alpha(&extremes, metric);
            assert!(
                alpha.value().is_some_and(f64::is_finite),
                "{metric:?}: {alpha}"
            );
        }
    }

    /// Issue 11, item 12: the ratio metric on negative values gave α = 1.000 for opposite values
    /// (−x and x "agreed", since their sum is zero). Ratio needs values of zero or more.
    #[test]
    fn ratio_on_opposite_negative_values_is_refused_not_perfect_agreement() {
        let opposite = vec![vec![-1.0, 1.0], vec![2.0, -2.0], vec![-0.5, 0.5]];
        let alpha = krippendorff_alpha(&opposite, Metric::Ratio);
        assert_eq!(alpha.value(), None);
        assert!(
            alpha.to_string().contains("values of zero or more"),
            "{alpha}"
        );
        // Zero itself, also written -0, is fine.
        let with_zero = vec![vec![-0.0, 1.0], vec![0.0, 0.0, 2.0]];
        assert!(
            krippendorff_alpha(&with_zero, Metric::Ratio)
                .value()
                .is_some()
        );
    }

    #[test]
    fn systematic_disagreement_is_below_zero() {
        let data = vec![vec![0.0, 1.0], vec![1.0, 0.0], vec![0.0, 1.0]];
        assert!(krippendorff_alpha(&data, Metric::Interval).value().unwrap() < 0.0);
    }

    #[test]
    fn alpha_is_read_with_krippendorffs_thresholds() {
        assert_eq!(alpha_reading(0.972), "reliable (α ≥ .800)");
        assert_eq!(
            alpha_reading(0.7996),
            "reliable (α ≥ .800)",
            "shown as 0.800"
        );
        assert_eq!(alpha_reading(0.79), "tentative conclusions only (α ≥ .667)");
        assert_eq!(
            alpha_reading(0.667),
            "tentative conclusions only (α ≥ .667)"
        );
        assert_eq!(alpha_reading(0.5), "not reliable (α < .667)");
        assert_eq!(alpha_reading(-0.2), "not reliable (α < .667)");
    }
}
