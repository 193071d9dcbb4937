//! The library shipped inside the binary, so `foamroll` works from any folder.
//! A test checks that every file in `routines/` is listed here. The first four
//! routines keep their place: the app lists routines in this order.

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
        "routines/guides.yaml",
        include_str!("../../routines/guides.yaml"),
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
    (
        "routines/pre-run-ball.yaml",
        include_str!("../../routines/pre-run-ball.yaml"),
    ),
    (
        "routines/long-run.yaml",
        include_str!("../../routines/long-run.yaml"),
    ),
    (
        "routines/foot-and-calf.yaml",
        include_str!("../../routines/foot-and-calf.yaml"),
    ),
    (
        "routines/desk-day.yaml",
        include_str!("../../routines/desk-day.yaml"),
    ),
    (
        "routines/hills.yaml",
        include_str!("../../routines/hills.yaml"),
    ),
];
