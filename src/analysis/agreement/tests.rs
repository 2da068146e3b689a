//! Tests of the agreement report: CSV errors, missing values, and the fast report checked
//! against a plain one (filter, group, compute) on random tables and projects.

use super::ratings::{Anchors, Rating};
use super::*;
use crate::analysis::krippendorff_alpha;
use crate::model::Project;
use std::collections::BTreeMap;

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
    let twice = Ratings::from_csv("annotator,excerpt,position\nA,1,0.5\nA,1,0.6\n").unwrap_err();
    assert_eq!(twice, "line 3: A gives excerpt 1 a second value");
    let ragged = Ratings::from_csv("annotator,excerpt,position\nA,1\n").unwrap_err();
    assert!(ragged.starts_with("line 2:"), "{ragged}");
}

#[test]
fn empty_positions_are_missing_values() {
    let ratings =
        Ratings::from_csv("annotator,excerpt,position\nA,1,0.5\nB,1,\nA,2,0.1\nB,2,0.2\n").unwrap();
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
