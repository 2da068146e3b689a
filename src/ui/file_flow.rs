//! Saving, closing and replacing the open project, as one small state machine: what happens
//! when the user asks for New, Open or Quit with unsaved changes, when a save has to ask first
//! (the file changed on disk, or is read-only), and once the user agreed to close.
//!
//! The machine decides; it never touches the document. [`FileFlow::handle`] takes an [`Event`]
//! and returns the [`Action`]s for the app to carry out (save, proceed, close the window); the
//! outcome of a save comes back as another event. So every transition is tested without a
//! window (see the tests at the end), and the app's part is only to do what it is told.
//!
//! | state | event | next state | actions |
//! |---|---|---|---|
//! | Idle | `Want(p)`, nothing unsaved | Idle (Closing for Quit) | `Proceed(p)` (`Close` for Quit) |
//! | Idle | `Want(p)`, unsaved changes | AskingToSave(p) | `KeepWindowOpen` for Quit |
//! | Idle | `Save` | Saving(none) | `Save` |
//! | AskingToSave(p) | answer Save | Saving(p) | `Save` |
//! | AskingToSave(p) | answer Don't save | Idle (Closing for Quit) | `Proceed(p)` (`Close` for Quit) |
//! | AskingToSave(p) | answer Cancel | Idle | — |
//! | Saving(then) | `Saved` | Idle (Closing for Quit) | `Proceed(then)` if any (`Close` for Quit) |
//! | Saving(then) | `NotSaved` (failed, or Save As cancelled) | Idle | — |
//! | Saving(then) | `MustAsk(problem)` | AskingHowToSave(problem, then) | — |
//! | AskingHowToSave(_, then) | answer Save As | Saving(then) | `SaveAs` |
//! | AskingHowToSave(_, then) | answer Overwrite | Saving(then) | `Overwrite` |
//! | AskingHowToSave(_, then) | answer Cancel | Idle | — |
//! | Closing | `Want(Quit)` (the window's close request) | Closing | `Close` |
//! | any | `CloseNow` (the screenshot is taken) | Closing | `Close` |
//!
//! An event that does not fit the state (a second `Want` while a question is open: the question
//! is modal, so only a close request can come) leaves the state as it is; a close request while
//! asking keeps the window open and the question up.

use crate::document::SaveOutcome;
use std::path::PathBuf;

/// What the user wants done once the open project is safe.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    Quit,
    NewProject,
    Open(PathBuf),
    /// A project read from another tool's exchange file, to open as a new, unsaved one.
    OpenImported(Box<crate::model::Project>),
}

impl Pending {
    /// The question's words for it: "Save the changes before …?"
    fn doing(&self) -> &'static str {
        match self {
            Pending::Quit => "closing",
            Pending::NewProject => "starting a new project",
            Pending::Open(_) => "opening another project",
            Pending::OpenImported(_) => "opening the imported project",
        }
    }
}

/// Why a save stopped to ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveProblem {
    /// Someone or something changed the file since it was opened or saved.
    ChangedOnDisk,
    /// The file is marked read-only.
    ReadOnly,
}

impl SaveProblem {
    /// The problem a save reported, if it stopped to ask.
    pub fn of(outcome: &SaveOutcome) -> Option<Self> {
        match outcome {
            SaveOutcome::ChangedOnDisk => Some(Self::ChangedOnDisk),
            SaveOutcome::ReadOnly => Some(Self::ReadOnly),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub enum State {
    #[default]
    Idle,
    AskingToSave(Pending),
    /// Transient: a save was asked for and its outcome is awaited (within the same frame).
    Saving(Option<Pending>),
    AskingHowToSave(SaveProblem, Option<Pending>),
    /// The user agreed to close: the next close request goes through, and no recovery copy is
    /// written any more.
    Closing,
}

/// The user's answer to one of the flow's questions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Save,
    DontSave,
    SaveAs,
    Overwrite,
    Cancel,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The user asked for New, Open or Quit (a close request of the window counts as Quit).
    Want(Pending),
    /// The user asked to save.
    Save,
    Answered(Answer),
    /// The save went through.
    Saved,
    /// The save failed (the app has said why) or Save As was cancelled.
    NotSaved,
    /// The save stopped to ask.
    MustAsk(SaveProblem),
    /// Close now without asking (after a `--screenshot`).
    CloseNow,
}

/// What the app is to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Save to the project's file (asking where, if it has none); answer with an event.
    Save,
    /// Save under a new name; answer with an event.
    SaveAs,
    /// Save over the file although it changed on disk or is read-only; answer with an event.
    Overwrite,
    /// Start the new project or open the other one (Quit is `Close`).
    Proceed(Pending),
    /// Close the window.
    Close,
    /// Refuse the window's close request for now: a question comes first.
    KeepWindowOpen,
}

/// The state machine; see the module comment for its table.
#[derive(Debug, Default)]
pub struct FileFlow {
    state: State,
}

impl FileFlow {
    #[cfg(test)]
    fn state(&self) -> &State {
        &self.state
    }

    /// Whether a question is up (it owns the keyboard).
    pub fn is_asking(&self) -> bool {
        matches!(
            self.state,
            State::AskingToSave(_) | State::AskingHowToSave(..)
        )
    }

    /// Whether the user agreed to close.
    pub fn is_closing(&self) -> bool {
        self.state == State::Closing
    }

    /// Moves on `event`; `unsaved` is whether the open project has unsaved changes.
    pub fn handle(&mut self, event: Event, unsaved: bool) -> Vec<Action> {
        use Action as A;
        let state = std::mem::take(&mut self.state);
        let (next, actions) = match (state, event) {
            (_, Event::CloseNow) => (State::Closing, vec![A::Close]),
            (State::Closing, Event::Want(Pending::Quit)) => (State::Closing, vec![A::Close]),
            (State::Idle, Event::Want(pending)) if unsaved => {
                let keep = if pending == Pending::Quit {
                    vec![A::KeepWindowOpen]
                } else {
                    Vec::new()
                };
                (State::AskingToSave(pending), keep)
            }
            (State::Idle, Event::Want(pending)) => go_ahead(Some(pending)),
            (State::Idle, Event::Save) => (State::Saving(None), vec![A::Save]),
            (State::AskingToSave(pending), Event::Answered(Answer::Save)) => {
                (State::Saving(Some(pending)), vec![A::Save])
            }
            (State::AskingToSave(pending), Event::Answered(Answer::DontSave)) => {
                go_ahead(Some(pending))
            }
            (State::AskingHowToSave(_, then), Event::Answered(Answer::SaveAs)) => {
                (State::Saving(then), vec![A::SaveAs])
            }
            (State::AskingHowToSave(_, then), Event::Answered(Answer::Overwrite)) => {
                (State::Saving(then), vec![A::Overwrite])
            }
            (
                State::AskingToSave(_) | State::AskingHowToSave(..),
                Event::Answered(Answer::Cancel),
            ) => (State::Idle, Vec::new()),
            (State::Saving(then), Event::Saved) => go_ahead(then),
            (State::Saving(_), Event::NotSaved) => (State::Idle, Vec::new()),
            (State::Saving(then), Event::MustAsk(problem)) => {
                (State::AskingHowToSave(problem, then), Vec::new())
            }
            // A close request while a question is up: the question stays, the window too.
            (state @ (State::AskingToSave(_) | State::AskingHowToSave(..)), Event::Want(_)) => {
                (state, vec![A::KeepWindowOpen])
            }
            (state, _) => (state, Vec::new()),
        };
        self.state = next;
        actions
    }

    /// Shows the question of the current state, if it asks one; returns the answer once given.
    /// `name` is what the project is called ("Interviews.continuum").
    pub fn show(&self, ctx: &egui::Context, name: &str) -> Option<Answer> {
        use super::dialog::{Answer as Button, ask};
        match &self.state {
            State::AskingToSave(pending) => {
                let explanation =
                    format!("Save the changes to “{name}” before {}?", pending.doing());
                let buttons = [
                    Button::new("Save"),
                    Button::new("Don't save"),
                    Button::new("Cancel"),
                ];
                let answers = [Answer::Save, Answer::DontSave, Answer::Cancel];
                ask(
                    ctx,
                    "confirm-discard",
                    380.0,
                    "Unsaved changes",
                    &explanation,
                    &buttons,
                )
                .map(|i| answers[i])
            }
            State::AskingHowToSave(problem, _) => {
                let (heading, explanation, overwrite, overwrite_hint) = match problem {
                    SaveProblem::ReadOnly => (
                        "The file is read-only",
                        format!(
                            "“{name}” is marked read-only, perhaps so that nobody changes it by \
                             mistake. Save your version under another name, or save over it \
                             anyway (it stays read-only)."
                        ),
                        "Save anyway",
                        "Replace the read-only file with your version (the old one is kept as a backup)",
                    ),
                    SaveProblem::ChangedOnDisk => (
                        "The file changed on disk",
                        format!(
                            "“{name}” was changed by someone or something else since you opened \
                             or saved it (a co-author's copy synced in, perhaps). Saving now would \
                             replace those changes."
                        ),
                        "Overwrite",
                        "Replace the file on disk with your version (the old one is kept as a backup)",
                    ),
                };
                let buttons = [
                    Button::new("Save As…").hint("Keep both: save your version under another name"),
                    Button::new(overwrite).hint(overwrite_hint),
                    Button::new("Cancel"),
                ];
                let answers = [Answer::SaveAs, Answer::Overwrite, Answer::Cancel];
                ask(
                    ctx,
                    "changed-on-disk",
                    440.0,
                    heading,
                    &explanation,
                    &buttons,
                )
                .map(|i| answers[i])
            }
            _ => None,
        }
    }
}

/// Carries on with what the user wanted, now that the project is safe.
fn go_ahead(then: Option<Pending>) -> (State, Vec<Action>) {
    match then {
        None => (State::Idle, Vec::new()),
        Some(Pending::Quit) => (State::Closing, vec![Action::Close]),
        Some(pending) => (State::Idle, vec![Action::Proceed(pending)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open() -> Pending {
        Pending::Open(PathBuf::from("other.continuum"))
    }

    fn flow_in(state: State) -> FileFlow {
        FileFlow { state }
    }

    #[test]
    fn with_nothing_unsaved_new_and_open_go_ahead_and_quit_closes() {
        for pending in [Pending::NewProject, open()] {
            let mut flow = FileFlow::default();
            let actions = flow.handle(Event::Want(pending.clone()), false);
            assert_eq!(actions, vec![Action::Proceed(pending)]);
            assert_eq!(flow.state(), &State::Idle);
        }
        let mut flow = FileFlow::default();
        assert_eq!(
            flow.handle(Event::Want(Pending::Quit), false),
            vec![Action::Close]
        );
        assert!(flow.is_closing());
    }

    #[test]
    fn unsaved_changes_ask_first_and_a_close_request_is_held_back() {
        let mut flow = FileFlow::default();
        assert_eq!(flow.handle(Event::Want(open()), true), vec![]);
        assert_eq!(flow.state(), &State::AskingToSave(open()));
        assert!(flow.is_asking());

        let mut flow = FileFlow::default();
        assert_eq!(
            flow.handle(Event::Want(Pending::Quit), true),
            vec![Action::KeepWindowOpen]
        );
        assert_eq!(flow.state(), &State::AskingToSave(Pending::Quit));
    }

    #[test]
    fn save_then_go_ahead_or_close() {
        let mut flow = flow_in(State::AskingToSave(open()));
        assert_eq!(
            flow.handle(Event::Answered(Answer::Save), true),
            vec![Action::Save]
        );
        assert_eq!(flow.state(), &State::Saving(Some(open())));
        assert_eq!(
            flow.handle(Event::Saved, false),
            vec![Action::Proceed(open())]
        );
        assert_eq!(flow.state(), &State::Idle);

        let mut flow = flow_in(State::AskingToSave(Pending::Quit));
        flow.handle(Event::Answered(Answer::Save), true);
        assert_eq!(flow.handle(Event::Saved, false), vec![Action::Close]);
        assert!(flow.is_closing());
    }

    #[test]
    fn dont_save_goes_ahead_and_cancel_changes_nothing() {
        let mut flow = flow_in(State::AskingToSave(Pending::NewProject));
        assert_eq!(
            flow.handle(Event::Answered(Answer::DontSave), true),
            vec![Action::Proceed(Pending::NewProject)]
        );
        assert_eq!(flow.state(), &State::Idle);

        let mut flow = flow_in(State::AskingToSave(Pending::Quit));
        assert_eq!(
            flow.handle(Event::Answered(Answer::DontSave), true),
            vec![Action::Close]
        );
        assert!(flow.is_closing());

        let mut flow = flow_in(State::AskingToSave(open()));
        assert_eq!(flow.handle(Event::Answered(Answer::Cancel), true), vec![]);
        assert_eq!(flow.state(), &State::Idle);
    }

    #[test]
    fn a_failed_save_stops_what_was_waiting_for_it() {
        let mut flow = flow_in(State::AskingToSave(Pending::Quit));
        flow.handle(Event::Answered(Answer::Save), true);
        assert_eq!(flow.handle(Event::NotSaved, true), vec![]);
        assert_eq!(flow.state(), &State::Idle);
        assert!(!flow.is_closing());
    }

    #[test]
    fn a_file_changed_on_disk_asks_how_and_then_carries_on() {
        // Save from the menu, the file changed on disk: ask; Overwrite saves; nothing waits.
        let mut flow = FileFlow::default();
        assert_eq!(flow.handle(Event::Save, true), vec![Action::Save]);
        flow.handle(Event::MustAsk(SaveProblem::ChangedOnDisk), true);
        assert_eq!(
            flow.state(),
            &State::AskingHowToSave(SaveProblem::ChangedOnDisk, None)
        );
        assert_eq!(
            flow.handle(Event::Answered(Answer::Overwrite), true),
            vec![Action::Overwrite]
        );
        assert_eq!(flow.handle(Event::Saved, false), vec![]);
        assert_eq!(flow.state(), &State::Idle);

        // Quitting: the read-only file asks; Save As saves elsewhere, then the window closes.
        let mut flow = flow_in(State::AskingToSave(Pending::Quit));
        flow.handle(Event::Answered(Answer::Save), true);
        flow.handle(Event::MustAsk(SaveProblem::ReadOnly), true);
        assert_eq!(
            flow.handle(Event::Answered(Answer::SaveAs), true),
            vec![Action::SaveAs]
        );
        assert_eq!(flow.handle(Event::Saved, false), vec![Action::Close]);

        // Cancel leaves the project open and unsaved, with nothing waiting.
        let mut flow = flow_in(State::AskingHowToSave(
            SaveProblem::ChangedOnDisk,
            Some(open()),
        ));
        assert_eq!(flow.handle(Event::Answered(Answer::Cancel), true), vec![]);
        assert_eq!(flow.state(), &State::Idle);
    }

    #[test]
    fn once_closing_the_close_request_goes_through() {
        let mut flow = flow_in(State::Closing);
        assert_eq!(
            flow.handle(Event::Want(Pending::Quit), true),
            vec![Action::Close]
        );
        let mut flow = flow_in(State::AskingToSave(open()));
        assert_eq!(flow.handle(Event::CloseNow, true), vec![Action::Close]);
        assert!(flow.is_closing());
    }

    #[test]
    fn a_close_request_while_asking_keeps_the_question_and_the_window() {
        for state in [
            State::AskingToSave(open()),
            State::AskingHowToSave(SaveProblem::ReadOnly, None),
        ] {
            let mut flow = flow_in(state.clone());
            assert_eq!(
                flow.handle(Event::Want(Pending::Quit), true),
                vec![Action::KeepWindowOpen]
            );
            assert_eq!(flow.state(), &state);
        }
    }

    #[test]
    fn answers_that_do_not_fit_the_state_change_nothing() {
        let mut flow = FileFlow::default();
        assert_eq!(
            flow.handle(Event::Answered(Answer::Overwrite), true),
            vec![]
        );
        assert_eq!(flow.handle(Event::Saved, false), vec![]);
        assert_eq!(flow.state(), &State::Idle);
    }
}
