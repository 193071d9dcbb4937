//! No input makes the loader panic: random bytes and mutations of the shipped files.

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

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let token = prop::sample::select(vec![
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
    ]);
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Replace(i, b)),
        (any::<usize>(), token).prop_map(|(i, t)| Mutation::Insert(i, t)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), 1usize..200).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, m: &Mutation) -> Vec<u8> {
    let len = bytes.len().max(1);
    match m {
        Mutation::Replace(i, b) => {
            let i = i % len;
            if i < bytes.len() {
                bytes[i] = *b;
            }
        }
        Mutation::Insert(i, t) => {
            let i = i % (bytes.len() + 1);
            bytes.splice(i..i, t.iter().copied());
        }
        Mutation::Delete(i, n) => {
            let i = i % len;
            let end = (i + n).min(bytes.len());
            if i < end {
                bytes.drain(i..end);
            }
        }
        Mutation::Duplicate(i, n) => {
            let i = i % len;
            let end = (i + n).min(bytes.len());
            let piece: Vec<u8> = bytes.get(i..end).map(<[u8]>::to_vec).unwrap_or_default();
            bytes.splice(i..i, piece);
        }
    }
    bytes
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
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let original = BUILTIN_FILES[file].1.as_bytes().to_vec();
        let bytes = mutations.iter().fold(original, apply);
        // The mutated file is another layer, so the built-in copy still loads.
        prop_assert!(load(&bytes) >= 1);
    }
}
