//! No config file makes the loader panic or print an escape byte, and whatever it
//! accepts stays within the shared bounds: random bytes and mutations of valid files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::mutate::{apply, mutation};
use foamroll::config::Settings;
use foamroll::library::bounds::{
    GET_READY_S, OVERTIME_CAP_S, RECOVERY_HOLD_S, REST_S, SWITCH_SIDES_S,
};
use proptest::prelude::*;

const VALID: &str = "min_hold: 45
get_ready: 5
rest: 10
switch_sides: 5
overtime_cap: 60
auto_release: false
tenderness_prompt: true
bell: false
voice: false
theme: high-contrast
equipment: ball
weekly_goal: 4
voice_detail: brief
countdown_voice: false
on_cue: [paplay, /usr/share/sounds/bell.oga]
";

fn check(bytes: &[u8]) {
    let mut settings = Settings::default();
    let problems = settings.apply_file("config.yaml", bytes);
    for d in &problems {
        let shown = d.to_string();
        assert!(d.position.line >= 1);
        assert!(
            !shown
                .chars()
                .any(|c| c == '\u{1b}' || c == '\u{9b}' || c == '\u{7}'),
            "{shown:?}"
        );
        assert!(shown.lines().all(|l| l.chars().count() < 400), "{shown}");
    }
    assert!(RECOVERY_HOLD_S.contains(&settings.min_hold.value));
    assert!(GET_READY_S.contains(&settings.get_ready.value));
    assert!(REST_S.contains(&settings.rest.value));
    assert!(SWITCH_SIDES_S.contains(&settings.switch_sides.value));
    let cap = settings.overtime_cap.value.unwrap_or(u32::MAX);
    assert!(
        OVERTIME_CAP_S.contains(&cap),
        "the cap cannot be switched off"
    );
}

/// Insertions aimed at the config loader: escapes, tags, the old `off`, huge numbers.
fn tokens() -> Vec<Vec<u8>> {
    vec![
        b"\t".to_vec(),
        b"\x1b]0;pwned\x07".to_vec(),
        b"\"\\e[2J\"".to_vec(),
        b": ".to_vec(),
        b"- ".to_vec(),
        b"\n  ".to_vec(),
        b"\"".to_vec(),
        b"!custom ".to_vec(),
        b"!!binary ".to_vec(),
        b"&a ".to_vec(),
        b"*a".to_vec(),
        b"off".to_vec(),
        b"4294967295".to_vec(),
        b"-1".to_vec(),
        b"1e999".to_vec(),
        b"\xff".to_vec(),
        b"---\n".to_vec(),
        b"[".to_vec(),
        b"{".to_vec(),
        b"~".to_vec(),
        "x".repeat(300).into_bytes(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check(&bytes);
    }

    #[test]
    fn mutated_valid_files_never_panic(
        mutations in prop::collection::vec(mutation(tokens()), 1..8),
    ) {
        let bytes = mutations.iter().fold(VALID.as_bytes().to_vec(), apply);
        check(&bytes);
    }
}

#[test]
fn the_valid_file_applies_every_key() {
    let mut settings = Settings::default();
    assert!(
        settings
            .apply_file("config.yaml", VALID.as_bytes())
            .is_empty()
    );
    assert_eq!(settings.min_hold.value, 45);
    assert_eq!(settings.overtime_cap.value, Some(60));
    assert!(!settings.bell.value);
    assert_eq!(settings.weekly_goal.value, 4);
    assert_eq!(
        settings.on_cue.value,
        Some(vec![
            "paplay".to_string(),
            "/usr/share/sounds/bell.oga".to_string()
        ])
    );
}
