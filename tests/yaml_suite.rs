//! The 735 inputs of the public YAML test suite, each loaded as if it were a routine
//! file: it must end in a library or a located error, never a panic or a hang.

use foamroll::library::{Layer, Loader};

#[test]
fn every_yaml_test_suite_case_loads_or_fails_cleanly() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/yaml-test-suite/cases"
    );
    let mut cases = 0;
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if path.extension().is_none_or(|x| x != "yaml") {
            continue;
        }
        cases += 1;
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        let name = path.display().to_string();
        let mut loader = Loader::new();
        loader.add_bytes(&name, Layer::Check, &bytes);
        let report = loader.finish();
        for d in &report.diagnostics {
            assert_eq!(d.path, name);
            assert!(d.position.line >= 1 && d.position.column >= 1);
            assert!(!d.message.is_empty());
        }
        if path.with_extension("error").exists() {
            assert!(
                report.error_count() > 0,
                "{name} is invalid YAML but loaded"
            );
        }
    }
    assert_eq!(cases, 735);
}
