//! Krippendorff's alpha: how far annotators agree beyond chance, for any number of annotators,
//! with missing values. Units are what is coded (here: excerpts); only units with at least two
//! values are pairable and count. Computed from the coincidence of values within units, as in
//! Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability".

use std::fmt;

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
    /// Alpha cannot be computed; the reason is a sentence for the user.
    Undefined {
        reason: String,
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
                "α = {alpha:.3} ({units} units, {pairable_values} pairable values)"
            ),
            Alpha::Undefined { reason, .. } => write!(f, "α undefined: {reason}"),
        }
    }
}

/// Alpha over `units`, each the values the annotators gave it (missing values simply absent).
/// Values must be finite.
pub fn krippendorff_alpha(units: &[Vec<f64>], metric: Metric) -> Alpha {
    let pairable: Vec<&Vec<f64>> = units.iter().filter(|u| u.len() >= 2).collect();
    let n: usize = pairable.iter().map(|u| u.len()).sum();
    let undefined = |reason: &str| Alpha::Undefined {
        reason: reason.to_owned(),
        units: pairable.len(),
        pairable_values: n,
    };
    if pairable.is_empty() {
        return undefined("it needs at least one excerpt placed by two annotators");
    }
    // The distinct values in order, and how often each occurs among pairable values.
    let mut distinct: Vec<f64> = pairable.iter().flat_map(|u| u.iter().copied()).collect();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    if distinct.len() < 2 {
        return undefined(
            "every value is the same, so there is no variation to agree or disagree about",
        );
    }
    let index = |v: f64| distinct.partition_point(|&d| d < v);
    let mut counts = vec![0.0f64; distinct.len()];
    for unit in &pairable {
        for &v in unit.iter() {
            counts[index(v)] += 1.0;
        }
    }
    // For ordinal distances: cumulative counts, so the count between two ranks is a difference.
    let mut cumulative = vec![0.0f64; distinct.len() + 1];
    for (i, c) in counts.iter().enumerate() {
        cumulative[i + 1] = cumulative[i] + c;
    }
    let delta2 = |a: usize, b: usize| -> f64 {
        if a == b {
            return 0.0;
        }
        let (c, k) = (distinct[a], distinct[b]);
        match metric {
            Metric::Nominal => 1.0,
            Metric::Interval => (c - k).powi(2),
            Metric::Ratio => {
                let sum = c + k;
                if sum == 0.0 {
                    0.0
                } else {
                    ((c - k) / sum).powi(2)
                }
            }
            Metric::Ordinal => {
                let (lo, hi) = (a.min(b), a.max(b));
                let between = cumulative[hi + 1] - cumulative[lo];
                (between - (counts[lo] + counts[hi]) / 2.0).powi(2)
            }
        }
    };
    // Observed disagreement: pairs within units, each unit weighted by 1 / (m_u - 1).
    let mut observed = 0.0;
    for unit in &pairable {
        let m = unit.len() as f64;
        let idx: Vec<usize> = unit.iter().map(|&v| index(v)).collect();
        let mut sum = 0.0;
        for (i, &a) in idx.iter().enumerate() {
            for (j, &b) in idx.iter().enumerate() {
                if i != j {
                    sum += delta2(a, b);
                }
            }
        }
        observed += sum / (m - 1.0);
    }
    let n_f = n as f64;
    let observed = observed / n_f;
    // Expected disagreement: all pairs of pairable values, regardless of unit. For the interval
    // metric the double sum has a closed form, which keeps large projects fast.
    let mut expected = 0.0;
    if metric == Metric::Interval {
        let sum: f64 = counts.iter().zip(&distinct).map(|(n, c)| n * c).sum();
        let sum_sq: f64 = counts.iter().zip(&distinct).map(|(n, c)| n * c * c).sum();
        expected = 2.0 * (n as f64 * sum_sq - sum * sum);
    } else {
        for a in 0..distinct.len() {
            for b in 0..distinct.len() {
                if a != b {
                    expected += counts[a] * counts[b] * delta2(a, b);
                }
            }
        }
    }
    let expected = expected / (n_f * (n_f - 1.0));
    if expected == 0.0 {
        return undefined(
            "the values do not differ under this metric, so chance agreement is total",
        );
    }
    Alpha::Value {
        alpha: 1.0 - observed / expected,
        units: pairable.len(),
        pairable_values: n,
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

    #[test]
    fn systematic_disagreement_is_below_zero() {
        let data = vec![vec![0.0, 1.0], vec![1.0, 0.0], vec![0.0, 1.0]];
        assert!(krippendorff_alpha(&data, Metric::Interval).value().unwrap() < 0.0);
    }
}
