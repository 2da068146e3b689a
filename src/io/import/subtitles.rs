//! Subtitles from transcription services: WebVTT (`.vtt`) and SubRip (`.srt`). Each cue's start
//! time is kept with its turn. The speaker comes from a WebVTT voice tag (`<v Mette>`) or a
//! "Name:" prefix; a cue without one continues the turn before it, and consecutive cues by the same
//! speaker are joined into one turn, so a transcript reads as turns rather than as two-second
//! subtitle fragments.

use super::turns::speaker_prefix;
use super::{Format, ImportError};
use crate::model::Turn;

struct Cue {
    start_ms: u64,
    speaker: Option<String>,
    text: String,
}

/// Why a cue time could not be read.
#[derive(Debug, PartialEq)]
enum BadTime {
    /// Not in any time notation.
    Malformed,
    /// Well-formed but larger than milliseconds can count (the numbers would wrap around).
    TooLarge,
}

/// One number of a time: digits only; digits that do not fit are too large, not malformed.
fn time_part(text: &str) -> Result<u64, BadTime> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BadTime::Malformed);
    }
    text.parse().map_err(|_| BadTime::TooLarge)
}

/// Parses `hh:mm:ss.mmm`, `mm:ss.mmm` (WebVTT) or `hh:mm:ss,mmm` (SubRip). All arithmetic is
/// checked: a release build would otherwise wrap `307445734561825861:00.000` to 44 seconds.
fn parse_time(text: &str) -> Result<u64, BadTime> {
    let text = text.trim().replace(',', ".");
    let (clock, millis) = text.split_once('.').ok_or(BadTime::Malformed)?;
    if millis.len() != 3 {
        return Err(BadTime::Malformed);
    }
    let millis = time_part(millis)?;
    let parts: Vec<u64> = clock.split(':').map(time_part).collect::<Result<_, _>>()?;
    let (hours, minutes, seconds) = match parts.as_slice() {
        [h, m, s] if *m < 60 && *s < 60 => (*h, *m, *s),
        [m, s] if *s < 60 => (0, *m, *s),
        _ => return Err(BadTime::Malformed),
    };
    let total = hours
        .checked_mul(60)
        .and_then(|m| m.checked_add(minutes))
        .and_then(|m| m.checked_mul(60))
        .and_then(|s| s.checked_add(seconds))
        .and_then(|s| s.checked_mul(1000))
        .and_then(|ms| ms.checked_add(millis));
    total.ok_or(BadTime::TooLarge)
}

/// Removes markup such as `<i>`, `<c.loud>`, `<00:00:01.000>` and `</v>`; returns the speaker of a
/// leading voice tag.
fn strip_tags(text: &str) -> (Option<String>, String) {
    let mut speaker = None;
    let mut plain = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        plain.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            plain.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        if speaker.is_none()
            && let Some(voice) = tag.strip_prefix('v').filter(|t| t.starts_with([' ', '.']))
        {
            // "<v Mette>" or "<v.loud Mette>": the annotation after the first space is the name.
            let name = voice.split_once(' ').map_or("", |(_, name)| name).trim();
            if !name.is_empty() {
                speaker = Some(name.to_owned());
            }
        }
        rest = &rest[open + close + 1..];
    }
    plain.push_str(rest);
    let plain = plain
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ");
    (
        speaker,
        plain.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

fn parse_cues(format: Format, text: &str) -> Result<Vec<Cue>, ImportError> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    if format == Format::WebVtt {
        let first = lines
            .first()
            .map_or("", |l| l.trim_start_matches('\u{feff}'));
        if !first.starts_with("WEBVTT") {
            return Err(ImportError::Subtitles {
                line: 1,
                message: "not a WebVTT file: it must begin with the word WEBVTT".to_owned(),
            });
        }
        // The header block (WEBVTT and lines such as "Kind: captions") runs to the first blank line.
        i = lines
            .iter()
            .position(|l| l.trim().is_empty())
            .unwrap_or(lines.len());
    }
    let mut cues = Vec::new();
    while i < lines.len() {
        // Skip blank lines between blocks.
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let block_start = i;
        let mut block_end = i;
        while block_end < lines.len() && !lines[block_end].trim().is_empty() {
            block_end += 1;
        }
        let block = &lines[block_start..block_end];
        i = block_end;
        let first = block[0].trim();
        if format == Format::WebVtt
            && (first.starts_with("NOTE")
                || first.starts_with("STYLE")
                || first.starts_with("REGION"))
        {
            continue;
        }
        let Some(timing_at) = block.iter().position(|l| l.contains("-->")) else {
            return Err(ImportError::Subtitles {
                line: block_start + 1,
                message: format!(
                    "expected a cue time such as 00:00:01,000 --> 00:00:04,000, found “{first}”"
                ),
            });
        };
        let timing = block[timing_at];
        let start = timing.split("-->").next().unwrap_or("");
        let start_ms = parse_time(start).map_err(|problem| ImportError::Subtitles {
            line: block_start + timing_at + 1,
            message: match problem {
                BadTime::Malformed => format!("cannot read the cue time “{}”", start.trim()),
                BadTime::TooLarge => format!(
                    "the cue time “{}” is too large to be a time in a recording",
                    start.trim()
                ),
            },
        })?;
        let joined = block[timing_at + 1..].join(" ");
        let (voice, plain) = strip_tags(&joined);
        let (speaker, said) = match voice {
            Some(name) => (Some(name), plain),
            None => match speaker_prefix(&plain) {
                Some((name, said)) => (Some(name.to_owned()), said.to_owned()),
                None => (None, plain),
            },
        };
        if !said.is_empty() {
            cues.push(Cue {
                start_ms,
                speaker,
                text: said,
            });
        }
    }
    Ok(cues)
}

/// Reads subtitles into paragraphs (one per turn) and turns with their start times.
pub fn read(format: Format, text: &str) -> Result<(String, Vec<Turn>), ImportError> {
    let cues = parse_cues(format, text)?;
    let mut out = String::new();
    let mut turns: Vec<Turn> = Vec::new();
    let mut chars = 0;
    for cue in cues {
        let continues = match (&cue.speaker, turns.last()) {
            (None, Some(last)) => !last.speaker.is_empty(),
            (Some(name), Some(last)) => *name == last.speaker,
            (_, None) => false,
        };
        if continues && let Some(last) = turns.last_mut() {
            out.push(' ');
            out.push_str(&cue.text);
            chars += 1 + cue.text.chars().count();
            last.end = chars;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            chars += 1;
        }
        let start = chars;
        out.push_str(&cue.text);
        chars += cue.text.chars().count();
        turns.push(Turn {
            start,
            end: chars,
            speaker: cue.speaker.unwrap_or_default(),
            time_ms: Some(cue.start_ms),
        });
    }
    Ok((out, turns))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_both_notations() {
        assert_eq!(parse_time("00:01:02.500"), Ok(62_500));
        assert_eq!(parse_time("01:02.500"), Ok(62_500));
        assert_eq!(parse_time("01:00:00,001"), Ok(3_600_001));
        assert_eq!(parse_time("1:2:3"), Err(BadTime::Malformed));
        assert_eq!(parse_time("00:61:00.000"), Err(BadTime::Malformed));
        assert_eq!(parse_time("00:+1:00.000"), Err(BadTime::Malformed));
        assert_eq!(
            parse_time("99999999999999999:00:00.000"),
            Err(BadTime::TooLarge)
        );
    }

    /// Issue 11, item 13: minutes times 60 wrapped in release builds (and panicked in debug), so
    /// this was stored as 44,000 ms.
    #[test]
    fn huge_minutes_in_a_cue_time_are_refused_not_wrapped() {
        assert_eq!(
            parse_time("307445734561825861:00.000"),
            Err(BadTime::TooLarge)
        );
        assert_eq!(
            parse_time("99999999999999999999999:00.000"),
            Err(BadTime::TooLarge)
        );
        let vtt = "WEBVTT\n\n1\n307445734561825861:00.000 --> 307445734561825861:01.000\nHi\n";
        let Err(error) = parse_cues(Format::WebVtt, vtt) else {
            panic!("a time past u64 milliseconds was accepted");
        };
        assert_eq!(
            error.to_string(),
            "line 4: the cue time “307445734561825861:00.000” is too large to be a time in a recording"
        );
    }

    #[test]
    fn voice_tags_and_markup() {
        assert_eq!(
            strip_tags(
                "<v.loud Mette Sørensen><i>Ja</i>, <00:00:01.000>det er</v> rigtigt &amp; godt"
            ),
            (
                Some("Mette Sørensen".to_owned()),
                "Ja, det er rigtigt & godt".to_owned()
            )
        );
        assert_eq!(strip_tags("plain <b>bold"), (None, "plain bold".to_owned()));
    }
}
