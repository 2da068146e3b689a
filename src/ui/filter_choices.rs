//! The values the case, role and code filters offer (of the map and of the search window), and
//! the combo box that chooses among them. The codes are gathered from every excerpt and sorted,
//! so the lists are worked out once per project revision, not every frame.

use crate::model::{CaseId, Project};

/// The values of the case, role and code filters: (value, shown name).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FilterChoices {
    pub cases: Vec<(CaseId, String)>,
    pub roles: Vec<(String, String)>,
    pub codes: Vec<(String, String)>,
}

impl FilterChoices {
    fn of(project: &Project) -> Self {
        let named = |names: Vec<String>| names.into_iter().map(|n| (n.clone(), n)).collect();
        Self {
            cases: project
                .cases
                .iter()
                .map(|c| (c.id, c.name.clone()))
                .collect(),
            roles: named(project.roles()),
            codes: named(project.codes()),
        }
    }
}

/// The filter choices of the last project revision they were asked for.
#[derive(Clone, Debug, Default)]
pub struct KeptChoices(Option<(u64, FilterChoices)>);

impl KeptChoices {
    /// The choices at `revision`, and whether they were worked out anew (the project changed).
    pub fn at(&mut self, project: &Project, revision: u64) -> (&FilterChoices, bool) {
        let fresh = self.0.as_ref().is_none_or(|(r, _)| *r != revision);
        if fresh {
            self.0 = Some((revision, FilterChoices::of(project)));
        }
        let choices = &self.0.get_or_insert_with(Default::default).1;
        (choices, fresh)
    }
}

impl KeptChoices {
    /// Test hook (tests/it/session/): whether the choices the next frame would offer (through
    /// the same reuse rule as [`Self::at`]) differ from the project's.
    pub(crate) fn stale(&self, project: &Project, revision: u64) -> Option<String> {
        let mut next = self.clone();
        let (offered, _) = next.at(project, revision);
        (*offered != FilterChoices::of(project)).then(|| {
            format!("the filter choices offered at revision {revision} differ from the project's")
        })
    }

    /// The choices last worked out, whatever the revision.
    pub fn last(&self) -> Option<&FilterChoices> {
        self.0.as_ref().map(|(_, choices)| choices)
    }
}

/// Clears a filter whose value is no longer among those offered.
pub fn keep_if_offered<T: PartialEq>(value: &mut Option<T>, offered: &[(T, String)]) {
    if value
        .as_ref()
        .is_some_and(|v| !offered.iter().any(|(o, _)| o == v))
    {
        *value = None;
    }
}

/// A combo box of "all" or one of `choices` (value, shown name), after its caption. A screen
/// reader hears the caption with the value ("Case: all").
pub fn filter_combo<T: Clone + PartialEq>(
    ui: &mut egui::Ui,
    caption: &str,
    id: &str,
    width: Option<f32>,
    value: &mut Option<T>,
    choices: &[(T, String)],
) -> egui::Response {
    ui.label(caption);
    let shown = |value: &Option<T>| {
        value
            .as_ref()
            .and_then(|v| choices.iter().find(|(c, _)| c == v))
            .map_or("all".to_owned(), |(_, name)| name.clone())
    };
    let mut combo = egui::ComboBox::from_id_salt(id).selected_text(shown(value));
    if let Some(width) = width {
        combo = combo.width(width);
    }
    let response = combo
        .show_ui(ui, |ui| {
            super::widgets::choose(ui, value, None, "all");
            for (choice, name) in choices {
                super::widgets::choose(ui, value, Some(choice.clone()), name);
            }
        })
        .response;
    // Named with the value chosen this frame, not the one it was drawn with.
    super::widgets::name_with_value(ui, &response, caption, &shown(value));
    response
}
