//! Turning imported transcripts into edits: which case each belongs to, and who each speaker is
//! (the interviewer, an existing participant, or a new one). Shared by the import dialog and
//! `continuum import`, so both file transcripts the same way. Pure: no files, no GUI.

use super::{
    Case, CaseId, Edit, Participant, ParticipantId, Project, Speaker, Transcript, TranscriptId,
    Turn,
};

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
    let who = |person: &str| {
        project
            .participants
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(person))
            .map_or_else(
                || SpeakerChoice::New {
                    name: person.to_owned(),
                    role: role.clone(),
                },
                |p| SpeakerChoice::Existing(p.id),
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

/// Collects the edits for a batch of imports, giving new cases, participants and transcripts ids
/// that do not collide with the project's or with each other.
pub struct Importer {
    edits: Vec<Edit>,
    new_cases: Vec<(String, CaseId)>,
    new_participants: Vec<(String, ParticipantId)>,
    names: Vec<String>,
    next_case: u32,
    next_participant: u32,
    next_transcript: u32,
}

impl Importer {
    pub fn new(project: &Project) -> Self {
        Self {
            edits: Vec::new(),
            new_cases: Vec::new(),
            new_participants: Vec::new(),
            names: project.transcripts.iter().map(|t| t.name.clone()).collect(),
            next_case: project.next_case_id().0,
            next_participant: project.next_participant_id().0,
            next_transcript: project.next_transcript_id().0,
        }
    }

    fn case_for(&mut self, choice: &CaseChoice) -> Option<CaseId> {
        match choice {
            CaseChoice::None => None,
            CaseChoice::Existing(id) => Some(*id),
            CaseChoice::New(name) => {
                if let Some((_, id)) = self.new_cases.iter().find(|(n, _)| n == name) {
                    return Some(*id);
                }
                let id = CaseId(self.next_case);
                self.next_case += 1;
                self.new_cases.push((name.clone(), id));
                self.edits.push(Edit::AddCase(Case {
                    id,
                    name: name.clone(),
                    description: String::new(),
                }));
                Some(id)
            }
        }
    }

    fn participant_for(
        &mut self,
        choice: &SpeakerChoice,
        case: Option<CaseId>,
    ) -> Option<ParticipantId> {
        match choice {
            SpeakerChoice::Interviewer => None,
            SpeakerChoice::Existing(id) => Some(*id),
            SpeakerChoice::New { name, role } => {
                if let Some((_, id)) = self.new_participants.iter().find(|(n, _)| n == name) {
                    return Some(*id);
                }
                let id = ParticipantId(self.next_participant);
                self.next_participant += 1;
                self.new_participants.push((name.clone(), id));
                self.edits.push(Edit::AddParticipant(Participant {
                    id,
                    name: name.clone(),
                    role: role.clone(),
                    case,
                }));
                Some(id)
            }
        }
    }

    /// A name not yet used by a transcript: "Mette", else "Mette (2)", …
    fn unique_name(&mut self, wanted: &str) -> String {
        let wanted = if wanted.trim().is_empty() {
            "Transcript"
        } else {
            wanted.trim()
        };
        let mut name = wanted.to_owned();
        let mut n = 2;
        while self.names.contains(&name) {
            name = format!("{wanted} ({n})");
            n += 1;
        }
        self.names.push(name.clone());
        name
    }

    /// Adds one transcript with its text and turns, filed as `plan` says. Returns its id.
    pub fn add(&mut self, text: String, turns: Vec<Turn>, plan: &ImportPlan) -> TranscriptId {
        let case = self.case_for(&plan.case);
        let mut speakers = Vec::new();
        let mut interviewee = None;
        for (name, choice) in &plan.speakers {
            let participant = self.participant_for(choice, case);
            interviewee = interviewee.or(participant);
            if !name.is_empty() {
                speakers.push(Speaker {
                    name: name.clone(),
                    participant,
                    interviewer: *choice == SpeakerChoice::Interviewer,
                });
            }
        }
        let id = TranscriptId(self.next_transcript);
        self.next_transcript += 1;
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
        id
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
        importer.add("a".into(), vec![], &plan);
        importer.add("b".into(), vec![], &plan);
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
}
