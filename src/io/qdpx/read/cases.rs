//! Cases and variables: a case with a value for the role variable is a person (a participant
//! with that role), any other a setting (a Continuum case); the sources they hold are filed
//! accordingly. A role given on a source itself makes a participant too. Every other variable
//! is kept in the memo of the transcripts it applies to.

use super::guids::Kind;
use super::{Builder, invalid, join, one_line, tidy};
use crate::io::qdpx::guid::canonical;
use crate::io::qdpx::xml::Element;
use crate::io::qdpx::{QdpxError, ReadSettings, RoleVariable, VariableSummary};
use crate::model::{Case, CaseId, Participant, ParticipantId, Transcript, TranscriptId};
use std::collections::{BTreeMap, BTreeSet, HashMap};

impl Builder {
    /// The variables' names by GUID, for the values that refer to them.
    pub(super) fn read_variables(&mut self, root: &Element) {
        for variable in root.child("Variables").iter().flat_map(|v| &v.children) {
            let guid = canonical(variable.attr("guid").unwrap_or_default());
            let name = one_line(variable.attr("name").unwrap_or_default());
            self.variables.insert(guid, name);
        }
    }

    /// A `VariableValue`'s variable name and value, as text.
    pub(super) fn variable_value(&self, value: &Element) -> Result<(String, String), QdpxError> {
        let Some(reference) = value.child("VariableRef") else {
            return Err(invalid(value, "it has no VariableRef"));
        };
        let variable = self.target(reference, Kind::Variable, "a variable")?;
        let name = self.variables.get(&variable).cloned().unwrap_or_default();
        let text = value
            .children
            .iter()
            .find(|c| c.name != "VariableRef")
            .map(|c| one_line(&c.text))
            .unwrap_or_default();
        Ok((name, text))
    }

    /// Cases: those with a value for the role variable are people (participants with that
    /// role); the others are settings (Continuum's cases). Their sources are filed accordingly;
    /// every other variable is kept in the memo of the case's transcripts.
    pub(super) fn read_cases(
        &mut self,
        root: &Element,
        settings: &ReadSettings,
    ) -> Result<(), QdpxError> {
        let cases: Vec<&Element> = root
            .child("Cases")
            .map_or_else(Vec::new, |c| c.children_named("Case").collect());
        let mut case_values = Vec::with_capacity(cases.len());
        for case in &cases {
            let mut values = Vec::new();
            for value in case.children_named("VariableValue") {
                values.push(self.variable_value(value)?);
            }
            case_values.push(values);
        }
        self.summarise_variables(&case_values);
        let role = self.choose_role(settings);
        self.report.role_variable = role.clone();
        let is_role = |name: &str| {
            role.as_deref()
                .is_some_and(|r| r.eq_ignore_ascii_case(name))
        };

        let mut in_case: HashMap<TranscriptId, String> = HashMap::new();
        for (case, values) in cases.iter().zip(case_values) {
            let name = one_line(case.attr("name").unwrap_or_default());
            let members = self.case_members(case, &name)?;
            let role_value = values
                .iter()
                .find(|(n, v)| is_role(n) && !v.is_empty())
                .map(|(_, v)| v.clone());
            let description = tidy(case.child_text("Description"));
            let others: Vec<_> = values.into_iter().filter(|(n, _)| !is_role(n)).collect();
            for &t in &members {
                let from = format!("case “{name}”");
                let list = self.values.entry(t).or_default();
                list.extend(
                    others
                        .iter()
                        .map(|(n, v)| (n.clone(), v.clone(), from.clone())),
                );
            }
            match role_value {
                Some(role) => self.file_person(&name, role, &description, &members),
                None => self.file_setting(&name, description, &members, &mut in_case),
            }
        }
        self.roles_of_sources(&is_role);
        self.link_participants();
        Ok(())
    }

    /// Lists every variable in the report, with some of its values and how many cases and
    /// sources have one.
    fn summarise_variables(&mut self, case_values: &[Vec<(String, String)>]) {
        let mut summaries: BTreeMap<String, (BTreeSet<String>, usize)> = BTreeMap::new();
        let source_values = self.values.values().flatten().map(|(n, v, _)| (n, v));
        for (name, value) in case_values
            .iter()
            .flatten()
            .map(|(n, v)| (n, v))
            .chain(source_values)
        {
            let entry = summaries.entry(name.clone()).or_default();
            entry.0.insert(value.clone());
            entry.1 += 1;
        }
        self.report.variables = summaries
            .into_iter()
            .map(|(name, (values, holders))| VariableSummary {
                name,
                values: values
                    .into_iter()
                    .take(VariableSummary::SHOWN_VALUES)
                    .collect(),
                holders,
            })
            .collect();
    }

    /// The transcripts of a case's sources. Its selections and codes are checked but not kept:
    /// Continuum files by transcript only.
    fn case_members(&mut self, case: &Element, name: &str) -> Result<Vec<TranscriptId>, QdpxError> {
        let mut members = Vec::new();
        for reference in case.children_named("SourceRef") {
            let source = self.target(reference, Kind::Source, "a source")?;
            if let Some(&t) = self.transcripts.get(&source) {
                members.push(t);
            }
        }
        let mut selections = 0;
        for reference in case.children_named("SelectionRef") {
            self.target(reference, Kind::Selection, "a selection")?;
            selections += 1;
        }
        for reference in case.children_named("CodeRef") {
            self.target(reference, Kind::Code, "a code")?;
        }
        if selections > 0 {
            self.warn(format!(
                "case “{name}” also holds {}, which Continuum files by transcript only",
                crate::model::plural(selections, "selection")
            ));
        }
        Ok(members)
    }

    /// A case that is a person: a participant, the participant of its transcripts that have
    /// none yet, with its description in their memos.
    fn file_person(
        &mut self,
        name: &str,
        role: String,
        description: &str,
        members: &[TranscriptId],
    ) {
        let id = self.add_participant(name, role);
        for &t in members {
            let transcript = self.transcript_mut(t);
            if transcript.participant.is_none() {
                transcript.participant = Some(id);
                if !description.is_empty() {
                    transcript.memo = join([
                        std::mem::take(&mut transcript.memo),
                        format!("{name}: {description}"),
                    ]);
                }
            }
        }
    }

    /// A case that is a setting: a Continuum case, the case of its transcripts that are in no
    /// other case yet (`in_case` names the case each is in).
    fn file_setting(
        &mut self,
        name: &str,
        description: String,
        members: &[TranscriptId],
        in_case: &mut HashMap<TranscriptId, String>,
    ) {
        let id = CaseId(self.project.cases.len() as u32 + 1);
        self.project.cases.push(Case {
            id,
            name: or_numbered(name, "Case", id.0),
            description,
        });
        for &t in members {
            match in_case.get(&t) {
                Some(first) => {
                    let message = format!(
                        "transcript “{}” is in case “{first}” and in case “{name}”; \
                         Continuum files it in the first",
                        self.transcript_mut(t).name
                    );
                    self.warn(message);
                }
                None => {
                    in_case.insert(t, name.to_owned());
                    self.transcript_mut(t).case = Some(id);
                }
            }
        }
    }

    /// A role given on the source itself makes a participant named after the transcript.
    fn roles_of_sources(&mut self, is_role: &impl Fn(&str) -> bool) {
        let mut transcripts: Vec<TranscriptId> = self.values.keys().copied().collect();
        transcripts.sort();
        for t in transcripts {
            let role_value = self.values[&t]
                .iter()
                .find(|(n, v, from)| is_role(n) && !v.is_empty() && from == "the source")
                .map(|(_, v, _)| v.clone());
            if let Some(role) = role_value
                && self.transcript_mut(t).participant.is_none()
            {
                let name = self.transcript_mut(t).name.clone();
                let id = self.add_participant(&name, role);
                self.transcript_mut(t).participant = Some(id);
            }
        }
    }

    /// Participants are in the case of their transcript; the speaker who is not the
    /// interviewer, if there is one, is the participant.
    fn link_participants(&mut self) {
        for transcript in &mut self.project.transcripts {
            let Some(p) = transcript.participant else {
                continue;
            };
            if let Some(participant) = self.project.participants.iter_mut().find(|x| x.id == p)
                && participant.case.is_none()
            {
                participant.case = transcript.case;
            }
            let mut talking = transcript.speakers.iter_mut().filter(|s| !s.interviewer);
            if let (Some(only), None) = (talking.next(), talking.next()) {
                only.participant = Some(p);
            }
        }
    }

    /// A new participant with `role`, named `name` or numbered when it has none.
    fn add_participant(&mut self, name: &str, role: String) -> ParticipantId {
        let id = ParticipantId(self.project.participants.len() as u32 + 1);
        self.project.participants.push(Participant {
            id,
            name: or_numbered(name, "Participant", id.0),
            role,
            case: None,
        });
        id
    }

    fn transcript_mut(&mut self, id: TranscriptId) -> &mut Transcript {
        let at = id.0 as usize - 1;
        &mut self.project.transcripts[at]
    }

    /// The variable read as the role: as the settings say, or the one whose name says so.
    fn choose_role(&mut self, settings: &ReadSettings) -> Option<String> {
        let names: Vec<String> = self
            .report
            .variables
            .iter()
            .map(|v| v.name.clone())
            .collect();
        match &settings.role_variable {
            RoleVariable::None => None,
            RoleVariable::Named(wanted) => {
                let found = names.iter().find(|n| n.eq_ignore_ascii_case(wanted.trim()));
                if found.is_none() {
                    let message = format!(
                        "no case or source has a value for the variable “{wanted}” chosen as the \
                         role; roles are left empty"
                    );
                    self.warn(message);
                }
                found.cloned()
            }
            RoleVariable::Guess => {
                let candidates: Vec<&str> = names
                    .iter()
                    .map(String::as_str)
                    .filter(|n| {
                        let lower = n.to_lowercase();
                        ["role", "rolle", "rôle", "ruolo", "rol"].contains(&lower.as_str())
                            || lower.contains("role")
                            || lower.contains("rolle")
                    })
                    .collect();
                match candidates.as_slice() {
                    [one] => Some((*one).to_owned()),
                    [] => None,
                    several => {
                        let message = format!(
                            "several variables could hold the participants' role ({}); none was \
                             used: choose one",
                            several.join(", ")
                        );
                        self.warn(message);
                        None
                    }
                }
            }
        }
    }

    /// The variables in the transcripts' memos, all but the role.
    pub(super) fn variable_memos(&mut self) {
        let mut values: Vec<_> = std::mem::take(&mut self.values).into_iter().collect();
        values.sort_by_key(|(t, _)| *t);
        for (t, list) in values {
            let lines: Vec<String> = list
                .into_iter()
                .filter(|(n, _, _)| {
                    !self
                        .report
                        .role_variable
                        .as_deref()
                        .is_some_and(|r| r.eq_ignore_ascii_case(n))
                })
                .map(|(n, v, from)| format!("- {n}: {v} ({from})"))
                .collect();
            if !lines.is_empty() {
                let transcript = self.transcript_mut(t);
                transcript.memo = join([
                    std::mem::take(&mut transcript.memo),
                    format!("Variables:\n{}", lines.join("\n")),
                ]);
            }
        }
    }
}

/// `name`, or for want of one `"{kind} {number}"`.
fn or_numbered(name: &str, kind: &str, number: u32) -> String {
    if name.is_empty() {
        format!("{kind} {number}")
    } else {
        name.to_owned()
    }
}
