//! TCX (Garmin's Training Center XML) through the XML screen's `quick-xml` pass: the
//! first activity's sport and laps (time, distance), and its track points for the
//! elapsed time, the climb and the heart rate.

use chrono::{DateTime, FixedOffset, Utc};

use super::xml::{Node, attribute, date_time, walk};
use super::{Format, RunError, Sport, Summary, Track};

#[derive(Default)]
struct State {
    /// Element names from the root down (the screen bounds the depth).
    path: Vec<String>,
    activities: u32,
    sport: Option<Sport>,
    id: Option<(DateTime<Utc>, Option<FixedOffset>)>,
    lap_time_s: f64,
    lap_distance_m: f64,
    laps: u32,
    track: Track,
    /// The point being read: time, latitude, longitude.
    time: Option<DateTime<Utc>>,
    lat: Option<f64>,
    lon: Option<f64>,
}

impl State {
    fn inside(&self, names: &[&str]) -> bool {
        self.path.len() >= names.len()
            && self.path[self.path.len() - names.len()..]
                .iter()
                .zip(names)
                .all(|(a, b)| a == b)
    }
}

fn number(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

pub fn summarise(bytes: &[u8]) -> Result<Summary, RunError> {
    let mut st = State::default();
    walk(Format::Tcx, bytes, |node| {
        match node {
            Node::Open { name, element, .. } => {
                if name == "Activity" && st.inside(&["Activities"]) {
                    st.activities += 1;
                    if st.activities == 1 {
                        st.sport = attribute(element, "Sport").map(|s| Sport::from_words(&s));
                    }
                }
                if name == "Trackpoint" {
                    st.time = None;
                    st.lat = None;
                    st.lon = None;
                }
                st.path.push(name.to_string());
            }
            Node::Close { name } => {
                if name == "Trackpoint" && st.activities == 1 {
                    match (st.lat, st.lon) {
                        (Some(lat), Some(lon)) => st.track.point(st.time, lat, lon),
                        _ => {
                            if let Some(t) = st.time {
                                st.track.time(t);
                            }
                        }
                    }
                }
                if name == "Track" {
                    st.track.break_segment();
                }
                st.path.pop();
            }
            Node::Text(t) if st.activities == 1 => {
                let leaf = st.path.last().map(String::as_str).unwrap_or("");
                match leaf {
                    "Id" if st.inside(&["Activity", "Id"]) => st.id = date_time(&t),
                    "TotalTimeSeconds" if st.inside(&["Lap", "TotalTimeSeconds"]) => {
                        st.lap_time_s += number(&t).unwrap_or(0.0);
                        st.laps += 1;
                    }
                    "DistanceMeters" if st.inside(&["Lap", "DistanceMeters"]) => {
                        st.lap_distance_m += number(&t).unwrap_or(0.0);
                    }
                    "Time" if st.inside(&["Trackpoint", "Time"]) => {
                        st.time = date_time(&t).map(|(t, _)| t);
                    }
                    "LatitudeDegrees" => st.lat = number(&t),
                    "LongitudeDegrees" => st.lon = number(&t),
                    "AltitudeMeters" if st.inside(&["Trackpoint", "AltitudeMeters"]) => {
                        if let Some(e) = number(&t) {
                            st.track.elevation(e);
                        }
                    }
                    "Value" if st.inside(&["Trackpoint", "HeartRateBpm", "Value"]) => {
                        if let Some(v) = number(&t) {
                            st.track.heart_rate(v);
                        }
                    }
                    _ => {}
                }
            }
            Node::Text(_) => {}
        }
        Ok(())
    })?;
    if st.activities == 0 {
        return Err(RunError::Empty(Format::Tcx));
    }
    let offset = st.id.and_then(|(_, o)| o);
    let distance = (st.lap_distance_m > 0.0).then_some(st.lap_distance_m);
    let mut summary = match st
        .track
        .summary(st.sport.unwrap_or(Sport::Other), offset, distance)
    {
        Some(s) => s,
        // Laps without track points (a treadmill, an indoor watch): the laps' time.
        None => {
            let (start, _) = st.id.ok_or(RunError::Empty(Format::Tcx))?;
            if st.lap_time_s <= 0.0 {
                return Err(RunError::Empty(Format::Tcx));
            }
            Summary {
                start,
                offset,
                sport: st.sport.unwrap_or(Sport::Other),
                duration_s: st.lap_time_s,
                moving_s: st.lap_time_s,
                distance_m: st.lap_distance_m,
                ascent_m: None,
                descent_m: None,
                avg_hr: None,
            }
        }
    };
    if st.laps > 0 && st.lap_time_s > 0.0 {
        // The watch's own timer: time moving, without the pauses.
        summary.moving_s = st.lap_time_s.min(summary.duration_s.max(st.lap_time_s));
    }
    if let Some((start, _)) = st.id
        && start < summary.start
    {
        summary.duration_s += (summary.start - start).num_milliseconds() as f64 / 1000.0;
        summary.start = start;
    }
    if distance.is_none() && summary.distance_m == 0.0 {
        summary.distance_m = st.track.distance_m();
    }
    Ok(summary)
}
