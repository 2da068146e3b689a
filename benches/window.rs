//! The window on a large study (issue 16): frames of the real `App` on generated studies of 100k
//! and 1M words (10 and 100 interviews, 10,000 and 100,000 placements by 5 annotators), so the
//! growth shows. A frame is everything the app does on the processor for one frame: the UI code
//! and egui's layout and tessellation; the GPU's part is not in it. Medians are in
//! `docs/performance.md`. Run with `cargo bench --bench window` (about 8 minutes), or one group
//! with `cargo bench --bench window -- map_frame`.
//!
//! Each frame is timed twice: `plain`, as for a user without a screen reader (egui with AccessKit
//! off), and `reader`, with the accessibility tree built and taken in, as when a screen reader is
//! on (the window is driven through egui_kittest, which always asks for the tree). The window is
//! set up through kittest; the plain frames then run the same `App` in a context of their own.
//!
//! - `open/first_frame`: from creating the window on the file to its first frame (a large file
//!   opens on a thread, so this frame shows the progress).
//! - `open/until_shown`: until the project is open and drawn.
//! - `map_frame/by_case_all_*`: the pointer moving over the map of every annotator's placements in
//!   lanes by case (crowded lanes are density strips).
//! - `map_frame/by_transcript_all_*`: the same in lanes by interview, where every placement is a
//!   marker (100,000 at 1M words), scrolling the map with the wheel.
//! - `drag_frame`: dragging one of the active annotator's markers, a frame per pointer move.
//! - `switch_transcript`: clicking another interview in the list (plain: the four frames of the
//!   pointer arriving, pressing, letting go and the frame after; reader: kittest's click and two
//!   frames).
//! - `transcript_scroll`: scrolling the interview being read; also in `dense`, one interview of
//!   100,000 words coded in 10,000 excerpts (the excerpts' highlights and, for a screen reader,
//!   their marks in the text, grow with it).

use continuum::io;
use continuum::ui::App;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use support::corpus::{CorpusSpec, generate};
use support::{turn_wheel, window_on};

#[allow(dead_code)] // Each benchmark uses some of the shared helpers.
mod support;

/// The sizes measured, in words, with the names the results are filed under.
const SIZES: [(usize, &str); 2] = [(100_000, "100k"), (1_000_000, "1M")];

type Window = Harness<'static, App>;

/// Frames of the app with AccessKit off, in a context of their own, laid out and tessellated.
struct Plain {
    ctx: egui::Context,
    frame: eframe::Frame,
}

impl Plain {
    /// A context that has run a few frames of `app`, so fonts and panels have settled.
    fn new(app: &mut App) -> Self {
        // As `App::new` sets up the window's own context.
        let ctx = egui::Context::default();
        ctx.set_theme(egui::ThemePreference::Light);
        let mut plain = Self {
            ctx,
            frame: eframe::Frame::_new_kittest(),
        };
        for _ in 0..4 {
            plain.frame(app, Vec::new());
        }
        plain
    }

    /// The centre of the widget named `label` in this context's own layout (which need not be
    /// the kittest window's), from one frame with the accessibility tree on.
    fn locate(&mut self, app: &mut App, label: &str) -> Option<egui::Pos2> {
        self.ctx.enable_accesskit();
        let tree = self.run(app, Vec::new()).platform_output.accesskit_update;
        self.ctx.disable_accesskit();
        tree?.nodes.into_iter().find_map(|(_, node)| {
            let name = node.label().or(node.value())?;
            let heading = node.role() == egui::accesskit::Role::Heading;
            let b = node.bounds().filter(|_| name == label && !heading)?;
            Some(egui::pos2(
                (b.x0 + b.x1) as f32 / 2.0,
                (b.y0 + b.y1) as f32 / 2.0,
            ))
        })
    }

    fn frame(&mut self, app: &mut App, events: Vec<egui::Event>) {
        let output = self.run(app, events);
        black_box(self.ctx.tessellate(output.shapes, output.pixels_per_point));
    }

    fn run(&mut self, app: &mut App, events: Vec<egui::Event>) -> egui::FullOutput {
        use eframe::App as _;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1400.0, 860.0),
            )),
            events,
            ..Default::default()
        };
        let frame = &mut self.frame;
        let mut output = self.ctx.run_ui(input, |ui| app.ui(ui, frame));
        // No renderer takes the font atlas; it is dropped here, as egui asks, by name.
        output.textures_delta.clear();
        output
    }
}

fn wheel(points: f32) -> egui::Event {
    egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, points),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    }
}

/// Times a frame with criterion, and then, when benchmarking (not under `cargo test`), 300 single
/// frames for their median, 95th percentile and slowest: criterion's figures are means over
/// batches of frames, and the budget is for every frame.
fn measure(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    group_name: &str,
    id: &str,
    mut frame: impl FnMut(),
) {
    // Criterion calls the routine only for a benchmark its filter selects.
    let mut selected = false;
    group.bench_function(id, |b| {
        selected = true;
        b.iter(&mut frame)
    });
    if !selected || !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let mut times: Vec<std::time::Duration> = (0..300)
        .map(|_| {
            let start = std::time::Instant::now();
            frame();
            start.elapsed()
        })
        .collect();
    times.sort();
    eprintln!(
        "frames {group_name}/{id}: median {:.2?}, p95 {:.2?}, slowest {:.2?}",
        times[150], times[285], times[299]
    );
}

/// The generated studies, each saved once in a folder that lives as long as the benchmarks.
fn studies(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    SIZES
        .iter()
        .map(|&(words, name)| {
            let path = dir.join(format!("{name}.continuum"));
            io::save_project(&path, &generate(&CorpusSpec::of_words(words))).unwrap();
            (name, path)
        })
        .collect()
}

/// Frames until the project at `path` is open (a large one opens on a thread) and drawn.
fn open(path: &Path) -> Window {
    let mut window = window_on(path);
    window.step();
    wait_until_open(&mut window, path);
    window.step();
    window
}

fn wait_until_open(window: &mut Window, path: &Path) {
    while window.state().document().path() != Some(path) {
        std::thread::sleep(std::time::Duration::from_millis(1));
        window.step();
    }
}

/// Clicks and lets a few frames pass (a menu opens on the frame after the click).
fn click(window: &mut Window, label: &str) {
    window.get_by_label(label).click();
    window.run();
}

/// Every annotator's markers on the map, in lanes by `lanes` ("case", "transcript").
fn show_everyone(window: &mut Window, lanes: &str) {
    let app = window.state();
    let active = app
        .active_annotator()
        .and_then(|a| app.project().annotator(a));
    let menu = format!("Markers of {}", active.expect("an active annotator").name);
    click(window, &menu);
    click(window, "Several annotators:");
    window.key_press(egui::Key::Escape);
    window.run();
    lanes_by(window, lanes);
}

fn lanes_by(window: &mut Window, lanes: &str) {
    // Named with its value: "Lanes by: case".
    window.get_by_label_contains("Lanes by:").click();
    window.run();
    click(window, lanes);
}

/// A point over the map, below the controls.
fn over_map(window: &Window) -> egui::Pos2 {
    window.get_by_label("Continuum map").rect().left_top() + egui::vec2(300.0, 80.0)
}

fn open_frames(c: &mut Criterion, dir: &Path, studies: &[(&str, PathBuf)]) {
    let mut group = c.benchmark_group("open");
    group.sample_size(10);
    // The target is the first frame of an empty project's window.
    let empty = dir.join("empty.continuum");
    io::save_project(&empty, &continuum::model::Project::new("Empty")).unwrap();
    let all = std::iter::once(("empty", empty.clone())).chain(studies.iter().cloned());
    for (name, path) in all {
        group.bench_with_input(BenchmarkId::new("first_frame", name), &path, |b, path| {
            // Only the first frame is timed; each window is then left to finish opening, so no
            // reading thread of an earlier window runs beside the next one.
            b.iter_custom(|iterations| {
                let mut spent = std::time::Duration::ZERO;
                for _ in 0..iterations {
                    let start = std::time::Instant::now();
                    let mut window = window_on(path);
                    window.step();
                    spent += start.elapsed();
                    wait_until_open(&mut window, path);
                }
                spent
            })
        });
        group.bench_with_input(BenchmarkId::new("until_shown", name), &path, |b, path| {
            b.iter(|| black_box(open(path).state().project().transcripts.len()))
        });
    }
    group.finish();
}

fn map_frames(c: &mut Criterion, studies: &[(&str, PathBuf)]) {
    let mut group = c.benchmark_group("map_frame");
    group.sample_size(30);
    for (name, path) in studies {
        let mut window = open(path);
        show_everyone(&mut window, "case");
        let at = over_map(&window);
        let mut step = 0.0;
        measure(
            &mut group,
            "map_frame",
            &format!("by_case_all_reader/{name}"),
            || {
                // Across the strips and back, so hover is worked out anew each frame.
                step = (step + 7.0) % 400.0;
                window.hover_at(at + egui::vec2(step, 0.0));
                window.step();
            },
        );
        let mut plain = Plain::new(window.state_mut());
        measure(
            &mut group,
            "map_frame",
            &format!("by_case_all_plain/{name}"),
            || {
                step = (step + 7.0) % 400.0;
                let moved = egui::Event::PointerMoved(at + egui::vec2(step, 0.0));
                plain.frame(window.state_mut(), vec![moved]);
            },
        );

        lanes_by(&mut window, "transcript");
        window.hover_at(at);
        let mut direction = -200.0;
        measure(
            &mut group,
            "map_frame",
            &format!("by_transcript_all_reader/{name}"),
            || {
                direction = -direction;
                turn_wheel(&window, direction);
                window.step();
            },
        );
        let mut plain = Plain::new(window.state_mut());
        plain.frame(window.state_mut(), vec![egui::Event::PointerMoved(at)]);
        measure(
            &mut group,
            "map_frame",
            &format!("by_transcript_all_plain/{name}"),
            || {
                direction = -direction;
                plain.frame(window.state_mut(), vec![wheel(direction)]);
            },
        );
    }
    group.finish();
}

fn drag_frames(c: &mut Criterion, studies: &[(&str, PathBuf)]) {
    let mut group = c.benchmark_group("drag_frame");
    group.sample_size(30);
    for (name, path) in studies {
        let mut window = open(path);
        // The active annotator's markers one by one: 200 a lane.
        lanes_by(&mut window, "transcript");
        let label = window
            .get_all_by_label_contains("Marker: ")
            .next()
            .expect("a marker on the map")
            .accesskit_node()
            .label()
            .unwrap_or_default();
        let press = |at, pressed| egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        };
        let before = window.state().project().clone();
        // The plain context first, while the window has no button down; the marker where that
        // context drew it.
        let mut plain = Plain::new(window.state_mut());
        let marker = plain.locate(window.state_mut(), &label).expect("drawn");
        plain.frame(window.state_mut(), vec![egui::Event::PointerMoved(marker)]);
        plain.frame(window.state_mut(), vec![press(marker, true)]);
        // Past egui's distance for a drag (a click moves less), before the frames are timed.
        let started = egui::Event::PointerMoved(marker + egui::vec2(40.0, 0.0));
        plain.frame(window.state_mut(), vec![started]);
        let mut offset = 0.0;
        measure(&mut group, "drag_frame", &format!("plain/{name}"), || {
            // Back and forth along the axis, a few points a frame, as a hand moves.
            offset = (offset + 3.0) % 120.0;
            let moved = egui::Event::PointerMoved(marker + egui::vec2(offset, 0.0));
            plain.frame(window.state_mut(), vec![moved]);
        });
        plain.frame(window.state_mut(), vec![press(marker, false)]);
        let moved = window.state().project().clone() != before;
        assert!(moved, "the plain frames dragged the marker");

        let marker = window.get_by_label(&label).rect().center();
        window.hover_at(marker);
        window.step();
        window.event(press(marker, true));
        window.step();
        measure(&mut group, "drag_frame", &format!("reader/{name}"), || {
            offset = (offset + 3.0) % 120.0;
            window.hover_at(marker + egui::vec2(offset, 0.0));
            window.step();
        });
    }
    group.finish();
}

fn transcript_frames(c: &mut Criterion, dir: &Path, studies: &[(&str, PathBuf)]) {
    let mut group = c.benchmark_group("switch_transcript");
    group.sample_size(30);
    for (name, path) in studies {
        let mut window = open(path);
        // The two interviews at the top of the list (the list is grouped by case, so not
        // necessarily the first two), by the first node of each name: the list's entry, above
        // the heading of the open one.
        let mut listed: Vec<(String, egui::Pos2)> = window
            .state()
            .project()
            .transcripts
            .iter()
            .map(|t| t.name.clone())
            .collect::<Vec<_>>()
            .into_iter()
            .filter_map(|n| {
                let at = window.get_all_by_label(&n).next()?.rect().center();
                Some((n, at))
            })
            .collect();
        listed.sort_by(|a, b| a.1.y.total_cmp(&b.1.y));
        let names: Vec<String> = listed.into_iter().take(2).map(|(name, _)| name).collect();
        // A click as a hand makes one: the pointer arrives, then presses, then lets go, a frame
        // each, and the frame after draws the other interview.
        let click = |plain: &mut Plain, app: &mut App, at: egui::Pos2| {
            plain.frame(app, vec![egui::Event::PointerMoved(at)]);
            for pressed in [true, false] {
                let button = egui::Event::PointerButton {
                    pos: at,
                    button: egui::PointerButton::Primary,
                    pressed,
                    modifiers: egui::Modifiers::NONE,
                };
                plain.frame(app, vec![button]);
            }
            plain.frame(app, Vec::new());
        };
        let mut which = 0;
        let mut plain = Plain::new(window.state_mut());
        let entries: Vec<egui::Pos2> = names
            .iter()
            .map(|n| plain.locate(window.state_mut(), n).expect("listed"))
            .collect();
        // Each click in the plain context opens an interview, and the two are not the same one.
        let mut opened = Vec::new();
        for &at in entries.iter().rev() {
            click(&mut plain, window.state_mut(), at);
            opened.push(window.state().view_transcript());
        }
        assert!(
            opened[0] != opened[1],
            "the clicks switch interviews: {opened:?}"
        );
        measure(
            &mut group,
            "switch_transcript",
            &format!("plain/{name}"),
            || {
                which = 1 - which;
                click(&mut plain, window.state_mut(), entries[which]);
            },
        );
        measure(
            &mut group,
            "switch_transcript",
            &format!("reader/{name}"),
            || {
                which = 1 - which;
                let entry = window.get_all_by_label(&names[which]).next();
                entry.expect("the transcript in the list").click();
                window.step();
                window.step();
            },
        );
    }
    group.finish();

    let dense = dir.join("dense.continuum");
    let spec = CorpusSpec {
        transcripts: 1,
        words: 100_000,
        excerpts: 10_000,
        ..CorpusSpec::of_words(100_000)
    };
    io::save_project(&dense, &generate(&spec)).unwrap();
    let scrolled = studies.iter().cloned().chain([("dense", dense)]);
    let mut group = c.benchmark_group("transcript_scroll");
    group.sample_size(30);
    for (name, path) in scrolled {
        let path = &path;
        let mut window = open(path);
        let text = window.get_by_label("Transcript text").rect().center();
        window.hover_at(text);
        let mut direction = -400.0;
        measure(
            &mut group,
            "transcript_scroll",
            &format!("reader/{name}"),
            || {
                direction = -direction;
                turn_wheel(&window, direction);
                window.step();
            },
        );
        let mut plain = Plain::new(window.state_mut());
        plain.frame(window.state_mut(), vec![egui::Event::PointerMoved(text)]);
        measure(
            &mut group,
            "transcript_scroll",
            &format!("plain/{name}"),
            || {
                direction = -direction;
                plain.frame(window.state_mut(), vec![wheel(direction)]);
            },
        );
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let studies = studies(dir.path());
    open_frames(c, dir.path(), &studies);
    map_frames(c, &studies);
    drag_frames(c, &studies);
    transcript_frames(c, dir.path(), &studies);
}

criterion_group!(window_benches, benches);
criterion_main!(window_benches);
