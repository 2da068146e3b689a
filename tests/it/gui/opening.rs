//! Large projects open on a thread: the window draws at once with a progress window, the open
//! project stays as it was meanwhile, and the project read replaces it when it is in.

use crate::support::gui::*;
use crate::support::*;
use continuum::ui::StartOptions;
use egui::{Key, Modifiers};

/// The window with every project file opened on a thread (the threshold lowered to 0 bytes, so
/// the small test files take the path a large one takes).
fn opening_everything(file: Option<std::path::PathBuf>, dialogs: FakeDialogs) -> Window {
    let options = StartOptions {
        file,
        dialogs: Box::new(dialogs),
        background_open_bytes: 0,
        ..StartOptions::default()
    };
    let mut harness =
        builder(WINDOW_SIZE).build_eframe(move |cc| continuum::ui::App::new(cc, options));
    harness.step();
    harness
}

#[test]
fn a_project_given_at_start_is_read_while_the_window_shows_its_progress() {
    let (_dir, path) = sample_copy();
    let mut harness = opening_everything(Some(path.clone()), FakeDialogs::default());
    wait_for_texts(&mut harness, &["6 transcripts · 41 excerpts"]);
    assert_eq!(harness.state().project().transcripts.len(), 6);
    assert!(!harness.shows("Opening care-settings.continuum"));
    assert_eq!(harness.state().document().path(), Some(path.as_path()));
}

#[test]
fn open_reads_the_other_project_on_a_thread_and_then_shows_it() {
    let (dir, small) = saved_in_temp("small.continuum", &small_project());
    let (_sample_dir, sample) = sample_copy();
    let mut harness = opening_everything(Some(sample), FakeDialogs::opening(small.clone()));
    wait_for_texts(&mut harness, &["6 transcripts · 41 excerpts"]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.step();
    wait_for_texts(&mut harness, &["1 transcript · 1 excerpt"]);
    assert_eq!(harness.state().project(), &small_project());
    assert_eq!(harness.state().document().path(), Some(small.as_path()));
    drop(dir);
}

#[test]
fn a_broken_large_file_says_why_and_the_open_project_stays() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write_file(
        dir.path(),
        "broken.continuum",
        "(format_version: 1, title: ",
    );
    let (_sample_dir, sample) = sample_copy();
    let mut harness = opening_everything(Some(sample), FakeDialogs::opening(broken));
    wait_for_texts(&mut harness, &["6 transcripts · 41 excerpts"]);
    let before = harness.state().project().clone();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.step();
    wait_for_texts(&mut harness, &["broken.continuum"]);
    assert_eq!(harness.state().project(), &before);
}
