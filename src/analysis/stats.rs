//! Descriptive statistics and effect sizes for placements, with no normality assumed: quartiles,
//! mean and standard deviation, Cliff's delta, and bootstrap percentile intervals from a seeded
//! random stream, so the same data always give the same interval.
//!
//! Implementation notes: quartiles interpolate linearly between order statistics (Hyndman & Fan's
//! type 7, the default of R's `quantile` and numpy's `percentile`), so figures can be checked
//! against either. Cliff's delta counts, for each value of one group, the values of the other
//! below and above it by binary search in the sorted other group: n log n, not n².

/// Summary of a set of positions.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub n: usize,
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
    pub mean: f64,
    /// Sample standard deviation (n − 1); 0 for a single value.
    pub sd: f64,
}

impl Summary {
    /// The summary of `values` (any order), or `None` when there are none.
    pub fn of(values: &[f64]) -> Option<Self> {
        if values.is_empty() {
            return None;
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let mean = sorted.iter().sum::<f64>() / n as f64;
        let sd = if n > 1 {
            (sorted.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
        } else {
            0.0
        };
        Some(Self {
            n,
            min: sorted[0],
            q1: quantile_sorted(&sorted, 0.25),
            median: quantile_sorted(&sorted, 0.5),
            q3: quantile_sorted(&sorted, 0.75),
            max: sorted[n - 1],
            mean,
            sd,
        })
    }
}

/// The `q` quantile (0..=1) of sorted values, interpolating linearly (type 7).
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let at = q.clamp(0.0, 1.0) * (n - 1) as f64;
            let low = at.floor() as usize;
            let high = (low + 1).min(n - 1);
            sorted[low] + (sorted[high] - sorted[low]) * (at - low as f64)
        }
    }
}

/// The median of `values` (any order), or NaN for none.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    quantile_sorted(&sorted, 0.5)
}

/// Cliff's delta of `a` against `b`: the probability that a value of `a` is greater than one of
/// `b`, minus the probability that it is smaller; from −1 (all of `a` below all of `b`) to 1.
pub fn cliffs_delta(a: &[f64], b: &[f64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return f64::NAN;
    }
    let mut sorted = b.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut score: i64 = 0;
    for &x in a {
        let below = sorted.partition_point(|&y| y < x) as i64;
        let not_above = sorted.partition_point(|&y| y <= x) as i64;
        let above = sorted.len() as i64 - not_above;
        score += below - above;
    }
    score as f64 / (a.len() as f64 * b.len() as f64)
}

/// How large a Cliff's delta is, by the thresholds of Romano et al. (2006): |δ| < .147
/// negligible, < .33 small, < .474 medium, else large.
pub fn delta_magnitude(delta: f64) -> &'static str {
    match delta.abs() {
        d if d < 0.147 => "negligible",
        d if d < 0.33 => "small",
        d if d < 0.474 => "medium",
        _ => "large",
    }
}

/// The reference for [`delta_magnitude`], for reports.
pub const DELTA_REFERENCE: &str = "Romano, J., Kromrey, J. D., Coraggio, J., & Skowronek, J. \
     (2006). Appropriate statistics for ordinal level data. Annual meeting of the Florida \
     Association of Institutional Research";

/// A small, fast, seeded random stream (SplitMix64): the same seed gives the same numbers on
/// every machine, so a bootstrap interval is reproducible.
#[derive(Clone, Debug)]
pub struct Stream(u64);

impl Stream {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number below `n` (n > 0), without the bias of a plain remainder.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }
}

/// The seed every bootstrap uses unless told otherwise, so reports are reproducible.
pub const BOOTSTRAP_SEED: u64 = 20_070_101;

/// Resamples used for a bootstrap interval.
pub const BOOTSTRAP_RESAMPLES: usize = 2_000;

/// A 95% percentile interval of the difference in medians (`a` minus `b`), by resampling each
/// group with replacement `resamples` times.
pub fn bootstrap_median_difference(
    a: &[f64],
    b: &[f64],
    resamples: usize,
    seed: u64,
) -> (f64, f64) {
    if a.is_empty() || b.is_empty() || resamples == 0 {
        return (f64::NAN, f64::NAN);
    }
    let mut stream = Stream::new(seed);
    let mut scratch_a = vec![0.0; a.len()];
    let mut scratch_b = vec![0.0; b.len()];
    let mut differences: Vec<f64> = (0..resamples)
        .map(|_| {
            resample_median(a, &mut scratch_a, &mut stream)
                - resample_median(b, &mut scratch_b, &mut stream)
        })
        .collect();
    differences.sort_by(f64::total_cmp);
    (
        quantile_sorted(&differences, 0.025),
        quantile_sorted(&differences, 0.975),
    )
}

/// The median of a resample of `values` drawn into `scratch`, found by selection (linear time).
fn resample_median(values: &[f64], scratch: &mut [f64], stream: &mut Stream) -> f64 {
    for slot in scratch.iter_mut() {
        *slot = values[stream.below(values.len())];
    }
    let n = scratch.len();
    let mid = n / 2;
    let (_, upper, _) = scratch.select_nth_unstable_by(mid, f64::total_cmp);
    let upper = *upper;
    if n % 2 == 1 {
        upper
    } else {
        let lower = scratch[..mid]
            .iter()
            .copied()
            .max_by(f64::total_cmp)
            .unwrap_or(upper);
        (lower + upper) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_as_r_and_numpy_do() {
        // numpy.percentile([1, 2, 3, 4], [25, 50, 75]) == [1.75, 2.5, 3.25]
        let s = Summary::of(&[4.0, 1.0, 3.0, 2.0]).unwrap();
        assert_eq!((s.q1, s.median, s.q3), (1.75, 2.5, 3.25));
        assert_eq!((s.min, s.max, s.mean), (1.0, 4.0, 2.5));
        // Sample standard deviation: sqrt(5/3).
        assert!((s.sd - (5.0f64 / 3.0).sqrt()).abs() < 1e-12);
        let one = Summary::of(&[0.3]).unwrap();
        assert_eq!((one.q1, one.median, one.q3, one.sd), (0.3, 0.3, 0.3, 0.0));
        assert!(Summary::of(&[]).is_none());
    }

    #[test]
    fn cliffs_delta_on_hand_worked_examples() {
        // All of a above all of b.
        assert_eq!(cliffs_delta(&[3.0, 4.0], &[1.0, 2.0]), 1.0);
        assert_eq!(cliffs_delta(&[1.0, 2.0], &[3.0, 4.0]), -1.0);
        // a = {1, 2, 3}, b = {2, 2}: pairs 1<2,1<2 (−2); 2=2,2=2 (0); 3>2,3>2 (+2) → 0 / 6.
        assert_eq!(cliffs_delta(&[1.0, 2.0, 3.0], &[2.0, 2.0]), 0.0);
        // a = {0.1, 0.5, 0.9}, b = {0.4, 0.6}: 0.1 (−2), 0.5 (+1 −1), 0.9 (+2) → 0.
        assert_eq!(cliffs_delta(&[0.1, 0.5, 0.9], &[0.4, 0.6]), 0.0);
        // a = {2, 3, 4}, b = {1, 2}: 2 (+1, 0), 3 (+2), 4 (+2) → 5 / 6.
        assert!((cliffs_delta(&[2.0, 3.0, 4.0], &[1.0, 2.0]) - 5.0 / 6.0).abs() < 1e-12);
        assert_eq!(delta_magnitude(-0.71), "large");
        assert_eq!(delta_magnitude(0.2), "small");
        assert_eq!(delta_magnitude(0.1), "negligible");
        assert_eq!(delta_magnitude(0.4), "medium");
    }

    #[test]
    fn the_bootstrap_is_reproducible_and_covers_a_clear_difference() {
        let a: Vec<f64> = (0..40).map(|i| 0.2 + 0.005 * i as f64).collect();
        let b: Vec<f64> = (0..40).map(|i| 0.6 + 0.005 * i as f64).collect();
        let interval = bootstrap_median_difference(&a, &b, 1_000, 7);
        assert_eq!(interval, bootstrap_median_difference(&a, &b, 1_000, 7));
        // The true difference is −0.4; the interval holds it and stays below zero.
        assert!(
            interval.0 < -0.4 && -0.4 < interval.1 && interval.1 < 0.0,
            "{interval:?}"
        );
        // Identical groups: an interval about zero.
        let same = bootstrap_median_difference(&a, &a, 1_000, 7);
        assert!(same.0 < 0.0 && same.1 > 0.0, "{same:?}");
    }

    #[test]
    fn the_stream_is_uniform_enough_and_stays_below_its_bound() {
        let mut stream = Stream::new(1);
        let mut counts = [0usize; 10];
        for _ in 0..100_000 {
            counts[stream.below(10)] += 1;
        }
        assert!(
            counts.iter().all(|&c| (9_500..10_500).contains(&c)),
            "{counts:?}"
        );
    }
}
