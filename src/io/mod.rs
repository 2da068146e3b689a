//! Everything that touches the disk: the project file (RON), atomic saving, the recent-files list
//! and PNG writing. No egui here; the GUI and the command line both call into this module.

mod atomic;
mod figure;
pub mod import;
mod png_file;
mod project_file;
mod recent;
mod recovery;
mod table;

pub use atomic::{
    BACKUPS_KEPT, backup_path, backup_paths, replace_keeping_backups, write_atomically,
};
pub use figure::export_map;
pub use import::split_speaker_turns;
pub use png_file::{encode_png, write_png};
pub use project_file::{
    FileStamp, LoadError, MAX_PROJECT_BYTES, SaveError, file_stamp, load_project,
    load_project_stamped, parse_project, save_project, to_ron_string,
};
pub use recent::RecentFiles;
pub use recovery::{DEAD_PID_FOR_TESTS, Recoverable, RecoveryStore, write_leftover_for_tests};
pub use table::{COLUMNS, MAX_TABLE_BYTES, placements_csv, read_table};

/// The file extension of project files (the content is RON).
pub const PROJECT_EXTENSION: &str = "continuum";
