//! What a command names by name (a case, a transcript, an annotator, a role, a code), found in
//! the project, or a message that lists what there is: a typo gets the right name back, not an
//! empty result.

use super::CliError;
use crate::model::{AnnotatorId, CaseId, Project, TranscriptId};

/// The item called `name` (ignoring case and surrounding spaces), or a message listing them all.
fn named<'p, T>(
    items: &'p [T],
    name: &str,
    what: &str,
    name_of: impl Fn(&T) -> &str,
) -> Result<&'p T, CliError> {
    let wanted = name.trim();
    items
        .iter()
        .find(|item| name_of(item) == wanted)
        .or_else(|| {
            items
                .iter()
                .find(|item| name_of(item).eq_ignore_ascii_case(wanted))
        })
        .ok_or_else(|| {
            let names: Vec<&str> = items.iter().map(&name_of).collect();
            CliError::new(format!(
                "there is no {what} called “{name}”; {}",
                there_are(&names)
            ))
        })
}

fn there_are(names: &[impl AsRef<str>]) -> String {
    if names.is_empty() {
        "this project has none".to_owned()
    } else {
        let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
        format!("there are: {}", names.join(", "))
    }
}

pub(super) fn case_named(project: &Project, name: &str) -> Result<CaseId, CliError> {
    named(&project.cases, name, "case", |c| &c.name).map(|c| c.id)
}

pub(super) fn transcript_named(project: &Project, name: &str) -> Result<TranscriptId, CliError> {
    named(&project.transcripts, name, "transcript", |t| &t.name).map(|t| t.id)
}

pub(super) fn annotator_named(project: &Project, name: &str) -> Result<AnnotatorId, CliError> {
    named(&project.annotators, name, "annotator", |a| &a.name).map(|a| a.id)
}

/// Refuses a role no participant has.
pub(super) fn known_role(project: &Project, role: &str) -> Result<(), CliError> {
    let roles = project.roles();
    if roles.iter().any(|r| r == role) {
        return Ok(());
    }
    Err(CliError::new(if roles.is_empty() {
        format!("no participant has the role “{role}”; no participant has a role")
    } else {
        format!(
            "no participant has the role “{role}”; the roles are: {}",
            roles.join(", ")
        )
    }))
}

/// Refuses a code no excerpt has.
pub(super) fn known_code(project: &Project, code: &str) -> Result<(), CliError> {
    let codes = project.codes();
    if codes.iter().any(|c| c == code) {
        return Ok(());
    }
    Err(CliError::new(if codes.is_empty() {
        format!("no excerpt has the code “{code}”; this project has no codes")
    } else {
        format!(
            "no excerpt has the code “{code}”; the codes are: {}",
            codes.join(", ")
        )
    }))
}
