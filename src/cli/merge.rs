//! `continuum merge`: brings the annotator layers of other copies of a project into one file,
//! listing every conflict and how `--prefer` settled it.

use super::CliError;
use super::guards::{
    looks_like_a_project, refuse_read_only, refuse_to_overwrite_inputs, same_file,
};
use crate::io;
use crate::model::merge::{self, Resolution};
use crate::model::plural;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// `--prefer`: how conflicts are settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PreferArg {
    Both,
    Ours,
    Theirs,
}

impl From<PreferArg> for Resolution {
    fn from(prefer: PreferArg) -> Resolution {
        match prefer {
            PreferArg::Both => Resolution::KeepBoth,
            PreferArg::Ours => Resolution::KeepOurs,
            PreferArg::Theirs => Resolution::TakeTheirs,
        }
    }
}

pub(super) fn merge(
    project_path: &Path,
    others: &[PathBuf],
    out: &Path,
    resolution: Resolution,
    force: bool,
) -> Result<String, CliError> {
    let into_itself = same_file(out, project_path);
    let other_copies: Vec<&Path> = others.iter().map(PathBuf::as_path).collect();
    refuse_to_overwrite_inputs(out, &other_copies, "the merged project")?;
    if !into_itself && !force && looks_like_a_project(out) {
        return Err(CliError::new(format!(
            "{}: is another Continuum project; writing the merge there would replace it. \
             Choose a new file, name the project merged into ({}), or add --force",
            out.display(),
            project_path.display()
        )));
    }
    refuse_read_only(out, force)?;
    let (mut project, read) =
        io::load_project_stamped(project_path).map_err(|e| CliError::new(e.to_string()))?;
    let mut s = String::new();
    for other_path in others {
        let other = io::load_project(other_path).map_err(|e| CliError::new(e.to_string()))?;
        let source = io::file_label(other_path);
        let (edits, report) =
            merge::merge(&project, &other, &source, |_| resolution).map_err(|e| {
                CliError::new(format!(
                    "{}: could not be merged: {e}",
                    other_path.display()
                ))
            })?;
        for edit in edits {
            project.apply(edit).map_err(|e| {
                CliError::new(format!(
                    "{}: could not be merged: {e}",
                    other_path.display()
                ))
            })?;
        }
        let _ = writeln!(
            s,
            "{}: {}, {} already here, {}, {} with new codes, new annotators: {}",
            other_path.display(),
            plural(report.new_placements, "new placement"),
            report.same_placements,
            plural(report.new_excerpts, "new excerpt"),
            plural(report.coded_excerpts, "excerpt"),
            if report.new_annotators.is_empty() {
                "none".to_owned()
            } else {
                report.new_annotators.join(", ")
            }
        );
        for conflict in &report.conflicts {
            let label = project
                .excerpt(conflict.excerpt)
                .map_or_else(String::new, |e| project.excerpt_label(e));
            let _ = writeln!(
                s,
                "  conflict: {} placed excerpt {} “{label}” at {} here and {} in {source}; {}",
                conflict.annotator,
                conflict.excerpt,
                conflict.ours.position,
                conflict.theirs.position,
                match resolution {
                    Resolution::KeepBoth => "kept both",
                    Resolution::KeepOurs => "kept this project's",
                    Resolution::TakeTheirs => "took the other's",
                }
            );
        }
        for (name, placed) in &report.missing_transcripts {
            let _ = writeln!(
                s,
                "  not merged: transcript “{name}” ({}) is not in {}; import it first",
                plural(*placed, "placement"),
                project_path.display()
            );
        }
        for note in report.colour_notes() {
            let _ = writeln!(s, "  {note}");
        }
    }
    project
        .validate()
        .map_err(|e| CliError::new(format!("the merged project is not valid: {e}")))?;
    let saved = if into_itself {
        io::save_project_unless_changed(out, &project, read)
    } else {
        io::save_project(out, &project)
    };
    saved.map_err(|e| CliError::new(e.to_string()))?;
    let _ = writeln!(s, "wrote {}", out.display());
    Ok(s)
}
