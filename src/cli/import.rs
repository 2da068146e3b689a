//! `continuum import`: adds transcripts from files to a project, reporting what was found in
//! each; a file that fails is reported and the others are still imported.

use super::guards::refuse_read_only;
use super::{CliError, Printed};
use crate::io;
use crate::model::plural;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Who imported transcripts belong to (`import --case --participant --role`).
pub(super) struct ImportAs<'a> {
    pub(super) case: Option<&'a str>,
    pub(super) participant: Option<&'a str>,
    pub(super) role: Option<&'a str>,
}

pub(super) fn import(
    project_path: &Path,
    files: &[PathBuf],
    who: ImportAs,
    force: bool,
) -> Result<Printed, CliError> {
    use crate::io::import::import_file;
    use crate::model::import_plan::{Importer, default_plan};
    refuse_read_only(project_path, force)?;
    let (mut project, read) =
        io::load_project_stamped(project_path).map_err(|e| CliError::new(e.to_string()))?;
    // What the saved project would weigh: refuse a file that would take it past what can be
    // opened again, before anything is added.
    let mut projected_bytes = io::to_ron_string(&project).len() as u64;
    // What was found in each file goes to stdout; what was refused, to stderr.
    let mut report = String::new();
    let mut failed: Vec<String> = Vec::new();
    let mut importer = Importer::new(&project);
    let mut imported_count = 0;
    for file in files {
        match import_file(file) {
            Ok(imported)
                if projected_bytes + io::estimated_saved_bytes(&imported.text, &imported.turns)
                    > io::MAX_PROJECT_BYTES =>
            {
                failed.push(format!(
                    "{}: not imported: it would make the project about {}, more than a project \
                     file can be ({}); start another project for the rest",
                    file.display(),
                    io::format_mib(
                        projected_bytes
                            + io::estimated_saved_bytes(&imported.text, &imported.turns)
                    ),
                    io::format_mib(io::MAX_PROJECT_BYTES)
                ));
            }
            Ok(imported) => {
                projected_bytes += io::estimated_saved_bytes(&imported.text, &imported.turns);
                let speakers = imported.speakers();
                let _ = writeln!(
                    report,
                    "{}: {}, {}, {}, {}, speakers: {}",
                    file.display(),
                    imported.format,
                    imported.encoding_report(),
                    plural(imported.word_count(), "word"),
                    plural(imported.turns.len(), "turn"),
                    if speakers.is_empty() {
                        "none named".to_owned()
                    } else {
                        speakers.join(", ")
                    }
                );
                let name = file.file_stem().map_or_else(
                    || "Transcript".to_owned(),
                    |s| s.to_string_lossy().into_owned(),
                );
                let plan = default_plan(
                    &project,
                    &name,
                    &speakers,
                    who.case,
                    who.participant,
                    who.role,
                );
                match importer.add(imported.text, imported.turns, &plan) {
                    Ok(_) => imported_count += 1,
                    Err(error) => {
                        failed.push(format!("{}: not imported: {error}", file.display()));
                    }
                }
            }
            Err(error) => {
                failed.push(format!("{}: not imported: it {error}", file.display()));
            }
        }
    }
    if imported_count > 0 {
        for edit in importer.finish() {
            project.apply(edit).map_err(|e| {
                CliError::new(format!("{report}could not add the transcripts: {e}"))
            })?;
        }
        io::save_project_unless_changed(project_path, &project, read)
            .map_err(|e| CliError::new(format!("{report}{e}")))?;
    }
    let _ = writeln!(
        report,
        "imported {imported_count} of {} into {}",
        plural(files.len(), "file"),
        project_path.display()
    );
    Ok(Printed {
        text: report,
        code: if failed.is_empty() { 0 } else { 1 },
        errors: failed,
    })
}
