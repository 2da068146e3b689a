//! The `continuum` binary: the GUI, or a headless subcommand.

use clap::Parser;
use continuum::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    if let Some(command) = &args.command {
        return match cli::run(command) {
            Ok(printed) => {
                print!("{}", printed.text);
                for error in &printed.errors {
                    eprintln!("error: {error}");
                }
                ExitCode::from(printed.code)
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(error.exit_code())
            }
        };
    }
    let options = continuum::ui::StartOptions {
        file: args.file,
        recent: continuum::io::RecentFiles::load_from_config_folder(),
        dialogs: Box::new(continuum::ui::NativeFileDialogs::default()),
        // A smoke-test screenshot must neither offer nor leave recovery copies.
        recovery: if args.screenshot.is_some() {
            None
        } else {
            continuum::io::RecoveryStore::in_data_folder()
        },
        screenshot: args.screenshot,
        ..Default::default()
    };
    match continuum::ui::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: could not open the window: {error}");
            ExitCode::FAILURE
        }
    }
}
