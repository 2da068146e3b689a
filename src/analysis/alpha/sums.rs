//! The two disagreement sums alpha is the ratio of, for each metric, computed from counts and
//! sums of the values (O(n log n) for n values) rather than over every pair of values; only the
//! ratio metric, which has no such form, weighs pairs of distinct values, within
//! [`MAX_RATIO_PAIRS`].

/// The most pairs of distinct values the ratio metric weighs one by one (pairs across all values
/// plus pairs within each unit): about 5,000 distinct values, a fraction of a second. Beyond it
/// alpha is undefined with a note saying how to narrow the data, instead of a computation that
/// does not end.
pub const MAX_RATIO_PAIRS: u64 = 12_500_000;

/// The two disagreement sums alpha is the ratio of.
pub(super) struct Sums {
    /// Over units, the distances of all ordered pairs of values within the unit, divided by
    /// (values in the unit − 1).
    pub(super) within_units: f64,
    /// The distances of all ordered pairs of pairable values, regardless of unit.
    pub(super) all_values: f64,
}

/// The distinct pairable values in ascending order, and how often each occurs.
pub(super) struct Distinct {
    values: Vec<f64>,
    counts: Vec<f64>,
}

impl Distinct {
    pub(super) fn of(units: &[&[f64]]) -> Self {
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
pub(super) fn nominal_sums(units: &[&[f64]]) -> Sums {
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

/// Interval: the distance is the squared difference of the values.
pub(super) fn interval_sums(pairable: &[&[f64]]) -> Sums {
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
pub(super) fn mid_ranks(units: &[&[f64]]) -> (Vec<f64>, Vec<(f64, f64)>) {
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
pub(super) fn squared_difference_sums(
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
pub(super) fn ratio_sums(units: &[&[f64]], distinct: &Distinct) -> Result<Sums, String> {
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
