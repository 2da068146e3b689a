//! The integration tests, built as one binary (faster to link than one per file).

mod cli;
mod cli_agreement;
mod cli_qdpx;
mod cli_search;
mod edges;
mod findings;
mod first_hour;
mod fuzz;
mod gui;
mod import;
mod project_file;
mod qdpx;
mod read_only;
mod report;
mod sample;
mod session;
#[cfg(feature = "snapshot")]
mod snapshot;
mod support;
