use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "foamroll",
    version,
    about = "A terminal coach for foam-rolling (self-myofascial release) routines",
    after_help = "Examples:\n  foamroll                   open the app on the browse screen\n  foamroll play post-run     start the post-run recovery at once\n  foamroll show it-band      why the IT band is never rolled\n  foamroll check my.yaml     validate your own routine file"
)]
pub struct Args {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct Global {
    /// Also read routine files from DIR (repeatable; later folders override earlier ones)
    #[arg(long, value_name = "DIR", global = true)]
    pub library: Vec<PathBuf>,
    // The environment variables are read in `Global::dirs`, not by clap: clap would
    // show an option set from the environment as required in every usage line.
    /// Where history and state are kept [env: FOAMROLL_DATA_DIR] [default: $XDG_DATA_HOME/foamroll]
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// Where config.yaml and routines/ are read from [env: FOAMROLL_CONFIG_DIR] [default: $XDG_CONFIG_HOME/foamroll]
    #[arg(long, value_name = "DIR", global = true)]
    pub config: Option<PathBuf>,
    /// Do not ring the terminal bell on phase changes
    #[arg(long, global = true)]
    pub no_bell: bool,
    /// Speak each cue through the system's speech command (espeak-ng, espeak, spd-say, say)
    #[arg(long, global = true)]
    pub voice: bool,
    /// Leave the mouse to the terminal (select text, scroll back) instead of clicks and the wheel
    #[arg(long, global = true)]
    pub no_mouse: bool,
    /// No key needed: each search ends after its limit, each hold a little after its minimum (config hands_free)
    #[arg(long, global = true)]
    pub hands_free: bool,
    /// When to use colour and bold: auto (a terminal, unless NO_COLOR or CLICOLOR=0; CLICOLOR_FORCE=1 forces it), always or never
    #[arg(long, value_name = "WHEN", default_value = "auto", global = true, value_parser = color_parser())]
    pub color: crate::config::ColorWhen,
    /// Run the session clock FACTOR times faster (for demonstrations and tests)
    #[arg(long, value_name = "FACTOR", default_value_t = 1.0, global = true, value_parser = parse_speed)]
    pub speed: f64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate routine files together with the rest of the library
    #[command(
        after_help = "Examples:\n  foamroll check                 the whole effective library\n  foamroll check ~/my-routines   a folder of your own files\n\nExit status: 1 if any error was found, 0 otherwise."
    )]
    Check {
        /// Files or folders to validate (default: the effective library only)
        paths: Vec<PathBuf>,
    },
    /// List routines, exercises, regions and guides
    #[command(
        after_help = "Examples:\n  foamroll list\n  foamroll list --json | jq '.routines[].id'"
    )]
    List {
        /// One JSON document with `format`, and `routines`, `exercises`, `regions` and `guides` arrays
        #[arg(long)]
        json: bool,
    },
    /// Print the full instructions of an exercise, routine or region, or a guide
    #[command(
        after_help = "Examples:\n  foamroll show quad-release\n  foamroll show post-run\n  foamroll show it-band\n  foamroll show pressure-and-pain\n  foamroll show post-run --json | jq '.item.steps | length'"
    )]
    Show {
        /// The id of an exercise, routine, region or guide (see `foamroll list`)
        id: String,
        /// One JSON document with `format`, `kind` and the item's fields
        #[arg(long)]
        json: bool,
    },
    /// Past sessions as a table, JSON or CSV; `history import FILE` merges another history; `history report` summarizes
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "Examples:\n  foamroll history --limit 10\n  foamroll history --since 2026-01-01 --csv > sessions.csv\n  foamroll history --json > backup.json\n  foamroll history import laptop-history.jsonl\n  foamroll history report --weeks 4"
    )]
    History {
        #[command(subcommand)]
        action: Option<HistoryAction>,
        /// A JSON array of session records
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// One row per step, side and zone, with a header row
        #[arg(long)]
        csv: bool,
        /// Only sessions on or after this day
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        since: Option<chrono::NaiveDate>,
        /// At most N sessions (the newest; 1 or more)
        #[arg(long, value_name = "N", value_parser = parse_limit)]
        limit: Option<usize>,
    },
    /// The activities read from your watch's or app's files (GPX, TCX, FIT, each also .gz): list, import, forget
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "Examples:\n  foamroll runs import ~/Downloads/garmin-export     every activity file under a folder\n  foamroll runs import morning.fit.gz evening.gpx\n  foamroll runs --since 2026-01-01\n  foamroll runs --json | jq '.runs[].distance_m'\n  foamroll runs forget 12\n  foamroll runs forget --all\n\nOnly a summary of each activity is kept (start, sport, time, distance, climb, average heart rate,\nthe file's name and hash): never its track points or coordinates. With `activities: DIR` in\nconfig.yaml, new and changed files there are imported whenever `today`, `status` or the app start."
    )]
    Runs {
        #[command(subcommand)]
        action: Option<RunsAction>,
        /// One JSON document with a `runs` array
        #[arg(long)]
        json: bool,
        /// Only activities on or after this day
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        since: Option<chrono::NaiveDate>,
    },
    /// Start a routine at once: in the app, or with --plain as lines of text
    #[command(
        after_help = "Examples:\n  foamroll play post-run\n  foamroll play pre-run --plain --voice\n  foamroll play post-run --plain < /dev/null   hands-free: no key needed"
    )]
    Play {
        /// The routine's id (see `foamroll list`)
        routine_id: String,
        /// One line per cue instead of the full-screen app (screen readers, pipes, TERM=dumb)
        #[arg(long)]
        plain: bool,
    },
    /// Today's routine, made from what you are about to do, the time you have and your history
    #[command(
        after_help = "Examples:\n  foamroll today                          the plan for now, and why\n  foamroll today --after-run --minutes 15\n  foamroll today --before-run --equipment ball --play --plain\n  foamroll today --rest-day --save rest.yaml && foamroll check rest.yaml\n\nWith no intent flag, the time of day and your last session decide, and the output says why."
    )]
    Today {
        /// A warm-up: keep moving, no holds, then your dynamic warm-up (default 5 minutes)
        #[arg(long, conflicts_with_all = ["after_run", "rest_day"])]
        before_run: bool,
        /// A recovery after your run (default 10 minutes)
        #[arg(long, conflicts_with = "rest_day")]
        after_run: bool,
        /// A longer recovery on a day without a run (default 20 minutes)
        #[arg(long)]
        rest_day: bool,
        /// The minutes you have; the plan's estimate lands within 15 % of them
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=120))]
        minutes: Option<u32>,
        /// A tool you have (repeatable; default: `equipment` in config.yaml, else a roller)
        #[arg(long, value_name = "TOOL", value_parser = tool_parser())]
        equipment: Vec<crate::library::Tool>,
        /// The routine and the reasons as one JSON document
        #[arg(long, conflicts_with = "play")]
        json: bool,
        /// Also write the routine to FILE, a routine file `foamroll check FILE` accepts
        #[arg(long, value_name = "FILE")]
        save: Option<PathBuf>,
        /// Start it at once, in the app (or with --plain as lines of text)
        #[arg(long)]
        play: bool,
        /// With --play: one line per cue instead of the full-screen app
        #[arg(long, requires = "play")]
        plain: bool,
    },
    /// One short line for a shell prompt or a status bar: "2/3 this week · hamstrings 9d"
    #[command(
        after_help = "Prints this week's sessions against the weekly goal and the region rolled longest ago.\nOn any failure it prints nothing and exits with status 1, so a prompt never shows an error."
    )]
    Status {
        /// The same facts as JSON fields
        #[arg(long)]
        json: bool,
    },
    /// Print the folders, and the effective settings and where each comes from
    #[command(
        after_help = "Settings come from the defaults, then config.yaml in the config folder, then flags.\n\nExamples:\n  foamroll config\n  mkdir -p ~/.config/foamroll && foamroll config --default > ~/.config/foamroll/config.yaml"
    )]
    Config {
        /// Print a commented config.yaml with every key at its default, and its bounds
        #[arg(long)]
        default: bool,
    },
    /// Print a shell completion script; ids are asked of foamroll as you type, so your own routines complete too
    #[command(
        after_help = "Examples (each line works in a new HOME):\n  bash: echo 'source <(foamroll completions bash)' >> ~/.bashrc\n  zsh:  echo 'autoload -Uz compinit && compinit' >> ~/.zshrc\n        echo 'source <(foamroll completions zsh)' >> ~/.zshrc\n  fish: mkdir -p ~/.config/fish/completions\n        foamroll completions fish > ~/.config/fish/completions/foamroll.fish\n\nThe script calls `foamroll` back for each completion (the variable COMPLETE names the shell)."
    )]
    Completions {
        /// bash, zsh, fish, elvish or powershell
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(SHELLS))]
        shell: String,
    },
    /// Print the manual page (roff)
    #[command(after_help = "Example:\n  foamroll man > foamroll.1 && man ./foamroll.1")]
    Man,
}

#[derive(Debug, Subcommand)]
pub enum RunsAction {
    /// Import activity files, or every activity file under folders (recursively)
    #[command(
        after_help = "Each file that cannot be imported is one line on standard error naming it; the import goes\non with the next. A file already imported (by its content, whatever its name) is left as it is.\n\nExit status: 0 when every file was imported or already there, 1 when any was not."
    )]
    Import {
        /// Files (.fit, .gpx, .tcx, each also .gz) or folders
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Delete one activity by its id (see `foamroll runs`), or all of them with --all
    #[command(
        after_help = "A forgotten file in the activities folder is not imported again unless it changes or you\nname it to `foamroll runs import`."
    )]
    Forget {
        /// The activity's id, from `foamroll runs`
        #[arg(
            value_name = "ID",
            required_unless_present = "all",
            conflicts_with = "all"
        )]
        id: Option<i64>,
        /// Forget every activity
        #[arg(long)]
        all: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum HistoryAction {
    /// Merge another machine's history.jsonl (or a --json export) by session id
    Import {
        /// The file to merge in
        file: PathBuf,
    },
    /// A Markdown summary of the last weeks to share with a coach or physiotherapist
    #[command(
        after_help = "Examples:\n  foamroll history report --weeks 8 > rolling.md\n  foamroll history report --weeks 12 --html rolling.html\n  foamroll history report --region hamstrings --html hamstrings.html"
    )]
    Report {
        /// How many weeks, this one included
        #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=520))]
        weeks: u32,
        /// Only this region (an id from `foamroll list`), in every table and picture
        #[arg(long, value_name = "ID")]
        region: Option<String>,
        /// Write a self-contained HTML page with pictures to FILE instead of Markdown
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
}

/// The shells `completions` writes a script for.
pub const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "elvish", "powershell"];

fn color_parser() -> impl clap::builder::TypedValueParser<Value = crate::config::ColorWhen> {
    use crate::config::ColorWhen;
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(ColorWhen::ALL.map(|c| c.label()))
        .try_map(|s| ColorWhen::from_label(&s).ok_or("unknown colour choice"))
}

fn tool_parser() -> impl clap::builder::TypedValueParser<Value = crate::library::Tool> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(crate::library::Tool::ALL.map(|t| t.id()))
        .try_map(|s| crate::library::Tool::from_id(&s).ok_or("unknown tool"))
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

/// The environment variable naming the data folder.
pub const DATA_DIR_ENV: &str = "FOAMROLL_DATA_DIR";
/// The environment variable naming the config folder.
pub const CONFIG_DIR_ENV: &str = "FOAMROLL_CONFIG_DIR";

/// A folder from the environment; an empty value counts as unset.
pub fn env_dir(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn parse_limit(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("0 sessions would show nothing: give 1 or more".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err("expected a whole number of sessions, 1 or more".to_string()),
    }
}

/// The speed factor becomes durations (`Duration::mul_f64`, `div_f64`), so every value
/// that could overflow one is refused here with words, not a panic later.
fn parse_speed(s: &str) -> Result<f64, String> {
    use crate::session::SPEED;
    let (slowest, fastest) = (SPEED.start(), SPEED.end());
    let range = format!("from {slowest} (a hundred times slower) to {fastest}; 1 is real time");
    match s.trim().parse::<f64>() {
        Ok(f) if f.is_nan() => Err(format!("expected a number {range}")),
        Ok(f) if f < *slowest => Err(format!(
            "the slowest speed is {slowest}: give a number {range}"
        )),
        Ok(f) if f > *fastest => Err(format!(
            "the fastest speed is {fastest}: give a number {range}"
        )),
        Ok(f) => Ok(f),
        Err(_) => Err(format!("expected a number {range}")),
    }
}
