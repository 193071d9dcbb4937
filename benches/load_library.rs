//! Loading and validating a generated library of 1,000 files holding 10,000 exercises
//! and 1,000 routines (target: under 200 ms).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

use std::fmt::Write as _;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use foamroll::library::{Layer, Loader};

/// One file: 10 exercises and a routine that uses them all. `full` exercises carry
/// every section, as the shipped ones do (~550 bytes each); the others only the
/// required fields (~150 bytes).
fn library_file(n: usize, full: bool) -> String {
    let mut s = String::from("version: 1\nexercises:\n");
    for i in 0..10 {
        let region = ["quads", "hamstrings", "glutes"][i % 3];
        if !full {
            let _ = write!(
                s,
                "  - id: ex-{n}-{i}\n    name: Exercise {n}.{i}\n    region: {region}\n    style: recovery\n    \
                 setup: Lie down on the roller.\n    steps:\n      - Roll slowly and hold.\n"
            );
            continue;
        }
        let _ = write!(
            s,
            "  - id: ex-{n}-{i}\n    name: Exercise {n}.{i}\n    region: {region}\n    style: recovery\n    \
             per_side: true\n    zones: [inner, middle, outer]\n    equipment:\n      - tool: roller\n      \
             - tool: ball\n        note: Smaller contact, find the spot.\n    setup: >-\n      Lie down with the \
             roller under the muscle,\n      knee slightly bent.\n    steps:\n      - Roll slowly.\n      - Hold the \
             tender spot at least 30 seconds.\n    cues: [Navel in., Back flat.]\n    cautions: [Stay off the joint.]\n"
        );
    }
    let _ = write!(
        s,
        "routines:\n  - id: routine-{n}\n    name: Routine {n}\n    style: recovery\n    description: Generated.\n    steps:\n"
    );
    for i in 0..10 {
        let _ = write!(
            s,
            "      - exercise: ex-{n}-{i}\n        hold: 45\n        points: 2\n"
        );
    }
    s
}

fn write_library(dir: &Path, full: bool) {
    for n in 0..1_000 {
        let path = dir.join(format!("file-{n:04}.yaml"));
        if let Err(e) = std::fs::write(&path, library_file(n, full)) {
            panic!("cannot write {}: {e}", path.display());
        }
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("library");
    // The shipped library alone: what every start of the app and of `list` parses.
    group.bench_function("builtin", |b| {
        b.iter(|| {
            let report = foamroll::library::load_builtin();
            assert!(report.diagnostics.is_empty());
            report
        })
    });
    let builtin = foamroll::library::load_builtin().library.exercises.len();
    group.sample_size(20);
    for (name, full) in [("full_exercises", true), ("minimal_exercises", false)] {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        write_library(dir.path(), full);
        group.bench_function(format!("load_1000_files_10000_{name}"), |b| {
            b.iter(|| {
                let mut loader = Loader::with_builtin();
                loader.add_path(dir.path(), Layer::Library, false);
                let report = loader.finish();
                assert_eq!(report.error_count(), 0, "{:?}", report.diagnostics.first());
                assert_eq!(report.library.exercises.len(), 10_000 + builtin);
                report
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
