//! Turning imported transcripts into edits: which case each belongs to, and who each speaker is
//! (the interviewer, an existing participant, or a new one). Shared by the import dialog and
//! `continuum import`, so both file transcripts the same way. Pure: no files, no GUI.

use super::ids::take_id;
use super::{
    Case, CaseId, Edit, IdsExhausted, Participant, ParticipantId, Project, Speaker, Transcript,
    TranscriptId, Turn,
};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

/// Which case a transcript goes into.
#[derive(Clone, Debug, PartialEq)]
pub enum CaseChoice {
    None,
    Existing(CaseId),
    /// A case made for this import (two transcripts naming the same new case share it).
    New(String),
}

/// Who a speaker is.
#[derive(Clone, Debug, PartialEq)]
pub enum SpeakerChoice {
    Interviewer,
    Existing(ParticipantId),
    New { name: String, role: String },
}

/// How one imported transcript is filed.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    pub name: String,
    pub case: CaseChoice,
    /// One choice per speaker named in the turns, in order of appearance.
    pub speakers: Vec<(String, SpeakerChoice)>,
}

/// Whether a speaker's name says they are the interviewer ("Interviewer", "I", "Q", "Int.").
pub fn looks_like_interviewer(name: &str) -> bool {
    let lower = name.trim().trim_end_matches('.').to_lowercase();
    matches!(
        lower.as_str(),
        "i" | "q"
            | "int"
            | "iv"
            | "moderator"
            | "researcher"
            | "interviewer"
            | "interviewerin"
            | "interviewer 1"
    ) || lower.starts_with("interview")
}

/// The plan a user would most likely choose: a case by name (existing or new), the interviewer
/// recognised by name, other speakers matched to participants of the same name or made new ones.
/// `participant` names the interviewee when the file has no named turns (or overrides the match).
pub fn default_plan(
    project: &Project,
    name: &str,
    speakers: &[String],
    case: Option<&str>,
    participant: Option<&str>,
    role: Option<&str>,
) -> ImportPlan {
    let case = match case.map(str::trim).filter(|c| !c.is_empty()) {
        None => CaseChoice::None,
        Some(case_name) => project
            .cases
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(case_name))
            .map_or_else(
                || CaseChoice::New(case_name.to_owned()),
                |c| CaseChoice::Existing(c.id),
            ),
    };
    let role = role.map_or("participant", str::trim).to_owned();
    // One lookup table, not a search of every participant per speaker (quadratic with many).
    let mut by_name: HashMap<String, ParticipantId> = HashMap::new();
    for p in &project.participants {
        by_name.entry(p.name.to_ascii_lowercase()).or_insert(p.id);
    }
    let who = |person: &str| {
        by_name.get(&person.to_ascii_lowercase()).map_or_else(
            || SpeakerChoice::New {
                name: person.to_owned(),
                role: role.clone(),
            },
            |&id| SpeakerChoice::Existing(id),
        )
    };
    let mut plan_speakers = Vec::new();
    for speaker in speakers {
        let choice = if looks_like_interviewer(speaker) {
            SpeakerChoice::Interviewer
        } else {
            who(participant.unwrap_or(speaker))
        };
        plan_speakers.push((speaker.clone(), choice));
    }
    let mut plan = ImportPlan {
        name: name.to_owned(),
        case,
        speakers: plan_speakers,
    };
    // A file without named turns is still one person's interview, if the user said whose.
    if plan.speakers.is_empty()
        && let Some(person) = participant
    {
        plan.speakers.push((String::new(), who(person)));
    }
    plan
}

/// `wanted` (trimmed), or the first of "wanted (2)", "wanted (3)", … that is not `taken`;
/// "Transcript" stands in for an empty name. The import names transcripts this way, and the import
/// dialog proposes names this way, so three files called `interview.*` are not three "interview"s.
pub fn unique_name(wanted: &str, taken: impl Fn(&str) -> bool) -> String {
    let wanted = match wanted.trim() {
        "" => "Transcript",
        trimmed => trimmed,
    };
    let mut name = wanted.to_owned();
    let mut n = 2u64;
    while taken(&name) {
        name = format!("{wanted} ({n})");
        n += 1;
    }
    name
}

/// Collects the edits for a batch of imports, giving new cases, participants and transcripts ids
/// that do not collide with the project's or with each other. Names are looked up in maps: lists
/// made a batch with 100,000 distinct speakers quadratic.
pub struct Importer {
    edits: Vec<Edit>,
    new_cases: HashMap<String, CaseId>,
    new_participants: HashMap<String, ParticipantId>,
    names: HashSet<String>,
    /// The next free ids, or why there are none (the project already uses the largest).
    next_case: Result<CaseId, IdsExhausted>,
    next_participant: Result<ParticipantId, IdsExhausted>,
    next_transcript: Result<TranscriptId, IdsExhausted>,
}

/// Whether `count` more ids can be taken from `next`.
fn has_room<T: Copy>(
    next: &Result<T, IdsExhausted>,
    step: fn(T) -> Result<T, IdsExhausted>,
    count: usize,
) -> Result<(), IdsExhausted> {
    if count == 0 {
        return Ok(());
    }
    let mut id = next.clone()?;
    for _ in 1..count {
        id = step(id)?;
    }
    Ok(())
}

impl Importer {
    pub fn new(project: &Project) -> Self {
        Self {
            edits: Vec::new(),
            new_cases: HashMap::new(),
            new_participants: HashMap::new(),
            names: project.transcripts.iter().map(|t| t.name.clone()).collect(),
            next_case: project.next_case_id(),
            next_participant: project.next_participant_id(),
            next_transcript: project.next_transcript_id(),
        }
    }

    fn case_for(&mut self, choice: &CaseChoice) -> Result<Option<CaseId>, IdsExhausted> {
        match choice {
            CaseChoice::None => Ok(None),
            CaseChoice::Existing(id) => Ok(Some(*id)),
            CaseChoice::New(name) => {
                if let Some(id) = self.new_cases.get(name) {
                    return Ok(Some(*id));
                }
                let id = take_id(&mut self.next_case, CaseId::next)?;
                self.new_cases.insert(name.clone(), id);
                self.edits.push(Edit::AddCase(Case {
                    id,
                    name: name.clone(),
                    description: String::new(),
                }));
                Ok(Some(id))
            }
        }
    }

    fn participant_for(
        &mut self,
        choice: &SpeakerChoice,
        case: Option<CaseId>,
    ) -> Result<Option<ParticipantId>, IdsExhausted> {
        match choice {
            SpeakerChoice::Interviewer => Ok(None),
            SpeakerChoice::Existing(id) => Ok(Some(*id)),
            SpeakerChoice::New { name, role } => {
                // One hash of the name, whether it is new or not.
                let slot = match self.new_participants.entry(name.clone()) {
                    Entry::Occupied(made) => return Ok(Some(*made.get())),
                    Entry::Vacant(slot) => slot,
                };
                let id = take_id(&mut self.next_participant, ParticipantId::next)?;
                slot.insert(id);
                self.edits.push(Edit::AddParticipant(Participant {
                    id,
                    name: name.clone(),
                    role: role.clone(),
                    case,
                }));
                Ok(Some(id))
            }
        }
    }

    /// A name not yet used by a transcript: "Mette", else "Mette (2)", …
    fn unique_name(&mut self, wanted: &str) -> String {
        let name = unique_name(wanted, |n| self.names.contains(n));
        self.names.insert(name.clone());
        name
    }

    /// Checks that ids are left for all that `plan` would add, before anything is added, so a
    /// transcript is filed whole or not at all.
    fn check_ids(&self, plan: &ImportPlan) -> Result<(), IdsExhausted> {
        if let CaseChoice::New(name) = &plan.case
            && !self.new_cases.contains_key(name)
        {
            has_room(&self.next_case, CaseId::next, 1)?;
        }
        // Room for every new-participant choice is enough, and cheap to check; only near the
        // last id are names counted exactly (once each, and not if made earlier in the batch).
        let choices = plan
            .speakers
            .iter()
            .filter(|(_, choice)| matches!(choice, SpeakerChoice::New { .. }))
            .count();
        if has_room(&self.next_participant, ParticipantId::next, choices).is_err() {
            let new_people: HashSet<&str> = plan
                .speakers
                .iter()
                .filter_map(|(_, choice)| match choice {
                    SpeakerChoice::New { name, .. }
                        if !self.new_participants.contains_key(name) =>
                    {
                        Some(name.as_str())
                    }
                    _ => None,
                })
                .collect();
            has_room(
                &self.next_participant,
                ParticipantId::next,
                new_people.len(),
            )?;
        }
        has_room(&self.next_transcript, TranscriptId::next, 1)
    }

    /// Adds one transcript with its text and turns, filed as `plan` says. Returns its id, or, when
    /// the project already uses the largest id of a kind it needs, says so and adds nothing.
    pub fn add(
        &mut self,
        text: String,
        turns: Vec<Turn>,
        plan: &ImportPlan,
    ) -> Result<TranscriptId, IdsExhausted> {
        self.check_ids(plan)?;
        let case = self.case_for(&plan.case)?;
        let mut speakers = Vec::new();
        let mut interviewee = None;
        for (name, choice) in &plan.speakers {
            let participant = self.participant_for(choice, case)?;
            interviewee = interviewee.or(participant);
            if !name.is_empty() {
                speakers.push(Speaker {
                    name: name.clone(),
                    participant,
                    interviewer: *choice == SpeakerChoice::Interviewer,
                });
            }
        }
        let id = take_id(&mut self.next_transcript, TranscriptId::next)?;
        let name = self.unique_name(&plan.name);
        self.edits.push(Edit::AddTranscript(Transcript {
            id,
            name,
            participant: interviewee,
            case,
            memo: String::new(),
            speakers,
            turns,
            text,
        }));
        Ok(id)
    }

    /// The edits, in an order that applies cleanly (cases and participants before transcripts).
    pub fn finish(self) -> Vec<Edit> {
        self.edits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_interviewers() {
        for name in [
            "Interviewer",
            "I",
            "Q",
            "Int.",
            "interviewerin",
            "Interviewer 2",
        ] {
            assert!(looks_like_interviewer(name), "{name}");
        }
        for name in ["Ingrid", "Mette", "Ib"] {
            assert!(!looks_like_interviewer(name), "{name}");
        }
    }

    #[test]
    fn a_batch_shares_new_cases_and_participants_and_applies_cleanly() {
        let mut project = Project::new("P");
        let speakers = vec!["Interviewer".to_owned(), "Mette".to_owned()];
        let plan = default_plan(
            &project,
            "Mette 1",
            &speakers,
            Some("Vestbo"),
            None,
            Some("staff"),
        );
        assert_eq!(plan.case, CaseChoice::New("Vestbo".into()));
        assert_eq!(plan.speakers[0].1, SpeakerChoice::Interviewer);
        let mut importer = Importer::new(&project);
        importer.add("a".into(), vec![], &plan).unwrap();
        importer.add("b".into(), vec![], &plan).unwrap();
        let edits = importer.finish();
        for edit in edits {
            project.apply(edit).unwrap();
        }
        assert_eq!(project.cases.len(), 1);
        assert_eq!(project.participants.len(), 1);
        assert_eq!(project.participants[0].role, "staff");
        let names: Vec<_> = project
            .transcripts
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(names, ["Mette 1", "Mette 1 (2)"]);
        assert!(
            project
                .transcripts
                .iter()
                .all(|t| t.participant == Some(ParticipantId(1)))
        );
        assert!(project.transcripts[0].speakers[0].interviewer);

        // A second import finds the case and the participant by name.
        let again = default_plan(&project, "Mette 2", &speakers, Some("vestbo"), None, None);
        assert_eq!(again.case, CaseChoice::Existing(CaseId(1)));
        assert_eq!(
            again.speakers[1].1,
            SpeakerChoice::Existing(ParticipantId(1))
        );
    }

    /// Issue 11, item 13: a participant id of 4294967295 made the next one 0 in release builds
    /// (then "participant p0 already exists" on every import); now the import says why it
    /// cannot add anyone, and adds nothing at all.
    #[test]
    fn importing_past_the_largest_participant_id_is_refused_whole() {
        let mut project = Project::new("P");
        project
            .apply(Edit::AddParticipant(Participant {
                id: ParticipantId(u32::MAX),
                name: "Ib".into(),
                role: "staff".into(),
                case: None,
            }))
            .unwrap();
        let speakers = vec!["Mette".to_owned()];
        let plan = default_plan(&project, "M", &speakers, Some("Vestbo"), None, None);
        let mut importer = Importer::new(&project);
        let error = importer.add("a".into(), vec![], &plan).unwrap_err();
        assert!(
            error.to_string().starts_with(
                "no new participant can be added: the project already has p4294967295"
            ),
            "{error}"
        );
        assert!(importer.finish().is_empty());
        // Ib himself can still be interviewed again.
        let ib = vec!["Ib".to_owned()];
        let plan = default_plan(&project, "Ib", &ib, None, None, None);
        let mut importer = Importer::new(&project);
        assert_eq!(importer.add("b".into(), vec![], &plan), Ok(TranscriptId(1)));
    }
}
