//! FIT through the `fitparser` crate: its stream reader checks the header and file
//! CRCs and walks every message; only the session and activity messages are decoded
//! (the track's records are read past, never kept).

use chrono::{DateTime, FixedOffset, Utc};
use fitparser::de::{FitObject, FitStreamProcessor};
use fitparser::{ErrorKind, Value};

use super::{Format, RunError, Sport, Summary};

const SESSION: u16 = 18;
const ACTIVITY: u16 = 34;
/// The activity message's fields: its UTC timestamp and the same moment in local time.
const TIMESTAMP: u8 = 253;
const LOCAL_TIMESTAMP: u8 = 5;

fn number(v: &Value) -> Option<f64> {
    let n = match v {
        Value::Byte(n) | Value::Enum(n) | Value::UInt8(n) | Value::UInt8z(n) => f64::from(*n),
        Value::SInt8(n) => f64::from(*n),
        Value::SInt16(n) => f64::from(*n),
        Value::UInt16(n) | Value::UInt16z(n) => f64::from(*n),
        Value::SInt32(n) => f64::from(*n),
        Value::UInt32(n) | Value::UInt32z(n) => f64::from(*n),
        Value::Float32(n) => f64::from(*n),
        Value::Float64(n) => *n,
        Value::SInt64(n) => *n as f64,
        Value::UInt64(n) | Value::UInt64z(n) => *n as f64,
        _ => return None,
    };
    n.is_finite().then_some(n)
}

#[derive(Default)]
struct Session {
    start: Option<DateTime<Utc>>,
    sport: Option<Sport>,
    elapsed_s: Option<f64>,
    timer_s: Option<f64>,
    distance_m: Option<f64>,
    ascent_m: Option<f64>,
    descent_m: Option<f64>,
    avg_hr: Option<f64>,
}

fn words(e: &fitparser::Error) -> String {
    match e.as_ref() {
        ErrorKind::InvalidCrc(..) => {
            "its checksum (CRC) does not match its data: the file is damaged".to_string()
        }
        ErrorKind::UnexpectedEof(_) => "it ends in the middle of a message (truncated)".to_string(),
        // nom's complete parsers say "Eof" when the bytes ran out (this crate does not
        // name nom's types, so its Debug name is what tells).
        ErrorKind::ParseError(at, kind) if format!("{kind:?}") == "Eof" => {
            format!("it ends in the middle of a message at byte {at} (truncated)")
        }
        ErrorKind::ParseError(at, _) => format!("unreadable data at byte {at}"),
        ErrorKind::MissingDefinitionMessage(_, at) => {
            format!("a message without its definition at byte {at}")
        }
        ErrorKind::TrailingBytes(n) => format!("{n} bytes after its end"),
        other => crate::text::printable(&other.to_string()),
    }
}

pub fn summarise(mut input: &[u8]) -> Result<Summary, RunError> {
    let malformed = |why: String| RunError::Malformed {
        format: Format::Fit,
        why,
    };
    if input.len() < 12 {
        return Err(malformed("shorter than a FIT header".to_string()));
    }
    let mut fit = FitStreamProcessor::new();
    let mut sessions: Vec<Session> = Vec::new();
    let mut offset: Option<FixedOffset> = None;
    let mut ended = false;
    while !input.is_empty() {
        let (rest, object) = fit
            .deserialize_next(input)
            .map_err(|e| malformed(words(&e)))?;
        input = rest;
        match object {
            FitObject::Crc(_) => {
                ended = true;
                fit.reset();
            }
            FitObject::DataMessage(m) if m.global_message_number() == ACTIVITY => {
                let raw = |n: u8| m.fields().get(&n).and_then(number);
                if let (Some(utc), Some(local)) = (raw(TIMESTAMP), raw(LOCAL_TIMESTAMP)) {
                    // Both count seconds from the same epoch: the difference is the
                    // offset, to the nearest quarter hour.
                    let off = ((local - utc) / 900.0).round() * 900.0;
                    if off.abs() <= 14.0 * 3600.0 {
                        offset = FixedOffset::east_opt(off as i32);
                    }
                }
            }
            FitObject::DataMessage(m) if m.global_message_number() == SESSION => {
                let record = fit.decode_message(m).map_err(|e| malformed(words(&e)))?;
                let mut s = Session::default();
                for f in record.fields() {
                    let v = f.value();
                    match f.name() {
                        "start_time" => {
                            if let Value::Timestamp(t) = v {
                                s.start = Some(t.with_timezone(&Utc));
                            }
                        }
                        "sport" => {
                            s.sport = Some(match v {
                                Value::String(w) => Sport::from_words(w),
                                _ => Sport::Other,
                            })
                        }
                        "total_elapsed_time" => s.elapsed_s = number(v),
                        "total_timer_time" => s.timer_s = number(v),
                        "total_distance" => s.distance_m = number(v),
                        "total_ascent" => s.ascent_m = number(v),
                        "total_descent" => s.descent_m = number(v),
                        "avg_heart_rate" => s.avg_hr = number(v),
                        _ => {}
                    }
                }
                sessions.push(s);
            }
            _ => {}
        }
    }
    if !ended {
        return Err(malformed(
            "it ends before its checksum (truncated)".to_string(),
        ));
    }
    let summary = |s: &Session| -> Option<Summary> {
        let duration_s = s.elapsed_s.or(s.timer_s)?;
        Some(Summary {
            start: s.start?,
            offset,
            sport: s.sport.unwrap_or(Sport::Other),
            duration_s,
            moving_s: s.timer_s.unwrap_or(duration_s),
            distance_m: s.distance_m.unwrap_or(0.0),
            ascent_m: s.ascent_m,
            descent_m: s.descent_m,
            avg_hr: s.avg_hr,
        })
    };
    let mut all = sessions.iter().filter_map(summary);
    let Some(mut first) = all.next() else {
        return Err(RunError::Empty(Format::Fit));
    };
    // A multisport file: one activity, its figures added up, named by its longest part.
    let mut longest = (first.duration_s, first.sport);
    for s in all {
        if s.duration_s > longest.0 {
            longest = (s.duration_s, s.sport);
        }
        let end = (first.start + secs(first.duration_s)).max(s.start + secs(s.duration_s));
        first.start = first.start.min(s.start);
        first.duration_s = (end - first.start).num_milliseconds() as f64 / 1000.0;
        first.moving_s += s.moving_s;
        first.distance_m += s.distance_m;
        first.ascent_m = add(first.ascent_m, s.ascent_m);
        first.descent_m = add(first.descent_m, s.descent_m);
        first.avg_hr = first.avg_hr.or(s.avg_hr);
    }
    first.sport = longest.1;
    Ok(first)
}

fn secs(s: f64) -> chrono::Duration {
    chrono::Duration::milliseconds((s * 1000.0) as i64)
}

fn add(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a + b),
        (a, b) => a.or(b),
    }
}
