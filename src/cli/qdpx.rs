//! `continuum import-qdpx` and `continuum export-qdpx`: projects to and from the REFI-QDA
//! exchange format that NVivo, ATLAS.ti, MAXQDA and QualCoder read and write (see
//! `docs/refi-qda.md`).

use super::CliError;
use super::guards::{
    looks_like_a_project, refuse_read_only, refuse_to_overwrite_a_project,
    refuse_to_overwrite_inputs,
};
use crate::io;
use crate::io::qdpx::{ReadSettings, RoleVariable, read_qdpx_with, write_qdpx};
use std::path::Path;

/// Reads `file` (.qdpx) into a new project saved at `out`, printing what was found and skipped.
pub(super) fn import_qdpx(
    out: &Path,
    file: &Path,
    role_variable: Option<&str>,
    force: bool,
) -> Result<String, CliError> {
    refuse_to_overwrite_inputs(out, &[file], "the new project")?;
    if out.exists() && !force {
        let what = if looks_like_a_project(out) {
            "a Continuum project"
        } else {
            "a file"
        };
        return Err(CliError::new(format!(
            "{}: is already {what}; import-qdpx makes a new project. Nothing was written; choose \
             another file, or add --force to replace it",
            out.display()
        )));
    }
    refuse_read_only(out, force)?;
    let settings = ReadSettings {
        role_variable: match role_variable {
            None => RoleVariable::Guess,
            Some("") => RoleVariable::None,
            Some(name) => RoleVariable::Named(name.to_owned()),
        },
        ..ReadSettings::default()
    };
    let imported = read_qdpx_with(file, &settings, &mut |_, _| true)
        .map_err(|e| CliError::new(format!("{} {e}", file.display())))?;
    io::save_project(out, &imported.project).map_err(|e| CliError::new(e.to_string()))?;
    let mut report = imported.report.lines().join("\n");
    report.push_str(&format!("\ncreated {}\n", out.display()));
    Ok(report)
}

/// Writes the project at `project_path` as a .qdpx file at `out`.
pub(super) fn export_qdpx(project_path: &Path, out: &Path) -> Result<String, CliError> {
    refuse_to_overwrite_inputs(out, &[project_path], "the exchange file")?;
    refuse_to_overwrite_a_project(out, "the exchange file")?;
    let project = io::load_project(project_path).map_err(|e| CliError::new(e.to_string()))?;
    write_qdpx(&project, out).map_err(|e| CliError::new(format!("{} {e}", out.display())))?;
    Ok(format!(
        "wrote {} ({} transcripts, {} excerpts, {} annotators)\n",
        out.display(),
        project.transcripts.len(),
        project.excerpts.len(),
        project.annotators.len()
    ))
}
