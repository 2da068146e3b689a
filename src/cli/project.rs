//! `continuum new`, `check`, `format` and `transcript`: commands on one project file as a whole.

use super::CliError;
use super::guards::refuse_read_only;
use crate::io;
use crate::model::{Project, plural};
use std::fmt::Write as _;
use std::path::Path;

pub(super) fn new_project(
    path: &Path,
    title: Option<&str>,
    force: bool,
) -> Result<String, CliError> {
    if path.exists() && !force {
        return Err(CliError::new(format!(
            "{}: already exists; use --force to replace it",
            path.display()
        )));
    }
    let title = title.map(str::to_owned).unwrap_or_else(|| {
        path.file_stem()
            .map_or(crate::model::UNTITLED_PROJECT.to_owned(), |s| {
                s.to_string_lossy().into_owned()
            })
    });
    let project = Project::new(&title);
    refuse_read_only(path, false)?;
    io::save_project(path, &project).map_err(|e| CliError::new(e.to_string()))?;
    Ok(format!("created {} (“{title}”)\n", path.display()))
}

pub(super) fn check(path: &Path) -> Result<String, CliError> {
    let project = io::load_project(path).map_err(|e| CliError::new(e.to_string()))?;
    Ok(summary(path, &project))
}

/// The summary `check` prints: counts of everything, and placements per annotator.
pub fn summary(path: &Path, project: &Project) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}: valid (format version {})",
        path.display(),
        project.format_version
    );
    let _ = writeln!(s, "title: {}", project.title);
    let case_names: Vec<_> = project.cases.iter().map(|c| c.name.as_str()).collect();
    if case_names.is_empty() {
        let _ = writeln!(s, "cases: none");
    } else {
        let _ = writeln!(
            s,
            "cases: {} ({})",
            project.cases.len(),
            case_names.join(", ")
        );
    }
    let _ = writeln!(s, "participants: {}", project.participants.len());
    let _ = writeln!(
        s,
        "transcripts: {} ({})",
        project.transcripts.len(),
        plural(project.word_count(), "word")
    );
    let _ = writeln!(s, "excerpts: {}", project.excerpts.len());
    let _ = writeln!(s, "annotators: {}", project.annotators.len());
    for a in &project.annotators {
        let _ = writeln!(
            s,
            "  {}: {}",
            a.name,
            plural(a.placements.len(), "placement")
        );
    }
    s
}

pub(super) fn format(path: &Path, force: bool) -> Result<String, CliError> {
    let (project, read) =
        io::load_project_stamped(path).map_err(|e| CliError::new(e.to_string()))?;
    let canonical = io::to_ron_string(&project);
    if io::FileStamp::of(canonical.as_bytes()) == read {
        return Ok(format!("{}: already in canonical form\n", path.display()));
    }
    refuse_read_only(path, force)?;
    io::save_canonical_unless_changed(path, &canonical, read)
        .map_err(|e| CliError::new(e.to_string()))?;
    Ok(format!(
        "{}: rewritten in canonical form (previous version kept as {})\n",
        path.display(),
        io::backup_path(path).display()
    ))
}

pub(super) fn transcript(project_path: &Path, name: &str) -> Result<String, CliError> {
    let project = io::load_project(project_path).map_err(|e| CliError::new(e.to_string()))?;
    let found = project
        .transcripts
        .iter()
        .find(|t| t.name == name || t.id.to_string() == name)
        .ok_or_else(|| {
            let names: Vec<_> = project
                .transcripts
                .iter()
                .map(|t| format!("“{}”", t.name))
                .collect();
            CliError::new(format!(
                "{}: has no transcript called “{name}”; it has {}",
                project_path.display(),
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            ))
        })?;
    Ok(found.text.clone())
}
