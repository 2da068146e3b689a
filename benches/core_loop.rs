//! Benchmarks of the core loop: loading and saving a project, and the transcript view with a
//! 100,000-word interview (first frame, which measures every paragraph, and a scrolling frame,
//! which lays out only what is visible). Run with `cargo bench --bench core_loop`.

use continuum::io;
use continuum::model::{Edit, Project, Transcript, TranscriptId, Turn};
use continuum::ui::{App, StartOptions};
use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use std::hint::black_box;
use std::path::Path;

/// A project with one interview of about 100,000 words in 3,000 speaker turns.
fn long_project() -> Project {
    let sentence = "Jeg kender borgerne godt, og de kender mig; vi drikker kaffe, og så taler vi om familien og om vejret. ";
    let mut text = String::new();
    let mut turns = Vec::new();
    for i in 0..3_000 {
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
        });
    }
    let mut project = Project::new("Long");
    project
        .apply(Edit::AddTranscript(Transcript {
            id: TranscriptId(1),
            name: "Long interview".into(),
            participant: None,
            case: None,
            memo: String::new(),
            turns,
            text,
        }))
        .unwrap();
    assert!(project.word_count() >= 100_000);
    project
}

fn app_on(path: &Path) -> Harness<'static, App> {
    let options = StartOptions {
        file: Some(path.to_path_buf()),
        ..StartOptions::default()
    };
    Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |cc| App::new(cc, options))
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
    io::save_project(&long, &long_project()).unwrap();

    let mut group = c.benchmark_group("transcript_100k_words");
    group.sample_size(10);
    group.bench_function("open_and_first_frame", |b| {
        b.iter(|| {
            let mut harness = app_on(&long);
            harness.step();
            black_box(harness.state().project().transcripts.len())
        })
    });
    let mut harness = app_on(&long);
    harness.step();
    harness.hover_at(egui::pos2(600.0, 300.0));
    group.sample_size(50);
    group.bench_function("scroll_frame", |b| {
        b.iter(|| {
            harness.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -400.0),
                phase: egui::TouchPhase::Move,
                modifiers: egui::Modifiers::NONE,
                source: egui::MouseWheelSource::Wheel,
            });
            harness.step();
        })
    });
    group.finish();
}

criterion_group!(core_loop, benches);
criterion_main!(core_loop);
