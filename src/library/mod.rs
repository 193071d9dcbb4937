//! The routine library: YAML types, loading, validation and the built-in content.

pub mod bounds;
mod builtin;
pub mod diagnostic;
mod hints;
pub mod landmarks;
mod load;
mod merge;
pub mod model;
mod parse;
pub mod precomputed;
mod read;
pub mod scalar;
mod source;
mod validate;
mod write;
pub mod yaml;

pub use bounds::{MAX_FILE_BYTES, MIN_RECOVERY_HOLD_S};
pub use builtin::FILES as BUILTIN_FILES;
pub use diagnostic::{Diagnostic, Position, Severity};
pub use load::{LoadReport, Loader, load_builtin, load_builtin_yaml};
pub use model::*;
pub use parse::{check_raw, parse, parse_yaml};
pub use source::Layer;
pub use write::routine_file;
