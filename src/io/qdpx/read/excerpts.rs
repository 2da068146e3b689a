//! Selections to excerpts: each `PlainTextSelection` of a text source, its offsets mapped from
//! the stored text (in the unit the file was found to use) onto the transcript's paragraphs,
//! becomes an excerpt with the codes of its `Coding`s; who coded it with what, and its
//! description and notes, go into the excerpt's memo.

use super::sources::SourceText;
use super::{Builder, invalid, join, one_line, tidy};
use crate::io::qdpx::QdpxError;
use crate::io::qdpx::offsets::{BadOffset, OffsetUnit, map_span};
use crate::io::qdpx::xml::Element;
use crate::model::{Excerpt, ExcerptId};
use std::collections::HashMap;

/// An excerpt made from selections: its index in the project, its memo parts, and each user
/// with the codes they gave it.
type Made = (usize, Vec<String>, Vec<(String, Vec<String>)>);

impl Builder {
    /// Maps a text source's selections onto its transcript, as excerpts. Selections of the same
    /// span become one excerpt with all their codes (NVivo writes a selection per coding).
    pub(super) fn read_selections(
        &mut self,
        source: &Element,
        text: SourceText,
        unit: OffsetUnit,
    ) -> Result<(), QdpxError> {
        let SourceText {
            transcript,
            raw,
            runs,
            ..
        } = text;
        // Per excerpt made here: its memo parts and who coded it with what, joined at the end so
        // the selections joined into one excerpt give one line per user.
        let mut by_span: HashMap<(usize, usize), usize> = HashMap::new();
        let mut made: Vec<Made> = Vec::new();
        let mut merged = 0;
        for selection in source.children_named("PlainTextSelection") {
            let mut codes = Vec::new();
            let mut coded_by: Vec<(String, String)> = Vec::new();
            let mut memo = vec![tidy(selection.child_text("Description"))];
            memo.extend(self.note_texts(selection)?);
            for coding in selection.children_named("Coding") {
                let (path, user, notes) = self.coding(coding)?;
                if let Some(user) = user {
                    coded_by.push((user, path.clone()));
                }
                codes.push(path);
                memo.extend(notes);
            }
            let Some(raw) = &raw else {
                self.skip(
                    "selection",
                    selection,
                    "its source has its text only in a rich-text file, and the selection's \
                     offsets refer to a plain-text version the file does not hold",
                );
                continue;
            };
            let offset = |key: &str| {
                let value = selection.attr(key).unwrap_or_default().trim();
                let value: usize = value.parse().unwrap_or(0);
                raw.to_char(value, unit).map_err(|bad| {
                    let source_name = source.attr("name").unwrap_or_default();
                    invalid(
                        selection,
                        match bad {
                            BadOffset::PastEnd { length } => format!(
                                "its {key} {value} is past the end of the text of source \
                                 “{source_name}” ({length} {unit_name})",
                                unit_name = match unit {
                                    OffsetUnit::Chars => "characters",
                                    OffsetUnit::Utf16 => "UTF-16 code units",
                                }
                            ),
                            BadOffset::InsidePair => format!(
                                "its {key} {value} falls inside a character of source \
                                 “{source_name}”"
                            ),
                        },
                    )
                })
            };
            let (start, end) = (offset("startPosition")?, offset("endPosition")?);
            if start == end {
                self.skip(
                    "selection",
                    selection,
                    "it is empty (it starts where it ends)",
                );
                continue;
            }
            let Some((start, end)) = map_span(&runs, start, end) else {
                self.skip(
                    "selection",
                    selection,
                    "it holds only line breaks, blank space or a speaker's name",
                );
                continue;
            };
            let label = label_of(selection.attr("name").unwrap_or_default());
            let slot = match by_span.get(&(start, end)) {
                Some(&slot) => {
                    merged += 1;
                    slot
                }
                None => {
                    by_span.insert((start, end), made.len());
                    made.push((self.project.excerpts.len(), Vec::new(), Vec::new()));
                    self.project.excerpts.push(Excerpt {
                        id: ExcerptId(self.project.excerpts.len() as u32 + 1),
                        transcript,
                        start,
                        end,
                        label: String::new(),
                        memo: String::new(),
                        codes: Vec::new(),
                    });
                    made.len() - 1
                }
            };
            let (at, memos, users) = &mut made[slot];
            let excerpt = &mut self.project.excerpts[*at];
            for code in codes {
                if !excerpt.codes.contains(&code) {
                    excerpt.codes.push(code);
                }
            }
            if excerpt.label.is_empty() {
                excerpt.label = label;
            }
            for part in memo {
                if !memos.contains(&part) {
                    memos.push(part);
                }
            }
            for (user, path) in coded_by {
                match users.iter_mut().find(|(u, _)| *u == user) {
                    Some((_, paths)) if !paths.contains(&path) => paths.push(path),
                    Some(_) => {}
                    None => users.push((user, vec![path])),
                }
            }
        }
        for (at, memos, users) in made {
            let coded_by = users
                .into_iter()
                .map(|(user, paths)| format!("Coded by {user}: {}", paths.join("; ")));
            self.project.excerpts[at].memo = join(memos.into_iter().chain(coded_by));
        }
        if merged > 0 {
            self.warn(format!(
                "{} of source “{}” cover the same words as another selection and were joined \
                 with it into one excerpt, with the codes of both",
                crate::model::plural(merged, "selection"),
                source.attr("name").unwrap_or_default()
            ));
        }
        Ok(())
    }
}

/// A selection's name as an excerpt's label, unless it only says where the selection is
/// (QualCoder names every one "line:6", "line:8", …): an empty label shows the quote instead.
fn label_of(name: &str) -> String {
    static PLACE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^(lines?|para(graph)?s?|pos(ition)?|chars?)?\s*[:#.]?\s*\d+(\s*[-–:,]\s*\d+)*$",
        )
        .expect("a valid pattern")
    });
    let name = one_line(name);
    if PLACE.is_match(&name) {
        String::new()
    } else {
        name
    }
}

#[cfg(test)]
mod label_tests {
    use super::label_of;

    #[test]
    fn a_name_that_only_says_where_the_selection_is_is_no_label() {
        for place in ["line:6", "Line 23", "lines 3-5", "320-400", "12", "para. 4"] {
            assert_eq!(label_of(place), "", "{place}");
        }
        for label in [
            "Two families",
            "Line manager's view",
            "2 visits a day",
            "Q3: trust",
        ] {
            assert_eq!(label_of(label), label);
        }
        assert_eq!(label_of("  Part of\n her week "), "Part of her week");
    }
}
