//! A whole study at 10k, 100k and 1M words (issue 16): the commands a researcher runs on a large
//! project, each at n and 10·n words so the growth shows. The projects are generated in the shape
//! of the (10,000-word interviews, 200 excerpts each, 5 annotators placing every excerpt;
//! `support/corpus.rs`, the same code as `examples/generate.rs`). Medians are in
//! `docs/performance.md`. Run with `cargo bench --bench scale` (about 6 minutes), or one row with
//! `cargo bench --bench scale -- check`.
//!
//! - `check`: reading, parsing and validating the file (`continuum check`).
//! - `format`: reading it and saving it again (`continuum format` of a file not yet canonical).
//! - `export_csv`: the placements table of a loaded project (`continuum export-csv` less the load).
//! - `agreement_by_case`: alpha overall, by case and for each pair of annotators
//!   (`continuum agreement --by case` less the load).
//! - `map_layout`, `map_svg`, `map_png`: the map as `continuum export-map` lays it out (lanes by
//!   case, labels, 540 pt wide) and paints it; the PNG at scale 2, or its refusal when it would
//!   pass the pixel budget.

use continuum::analysis::{Grouping, Metric, Ratings, agreement_report};
use continuum::io;
use continuum::map::{MapSettings, check_png_budget, layout, to_png, to_svg};
use continuum::model::Project;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use support::corpus::{CorpusSpec, generate};

#[allow(dead_code)] // Each benchmark uses some of the shared helpers.
mod support;

/// The sizes measured, in words, with the names the results are filed under.
const SIZES: [(usize, &str); 3] = [(10_000, "10k"), (100_000, "100k"), (1_000_000, "1M")];

/// The generated projects, each saved once in a folder that lives as long as the benchmarks.
struct Studies {
    _dir: tempfile::TempDir,
    studies: Vec<(&'static str, Project, PathBuf)>,
}

fn studies() -> Studies {
    let dir = tempfile::tempdir().unwrap();
    let studies = SIZES
        .iter()
        .map(|&(words, name)| {
            let project = generate(&CorpusSpec::of_words(words));
            let path = dir.path().join(format!("{name}.continuum"));
            io::save_project(&path, &project).unwrap();
            (name, project, path)
        })
        .collect();
    Studies { _dir: dir, studies }
}

/// The map as `continuum export-map` draws it by default.
fn export_settings() -> MapSettings {
    MapSettings {
        width: 540.0,
        ..MapSettings::default()
    }
}

fn files(c: &mut Criterion, studies: &Studies) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for (name, _, path) in &studies.studies {
        group.bench_with_input(BenchmarkId::from_parameter(name), path, |b, path| {
            b.iter(|| io::load_project(black_box(path)).unwrap())
        });
    }
    group.finish();

    let mut group = c.benchmark_group("format");
    group.sample_size(10);
    for (name, _, path) in &studies.studies {
        let copy = path.with_extension("format.continuum");
        group.bench_with_input(BenchmarkId::from_parameter(name), path, |b, path| {
            b.iter(|| {
                let project = io::load_project(black_box(path)).unwrap();
                io::save_project(&copy, &project).unwrap()
            })
        });
    }
    group.finish();
}

fn tables(c: &mut Criterion, studies: &Studies) {
    let mut group = c.benchmark_group("export_csv");
    group.sample_size(10);
    for (name, project, _) in &studies.studies {
        group.bench_with_input(BenchmarkId::from_parameter(name), project, |b, p| {
            b.iter(|| io::placements_csv(black_box(p), io::Formulas::Neutralise))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("agreement_by_case");
    group.sample_size(10);
    for (name, project, _) in &studies.studies {
        group.bench_with_input(BenchmarkId::from_parameter(name), project, |b, p| {
            b.iter(|| {
                let ratings = Ratings::from_project(black_box(p), Metric::Interval);
                agreement_report(&ratings, Metric::Interval, Some(Grouping::Case))
            })
        });
    }
    group.finish();
}

fn maps(c: &mut Criterion, studies: &Studies) {
    let settings = export_settings();
    let mut group = c.benchmark_group("map_layout");
    group.sample_size(10);
    for (name, project, _) in &studies.studies {
        group.bench_with_input(BenchmarkId::from_parameter(name), project, |b, p| {
            b.iter(|| layout(black_box(p), &settings))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("map_svg");
    group.sample_size(10);
    for (name, project, _) in &studies.studies {
        let map = layout(project, &settings);
        group.bench_with_input(BenchmarkId::from_parameter(name), &map, |b, map| {
            b.iter(|| to_svg(black_box(map)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("map_png");
    group.sample_size(10);
    for (name, project, _) in &studies.studies {
        let map = layout(project, &settings);
        // Said once, so the medians can be read as a rendering or as a refusal.
        match check_png_budget(&map, 2.0) {
            Ok((w, h)) => eprintln!("map_png/{name}: renders {w}×{h} px"),
            Err(refusal) => eprintln!("map_png/{name}: refused: {refusal}"),
        }
        group.bench_with_input(BenchmarkId::from_parameter(name), &map, |b, map| {
            b.iter(|| to_png(black_box(map), 2.0))
        });
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let studies = studies();
    files(c, &studies);
    tables(c, &studies);
    maps(c, &studies);
}

criterion_group!(scale_benches, benches);
criterion_main!(scale_benches);
