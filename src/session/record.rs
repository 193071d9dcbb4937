//! What the history stores about a session. Serialized as one JSON line per snapshot;
//! `#[serde(default)]` on optional fields and `extra` for unknown ones let the format grow.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::library::Style;

pub const RECORD_FORMAT: u32 = 1;

pub use crate::library::Side;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A checkpoint of a session in progress.
    Running,
    Completed,
    Aborted,
    /// A `running` record never superseded: the app was killed or crashed.
    Interrupted,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::Completed => "completed",
            Status::Aborted => "aborted",
            Status::Interrupted => "interrupted",
        }
    }
}

/// One step, side and zone of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryRecord {
    pub step: usize,
    pub exercise_id: String,
    pub region: String,
    #[serde(default)]
    pub side: Option<Side>,
    #[serde(default)]
    pub zone: Option<String>,
    /// Minimum hold times points (recovery) or movement time (warm-up).
    pub planned_s: f64,
    #[serde(default)]
    pub search_s: f64,
    /// Time held, overtime included.
    #[serde(default)]
    pub hold_s: f64,
    #[serde(default)]
    pub overtime_s: f64,
    #[serde(default)]
    pub move_s: f64,
    /// Holds that reached their minimum.
    #[serde(default)]
    pub points_held: u32,
    #[serde(default)]
    pub points_planned: u32,
    #[serde(default)]
    pub skipped: bool,
    /// 0-10, one per rated hold.
    #[serde(default)]
    pub tenderness: Vec<u8>,
}

impl EntryRecord {
    pub fn average_tenderness(&self) -> Option<f64> {
        if self.tenderness.is_empty() {
            None
        } else {
            Some(
                self.tenderness.iter().map(|&t| f64::from(t)).sum::<f64>()
                    / self.tenderness.len() as f64,
            )
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub format: u32,
    pub id: String,
    pub started_at: DateTime<FixedOffset>,
    #[serde(default)]
    pub ended_at: Option<DateTime<FixedOffset>>,
    pub routine_id: String,
    pub routine_name: String,
    pub style: Style,
    pub status: Status,
    #[serde(default)]
    pub entries: Vec<EntryRecord>,
    /// Fields written by a newer foamroll, kept when the record is rewritten.
    #[serde(flatten, default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl SessionRecord {
    /// Seconds from start to end (or to the last checkpoint's end, if any).
    pub fn duration_s(&self) -> f64 {
        self.ended_at
            .map(|end| (end - self.started_at).num_milliseconds() as f64 / 1000.0)
            .unwrap_or_else(|| {
                self.entries
                    .iter()
                    .map(|e| e.search_s + e.hold_s + e.move_s)
                    .sum()
            })
            .max(0.0)
    }

    pub fn average_tenderness(&self) -> Option<f64> {
        let all: Vec<u8> = self
            .entries
            .iter()
            .flat_map(|e| e.tenderness.iter().copied())
            .collect();
        if all.is_empty() {
            None
        } else {
            Some(all.iter().map(|&t| f64::from(t)).sum::<f64>() / all.len() as f64)
        }
    }
}
