//! `history report --html`: the page is well-formed XML (a strict parse of the whole
//! document, SVG included), has no script and nothing from the network, and says the
//! same numbers as the Markdown report; `--weeks` and `--region` apply to both.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use common::Sandbox;
use common::seed::three_months;
use common::ui::wall;
use foamroll::history::{Report, SessionSummary, report_html};
use quick_xml::Reader;
use quick_xml::events::Event;

fn summaries() -> Vec<SessionSummary> {
    three_months(wall() - chrono::Duration::hours(1))
        .iter()
        .enumerate()
        .map(|(i, r)| SessionSummary::of(r, i as u64))
        .collect()
}

fn regions() -> Vec<(String, String)> {
    foamroll::cli::history::rollable(&foamroll::library::load_builtin().library)
}

/// An entity or character reference as XML (not HTML) knows it.
fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// A strict XML parse: every tag closed in order, attributes well-formed and never
/// repeated, only XML's references, one root. Returns the table rows' cell texts.
fn parse(page: &str) -> Vec<Vec<String>> {
    let mut reader = Reader::from_str(page);
    reader.config_mut().check_end_names = true;
    reader.config_mut().check_comments = true;
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell: Option<String> = None;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.buffer_position()));
        match event {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                for a in e.attributes().with_checks(true) {
                    let a = a.unwrap_or_else(|err| panic!("attribute of <{name}>: {err}"));
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap_or_else(|err| panic!("{err}"));
                }
                if stack.is_empty() {
                    roots += 1;
                }
                match name.as_str() {
                    "tr" => rows.push(Vec::new()),
                    "td" | "th" => cell = Some(String::new()),
                    _ => {}
                }
                stack.push(name);
            }
            Event::Empty(e) => {
                for a in e.attributes().with_checks(true) {
                    a.unwrap_or_else(|err| panic!("attribute: {err}"));
                }
                assert!(!stack.is_empty(), "an element outside the root");
            }
            Event::End(e) => {
                let name = e.name().as_ref().to_string();
                assert_eq!(stack.pop().as_deref(), Some(name.as_str()));
                if (name == "td" || name == "th")
                    && let (Some(text), Some(row)) = (cell.take(), rows.last_mut())
                {
                    row.push(text.trim().to_string());
                }
            }
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t.html_content());
                }
            }
            Event::GeneralRef(r) => {
                let name = r.into_inner();
                let ch = reference(&name).unwrap_or_else(|| panic!("&{name}; is not XML"));
                if let Some(c) = cell.as_mut() {
                    c.push(ch);
                }
            }
            Event::DocType(d) => assert_eq!(d.html_content().trim(), "html"),
            Event::CData(_) | Event::PI(_) | Event::Decl(_) => panic!("unexpected markup"),
            Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    assert!(stack.is_empty(), "left open: {stack:?}");
    assert_eq!(roots, 1);
    rows
}

/// The Markdown report's table rows, each as its cells.
fn markdown_rows(md: &str) -> Vec<Vec<String>> {
    md.lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().replace("\\|", "|"))
                .collect()
        })
        .collect()
}

#[test]
fn the_page_is_well_formed_self_contained_and_says_what_the_markdown_says() {
    let sums = summaries();
    let report = Report::build(&sums, wall().date_naive(), 13, 3, &regions(), None);
    let layout = foamroll::ui::body_layout(&foamroll::library::load_builtin().library);
    let page = report_html(&report, &layout);
    let rows = parse(&page);
    for banned in [
        "<script", "<link", "<img", "<iframe", "src=", "url(", "@import",
    ] {
        assert!(!page.contains(banned), "{banned} in the page");
    }
    // The only addresses are the two namespaces.
    let addresses = page.matches("http").count();
    assert_eq!(
        addresses,
        page.matches("\"http://www.w3.org/1999/xhtml\"").count()
            + page.matches("\"http://www.w3.org/2000/svg\"").count()
    );
    assert!(
        page.matches("<svg").count() >= 4,
        "map, two bar charts, charts"
    );
    assert!(page.contains("@page{size:A4") && page.contains("name=\"viewport\""));

    let md = report.markdown();
    let md_rows = markdown_rows(&md);
    assert!(md_rows.len() > 20, "{md}");
    for row in &md_rows {
        assert!(rows.contains(row), "{row:?} is not in the HTML tables");
    }
    for sentence in [report.goal_sentence(), report.in_all()] {
        assert!(
            md.contains(&sentence) && page.contains(&sentence),
            "{sentence}"
        );
    }
    // The right hamstring's fall: in the table, and marked on the map.
    assert!(
        rows.iter()
            .any(|r| r.first().map(String::as_str) == Some("Hamstrings")
                && r.get(1).map(String::as_str) == Some("right")
                && r.last().map(String::as_str) == Some("↓ better")),
        "{rows:?}"
    );
    assert!(page.contains("right Hamstrings: average"), "{page}");
}

#[test]
fn weeks_and_region_apply_to_the_markdown_and_the_html_alike() {
    let sandbox = Sandbox::new();
    let seed = serde_json::to_string(&three_months(
        chrono::Local::now().fixed_offset() - chrono::Duration::days(1),
    ))
    .unwrap();
    let file = sandbox.write("seed.json", &seed);
    let out = sandbox.run(&["history", "import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", common::stderr(&out));

    let page_path = sandbox.path().join("hamstrings.html");
    let args = [
        "history",
        "report",
        "--weeks",
        "6",
        "--region",
        "hamstrings",
    ];
    let md = common::stdout(&sandbox.run(&args));
    let mut with_html = args.to_vec();
    with_html.extend(["--html", page_path.to_str().unwrap()]);
    let out = sandbox.run(&with_html);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(common::stdout(&out).is_empty(), "the page goes to the file");
    let page = std::fs::read_to_string(&page_path).unwrap();
    let rows = parse(&page);

    assert!(
        md.starts_with("# Foam rolling, Hamstrings: 6 weeks"),
        "{md}"
    );
    let md_rows = markdown_rows(&md);
    // 6 weeks, and only the hamstrings in the tenderness table.
    assert_eq!(
        md_rows.iter().filter(|r| r.len() == 6).count(),
        1 + 6,
        "{md}"
    );
    let tender: Vec<&Vec<String>> = md_rows.iter().filter(|r| r.len() == 9).skip(1).collect();
    assert_eq!(tender.len(), 2, "{md}");
    assert!(tender.iter().all(|r| r[0] == "Hamstrings"), "{md}");
    assert!(!md.contains("Quads") && !page.contains("Quads"));
    for row in &md_rows {
        assert!(rows.contains(row), "{row:?} is not in the HTML");
    }

    // An unknown region is a usage error naming the known ones; nothing is written.
    let bad = sandbox.path().join("bad.html");
    let out = sandbox.run(&[
        "history",
        "report",
        "--region",
        "elbows",
        "--html",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("no region 'elbows'"));
    assert!(!bad.exists());
    // A folder where the page should go is refused, not written into.
    let folder = sandbox.path().join("folder.html");
    std::fs::create_dir(&folder).unwrap();
    let out = sandbox.run(&["history", "report", "--html", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
    assert!(common::stderr(&out).contains("not a regular file"));
}

#[test]
#[should_panic(expected = "not well-formed")]
fn the_check_refuses_a_tag_closed_out_of_order() {
    parse("<!DOCTYPE html>\n<html><body><p><b>x</p></b></body></html>");
}
