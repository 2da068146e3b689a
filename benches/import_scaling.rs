//! Scaling of importing a transcript, from the bytes of a .txt file to a project with the
//! transcript and its participants: reading, speaker turns, the speaker list, the import plan,
//! the importer's edits and applying them. Each case runs at n and 10·n; an O(n log n) import keeps
//! the ratio near 10 (issue 11: 100,000 distinct speakers took 76 s, quadratic in the speaker
//! lists). Run with `cargo bench --bench import_scaling`. At 100,000 distinct speakers the
//! working set (about 80 MiB) outgrows the caches, so on a busy machine the wall-clock ratio can
//! pass 10 while the work does not: counted with `valgrind --tool=callgrind`, 10·n costs 9.6 times
//! the instructions of n.

use continuum::io::import::import_bytes;
use continuum::model::Project;
use continuum::model::import_plan::{Importer, default_plan};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// A plain-text interview of `turns` lines; `speakers` distinct names take turns in order.
fn interview(turns: usize, speakers: usize) -> Vec<u8> {
    let mut text = String::new();
    for i in 0..turns {
        text.push_str(&format!(
            "Person {}: Vi taler om arbejdet, turn {i}.\n",
            i % speakers
        ));
    }
    text.into_bytes()
}

/// The whole import, as `continuum import` does it; returns the participants made.
fn import(bytes: &[u8], project: &Project) -> usize {
    let imported = import_bytes("txt", bytes).unwrap();
    let speakers = imported.speakers();
    let plan = default_plan(project, "Interview", &speakers, Some("Vestbo"), None, None);
    let mut importer = Importer::new(project);
    importer.add(imported.text, imported.turns, &plan).unwrap();
    let mut project = project.clone();
    for edit in importer.finish() {
        project.apply(edit).unwrap();
    }
    project.participants.len()
}

fn benches(c: &mut Criterion) {
    let project = Project::new("Scaling");
    let mut group = c.benchmark_group("import_scaling");
    group.sample_size(10);
    for n in [10_000, 100_000] {
        // Every turn a new speaker: the case that was quadratic.
        let distinct = interview(n, n);
        group.bench_with_input(
            BenchmarkId::new("distinct_speakers", n),
            &distinct,
            |b, bytes| b.iter(|| black_box(import(bytes, &project))),
        );
        // The usual shape: two speakers taking turns.
        let two = interview(n, 2);
        group.bench_with_input(BenchmarkId::new("two_speakers", n), &two, |b, bytes| {
            b.iter(|| black_box(import(bytes, &project)))
        });
    }
    group.finish();
}

criterion_group!(import_scaling, benches);
criterion_main!(import_scaling);
