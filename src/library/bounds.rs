//! The bounds that protect people, shared by routine files and `config.yaml` so that
//! neither can ask for what the other refuses. Holds come from the recovery article
//! (at least 30 s) and the clinical safe limits (no more than two minutes on one spot).

use std::ops::RangeInclusive;

/// Routine files are small; anything larger is refused before it is parsed.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A recovery hold: the discomfort should start to ease after about 30 s, and no spot
/// is held more than two minutes.
pub const RECOVERY_HOLD_S: RangeInclusive<u32> = 30..=120;
/// The shortest recovery hold.
pub const MIN_RECOVERY_HOLD_S: u32 = *RECOVERY_HOLD_S.start();
/// The longest recovery hold.
pub const MAX_HOLD_S: u32 = *RECOVERY_HOLD_S.end();
/// Overtime after the minimum hold: capped, and the cap cannot be switched off.
pub const OVERTIME_CAP_S: RangeInclusive<u32> = 0..=120;
/// Get ready before the first step.
pub const GET_READY_S: RangeInclusive<u32> = 0..=60;
/// Rest between steps.
pub const REST_S: RangeInclusive<u32> = 0..=120;
/// Changing sides.
pub const SWITCH_SIDES_S: RangeInclusive<u32> = 0..=60;
/// How long a search may last before the coach says to hold the spot found so far.
pub const SEARCH_LIMIT_S: RangeInclusive<u32> = 10..=300;
/// Trigger points per side in one zone.
pub const POINTS: RangeInclusive<u32> = 1..=10;
/// One warm-up movement, per side.
pub const WARMUP_DURATION_S: RangeInclusive<u32> = 5..=600;
/// The longest warm-up movement, per side.
pub const MAX_DURATION_S: u32 = *WARMUP_DURATION_S.end();
/// A warm-up movement's length when a routine gives none.
pub const DEFAULT_WARMUP_DURATION_S: u32 = 30;
/// Sessions a week the review and the report count against (`weekly_goal`).
pub const WEEKLY_GOAL: RangeInclusive<u32> = 1..=14;
