//! GPX 1.1 (and 1.0) through the `gpx` crate, after the XML screen. The heart rate
//! lives in extensions (`gpxtpx:hr`, `ns3:hr`), which the screen's pass collects.

use super::xml::{Node, date_time, walk};
use super::{Format, RunError, Sport, Summary, Track, sport_from_pace};

pub fn summarise(bytes: &[u8]) -> Result<Summary, RunError> {
    let mut hr_sum = 0.0;
    let mut hr_count = 0u32;
    let mut in_hr = false;
    walk(Format::Gpx, bytes, |node| {
        match node {
            Node::Open { name, empty, .. } => in_hr = name == "hr" && !empty,
            Node::Close { .. } => in_hr = false,
            Node::Text(t) if in_hr => {
                if let Ok(v) = t.trim().parse::<f64>()
                    && v.is_finite()
                    && v > 0.0
                {
                    hr_sum += v;
                    hr_count += 1;
                }
            }
            Node::Text(_) => {}
        }
        Ok(())
    })?;
    let doc = gpx::read(bytes).map_err(|e| RunError::Malformed {
        format: Format::Gpx,
        why: crate::text::printable(&e.to_string()),
    })?;
    let mut track = Track::default();
    let mut named: Option<Sport> = None;
    for t in &doc.tracks {
        if named.is_none()
            && let Some(kind) = &t.type_
        {
            named = Some(Sport::from_words(kind));
        }
        for seg in &t.segments {
            for p in &seg.points {
                // The crate's time, through its ISO 8601 text (it names no chrono type).
                let time = p
                    .time
                    .and_then(|t| t.format().ok())
                    .and_then(|s| date_time(&s))
                    .map(|(t, _)| t);
                let at = p.point();
                track.point(time, at.y(), at.x());
                if let Some(e) = p.elevation {
                    track.elevation(e);
                }
            }
            track.break_segment();
        }
    }
    let mut summary = track
        .summary(Sport::Other, None, None)
        .ok_or(RunError::Empty(Format::Gpx))?;
    summary.sport = named.unwrap_or_else(|| sport_from_pace(summary.distance_m, summary.moving_s));
    summary.avg_hr = (hr_count > 0).then(|| hr_sum / f64::from(hr_count));
    Ok(summary)
}
