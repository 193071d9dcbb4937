//! `foamroll list` and `foamroll show`: the library as plain text or JSON.

use std::io::{self, Write};

use serde_json::json;

use crate::library::{
    Exercise, Guide, Library, MIN_RECOVERY_HOLD_S, Region, Routine, Source, StepTiming, Style,
};
use crate::wording::{join_and, timing_words};

/// Headings in bold only when asked: `--color`, the colour variables and whether
/// standard output is a terminal decide (see [`crate::config::ColorWhen`]).
struct Styler {
    color: bool,
}

impl Styler {
    fn heading(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

pub fn list(library: &Library, json: bool, bold: bool, out: &mut impl Write) -> io::Result<()> {
    if json {
        let doc = json!({
            "format": super::JSON_FORMAT,
            "routines": library.routines.iter().map(|r| json!({
                "id": r.id, "name": r.name, "style": r.style,
                "description": r.description,
                "minutes": library.estimate_minutes(r),
                "equipment": r.equipment,
                "regions": library.routine_regions(r),
                "steps": r.steps.iter().map(|s| &s.exercise).collect::<Vec<_>>(),
                "builtin": r.origin.builtin, "path": r.origin.path,
            })).collect::<Vec<_>>(),
            "exercises": library.exercises.iter().map(|e| json!({
                "id": e.id, "name": e.name, "style": e.style, "region": e.region,
                "per_side": e.per_side, "zones": e.zones,
                "equipment": e.equipment.iter().map(|q| q.tool).collect::<Vec<_>>(),
                "builtin": e.origin.builtin, "path": e.origin.path,
            })).collect::<Vec<_>>(),
            "guides": library.guides.iter().map(|g| json!({
                "id": g.id, "title": g.title,
                "builtin": g.origin.builtin, "path": g.origin.path,
            })).collect::<Vec<_>>(),
            "regions": library.regions.iter().map(|r| {
                let mut v = serde_json::to_value(r).unwrap_or_default();
                v["exercises"] = json!(library.exercises_in(&r.id).count());
                v
            }).collect::<Vec<_>>(),
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        return writeln!(out);
    }
    let st = Styler { color: bold };
    writeln!(out, "{}", st.heading("Routines"))?;
    for r in &library.routines {
        let regions = library.routine_regions(r);
        writeln!(
            out,
            "  {:<20} {:<9} {}, about {} min  [{}]",
            r.id,
            r.style.label(),
            r.name,
            library.estimate_minutes(r),
            regions.join(", ")
        )?;
    }
    writeln!(out, "\n{}", st.heading("Exercises"))?;
    for e in &library.exercises {
        writeln!(
            out,
            "  {:<20} {:<9} {}  [{}]",
            e.id,
            e.style.label(),
            e.name,
            e.region
        )?;
    }
    writeln!(out, "\n{}", st.heading("Regions"))?;
    for r in &library.regions {
        let note = if r.avoid().is_some() {
            "  (do not roll)"
        } else {
            ""
        };
        writeln!(out, "  {:<20} {}{note}", r.id, r.name)?;
    }
    writeln!(out, "\n{}", st.heading("Guides"))?;
    for g in &library.guides {
        writeln!(out, "  {:<20} {}", g.id, g.title)?;
    }
    Ok(())
}

/// `show ID --json`: the item with that id as one document, its kind and its fields as
/// the library holds them. Returns false when no item has it.
pub fn show_json(library: &Library, id: &str, out: &mut impl Write) -> io::Result<bool> {
    let (kind, item) = if let Some(e) = library.exercise(id) {
        ("exercise", serde_json::to_value(e))
    } else if let Some(r) = library.routine(id) {
        ("routine", serde_json::to_value(r))
    } else if let Some(r) = library.region(id) {
        ("region", serde_json::to_value(r))
    } else if let Some(g) = library.guide(id) {
        ("guide", serde_json::to_value(g))
    } else {
        return Ok(false);
    };
    let doc = json!({
        "format": super::JSON_FORMAT,
        "kind": kind,
        "item": item.map_err(io::Error::other)?,
    });
    let text = serde_json::to_string_pretty(&doc).map_err(io::Error::other)?;
    writeln!(out, "{}", super::history::escape_json(&text))?;
    Ok(true)
}

/// Prints the item with that id. Returns false when no item has it.
pub fn show(library: &Library, id: &str, bold: bool, out: &mut impl Write) -> io::Result<bool> {
    let st = Styler { color: bold };
    if let Some(e) = library.exercise(id) {
        write_exercise(library, e, None, &st, out)?;
    } else if let Some(r) = library.routine(id) {
        write_routine(library, r, &st, out)?;
    } else if let Some(r) = library.region(id) {
        write_region(library, r, &st, out)?;
    } else if let Some(g) = library.guide(id) {
        write_guide(g, &st, out)?;
    } else {
        return Ok(false);
    }
    Ok(true)
}

fn write_exercise(
    library: &Library,
    e: &Exercise,
    preferred: Option<crate::library::Tool>,
    st: &Styler,
    out: &mut impl Write,
) -> io::Result<()> {
    let region = library
        .region(&e.region)
        .map_or(e.region.as_str(), |r| r.name.as_str());
    writeln!(out, "{}", st.heading(&format!("{} ({})", e.name, e.id)))?;
    let sides = if e.per_side {
        ", one side at a time"
    } else {
        ""
    };
    writeln!(out, "{region}, {}{sides}", e.style.label())?;
    if let Some(s) = &e.summary {
        writeln!(out, "{s}")?;
    }
    if e.style == Style::Recovery {
        writeln!(
            out,
            "Hold each tender spot at least {MIN_RECOVERY_HOLD_S} seconds (a routine may ask for longer)."
        )?;
    }
    for section in e.sections(preferred) {
        writeln!(out, "\n{}", st.heading(&section.title))?;
        for l in section.lines {
            writeln!(out, "{l}")?;
        }
    }
    Ok(())
}

fn write_routine(
    library: &Library,
    r: &Routine,
    st: &Styler,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(out, "{}", st.heading(&format!("{} ({})", r.name, r.id)))?;
    writeln!(out, "{} routine, {} steps", r.style.label(), r.steps.len())?;
    writeln!(out, "{}", r.description)?;
    if let Some(tool) = r.equipment {
        writeln!(out, "Written for the {}.", tool.label())?;
    }
    for (i, step) in r.steps.iter().enumerate() {
        let Some(e) = library.exercise(&step.exercise) else {
            continue;
        };
        let sides = if e.per_side { " per side" } else { "" };
        let zones = if e.zones.is_empty() {
            String::new()
        } else {
            format!(", on each of {} lines", e.zones.len())
        };
        writeln!(
            out,
            "\n{}",
            st.heading(&format!("Step {}: {}", i + 1, e.name))
        )?;
        writeln!(
            out,
            "{}{sides}{zones}",
            timing_words(&step.timing, MIN_RECOVERY_HOLD_S)
        )?;
        if e.per_side && (step.first_side.is_some() || step.first_side_points.is_some()) {
            let [first, _] = step.side_order();
            let extra = step
                .first_side_points
                .map_or(String::new(), |p| format!(", {p} tender spots there"));
            writeln!(out, "{} side first{extra}", first.label())?;
        }
        if let StepTiming::Warmup { cue, .. } = &step.timing {
            writeln!(out, "Cue: {cue}")?;
        }
        for section in e.sections(r.equipment) {
            writeln!(out, "{}:", section.title)?;
            for l in section.lines {
                writeln!(out, "  {l}")?;
            }
        }
    }
    if let Some(f) = &r.finish {
        writeln!(out, "\n{}\n{f}", st.heading("Then"))?;
    }
    Ok(())
}

fn write_region(
    library: &Library,
    r: &Region,
    st: &Styler,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(out, "{}", st.heading(&format!("{} ({})", r.name, r.id)))?;
    if let Some(d) = &r.description {
        writeln!(out, "{d}")?;
    }
    if let Some((reason, alternatives)) = r.avoid() {
        writeln!(out, "\n{}", st.heading("Do not roll this region"))?;
        writeln!(out, "{reason}")?;
        let names: Vec<String> = alternatives
            .iter()
            .map(|a| {
                library
                    .region(a)
                    .map_or(a.clone(), |x| format!("{} ({a})", x.name))
            })
            .collect();
        writeln!(out, "\n{}", st.heading("Work these instead"))?;
        writeln!(out, "{}", join_and(&names))?;
        if let Some(routine) = r.instead.as_deref().and_then(|id| library.routine(id)) {
            writeln!(out, "\n{}", st.heading("A routine for it"))?;
            writeln!(
                out,
                "{} ({}): foamroll play {}",
                routine.name, routine.id, routine.id
            )?;
        }
        return Ok(());
    }
    if !r.stay_off.is_empty() {
        let words: Vec<String> = r.stay_off.iter().map(|l| l.words().to_string()).collect();
        writeln!(out, "\n{}", st.heading("Stay off"))?;
        writeln!(out, "{}.", crate::wording::capitalise(&join_and(&words)))?;
    }
    writeln!(out, "\n{}", st.heading("Exercises"))?;
    for e in library.exercises_in(&r.id) {
        writeln!(out, "  {:<20} {:<9} {}", e.id, e.style.label(), e.name)?;
    }
    Ok(())
}

fn write_guide(g: &Guide, st: &Styler, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{}", st.heading(&format!("{} ({})", g.title, g.id)))?;
    // The spoken short form, when it is not simply the first paragraph shown below.
    if let Some(short) = &g.short {
        writeln!(out, "{short}")?;
    }
    for section in &g.sections {
        writeln!(out, "\n{}", st.heading(&section.heading))?;
        for (i, p) in section.paragraphs.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "{p}")?;
        }
    }
    write_sources(&g.sources, st, out)
}

fn write_sources(sources: &[Source], st: &Styler, out: &mut impl Write) -> io::Result<()> {
    if sources.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{}", st.heading("Sources"))?;
    for s in sources {
        writeln!(out, "- {}", s.citation())?;
    }
    Ok(())
}
