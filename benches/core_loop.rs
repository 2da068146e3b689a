//! Benchmarks of the core loop: loading and saving a project, and the transcript view with a
//! 100,000-word interview (first frame, which measures every paragraph, and a scrolling frame,
//! which lays out only what is visible). Run with `cargo bench --bench core_loop`.

use continuum::io;
use continuum::model::{Edit, Project, Transcript, Turn};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use support::fixtures::transcript;
use support::{turn_wheel, window_on};

#[allow(dead_code)] // Each benchmark uses some of the shared helpers.
mod support;

/// A project with one interview of `turns` speaker turns, about 33 words each
/// (3,000 turns make about 100,000 words).
fn interview_project(turn_count: usize) -> Project {
    let sentence = "Jeg kender borgerne godt, og de kender mig; vi drikker kaffe, og så taler vi om familien og om vejret. ";
    let mut text = String::new();
    let mut turns = Vec::new();
    for i in 0..turn_count {
        if i > 0 {
            text.push('\n');
        }
        let start = text.chars().count();
        text.push_str(&sentence.repeat(if i % 2 == 0 { 1 } else { 3 }));
        let end = text.chars().count();
        let speaker = if i % 2 == 0 { "Interviewer" } else { "Mette" };
        turns.push(Turn {
            start,
            end,
            speaker: speaker.into(),
            time_ms: None,
        });
    }
    let mut project = Project::new("Long");
    project
        .apply(Edit::AddTranscript(Transcript {
            turns,
            ..transcript(1, "Long interview", text)
        }))
        .unwrap();
    project
}

fn benches(c: &mut Criterion) {
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects/care-settings.continuum");
    let sample_text = std::fs::read_to_string(&sample).unwrap();
    let sample_project = io::parse_project(&sample_text).unwrap();
    c.bench_function("parse_sample_project", |b| {
        b.iter(|| io::parse_project(black_box(&sample_text)).unwrap())
    });
    c.bench_function("serialise_sample_project", |b| {
        b.iter(|| io::to_ron_string(black_box(&sample_project)))
    });

    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("long.continuum");
    let long_project = interview_project(3_000);
    assert!(long_project.word_count() >= 100_000);
    io::save_project(&long, &long_project).unwrap();
    let short = dir.path().join("short.continuum");
    io::save_project(&short, &interview_project(30)).unwrap();

    let mut group = c.benchmark_group("transcript_100k_words");
    group.sample_size(10);
    group.bench_function("open_and_first_frame", |b| {
        b.iter(|| {
            let mut harness = window_on(&long);
            harness.step();
            black_box(harness.state().project().transcripts.len())
        })
    });
    group.sample_size(50);
    // The same scrolling frame on a 1,000-word and a 100,000-word interview: with only the
    // visible paragraphs laid out, the two should cost about the same.
    for (name, path) in [("scroll_frame", &long), ("scroll_frame_1k_words", &short)] {
        let mut harness = window_on(path);
        harness.step();
        harness.hover_at(egui::pos2(600.0, 300.0));
        let mut direction = -400.0;
        group.bench_function(name, |b| {
            b.iter(|| {
                // Back and forth, so the short transcript does not simply sit at its end.
                direction = -direction;
                turn_wheel(&harness, direction);
                harness.step();
            })
        });
    }
    group.finish();
}

criterion_group!(core_loop, benches);
criterion_main!(core_loop);
