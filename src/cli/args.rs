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
    /// Where history and state are kept [default: $XDG_DATA_HOME/foamroll]
    #[arg(long, value_name = "DIR", env = "FOAMROLL_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// Where config.yaml and routines/ are read from [default: $XDG_CONFIG_HOME/foamroll]
    #[arg(long, value_name = "DIR", env = "FOAMROLL_CONFIG_DIR", global = true)]
    pub config: Option<PathBuf>,
    /// Do not ring the terminal bell on phase changes
    #[arg(long, global = true)]
    pub no_bell: bool,
    /// Speak each cue through the system's speech command (espeak-ng, espeak, spd-say, say)
    #[arg(long, global = true)]
    pub voice: bool,
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
    /// List routines and exercises with their style and regions
    #[command(
        after_help = "Examples:\n  foamroll list\n  foamroll list --json | jq '.routines[].id'"
    )]
    List {
        /// One JSON document with `routines`, `exercises` and `regions` arrays
        #[arg(long)]
        json: bool,
    },
    /// Print the full instructions of an exercise, routine or region
    #[command(
        after_help = "Examples:\n  foamroll show quad-release\n  foamroll show post-run\n  foamroll show it-band"
    )]
    Show {
        /// The id of an exercise, routine or region (see `foamroll list`)
        id: String,
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
        /// At most N sessions (the newest)
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Start a routine at once: in the app, or with --plain as lines of text
    #[command(
        after_help = "Examples:\n  foamroll play post-run\n  foamroll play pre-run --plain --voice\n  foamroll play post-run --plain < /dev/null   hands-free: holds of exactly the minimum"
    )]
    Play {
        /// The routine's id (see `foamroll list`)
        routine_id: String,
        /// One line per cue instead of the full-screen app (screen readers, pipes, TERM=dumb)
        #[arg(long)]
        plain: bool,
    },
    /// Print the effective settings and where each comes from
    #[command(
        after_help = "Settings come from the defaults, then config.yaml in the config folder, then flags."
    )]
    Config,
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  foamroll completions bash > ~/.local/share/bash-completion/completions/foamroll\n  foamroll completions fish > ~/.config/fish/completions/foamroll.fish\n  foamroll completions zsh > ~/.zfunc/_foamroll"
    )]
    Completions {
        /// bash, zsh or fish
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    #[command(after_help = "Example:\n  foamroll man > foamroll.1 && man ./foamroll.1")]
    Man,
}

#[derive(Debug, Subcommand)]
pub enum HistoryAction {
    /// Merge another machine's history.jsonl (or a --json export) by session id
    Import {
        /// The file to merge in
        file: PathBuf,
    },
    /// A Markdown summary of the last weeks to share with a coach or physiotherapist
    #[command(after_help = "Example:\n  foamroll history report --weeks 8 > rolling.md")]
    Report {
        /// How many weeks, this one included
        #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=520))]
        weeks: u32,
    },
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

/// The slowest `--speed`: below it a session would outlast any reason to run it, and
/// times would be scaled past what the clock can count.
pub const MIN_SPEED: f64 = 0.01;

fn parse_speed(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(f) if f.is_finite() && (MIN_SPEED..=10_000.0).contains(&f) => Ok(f),
        _ => Err(format!(
            "expected a number from {MIN_SPEED} (a hundred times slower) to 10000; 1 is real time"
        )),
    }
}
