//! The "Open Recent" list, kept in the user's configuration folder as a small RON file.

use std::path::{Path, PathBuf};

const MAX_RECENT: usize = 10;

/// Recently opened or saved project files, newest first.
#[derive(Debug, Default)]
pub struct RecentFiles {
    paths: Vec<PathBuf>,
    /// Where the list is stored; `None` keeps it in memory only (tests, or no config folder).
    store: Option<PathBuf>,
}

impl RecentFiles {
    /// The list stored in the user's configuration folder (empty if there is none yet).
    pub fn load_from_config_folder() -> Self {
        match directories::ProjectDirs::from("", "", "Continuum") {
            Some(dirs) => Self::load(&dirs.config_dir().join("recent.ron")),
            None => Self::in_memory(),
        }
    }

    /// The list stored in `store`. A missing or unreadable list is an empty one: it is only a
    /// convenience, not worth an error at start-up.
    pub fn load(store: &Path) -> Self {
        let paths = std::fs::read_to_string(store)
            .ok()
            .and_then(|text| ron::from_str::<Vec<PathBuf>>(&text).ok())
            .unwrap_or_default();
        Self {
            paths,
            store: Some(store.to_path_buf()),
        }
    }

    /// A list that is never written to disk.
    pub fn in_memory() -> Self {
        Self::default()
    }

    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// Moves `path` to the top and stores the list. A failure to store it is not worth bothering
    /// the user about: the list is a convenience, so the error is returned for logging only.
    pub fn add(&mut self, path: &Path) -> Result<(), String> {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.paths.retain(|p| p != &path);
        self.paths.insert(0, path);
        self.paths.truncate(MAX_RECENT);
        self.store()
    }

    pub fn clear(&mut self) -> Result<(), String> {
        self.paths.clear();
        self.store()
    }

    fn store(&self) -> Result<(), String> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        if let Some(folder) = store.parent() {
            std::fs::create_dir_all(folder).map_err(|e| e.to_string())?;
        }
        let text = ron::ser::to_string_pretty(&self.paths, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())?;
        super::write_atomically(store, text.as_bytes()).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_duplicates_and_kept_across_runs() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("config/recent.ron");
        let (a, b) = (
            dir.path().join("a.continuum"),
            dir.path().join("b.continuum"),
        );
        let mut recent = RecentFiles::load(&store);
        assert!(recent.paths().is_empty());
        recent.add(&a).unwrap();
        recent.add(&b).unwrap();
        recent.add(&a).unwrap();
        assert_eq!(RecentFiles::load(&store).paths(), [a.clone(), b.clone()]);
        for i in 0..20 {
            recent
                .add(&dir.path().join(format!("{i}.continuum")))
                .unwrap();
        }
        assert_eq!(recent.paths().len(), MAX_RECENT);
        recent.clear().unwrap();
        assert!(RecentFiles::load(&store).paths().is_empty());
    }

    #[test]
    fn a_corrupt_list_is_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("recent.ron");
        std::fs::write(&store, "[[[ not ron").unwrap();
        assert!(RecentFiles::load(&store).paths().is_empty());
    }
}
