//! The command line, run as a real process: one file per family of subcommands, as in `src/cli/`.

mod agreement;
mod export;
mod import;
mod merge;
mod project;
