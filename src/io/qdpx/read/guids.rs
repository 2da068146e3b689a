//! GUID bookkeeping: what kind of thing each GUID in `project.qde` names, checked once before
//! anything is built, so every reference (`targetGUID`) can be refused when it dangles or names
//! the wrong kind of thing.

use super::{Builder, invalid};
use crate::io::qdpx::QdpxError;
use crate::io::qdpx::guid::canonical;
use crate::io::qdpx::xml::Element;

/// What a GUID in the file names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    User,
    Code,
    Variable,
    Case,
    Source,
    Selection,
    Note,
    Other,
}

impl Builder {
    /// Records every GUID an element declares and refuses one declared twice.
    pub(super) fn check_guids(&mut self, element: &Element) -> Result<(), QdpxError> {
        let kind = match element.name.as_str() {
            "User" => Some(Kind::User),
            "Code" => Some(Kind::Code),
            "Variable" => Some(Kind::Variable),
            "Case" => Some(Kind::Case),
            "TextSource" | "PDFSource" | "PictureSource" | "AudioSource" | "VideoSource" => {
                Some(Kind::Source)
            }
            "PlainTextSelection"
            | "PDFSelection"
            | "PictureSelection"
            | "AudioSelection"
            | "VideoSelection"
            | "TranscriptSelection" => Some(Kind::Selection),
            "Note" => Some(Kind::Note),
            "Coding" | "Set" | "Graph" | "Vertex" | "Edge" | "Link" | "Transcript"
            | "SyncPoint" | "Representation" | "TextDescription" => Some(Kind::Other),
            _ => None,
        };
        if let Some(kind) = kind {
            let Some(guid) = element.attr("guid") else {
                return Err(invalid(element, "it has no guid attribute"));
            };
            if self.kinds.insert(canonical(guid), kind).is_some() {
                return Err(invalid(
                    element,
                    "its GUID is also the GUID of another element",
                ));
            }
        }
        for child in &element.children {
            self.check_guids(child)?;
        }
        Ok(())
    }

    /// Refuses a reference (`targetGUID`) that names nothing of the kind expected.
    pub(super) fn target(
        &self,
        reference: &Element,
        expected: Kind,
        what: &str,
    ) -> Result<String, QdpxError> {
        let Some(target) = reference.attr("targetGUID") else {
            return Err(invalid(reference, "it has no targetGUID attribute"));
        };
        let target = canonical(target);
        match self.kinds.get(&target) {
            Some(&kind) if kind == expected => Ok(target),
            Some(_) => Err(invalid(
                reference,
                format!("it refers to {target}, which is not {what}"),
            )),
            None => Err(invalid(
                reference,
                format!("it refers to {target}, which is nowhere in the file (a dangling GUID)"),
            )),
        }
    }
}
