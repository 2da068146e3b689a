//! Scaling of the agreement statistics (issue 11): each is timed at n, 10·n and, for the
//! largest, 100·n, and the time should grow by at most about 15× a step (n log n), not 100×
//! (quadratic). Many annotators, many distinct values (each metric), and many cases broken down
//! by case. Run with `cargo bench --bench agreement_scaling`; the medians and how to read a step
//! that crosses the processor's caches are in docs/robustness.md ("Growth measured").
//!
//! The ratio metric has no sub-quadratic form (see `analysis::alpha`): it is timed within its
//! pair budget, where it grows with the square of the distinct values, and past it, where it is
//! refused after counting them.

use continuum::analysis::{Grouping, Metric, Ratings, agreement_report, krippendorff_alpha};
use continuum::model::{Annotator, CaseId, Colour, ParticipantId, Project, Timestamp, Transcript};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use support::fixtures::{annotator, case, excerpt, participant, placement, transcript};

#[allow(dead_code)] // Each benchmark uses some of the shared helpers.
mod support;

/// Ratings of `per_annotator` units by each of `annotators` annotators; values in 0..1.
fn many_annotators(annotators: u32, per_annotator: u32) -> Ratings {
    let mut table = String::from("annotator,excerpt,position\n");
    for a in 0..annotators {
        for u in 0..per_annotator {
            let value = f64::from((a * 7 + u * 13) % 100) / 100.0;
            table.push_str(&format!("coder {a},e{u},{value}\n"));
        }
    }
    Ratings::from_csv(&table).unwrap()
}

/// `units` units of two values each, every value distinct, in shuffled order (a sort of values
/// already in order would flatter the times).
fn distinct_values(units: u32) -> Vec<Vec<f64>> {
    (0..units)
        .map(|i| {
            let u = (u64::from(i) * 7_919 % u64::from(units)) as u32;
            let v = f64::from(u) + 1.0;
            vec![v, v + 0.25 + f64::from(u % 3) * 0.25]
        })
        .collect()
}

/// One excerpt per case, placed by two annotators.
fn many_cases(cases: u32) -> Ratings {
    let mut table = String::from("annotator,excerpt,position,case\n");
    for c in 0..cases {
        let other = if c % 3 == 0 { 0.7 } else { 0.3 };
        table.push_str(&format!("A,e{c},0.3,case {c}\nB,e{c},{other},case {c}\n"));
    }
    Ratings::from_csv(&table).unwrap()
}

/// A project with `cases` cases, each with one participant, one transcript (whose case comes
/// from its participant for every other case) and one excerpt placed by two annotators.
fn project_with_cases(cases: u32) -> Project {
    let mut project = Project::new("many cases");
    let mut annotators: Vec<Annotator> = (0..2u32)
        .map(|a| annotator(a + 1, &format!("Coder {a}"), Colour::PALETTE[a as usize]))
        .collect();
    for i in 1..=cases {
        project.cases.push(case(i, &format!("case {i}")));
        let role = if i % 2 == 0 { "staff" } else { "citizen" };
        project
            .participants
            .push(participant(i, &format!("participant {i}"), role, Some(i)));
        project.transcripts.push(Transcript {
            participant: Some(ParticipantId(i)),
            case: (i % 2 == 0).then_some(CaseId(i)),
            ..transcript(i, &format!("interview {i}"), "Vi er tæt på borgerne.")
        });
        project.excerpts.push(excerpt(i, i, 0, 10));
        for (a, annotator) in annotators.iter_mut().enumerate() {
            let position = f64::from((i * 7 + a as u32 * 3) % 10) / 10.0;
            annotator
                .placements
                .push(placement(i, position, Timestamp(0)));
        }
    }
    project.annotators = annotators;
    project
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("annotators");
    group.sample_size(10);
    for annotators in [100, 1_000] {
        let ratings = many_annotators(annotators, 20);
        group.bench_with_input(BenchmarkId::from_parameter(annotators), &ratings, |b, r| {
            b.iter(|| black_box(agreement_report(r, Metric::Interval, None)))
        });
    }
    group.finish();

    for metric in [Metric::Nominal, Metric::Ordinal, Metric::Interval] {
        let mut group = c.benchmark_group(format!("distinct_values_{}", metric.name()));
        group.sample_size(10);
        for units in [10_000, 100_000, 1_000_000] {
            let data = distinct_values(units);
            group.bench_with_input(BenchmarkId::from_parameter(2 * units), &data, |b, d| {
                b.iter(|| black_box(krippendorff_alpha(d, metric)))
            });
        }
        group.finish();
    }

    let mut group = c.benchmark_group("distinct_values_ratio");
    group.sample_size(10);
    // 400 → 4,000 distinct values: within the budget, computed pair by pair.
    // 10,000 → 100,000: past it, refused with a note.
    for units in [200, 2_000, 5_000, 50_000, 500_000] {
        let data = distinct_values(units);
        group.bench_with_input(BenchmarkId::from_parameter(2 * units), &data, |b, d| {
            b.iter(|| black_box(krippendorff_alpha(d, Metric::Ratio)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("cases");
    group.sample_size(10);
    for cases in [1_000, 10_000, 100_000, 1_000_000] {
        let ratings = many_cases(cases);
        group.bench_with_input(BenchmarkId::from_parameter(cases), &ratings, |b, r| {
            b.iter(|| black_box(agreement_report(r, Metric::Interval, Some(Grouping::Case))))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("project_cases");
    group.sample_size(10);
    for cases in [1_000, 10_000, 100_000] {
        let project = project_with_cases(cases);
        group.bench_with_input(BenchmarkId::from_parameter(cases), &project, |b, p| {
            b.iter(|| {
                let ratings = Ratings::from_project(p, Metric::Nominal);
                black_box(agreement_report(
                    &ratings,
                    Metric::Nominal,
                    Some(Grouping::Case),
                ))
            })
        });
    }
    group.finish();
}

criterion_group!(agreement_scaling, benches);
criterion_main!(agreement_scaling);
