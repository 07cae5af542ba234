//! PouchDB Server on 127.0.0.1 for tests and benchmarks: started in memory on a free port,
//! stopped when dropped. Installed by `npm --prefix tests/sync ci` (CI's setup step does it).

#![allow(dead_code)]

use std::{
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

/// The repository's root.
pub fn repo_root() -> PathBuf {
    // Cargo sets it when it runs the test too: the checkout running now, even when the binary
    // was built by another checkout sharing the target directory.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest
        .ancestors()
        .find(|p| p.join("tests/sync/package.json").exists())
        .expect("the repository root (with tests/sync/package.json)")
        .to_path_buf()
}

/// The folder of the Node peers (`tests/sync`).
pub fn peers_dir() -> PathBuf {
    repo_root().join("tests/sync")
}

/// A running PouchDB Server.
#[derive(Debug)]
pub struct PouchServer {
    child: Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
    _dir: tempfile::TempDir,
}

impl PouchServer {
    /// Starts one on a free port and waits until it answers `GET /`.
    pub fn start() -> PouchServer {
        PouchServer::start_on(None)
    }

    /// Starts one on `port` (or a free one) and waits until it answers `GET /`.
    pub fn start_on(port: Option<u16>) -> PouchServer {
        let bin = peers_dir().join("node_modules/.bin/pouchdb-server");
        assert!(
            bin.exists(),
            "{} is missing: run `npm --prefix tests/sync ci` (or `scripts/ci.sh setup`)",
            bin.display()
        );
        let dir = tempfile::tempdir().expect("a temporary folder");
        for _ in 0..5 {
            let port = port.unwrap_or_else(free_port);
            let log = std::fs::File::create(dir.path().join("server.log")).expect("log file");
            let mut child = Command::new(&bin)
                .current_dir(dir.path())
                .args(["--in-memory", "--host", "127.0.0.1", "--port"])
                .arg(port.to_string())
                .arg("--dir")
                .arg(dir.path())
                .arg("--config")
                .arg(dir.path().join("config.json"))
                .stdin(Stdio::null())
                .stdout(log.try_clone().expect("log file"))
                .stderr(log)
                .spawn()
                .expect("pouchdb-server starts");
            let deadline = Instant::now() + Duration::from_secs(30);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
                if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() && answers(port) {
                    return PouchServer {
                        child,
                        port,
                        _dir: dir,
                    };
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!(
            "pouchdb-server did not start; its log: {}",
            std::fs::read_to_string(dir.path().join("server.log")).unwrap_or_default()
        );
    }

    /// The address of a database on it.
    pub fn url(&self, db: &str) -> String {
        format!("http://127.0.0.1:{}/{db}", self.port)
    }

    /// The server's address.
    pub fn root(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for PouchServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on (yet).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn answers(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200")
}

/// A bare HTTP/1.0 request to 127.0.0.1 (for setting the server up); status and body.
pub fn http(method: &str, port: u16, path: &str, body: &str, auth: Option<&str>) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let auth = auth
        .map(|a| format!("Authorization: Basic {a}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{auth}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("write");
    let mut answer = String::new();
    s.read_to_string(&mut answer).expect("read");
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}
