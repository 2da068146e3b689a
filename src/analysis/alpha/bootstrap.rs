//! How sure alpha is: a 95% bootstrap interval, and the probability that alpha falls short of
//! Krippendorff's thresholds (.800 for conclusions, .667 for tentative ones), as Hayes &
//! Krippendorff (2007) report them.
//!
//! Implementation notes: Hayes & Krippendorff's KALPHA macro resamples pairs of values from the
//! coincidence matrix, which keeps the units' structure out of the resampling and has been shown
//! to understate the uncertainty (Gwet, 2015; Zapf et al., 2016). We resample the *units*
//! (excerpts) with replacement, Efron's bootstrap as Zapf et al. recommend, and recompute alpha
//! on each resample: the interval is the 2.5th and 97.5th percentiles, and the probabilities are
//! the shares of resamples below each threshold. The stream is seeded, so the same data give the
//! same interval. Resamples are capped so that the work (resamples × values) stays within a
//! budget: a million placements get fewer resamples, not minutes.

use super::{Metric, alpha_of_pairable};
use crate::analysis::stats::{BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, Stream, quantile_sorted};
use serde::Serialize;

/// The interval and the probabilities of falling short.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlphaInterval {
    /// The 95% percentile interval.
    pub low: f64,
    pub high: f64,
    /// The share of resamples with alpha below .800 and below .667.
    pub below_800: f64,
    pub below_667: f64,
    /// Resamples whose alpha was defined (a resample of identical values has none).
    pub resamples: usize,
    pub seed: u64,
}

/// How to bootstrap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bootstrap {
    pub resamples: usize,
    pub seed: u64,
}

impl Default for Bootstrap {
    fn default() -> Self {
        Self {
            resamples: BOOTSTRAP_RESAMPLES,
            seed: BOOTSTRAP_SEED,
        }
    }
}

/// Values times resamples past which fewer resamples are drawn (at least 200).
const WORK_BUDGET: usize = 40_000_000;

/// The interval of alpha over `pairable` units, or `None` when there are too few units (fewer
/// than two) or most resamples have no alpha.
pub(crate) fn alpha_interval(
    pairable: &[&[f64]],
    metric: Metric,
    bootstrap: Bootstrap,
) -> Option<AlphaInterval> {
    if pairable.len() < 2 || bootstrap.resamples == 0 {
        return None;
    }
    let values: usize = pairable.iter().map(|u| u.len()).sum();
    let resamples = bootstrap
        .resamples
        .min((WORK_BUDGET / values.max(1)).max(200));
    let mut stream = Stream::new(bootstrap.seed);
    let mut resample: Vec<&[f64]> = Vec::with_capacity(pairable.len());
    let mut alphas = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        resample.clear();
        resample.extend((0..pairable.len()).map(|_| pairable[stream.below(pairable.len())]));
        if let Some(alpha) = alpha_of_pairable(&resample, metric).value() {
            alphas.push(alpha);
        }
    }
    if alphas.len() * 2 < resamples {
        return None;
    }
    alphas.sort_by(f64::total_cmp);
    let share_below =
        |threshold: f64| alphas.partition_point(|&a| a < threshold) as f64 / alphas.len() as f64;
    Some(AlphaInterval {
        low: quantile_sorted(&alphas, 0.025),
        high: quantile_sorted(&alphas, 0.975),
        below_800: share_below(0.8),
        below_667: share_below(0.667),
        resamples: alphas.len(),
        seed: bootstrap.seed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(values: &[[f64; 2]]) -> Vec<Vec<f64>> {
        values.iter().map(|u| u.to_vec()).collect()
    }

    #[test]
    fn the_interval_holds_alpha_and_is_reproducible() {
        // 30 units, two coders close together: a high alpha with some spread.
        let data: Vec<[f64; 2]> = (0..30)
            .map(|i| {
                let x = i as f64 / 30.0;
                [
                    x,
                    (x + if i % 3 == 0 { 0.08 } else { -0.03 }).clamp(0.0, 1.0),
                ]
            })
            .collect();
        let data = units(&data);
        let pairable: Vec<&[f64]> = data.iter().map(Vec::as_slice).collect();
        let alpha = alpha_of_pairable(&pairable, Metric::Interval)
            .value()
            .unwrap();
        let interval = alpha_interval(&pairable, Metric::Interval, Bootstrap::default()).unwrap();
        assert!(
            interval.low < alpha && alpha < interval.high,
            "{alpha} {interval:?}"
        );
        assert!(interval.high <= 1.0);
        assert_eq!(
            Some(interval.clone()),
            alpha_interval(&pairable, Metric::Interval, Bootstrap::default())
        );
        // Alpha is about .98: falling short of .800 is very unlikely.
        assert!(interval.below_800 < 0.01, "{interval:?}");
        assert!(interval.below_667 <= interval.below_800);
    }

    #[test]
    fn coders_who_disagree_are_probably_below_the_thresholds() {
        let data: Vec<[f64; 2]> = (0..20)
            .map(|i| [i as f64 / 20.0, ((i * 7) % 20) as f64 / 20.0])
            .collect();
        let data = units(&data);
        let pairable: Vec<&[f64]> = data.iter().map(Vec::as_slice).collect();
        let interval = alpha_interval(&pairable, Metric::Interval, Bootstrap::default()).unwrap();
        assert!(interval.below_667 > 0.95, "{interval:?}");
    }

    #[test]
    fn one_unit_has_no_interval() {
        let data = units(&[[0.1, 0.2]]);
        let pairable: Vec<&[f64]> = data.iter().map(Vec::as_slice).collect();
        assert_eq!(
            alpha_interval(&pairable, Metric::Interval, Bootstrap::default()),
            None
        );
    }
}
