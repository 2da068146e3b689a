//! `continuum report`: the project's findings as one self-contained HTML page (see
//! `crate::report`), written atomically and never over a project.

use super::CliError;
use super::guards::{refuse_to_overwrite_a_project, refuse_to_overwrite_inputs};
use super::summary::layer_named;
use crate::io;
use crate::model::Timestamp;
use crate::report::{ReportOptions, report_html};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The project file.
    pub project: PathBuf,
    /// Where to write the report (.html; never over a project file).
    #[arg(long)]
    pub out: PathBuf,
    /// Leave the quotes out (for a report that leaves the research team).
    #[arg(long)]
    pub no_quotes: bool,
    /// Whose positions the findings describe: "mean" or "median" of the coders per excerpt,
    /// "consensus", or a coder's name.
    #[arg(long, default_value = "mean")]
    pub layer: String,
}

pub(super) fn report(args: &ReportArgs) -> Result<String, CliError> {
    refuse_to_overwrite_inputs(&args.out, &[&args.project], "a report")?;
    refuse_to_overwrite_a_project(&args.out, "a report")?;
    let project = io::load_project(&args.project).map_err(|e| CliError::new(e.to_string()))?;
    let options = ReportOptions {
        quotes: !args.no_quotes,
        layer: layer_named(&project, &args.layer)?,
    };
    let html = report_html(&project, options, &Timestamp::now().short());
    io::write_export(&args.out, html.as_bytes(), "the report").map_err(CliError::new)?;
    Ok(format!(
        "wrote {} ({} KiB{})\n",
        args.out.display(),
        html.len().div_ceil(1024),
        if options.quotes {
            ", with quotes"
        } else {
            ", without quotes"
        }
    ))
}
