//! Questions asked before a change that takes other people's work with it or cannot be taken
//! back lightly: deleting an excerpt others placed, ending blind coding.

use super::dialog::{Answer, Dialog, DialogContext, ask};
use crate::model::{Edit, ExcerptId};

/// "Delete excerpt?" for an excerpt placed on the continuum by someone.
pub struct ConfirmDeleteExcerpt(pub ExcerptId);

impl Dialog for ConfirmDeleteExcerpt {
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool {
        let project = cx.project;
        let Some(excerpt) = project.excerpt(self.0) else {
            return false;
        };
        // Coding blind, the coder must not learn who else placed it.
        let placed_by = if project.blind.is_some() {
            "you and possibly other annotators".to_owned()
        } else {
            let names: Vec<&str> = project
                .annotators
                .iter()
                .filter(|a| project.placement(a.id, self.0).is_some())
                .map(|a| a.name.as_str())
                .collect();
            names.join(", ")
        };
        let explanation = format!(
            "“{}” is placed on the continuum by {placed_by}. Deleting the excerpt also deletes \
             those placements and their memos.",
            project.excerpt_label(excerpt)
        );
        let answers = [Answer::new("Delete"), Answer::new("Cancel")];
        match ask(
            ctx,
            "confirm-delete",
            400.0,
            "Delete excerpt?",
            &explanation,
            &answers,
        ) {
            Some(0) => {
                cx.out.edit(Edit::RemoveExcerpt(self.0));
                false
            }
            Some(_) => false,
            None => true,
        }
    }
}

/// Ending blind coding is a deliberate act: it asks first.
pub struct ConfirmEndBlind;

impl Dialog for ConfirmEndBlind {
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool {
        let answers = [
            Answer::new("End blind coding"),
            Answer::new("Keep coding blind"),
        ];
        let explanation = "You will see the other annotators' placements and the agreement \
                           figures. Finish your own placements first if you want them independent.";
        match ask(
            ctx,
            "end-blind",
            420.0,
            "End blind coding?",
            explanation,
            &answers,
        ) {
            Some(0) => {
                cx.out.edit(Edit::SetBlind(None));
                false
            }
            Some(_) => false,
            None => true,
        }
    }
}
