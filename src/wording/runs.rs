//! Every sentence about runs: the figures as people say them ("12.4 km", "1 h 52 min",
//! "2 hours ago"), today's reasons that come from the runs with their sources, the
//! status line's words, and the import's report.

use chrono::NaiveDateTime;

use super::plural;

/// The works today's run rules rest on, by their real titles.
pub const LEE_2020: &str = "Lee et al. 2020, \"Foam rolling is an effective recovery tool in trained distance runners\", Sport Sciences for Health 16:105-115";
pub const ZHOU_2024: &str = "Zhou et al. 2024, \"Preventive effect of foam rolling on muscle soreness after exercise: A systematic review and meta-analysis\", Journal of Bodywork and Movement Therapies 40:1890-1898";
pub const GIOVANELLI_2018: &str = "Giovanelli et al. 2018, \"Short-Term Effects of Rolling Massage on Energy Cost of Running and Power of the Lower Limbs\", International Journal of Sports Physiology and Performance 13(10):1337-1343";

/// "12.4 km", "5 km", "0.8 km".
pub fn km(metres: f64) -> String {
    let k = (metres / 100.0).round() / 10.0;
    if k.fract() == 0.0 {
        format!("{} km", k as i64)
    } else {
        format!("{k:.1} km")
    }
}

/// "12 km" for the status line: whole kilometres past 10, one decimal below.
pub fn km_short(metres: f64) -> String {
    if metres >= 10_000.0 {
        format!("{} km", (metres / 1000.0).round() as i64)
    } else {
        km(metres)
    }
}

/// "48 min", "1 h 52 min", "2 h".
pub fn duration(seconds: f64) -> String {
    let m = (seconds / 60.0).round().max(0.0) as i64;
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// "2 hours ago", "40 minutes ago", "1 hour ago".
pub fn hours_ago(minutes: i64) -> String {
    if minutes < 60 {
        format!("{} ago", plural(minutes.max(0), "minute"))
    } else {
        format!("{} ago", plural((minutes + 30) / 60, "hour"))
    }
}

/// "2h", "40m": for the status line.
pub fn ago_short(minutes: i64) -> String {
    if minutes < 60 {
        format!("{}m", minutes.max(0))
    } else {
        format!("{}h", (minutes + 30) / 60)
    }
}

/// "on Sunday 1 March" (or "today", "yesterday").
pub fn day_words(when: NaiveDateTime, now: NaiveDateTime) -> String {
    match (now.date() - when.date()).num_days() {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        _ => when.format("on %A %-d %B").to_string(),
    }
}

/// Why "after a run": "you ran 12.4 km at 07:10, 2 hours ago, and have not rolled since".
pub fn intent_after_run(distance_m: f64, start: NaiveDateTime, minutes_since_end: i64) -> String {
    format!(
        "you ran {} at {}, {}, and have not rolled since",
        km(distance_m),
        start.format("%H:%M"),
        hours_ago(minutes_since_end)
    )
}

/// Why "before a run": "you often run at about 18:10 (4 runs in the last 4 weeks started
/// within the next 90 minutes of the clock) and have not run yet today".
pub fn intent_before_run(usual: NaiveDateTime, count: usize, window_min: i64) -> String {
    format!(
        "you often run at about {} ({} in the last 4 weeks started within {window_min} minutes of this time of day) and have not run yet today",
        usual.format("%H:%M"),
        plural(count, "run")
    )
}

/// The downhill rule, in the reason of each region it puts first.
pub fn downhill(descent_m: f64, distance_m: f64, when: &str) -> String {
    let per_km = if distance_m > 0.0 {
        descent_m / (distance_m / 1000.0)
    } else {
        0.0
    };
    format!(
        "your run {when} went {} m downhill over {} ({} m a kilometre); trained distance runners who rolled after downhill running were less sore two days later (Lee et al. 2020), so quads and calves come first.",
        descent_m.round() as i64,
        km(distance_m),
        per_km.round() as i64
    )
}

/// The long-run rule, in the reason of the regions it brings forward.
pub fn long_run(duration_s: f64, when: &str, median_s: Option<(f64, usize)>) -> String {
    let against = match median_s {
        Some((m, n)) => format!(
            ", {:.1} times your median of {} over your {} before it in the last 8 weeks",
            duration_s / m,
            duration(m),
            plural(n, "run")
        ),
        None => String::new(),
    };
    format!(
        "your run {when} lasted {}{against}: a long run, and relief of soreness from rolling is largest 24 to 72 hours after exercise (Zhou et al. 2024), so it comes right after the core.",
        duration(duration_s)
    )
}

/// The weekly jump, as a note on the plan.
pub fn weekly_jump(last7_m: f64, average_m: f64, rest_day: bool) -> String {
    let pct = ((last7_m / average_m - 1.0) * 100.0).round() as i64;
    let advice = if rest_day {
        "this rest-day release is the extra one such a week asks for"
    } else {
        "add an extra rest-day release this week (`foamroll today --rest-day`)"
    };
    format!(
        "You ran {} in the last 7 days, {pct} % more than your average of {} a week over the weeks before: {advice}; relief of soreness from rolling is largest 24 to 72 hours after exercise (Zhou et al. 2024).",
        km(last7_m),
        km(average_m)
    )
}

/// The warm-up before a run, as a note on the plan.
pub fn brisk_warmup(max_s: u32) -> String {
    format!(
        "Right before a run the warm-up stays short and brisk, at most {max_s} seconds a region: just after rolling, the energy cost of running rose by about 6 % and was back to normal 3 hours later (Giovanelli et al. 2018)."
    )
}

/// The sources note that follows run rules.
pub fn sources(lee: bool, zhou: bool, giovanelli: bool) -> Option<String> {
    let mut names: Vec<&str> = Vec::new();
    if lee {
        names.push(LEE_2020);
    }
    if zhou {
        names.push(ZHOU_2024);
    }
    if giovanelli {
        names.push(GIOVANELLI_2018);
    }
    (!names.is_empty()).then(|| format!("Sources: {}.", names.join("; ")))
}

/// The status line after a run: "ran 12 km 2h ago · roll now" (or "· rolled").
pub fn status_after_run(distance_m: f64, minutes_since_end: i64, rolled: bool) -> String {
    format!(
        "ran {} {} ago · {}",
        km_short(distance_m),
        ago_short(minutes_since_end),
        if rolled { "rolled" } else { "roll now" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_as_people_say_them() {
        assert_eq!(km(12_449.0), "12.4 km");
        assert_eq!(km(5_000.0), "5 km");
        assert_eq!(km_short(12_449.0), "12 km");
        assert_eq!(duration(6720.0), "1 h 52 min");
        assert_eq!(duration(2880.0), "48 min");
        assert_eq!(duration(7200.0), "2 h");
        assert_eq!(hours_ago(125), "2 hours ago");
        assert_eq!(hours_ago(1), "1 minute ago");
        assert_eq!(
            status_after_run(12_400.0, 120, false),
            "ran 12 km 2h ago · roll now"
        );
    }
}
