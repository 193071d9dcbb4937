//! Session history: an SQLite database in the data folder (`history.db`), what the
//! screens need of each session, the statistics of the review, and a reader for the
//! JSON Lines logs of earlier versions and for `--json` exports (import and the one-time
//! migration).

pub mod activities;
mod html;
mod import;
mod live;
mod pictures;
mod report;
mod stats;
mod store;
mod writer;

use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use crate::library::Style;
use crate::session::{SessionRecord, Side, Status};

pub use html::report_html;
pub use import::{
    ImportReport, Loaded, MAX_IMPORT_BYTES, parse_any, parse_log, read_bounded, validate,
};
pub use live::{Running, is_running};
pub use pictures::{
    BAND_NAMES, Block, Cell, ChartPoint, Day, DayKind, MapEntry, MapLayout, SideSeries,
    TenderChart, Window, band, calendar, tender_chart, tender_map, weeks_of,
};
pub use report::{NotRolled, Report, TenderRow, report_markdown};
pub use stats::{
    Asymmetry, Coverage, Direction, Filter, Review, SeriesKey, Streak, TendernessPoint, Trend,
    WeekTotal, WeeklyGoal, asymmetries, coverage, last_worked, rolled_dates, session_date, streak,
    tenderness_series, trends, week_start, weekly_goal, weekly_minutes,
};
pub use store::runs::{FileSeen, Forgot, RunWrite, StoredRun, path_key};
pub use store::{DB_NAME, LEGACY_DONE_NAME, LEGACY_NAME, OpenError, SCHEMA_VERSION, Store};
pub use writer::{SLOW, SaveState, Writer};

/// Ratings and work for one region and side within a session.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionWork {
    /// Shared: a long history repeats a handful of region names many times.
    pub region: Arc<str>,
    pub side: Option<Side>,
    pub rating_sum: u32,
    pub rating_count: u32,
    /// Held or moved there, not only skipped.
    pub worked: bool,
}

/// What the screens and statistics need of a session.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSummary {
    pub id: Arc<str>,
    pub started_at: DateTime<FixedOffset>,
    pub duration_s: f64,
    pub routine_id: Arc<str>,
    pub routine_name: Arc<str>,
    pub style: Style,
    pub status: Status,
    pub average_tenderness: Option<f64>,
    pub regions: Vec<RegionWork>,
    /// Rolling was done: at least one hold reached its minimum or one movement ran its
    /// time. A session aborted in its first phase has not, nor one whose every step
    /// was skipped.
    pub rolled: bool,
    /// The session's row in the store (what [`Store::record_at`] takes).
    pub offset: u64,
}

impl SessionSummary {
    pub fn of(r: &SessionRecord, offset: u64) -> SessionSummary {
        let mut regions: Vec<RegionWork> = Vec::new();
        for e in &r.entries {
            let i = match regions
                .iter()
                .position(|w| *w.region == *e.region && w.side == e.side)
            {
                Some(i) => i,
                None => {
                    regions.push(RegionWork {
                        region: e.region.as_str().into(),
                        side: e.side,
                        rating_sum: 0,
                        rating_count: 0,
                        worked: false,
                    });
                    regions.len() - 1
                }
            };
            let w = &mut regions[i];
            w.rating_sum += e.tenderness.iter().map(|&t| u32::from(t)).sum::<u32>();
            w.rating_count += e.tenderness.len() as u32;
            w.worked |= e.hold_s > 0.0 || e.move_s > 0.0;
        }
        SessionSummary {
            id: r.id.as_str().into(),
            started_at: r.started_at,
            duration_s: r.duration_s(),
            routine_id: r.routine_id.as_str().into(),
            routine_name: r.routine_name.as_str().into(),
            style: r.style,
            status: r.status,
            average_tenderness: r.average_tenderness(),
            regions,
            rolled: rolled(r),
            offset,
        }
    }

    /// The status as the screens show it. A record still marked running is shown as
    /// running only while its session is being played (see [`is_running`], which
    /// [`mark_interrupted`] applies); otherwise it was interrupted.
    pub fn shown_status(&self) -> Status {
        self.status
    }
}

/// Marks as interrupted every session of `sessions` still marked running that no
/// program is playing now (its lock in `data` is free): a crash or `kill -9` left it.
/// One that another instance is playing stays running.
pub fn mark_interrupted(sessions: &mut [SessionSummary], data: &std::path::Path) {
    for s in sessions
        .iter_mut()
        .filter(|s| s.status == Status::Running && !is_running(data, &s.id))
    {
        s.status = Status::Interrupted;
    }
}

/// Whether any rolling was done in a session (see [`SessionSummary::rolled`]).
pub fn rolled(r: &SessionRecord) -> bool {
    // At least one side of one step done: a session whose every step was skipped, or
    // one quit during its get ready, did not roll anything, whatever its status. A
    // completed record without entries (an old import) counts.
    (r.status == Status::Completed && r.entries.is_empty())
        || r.entries
            .iter()
            .any(|e| e.points_held > 0 || (e.move_s > 0.0 && !e.skipped))
}
