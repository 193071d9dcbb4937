//! Runs: the activity files a watch or a running app already exports (GPX 1.1, TCX
//! and FIT, each also gzipped), read into one summary per activity.
//!
//! Only the summary is kept: start time with its UTC offset, sport, duration, moving
//! time, distance, ascent, descent and the average heart rate when the file has one.
//! Track points and coordinates are read to work the summary out and then dropped;
//! they never reach the history.
//!
//! Every file is untrusted: [`read`] reads a regular file of at most
//! [`MAX_FILE_BYTES`] and inflates a gzipped one to at most [`MAX_INFLATED_BYTES`]
//! (a gzip bomb stops there); FIT goes through the `fitparser` crate with its CRC
//! checks, GPX through the `gpx` crate and TCX through a `quick-xml` reader, each XML
//! file first screened for a document type declaration (entities) and for nesting
//! deeper than [`xml::MAX_DEPTH`]; [`Activity::check`] refuses dates and figures no
//! real activity has. Each problem is one [`RunError`], a phrase that follows the file
//! name.

mod fit;
mod gpx;
pub mod scan;
mod tcx;
mod xml;

use std::fmt;
use std::io::Read;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::files::{ReadError, read_limited, size_words};

/// The largest activity file read (a 10 km run is a few hundred KiB of FIT; a day-long
/// ultra with every sensor is a few MiB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most a gzipped file may inflate to.
pub const MAX_INFLATED_BYTES: u64 = 64 * 1024 * 1024;
/// No activity lasts longer than a week.
pub const MAX_DURATION_S: f64 = 7.0 * 24.0 * 3600.0;
/// No activity covers more than 1,000 km (a week-long bike ride could; a run cannot).
pub const MAX_DISTANCE_M: f64 = 1_000_000.0;
/// Nobody climbs more than 20 km in one activity.
pub const MAX_CLIMB_M: f64 = 20_000.0;
/// Running faster than this on average is not running (the marathon record is under 6).
pub const MAX_RUN_SPEED_MS: f64 = 12.0;
/// The first day an activity may have: GPS watches for runners came later.
pub const EARLIEST_YEAR: i32 = 1990;

/// What kind of activity it was. Only runs drive today's plan; the rest are kept with
/// their sport.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Sport {
    Running,
    Walking,
    Hiking,
    Cycling,
    Swimming,
    Other,
}

impl Sport {
    pub const ALL: [Sport; 6] = [
        Sport::Running,
        Sport::Walking,
        Sport::Hiking,
        Sport::Cycling,
        Sport::Swimming,
        Sport::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Sport::Running => "running",
            Sport::Walking => "walking",
            Sport::Hiking => "hiking",
            Sport::Cycling => "cycling",
            Sport::Swimming => "swimming",
            Sport::Other => "other",
        }
    }

    pub fn from_id(s: &str) -> Sport {
        Sport::ALL
            .into_iter()
            .find(|x| x.id() == s)
            .unwrap_or(Sport::Other)
    }

    /// A sport as the files name it: FIT's sport names, TCX's `Sport` attribute, GPX's
    /// `<type>` (words, or Strava's numbers: 9 is a run, 1 a ride, 10 a walk, 4 a hike).
    pub fn from_words(s: &str) -> Sport {
        let s = s.trim().to_ascii_lowercase();
        match s.as_str() {
            "9" | "running" | "run" | "trail_running" | "trail running" | "trail-running"
            | "treadmill_running" | "street_running" | "track_running" | "virtualrun"
            | "virtual_run" => Sport::Running,
            "10" | "walking" | "walk" => Sport::Walking,
            "4" | "hiking" | "hike" => Sport::Hiking,
            "1" | "cycling" | "biking" | "bike" | "ride" | "road_biking" | "mountain_biking"
            | "e_biking" | "virtualride" => Sport::Cycling,
            "swimming" | "swim" | "open_water_swimming" | "lap_swimming" => Sport::Swimming,
            _ if s.contains("run") => Sport::Running,
            _ if s.contains("cycl") || s.contains("bik") => Sport::Cycling,
            _ => Sport::Other,
        }
    }
}

/// One activity as a file tells it, before it is checked. `offset` is `None` when the
/// file gives times in UTC only (GPX always, TCX mostly): the importer then uses the
/// offset of the computer's time zone at that moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub start: DateTime<Utc>,
    pub offset: Option<FixedOffset>,
    pub sport: Sport,
    pub duration_s: f64,
    pub moving_s: f64,
    pub distance_m: f64,
    pub ascent_m: Option<f64>,
    pub descent_m: Option<f64>,
    pub avg_hr: Option<f64>,
}

/// One activity as the history keeps it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activity {
    /// Local time where it happened, with its offset from UTC.
    pub start: DateTime<FixedOffset>,
    pub sport: Sport,
    pub duration_s: f64,
    pub moving_s: f64,
    pub distance_m: f64,
    pub ascent_m: Option<f64>,
    pub descent_m: Option<f64>,
    pub avg_hr: Option<f64>,
}

impl Activity {
    /// When it ended.
    pub fn end(&self) -> DateTime<FixedOffset> {
        self.start + chrono::Duration::milliseconds((self.duration_s * 1000.0) as i64)
    }

    pub fn is_run(&self) -> bool {
        self.sport == Sport::Running
    }

    pub fn distance_km(&self) -> f64 {
        self.distance_m / 1000.0
    }

    /// Refuses what no real activity has: a start before [`EARLIEST_YEAR`] or more than
    /// a day after `now`, a negative, endless or absurd duration, distance, climb,
    /// speed or heart rate. The phrase says which figure and what it was.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), RunError> {
        let bad = |what: String| Err(RunError::Absurd(what));
        let start = self.start.with_timezone(&Utc);
        let earliest = NaiveDate::from_ymd_opt(EARLIEST_YEAR, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc());
        if earliest.is_some_and(|e| start < e) {
            return bad(format!(
                "starts on {}, before {EARLIEST_YEAR}",
                self.start.format("%Y-%m-%d")
            ));
        }
        if start > now + chrono::Duration::days(1) {
            return bad(format!(
                "starts on {}, in the future",
                self.start.format("%Y-%m-%d")
            ));
        }
        for (name, v, max) in [
            ("duration", self.duration_s, MAX_DURATION_S),
            ("moving time", self.moving_s, MAX_DURATION_S),
        ] {
            if !v.is_finite() || v <= 0.0 && name == "duration" || v < 0.0 || v > max {
                return bad(format!("has a {name} of {} seconds", shown(v)));
            }
        }
        if !self.distance_m.is_finite() || self.distance_m < 0.0 {
            return bad(format!("has a distance of {} m", shown(self.distance_m)));
        }
        if self.distance_m > MAX_DISTANCE_M {
            return bad(format!(
                "has a distance of {} km, more than anyone covers in one go",
                shown(self.distance_km())
            ));
        }
        for (name, v) in [("ascent", self.ascent_m), ("descent", self.descent_m)] {
            if let Some(v) = v
                && (!v.is_finite() || !(0.0..=MAX_CLIMB_M).contains(&v))
            {
                return bad(format!("has an {name} of {} m", shown(v)));
            }
        }
        if self.is_run() {
            let moving = if self.moving_s > 0.0 {
                self.moving_s
            } else {
                self.duration_s
            };
            let speed = self.distance_m / moving;
            if speed > MAX_RUN_SPEED_MS {
                return bad(format!(
                    "is a run of {} km in {} minutes, faster than anyone runs",
                    shown(self.distance_km()),
                    shown(moving / 60.0)
                ));
            }
        }
        if let Some(hr) = self.avg_hr
            && (!hr.is_finite() || !(20.0..=250.0).contains(&hr))
        {
            return bad(format!("has an average heart rate of {}", shown(hr)));
        }
        Ok(())
    }
}

fn shown(v: f64) -> String {
    if !v.is_finite() {
        return "no number".to_string();
    }
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The formats read, by the file's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Fit,
    Gpx,
    Tcx,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Fit => "FIT",
            Format::Gpx => "GPX",
            Format::Tcx => "TCX",
        }
    }
}

/// The format and whether it is gzipped, from the name (`.fit`, `.gpx.gz`, any case);
/// `None` for every other file.
pub fn kind_of(path: &Path) -> Option<(Format, bool)> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let (stem, gz) = match name.strip_suffix(".gz") {
        Some(s) => (s, true),
        None => (name.as_str(), false),
    };
    let format = if stem.ends_with(".fit") {
        Format::Fit
    } else if stem.ends_with(".gpx") {
        Format::Gpx
    } else if stem.ends_with(".tcx") {
        Format::Tcx
    } else {
        return None;
    };
    Some((format, gz))
}

/// Why a file was not imported: a phrase that follows its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunError {
    /// Not `.fit`, `.gpx` or `.tcx` (or the same gzipped).
    NotActivity,
    Read(String),
    /// Larger than the limit.
    TooLarge(u64),
    /// Inflates past the limit.
    InflatesTooFar(u64),
    /// Gzip data that does not inflate.
    BadGzip(String),
    /// The format's own error, in words.
    Malformed {
        format: Format,
        why: String,
    },
    /// An XML document type declaration (entities are never expanded).
    Doctype(Format),
    /// Nested deeper than any activity file is.
    TooDeep(Format, usize),
    /// Parsed, but holds no activity.
    Empty(Format),
    /// A figure no real activity has.
    Absurd(String),
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::NotActivity => {
                f.write_str("not an activity file (.fit, .gpx or .tcx, each also .gz)")
            }
            RunError::Read(why) => f.write_str(why),
            RunError::TooLarge(limit) => write!(
                f,
                "larger than {}, more than an activity file holds; skipped",
                size_words(*limit)
            ),
            RunError::InflatesTooFar(limit) => write!(
                f,
                "inflates to more than {}, more than an activity file holds; stopped there",
                size_words(*limit)
            ),
            RunError::BadGzip(why) => write!(f, "not readable gzip data ({why})"),
            RunError::Malformed { format, why } => {
                write!(f, "not a readable {} file: {why}", format.label())
            }
            RunError::Doctype(format) => write!(
                f,
                "a {} file with a document type declaration; entities are never expanded, so it is skipped",
                format.label()
            ),
            RunError::TooDeep(format, depth) => write!(
                f,
                "a {} file nested more than {depth} levels deep; skipped",
                format.label()
            ),
            RunError::Empty(format) => write!(
                f,
                "a {} file without an activity (no times, or a single point)",
                format.label()
            ),
            RunError::Absurd(what) => write!(f, "{what}; not imported"),
        }
    }
}

impl std::error::Error for RunError {}

/// A file's content, inflated when gzipped, and the hash of that content (so a renamed
/// or recompressed copy is the same activity).
#[derive(Debug, Clone)]
pub struct Content {
    pub format: Format,
    pub bytes: Vec<u8>,
    pub hash: String,
}

/// Reads `path`: a regular file of at most [`MAX_FILE_BYTES`], inflated to at most
/// [`MAX_INFLATED_BYTES`] when its name ends in `.gz`.
pub fn read(path: &Path) -> Result<Content, RunError> {
    let (format, gz) = kind_of(path).ok_or(RunError::NotActivity)?;
    let raw = read_limited(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::TooLarge(n) => RunError::TooLarge(n),
        other => RunError::Read(other.to_string()),
    })?;
    content(format, gz, raw)
}

/// The content of a file already in memory (what [`read`] does after reading).
pub fn content(format: Format, gz: bool, raw: Vec<u8>) -> Result<Content, RunError> {
    let bytes = if gz { inflate(&raw)? } else { raw };
    let hash = hash(&bytes);
    Ok(Content {
        format,
        bytes,
        hash,
    })
}

/// Inflates gzip data (several members too, as `cat a.gz b.gz` makes), stopping one
/// byte past [`MAX_INFLATED_BYTES`].
pub fn inflate(raw: &[u8]) -> Result<Vec<u8>, RunError> {
    let mut out = Vec::new();
    let decoder = flate2::read::MultiGzDecoder::new(raw);
    decoder
        .take(MAX_INFLATED_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| RunError::BadGzip(e.to_string()))?;
    if out.len() as u64 > MAX_INFLATED_BYTES {
        return Err(RunError::InflatesTooFar(MAX_INFLATED_BYTES));
    }
    Ok(out)
}

/// SHA-256 of the bytes, as 64 hex digits.
pub fn hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The summary of an activity file's content.
pub fn summarise(c: &Content) -> Result<Summary, RunError> {
    match c.format {
        Format::Fit => fit::summarise(&c.bytes),
        Format::Gpx => gpx::summarise(&c.bytes),
        Format::Tcx => tcx::summarise(&c.bytes),
    }
}

/// The activity of a summary, its time in the offset the file gives, else in the one
/// `local` gives for that moment; checked against `now`.
pub fn activity(
    s: &Summary,
    local: impl Fn(DateTime<Utc>) -> FixedOffset,
    now: DateTime<Utc>,
) -> Result<Activity, RunError> {
    let offset = s.offset.unwrap_or_else(|| local(s.start));
    let a = Activity {
        start: offset.from_utc_datetime(&s.start.naive_utc()),
        sport: s.sport,
        duration_s: s.duration_s,
        moving_s: s.moving_s,
        distance_m: s.distance_m,
        ascent_m: s.ascent_m,
        descent_m: s.descent_m,
        avg_hr: s.avg_hr,
    };
    a.check(now)?;
    Ok(a)
}

/// The offset of the computer's time zone at a moment.
pub fn local_offset(t: DateTime<Utc>) -> FixedOffset {
    *t.with_timezone(&chrono::Local).offset()
}

/// What a track of timed points adds up to; used by GPX and TCX alike. Points come as
/// (time, latitude, longitude, elevation); coordinates serve the distance and are
/// dropped with the track.
#[derive(Debug, Default)]
pub(crate) struct Track {
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
    prev: Option<(DateTime<Utc>, f64, f64)>,
    distance_m: f64,
    moving_s: f64,
    /// Elevation with hysteresis: climbs count once they pass [`CLIMB_STEP_M`].
    anchor: Option<f64>,
    ascent_m: f64,
    descent_m: f64,
    has_elevation: bool,
    hr_sum: f64,
    hr_count: u32,
}

/// GPS elevation wobbles by a few metres: changes smaller than this are not climbing.
const CLIMB_STEP_M: f64 = 3.0;
/// Slower than this between two points is standing still (a walk is about 1.4 m/s).
const MOVING_MS: f64 = 0.5;
/// A gap longer than this between two points is a pause, not moving time.
const GAP_S: f64 = 60.0;

impl Track {
    pub(crate) fn time(&mut self, t: DateTime<Utc>) {
        self.first = Some(self.first.map_or(t, |f| f.min(t)));
        self.last = Some(self.last.map_or(t, |l| l.max(t)));
    }

    pub(crate) fn point(&mut self, t: Option<DateTime<Utc>>, lat: f64, lon: f64) {
        if !(lat.is_finite() && lon.is_finite()) {
            return;
        }
        if let Some(t) = t {
            self.time(t);
        }
        if let (Some(t), Some((pt, plat, plon))) = (t, self.prev) {
            let d = haversine_m(plat, plon, lat, lon);
            let dt = (t - pt).num_milliseconds() as f64 / 1000.0;
            self.distance_m += d;
            if dt > 0.0 && dt <= GAP_S && d / dt >= MOVING_MS {
                self.moving_s += dt;
            }
        } else if t.is_none()
            && let Some((_, plat, plon)) = self.prev
        {
            self.distance_m += haversine_m(plat, plon, lat, lon);
        }
        let pt = t.or(self.prev.map(|p| p.0)).unwrap_or_default();
        self.prev = Some((pt, lat, lon));
    }

    /// Ends a segment: the next point does not join the last one.
    pub(crate) fn break_segment(&mut self) {
        self.prev = None;
    }

    pub(crate) fn elevation(&mut self, e: f64) {
        if !e.is_finite() {
            return;
        }
        self.has_elevation = true;
        match self.anchor {
            None => self.anchor = Some(e),
            Some(a) if e - a >= CLIMB_STEP_M => {
                self.ascent_m += e - a;
                self.anchor = Some(e);
            }
            Some(a) if a - e >= CLIMB_STEP_M => {
                self.descent_m += a - e;
                self.anchor = Some(e);
            }
            Some(_) => {}
        }
    }

    pub(crate) fn heart_rate(&mut self, hr: f64) {
        if hr.is_finite() && hr > 0.0 {
            self.hr_sum += hr;
            self.hr_count += 1;
        }
    }

    pub(crate) fn distance_m(&self) -> f64 {
        self.distance_m
    }

    /// The summary, given the sport; `None` without two distinct times.
    pub(crate) fn summary(
        &self,
        sport: Sport,
        offset: Option<FixedOffset>,
        distance_m: Option<f64>,
    ) -> Option<Summary> {
        let (first, last) = (self.first?, self.last?);
        let duration_s = (last - first).num_milliseconds() as f64 / 1000.0;
        if duration_s <= 0.0 {
            return None;
        }
        Some(Summary {
            start: first,
            offset,
            sport,
            duration_s,
            moving_s: if self.moving_s > 0.0 {
                self.moving_s
            } else {
                duration_s
            },
            distance_m: distance_m.unwrap_or(self.distance_m),
            ascent_m: self.has_elevation.then_some(self.ascent_m),
            descent_m: self.has_elevation.then_some(self.descent_m),
            avg_hr: (self.hr_count > 0).then(|| self.hr_sum / f64::from(self.hr_count)),
        })
    }
}

/// The distance between two points on the Earth, in metres.
fn haversine_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const R: f64 = 6_371_008.8;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * R * a.sqrt().min(1.0).asin()
}

/// A sport guessed from the pace when the file names none: a run is between about
/// 3 and 10 minutes a kilometre.
pub(crate) fn sport_from_pace(distance_m: f64, moving_s: f64) -> Sport {
    if moving_s <= 0.0 {
        return Sport::Other;
    }
    let speed = distance_m / moving_s;
    if (1.6..=5.6).contains(&speed) {
        Sport::Running
    } else {
        Sport::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_distance() {
        // One degree of latitude is about 111.2 km.
        let d = haversine_m(0.0, 0.0, 1.0, 0.0);
        assert!((d - 111_195.0).abs() < 50.0, "{d}");
    }

    #[test]
    fn names_decide_the_format() {
        assert_eq!(kind_of(Path::new("a/B.FIT")), Some((Format::Fit, false)));
        assert_eq!(kind_of(Path::new("x.gpx.gz")), Some((Format::Gpx, true)));
        assert_eq!(kind_of(Path::new("x.tcx.GZ")), Some((Format::Tcx, true)));
        assert_eq!(kind_of(Path::new("x.gz")), None);
        assert_eq!(kind_of(Path::new("notes.txt")), None);
    }

    #[test]
    fn sports_from_words() {
        assert_eq!(Sport::from_words("Running"), Sport::Running);
        assert_eq!(Sport::from_words("9"), Sport::Running);
        assert_eq!(Sport::from_words("trail_running"), Sport::Running);
        assert_eq!(Sport::from_words("Biking"), Sport::Cycling);
        assert_eq!(Sport::from_words("yoga"), Sport::Other);
    }

    #[test]
    fn elevation_wobble_is_not_climbing() {
        let mut t = Track::default();
        for e in [100.0, 101.0, 99.5, 100.8, 99.9, 100.0] {
            t.elevation(e);
        }
        assert_eq!((t.ascent_m, t.descent_m), (0.0, 0.0));
        for e in [110.0, 120.0, 90.0] {
            t.elevation(e);
        }
        assert_eq!((t.ascent_m, t.descent_m), (20.0, 30.0));
    }
}
