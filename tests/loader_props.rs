//! No input makes the loader panic: random bytes and mutations of the shipped files.

mod common;

use common::mutate::{apply, mutation};
use foamroll::library::{BUILTIN_FILES, Layer, Loader};
use proptest::prelude::*;

fn load(bytes: &[u8]) -> usize {
    let mut loader = Loader::with_builtin();
    loader.add_bytes("fuzz.yaml", Layer::Check, bytes);
    let report = loader.finish();
    for d in &report.diagnostics {
        assert!(d.position.line >= 1);
        assert!(!d.to_string().contains('\u{1b}'));
    }
    report.library.routines.len()
}

fn tokens() -> Vec<Vec<u8>> {
    vec![
        b"\t".to_vec(),
        b"&a ".to_vec(),
        b"*a".to_vec(),
        b": ".to_vec(),
        b"- ".to_vec(),
        b"\n  ".to_vec(),
        b"\"".to_vec(),
        b"'".to_vec(),
        b"[".to_vec(),
        b"{".to_vec(),
        b"\xff".to_vec(),
        b"\x1b".to_vec(),
        b"!!binary ".to_vec(),
        b"---\n".to_vec(),
        b"<<: *a\n".to_vec(),
        b"hold: 1\n".to_vec(),
        b"\\e".to_vec(),
        b"~".to_vec(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        load(&bytes);
    }

    #[test]
    fn random_text_never_panics(text in "[ -~\n\t]{0,400}") {
        load(text.as_bytes());
    }

    #[test]
    fn mutated_shipped_files_never_panic(
        file in 0..BUILTIN_FILES.len(),
        mutations in prop::collection::vec(mutation(tokens()), 1..8),
    ) {
        let original = BUILTIN_FILES[file].1.as_bytes().to_vec();
        let bytes = mutations.iter().fold(original, apply);
        // The mutated file is another layer, so the built-in copy still loads.
        prop_assert!(load(&bytes) >= 1);
    }
}
