//! Benchmarks of the map: layout of 10,000 placements, a full PNG export of the sample at 2×
//! (150 dpi), and one frame of the window's map canvas showing all 10,000 placements while the
//! wheel scrolls it (the canvas keeps its layout until the project or the view changes, so a
//! scrolling frame does not pay for a layout). Run with `cargo bench --bench map`.

use continuum::map::{Labels, MapSettings, layout, to_png};
use continuum::model::{Colour, Edit, Excerpt, Project, Timestamp};
use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::kittest::Queryable;
use std::hint::black_box;
use support::fixtures::{annotator, excerpt, placement, transcript};
use support::{turn_wheel, window_on};

#[allow(dead_code)] // Each benchmark uses some of the shared helpers.
mod support;

/// 2,500 excerpts placed by 4 annotators: 10,000 placements.
fn big_project() -> Project {
    let mut project = continuum::io::parse_project(continuum::SAMPLE_PROJECT).unwrap();
    project.annotators.clear();
    project.excerpts.clear();
    let text = "Vi er tæt på borgerne, men vi er der på arbejde. ".repeat(3_000);
    project
        .apply(Edit::AddTranscript(transcript(99, "Long", text)))
        .unwrap();
    for i in 0..2_500u32 {
        let start = (i as usize * 50) % 140_000;
        project
            .apply(Edit::AddExcerpt(Excerpt {
                label: format!("Excerpt number {i}"),
                ..excerpt(i + 1, 1 + i % 6, start % 4_000, start % 4_000 + 20)
            }))
            .unwrap();
    }
    for a in 0..4u32 {
        let mut annotator = annotator(a + 1, &format!("Coder {a}"), Colour::PALETTE[a as usize]);
        for i in 0..2_500u32 {
            let position = ((i * 7919 + a * 104_729) % 1000) as f64 / 1000.0;
            annotator
                .placements
                .push(placement(i + 1, position, Timestamp(0)));
        }
        project.apply(Edit::AddAnnotator(annotator)).unwrap();
    }
    project
}

fn benches(c: &mut Criterion) {
    let big = big_project();
    let mut group = c.benchmark_group("map");
    group.sample_size(10);
    for labels in [false, true] {
        let settings = MapSettings {
            labels: if labels { Labels::All } else { Labels::None },
            ..MapSettings::default()
        };
        let name = if labels {
            "layout_10k_placements_labelled"
        } else {
            "layout_10k_placements_dots"
        };
        group.bench_function(name, |b| b.iter(|| layout(black_box(&big), &settings)));
    }
    let sample = continuum::io::parse_project(continuum::SAMPLE_PROJECT).unwrap();
    let map = layout(&sample, &MapSettings::default());
    group.bench_function("png_export_sample_2x", |b| {
        b.iter(|| to_png(black_box(&map), 2.0).unwrap())
    });

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.continuum");
    continuum::io::save_project(&path, &big).unwrap();
    let mut harness = window_on(&path);
    harness.run();
    // Every annotator's markers: 10,000 on the canvas.
    harness.get_by_label("Markers of Coder 0").click();
    harness.run();
    harness.get_by_label("Several annotators:").click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    let canvas = harness.get_by_label("Continuum").rect().left_bottom() + egui::vec2(400.0, 120.0);
    harness.hover_at(canvas);
    let mut direction = -300.0;
    group.sample_size(30);
    group.bench_function("canvas_frame_10k_placements_scrolling", |b| {
        b.iter(|| {
            direction = -direction;
            turn_wheel(&harness, direction);
            harness.step();
        })
    });
    group.finish();
}

criterion_group!(map_benches, benches);
criterion_main!(map_benches);
