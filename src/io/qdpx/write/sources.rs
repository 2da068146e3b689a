//! The sources: each transcript as a `<TextSource>` with its excerpts as selections, coded with
//! their codes and, for each annotator who placed one, with the code of the anchor nearest the
//! placement; the memos on transcripts, excerpts and placements become notes.

use super::markup::attributes;
use super::qde::Notes;
use super::text::{Inserts, shifted};
use super::{anchor_guid, user_guid};
use crate::io::qdpx::guid::GuidSpace;
use crate::model::{Excerpt, Project, TranscriptId};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Writes `<Sources>`; `sources` are each transcript's GUID, exported text and the names
/// inserted into it, in the project's order.
pub(super) fn write(
    out: &mut String,
    project: &Project,
    space: &GuidSpace,
    sources: &[(String, String, Inserts)],
    notes: &mut Notes<'_>,
) {
    // Excerpts by transcript in one pass, not a scan of all excerpts per transcript.
    let mut excerpts: HashMap<TranscriptId, Vec<&Excerpt>> = HashMap::new();
    for e in &project.excerpts {
        excerpts.entry(e.transcript).or_default().push(e);
    }
    let excerpt_guid = |e: &Excerpt| space.guid("excerpt", &e.id.to_string());
    if !project.transcripts.is_empty() {
        out.push_str("  <Sources>\n");
    }
    for (t, (guid, _, inserts)) in project.transcripts.iter().zip(sources) {
        out.push_str("    <TextSource");
        attributes(
            out,
            &[
                ("guid", guid),
                ("name", &t.name),
                ("plainTextPath", &format!("internal://{guid}.txt")),
            ],
        );
        out.push_str(">\n");
        let mut list = excerpts.remove(&t.id).unwrap_or_default();
        list.sort_by_key(|e| (e.start, e.end, e.id));
        for e in list {
            let label = project.excerpt_label(e);
            out.push_str("      <PlainTextSelection");
            attributes(
                out,
                &[
                    ("guid", &excerpt_guid(e)),
                    ("name", &label),
                    (
                        "startPosition",
                        &shifted(inserts, e.start, true).to_string(),
                    ),
                    ("endPosition", &shifted(inserts, e.end, false).to_string()),
                ],
            );
            out.push_str(">\n");
            for code in &e.codes {
                let _ = writeln!(
                    out,
                    "        <Coding guid=\"{}\"><CodeRef targetGUID=\"{}\"/></Coding>",
                    space.guid("coding", &format!("{}:{code}", e.id)),
                    space.guid("code", code)
                );
            }
            for a in &project.annotators {
                let Some(placement) = project.placement(a.id, e.id) else {
                    continue;
                };
                let Some(anchor) = project
                    .continuum
                    .anchors
                    .iter()
                    .enumerate()
                    .min_by(|(_, x), (_, y)| {
                        (x.position - placement.position)
                            .abs()
                            .total_cmp(&(y.position - placement.position).abs())
                    })
                    .map(|(i, _)| i)
                else {
                    continue;
                };
                let key = format!("{}:{}", a.id, e.id);
                let _ = write!(
                    out,
                    "        <Coding guid=\"{}\" creatingUser=\"{}\" creationDateTime=\"{}\"><CodeRef targetGUID=\"{}\"/>",
                    space.guid("placement", &key),
                    user_guid(space, a),
                    placement.created,
                    anchor_guid(space, project, anchor)
                );
                let name = format!("{}'s memo on placing “{label}”", a.name);
                if let Some(n) = notes.add(format!("placement {key}"), name, &placement.memo) {
                    let _ = write!(out, "<NoteRef targetGUID=\"{n}\"/>");
                }
                out.push_str("</Coding>\n");
            }
            let name = format!("Memo on excerpt “{label}”");
            if let Some(n) = notes.add(format!("excerpt {}", e.id), name, &e.memo) {
                let _ = writeln!(out, "        <NoteRef targetGUID=\"{n}\"/>");
            }
            out.push_str("      </PlainTextSelection>\n");
        }
        let name = format!("Memo on transcript “{}”", t.name);
        if let Some(n) = notes.add(format!("transcript {}", t.id), name, &t.memo) {
            let _ = writeln!(out, "      <NoteRef targetGUID=\"{n}\"/>");
        }
        out.push_str("    </TextSource>\n");
    }
    if !project.transcripts.is_empty() {
        out.push_str("  </Sources>\n");
    }
}
