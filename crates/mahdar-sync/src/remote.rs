//! A CouchDB database over HTTP: requests with timeouts, retries with backoff, and Basic or
//! cookie-session authentication. TLS is rustls; nothing is read from the system's proxies.

use crate::{Result, SyncError};
use base64::Engine as _;
use serde_json::Value;
use std::{
    sync::{
        Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};
use url::Url;

/// How to reach a database.
#[derive(Debug, Clone)]
pub struct RemoteConfig {
    /// The database address, e.g. `https://sync.example.org/mahdar`; credentials in it are
    /// taken out and used as `user`/`password`.
    pub url: String,
    /// User name (overrides the one in the address).
    pub user: Option<String>,
    /// Password (overrides the one in the address).
    pub password: Option<String>,
    /// How to authenticate when there are credentials.
    pub auth: AuthMode,
    /// Time allowed for one whole request, answer included.
    pub timeout: Duration,
    /// Attempts per request before giving up (transport errors, 5xx, 429).
    pub attempts: u32,
    /// First wait between attempts; doubled each time.
    pub backoff: Duration,
    /// Certificate authorities to trust instead of the usual public ones (PEM): for a server
    /// whose certificate a ministry issued itself.
    pub ca_pem: Option<Vec<u8>>,
}

impl RemoteConfig {
    /// A configuration with the usual timeouts for `url`.
    pub fn new(url: impl Into<String>) -> RemoteConfig {
        RemoteConfig {
            url: url.into(),
            user: None,
            password: None,
            auth: AuthMode::Session,
            timeout: Duration::from_secs(60),
            attempts: 4,
            backoff: Duration::from_millis(250),
            ca_pem: None,
        }
    }
}

/// How credentials are presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMode {
    /// `Authorization: Basic` on every request.
    Basic,
    /// A cookie from `POST /_session`, renewed when it expires; Basic if the server has no
    /// sessions.
    Session,
}

/// One database on a CouchDB-protocol server.
#[derive(Debug)]
pub struct Remote {
    db: Url,
    server: Url,
    agent: ureq::Agent,
    credentials: Option<(String, String)>,
    mode: Mutex<AuthMode>,
    cookie: Mutex<Option<String>>,
    attempts: u32,
    backoff: Duration,
    cancel: Option<std::sync::Arc<AtomicBool>>,
}

/// An HTTP answer: status and body.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    pub(crate) fn json(&self, remote: &Remote) -> Result<Value> {
        serde_json::from_slice(&self.body).map_err(|e| remote.protocol(format!("not JSON: {e}")))
    }
}

/// The largest answer read from a server.
const MAX_ANSWER_BYTES: u64 = 512 * 1024 * 1024;

impl Remote {
    /// Checks the address and prepares the connection (nothing is sent yet).
    pub fn new(config: RemoteConfig) -> Result<Remote> {
        let shown = redact(&config.url);
        let bad = |reason: &str| SyncError::BadUrl {
            url: shown.clone(),
            reason: reason.to_owned(),
        };
        let mut db = Url::parse(config.url.trim()).map_err(|e| bad(&e.to_string()))?;
        if !matches!(db.scheme(), "http" | "https") {
            return Err(bad("only http:// and https:// addresses are supported"));
        }
        if db.host_str().is_none() {
            return Err(bad("no server name"));
        }
        let from_url_user = (!db.username().is_empty()).then(|| percent_decode(db.username()));
        let from_url_password = db.password().map(percent_decode);
        let _ = db.set_username("");
        let _ = db.set_password(None);
        db.set_query(None);
        db.set_fragment(None);
        let path = db.path().trim_end_matches('/').to_owned();
        if path.is_empty() {
            return Err(bad(
                "the address must name a database, e.g. http://host:5984/mahdar",
            ));
        }
        db.set_path(&format!("{path}/"));
        let mut server = db.clone();
        let server_path = match path.rfind('/') {
            Some(i) => format!("{}/", &path[..i]),
            None => "/".to_owned(),
        };
        server.set_path(&server_path);
        let user = config.user.or(from_url_user);
        let password = config.password.or(from_url_password);
        let credentials = match (user, password) {
            (Some(u), Some(p)) => Some((u, p)),
            (Some(u), None) => Some((u, String::new())),
            _ => None,
        };
        let mut tls = ureq::tls::TlsConfig::builder();
        if let Some(pem) = &config.ca_pem {
            let mut certs = Vec::new();
            for item in ureq::tls::parse_pem(pem) {
                match item {
                    Ok(ureq::tls::PemItem::Certificate(c)) => certs.push(c),
                    Ok(_) => {}
                    Err(e) => {
                        return Err(SyncError::BadCertificate(format!(
                            "the certificate file is not valid PEM: {e}"
                        )));
                    }
                }
            }
            if certs.is_empty() {
                return Err(SyncError::BadCertificate(
                    "the certificate file holds no certificate (PEM, \"BEGIN CERTIFICATE\")".into(),
                ));
            }
            tls = tls.root_certs(ureq::tls::RootCerts::new_with_certs(&certs));
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .tls_config(tls.build())
            .timeout_global(Some(config.timeout))
            .http_status_as_error(false)
            .proxy(None)
            .user_agent(concat!("Mahdar/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Remote {
            db,
            server,
            agent,
            credentials,
            mode: Mutex::new(config.auth),
            cookie: Mutex::new(None),
            attempts: config.attempts.max(1),
            backoff: config.backoff,
            cancel: None,
        })
    }

    /// Stops retries and waits as soon as `flag` is set.
    pub fn with_cancel(mut self, flag: std::sync::Arc<AtomicBool>) -> Remote {
        self.cancel = Some(flag);
        self
    }

    /// The database address without credentials (what checkpoints and messages name).
    pub fn url(&self) -> &str {
        self.db.as_str().trim_end_matches('/')
    }

    pub(crate) fn protocol(&self, detail: impl Into<String>) -> SyncError {
        SyncError::Protocol {
            url: self.url().to_owned(),
            detail: detail.into(),
        }
    }

    pub(crate) fn cancelled(&self) -> bool {
        self.cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
    }

    /// A path inside the database (`_changes`, `_local/x`, a document id), escaped.
    pub(crate) fn db_path(&self, tail: &str) -> String {
        format!("{}{}", self.db.path(), tail)
    }

    /// Escapes a document id for a URL path (`/` included, as CouchDB wants).
    pub(crate) fn escape_id(id: &str) -> String {
        percent_encoding::utf8_percent_encode(id, percent_encoding::NON_ALPHANUMERIC).to_string()
    }

    fn absolute(&self, path: &str) -> String {
        let mut u = self.db.clone();
        match path.split_once('?') {
            Some((p, q)) => {
                u.set_path(p);
                u.set_query(Some(q));
            }
            None => u.set_path(path),
        }
        u.to_string()
    }

    /// One request with retries. 401 after a session cookie expired logs in again once.
    pub(crate) fn request(
        &self,
        method: &'static str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Answer> {
        self.request_accepting(method, path, body, "application/json")
    }

    /// A `GET` of a file (an attachment), with retries; the answer's bytes as they come.
    pub(crate) fn get_file(&self, path: &str) -> Result<Answer> {
        self.request_accepting("GET", path, None, "*/*")
    }

    fn request_accepting(
        &self,
        method: &'static str,
        path: &str,
        body: Option<&Value>,
        accept: &'static str,
    ) -> Result<Answer> {
        let bytes = body.map(|b| serde_json::to_vec(b).unwrap_or_default());
        let mut relogged = false;
        let mut attempt = 0;
        loop {
            if self.cancelled() {
                return Err(SyncError::Cancelled);
            }
            attempt += 1;
            let result = self.send_once(method, path, bytes.as_deref(), accept);
            let retry = match &result {
                Err(SyncError::Offline { .. }) => true,
                Ok(a) if a.status >= 500 || a.status == 429 => true,
                Ok(a) if a.status == 401 && !relogged && self.uses_session() => {
                    relogged = true;
                    *self.cookie.lock().unwrap_or_else(|p| p.into_inner()) = None;
                    attempt -= 1;
                    continue;
                }
                _ => false,
            };
            if !retry || attempt >= self.attempts {
                let answer = result?;
                if answer.status == 401 || answer.status == 403 && self.credentials.is_some() {
                    return Err(SyncError::Unauthorized {
                        url: self.url().to_owned(),
                    });
                }
                return Ok(answer);
            }
            self.pause(self.backoff * 2u32.saturating_pow(attempt - 1))?;
        }
    }

    /// Waits, waking early when cancelled.
    pub(crate) fn pause(&self, total: Duration) -> Result<()> {
        let step = Duration::from_millis(50);
        let mut waited = Duration::ZERO;
        while waited < total {
            if self.cancelled() {
                return Err(SyncError::Cancelled);
            }
            std::thread::sleep(step.min(total - waited));
            waited += step;
        }
        Ok(())
    }

    fn uses_session(&self) -> bool {
        self.credentials.is_some()
            && *self.mode.lock().unwrap_or_else(|p| p.into_inner()) == AuthMode::Session
    }

    fn auth_header(&self) -> Result<Option<(&'static str, String)>> {
        let Some((user, password)) = &self.credentials else {
            return Ok(None);
        };
        if self.uses_session() {
            if let Some(c) = self
                .cookie
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone()
            {
                return Ok(Some(("Cookie", c)));
            }
            if let Some(c) = self.log_in(user, password)? {
                *self.cookie.lock().unwrap_or_else(|p| p.into_inner()) = Some(c.clone());
                return Ok(Some(("Cookie", c)));
            }
            // The server has no sessions: Basic from now on.
            *self.mode.lock().unwrap_or_else(|p| p.into_inner()) = AuthMode::Basic;
        }
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        Ok(Some(("Authorization", format!("Basic {token}"))))
    }

    /// `POST /_session`; the cookie, or `None` if the server has no session endpoint.
    fn log_in(&self, user: &str, password: &str) -> Result<Option<String>> {
        let mut url = self.server.clone();
        url.set_path(&format!("{}_session", self.server.path()));
        let form = serde_json::json!({ "name": user, "password": password });
        let response = self
            .agent
            .post(url.as_str())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .send(serde_json::to_vec(&form).unwrap_or_default().as_slice())
            .map_err(|e| self.offline(&e))?;
        let status = response.status().as_u16();
        if status == 401 || status == 403 {
            return Err(SyncError::Unauthorized {
                url: self.url().to_owned(),
            });
        }
        if !(200..300).contains(&status) {
            return Ok(None);
        }
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("AuthSession="))
            .and_then(|v| v.split(';').next())
            .map(str::to_owned);
        Ok(cookie)
    }

    fn offline(&self, e: &ureq::Error) -> SyncError {
        // rustls reports a certificate it does not trust as invalid data read from the socket.
        let tls = match e {
            ureq::Error::Rustls(_) | ureq::Error::Tls(_) => true,
            ureq::Error::Io(io) => io.kind() == std::io::ErrorKind::InvalidData,
            _ => false,
        };
        if tls {
            return SyncError::Tls {
                url: self.url().to_owned(),
                detail: e.to_string(),
            };
        }
        SyncError::Offline {
            url: self.url().to_owned(),
            detail: e.to_string(),
        }
    }

    fn send_once(
        &self,
        method: &'static str,
        path: &str,
        body: Option<&[u8]>,
        accept: &'static str,
    ) -> Result<Answer> {
        let url = self.absolute(path);
        let auth = self.auth_header()?;
        let response = match (method, body) {
            ("GET", _) => {
                let mut r = self.agent.get(&url).header("Accept", accept);
                if let Some((k, v)) = &auth {
                    r = r.header(*k, v);
                }
                r.call()
            }
            ("DELETE", _) => {
                let mut r = self.agent.delete(&url).header("Accept", "application/json");
                if let Some((k, v)) = &auth {
                    r = r.header(*k, v);
                }
                r.call()
            }
            (m, body) => {
                let mut r = if m == "PUT" {
                    self.agent.put(&url)
                } else {
                    self.agent.post(&url)
                }
                .header("Accept", "application/json")
                .header("Content-Type", "application/json");
                if let Some((k, v)) = &auth {
                    r = r.header(*k, v);
                }
                r.send(body.unwrap_or(b"{}"))
            }
        };
        let mut response = response.map_err(|e| self.offline(&e))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_vec()
            .map_err(|e| self.offline(&e))?;
        Ok(Answer { status, body })
    }

    /// A request whose answer must be a success; its JSON.
    pub(crate) fn call(
        &self,
        method: &'static str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value> {
        let answer = self.request(method, path, body)?;
        if !(200..300).contains(&answer.status) {
            return Err(self.http_error(method, path, &answer));
        }
        answer.json(self)
    }

    pub(crate) fn http_error(
        &self,
        method: &'static str,
        path: &str,
        answer: &Answer,
    ) -> SyncError {
        let reason = serde_json::from_slice::<Value>(&answer.body)
            .ok()
            .and_then(|v| {
                let e = v.get("error")?.as_str()?.to_owned();
                Some(match v.get("reason").and_then(Value::as_str) {
                    Some(r) => format!("{e}: {r}"),
                    None => e,
                })
            })
            .unwrap_or_else(|| {
                String::from_utf8_lossy(&answer.body)
                    .chars()
                    .take(200)
                    .collect()
            });
        SyncError::Http {
            method,
            path: path.split('?').next().unwrap_or(path).to_owned(),
            status: answer.status,
            reason,
        }
    }

    /// `GET /`: the server says it speaks CouchDB.
    pub fn server_info(&self) -> Result<Value> {
        let info = self.call("GET", self.server.path(), None)?;
        if info.get("couchdb").is_none() && info.get("express-pouchdb").is_none() {
            return Err(self.protocol("GET / has no \"couchdb\" welcome"));
        }
        Ok(info)
    }

    /// `GET /db`, creating the database with `PUT /db` when asked and missing.
    pub fn ensure_db(&self, create: bool) -> Result<Value> {
        let path = self.db.path().trim_end_matches('/').to_owned();
        let answer = self.request("GET", &path, None)?;
        match answer.status {
            200 => answer.json(self),
            404 if create => {
                let put = self.request("PUT", &path, None)?;
                if !(200..300).contains(&put.status) && put.status != 412 {
                    return Err(self.http_error("PUT", &path, &put));
                }
                self.call("GET", &path, None)
            }
            404 => Err(SyncError::NoDatabase {
                url: self.url().to_owned(),
            }),
            _ => Err(self.http_error("GET", &path, &answer)),
        }
    }

    /// A `_local` document, or `None`.
    pub(crate) fn get_local(&self, name: &str) -> Result<Option<Value>> {
        let path = self.db_path(&format!("_local/{}", Remote::escape_id(name)));
        let answer = self.request("GET", &path, None)?;
        match answer.status {
            404 => Ok(None),
            200 => answer.json(self).map(Some),
            _ => Err(self.http_error("GET", &path, &answer)),
        }
    }

    /// Writes a `_local` document (over whatever revision it has); its new revision.
    pub(crate) fn put_local(
        &self,
        name: &str,
        mut body: Value,
        current: Option<&Value>,
    ) -> Result<Option<String>> {
        let path = self.db_path(&format!("_local/{}", Remote::escape_id(name)));
        if let (Some(rev), Some(map)) = (
            current.and_then(|c| c.get("_rev")).cloned(),
            body.as_object_mut(),
        ) {
            map.insert("_rev".into(), rev);
        }
        let answer = self.call("PUT", &path, Some(&body))?;
        Ok(answer.get("rev").and_then(Value::as_str).map(str::to_owned))
    }
}

/// The address with any password replaced, for messages and logs.
pub fn redact(url: &str) -> String {
    match Url::parse(url.trim()) {
        Ok(mut u) => {
            if u.password().is_some() {
                let _ = u.set_password(Some("***"));
            }
            u.to_string().trim_end_matches('/').to_owned()
        }
        Err(_) => url.chars().filter(|c| !c.is_control()).take(200).collect(),
    }
}

/// The address without its user name or password, for what may be shown to others (a
/// diagnostics bundle); `None` when it is not an address.
pub fn without_credentials(url: &str) -> Option<String> {
    let mut u = Url::parse(url.trim()).ok()?;
    let _ = u.set_username("");
    let _ = u.set_password(None);
    Some(u.to_string().trim_end_matches('/').to_owned())
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}
