//! Talking to the server: addresses, credentials, no network, and the continuous mode.

use crate::{
    Replica, db_info,
    pouchdb::{PouchServer, free_port, http},
};
use mahdar_sync::{AuthMode, Remote, RemoteConfig, Replicator, Status, SyncError, run_continuous};
use serde_json::json;
use std::{
    sync::{Arc, Mutex, atomic::AtomicBool},
    time::{Duration, Instant},
};

#[test]
fn bad_addresses_are_refused_with_one_clear_line() {
    for (url, expect) in [
        ("ftp://127.0.0.1/db", "only http:// and https://"),
        ("http://127.0.0.1:5984", "must name a database"),
        ("http://127.0.0.1:5984/", "must name a database"),
        ("not an address", "invalid server address"),
    ] {
        let e = Remote::new(RemoteConfig::new(url)).expect_err(url);
        assert_eq!(e.code(), "bad_url");
        let text = e.to_string();
        assert!(text.contains(expect), "{url}: {text}");
        assert!(!text.contains('\n'));
    }
    // A password in the address never shows in messages.
    let e = Remote::new(RemoteConfig::new("ftp://u:s3cret@127.0.0.1/db")).expect_err("ftp");
    assert!(!e.to_string().contains("s3cret"), "{e}");
}

#[test]
fn with_no_server_the_sync_says_offline_and_changes_nothing() {
    let a = Replica::new();
    a.put("meeting:offline", json!({ "title": "بدون شبكة" }));
    let before = a.state();
    let mut config = RemoteConfig::new(format!("http://127.0.0.1:{}/mahdar", free_port()));
    config.attempts = 2;
    config.backoff = Duration::from_millis(10);
    let r = Remote::new(config).expect("remote");
    let e = Replicator::new(&a.store, &r)
        .sync(true, true, true)
        .expect_err("offline");
    assert_eq!(e.code(), "offline", "{e}");
    assert!(e.is_transient());
    assert_eq!(a.state(), before);
}

#[test]
fn basic_and_session_credentials_work_and_a_wrong_password_is_named() {
    let server = PouchServer::start();
    let (status, body) = http(
        "PUT",
        server.port,
        "/_config/admins/admin",
        "\"s3cret\"",
        None,
    );
    assert!(status == 200, "{status} {body}");
    let a = Replica::new();
    a.put("meeting:auth", json!({ "title": "مع كلمة مرور" }));

    // (An anonymous PUT /db is not tried: PouchDB Server 4.2 crashes on it once an admin
    // exists, instead of answering 401.)
    for (mode, db) in [(AuthMode::Basic, "basic"), (AuthMode::Session, "session")] {
        let mut config = RemoteConfig::new(server.url(db));
        config.user = Some("admin".into());
        config.password = Some("s3cret".into());
        config.auth = mode;
        let r = Remote::new(config).expect("remote");
        let report = Replicator::new(&a.store, &r)
            .sync(true, true, true)
            .expect("sync with credentials");
        assert_eq!(report.push.expect("push").revisions, 1, "{mode:?}");
    }
    // Credentials in the address work too, and are never shown.
    let port = server.port;
    let r = Remote::new(RemoteConfig::new(format!(
        "http://admin:s3cret@127.0.0.1:{port}/session"
    )))
    .expect("remote");
    assert!(!r.url().contains("s3cret"));
    Replicator::new(&a.store, &r)
        .sync(true, true, false)
        .expect("sync");

    for mode in [AuthMode::Basic, AuthMode::Session] {
        let mut config = RemoteConfig::new(server.url("basic"));
        config.user = Some("admin".into());
        config.password = Some("wrong".into());
        config.auth = mode;
        let r = Remote::new(config).expect("remote");
        let e = Replicator::new(&a.store, &r)
            .sync(true, true, false)
            .expect_err("wrong password");
        assert!(matches!(e, SyncError::Unauthorized { .. }), "{mode:?}: {e}");
        assert!(!e.to_string().contains("wrong"));
    }
}

#[test]
fn continuous_mode_waits_offline_then_syncs_and_pushes_new_edits() {
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}/continuous");
    let a = Arc::new(Replica::new());
    a.put("meeting:c-1", json!({ "title": "أول" }));
    let stop = Arc::new(AtomicBool::new(false));
    let statuses: Arc<Mutex<Vec<Status>>> = Arc::default();
    let worker = {
        let (a, stop, statuses, url) = (a.clone(), stop.clone(), statuses.clone(), url.clone());
        std::thread::spawn(move || {
            let mut config = RemoteConfig::new(url);
            config.attempts = 1;
            let r = Remote::new(config)
                .expect("remote")
                .with_cancel(stop.clone());
            let replicator = Replicator::new(&a.store, &r);
            run_continuous(
                &replicator,
                true,
                true,
                true,
                Duration::from_secs(30),
                &stop,
                &|s, _| {
                    statuses.lock().expect("lock").push(s.clone());
                },
            )
        })
    };
    let wait_for = |what: &str, f: &dyn Fn(&[Status]) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if f(&statuses.lock().expect("lock")) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("never {what}: {:?}", statuses.lock().expect("lock"));
    };
    wait_for("offline", &|s| {
        s.iter().any(|s| matches!(s, Status::Offline { .. }))
    });
    let _server = PouchServer::start_on(Some(port));
    wait_for("up to date", &|s| {
        s.iter()
            .any(|s| matches!(s, Status::UpToDate { conflicts: 0 }))
    });
    assert_eq!(db_info(&url)["doc_count"], 1);
    // A new edit is pushed without waiting for the 30-second round.
    let t = Instant::now();
    a.put("meeting:c-2", json!({ "title": "ثان" }));
    while db_info(&url)["doc_count"] != 2 {
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "the edit was not pushed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    worker.join().expect("thread").expect("continuous");
}

/// A TLS front for the server: `socat` with a certificate made here by `openssl`, for
/// 127.0.0.1 only. Stopped when dropped.
struct TlsFront {
    child: std::process::Child,
    port: u16,
    /// The authority's certificate, to trust.
    ca: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl TlsFront {
    fn start(backend: u16) -> TlsFront {
        let dir = tempfile::tempdir().expect("dir");
        // A certificate authority of the ministry's own, and the server's certificate it signed.
        let p = |name: &str| dir.path().join(name);
        let (ca, cert, key) = (p("ca.pem"), p("cert.pem"), p("key.pem"));
        std::fs::write(
            p("server.ext"),
            "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
        )
        .expect("write");
        let openssl = |args: &[&str]| {
            let out = std::process::Command::new("openssl")
                .current_dir(dir.path())
                .args(args)
                .output()
                .expect("openssl runs (apt package openssl)");
            assert!(
                out.status.success(),
                "openssl {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=Mahdar test CA",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
        ]);
        openssl(&[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            "key.pem",
            "-out",
            "server.csr",
        ]);
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "1",
            "-extfile",
            "server.ext",
            "-out",
            "cert.pem",
        ]);
        let port = free_port();
        let child = std::process::Command::new("socat")
            .arg(format!(
                "OPENSSL-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork,cert={},key={},verify=0",
                cert.display(),
                key.display()
            ))
            .arg(format!("TCP:127.0.0.1:{backend}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("socat runs (apt package socat)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "socat did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        TlsFront {
            child,
            port,
            ca,
            _dir: dir,
        }
    }
}

impl Drop for TlsFront {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn over_tls_the_servers_own_authority_is_trusted_when_given_and_refused_otherwise() {
    let server = PouchServer::start();
    let front = TlsFront::start(server.port);
    let url = format!("https://127.0.0.1:{}/secure", front.port);
    let a = Replica::new();
    a.put("meeting:tls", json!({ "title": "عبر اتصال آمن" }));

    // Unknown authority: a clear error, not "offline", and nothing retried for nothing.
    let e = Replicator::new(
        &a.store,
        &Remote::new(RemoteConfig::new(&url)).expect("remote"),
    )
    .sync(true, true, true)
    .expect_err("untrusted");
    assert_eq!(e.code(), "tls", "{e}");
    assert!(!e.is_transient());

    let mut config = RemoteConfig::new(&url);
    config.ca_pem = Some(std::fs::read(&front.ca).expect("ca"));
    let r = Remote::new(config).expect("remote");
    let report = Replicator::new(&a.store, &r)
        .sync(true, true, true)
        .expect("sync over TLS");
    assert_eq!(report.push.expect("push").revisions, 1);
    assert_eq!(db_info(&server.url("secure"))["doc_count"], 1);

    // A certificate file that is not one is refused before anything is sent.
    let mut config = RemoteConfig::new(&url);
    config.ca_pem = Some(b"not a certificate".to_vec());
    let e = Remote::new(config).expect_err("bad pem");
    assert_eq!(e.code(), "bad_certificate", "{e}");
}
