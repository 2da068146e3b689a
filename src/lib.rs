//! Continuum: place interview excerpts on an emotional closeness–distance continuum, keep each
//! annotator's placements apart, and publish continuum maps.
//!
//! The crate is layered so that everything below the GUI can be tested without a display:
//! - [`model`]: the domain and its single edit path (no egui, no files);
//! - [`search`]: text search with keyword-in-context hits (no egui, no files);
//! - [`analysis`]: agreement statistics and findings (no egui, no files);
//! - [`map`]: the continuum map and plots as data, shared by the canvas and exporters;
//! - [`report`]: the HTML report of a project's findings (no egui, no files);
//! - [`io`]: the project file, atomic saving and other disk access (no egui);
//! - [`document`]: an open project with its file and unsaved-changes state;
//! - [`cli`]: the headless commands;
//! - [`ui`]: the eframe application.

pub mod analysis;
pub mod cli;
pub mod document;
pub mod io;
pub mod map;
pub mod model;
pub mod report;
pub mod search;
pub mod ui;

/// The bundled sample project, opened when the program starts without a file. It is built into
/// the binary, so it opens wherever the program is installed and is never overwritten by a save.
pub const SAMPLE_PROJECT: &str = include_str!("../sample_projects/care-settings.continuum");

/// The file name the sample is shown under.
pub const SAMPLE_PROJECT_NAME: &str = "care-settings.continuum";
