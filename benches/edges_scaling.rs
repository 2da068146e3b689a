//! Scaling benchmarks for the edges issue: each operation at n and 10·n, so growth worse than
//! n log n shows as a ratio far above 10. Run with `cargo bench --bench edges_scaling`.
//!
//! - `export_csv`: the placements table of one long transcript with n placements (the text grows
//!   with n). It once sliced every quote from the start of the text: 20,000 rows of a
//!   20-million-char transcript did not finish in 180 s.
//! - `validate_codes`: checking a project whose one excerpt has n codes (100,000 took 18 s).
//! - `reanchor_corrected`: Replace text where every excerpt's words were corrected, so each is
//!   followed through the diff of the old and new text (n sentences, an excerpt on every tenth).

use continuum::io;
use continuum::model::*;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use support::fixtures::{annotator, excerpt, placement, transcript};

#[allow(dead_code)] // Each benchmark uses some of the shared helpers.
mod support;

/// One transcript of `n` 50-char sentences with an excerpt on each, placed by one annotator.
fn long_transcript_project(n: u32) -> Project {
    let sentence = "Vi kender borgerne, og de kender os; tæt på. Ja. ";
    let mut project = Project::new("Long");
    project
        .apply(Edit::AddTranscript(transcript(
            1,
            "Long",
            sentence.repeat(n as usize),
        )))
        .unwrap();
    let len = sentence.chars().count();
    let mut annotator = annotator(1, "Anna", Colour::PALETTE[0]);
    for i in 0..n {
        let start = i as usize * len;
        project.excerpts.push(excerpt(i + 1, 1, start, start + 20));
        annotator
            .placements
            .push(placement(i + 1, f64::from(i % 100) / 100.0, Timestamp(1)));
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

/// Replace text of `n` turns where 100 of them, spread out, hold an excerpt and a corrected
/// word (a transcriber's corrections), so each is followed through the diff: the exact search
/// finds none of them. (With a correction in every tenth turn, the corrections grow with the
/// text, and the diff's time with their product: 0.34 ms and 17.7 ms, 52 times.)
fn reanchor_corrected(c: &mut Criterion) {
    let mut group = c.benchmark_group("reanchor_corrected");
    group.sample_size(10);
    for n in [1_000usize, 10_000] {
        // A turn a line, as imported transcripts are.
        let sentence = |i: usize, word: &str| format!("Sætning {i}: vi {word} borgerne godt.\n");
        let old: String = (0..n).map(|i| sentence(i, "kender")).collect();
        let new: String = (0..n)
            .map(|i| {
                sentence(
                    i,
                    if i % (n / 100) == 0 {
                        "kendte"
                    } else {
                        "kender"
                    },
                )
            })
            .collect();
        let mut excerpts = Vec::new();
        let mut start = 0;
        for i in 0..n {
            let len = sentence(i, "kender").chars().count();
            if i % (n / 100) == 0 {
                excerpts.push(excerpt(i as u32 + 1, 1, start, start + len - 1));
            }
            start += len;
        }
        let refs: Vec<&Excerpt> = excerpts.iter().collect();
        let found = reanchor(&old, &new, &refs);
        assert!(
            found.iter().all(|(_, at)| at.is_some()),
            "every excerpt followed"
        );
        group.bench_with_input(BenchmarkId::from_parameter(n), &refs, |b, refs| {
            b.iter(|| black_box(reanchor(&old, &new, refs)))
        });
    }
    group.finish();
}

criterion_group!(benches, export_csv, validate_codes, reanchor_corrected);
criterion_main!(benches);
