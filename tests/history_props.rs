//! No import file makes `history import` panic or print a control character: random
//! bytes and mutations of valid logs and exports, through the strict import and the
//! lenient migration reader, then every output format.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use common::mutate::{apply, mutation};
use common::record;
use foamroll::cli::history::{Format, import, print, select};
use foamroll::history::{Store, parse_log};
use foamroll::session::Status;
use proptest::prelude::*;

/// Nothing that acts on a terminal: C0 (but newline), DEL, C1, bidi overrides.
fn assert_clean(text: &[u8]) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(text);
    for c in text.chars() {
        prop_assert!(
            !foamroll::text::forbidden_char(c),
            "{:?} printed raw in {:?}",
            c,
            text
        );
    }
    Ok(())
}

fn every_format(sessions: &[&foamroll::session::SessionRecord]) -> Result<(), TestCaseError> {
    for format in [Format::Table, Format::Csv, Format::Json] {
        let mut out = Vec::new();
        print(sessions, format, &mut out).map_err(|e| TestCaseError::fail(e.to_string()))?;
        assert_clean(&out)?;
        if format == Format::Csv {
            let rows: usize = sessions.iter().map(|s| s.entries.len()).sum();
            prop_assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), rows + 1);
        }
    }
    Ok(())
}

/// Imports `bytes` into a new history, then prints it every way.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let file = dir.path().join("in.jsonl");
    std::fs::write(&file, bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let store =
        Store::open(&dir.path().join("data")).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let (mut out, mut err) = (Vec::new(), Vec::new());
    import(&store, &file, &mut out, &mut err).map_err(|e| TestCaseError::fail(e.to_string()))?;
    assert_clean(&out)?;
    assert_clean(&err)?;
    let loaded = store
        .load()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    every_format(&select(&loaded, None, None))?;
    // What an earlier version may have kept: read leniently, still printed safely.
    let lenient = parse_log("in.jsonl", bytes);
    for w in &lenient.warnings {
        assert_clean(w.as_bytes())?;
    }
    every_format(&select(&lenient, None, None))
}

fn valid_log() -> Vec<u8> {
    let mut text = String::new();
    for (i, status) in [Status::Running, Status::Completed, Status::Aborted]
        .iter()
        .enumerate()
    {
        let r = record(&format!("s{i}"), 1 + i as u32, *status);
        text.push_str(&serde_json::to_string(&r).unwrap_or_default());
        text.push('\n');
    }
    text.into_bytes()
}

fn valid_export() -> Vec<u8> {
    let records: Vec<_> = (0..2)
        .map(|i| record(&format!("e{i}"), 3 + i, Status::Completed))
        .collect();
    serde_json::to_vec_pretty(&records).unwrap_or_default()
}

/// What import files break on: escapes written as JSON and as raw bytes, values
/// out of range, JSON punctuation.
fn tokens() -> Vec<Vec<u8>> {
    vec![
        b"\t".to_vec(),
        b": ".to_vec(),
        b"\n".to_vec(),
        b"\"".to_vec(),
        b"'".to_vec(),
        b"[".to_vec(),
        b"{".to_vec(),
        b"\xff".to_vec(),
        b"\x1b".to_vec(),
        b"\\u001b[2J".to_vec(),
        b"\\u009b".to_vec(),
        b"\xc2\x9b".to_vec(),
        b"\xe2\x80\xae".to_vec(),
        b"\\n".to_vec(),
        b"\x07".to_vec(),
        b"11".to_vec(),
        b"-1".to_vec(),
        b"2150".to_vec(),
        b"\"running\"".to_vec(),
        b",".to_vec(),
        b"]".to_vec(),
        b"}".to_vec(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_panic_nor_print_raw(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        check(&bytes)?;
    }

    #[test]
    fn mutated_logs_and_exports_never_panic_nor_print_raw(
        export in any::<bool>(),
        mutations in prop::collection::vec(mutation(tokens()), 1..8),
    ) {
        let original = if export { valid_export() } else { valid_log() };
        let bytes = mutations.iter().fold(original, apply);
        check(&bytes)?;
    }
}
