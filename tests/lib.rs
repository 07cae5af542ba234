//! Helpers for the whole-app journeys: find the built `mahdar` binary and run it on a data
//! folder of its own, as a user would.

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

/// The `mahdar` binary under test: `MAHDAR_BIN` if set, else the one cargo built beside this
/// test (`cargo build --workspace` builds it; `make test` does so first).
pub fn mahdar_bin() -> PathBuf {
    if let Some(bin) = std::env::var_os("MAHDAR_BIN") {
        return PathBuf::from(bin);
    }
    // target/<profile>/deps/journeys-… → target/<profile>/mahdar
    let exe = std::env::current_exe().expect("the test knows where it runs from");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("the test runs from target/<profile>/deps");
    let bin = profile_dir.join(format!("mahdar{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "{} is missing: build it first with `cargo build -p mahdar-cli` (or set MAHDAR_BIN)",
        bin.display()
    );
    bin
}

/// A user's session: a home folder and a data folder of its own.
#[derive(Debug)]
pub struct Session {
    /// Holds everything; removed at the end.
    pub root: tempfile::TempDir,
}

/// What a command printed, and how it ended.
#[derive(Debug)]
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Asserts success and returns standard output.
    pub fn ok(self) -> String {
        assert_eq!(
            self.code, 0,
            "the command succeeds; stderr: {}",
            self.stderr
        );
        self.stdout
    }

    /// Parses standard output as JSON, asserting success.
    pub fn json(self) -> serde_json::Value {
        let out = self.ok();
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("stdout is JSON ({e}): {out}"))
    }
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

impl Session {
    /// A fresh session.
    pub fn new() -> Session {
        Session {
            root: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    /// The session's data folder (not created until a command creates it).
    pub fn data_dir(&self) -> PathBuf {
        self.root.path().join("data")
    }

    /// A path inside the session's folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    /// A command with a clean environment: its own HOME, no inherited data folder.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(mahdar_bin());
        cmd.env_clear()
            .env("HOME", self.root.path().join("home"))
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("LANG", "C.UTF-8");
        cmd
    }

    /// Runs `mahdar --data-dir <data> ARGS`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in(&self.data_dir(), args)
    }

    /// Runs `mahdar --data-dir DIR ARGS`.
    pub fn run_in(&self, dir: &Path, args: &[&str]) -> Run {
        let output = self
            .command()
            .arg("--data-dir")
            .arg(dir)
            .args(args)
            .output()
            .expect("mahdar runs");
        Run::from(output)
    }

    /// Runs `mahdar --data-dir <data> ARGS` with these environment variables set too.
    pub fn run_env(&self, env: &[(&str, &str)], args: &[&str]) -> Run {
        let mut cmd = self.command();
        cmd.envs(env.iter().copied())
            .arg("--data-dir")
            .arg(self.data_dir())
            .args(args);
        Run::from(cmd.output().expect("mahdar runs"))
    }

    /// Runs `mahdar ARGS` with no data folder given (the default applies).
    pub fn run_default(&self, args: &[&str]) -> Run {
        Run::from(self.command().args(args).output().expect("mahdar runs"))
    }
}
