//! Reading activity files: FIT, GPX and TCX (each also gzipped) written by the tests'
//! own writer, and every hostile file the issue names: a gzip bomb, a truncated FIT, a
//! FIT with a bad CRC, XML with entities or deep nesting, absurd dates and distances.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use common::activities::{Run, gzip, gzip_bomb, wrap};
use foamroll::runs::{self, Content, Format, RunError, Sport};
use proptest::prelude::*;

/// 2026-03-01 07:10:00 UTC.
const START: i64 = 1_772_349_000;

fn now() -> DateTime<Utc> {
    Utc.timestamp_opt(START + 86_400 * 3, 0).unwrap()
}

fn utc(_: DateTime<Utc>) -> FixedOffset {
    FixedOffset::east_opt(0).unwrap()
}

fn parse(format: Format, gz: bool, raw: Vec<u8>) -> Result<runs::Activity, RunError> {
    let c: Content = runs::content(format, gz, raw)?;
    let s = runs::summarise(&c)?;
    runs::activity(&s, utc, now())
}

fn hilly() -> Run {
    let mut r = Run::new(START, 3600, 12_400.0);
    r.offset_s = 3600;
    r.climb_m = 180.0;
    r.hr = Some(152);
    r
}

#[test]
fn a_fit_run_reads_as_its_summary_with_its_offset() {
    let a = parse(Format::Fit, false, hilly().fit()).unwrap();
    assert_eq!(a.start.offset().local_minus_utc(), 3600);
    assert_eq!(
        a.start.format("%Y-%m-%d %H:%M").to_string(),
        "2026-03-01 08:10"
    );
    assert_eq!(a.sport, Sport::Running);
    assert_eq!(a.duration_s, 3600.0);
    assert!((a.distance_m - 12_400.0).abs() < 0.5, "{}", a.distance_m);
    assert_eq!(a.ascent_m, Some(180.0));
    assert_eq!(a.descent_m, Some(180.0));
    assert_eq!(a.avg_hr, Some(152.0));
}

#[test]
fn a_fit_sport_other_than_running_is_kept_as_it_is() {
    let mut r = hilly();
    r.sport = 2;
    assert_eq!(
        parse(Format::Fit, false, r.fit()).unwrap().sport,
        Sport::Cycling
    );
}

#[test]
fn gpx_and_tcx_work_out_distance_climb_and_heart_rate_from_the_track() {
    for (format, text) in [(Format::Gpx, hilly().gpx()), (Format::Tcx, hilly().tcx())] {
        let a = parse(format, false, text.into_bytes()).unwrap();
        assert_eq!(a.sport, Sport::Running, "{format:?}");
        assert_eq!(a.start, Utc.timestamp_opt(START, 0).unwrap(), "{format:?}");
        assert_eq!(a.duration_s, 3600.0, "{format:?}");
        assert!(
            (a.distance_m - 12_400.0).abs() < 50.0,
            "{format:?} {}",
            a.distance_m
        );
        let up = a.ascent_m.unwrap();
        assert!((up - 180.0).abs() < 4.0, "{format:?} ascent {up}");
        let down = a.descent_m.unwrap();
        assert!((down - 180.0).abs() < 4.0, "{format:?} descent {down}");
        assert_eq!(a.avg_hr, Some(152.0), "{format:?}");
    }
}

#[test]
fn gzipped_files_read_the_same_and_hash_the_same() {
    let fit = hilly().fit();
    let plain = runs::content(Format::Fit, false, fit.clone()).unwrap();
    let gz = runs::content(Format::Fit, true, gzip(&fit)).unwrap();
    assert_eq!(plain.hash, gz.hash);
    assert_eq!(
        runs::summarise(&plain).unwrap(),
        runs::summarise(&gz).unwrap()
    );
    let other = runs::content(
        Format::Fit,
        false,
        Run::new(START + 60, 3600, 10_000.0).fit(),
    );
    assert_ne!(other.unwrap().hash, plain.hash);
}

#[test]
fn a_gzip_bomb_stops_at_the_limit() {
    let bomb = gzip_bomb(runs::MAX_INFLATED_BYTES + (8 << 20));
    assert!(
        bomb.len() < 1 << 20,
        "the bomb itself is small: {}",
        bomb.len()
    );
    let e = runs::content(Format::Gpx, true, bomb).unwrap_err();
    assert_eq!(e, RunError::InflatesTooFar(runs::MAX_INFLATED_BYTES));
    assert!(
        e.to_string().contains("inflates to more than 64 MiB"),
        "{e}"
    );
}

#[test]
fn gzip_that_is_not_gzip_is_one_clear_error() {
    let e = runs::content(Format::Fit, true, b"not gzip at all".to_vec()).unwrap_err();
    assert!(matches!(e, RunError::BadGzip(_)), "{e:?}");
    // A gzip cut short.
    let mut gz = gzip(&hilly().fit());
    gz.truncate(gz.len() / 2);
    assert!(matches!(
        runs::content(Format::Fit, true, gz),
        Err(RunError::BadGzip(_))
    ));
}

#[test]
fn a_truncated_fit_says_so() {
    let fit = hilly().fit();
    for cut in [5, 13, 40, fit.len() / 2, fit.len() - 1] {
        let e = parse(Format::Fit, false, fit[..cut].to_vec()).unwrap_err();
        let words = e.to_string();
        assert!(
            matches!(
                e,
                RunError::Malformed {
                    format: Format::Fit,
                    ..
                }
            ),
            "{cut}: {e:?}"
        );
        assert!(
            words.contains("truncated") || words.contains("shorter than a FIT header"),
            "{cut}: {words}"
        );
    }
}

#[test]
fn a_fit_with_a_bad_crc_is_refused() {
    let mut fit = hilly().fit();
    let n = fit.len();
    fit[n - 1] ^= 0x5A;
    let e = parse(Format::Fit, false, fit).unwrap_err();
    assert!(
        e.to_string().contains("checksum (CRC) does not match"),
        "{e}"
    );
    // A byte of the data changed under a good CRC.
    let mut fit = hilly().fit();
    fit[200] ^= 0x01;
    let e = parse(Format::Fit, false, fit).unwrap_err();
    assert!(e.to_string().contains("CRC"), "{e}");
}

#[test]
fn a_fit_without_a_session_has_no_activity() {
    let e = parse(Format::Fit, false, wrap(&[])).unwrap_err();
    assert_eq!(e, RunError::Empty(Format::Fit));
}

#[test]
fn xml_with_entities_is_refused_before_any_expansion() {
    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [\n<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n]>\n<gpx version=\"1.1\"><trk><name>&d;</name></trk></gpx>";
    for format in [Format::Gpx, Format::Tcx] {
        let e = parse(format, false, laughs.as_bytes().to_vec()).unwrap_err();
        assert_eq!(e, RunError::Doctype(format));
    }
    let external = "<?xml version=\"1.0\"?><!DOCTYPE gpx SYSTEM \"file:///etc/passwd\"><gpx/>";
    assert_eq!(
        parse(Format::Gpx, false, external.as_bytes().to_vec()).unwrap_err(),
        RunError::Doctype(Format::Gpx)
    );
    let undeclared = "<gpx version=\"1.1\"><trk><name>&lol;</name></trk></gpx>";
    let e = parse(Format::Gpx, false, undeclared.as_bytes().to_vec()).unwrap_err();
    assert!(e.to_string().contains("undeclared entity `&lol;`"), "{e}");
}

#[test]
fn deep_nesting_is_refused_at_the_limit() {
    for format in [Format::Gpx, Format::Tcx] {
        let depth = 200_000;
        let doc = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
        let e = parse(format, false, doc.into_bytes()).unwrap_err();
        assert!(
            matches!(e, RunError::TooDeep(f, 64) if f == format),
            "{e:?}"
        );
    }
}

#[test]
fn unclosed_or_binary_xml_is_one_clear_error() {
    let mut gpx = hilly().gpx();
    gpx.truncate(gpx.len() / 2);
    let e = parse(Format::Gpx, false, gpx.into_bytes()).unwrap_err();
    assert!(matches!(e, RunError::Malformed { .. }), "{e:?}");
    let e = parse(Format::Tcx, false, vec![0xff, 0xfe, 0, 1, 2]).unwrap_err();
    assert!(e.to_string().contains("not UTF-8"), "{e}");
}

#[test]
fn absurd_dates_and_figures_are_refused_with_the_figure() {
    let cases: Vec<(Run, &str)> = vec![
        (
            Run::new(START + 86_400 * 400, 3600, 10_000.0),
            "in the future",
        ),
        (Run::new(631_065_600 + 10, 3600, 10_000.0), "before 1990"),
        (Run::new(START, 3600, 5_000_000.0), "5000 km"),
        (Run::new(START, 600, 60_000.0), "faster than anyone runs"),
    ];
    for (run, words) in cases {
        let e = parse(Format::Fit, false, run.fit()).unwrap_err();
        assert!(matches!(e, RunError::Absurd(_)), "{e:?}");
        assert!(e.to_string().contains(words), "{e} / {words}");
    }
    let mut negative = hilly().gpx();
    negative = negative.replacen("<time>2026", "<time>2150", 1);
    // The metadata time does not count; a point in 2150 makes the run 124 years long.
    let e = parse(Format::Gpx, false, negative.into_bytes());
    assert!(e.is_ok() || matches!(e, Err(RunError::Absurd(_))));
    let future = hilly().gpx().replace("<time>2026", "<time>2150");
    let e = parse(Format::Gpx, false, future.into_bytes()).unwrap_err();
    assert!(e.to_string().contains("in the future"), "{e}");
}

#[test]
fn a_gpx_without_times_has_no_activity() {
    let gpx = "<?xml version=\"1.0\"?><gpx version=\"1.1\" creator=\"x\"><trk><trkseg><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>";
    assert_eq!(
        parse(Format::Gpx, false, gpx.as_bytes().to_vec()).unwrap_err(),
        RunError::Empty(Format::Gpx)
    );
}

#[test]
fn only_activity_names_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("notes.txt");
    std::fs::write(&p, "x").unwrap();
    assert_eq!(runs::read(&p).unwrap_err(), RunError::NotActivity);
    let fifo = dir.path().join("pipe.fit");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let e = runs::read(&fifo).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Any edit of a valid file is read or refused in words, never a panic.
    #[test]
    fn edited_files_never_panic(
        which in 0usize..3,
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut r = Run::new(START, 120, 400.0);
        r.climb_m = 5.0;
        let (format, mut bytes) = match which {
            0 => (Format::Fit, r.fit()),
            1 => (Format::Gpx, r.gpx().into_bytes()),
            _ => (Format::Tcx, r.tcx().into_bytes()),
        };
        let i = at.index(bytes.len());
        bytes[i] = byte;
        let keep = cut.index(bytes.len() + 1).max(bytes.len() / 2);
        bytes.truncate(keep);
        let _ = parse(format, false, bytes);
    }
}
