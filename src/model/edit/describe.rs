//! How an edit is named in the undo menu, in status lines and in messages about a refused edit,
//! e.g. `move of “She calls me her girl”`.

use super::Edit;
use crate::model::{ExcerptId, Project};

impl Edit {
    /// A short description for menus and status lines, e.g. `move of "She calls me her girl"`.
    pub fn describe(&self, project: &Project) -> String {
        let excerpt_name = |id: ExcerptId| {
            project
                .excerpt(id)
                .map(|e| format!("“{}”", project.excerpt_label(e)))
                .unwrap_or_else(|| format!("excerpt {id}"))
        };
        match self {
            Edit::SetTitle(_) => "title change".to_owned(),
            Edit::SetMemo { .. } => "memo edit".to_owned(),
            Edit::SetContinuum(_) => "continuum change".to_owned(),
            Edit::AddCase(c) => format!("new case “{}”", c.name),
            Edit::RemoveCase(_) => "case removal".to_owned(),
            Edit::AddParticipant(p) => format!("new participant “{}”", p.name),
            Edit::RemoveParticipant(_) => "participant removal".to_owned(),
            Edit::AddTranscript(t) => format!("import of “{}”", t.name),
            Edit::RemoveTranscript(_) => "transcript removal".to_owned(),
            Edit::ReplaceText { transcript, .. } => format!(
                "new text for “{}”",
                project
                    .transcript(*transcript)
                    .map_or("a transcript", |t| t.name.as_str())
            ),
            Edit::AddExcerpt(_) => "new excerpt".to_owned(),
            Edit::SetExcerptLabel { excerpt, .. } => format!("label of {}", excerpt_name(*excerpt)),
            Edit::SetExcerptCodes { excerpt, .. } => format!("codes of {}", excerpt_name(*excerpt)),
            Edit::SetCodeColour {
                code,
                colour: Some(_),
            } => format!("colour of the code “{code}”"),
            Edit::SetCodeColour { code, colour: None } => {
                format!("removal of the colour of the code “{code}”")
            }
            Edit::RemoveExcerpt(id) => format!("deletion of {}", excerpt_name(*id)),
            Edit::RestoreExcerpt { excerpt, .. } => {
                format!("restoring {}", excerpt_name(excerpt.id))
            }
            Edit::AddAnnotator(a) => format!("new annotator “{}”", a.name),
            Edit::SetAnnotator { name, .. } => format!("change of annotator “{name}”"),
            Edit::RemoveAnnotator(id) => format!(
                "removal of annotator “{}”",
                project.annotator(*id).map_or("?", |a| a.name.as_str())
            ),
            Edit::SetBlind(Some(_)) => "start of blind coding".to_owned(),
            Edit::SetBlind(None) => "end of blind coding".to_owned(),
            Edit::SetPlacement {
                annotator,
                placement,
            } => {
                let verb = if project.placement(*annotator, placement.excerpt).is_some() {
                    "move"
                } else {
                    "placement"
                };
                format!("{verb} of {}", excerpt_name(placement.excerpt))
            }
            Edit::RemovePlacement { excerpt, .. } => {
                format!("removal of {} from the continuum", excerpt_name(*excerpt))
            }
        }
    }
}
