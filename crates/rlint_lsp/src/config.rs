//! Settings per document: the closest config file (cached per directory and per file, reset when
//! the client reports a config change) with the `initializationOptions` selectors on top, and
//! the document's `.dockerignore` (read again whenever the settings are worked out).

use rlint_linter::{Selector, Settings};
use rlint_workspace::Discovery;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp::lsp_types::Url;

/// `initializationOptions`: `{ "select": [..], "ignore": [..] }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct InitOptions {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

#[derive(Default)]
pub struct ConfigCache {
    discovery: Discovery,
    loaded: HashMap<PathBuf, Result<Arc<Settings>, String>>,
    pub init: InitOptions,
}

impl ConfigCache {
    /// Forgets every discovered and loaded config file.
    pub fn reset(&mut self) {
        self.discovery = Discovery::default();
        self.loaded.clear();
    }

    /// The settings for `uri`, and the config error if its config file is broken (the
    /// defaults are used then).
    pub fn settings_for(&mut self, uri: &Url) -> (Arc<Settings>, Option<String>) {
        self.settings_with(uri, None)
    }

    /// The settings for `uri` with the client's `rlint` configuration (`workspace/configuration`)
    /// applied last, on top of the config file and the `initializationOptions`.
    pub fn settings_with(
        &mut self,
        uri: &Url,
        client: Option<&InitOptions>,
    ) -> (Arc<Settings>, Option<String>) {
        let path = uri.to_file_path().ok();
        let (mut settings, error) = match &path {
            Some(path) => self.file_settings(path),
            None => (Arc::new(Settings::default()), None),
        };
        for options in std::iter::once(&self.init).chain(client) {
            if options.select.is_empty() && options.ignore.is_empty() {
                continue;
            }
            let settings = Arc::make_mut(&mut settings);
            settings
                .select
                .extend(options.select.iter().cloned().map(Selector));
            settings
                .ignore
                .extend(options.ignore.iter().cloned().map(Selector));
        }
        // RL2017 reads the `.dockerignore` that applies to the document, as the CLI does.
        if let Some(path) = &path {
            if rlint_workspace::dockerignore::wanted(&settings) {
                if let Some(patterns) = rlint_workspace::dockerignore::read_for(path) {
                    Arc::make_mut(&mut settings).options.dockerignore = Some(Arc::new(patterns));
                }
            }
        }
        (settings, error)
    }

    fn file_settings(&mut self, path: &Path) -> (Arc<Settings>, Option<String>) {
        let Some(config_path) = self.discovery.find(path) else {
            return (Arc::new(Settings::default()), None);
        };
        let loaded = self
            .loaded
            .entry(config_path.clone())
            .or_insert_with(|| {
                rlint_workspace::config::load(&config_path).map(|c| Arc::new(c.settings))
            })
            .clone();
        match loaded {
            Ok(settings) => (settings, None),
            Err(error) => (Arc::new(Settings::default()), Some(error)),
        }
    }
}
