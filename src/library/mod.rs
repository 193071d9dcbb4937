//! The routine library: YAML types, loading, validation and the built-in content.

mod builtin;
pub mod diagnostic;
mod load;
pub mod model;
mod write;
pub mod yaml;

pub use builtin::FILES as BUILTIN_FILES;
pub use diagnostic::{Diagnostic, Position, Severity};
pub use load::{
    Layer, LoadReport, Loader, MAX_FILE_BYTES, MIN_RECOVERY_HOLD_S, check_raw, join_or,
    load_builtin, parse, parse_yaml,
};
pub use model::*;
pub use write::routine_file;
