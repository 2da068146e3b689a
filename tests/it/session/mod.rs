//! The randomised long-session test (first-hour issue, "the cure is systemic"): a harness drives
//! the real `App` through seeded random sequences of what a user does (New, Open of projects whose
//! ids collide, import, switch transcript, make an excerpt, place, drag, undo/redo, replace text,
//! add and remove annotators, merge, blind coding, comparison and agreement, resizing) and checks
//! after every step that nothing panicked, that the transcript view shows the open project's text,
//! and that every cache agrees with a fresh computation. Before each New or Open, and at the end,
//! it undoes the whole document's history and expects the project as it was opened.
//!
//! By default a few seeds of a few dozen steps run, so CI stays fast. More:
//! `CONTINUUM_SESSIONS=N` seeds (numbered from `CONTINUUM_SESSION_FIRST`, default 1),
//! `CONTINUUM_SESSION_STEPS=M` steps each, `CONTINUUM_SESSION_SEED=S` replays one seed, and
//! `CONTINUUM_SESSION_LOG=1` prints every session's steps and time. A failure names the seed and
//! lists the steps taken.
//!
//! The session is in parts: [`driver`] (the harness and the clicks, drags and keys steps are made
//! of), [`screen`] (what is on screen), [`checks`] (what must hold after every step), [`steps`],
//! [`coding`] and [`annotators`] (what a user does), [`material`] (the text and projects used),
//! [`rng`] (the seeded generator); [`regressions`] pins the bugs sessions found.

mod annotators;
mod checks;
mod coding;
mod driver;
mod material;
mod regressions;
mod rng;
mod screen;
mod searching;
mod steps;

use crate::support::gui::{WINDOW_SIZE, Window, builder};
use continuum::model::*;
use continuum::ui::{App, StartOptions};
use driver::Session;
use rng::Rng;
use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

const DEFAULT_SESSIONS: u64 = 20;
const DEFAULT_STEPS: usize = 60;

/// The window at its usual size, settled after the first frames.
fn harness_with(options: StartOptions) -> Window {
    let mut harness = builder(WINDOW_SIZE)
        // Transcripts hold emoji, which the window's fonts lack: the real window draws a box
        // for them (egui's default), while kittest panics unless allowed.
        .allow_missing_glyphs()
        .build_eframe(move |cc| App::new(cc, options));
    harness.run();
    harness
}

fn describe(path: Option<&Path>) -> String {
    path.and_then(|p| p.file_name())
        .map_or("the bundled sample".to_owned(), |n| {
            n.to_string_lossy().into_owned()
        })
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

/// Where two projects first differ, for the failure message.
fn first_difference(want: &Project, got: &Project) -> String {
    let (want, got) = (format!("{want:#?}"), format!("{got:#?}"));
    let at = want
        .lines()
        .zip(got.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(0);
    let around = |s: &str| {
        s.lines()
            .skip(at.saturating_sub(6))
            .take(12)
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!("expected:\n{}\n\nfound:\n{}", around(&want), around(&got))
}

/// Runs one session; on a panic, returns its message with the steps taken so far.
fn session(seed: u64, steps: usize) -> Result<usize, String> {
    let log = Rc::new(RefCell::new(Vec::new()));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut s = Session::new(seed, log.clone());
        s.check();
        for _ in 0..steps {
            s.step();
            s.check();
        }
        s.note("end of session");
        s.unwind();
        if std::env::var_os("CONTINUUM_SESSION_LOG").is_some() {
            eprintln!("session seed {seed}:\n  {}", log.borrow().join("\n  "));
        }
        log.borrow().len()
    }));
    result.map_err(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "(no message)".to_owned());
        let taken: Vec<String> = log
            .borrow()
            .iter()
            .enumerate()
            .map(|(i, s)| format!("  {i:3}. {s}"))
            .collect();
        format!(
            "session seed {seed} failed: {message}\n\
             replay: CONTINUUM_SESSION_SEED={seed} CONTINUUM_SESSION_STEPS={steps} cargo test --test it session\n\
             steps:\n{}",
            taken.join("\n"),
        )
    })
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(
        value
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value:?} is not a number")),
    )
}

#[test]
fn random_sessions_keep_the_view_the_caches_and_undo_true() {
    let steps = env_number("CONTINUUM_SESSION_STEPS").map_or(DEFAULT_STEPS, |n| n as usize);
    let seeds: Vec<u64> = match env_number("CONTINUUM_SESSION_SEED") {
        Some(seed) => vec![seed],
        None => {
            let first = env_number("CONTINUUM_SESSION_FIRST").unwrap_or(1);
            let count = env_number("CONTINUUM_SESSIONS").unwrap_or(DEFAULT_SESSIONS);
            (first..first + count).collect()
        }
    };
    let mut failures = Vec::new();
    for &seed in &seeds {
        let t = std::time::Instant::now();
        if let Err(failure) = session(seed, steps) {
            eprintln!("{failure}\n");
            failures.push(failure);
            if failures.len() >= 5 {
                break;
            }
        }
        if std::env::var_os("CONTINUUM_SESSION_LOG").is_some() {
            eprintln!("session seed {seed} took {:.1?}", t.elapsed());
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} sessions failed; the first:\n{}",
        failures.len(),
        seeds.len(),
        failures[0]
    );
}

/// The generator is deterministic, so a seed replays the same session.
#[test]
fn a_session_seed_replays_the_same_numbers() {
    let mut a = Rng(42);
    let mut b = Rng(42);
    let xs: Vec<u64> = (0..8).map(|_| a.next()).collect();
    let ys: Vec<u64> = (0..8).map(|_| b.next()).collect();
    assert_eq!(xs, ys);
    assert_ne!(Rng(1).next(), Rng(2).next());
}
