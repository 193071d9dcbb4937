//! A library file as read, and the layer it comes from: what loading, merging and
//! validating all share (kept apart so that none of them imports another for it).

/// Where a file comes from. Later layers override earlier ones by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    Builtin,
    /// `$XDG_CONFIG_HOME/foamroll/routines/`
    Config,
    /// `--library DIR`
    Library,
    /// Paths given to `foamroll check`.
    Check,
}

#[derive(Debug)]
pub(super) struct SourceFile {
    pub(super) path: String,
    pub(super) layer: Layer,
    pub(super) text: String,
}
