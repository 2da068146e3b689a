//! The transcripts' text as other tools see it, with each speaker's name at the start of their
//! turn, and the way from a char offset of Continuum's text to the same place in that text.

use crate::io::import::speaker_prefix;
use crate::model::Transcript;

/// Where speakers' names were put into the text: (char position in Continuum's text, chars
/// inserted there), in text order.
pub(super) type Inserts = Vec<(usize, usize)>;

/// The transcript's text as other tools see it: each turn that starts a line begins with
/// "Speaker: ", as in the file it was imported from. A name is written only where Continuum
/// would read it back as the speaker.
pub(super) fn exported_text(transcript: &Transcript) -> (String, Inserts) {
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
pub(super) fn shifted(inserts: &Inserts, offset: usize, is_start: bool) -> usize {
    let before =
        inserts.partition_point(|&(at, _)| if is_start { at <= offset } else { at < offset });
    offset + inserts[..before].iter().map(|(_, len)| len).sum::<usize>()
}
