//! Scaling benchmarks for the edges issue: each operation at n and 10·n, so growth worse than
//! n log n shows as a ratio far above 10. Run with `cargo bench --bench edges_scaling`.
//!
//! - `export_csv`: the placements table of one long transcript with n placements (the text grows
//!   with n). It once sliced every quote from the start of the text: 20,000 rows of a
//!   20-million-char transcript did not finish in 180 s.
//! - `validate_codes`: checking a project whose one excerpt has n codes (100,000 took 18 s).

use continuum::io;
use continuum::model::*;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// One transcript of `n` 50-char sentences with an excerpt on each, placed by one annotator.
fn long_transcript_project(n: u32) -> Project {
    let sentence = "Vi kender borgerne, og de kender os; tæt på. Ja. ";
    let mut project = Project::new("Long");
    project
        .apply(Edit::AddTranscript(Transcript {
            id: TranscriptId(1),
            name: "Long".into(),
            participant: None,
            case: None,
            memo: String::new(),
            speakers: vec![],
            turns: vec![],
            text: sentence.repeat(n as usize),
        }))
        .unwrap();
    let len = sentence.chars().count();
    let mut annotator = Annotator {
        id: AnnotatorId(1),
        name: "Anna".into(),
        colour: Colour::PALETTE[0],
        placements: Vec::new(),
        consensus: false,
    };
    for i in 0..n {
        let start = i as usize * len;
        project.excerpts.push(Excerpt {
            id: ExcerptId(i + 1),
            transcript: TranscriptId(1),
            start,
            end: start + 20,
            label: String::new(),
            memo: String::new(),
            codes: Vec::new(),
        });
        annotator.placements.push(Placement {
            excerpt: ExcerptId(i + 1),
            position: f64::from(i % 100) / 100.0,
            memo: String::new(),
            created: Timestamp(1),
            modified: Timestamp(1),
        });
    }
    project.annotators.push(annotator);
    project.validate().unwrap();
    project
}

fn export_csv(c: &mut Criterion) {
    let mut group = c.benchmark_group("export_csv");
    group.sample_size(10);
    for n in [2_000, 20_000] {
        let project = long_transcript_project(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &project, |b, p| {
            b.iter(|| black_box(io::placements_csv(p, io::Formulas::Neutralise)))
        });
    }
    group.finish();
}

fn validate_codes(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate_codes");
    group.sample_size(10);
    for n in [10_000u32, 100_000] {
        let mut project = long_transcript_project(1);
        project.excerpts[0].codes = (0..n).map(|i| format!("code {i}")).collect();
        group.bench_with_input(BenchmarkId::from_parameter(n), &project, |b, p| {
            b.iter(|| black_box(p.validate()))
        });
    }
    group.finish();
}

criterion_group!(benches, export_csv, validate_codes);
criterion_main!(benches);
