//! Everything that touches the disk: the project file (RON), atomic saving, the recent-files list
//! and PNG writing. No egui here; the GUI and the command line both call into this module.

mod atomic;
mod bounded_read;
mod figure;
pub mod import;
mod kwic;
mod png_file;
mod project_file;
pub mod qdpx;
mod recent;
mod recovery;
mod table;

pub use atomic::{
    BACKUPS_KEPT, STALE_TEMP_AGE, backup_path, backup_paths, is_temp_of, real_target,
    replace_keeping_backups, write_atomically, write_privately,
};
pub use bounded_read::{check_regular_file, file_label, format_mib, read_bounded};
pub use figure::{export_map, write_figure};
pub use import::split_speaker_turns;
pub use kwic::{KWIC_COLUMNS, KwicRow, kwic_csv, kwic_rows, save_kwic_csv};
pub use png_file::{encode_png, write_png};
pub use project_file::{
    FileStamp, LoadError, MAX_PROJECT_BYTES, SaveError, estimated_saved_bytes, file_stamp,
    is_read_only, load_project, load_project_stamped, parse_project, save_canonical_unless_changed,
    save_project, save_project_unless_changed, to_ron_string,
};
pub use recent::RecentFiles;
pub use recovery::{Recoverable, RecoveryStore};
pub use table::{
    COLUMNS, Formulas, MAX_TABLE_BYTES, neutralise_formula, placements_csv, read_table,
};

/// Writes an exported document (a table of hits, a report) atomically. Refuses a project file's
/// name, so a slip in a save dialog cannot replace a project with `what`.
pub fn write_export(path: &std::path::Path, bytes: &[u8], what: &str) -> Result<(), String> {
    let label = file_label(path);
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(PROJECT_EXTENSION))
    {
        return Err(format!(
            "{label} is a project file's name; {what} {} not saved. Choose another name.",
            if what.ends_with('s') { "were" } else { "was" }
        ));
    }
    write_atomically(path, bytes).map_err(|error| {
        format!(
            "{} could not be saved to {label}: {error}.",
            capitalised(what)
        )
    })
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The file extension of project files (the content is RON).
pub const PROJECT_EXTENSION: &str = "continuum";
