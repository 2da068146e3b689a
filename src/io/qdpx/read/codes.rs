//! The codebook: codes (nested codes become paths such as "Attitude/sceptical"), their colours
//! (the project's code colours, under the same path the excerpts get), the notes on them, the
//! `Coding`s that give them to selections, and the codebook's listing in the project memo, which
//! holds what Continuum has no other place for (descriptions, notes, unused codes).

use super::guids::Kind;
use super::{Builder, invalid, one_line, tidy};
use crate::io::qdpx::QdpxError;
use crate::io::qdpx::guid::canonical;
use crate::io::qdpx::xml::Element;
use crate::model::Colour;

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
            if let Some(text) = code.attr("color") {
                self.code_colour(&path, text);
            }
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

    /// Gives the code at `path` the colour `text` (`#RRGGBB` or `#RGB`), or warns that it is
    /// none. Two codes of one path (siblings of the same name) are one code in Continuum: the
    /// first colour given is kept.
    fn code_colour(&mut self, path: &str, text: &str) {
        match rgb(text) {
            Some(colour) => {
                self.project
                    .code_colours
                    .entry(path.to_owned())
                    .or_insert(colour);
            }
            None => self.warn(format!(
                "the code “{path}” has the colour “{text}”, which is not of the form #RRGGBB; \
                 it was left without a colour"
            )),
        }
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

/// A REFI-QDA colour (`RGBType`): `#RRGGBB` or the short `#RGB`, in either case, with blank
/// space around it allowed (it is an `xsd:token`).
fn rgb(text: &str) -> Option<Colour> {
    let hex = text.trim().strip_prefix('#')?;
    if hex.len() == 3 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        let doubled: String = hex.chars().flat_map(|c| [c, c]).collect();
        return Colour::from_hex(&doubled);
    }
    Colour::from_hex(hex)
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

#[cfg(test)]
mod tests {
    use super::rgb;
    use crate::model::Colour;

    #[test]
    fn colours_of_the_standard_are_read_long_short_and_in_either_case() {
        let red = Some(Colour::rgb(0xff, 0, 0));
        assert_eq!(rgb("#FF0000"), red);
        assert_eq!(rgb("#ff0000"), red);
        assert_eq!(rgb(" #f00 "), red);
        assert_eq!(rgb("#0a0"), Some(Colour::rgb(0, 0xaa, 0)));
        for bad in [
            "", "#", "ff0000", "red", "#ff00", "#ff00000", "#gg0000", "#ææ0",
        ] {
            assert_eq!(rgb(bad), None, "{bad:?}");
        }
    }
}
