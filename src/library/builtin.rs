//! The library shipped inside the binary, so `foamroll` works from any folder.
//! A test checks that every file in `routines/` is listed here.

pub const FILES: &[(&str, &str)] = &[
    (
        "routines/regions.yaml",
        include_str!("../../routines/regions.yaml"),
    ),
    (
        "routines/exercises-recovery.yaml",
        include_str!("../../routines/exercises-recovery.yaml"),
    ),
    (
        "routines/exercises-warmup.yaml",
        include_str!("../../routines/exercises-warmup.yaml"),
    ),
    (
        "routines/post-run.yaml",
        include_str!("../../routines/post-run.yaml"),
    ),
    (
        "routines/pre-run.yaml",
        include_str!("../../routines/pre-run.yaml"),
    ),
    (
        "routines/travel-ball.yaml",
        include_str!("../../routines/travel-ball.yaml"),
    ),
    (
        "routines/rest-day.yaml",
        include_str!("../../routines/rest-day.yaml"),
    ),
];
