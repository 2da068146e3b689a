//! Cases and participants, both as `<Case>` elements: a participant's role is the value of the
//! variable "Role", and each case refers to the sources of its transcripts.

use super::markup::{attributes, escape};
use super::transcript_guid;
use crate::io::qdpx::guid::GuidSpace;
use crate::model::{Project, Transcript};
use std::fmt::Write as _;

/// Writes `<Cases>`, if there are cases or participants; `role_guid` is the variable "Role".
pub(super) fn write(out: &mut String, project: &Project, space: &GuidSpace, role_guid: &str) {
    // The GUIDs of the sources of the transcripts `keep` keeps, for a case's `SourceRef`s.
    let sources_where = |keep: &dyn Fn(&Transcript) -> bool| -> Vec<String> {
        let kept = project.transcripts.iter().filter(|t| keep(t));
        kept.map(|t| transcript_guid(space, t.id)).collect()
    };
    if !project.cases.is_empty() || !project.participants.is_empty() {
        out.push_str("  <Cases>\n");
        for case in &project.cases {
            open_case(out, &space.guid("case", &case.id.to_string()), &case.name);
            if !case.description.is_empty() {
                let _ = writeln!(
                    out,
                    "      <Description>{}</Description>",
                    escape(&case.description, false)
                );
            }
            close_case(
                out,
                sources_where(&|t| project.case_of_transcript(t) == Some(case.id)),
            );
        }
        for p in &project.participants {
            open_case(out, &space.guid("participant", &p.id.to_string()), &p.name);
            let _ = writeln!(
                out,
                "      <VariableValue><VariableRef targetGUID=\"{role_guid}\"/><TextValue>{}</TextValue></VariableValue>",
                escape(&p.role, false)
            );
            close_case(out, sources_where(&|t| t.participant == Some(p.id)));
        }
        out.push_str("  </Cases>\n");
    }
}

/// Opens a `<Case>` element (one per case, and one per participant).
fn open_case(out: &mut String, guid: &str, name: &str) {
    out.push_str("    <Case");
    attributes(out, &[("guid", guid), ("name", name)]);
    out.push_str(">\n");
}

/// Closes a `<Case>` after a `SourceRef` to each of its sources.
fn close_case(out: &mut String, sources: Vec<String>) {
    for guid in sources {
        let _ = writeln!(out, "      <SourceRef targetGUID=\"{guid}\"/>");
    }
    out.push_str("    </Case>\n");
}
