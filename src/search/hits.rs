//! Finding the hits in one text and describing each: who said it, in which excerpt, with the
//! words around it.

use super::fold::{Cursor, Folded, Origin, is_word_char};
use super::pattern::Matcher;
use super::{CONTEXT_CHARS, Hit, Place, Results, Scope, Speakers};
use crate::model::import_plan::looks_like_interviewer;
use crate::model::{Excerpt, Project, Transcript, TranscriptId};
use std::collections::HashSet;

/// The transcripts that can have hits under `scope` (the filters that hold for a whole
/// transcript, checked before any text is folded): one pass over transcripts and excerpts.
pub(super) fn transcripts_in_scope(project: &Project, scope: &Scope) -> HashSet<TranscriptId> {
    let coded: Option<HashSet<TranscriptId>> = scope.code.as_ref().map(|code| {
        project
            .excerpts
            .iter()
            .filter(|e| e.codes.contains(code))
            .map(|e| e.transcript)
            .collect()
    });
    project
        .transcripts
        .iter()
        .filter(|t| scope.transcript.is_none_or(|only| only == t.id))
        .filter(|t| scope.case.is_none() || project.case_of_transcript(t) == scope.case)
        .filter(|t| coded.as_ref().is_none_or(|coded| coded.contains(&t.id)))
        .map(|t| t.id)
        .collect()
}

/// The hits of `matcher` in `text`, as original (start, end) positions, in text order.
fn find(matcher: &Matcher, text: &str, mut found: impl FnMut(Origin, Origin)) {
    let folded = Folded::new(text, matcher.fold);
    let haystack = folded.text();
    let mut at = 0;
    let mut cursor = Cursor::default();
    while at <= haystack.len() {
        let Some(m) = matcher.regex.find_at(haystack, at) else {
            break;
        };
        // The cursor moves on to the end only with a hit taken: a rejected one is looked at
        // again from just after its start.
        let start = folded.origin(m.start(), &mut cursor);
        let mut after = cursor;
        let bounds = (
            start,
            start.and_then(|_| folded.origin(m.end(), &mut after)),
        );
        let whole = !matcher.check_word_edges || {
            let before = haystack[..m.start()].chars().next_back();
            let after = haystack[m.end()..].chars().next();
            !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
        };
        match bounds {
            (Some(start), Some(end)) if whole && !m.is_empty() => {
                found(start, end);
                cursor = after;
                at = m.end();
            }
            _ => at = folded.next_boundary(m.start()),
        }
    }
}

/// Who is speaking at char `at`: the turn's speaker, whether an interviewer, and the role.
struct Voice<'p> {
    speaker: &'p str,
    interviewer: bool,
    role: &'p str,
    /// The turn's span, to keep the context inside it.
    span: (usize, usize),
}

fn voice_at<'p>(project: &'p Project, transcript: &'p Transcript, at: usize) -> Voice<'p> {
    let own_role = transcript
        .participant
        .and_then(|p| project.participant(p))
        .map_or("", |p| p.role.as_str());
    let index = transcript.turns.partition_point(|turn| turn.start <= at);
    let turn = index
        .checked_sub(1)
        .map(|i| &transcript.turns[i])
        .filter(|turn| at < turn.end);
    let Some(turn) = turn else {
        return Voice {
            speaker: "",
            interviewer: false,
            role: own_role,
            span: (0, usize::MAX),
        };
    };
    let speaker = transcript.speakers.iter().find(|s| s.name == turn.speaker);
    // A speaker the transcript does not list is taken by name ("Interviewer", "I", "Q"), as the
    // import does; a listed one is whatever the researcher said.
    let interviewer =
        speaker.map_or_else(|| looks_like_interviewer(&turn.speaker), |s| s.interviewer);
    let role = if interviewer {
        ""
    } else {
        speaker
            .and_then(|s| s.participant)
            .and_then(|p| project.participant(p))
            .map_or(own_role, |p| p.role.as_str())
    };
    Voice {
        speaker: &turn.speaker,
        interviewer,
        role,
        span: (turn.start, turn.end),
    }
}

fn speaks(voice: &Voice, speakers: &Speakers) -> bool {
    match speakers {
        Speakers::All => true,
        Speakers::Participants => !voice.interviewer,
        Speakers::Interviewer => voice.interviewer,
        Speakers::Named(name) => voice.speaker == name,
    }
}

/// The excerpts of one transcript sorted by start, with the furthest end reached so far, so the
/// excerpts holding a hit are found by a binary search and a short walk back.
struct ExcerptSpans<'p> {
    excerpts: Vec<&'p Excerpt>,
    furthest_end: Vec<usize>,
}

impl<'p> ExcerptSpans<'p> {
    fn new(project: &'p Project, transcript: &Transcript) -> Self {
        let mut excerpts = project.excerpts_of(transcript.id);
        excerpts.sort_by_key(|e| (e.start, e.end));
        let furthest_end = excerpts
            .iter()
            .scan(0, |furthest, e| {
                *furthest = e.end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        Self {
            excerpts,
            furthest_end,
        }
    }

    /// The smallest excerpt holding `start..end` whose codes include `code` (when given).
    fn holding(&self, start: usize, end: usize, code: Option<&String>) -> Option<&'p Excerpt> {
        let mut index = self.excerpts.partition_point(|e| e.start <= start);
        let mut best: Option<&Excerpt> = None;
        while index > 0 && self.furthest_end[index - 1] >= end {
            index -= 1;
            let e = self.excerpts[index];
            if e.end >= end && code.is_none_or(|c| e.codes.contains(c)) {
                best = match best {
                    Some(b) if b.end - b.start <= e.end - e.start => Some(b),
                    _ => Some(e),
                };
            }
        }
        best
    }
}

pub(super) fn search_transcript(
    project: &Project,
    transcript: &Transcript,
    matcher: &Matcher,
    scope: &Scope,
    results: &mut Results,
) {
    let case = project.case_of_transcript(transcript);
    let spans = ExcerptSpans::new(project, transcript);
    let text = transcript.text.as_str();
    find(matcher, text, |start, end| {
        let voice = voice_at(project, transcript, start.char);
        if !speaks(&voice, &scope.speakers) {
            return;
        }
        if scope.role.as_ref().is_some_and(|role| role != voice.role) {
            return;
        }
        let excerpt = spans.holding(start.char, end.char, scope.code.as_ref());
        if scope.code.is_some() && excerpt.is_none() {
            return;
        }
        let (left, right) = context(text, start, end, voice.span);
        results.add(Hit {
            place: Place::Transcript(transcript.id),
            transcript: Some(transcript.id),
            case,
            role: voice.role.to_owned(),
            speaker: voice.speaker.to_owned(),
            interviewer: voice.interviewer,
            start: start.char,
            end: end.char,
            left,
            matched: shown(&text[start.byte..end.byte]),
            right,
            excerpt: excerpt.map(|e| e.id),
        });
    });
}

/// Memos, excerpt labels and codes of the transcripts in scope, then the project memo. In blind
/// coding only the blind coder's own placement memos are searched: the others' are hidden.
pub(super) fn search_notes(
    project: &Project,
    matcher: &Matcher,
    scope: &Scope,
    in_scope: &HashSet<TranscriptId>,
    results: &mut Results,
) {
    let visible_transcript = |id| in_scope.contains(&id);
    let whole_project = scope.transcript.is_none() && scope.case.is_none() && scope.code.is_none();
    if whole_project {
        note_hits(project, matcher, Place::ProjectMemo, &project.memo, results);
    }
    for transcript in &project.transcripts {
        if in_scope.contains(&transcript.id) {
            let place = Place::TranscriptMemo(transcript.id);
            note_hits(project, matcher, place, &transcript.memo, results);
        }
    }
    for excerpt in &project.excerpts {
        let coded = scope
            .code
            .as_ref()
            .is_none_or(|c| excerpt.codes.contains(c));
        if !coded || !visible_transcript(excerpt.transcript) {
            continue;
        }
        let codes = excerpt.codes.join("\n");
        for (place, text) in [
            (Place::ExcerptLabel(excerpt.id), excerpt.label.as_str()),
            (Place::ExcerptMemo(excerpt.id), excerpt.memo.as_str()),
            (Place::ExcerptCodes(excerpt.id), codes.as_str()),
        ] {
            note_hits(project, matcher, place, text, results);
        }
    }
    for annotator in &project.annotators {
        if project.blind.is_some_and(|blind| blind != annotator.id) {
            continue;
        }
        for placement in &annotator.placements {
            let excerpt = project.excerpt(placement.excerpt);
            let coded = excerpt.is_some_and(|e| {
                scope.code.as_ref().is_none_or(|c| e.codes.contains(c))
                    && visible_transcript(e.transcript)
            });
            if coded {
                let place = Place::PlacementMemo(annotator.id, placement.excerpt);
                note_hits(project, matcher, place, &placement.memo, results);
            }
        }
    }
}

fn note_hits(
    project: &Project,
    matcher: &Matcher,
    place: Place,
    text: &str,
    results: &mut Results,
) {
    if text.is_empty() {
        return;
    }
    let (transcript, excerpt) = match place {
        Place::TranscriptMemo(t) => (Some(t), None),
        Place::ExcerptLabel(e) | Place::ExcerptMemo(e) | Place::ExcerptCodes(e) => {
            (project.excerpt(e).map(|x| x.transcript), Some(e))
        }
        Place::PlacementMemo(_, e) => (project.excerpt(e).map(|x| x.transcript), Some(e)),
        Place::ProjectMemo | Place::Transcript(_) => (None, None),
    };
    let transcript_ref = transcript.and_then(|t| project.transcript(t));
    let case = transcript_ref.and_then(|t| project.case_of_transcript(t));
    let role = transcript_ref
        .and_then(|t| t.participant)
        .and_then(|p| project.participant(p))
        .map_or(String::new(), |p| p.role.clone());
    find(matcher, text, |start, end| {
        let (left, right) = context(text, start, end, (0, usize::MAX));
        results.add(Hit {
            place,
            transcript,
            case,
            role: role.clone(),
            speaker: String::new(),
            interviewer: false,
            start: start.char,
            end: end.char,
            left,
            matched: shown(&text[start.byte..end.byte]),
            right,
            excerpt,
        });
    });
}

/// The longest hit shown in full; a longer one (a regular expression can match a whole turn) is
/// cut in the middle, so a list of hits stays readable and bounded.
const MAX_SHOWN_CHARS: usize = 200;

fn shown(hit: &str) -> String {
    let mut text = flatten(hit);
    if text.chars().count() > MAX_SHOWN_CHARS {
        let head: String = text.chars().take(MAX_SHOWN_CHARS / 2).collect();
        let tail: String = {
            let mut tail: Vec<char> = text.chars().rev().take(MAX_SHOWN_CHARS / 2).collect();
            tail.reverse();
            tail.into_iter().collect()
        };
        text = format!("{head} … {tail}");
    }
    text
}

/// Line breaks and tabs as spaces, so a context is one line.
fn flatten(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// Up to [`CONTEXT_CHARS`] chars before `start` and after `end`, not past the turn `span`.
fn context(text: &str, start: Origin, end: Origin, span: (usize, usize)) -> (String, String) {
    let before = start.char.saturating_sub(span.0).min(CONTEXT_CHARS);
    let mut left: Vec<char> = text[..start.byte].chars().rev().take(before).collect();
    left.reverse();
    let after = span.1.saturating_sub(end.char).min(CONTEXT_CHARS);
    let right: String = text[end.byte..].chars().take(after).collect();
    let left: String = left.into_iter().collect();
    (flatten(&left), flatten(&right))
}
