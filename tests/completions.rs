#![cfg(unix)]
//! Shell completion, as a person installs it: the README's install lines are pasted into
//! each shell in an empty home folder, then the shell completes the id of a routine that
//! exists only in that person's routines folder (so it cannot come from a script
//! generated ahead of time). bash is always tested; zsh and fish when they are installed,
//! and always in CI (`.ci/run` installs them and sets `FOAMROLL_REQUIRE_SHELLS=1`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The README's code block for `lang` in the completion section.
fn readme_lines(lang: &str) -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start = readme
        .find("## Shell completion")
        .expect("a Shell completion section");
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let fence = format!("```{lang}\n");
    let at = section
        .find(&fence)
        .unwrap_or_else(|| panic!("no ```{lang} block in the completion section"));
    let body = &section[at + fence.len()..];
    body[..body.find("```").expect("closed block")].to_string()
}

/// An empty home folder with `foamroll` on the PATH and one routine of the person's own.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir(&bin).unwrap();
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_foamroll"), bin.join("foamroll")).unwrap();
        let routines = dir.path().join(".config/foamroll/routines");
        std::fs::create_dir_all(&routines).unwrap();
        std::fs::write(
            routines.join("mine.yaml"),
            "version: 1\nroutines:\n  - id: zz-my-glutes\n    name: My glutes\n    style: recovery\n    description: Just the glutes.\n    steps:\n      - exercise: glute-release\n        hold: 60\n",
        )
        .unwrap();
        Home { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `shell ARGS` with only this home: its own HOME and XDG folders, and PATH with
    /// foamroll first.
    fn shell(&self, shell: &Path, args: &[&str]) -> Output {
        let path = format!(
            "{}:{}",
            self.path().join("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        Command::new(shell)
            .args(args)
            .env_clear()
            .env("HOME", self.path())
            .env("PATH", path)
            .env("TERM", "xterm")
            .current_dir(self.path())
            .output()
            .unwrap()
    }

    /// Runs the README's lines for `lang`, as typed at a prompt of that shell.
    fn install(&self, shell: &Path, lang: &str) {
        let lines = readme_lines(lang);
        let out = self.shell(shell, &["-c", &lines]);
        assert!(
            out.status.success(),
            "{lang} install lines failed in a new HOME:\n{lines}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The shell's path, or `None` (which fails in CI) when it is not installed.
fn find(shell: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(shell))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("FOAMROLL_REQUIRE_SHELLS").is_none(),
            "{shell} is required here but not installed"
        );
        eprintln!("{shell} is not installed: its completion test is skipped");
    }
    found
}

#[test]
fn bash_completes_a_routine_of_your_own_after_the_readme_lines() {
    let bash = find("bash").expect("bash");
    let home = Home::new();
    home.install(&bash, "bash");
    // A new interactive shell reads ~/.bashrc; then Tab after `foamroll play zz-` is what
    // `complete -F` runs: the registered function with the words of the line.
    let tab = r#"
f=$(complete -p foamroll | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
[ -n "$f" ] || { echo "no completion registered for foamroll"; exit 3; }
COMP_WORDS=(foamroll play zz-); COMP_CWORD=2; COMP_LINE="foamroll play zz-"; COMP_POINT=${#COMP_LINE}
"$f" foamroll zz- play
printf 'candidate<%s>\n' "${COMPREPLY[@]}"
COMP_WORDS=(foamroll show warmup-vs); COMP_CWORD=2
"$f" foamroll warmup-vs show
printf 'candidate<%s>\n' "${COMPREPLY[@]}"
"#;
    let out = home.shell(&bash, &["-i", "-c", tab]);
    let all = text(&out);
    assert!(all.contains("candidate<zz-my-glutes>"), "{all}");
    assert!(all.contains("candidate<warmup-vs-recovery>"), "{all}");
    // Only matching ids: nothing else starts with `zz-`.
    assert_eq!(all.matches("candidate<").count(), 2, "{all}");

    // A `--library DIR` typed on the line: its routines complete too.
    let extra = home.path().join("extra");
    std::fs::create_dir(&extra).unwrap();
    std::fs::write(
        extra.join("more.yaml"),
        "version: 1\nroutines:\n  - id: zz-extra-calves\n    name: Extra calves\n    style: recovery\n    description: Calves.\n    steps:\n      - exercise: calf-release\n",
    )
    .unwrap();
    let tab = r#"
f=$(complete -p foamroll | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
COMP_WORDS=(foamroll --library ~/extra play zz-); COMP_CWORD=4
"$f" foamroll zz- play
printf 'candidate<%s>\n' "${COMPREPLY[@]}"
"#;
    let all = text(&home.shell(&bash, &["-i", "-c", tab]));
    assert!(all.contains("candidate<zz-extra-calves>"), "{all}");
    assert!(all.contains("candidate<zz-my-glutes>"), "{all}");
}

#[test]
fn fish_completes_a_routine_of_your_own_after_the_readme_lines() {
    let Some(fish) = find("fish") else { return };
    let home = Home::new();
    home.install(&fish, "fish");
    let out = home.shell(&fish, &["-c", "complete -C 'foamroll play zz-'"]);
    let all = text(&out);
    assert!(all.lines().any(|l| l.starts_with("zz-my-glutes")), "{all}");
}

#[test]
fn zsh_registers_the_completer_after_the_readme_lines() {
    let Some(zsh) = find("zsh") else { return };
    let home = Home::new();
    home.install(&zsh, "zsh");
    // A new interactive zsh reads ~/.zshrc: the completion function is registered for
    // foamroll, and what it asks foamroll for gives the person's own routine.
    let out = home.shell(
        &zsh,
        &["-i", "-c", "print -r -- \"reg<${_comps[foamroll]}>\""],
    );
    let all = text(&out);
    let registered = all
        .lines()
        .find_map(|l| l.strip_prefix("reg<")?.strip_suffix('>'))
        .unwrap_or_default();
    assert!(!registered.is_empty(), "no completion for foamroll:\n{all}");
    let script = std::process::Command::new(env!("CARGO_BIN_EXE_foamroll"))
        .args(["completions", "zsh"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&script.stdout).contains(registered));
    let asked = Command::new(env!("CARGO_BIN_EXE_foamroll"))
        .args(["--", "foamroll", "play", "zz-"])
        .env("COMPLETE", "zsh")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("HOME", home.path())
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("FOAMROLL_CONFIG_DIR")
        .output()
        .unwrap();
    assert!(text(&asked).contains("zz-my-glutes"), "{}", text(&asked));
}

#[test]
fn every_shell_clap_knows_has_a_script_and_others_are_usage_errors() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = Command::new(env!("CARGO_BIN_EXE_foamroll"))
            .args(["completions", shell])
            .env_remove("COMPLETE")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", text(&out));
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(
            script.contains("COMPLETE"),
            "{shell}: the script calls foamroll back"
        );
        // It calls `foamroll` from the PATH, not the binary that printed it (that path is
        // gone once the script ships in an archive or the binary moves).
        let bin = env!("CARGO_BIN_EXE_foamroll");
        let dir = std::path::Path::new(bin)
            .parent()
            .unwrap()
            .to_string_lossy();
        assert!(
            !script.contains(bin) && !script.contains(dir.as_ref()),
            "{shell}: the script names this binary's path:\n{script}"
        );
    }
    // The same when the shell asks for the script through the variable.
    let out = Command::new(env!("CARGO_BIN_EXE_foamroll"))
        .env("COMPLETE", "fish")
        .output()
        .unwrap();
    let script = String::from_utf8_lossy(&out.stdout);
    assert!(script.contains("foamroll"), "{script}");
    assert!(
        !script.contains(env!("CARGO_BIN_EXE_foamroll")),
        "COMPLETE=fish: the script names this binary's path:\n{script}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_foamroll"))
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("bash"), "{}", text(&out));
}
