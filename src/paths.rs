//! Where foamroll keeps its files. Each folder comes from a flag, else an environment
//! variable (read in `cli::Global::dirs`), else the platform's standard place.

use std::path::PathBuf;

use etcetera::BaseStrategy;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dirs {
    /// Holds `config.yaml` and `routines/`.
    pub config: Option<PathBuf>,
    /// Holds `history.db`.
    pub data: Option<PathBuf>,
}

impl Dirs {
    /// Explicit folders win; otherwise `$XDG_CONFIG_HOME/foamroll` and
    /// `$XDG_DATA_HOME/foamroll`. `None` when there is no home folder to derive them from.
    pub fn resolve(config: Option<PathBuf>, data: Option<PathBuf>) -> Self {
        let base = etcetera::choose_base_strategy().ok();
        Dirs {
            config: config.or_else(|| base.as_ref().map(|b| b.config_dir().join("foamroll"))),
            data: data.or_else(|| base.as_ref().map(|b| b.data_dir().join("foamroll"))),
        }
    }

    pub fn user_routines(&self) -> Option<PathBuf> {
        self.config.as_ref().map(|c| c.join("routines"))
    }
}
