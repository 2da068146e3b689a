//! The codebook: codes (nested codes become paths such as "Attitude/sceptical"), the notes on
//! them, the `Coding`s that give them to selections, and the codebook's listing in the project
//! memo, which holds what Continuum has no other place for (colours, descriptions).

use super::guids::Kind;
use super::{Builder, invalid, one_line, tidy};
use crate::io::qdpx::QdpxError;
use crate::io::qdpx::guid::canonical;
use crate::io::qdpx::xml::Element;

/// A code of the codebook.
pub(super) struct CodeInfo {
    /// Its path from the top of the codebook, e.g. "Attitude/sceptical".
    path: String,
    colour: Option<String>,
    description: String,
    notes: Vec<String>,
}

impl Builder {
    /// The codes below `codes`, depth first, with `parent` the path of the code they are in.
    pub(super) fn read_codes(&mut self, codes: &Element, parent: &str) -> Result<(), QdpxError> {
        for code in codes.children_named("Code") {
            let mut name = one_line(code.attr("name").unwrap_or_default()).replace('/', "∕");
            if name.is_empty() {
                name = "(unnamed code)".to_owned();
            }
            let path = if parent.is_empty() {
                name
            } else {
                format!("{parent}/{name}")
            };
            let guid = canonical(code.attr("guid").unwrap_or_default());
            self.codes.insert(
                guid.clone(),
                CodeInfo {
                    path: path.clone(),
                    colour: code.attr("color").map(str::to_owned),
                    description: tidy(code.child_text("Description")),
                    notes: Vec::new(),
                },
            );
            self.code_order.push(guid);
            self.read_codes(code, &path)?;
        }
        Ok(())
    }

    /// The notes each code refers to; read once the notes are.
    pub(super) fn read_code_notes(&mut self, root: &Element) -> Result<(), QdpxError> {
        for code in self.code_order.clone() {
            if let Some(element) = find_guid(root.child("CodeBook"), &code) {
                let notes = self.note_texts(element)?;
                if let Some(info) = self.codes.get_mut(&code) {
                    info.notes = notes;
                }
            }
        }
        Ok(())
    }

    /// The code path, user and notes of a `Coding`.
    pub(super) fn coding(
        &mut self,
        coding: &Element,
    ) -> Result<(String, Option<String>, Vec<String>), QdpxError> {
        let Some(reference) = coding.child("CodeRef") else {
            return Err(invalid(coding, "it has no CodeRef"));
        };
        let code = self.target(reference, Kind::Code, "a code")?;
        let path = self
            .codes
            .get(&code)
            .map(|c| c.path.clone())
            .unwrap_or_default();
        let user = self.user_name(coding.attr("creatingUser"));
        let notes = self.note_texts(coding)?;
        Ok((path, user, notes))
    }

    /// The codebook for the project memo, with colours, descriptions and notes, or `None` for
    /// a file without codes.
    pub(super) fn codebook_memo(&self) -> Option<String> {
        if self.code_order.is_empty() {
            return None;
        }
        let mut lines = vec![format!(
            "Codebook of {}:",
            if self.report.origin.is_empty() {
                "the imported project"
            } else {
                &self.report.origin
            }
        )];
        for guid in &self.code_order {
            let code = &self.codes[guid];
            let mut line = format!("- {}", code.path);
            if let Some(colour) = &code.colour {
                line.push_str(&format!(" ({colour})"));
            }
            if !code.description.is_empty() {
                line.push_str(&format!(": {}", one_line(&code.description)));
            }
            for note in &code.notes {
                line.push_str(&format!(" [{}]", one_line(note)));
            }
            lines.push(line);
        }
        Some(lines.join("\n"))
    }
}

/// The element with `guid` below `element`, depth first.
fn find_guid<'a>(element: Option<&'a Element>, guid: &str) -> Option<&'a Element> {
    let element = element?;
    if element.attr("guid").is_some_and(|g| canonical(g) == guid) {
        return Some(element);
    }
    element
        .children
        .iter()
        .find_map(|c| find_guid(Some(c), guid))
}
