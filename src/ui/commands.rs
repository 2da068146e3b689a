//! Every user command in one enum, with its label, tooltip and keyboard shortcut, so menus,
//! buttons and the shortcut handler agree on what a command is called and how it is reached.
//! Commands are small values (`Copy`): what one needs beyond its name, such as which recent
//! project, is an index into what the app already holds, so the shortcut list is derived from
//! [`Command::ALL`] rather than kept by hand.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    NewProject,
    Open,
    /// The recent project at this place in the Open Recent list.
    OpenRecent(usize),
    ClearRecent,
    Save,
    SaveAs,
    Quit,
    Undo,
    Redo,
    Import,
    ImportQdpx,
    ExportQdpx,
    ExportMap,
    Merge,
    ReplaceText,
    NewExcerpt,
    DeleteExcerpt,
    AddAnnotator,
    ManageAnnotators,
    StartBlind,
    EndBlind,
    Compare,
    Agreement,
    ProjectSettings,
    ClearSelection,
    Find,
    FindNext,
    FindPrevious,
    SearchAll,
    Findings,
    ExportReport,
}

impl Command {
    /// Every command that takes no argument, in menu order. A command added to the enum and not
    /// here has no shortcut handling: the test `every_command_is_listed` catches that.
    pub const ALL: [Command; 30] = [
        Command::NewProject,
        Command::Open,
        Command::Import,
        Command::ImportQdpx,
        Command::ExportQdpx,
        Command::Merge,
        Command::ExportMap,
        Command::ExportReport,
        Command::ClearRecent,
        Command::Save,
        Command::SaveAs,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::NewExcerpt,
        Command::DeleteExcerpt,
        Command::ClearSelection,
        Command::Find,
        Command::FindNext,
        Command::FindPrevious,
        Command::SearchAll,
        Command::ProjectSettings,
        Command::ReplaceText,
        Command::AddAnnotator,
        Command::ManageAnnotators,
        Command::StartBlind,
        Command::EndBlind,
        Command::Compare,
        Command::Agreement,
        Command::Findings,
    ];

    /// The commands that have a keyboard shortcut, those with more modifier keys first: egui
    /// matches Ctrl+S also when Shift is held, so Ctrl+Shift+S must be tried before it. Worked out
    /// once, not every frame the keys are read.
    pub fn with_shortcuts() -> &'static [Command] {
        static ORDER: std::sync::OnceLock<Vec<Command>> = std::sync::OnceLock::new();
        ORDER.get_or_init(|| {
            let modifiers = |c: &Command| {
                c.shortcut().map_or(0, |s| {
                    let m = s.modifiers;
                    [m.alt, m.ctrl, m.shift, m.mac_cmd, m.command]
                        .into_iter()
                        .filter(|&on| on)
                        .count()
                })
            };
            let mut commands: Vec<Command> = Self::ALL
                .into_iter()
                .filter(|c| c.shortcut().is_some())
                .collect();
            commands.sort_by_key(|c| std::cmp::Reverse(modifiers(c)));
            commands
        })
    }

    pub fn label(&self) -> String {
        match self {
            Command::NewProject => "New".into(),
            Command::Open => "Open…".into(),
            Command::OpenRecent(n) => format!("Recent project {}", n + 1),
            Command::ClearRecent => "Clear Recent".into(),
            Command::Save => "Save".into(),
            Command::Import => "Import transcripts…".into(),
            Command::Merge => "Merge annotators from another project…".into(),
            Command::ImportQdpx => "Import REFI-QDA project…".into(),
            Command::ExportQdpx => "Export REFI-QDA project…".into(),
            Command::ExportMap => "Export map…".into(),
            Command::ReplaceText => "Replace text of transcript…".into(),
            Command::SaveAs => "Save As…".into(),
            Command::Quit => "Quit".into(),
            Command::Undo => "Undo".into(),
            Command::Redo => "Redo".into(),
            Command::NewExcerpt => "New excerpt".into(),
            Command::DeleteExcerpt => "Delete excerpt".into(),
            Command::AddAnnotator => "Add annotator…".into(),
            Command::ManageAnnotators => "Manage annotators…".into(),
            Command::StartBlind => "Code blind".into(),
            Command::EndBlind => "End blind coding…".into(),
            Command::Agreement => "Agreement…".into(),
            Command::Compare => "Compare annotators…".into(),
            Command::ProjectSettings => "Project settings…".into(),
            Command::ClearSelection => "Clear selection".into(),
            Command::Find => "Find in transcript…".into(),
            Command::FindNext => "Find next".into(),
            Command::FindPrevious => "Find previous".into(),
            Command::SearchAll => "Search all transcripts…".into(),
            Command::Findings => "Findings…".into(),
            Command::ExportReport => "Export report…".into(),
        }
    }

    pub fn tooltip(&self) -> &'static str {
        match self {
            Command::NewProject => "Start an empty project with the default continuum",
            Command::Open => "Open a Continuum project file",
            Command::OpenRecent(_) => "Open this recently used project",
            Command::ClearRecent => "Forget the list of recent projects",
            Command::Save => "Save the project to its file",
            Command::ImportQdpx => {
                "Open a project exported by NVivo, ATLAS.ti, MAXQDA or QualCoder (.qdpx), with its coding, as a new project"
            }
            Command::ExportQdpx => {
                "Save the project as a .qdpx file that NVivo, ATLAS.ti, MAXQDA and QualCoder can open, placements included as codes"
            }
            Command::ExportMap => "Save the continuum map as a figure for a paper (SVG or PNG)",
            Command::Merge => {
                "Bring in the annotator layers of a co-author's copy; conflicts are shown to settle first"
            }
            Command::ReplaceText => {
                "Swap the open transcript's text for a corrected version; excerpts are found again in the new text"
            }
            Command::Import => {
                "Add interviews from .txt, .md, .docx, .odt, .vtt or .srt files (or drop them on the window)"
            }
            Command::SaveAs => "Save the project to a new file",
            Command::Quit => "Close Continuum",
            Command::Undo => "Take back the last change",
            Command::Redo => "Make the change that was taken back again",
            Command::NewExcerpt => {
                "Make the selected text an excerpt you can place on the continuum"
            }
            Command::DeleteExcerpt => {
                "Delete the selected excerpt with every annotator's placement of it"
            }
            Command::AddAnnotator => "Add a person who codes, with their own colour",
            Command::ManageAnnotators => "Rename, recolour or remove annotators",
            Command::StartBlind => {
                "Code as this annotator only: the others' placements and the agreement figures stay hidden until blind coding is ended"
            }
            Command::EndBlind => "Show the other annotators' work again (asks first)",
            Command::Compare => {
                "Every excerpt placed by two or more annotators, sorted by how far apart they are, with their memos side by side"
            }
            Command::Agreement => {
                "Krippendorff's alpha between the annotators, overall, by case or role, and per pair"
            }
            Command::ProjectSettings => {
                "The project's title and its continuum: pole labels and anchors"
            }
            Command::ClearSelection => "Clear the text, excerpt and map selection",
            Command::Find => "Find words in the open transcript, with every hit highlighted",
            Command::FindNext => "Select the next hit of the find bar",
            Command::FindPrevious => "Select the previous hit of the find bar",
            Command::ExportReport => {
                "One HTML page of the findings for a paper or a supervisor: agreement with intervals, the map, plots, tables, quotes and a methods paragraph"
            }
            Command::Findings => {
                "Where each case's, role's or code's placements sit: medians, quartiles, zones, a plot, two groups compared, and quotes by zone"
            }
            Command::SearchAll => {
                "Find words in every transcript (and memos), listed with the words around them; turn hits into excerpts"
            }
        }
    }

    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let ctrl = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        match self {
            Command::NewProject => ctrl(Key::N),
            Command::Open => ctrl(Key::O),
            Command::Save => ctrl(Key::S),
            Command::SaveAs => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::S,
            )),
            Command::Quit => ctrl(Key::Q),
            Command::Import => ctrl(Key::I),
            Command::Undo => ctrl(Key::Z),
            Command::Redo => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::Z,
            )),
            Command::NewExcerpt => ctrl(Key::E),
            Command::ClearSelection => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Escape)),
            Command::Find => ctrl(Key::F),
            Command::FindNext => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F3)),
            Command::FindPrevious => Some(KeyboardShortcut::new(Modifiers::SHIFT, Key::F3)),
            Command::SearchAll => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::F,
            )),
            _ => None,
        }
    }

    /// A second shortcut some users expect (Ctrl+Y for Redo on Windows and in many editors).
    pub fn alternative_shortcut(&self) -> Option<KeyboardShortcut> {
        match self {
            Command::Redo => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)),
            // Ctrl+G and Ctrl+Shift+G, as in browsers and on the Mac.
            Command::FindNext => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::G)),
            Command::FindPrevious => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::G,
            )),
            _ => None,
        }
    }

    /// A menu entry for this command, with its shortcut shown and its tooltip on hover.
    pub fn menu_button(&self, ui: &mut egui::Ui, enabled: bool) -> bool {
        self.menu_button_labelled(ui, enabled, self.label())
    }

    /// A menu entry with a label of the caller's, e.g. "Undo move of “…”".
    pub fn menu_button_labelled(&self, ui: &mut egui::Ui, enabled: bool, label: String) -> bool {
        let shortcut = self.shortcut().map(|s| ui.ctx().format_shortcut(&s));
        let mut button = egui::Button::new(label.as_str());
        if let Some(shortcut) = &shortcut {
            button = button.shortcut_text(shortcut.as_str());
        }
        let response = ui
            .add_enabled(enabled, button)
            .on_hover_text(self.tooltip());
        // A menu item to a screen reader, its shortcut said apart ("Save", "Ctrl+S"), not run
        // into its name as egui's button text has it.
        ui.ctx().accesskit_node_builder(response.id, |node| {
            node.set_role(egui::accesskit::Role::MenuItem);
            node.set_label(label);
            if let Some(shortcut) = shortcut {
                node.set_keyboard_shortcut(shortcut);
            }
        });
        let clicked = response.clicked();
        if clicked {
            ui.close();
        }
        clicked
    }
}

#[cfg(test)]
mod tests {
    use super::Command;

    #[test]
    fn every_command_is_listed() {
        // The match has no wildcard: a new command makes it fail to compile until it is
        // counted here, and the count makes the test fail until it is listed in `ALL`.
        let arguments = |c: Command| match c {
            Command::OpenRecent(_) => 1,
            Command::NewProject
            | Command::Open
            | Command::ClearRecent
            | Command::Save
            | Command::SaveAs
            | Command::Quit
            | Command::Undo
            | Command::Redo
            | Command::Import
            | Command::ImportQdpx
            | Command::ExportQdpx
            | Command::ExportMap
            | Command::Merge
            | Command::ReplaceText
            | Command::NewExcerpt
            | Command::DeleteExcerpt
            | Command::AddAnnotator
            | Command::ManageAnnotators
            | Command::StartBlind
            | Command::EndBlind
            | Command::Compare
            | Command::Agreement
            | Command::ProjectSettings
            | Command::ClearSelection
            | Command::Find
            | Command::FindNext
            | Command::FindPrevious
            | Command::SearchAll
            | Command::Findings
            | Command::ExportReport => 0,
        };
        assert!(Command::ALL.iter().all(|&c| arguments(c) == 0));
        // The arms above name 30 commands without arguments; each is in `ALL` once.
        let unique: std::collections::HashSet<Command> = Command::ALL.into_iter().collect();
        assert_eq!(unique.len(), 30);
    }

    #[test]
    fn shortcuts_with_more_modifiers_are_tried_first() {
        let order = Command::with_shortcuts();
        let at = |c| order.iter().position(|&x| x == c).unwrap();
        assert!(at(Command::SaveAs) < at(Command::Save));
        assert!(at(Command::Redo) < at(Command::Undo));
        assert!(order.contains(&Command::ClearSelection));
        assert!(!order.contains(&Command::Merge));
    }
}
