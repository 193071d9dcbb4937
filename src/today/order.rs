//! The order of the candidates: warm-ups by run load, recovery by need (overdue,
//! tender, rising, one side worse).

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use crate::library::Side;

use super::candidates::*;
use super::facts::{Facts, Rating};
use super::model::*;
use super::reasons::*;

pub(super) fn warmup_order(mut pool: Vec<Candidate<'_>>) -> Vec<Chosen<'_>> {
    // A stable sort keeps the library's order among regions the list does not rank.
    pool.sort_by_key(|c| run_load_rank(&c.region.id));
    pool.into_iter()
        .map(|cand| Chosen {
            cand,
            why: vec![Why::Warmup],
            points: 0,
            bonus: 0,
            tender: false,
            essential: false,
            wanted: true,
            first: None,
            hold_s: 0,
            duration_s: WARMUP_MIN_S,
        })
        .collect()
}

pub(super) fn mean(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        None
    } else {
        Some(v.iter().sum::<f64>() / v.len() as f64)
    }
}

/// Ratings of one region and side within the window, split at its middle.
pub(super) struct SideStats {
    pub(super) all: Vec<f64>,
    pub(super) older: Vec<f64>,
    pub(super) newer: Vec<f64>,
}

pub(super) fn side_stats(ratings: &[Rating], today: NaiveDate) -> SideStats {
    let start = today.checked_sub_days(Days::new(WINDOW_DAYS - 1));
    let middle = today.checked_sub_days(Days::new(WINDOW_DAYS / 2));
    let mut s = SideStats {
        all: Vec::new(),
        older: Vec::new(),
        newer: Vec::new(),
    };
    for r in ratings {
        if r.date > today || start.is_some_and(|d| r.date < d) || !r.value.is_finite() {
            continue;
        }
        s.all.push(r.value);
        if middle.is_some_and(|m| r.date <= m) {
            s.older.push(r.value);
        } else {
            s.newer.push(r.value);
        }
    }
    s
}

/// Sorting key for the recovery: lower comes first.
pub(super) fn recovery_order<'a>(
    pool: Vec<Candidate<'a>>,
    facts: &Facts,
    today: NaiveDate,
    intent: Intent,
    emphasis: &super::runs::Emphasis,
) -> Vec<Chosen<'a>> {
    let has_history = !facts.is_empty();
    let mut ranked: Vec<((u8, i64), Chosen<'a>)> = Vec::new();
    for cand in pool {
        let id = cand.region.id.as_str();
        let sides: BTreeMap<Option<Side>, SideStats> = facts
            .ratings
            .iter()
            .filter(|((r, _), _)| r == id)
            .map(|((_, side), v)| (*side, side_stats(v, today)))
            .collect();
        let mut why = Vec::new();
        let run_first = emphasis.first_reason(id);
        let run_forward = emphasis.forward_reason(id);
        if let Some((_, sentence)) = run_first.or(run_forward) {
            why.push(Why::Run(sentence.to_string()));
        }
        let mut first = None;
        // Tenderness: the hottest figure leads the order.
        let mut heat = 0.0_f64;
        if cand.exercise.per_side
            && let (Some(r), Some(l)) =
                (sides.get(&Some(Side::Right)), sides.get(&Some(Side::Left)))
            && r.all.len() >= 2
            && l.all.len() >= 2
            && let (Some(ra), Some(la)) = (mean(&r.all), mean(&l.all))
            && (ra - la).abs() >= SIDE_GAP
        {
            let (side, hi, lo) = if ra > la {
                (Side::Right, ra, la)
            } else {
                (Side::Left, la, ra)
            };
            first = Some(side);
            heat = heat.max(hi);
            why.push(Why::Sides {
                first: side,
                first_avg: hi,
                other_avg: lo,
            });
        }
        let mut tender: Option<Why> = None;
        for s in sides.values() {
            if s.all.len() >= 2
                && let Some(avg) = mean(&s.all)
                && avg >= TENDER_AVERAGE
                && tender
                    .as_ref()
                    .is_none_or(|t| matches!(t, Why::Tender { average } if avg > *average))
            {
                heat = heat.max(avg);
                tender = Some(Why::Tender { average: avg });
            }
        }
        if tender.is_none() {
            for s in sides.values() {
                if let (Some(from), Some(to)) = (mean(&s.older), mean(&s.newer))
                    && to >= from + RISE
                    && to >= 3.0
                    && tender
                        .as_ref()
                        .is_none_or(|t| matches!(t, Why::Rising { to: best, .. } if to > *best))
                {
                    heat = heat.max(to);
                    tender = Some(Why::Rising { from, to });
                }
            }
        }
        let tender_now = tender.is_some();
        if let Some(t) = tender {
            why.push(t);
        }
        let days = facts
            .last_rolled
            .get(id)
            .map(|d| (today - *d).num_days().max(0));
        let overdue = days.filter(|d| *d >= OVERDUE_DAYS);
        if let Some(d) = overdue {
            why.push(Why::Overdue { days: d });
        }
        let core = CORE.contains(&id);
        let after_run = intent == Intent::AfterRun && AFTER_RUN.contains(&id);
        if core {
            why.push(Why::Core);
        } else if after_run {
            why.push(Why::AfterRun);
        }
        if why.is_empty() {
            why.push(if has_history && days.is_none() {
                Why::New
            } else {
                Why::Extra
            });
        }
        // Tiers: tender, core, after-run extras, overdue, the rest. Within a tier the
        // hotter, the longer unrolled, then the library's order (a stable sort).
        let hot = first.is_some() || tender_now;
        let key = if let Some((i, _)) = run_first {
            // A downhill run: before everything, in the rule's order.
            (0, -1_000_000 + i as i64)
        } else if hot {
            (0, -((heat * 10.0).round() as i64))
        } else if core {
            (1, -overdue.unwrap_or(0))
        } else if let Some((i, _)) = run_forward {
            // A long run: right after the core.
            (1, 1 + i as i64)
        } else if after_run {
            (2, -overdue.unwrap_or(0))
        } else if let Some(d) = overdue {
            (3, -d)
        } else {
            (4, 0)
        };
        ranked.push((
            key,
            Chosen {
                cand,
                why,
                points: 1,
                bonus: 0,
                tender: tender_now,
                essential: hot || core || run_first.is_some() || run_forward.is_some(),
                wanted: key.0 < 4,
                first,
                hold_s: 0,
                duration_s: 0,
            },
        ));
    }
    ranked.sort_by_key(|(k, _)| *k);
    ranked.into_iter().map(|(_, c)| c).collect()
}
