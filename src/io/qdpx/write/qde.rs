//! `project.qde`, the XML document: its parts in the order the schema wants them, the users, the
//! variable "Role" and the notes. The codebook, the cases, the sources and the graphs are written
//! in modules of their own.

use super::markup::{attributes, escape};
use super::text::Inserts;
use super::user_guid;
use super::{cases, codebook, graphs, sources};
use crate::io::qdpx::guid::GuidSpace;
use crate::io::qdpx::xml::NAMESPACE;
use crate::model::Project;
use std::fmt::Write as _;

/// The memos written as notes, in the order they are met: (GUID, name, text). A note's GUID is
/// known when it is added, so the element the memo belongs to can refer to it.
pub(super) struct Notes<'a> {
    space: &'a GuidSpace,
    list: Vec<(String, String, String)>,
}

impl Notes<'_> {
    /// Adds `text` as a note named `name`, unless it is blank, and returns its GUID.
    pub(super) fn add(&mut self, key: String, name: String, text: &str) -> Option<String> {
        if text.trim().is_empty() {
            return None;
        }
        let guid = self.space.guid("note", &key);
        self.list.push((guid.clone(), name, text.to_owned()));
        Some(guid)
    }
}

/// The text of `project.qde`.
pub(super) fn project_qde(
    project: &Project,
    space: &GuidSpace,
    sources: &[(String, String, Inserts)],
) -> String {
    let mut out = String::new();
    let mut notes = Notes {
        space,
        list: Vec::new(),
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

    if !project.annotators.is_empty() {
        out.push_str("  <Users>\n");
        for a in &project.annotators {
            out.push_str("    <User");
            attributes(
                &mut out,
                &[("guid", &user_guid(space, a)), ("name", &a.name)],
            );
            out.push_str("/>\n");
        }
        out.push_str("  </Users>\n");
    }

    codebook::write(&mut out, project, space);

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

    cases::write(&mut out, project, space, &role_guid);
    sources::write(&mut out, project, space, sources, &mut notes);

    let project_note = notes.add(
        "project".to_owned(),
        "Project memo".to_owned(),
        &project.memo,
    );
    if !notes.list.is_empty() {
        out.push_str("  <Notes>\n");
        for (guid, name, text) in &notes.list {
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

    graphs::write(&mut out, project, space);
    if let Some(n) = project_note {
        let _ = writeln!(out, "  <NoteRef targetGUID=\"{n}\"/>");
    }
    out.push_str("</Project>\n");
    out
}
