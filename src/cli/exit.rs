//! The exit status: one type, three values, the same for every command. Scripts rely on
//! them, so the manual and the README print [`Exit::ALL`] with [`Exit::meaning`].

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// It did what was asked (a closed pipe on the output counts as done).
    Ok,
    /// The command line was fine but something failed: a file that cannot be read or
    /// written, an error `check` found, an unknown id, no terminal for the app, a plain
    /// session that did not finish.
    Failure,
    /// The command line itself was wrong: an unknown option or command, a value out of
    /// range, options that exclude each other.
    Usage,
}

impl Exit {
    pub const ALL: [Exit; 3] = [Exit::Ok, Exit::Failure, Exit::Usage];

    /// The number the process exits with.
    pub fn code(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::Failure => 1,
            Exit::Usage => 2,
        }
    }

    /// What the status means, in one sentence, for the manual and `--help`.
    pub fn meaning(self) -> &'static str {
        match self {
            Exit::Ok => "Success. A closed pipe (`foamroll list | head`) also ends quietly with 0.",
            Exit::Failure => {
                "A runtime failure: a file could not be read or written, `check` found an error, `show` or `play` was given an unknown id, the app had no terminal, a plain-mode session did not finish, or a history import failed. The message is on standard error."
            }
            Exit::Usage => {
                "A usage error: the command line was wrong (an unknown option or command, --speed below 0.01, --limit 0, --minutes no plan can meet, options that exclude each other)."
            }
        }
    }

    /// 0 when `ok`, else 1.
    pub fn ok_if(ok: bool) -> Exit {
        if ok { Exit::Ok } else { Exit::Failure }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use super::Exit;

    #[test]
    fn codes_are_distinct_and_documented() {
        let codes: Vec<u8> = Exit::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(codes, [0, 1, 2]);
        assert!(Exit::ALL.iter().all(|e| !e.meaning().is_empty()));
        assert_eq!(Exit::ok_if(false), Exit::Failure);
    }
}
