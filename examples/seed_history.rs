//! Prints three months of a seeded runner's history (40 sessions ending yesterday) as
//! a JSON array for `foamroll history import`: what `docs/render-report.sh` renders and
//! what the README's review pictures show.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a developer tool

#[path = "../tests/common/seed.rs"]
mod seed;

fn main() {
    let now = chrono::Local::now().fixed_offset();
    let last = now - chrono::Duration::days(1);
    let records = seed::three_months(last);
    println!("{}", serde_json::to_string_pretty(&records).expect("JSON"));
}
