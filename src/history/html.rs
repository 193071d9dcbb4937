//! `foamroll history report --html FILE`: the report as one self-contained HTML page:
//! inline SVG pictures (the tenderness map, sessions and minutes a week against the
//! goal, one tenderness chart per region), the same tables and sentences as the
//! Markdown, no scripts, no fonts or images from elsewhere. It is well-formed XML as
//! well as HTML, readable on a phone and printed on A4.

use std::fmt::Write as _;

use chrono::{Datelike, Days, NaiveDate};

use super::pictures::{BAND_NAMES, Cell, MapLayout, TenderChart, band};
use super::report::Report;
use super::stats::Direction;
use crate::session::Side;

/// Text made safe inside an element or an attribute.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::text::printable(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The band colours, mild to severe, as on the app's map; legible in grey print too
/// (they darken in order).
const BANDS: [&str; 4] = ["#b7e4a7", "#f6d55c", "#f28e5b", "#b3261e"];
const UNRATED: &str = "#eeeeee";
const LEFT: &str = "#1f6fb2";
const RIGHT: &str = "#c2185b";

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1b1b;background:#fff;margin:0;line-height:1.45}
main{max-width:50rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid #ccc}
h3{font-size:1rem}
figure{margin:1rem 0;break-inside:avoid}figcaption{font-size:.85rem;color:#444}
svg{max-width:100%;height:auto;display:block}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.9rem;margin:.5rem 0}
th,td{padding:.2rem .4rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top;white-space:nowrap}
td:first-child,th{white-space:normal}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.key{display:inline-block;width:.9em;height:.9em;border:1px solid #777;vertical-align:middle;margin:0 .25em 0 .8em}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:.5rem 1rem}
footer{font-size:.8rem;color:#555;margin-top:2rem}
@media (max-width:36rem){main{padding:.5rem}table.stack thead{display:none}table.stack tr{display:block;border-bottom:1px solid #bbb;padding:.3rem 0}table.stack td{display:flex;justify-content:space-between;border:none;padding:.1rem .2rem;white-space:normal}table.stack td::before{content:attr(data-label);font-weight:600;margin-right:1rem}}
@page{size:A4;margin:14mm}
@media print{main{max-width:none;padding:0}h2{break-after:avoid}tr,figure,svg{break-inside:avoid}.scroll{overflow:visible}}
";

fn side_name(side: Option<Side>) -> &'static str {
    side.map_or("both sides", |s| s.label())
}

fn arrow_word(d: Option<Direction>) -> String {
    d.map_or(String::new(), |d| format!(", {}", d.word()))
}

/// The page.
pub fn report_html(report: &Report, layout: &MapLayout) -> String {
    let mut o = String::new();
    let title = esc(&report.title());
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n<p>{}</p>\n",
        esc(&report.goal_sentence())
    );
    weeks_section(&mut o, report);
    tenderness_section(&mut o, report, layout);
    if !report.asymmetries.is_empty() {
        o.push_str("<h3>Left and right</h3>\n<ul>\n");
        for a in &report.asymmetries {
            let _ = writeln!(o, "<li>{}</li>", esc(a));
        }
        o.push_str("</ul>\n");
    }
    o.push_str("<h2>Not rolled in these weeks</h2>\n");
    if report.missing.is_empty() {
        o.push_str("<p>Every region was rolled.</p>\n");
    } else {
        o.push_str("<ul>\n");
        for c in &report.missing {
            let _ = writeln!(
                o,
                "<li>{}: {}</li>",
                esc(&report.name(&c.region)),
                esc(&Report::not_rolled_text(c))
            );
        }
        o.push_str("</ul>\n");
    }
    let _ = write!(
        o,
        "<footer>Written by foamroll on {}. Tenderness is the runner's own 0-10 rating of the most tender spot of each hold (0 none, 10 worst). Sessions count when rolling was done: completed, or at least one hold or movement finished.</footer>\n</main>\n</body>\n</html>\n",
        report.today.format("%-d %B %Y")
    );
    o
}

fn weeks_section(o: &mut String, r: &Report) {
    o.push_str("<h2>Sessions per week</h2>\n<div class=\"charts\">\n");
    let sessions: Vec<f64> = r.totals.iter().map(|w| f64::from(w.sessions)).collect();
    let minutes: Vec<f64> = r.totals.iter().map(|w| w.minutes).collect();
    bars(
        o,
        r,
        &sessions,
        Some(f64::from(r.goal.goal)),
        "Sessions a week, one bar per week, against the weekly goal (dashed line)",
        "sessions",
    );
    bars(o, r, &minutes, None, "Minutes of rolling a week", "minutes");
    o.push_str("</div>\n<div class=\"scroll\"><table>\n<thead><tr><th>Week of</th><th class=\"n\">Sessions</th><th>Goal</th><th class=\"n\">Minutes</th><th class=\"n\">Runs</th><th class=\"n\">Km run</th></tr></thead>\n<tbody>\n");
    for w in &r.totals {
        let [runs, km] = r.run_cells(w.week);
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{:.0}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            w.week.format("%a %-d %b"),
            w.sessions,
            r.week_status(w),
            w.minutes,
            runs,
            km
        );
    }
    let _ = writeln!(o, "</tbody>\n</table></div>\n<p>{}</p>", esc(&r.in_all()));
}

/// A bar chart of one value per week, with its axis and, when given, the goal line.
fn bars(o: &mut String, r: &Report, values: &[f64], goal: Option<f64>, caption: &str, unit: &str) {
    let (w, h, left, bottom, top) = (360.0, 180.0, 34.0, 30.0, 12.0);
    let most = values.iter().copied().fold(goal.unwrap_or(0.0), f64::max);
    let max = if most <= 0.0 { 1.0 } else { most.ceil() };
    let plot_w = w - left - 8.0;
    let plot_h = h - bottom - top;
    let y = |v: f64| top + plot_h * (1.0 - v / max);
    let n = values.len().max(1) as f64;
    let slot = plot_w / n;
    let _ = write!(
        o,
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        esc(caption)
    );
    // The axes, with 0, the goal and the top labelled.
    let _ = write!(
        o,
        "<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{:.1}\" stroke=\"#555\"/><line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#555\"/>",
        y(0.0),
        y(0.0),
        left + plot_w,
        y(0.0)
    );
    let mut ticks = vec![0.0, max];
    if let Some(g) = goal
        && g > 0.0
        && g < max
    {
        ticks.push(g);
    }
    for t in ticks {
        let _ = write!(
            o,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\">{t:.0}</text>",
            left - 4.0,
            y(t) + 3.5
        );
    }
    for (i, v) in values.iter().enumerate() {
        let x = left + slot * i as f64 + slot * 0.15;
        let bw = (slot * 0.7).max(1.0);
        let week = r.totals.get(i).map(|w| w.week);
        let label = week.map_or(String::new(), |d| d.format("%-d %b").to_string());
        let _ = write!(
            o,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"#4f8a5b\"><title>week of {label}: {v:.0} {unit}</title></rect>",
            y(*v),
            (y(0.0) - y(*v)).max(0.0)
        );
        if values.len() <= 16 {
            let _ = write!(
                o,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"middle\" fill=\"#333\">{v:.0}</text>",
                x + bw / 2.0,
                y(*v) - 2.0
            );
        }
    }
    if let Some(g) = goal {
        let _ = write!(
            o,
            "<line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#b3261e\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\" fill=\"#b3261e\">goal {g:.0}</text>",
            y(g),
            left + plot_w,
            y(g),
            left + plot_w,
            y(g) - 3.0
        );
    }
    if let (Some(first), Some(last)) = (r.totals.first(), r.totals.last()) {
        let _ = write!(
            o,
            "<text x=\"{left}\" y=\"{:.1}\" font-size=\"10\" fill=\"#333\">week of {}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\">week of {}</text>",
            h - 10.0,
            first.week.format("%-d %b"),
            left + plot_w,
            h - 10.0,
            last.week.format("%-d %b")
        );
    }
    let _ = writeln!(
        o,
        "</svg><figcaption>{}</figcaption></figure>",
        esc(caption)
    );
}

fn tenderness_section(o: &mut String, r: &Report, layout: &MapLayout) {
    o.push_str("<h2>Tenderness (0 none to 10 worst)</h2>\n");
    if r.rows.is_empty() {
        o.push_str("<p>No ratings in these weeks.</p>\n");
        return;
    }
    body_map(o, r, layout);
    o.push_str("<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th>Region</th><th>Side</th><th class=\"n\">Ratings</th><th>From</th><th>To</th><th class=\"n\">Average</th><th class=\"n\">Last 4 weeks</th><th class=\"n\">4 weeks before</th><th>Trend</th></tr></thead>\n<tbody>\n");
    for row in &r.rows {
        let c = Report::row_cells(row);
        let _ = writeln!(
            o,
            "<tr><td data-label=\"Region\">{}</td><td data-label=\"Side\">{}</td><td class=\"n\" data-label=\"Ratings\">{}</td><td data-label=\"From\">{}</td><td data-label=\"To\">{}</td><td class=\"n\" data-label=\"Average\">{}</td><td class=\"n\" data-label=\"Last 4 weeks\">{}</td><td class=\"n\" data-label=\"4 weeks before\">{}</td><td data-label=\"Trend\">{}</td></tr>",
            esc(&r.name(&row.region)),
            esc(&c[0]),
            esc(&c[1]),
            esc(&c[2]),
            esc(&c[3]),
            esc(&c[4]),
            esc(&c[5]),
            esc(&c[6]),
            esc(&c[7])
        );
    }
    o.push_str("</tbody>\n</table></div>\n<div class=\"charts\">\n");
    for chart in &r.charts {
        tender_chart(o, r, chart);
    }
    o.push_str("</div>\n");
}

/// The body map, front and back, each region's side filled by its average.
fn body_map(o: &mut String, r: &Report, layout: &MapLayout) {
    let (cw, ch) = (20.0, 24.0);
    let w = layout.width() as f64 * cw;
    let h = layout.rows.len() as f64 * ch;
    let _ = write!(
        o,
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {:.0}\" width=\"{w}\" height=\"{:.0}\" role=\"img\" aria-label=\"Tenderness map, front and back: each region and side shaded by its average rating\">",
        h + 4.0,
        h + 4.0
    );
    let mut marked: Vec<(String, Option<Side>)> = Vec::new();
    for (y, row) in layout.rows.iter().enumerate() {
        for (x, cell) in row.iter().enumerate() {
            let (px, py) = (x as f64 * cw, y as f64 * ch);
            match cell {
                Cell::Art(c) if !c.is_whitespace() => {
                    let _ = write!(
                        o,
                        "<text x=\"{:.1}\" y=\"{:.1}\" font-family=\"monospace\" font-size=\"20\" text-anchor=\"middle\" fill=\"#888\">{}</text>",
                        px + cw / 2.0,
                        py + ch - 4.0,
                        esc(&c.to_string())
                    );
                }
                Cell::Art(_) => {}
                Cell::Region { region, .. }
                    if r.region.as_ref().is_some_and(|only| only != region) =>
                {
                    let _ = write!(
                        o,
                        "<rect x=\"{px:.1}\" y=\"{py:.1}\" width=\"{cw}\" height=\"{ch}\" fill=\"#f7f7f7\"/>"
                    );
                }
                Cell::Region { region, side } => {
                    let entry = r
                        .map
                        .iter()
                        .find(|e| e.region == *region && e.side == *side)
                        .or_else(|| {
                            r.map
                                .iter()
                                .find(|e| e.region == *region && e.side.is_none())
                        });
                    let name = r.name(region);
                    let (fill, tip) = match entry {
                        Some(e) => (
                            BANDS[band(e.average)],
                            format!(
                                "{} {}: average {:.1} of {} ratings{}",
                                side_name(*side),
                                name,
                                e.average,
                                e.ratings,
                                arrow_word(e.direction)
                            ),
                        ),
                        None => (UNRATED, format!("{} {name}: not rated", side_name(*side))),
                    };
                    let _ = write!(
                        o,
                        "<rect x=\"{px:.1}\" y=\"{py:.1}\" width=\"{cw}\" height=\"{ch}\" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"0.5\"><title>{}</title></rect>",
                        esc(&tip)
                    );
                    let key = (region.clone(), *side);
                    if let Some(d) = entry
                        .and_then(|e| e.direction)
                        .filter(|d| *d != Direction::Same)
                        && !marked.contains(&key)
                    {
                        marked.push(key);
                        let _ = write!(
                            o,
                            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"14\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#000\">{}</text>",
                            px + cw / 2.0,
                            py + ch - 4.0,
                            d.arrow()
                        );
                    }
                }
            }
        }
    }
    o.push_str("</svg><figcaption>Tenderness map over these weeks: front (left figure, facing you) and back (right figure, seen from behind); each side of a region is shaded by its average rating. Shades:");
    for (i, name) in BAND_NAMES.iter().enumerate() {
        let _ = write!(
            o,
            "<span class=\"key\" style=\"background:{}\"></span>{name}",
            BANDS[i]
        );
    }
    let _ = writeln!(
        o,
        "<span class=\"key\" style=\"background:{UNRATED}\"></span>not rated. ↓ better, ↑ worse: the last 4 weeks against the 4 before.</figcaption></figure>"
    );
}

/// A region's tenderness: every rated session a mark (circles left, squares right),
/// the 4-week averages as dashed steps, dates on the x axis, 0-10 on the y axis.
fn tender_chart(o: &mut String, r: &Report, chart: &TenderChart) {
    let (w, h, left, bottom, top, right) = (360.0, 200.0, 28.0, 30.0, 10.0, 8.0);
    let win = chart.window;
    let days = ((win.to - win.from).num_days()).max(1) as f64;
    let plot_w = w - left - right;
    let plot_h = h - bottom - top;
    let x = |d: NaiveDate| left + plot_w * (d - win.from).num_days() as f64 / days;
    let y = |v: f64| top + plot_h * (1.0 - v / 10.0);
    let name = r.name(&chart.region);
    let caption = format!(
        "{name}: tenderness 0-10 from {} to {}, one mark per rated session; dashed steps are 4-week averages",
        win.from.format("%-d %b"),
        win.to.format("%-d %b %Y")
    );
    let _ = write!(
        o,
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        esc(&caption)
    );
    for v in [0.0, 2.0, 4.0, 6.0, 8.0, 10.0] {
        let _ = write!(
            o,
            "<line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\">{v:.0}</text>",
            y(v),
            left + plot_w,
            y(v),
            if v == 0.0 { "#555" } else { "#e3e3e3" },
            left - 4.0,
            y(v) + 3.5
        );
    }
    // Month ticks, and the first and last day.
    let mut d = win.from;
    while d <= win.to {
        if d.day() == 1 {
            let _ = write!(
                o,
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#999\"/>",
                x(d),
                y(0.0),
                x(d),
                y(0.0) + 4.0
            );
            // Month names between the first and last day's labels, where they fit.
            if x(d) > left + 45.0 && x(d) < left + plot_w - 45.0 {
                let _ = write!(
                    o,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#666\">{}</text>",
                    x(d),
                    h - 12.0,
                    d.format("%b")
                );
            }
        }
        let Some(next) = d.checked_add_days(Days::new(1)) else {
            break;
        };
        d = next;
    }
    let _ = write!(
        o,
        "<text x=\"{left}\" y=\"{:.1}\" font-size=\"10\" fill=\"#333\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\">{}</text>",
        h - 12.0,
        win.from.format("%-d %b"),
        left + plot_w,
        h - 12.0,
        win.to.format("%-d %b")
    );
    let mut legend = Vec::new();
    for s in &chart.series {
        let colour = match s.side {
            Some(Side::Right) => RIGHT,
            _ => LEFT,
        };
        let steps: Vec<String> = s
            .blocks
            .iter()
            .flat_map(|b| {
                [
                    format!("{:.1},{:.1}", x(b.from), y(b.average)),
                    format!("{:.1},{:.1}", x(b.to), y(b.average)),
                ]
            })
            .collect();
        let _ = write!(
            o,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>",
            steps.join(" ")
        );
        for p in &s.points {
            let tip = format!(
                "{} {}: {:.1}",
                side_name(s.side),
                p.date.format("%-d %b"),
                p.value
            );
            if s.side == Some(Side::Right) {
                let _ = write!(
                    o,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"6\" height=\"6\" fill=\"{colour}\"><title>{}</title></rect>",
                    x(p.date) - 3.0,
                    y(p.value) - 3.0,
                    esc(&tip)
                );
            } else {
                let _ = write!(
                    o,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.2\" fill=\"{colour}\"><title>{}</title></circle>",
                    x(p.date),
                    y(p.value),
                    esc(&tip)
                );
            }
        }
        let last = s.blocks.last().map_or(String::new(), |b| {
            format!(", last 4 weeks {:.1}", b.average)
        });
        legend.push(format!(
            "{} {}{last}",
            if s.side == Some(Side::Right) {
                "■"
            } else {
                "●"
            },
            side_name(s.side)
        ));
    }
    let _ = writeln!(
        o,
        "</svg><figcaption>{}. {}.</figcaption></figure>",
        esc(&caption),
        esc(&legend.join("; "))
    );
}
