//! Notes: each `Note` is read once, then its text goes into the memo of whatever refers to it
//! (`NoteRef`); the project's own description and notes, the notes nothing refers to, and the
//! codebook make the project memo.

use super::guids::Kind;
use super::sources::TextFound;
use super::{Builder, join, one_line, tidy};
use crate::io::qdpx::QdpxError;
use crate::io::qdpx::archive::Archive;
use crate::io::qdpx::guid::canonical;
use crate::io::qdpx::xml::Element;
use std::collections::HashMap;
use std::io::{Read, Seek};

/// A note's text, for the memos that refer to it.
pub(super) struct NoteText {
    name: String,
    text: String,
}

impl NoteText {
    /// The note as it stands in a memo: its text, after its name when it has one.
    fn memo(&self) -> String {
        if self.name.is_empty() {
            self.text.clone()
        } else {
            format!("{}:\n{}", self.name, self.text)
        }
    }
}

impl Builder {
    /// Reads a `Note`'s text (inline or from the archive); one without text is skipped.
    pub(super) fn read_note<R: Read + Seek>(
        &mut self,
        note: &Element,
        archive: &mut Archive<R>,
    ) -> Result<(), QdpxError> {
        let guid = canonical(note.attr("guid").unwrap_or_default());
        let text = match self.text_of(note, archive)? {
            Ok(TextFound::Plain(text)) => tidy(&text),
            Ok(TextFound::Normalised(text, _)) => text,
            Err(reason) => {
                self.skip("note", note, reason);
                return Ok(());
            }
        };
        let description = tidy(note.child_text("Description"));
        self.notes.insert(
            guid,
            NoteText {
                name: one_line(note.attr("name").unwrap_or_default()),
                text: join([description, text]),
            },
        );
        Ok(())
    }

    /// The texts of the notes an element refers to (`NoteRef`).
    pub(super) fn note_texts(&mut self, element: &Element) -> Result<Vec<String>, QdpxError> {
        let mut out = Vec::new();
        for reference in element.children_named("NoteRef") {
            let guid = self.target(reference, Kind::Note, "a note")?;
            self.used_notes.insert(guid.clone());
            if let Some(note) = self.notes.get(&guid) {
                out.push(note.memo());
            }
        }
        Ok(out)
    }

    /// The project memo: the project's description and notes, the notes nothing refers to, and
    /// the codebook.
    pub(super) fn project_memo(&mut self, root: &Element) -> Result<(), QdpxError> {
        let mut memo = vec![tidy(root.child_text("Description"))];
        memo.extend(self.note_texts(root)?);
        let mut loose: Vec<&String> = self
            .notes
            .keys()
            .filter(|g| !self.used_notes.contains(*g))
            .collect();
        // In the file's order, not the map's.
        let order: HashMap<String, usize> = root
            .child("Notes")
            .iter()
            .flat_map(|n| &n.children)
            .enumerate()
            .map(|(i, n)| (canonical(n.attr("guid").unwrap_or_default()), i))
            .collect();
        loose.sort_by_key(|g| order.get(*g).copied().unwrap_or(usize::MAX));
        let loose: Vec<String> = loose
            .into_iter()
            .filter_map(|g| self.notes.get(g))
            .map(NoteText::memo)
            .collect();
        if !loose.is_empty() {
            memo.push(format!(
                "Notes not attached to anything:\n\n{}",
                loose.join("\n\n")
            ));
        }
        memo.extend(self.codebook_memo());
        self.project.memo = join(memo);
        Ok(())
    }
}
