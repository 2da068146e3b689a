//! Export: a project as a `.qdpx` archive that other tools read, and that Continuum reads back
//! exactly.
//!
//! `project.qde` carries what other tools can show: transcripts as text sources (with the
//! speakers' names at the start of their turns, as a transcript is usually written), cases and
//! participants (with their role as the variable "Role"), excerpts as selections, codes in the
//! codebook, memos as notes, and the continuum itself: a code group "Continuum" with a code per
//! anchor, each placement as a coding by its annotator with the nearest anchor's code, and each
//! annotator's map as a graph. What REFI-QDA has no element for (exact positions, times of
//! turns, the blind flag, the consensus layer, view settings) travels in `continuum/`, which the
//! schema does not cover and other tools ignore: the project file itself, and the digest of the
//! `project.qde` written with it, so a file edited by another tool is read from its
//! `project.qde` rather than from a copy that no longer matches.
//!
//! The bytes depend only on the project: entries in a fixed order with a fixed date, GUIDs from
//! [`GuidSpace`], every list in id order.

use super::QdpxError;
use super::guid::{GuidSpace, fnv128};
use super::read::{COPY_ENTRY, DIGEST_ENTRY};
use super::xml::NAMESPACE;
use crate::io::import::speaker_prefix;
use crate::model::{Excerpt, Project, Transcript, TranscriptId};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// The largest file REFI-QDA allows inside an archive (2^31 − 1 bytes).
const MAX_INTERNAL_FILE: usize = 2_147_483_647;

/// Where lanes and anchors are drawn on the graphs: x runs 0..=`GRAPH_WIDTH` along the axis.
const GRAPH_WIDTH: f64 = 1000.0;
const LANE_HEIGHT: i64 = 100;

const README: &str = "This folder is Continuum's own: project.continuum is the project exactly as \
Continuum keeps it (see docs/refi-qda.md), and project.qde.fnv128 the digest of the project.qde \
written with it. Other programs may ignore it; Continuum reads it only while project.qde is \
unchanged.\n";

/// Writes `project` as a `.qdpx` file at `path`, atomically: the file is the whole export or
/// what it was before.
pub fn write_qdpx(project: &Project, path: &Path) -> Result<(), QdpxError> {
    let bytes = qdpx_bytes(project)?;
    crate::io::write_atomically(path, &bytes).map_err(|e| QdpxError::Write(e.to_string()))
}

/// The bytes of the `.qdpx` file for `project`.
pub fn qdpx_bytes(project: &Project) -> Result<Vec<u8>, QdpxError> {
    let space = GuidSpace::for_project(&project.title);
    let mut sources = Vec::with_capacity(project.transcripts.len());
    for transcript in &project.transcripts {
        let (text, inserts) = exported_text(transcript);
        if text.len() > MAX_INTERNAL_FILE {
            return Err(QdpxError::Write(format!(
                "the text of transcript “{}” is larger than the 2 GiB a REFI-QDA archive may hold \
                 in one file",
                transcript.name
            )));
        }
        sources.push((
            space.guid("transcript", &transcript.id.to_string()),
            text,
            inserts,
        ));
    }
    let qde = project_qde(project, &space, &sources);
    let ron = crate::io::to_ron_string(project);

    let failed = |e: zip::result::ZipError| QdpxError::Write(e.to_string());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .system(zip::System::Unix)
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let entry = |zip: &mut zip::ZipWriter<_>, name: &str, bytes: &[u8]| {
        zip.start_file(name, options).map_err(failed)?;
        zip.write_all(bytes)
            .map_err(|e| QdpxError::Write(e.to_string()))
    };
    entry(&mut zip, "project.qde", qde.as_bytes())?;
    for (guid, text, _) in &sources {
        entry(&mut zip, &format!("sources/{guid}.txt"), text.as_bytes())?;
    }
    entry(&mut zip, "continuum/README.txt", README.as_bytes())?;
    entry(&mut zip, COPY_ENTRY, ron.as_bytes())?;
    let digest = format!("{:032x}\n", fnv128(&[qde.as_bytes()]));
    entry(&mut zip, DIGEST_ENTRY, digest.as_bytes())?;
    Ok(zip.finish().map_err(failed)?.into_inner())
}

/// Where speakers' names were put into the text: (char position in Continuum's text, chars
/// inserted there), in text order.
type Inserts = Vec<(usize, usize)>;

/// The transcript's text as other tools see it: each turn that starts a line begins with
/// "Speaker: ", as in the file it was imported from. A name is written only where Continuum
/// would read it back as the speaker.
fn exported_text(transcript: &Transcript) -> (String, Inserts) {
    let mut out = String::with_capacity(transcript.text.len());
    let mut inserts = Vec::new();
    let mut chars = transcript.text.char_indices().enumerate().peekable();
    let mut previous = None;
    let mut byte_done = 0;
    // Walk the text once, inserting at the starts of turns.
    for turn in &transcript.turns {
        while let Some(&(n, (_, c))) = chars.peek() {
            if n >= turn.start {
                break;
            }
            previous = Some(c);
            chars.next();
        }
        let at_line_start = turn.start == 0 || previous == Some('\n');
        let prefix = format!("{}: ", turn.speaker);
        let readable = !turn.speaker.is_empty()
            && speaker_prefix(&format!("{prefix}x")) == Some((turn.speaker.as_str(), "x"));
        if at_line_start && readable {
            let byte = chars.peek().map_or(transcript.text.len(), |&(_, (b, _))| b);
            out.push_str(&transcript.text[byte_done..byte]);
            byte_done = byte;
            out.push_str(&prefix);
            inserts.push((turn.start, prefix.chars().count()));
        }
    }
    out.push_str(&transcript.text[byte_done..]);
    (out, inserts)
}

/// A char offset of Continuum's text in the exported text. A selection's start moves past a
/// name inserted where it starts; its end does not take in a name inserted where it ends.
fn shifted(inserts: &Inserts, offset: usize, is_start: bool) -> usize {
    let before =
        inserts.partition_point(|&(at, _)| if is_start { at <= offset } else { at < offset });
    offset + inserts[..before].iter().map(|(_, len)| len).sum::<usize>()
}

/// Text for XML content: the five markup characters escaped, a carriage return kept as `&#13;`
/// (a parser would otherwise turn CRLF into LF), and characters XML 1.0 cannot hold at all
/// replaced by U+FFFD.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
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

/// Writes ` key="value"` pairs.
fn attributes(out: &mut String, pairs: &[(&str, &str)]) {
    for (key, value) in pairs {
        let _ = write!(out, " {key}=\"{}\"", escape(value, true));
    }
}

/// The codebook tree of the excerpts' codes: "A/B" is code B inside code A.
#[derive(Default)]
struct CodeNode {
    children: BTreeMap<String, CodeNode>,
    /// Whether the path itself is a code on some excerpt (otherwise only a folder of codes).
    used: bool,
}

fn write_codes(out: &mut String, space: &GuidSpace, node: &CodeNode, path: &str, depth: usize) {
    for (name, child) in &node.children {
        let full = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}/{name}")
        };
        let indent = "  ".repeat(depth);
        let guid = space.guid("code", &full);
        let codable = if child.used { "true" } else { "false" };
        let _ = write!(out, "{indent}<Code");
        attributes(
            out,
            &[("guid", &guid), ("name", name), ("isCodable", codable)],
        );
        if child.children.is_empty() {
            out.push_str("/>\n");
        } else {
            out.push_str(">\n");
            write_codes(out, space, child, &full, depth + 1);
            let _ = writeln!(out, "{indent}</Code>");
        }
    }
}

/// A memo as a note: (GUID, name, text), in the order they are written.
type NoteList = Vec<(String, String, String)>;

fn project_qde(
    project: &Project,
    space: &GuidSpace,
    sources: &[(String, String, Inserts)],
) -> String {
    let mut out = String::new();
    let mut notes: NoteList = Vec::new();
    let note = |notes: &mut NoteList, key: String, name: String, text: &str| -> Option<String> {
        if text.trim().is_empty() {
            return None;
        }
        let guid = space.guid("note", &key);
        notes.push((guid.clone(), name, text.to_owned()));
        Some(guid)
    };
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Project");
    let origin = format!("Continuum {}", env!("CARGO_PKG_VERSION"));
    attributes(
        &mut out,
        &[
            ("xmlns", NAMESPACE),
            ("name", &project.title),
            ("origin", &origin),
        ],
    );
    out.push_str(">\n");

    let user = |a: &crate::model::Annotator| space.guid("annotator", &a.id.to_string());
    if !project.annotators.is_empty() {
        out.push_str("  <Users>\n");
        for a in &project.annotators {
            out.push_str("    <User");
            attributes(&mut out, &[("guid", &user(a)), ("name", &a.name)]);
            out.push_str("/>\n");
        }
        out.push_str("  </Users>\n");
    }

    // The codebook: the continuum's anchors, then the excerpts' codes.
    let anchor_guid = |i: usize| {
        space.guid(
            "anchor",
            &format!("{i}:{}", project.continuum.anchors[i].name),
        )
    };
    out.push_str("  <CodeBook>\n    <Codes>\n      <Code");
    attributes(
        &mut out,
        &[
            ("guid", &space.guid("code group", "Continuum")),
            ("name", "Continuum"),
            ("isCodable", "false"),
        ],
    );
    out.push_str(">\n");
    let _ = writeln!(
        out,
        "        <Description>{}</Description>",
        escape(
            &format!(
                "The continuum from {} (0) to {} (1). Each coding with one of these codes is an \
                 annotator's placement; the code is the anchor nearest to it.",
                project.continuum.closeness_label, project.continuum.distance_label
            ),
            false
        )
    );
    for (i, anchor) in project.continuum.anchors.iter().enumerate() {
        out.push_str("        <Code");
        attributes(
            &mut out,
            &[
                ("guid", &anchor_guid(i)),
                ("name", &anchor.name),
                ("isCodable", "true"),
            ],
        );
        let description = format!(
            "At {} on the continuum. {}",
            anchor.position, anchor.description
        );
        let _ = writeln!(
            out,
            "><Description>{}</Description></Code>",
            escape(description.trim(), false)
        );
    }
    out.push_str("      </Code>\n");
    let mut tree = CodeNode::default();
    for code in project.codes() {
        let mut node = &mut tree;
        for part in code.split('/') {
            node = node.children.entry(part.to_owned()).or_default();
        }
        node.used = true;
    }
    write_codes(&mut out, space, &tree, "", 3);
    out.push_str("    </Codes>\n  </CodeBook>\n");

    let role_guid = space.guid("variable", "Role");
    if !project.participants.is_empty() {
        out.push_str("  <Variables>\n    <Variable");
        attributes(
            &mut out,
            &[
                ("guid", &role_guid),
                ("name", "Role"),
                ("typeOfVariable", "Text"),
            ],
        );
        out.push_str("/>\n  </Variables>\n");
    }

    let transcript_guid = |id: TranscriptId| space.guid("transcript", &id.to_string());
    // The GUIDs of the sources of the transcripts `keep` keeps, for a case's `SourceRef`s.
    let sources_where = |keep: &dyn Fn(&Transcript) -> bool| -> Vec<String> {
        let kept = project.transcripts.iter().filter(|t| keep(t));
        kept.map(|t| transcript_guid(t.id)).collect()
    };
    if !project.cases.is_empty() || !project.participants.is_empty() {
        out.push_str("  <Cases>\n");
        for case in &project.cases {
            open_case(
                &mut out,
                &space.guid("case", &case.id.to_string()),
                &case.name,
            );
            if !case.description.is_empty() {
                let _ = writeln!(
                    out,
                    "      <Description>{}</Description>",
                    escape(&case.description, false)
                );
            }
            close_case(
                &mut out,
                sources_where(&|t| project.case_of_transcript(t) == Some(case.id)),
            );
        }
        for p in &project.participants {
            open_case(
                &mut out,
                &space.guid("participant", &p.id.to_string()),
                &p.name,
            );
            let _ = writeln!(
                out,
                "      <VariableValue><VariableRef targetGUID=\"{role_guid}\"/><TextValue>{}</TextValue></VariableValue>",
                escape(&p.role, false)
            );
            close_case(&mut out, sources_where(&|t| t.participant == Some(p.id)));
        }
        out.push_str("  </Cases>\n");
    }

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
            &mut out,
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
                &mut out,
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
                    user(a),
                    placement.created,
                    anchor_guid(anchor)
                );
                let name = format!("{}'s memo on placing “{label}”", a.name);
                if let Some(n) = note(
                    &mut notes,
                    format!("placement {key}"),
                    name,
                    &placement.memo,
                ) {
                    let _ = write!(out, "<NoteRef targetGUID=\"{n}\"/>");
                }
                out.push_str("</Coding>\n");
            }
            let name = format!("Memo on excerpt “{label}”");
            if let Some(n) = note(&mut notes, format!("excerpt {}", e.id), name, &e.memo) {
                let _ = writeln!(out, "        <NoteRef targetGUID=\"{n}\"/>");
            }
            out.push_str("      </PlainTextSelection>\n");
        }
        let name = format!("Memo on transcript “{}”", t.name);
        if let Some(n) = note(&mut notes, format!("transcript {}", t.id), name, &t.memo) {
            let _ = writeln!(out, "      <NoteRef targetGUID=\"{n}\"/>");
        }
        out.push_str("    </TextSource>\n");
    }
    if !project.transcripts.is_empty() {
        out.push_str("  </Sources>\n");
    }

    let project_note = note(
        &mut notes,
        "project".to_owned(),
        "Project memo".to_owned(),
        &project.memo,
    );
    if !notes.is_empty() {
        out.push_str("  <Notes>\n");
        for (guid, name, text) in &notes {
            out.push_str("    <Note");
            attributes(&mut out, &[("guid", guid), ("name", name)]);
            let _ = writeln!(
                out,
                "><PlainTextContent>{}</PlainTextContent></Note>",
                escape(text, false)
            );
        }
        out.push_str("  </Notes>\n");
    }

    write_graphs(&mut out, project, space, &anchor_guid);
    if let Some(n) = project_note {
        let _ = writeln!(out, "  <NoteRef targetGUID=\"{n}\"/>");
    }
    out.push_str("</Project>\n");
    out
}

/// Each annotator's continuum map as a graph: the anchors along the top (y = 0), then one vertex
/// per placement at x = position × 1000, in a lane per case (y = 100, 200, …; transcripts without
/// a case in the last lane).
fn write_graphs(
    out: &mut String,
    project: &Project,
    space: &GuidSpace,
    anchor_guid: &dyn Fn(usize) -> String,
) {
    if project.annotators.is_empty() {
        return;
    }
    let x = |position: f64| ((position * GRAPH_WIDTH).round() as i64).to_string();
    let lane_of_case: HashMap<_, i64> = project
        .cases
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i as i64 + 1))
        .collect();
    let no_case_lane = project.cases.len() as i64 + 1;
    out.push_str("  <Graphs>\n");
    for a in &project.annotators {
        let name = if a.consensus {
            format!("Continuum map: {} (consensus)", a.name)
        } else {
            format!("Continuum map: {}", a.name)
        };
        out.push_str("    <Graph");
        attributes(
            out,
            &[
                ("guid", &space.guid("graph", &a.id.to_string())),
                ("name", &name),
            ],
        );
        out.push_str(">\n");
        for (i, anchor) in project.continuum.anchors.iter().enumerate() {
            out.push_str("      <Vertex");
            attributes(
                out,
                &[
                    (
                        "guid",
                        &space.guid("anchor vertex", &format!("{}:{i}", a.id)),
                    ),
                    ("representedGUID", &anchor_guid(i)),
                    ("name", &anchor.name),
                    ("firstX", &x(anchor.position)),
                    ("firstY", "0"),
                    ("shape", "Rectangle"),
                ],
            );
            out.push_str("/>\n");
        }
        for p in &a.placements {
            let Some(e) = project.excerpt(p.excerpt) else {
                continue;
            };
            let lane = project
                .transcript(e.transcript)
                .and_then(|t| project.case_of_transcript(t))
                .and_then(|c| lane_of_case.get(&c).copied())
                .unwrap_or(no_case_lane);
            out.push_str("      <Vertex");
            attributes(
                out,
                &[
                    ("guid", &space.guid("vertex", &format!("{}:{}", a.id, e.id))),
                    ("representedGUID", &space.guid("excerpt", &e.id.to_string())),
                    ("name", &project.excerpt_label(e)),
                    ("firstX", &x(p.position)),
                    ("firstY", &(lane * LANE_HEIGHT).to_string()),
                    ("shape", "Oval"),
                    ("color", &a.colour.to_string()),
                ],
            );
            out.push_str("/>\n");
        }
        out.push_str("    </Graph>\n");
    }
    out.push_str("  </Graphs>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Turn;

    fn turn(start: usize, end: usize, speaker: &str) -> Turn {
        Turn {
            start,
            end,
            speaker: speaker.to_owned(),
            time_ms: None,
        }
    }

    #[test]
    fn speakers_names_start_their_lines_and_offsets_follow() {
        let mut t = Transcript {
            id: TranscriptId(1),
            name: "i".into(),
            participant: None,
            case: None,
            memo: String::new(),
            speakers: Vec::new(),
            turns: vec![
                turn(0, 8, "Interviewer"),
                turn(9, 21, "Mette"),
                turn(22, 25, "A: B"),
            ],
            text: "Hvordan?\nTæt på, ja.\nNej".to_owned(),
        };
        let (text, inserts) = exported_text(&t);
        // "A: B" would not be read back as a speaker: left out.
        assert_eq!(text, "Interviewer: Hvordan?\nMette: Tæt på, ja.\nNej");
        assert_eq!(inserts, [(0, 13), (9, 7)]);
        let exported: Vec<char> = text.chars().collect();
        let quote = |s: usize, e: usize| -> String {
            exported[shifted(&inserts, s, true)..shifted(&inserts, e, false)]
                .iter()
                .collect()
        };
        assert_eq!(quote(9, 12), "Tæt");
        assert_eq!(quote(0, 20), "Hvordan?\nMette: Tæt på, ja.");
        t.turns.clear();
        assert_eq!(exported_text(&t).0, t.text);
    }

    #[test]
    fn xml_escapes_markup_line_ends_and_forbidden_characters() {
        assert_eq!(
            escape("a<b>&\"c\"\r\n\t\u{1}", false),
            "a&lt;b&gt;&amp;\"c\"&#13;\n\t\u{fffd}"
        );
        assert_eq!(escape("\"x\"\n\t", true), "&quot;x&quot;&#10;&#9;");
    }
}
