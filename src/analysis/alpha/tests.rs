//! Tests of alpha: Krippendorff's worked example, the undefined cases, and the fast sums
//! checked against the textbook pair-by-pair computation on random data.

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
                let count =
                    |keep: &dyn Fn(f64) -> bool| all.iter().filter(|&&v| keep(v)).count() as f64;
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
