//! Sources: a text source becomes a transcript, its text read inline, from a plain-text file
//! or from a rich-text file in the archive, and split into speaker turns; its description,
//! notes, whole-source codings and variables go into the transcript's memo. PDF, picture,
//! audio and video sources are skipped by name.

use super::{Builder, invalid, join, one_line, tidy};
use crate::io::import::{KeptRun, decode_text, import_bytes, split_speaker_turns_mapped};
use crate::io::qdpx::archive::{Archive, Located};
use crate::io::qdpx::guid::canonical;
use crate::io::qdpx::offsets::RawText;
use crate::io::qdpx::xml::Element;
use crate::io::qdpx::{MAX_SOURCE_BYTES, QdpxError};
use crate::model::import_plan::{looks_like_interviewer, unique_name};
use crate::model::{Speaker, Transcript, TranscriptId, Turn};
use std::collections::HashSet;
use std::io::{Read, Seek};

/// A text source read, before its selections are mapped.
pub(super) struct SourceText {
    pub(super) transcript: TranscriptId,
    /// The stored text and its offsets, or `None` for text read from a .docx (selections then
    /// have no text of their own to land on).
    pub(super) raw: Option<RawText>,
    /// Where each paragraph of the transcript came from in `raw`.
    pub(super) runs: Vec<KeptRun>,
    pub(super) offsets: Vec<(usize, usize)>,
}

/// A source's text as read: as stored (selections address it), or already normalised (read from
/// a .docx, with its turns).
pub(super) enum TextFound {
    Plain(String),
    Normalised(String, Vec<Turn>),
}

impl Builder {
    /// The text of a `Note` or a text source: inline, or from the archive. `Err` for a broken
    /// file; `Ok(Err(reason))` when the text cannot be had and the element is skipped.
    pub(super) fn text_of<R: Read + Seek>(
        &mut self,
        element: &Element,
        archive: &mut Archive<R>,
    ) -> Result<Result<TextFound, String>, QdpxError> {
        if let Some(content) = element.child("PlainTextContent") {
            return Ok(Ok(TextFound::Plain(content.text.clone())));
        }
        if let Some(path) = element.attr("plainTextPath") {
            return match archive.locate(path) {
                Located::Entry(index) => {
                    let bytes = archive.read(index, MAX_SOURCE_BYTES)?;
                    if bytes.is_empty() {
                        return Ok(Ok(TextFound::Plain(String::new())));
                    }
                    match decode_text(&bytes, crate::io::import::MAX_IMPORT_TEXT_BYTES) {
                        Ok(decoded) => {
                            if decoded.encoding != "UTF-8" {
                                self.warn(format!(
                                    "the text of “{}” is in {}, not UTF-8 as the standard says; \
                                     check that its selections land on the right words",
                                    element.attr("name").unwrap_or_default(),
                                    decoded.encoding
                                ));
                            }
                            Ok(Ok(TextFound::Plain(decoded.text)))
                        }
                        Err(e) => Ok(Err(format!("its text file {e}"))),
                    }
                }
                Located::Outside(reason) => Ok(Err(reason)),
            };
        }
        if let Some(path) = element.attr("richTextPath") {
            return match archive.locate(path) {
                Located::Entry(index) => {
                    let bytes = archive.read(index, MAX_SOURCE_BYTES)?;
                    let extension = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
                    match import_bytes(&extension, &bytes) {
                        Ok(imported) => {
                            Ok(Ok(TextFound::Normalised(imported.text, imported.turns)))
                        }
                        Err(e) => Ok(Err(format!("its rich-text file {e}"))),
                    }
                }
                Located::Outside(reason) => Ok(Err(reason)),
            };
        }
        Ok(Err(
            "it has no text: neither PlainTextContent nor a file".to_owned()
        ))
    }

    /// Reads one source: a text source becomes a transcript; other kinds are skipped by name.
    pub(super) fn read_source<R: Read + Seek>(
        &mut self,
        source: &Element,
        archive: &mut Archive<R>,
    ) -> Result<Option<SourceText>, QdpxError> {
        let kind = match source.name.as_str() {
            "TextSource" => None,
            "PDFSource" => Some("PDF source"),
            "PictureSource" => Some("picture source"),
            "AudioSource" => Some("audio source"),
            "VideoSource" => Some("video source"),
            _ => Some("source"),
        };
        if let Some(kind) = kind {
            self.skip(kind, source, "Continuum codes text only");
            return Ok(None);
        }
        let found = match self.text_of(source, archive)? {
            Ok(found) => found,
            Err(reason) => {
                self.skip("text source", source, reason);
                return Ok(None);
            }
        };
        let mut offsets = Vec::new();
        for selection in source.children_named("PlainTextSelection") {
            let position = |key: &str| -> Result<usize, QdpxError> {
                let value = selection.attr(key).unwrap_or_default().trim();
                value.parse::<usize>().map_err(|_| {
                    invalid(
                        selection,
                        format!("its {key} “{value}” is not a number of 0 or more"),
                    )
                })
            };
            let (start, end) = (position("startPosition")?, position("endPosition")?);
            if start > end {
                return Err(invalid(
                    selection,
                    format!("it starts ({start}) after it ends ({end})"),
                ));
            }
            offsets.push((start, end));
        }
        let (text, turns, raw) = match found {
            TextFound::Plain(text) => {
                let (normalised, turns, runs) = split_speaker_turns_mapped(&text);
                (normalised, turns, Some((RawText::new(text), runs)))
            }
            TextFound::Normalised(text, turns) => (text, turns, None),
        };
        if text.trim().is_empty() {
            self.skip("text source", source, "it has no text");
            return Ok(None);
        }
        let id = TranscriptId(self.project.transcripts.len() as u32 + 1);
        let name = unique_name(&source_name(source), |n| self.names.contains(n));
        self.names.insert(name.clone());
        let speakers = speakers_of(&turns);
        self.transcripts
            .insert(canonical(source.attr("guid").unwrap_or_default()), id);
        self.project.transcripts.push(Transcript {
            id,
            name,
            participant: None,
            case: None,
            memo: String::new(),
            speakers,
            turns,
            text,
        });
        let (raw, runs) = match raw {
            Some((raw, runs)) => (Some(raw), runs),
            None => (None, Vec::new()),
        };
        Ok(Some(SourceText {
            transcript: id,
            raw,
            runs,
            offsets,
        }))
    }

    /// A text source's own memo: its description and notes, the codes given to it as a whole,
    /// and its variables (kept for the cases to add theirs, and written in the memo at the end).
    pub(super) fn read_source_memo(
        &mut self,
        source: &Element,
        transcript: TranscriptId,
    ) -> Result<(), QdpxError> {
        let mut memo = vec![tidy(source.child_text("Description"))];
        memo.extend(self.note_texts(source)?);
        for coding in source.children_named("Coding") {
            let (path, user, notes) = self.coding(coding)?;
            let by = user.map(|u| format!(" (by {u})")).unwrap_or_default();
            memo.push(format!("Coded as a whole: {path}{by}"));
            memo.extend(notes);
        }
        for value in source.children_named("VariableValue") {
            let (name, value) = self.variable_value(value)?;
            self.values
                .entry(transcript)
                .or_default()
                .push((name, value, "the source".to_owned()));
        }
        if let Some(t) = self
            .project
            .transcripts
            .iter_mut()
            .find(|t| t.id == transcript)
        {
            t.memo = join(memo);
        }
        Ok(())
    }
}

/// A source's name, or (QualCoder writes none) its file's name without the extension.
fn source_name(source: &Element) -> String {
    let name = one_line(source.attr("name").unwrap_or_default());
    if !name.is_empty() {
        return name;
    }
    let path = source
        .attr("plainTextPath")
        .or_else(|| source.attr("richTextPath"))
        .unwrap_or_default();
    let file = path.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    one_line(stem)
}

/// The speakers named in turns, in order of appearance, the interviewer recognised by name.
fn speakers_of(turns: &[Turn]) -> Vec<Speaker> {
    let mut seen = HashSet::new();
    turns
        .iter()
        .filter(|t| !t.speaker.is_empty() && seen.insert(t.speaker.as_str()))
        .map(|t| Speaker {
            name: t.speaker.clone(),
            participant: None,
            interviewer: looks_like_interviewer(&t.speaker),
        })
        .collect()
}
