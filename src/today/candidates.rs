//! The candidates: one usable exercise per region that is rolled, for the tools at hand.

use crate::library::{Exercise, Library, Region, Style, Tool};

use super::model::*;

/// One usable exercise per region: the one that works with the most preferred tool.
pub(super) struct Candidate<'a> {
    pub(super) region: &'a Region,
    pub(super) exercise: &'a Exercise,
    pub(super) tool: Tool,
}

pub(super) fn works_with(e: &Exercise, tool: Tool) -> bool {
    if e.equipment.is_empty() {
        tool == Tool::Roller
    } else {
        e.equipment.iter().any(|q| q.tool == tool)
    }
}

pub(super) fn candidates<'a>(
    library: &'a Library,
    style: Style,
    tools: &[Tool],
) -> Vec<Candidate<'a>> {
    let mut out = Vec::new();
    for region in library.regions.iter().filter(|r| r.avoid().is_none()) {
        let best = library
            .exercises_in(&region.id)
            .filter(|e| e.style == style)
            .filter_map(|e| {
                let rank = tools.iter().position(|&t| works_with(e, t))?;
                Some((rank, e))
            })
            .min_by_key(|(rank, _)| *rank);
        if let Some((rank, exercise)) = best {
            out.push(Candidate {
                region,
                exercise,
                tool: tools[rank],
            });
        }
    }
    out
}

pub(super) fn run_load_rank(region: &str) -> usize {
    RUN_LOAD
        .iter()
        .position(|r| *r == region)
        .unwrap_or(RUN_LOAD.len())
}
