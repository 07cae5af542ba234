//! The replicator: push (this replica → server) and pull (server → this replica) in the
//! CouchDB replication protocol, with checkpoints on both sides so an interrupted sync resumes
//! where it stopped, and a continuous mode that syncs while online and waits quietly offline.

use crate::{
    Result, SyncError, files,
    merge::{self, Settled},
    remote::Remote,
};
use mahdar_store::{ForeignRevision, Rev, Store, StoreError, validate_id};
use serde::Serialize;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use std::{
    collections::BTreeSet,
    sync::atomic::{AtomicBool, Ordering},
    time::{Duration, Instant},
};

/// Which way revisions travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// From this replica to the server.
    Push,
    /// From the server to this replica.
    Pull,
}

/// How far a pass has got, reported after every batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// The pass.
    pub direction: Direction,
    /// Changed documents examined so far.
    pub documents: usize,
    /// Revisions written to the other side so far.
    pub revisions: usize,
    /// Changes still to examine, when the source says (an estimate).
    pub pending: Option<u64>,
}

/// What one pass did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PassReport {
    /// Changed documents examined.
    pub documents: usize,
    /// Revisions the other side lacked and now holds.
    pub revisions: usize,
    /// Conflicts merged automatically (pull only).
    pub merged: usize,
    /// Documents left with a conflict for a person (pull only).
    pub conflicted: usize,
    /// Documents from the server that were not taken, with the reason (ids this app does not
    /// use, malformed revisions).
    pub skipped: Vec<String>,
    /// Whether the pass started from a checkpoint rather than from the beginning.
    pub resumed: bool,
    /// Attached files sent whole (push) or fetched (pull).
    pub files: usize,
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SyncReport {
    /// The push, if one ran.
    pub push: Option<PassReport>,
    /// The pull, if one ran.
    pub pull: Option<PassReport>,
}

/// Documents per batch: one `_changes` page, one `_revs_diff`, one `_bulk_get` or
/// `_bulk_docs`.
pub const DEFAULT_BATCH: usize = 500;

/// Replicates one store with one remote database.
pub struct Replicator<'a> {
    store: &'a Store,
    remote: &'a Remote,
    batch: usize,
    progress: Option<&'a (dyn Fn(&Progress) + Sync)>,
    exclusive: Option<&'a std::sync::Mutex<()>>,
    bulk_get: bool,
}

impl std::fmt::Debug for Replicator<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replicator")
            .field("remote", &self.remote.url())
            .field("batch", &self.batch)
            .finish()
    }
}

impl<'a> Replicator<'a> {
    /// A replicator with the default batch size.
    pub fn new(store: &'a Store, remote: &'a Remote) -> Replicator<'a> {
        Replicator {
            store,
            remote,
            batch: DEFAULT_BATCH,
            progress: None,
            exclusive: None,
            bulk_get: true,
        }
    }

    /// Fetches revisions with one `open_revs` request per document, as for a server without
    /// `_bulk_get` (CouchDB before 2.0); used automatically when `_bulk_get` is refused.
    pub fn without_bulk_get(mut self) -> Self {
        self.bulk_get = false;
        self
    }

    /// Holds `lock` for the whole of each sync, so two syncs of one store (a button and the
    /// continuous mode) never run at once and race on their checkpoints.
    pub fn exclusive(mut self, lock: &'a std::sync::Mutex<()>) -> Self {
        self.exclusive = Some(lock);
        self
    }

    /// Documents per batch (at least 1).
    pub fn batch_size(mut self, n: usize) -> Self {
        self.batch = n.max(1);
        self
    }

    /// Called after every batch.
    pub fn on_progress(mut self, f: &'a (dyn Fn(&Progress) + Sync)) -> Self {
        self.progress = Some(f);
        self
    }

    fn report(&self, p: Progress) {
        if let Some(f) = self.progress {
            f(&p);
        }
    }

    /// Checks the server and the database (creating it when `create`), then pushes and/or
    /// pulls once.
    pub fn sync(&self, push: bool, pull: bool, create: bool) -> Result<SyncReport> {
        let _guard = self
            .exclusive
            .map(|l| l.lock().unwrap_or_else(|p| p.into_inner()));
        self.remote.server_info()?;
        self.remote.ensure_db(create)?;
        let mut report = SyncReport::default();
        if push {
            report.push = Some(self.push()?);
        }
        if pull {
            report.pull = Some(self.pull()?);
        }
        Ok(report)
    }

    /// Sends every revision the server lacks, batch by batch, from the push checkpoint.
    pub fn push(&self) -> Result<PassReport> {
        let mut checkpoint = Checkpoint::start(self.store, self.remote, Direction::Push)?;
        let mut since = checkpoint.since.as_u64().unwrap_or(0);
        let mut report = PassReport {
            resumed: since > 0,
            ..PassReport::default()
        };
        loop {
            if self.remote.cancelled() {
                return Err(SyncError::Cancelled);
            }
            let changes = self.store.changes_since(since, self.batch)?;
            let Some(last) = changes.last().map(|c| c.seq) else {
                break;
            };
            let mut ask = Map::new();
            for c in &changes {
                ask.insert(
                    c.id.clone(),
                    Value::Array(c.leaves.iter().map(|r| json!(r.to_string())).collect()),
                );
            }
            let diff = self.remote.call(
                "POST",
                &self.remote.db_path("_revs_diff"),
                Some(&Value::Object(ask)),
            )?;
            let diff = diff
                .as_object()
                .ok_or_else(|| self.remote.protocol("_revs_diff did not answer an object"))?;
            let mut docs = Vec::new();
            // Attachment documents go each in a request of its own (with its file, or a stub
            // of it that a server may refuse for the whole request).
            let mut attached = Vec::new();
            for (id, entry) in diff {
                let Some(missing) = entry.get("missing").and_then(Value::as_array) else {
                    continue;
                };
                let server_has_ancestor = entry
                    .get("possible_ancestors")
                    .and_then(Value::as_array)
                    .is_some_and(|a| !a.is_empty());
                let Some(tree) = self.store.rev_tree(id)? else {
                    continue;
                };
                for rev in missing.iter().filter_map(Value::as_str) {
                    let Ok(rev) = rev.parse::<Rev>() else {
                        continue;
                    };
                    let Some(node) = tree.get(&rev) else {
                        continue;
                    };
                    let Some(body) = self.store.get_rev(id, &rev)? else {
                        continue;
                    };
                    // A file already on the server goes as a stub (its digest): when the server
                    // says it has an earlier version, or the document had one (servers that do
                    // not say, like PouchDB); a stub refused is sent again with the file.
                    let stub = server_has_ancestor || rev.pos() > 1;
                    let names_file = !node.deleted && files::named_by(id, &body).is_some();
                    let doc = couch_doc(id, &rev, node.deleted, body, &tree.history(&rev));
                    if names_file {
                        attached.push((doc, stub));
                    } else {
                        docs.push(doc);
                    }
                }
            }
            for (doc, stub) in attached {
                if self.remote.cancelled() {
                    return Err(SyncError::Cancelled);
                }
                report.files += usize::from(self.push_attachment(doc, stub)?);
                report.revisions += 1;
            }
            if !docs.is_empty() {
                if let Some(failed) = self.bulk_docs(&docs)?.first() {
                    return Err(self.refused(failed));
                }
                report.revisions += docs.len();
            }
            report.documents += changes.len();
            since = last;
            checkpoint.save(json!(since))?;
            self.report(Progress {
                direction: Direction::Push,
                documents: report.documents,
                revisions: report.revisions,
                pending: Some(self.store.last_seq().saturating_sub(since)),
            });
            if changes.len() < self.batch {
                break;
            }
        }
        Ok(report)
    }

    /// Pushes one attachment document with its file: as a stub when the server should have
    /// the file already, sent again whole if it has not (HTTP 412 `missing_stub`, or the
    /// document refused); otherwise whole, read just before its request. A file neither side
    /// has leaves the document to go without it. Whether the file was sent.
    fn push_attachment(&self, mut doc: Value, stub: bool) -> Result<bool> {
        let id = doc["_id"].as_str().unwrap_or_default().to_owned();
        if stub {
            if let Some(files) = files::for_push(self.store, &id, &doc, true)? {
                doc["_attachments"] = files;
            }
            let path = self.remote.db_path("_bulk_docs");
            let body = json!({ "docs": [&doc], "new_edits": false });
            let answer = self.remote.request("POST", &path, Some(&body))?;
            let refused = match answer.status {
                412 => true,
                200..=299 => answer
                    .json(self.remote)?
                    .as_array()
                    .is_some_and(|a| a.iter().any(|r| r.get("error").is_some())),
                _ => return Err(self.remote.http_error("POST", &path, &answer)),
            };
            if !refused {
                return Ok(false);
            }
        }
        let sent = match files::for_push(self.store, &id, &doc, false)? {
            Some(inline) => {
                doc["_attachments"] = inline;
                true
            }
            None => {
                if let Some(map) = doc.as_object_mut() {
                    map.remove("_attachments");
                }
                false
            }
        };
        if let Some(failed) = self.bulk_docs(std::slice::from_ref(&doc))?.first() {
            return Err(self.refused(failed));
        }
        Ok(sent)
    }

    /// A document `_bulk_docs` refused, as one line.
    fn refused(&self, failed: &Value) -> SyncError {
        SyncError::Http {
            method: "POST",
            path: self.remote.db_path("_bulk_docs"),
            status: 200,
            reason: format!(
                "the server refused {}: {}",
                failed
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or("a document"),
                failed
                    .get("reason")
                    .or_else(|| failed.get("error"))
                    .and_then(Value::as_str)
                    .unwrap_or("no reason given")
            ),
        }
    }

    /// `_bulk_docs` with `new_edits: false`; the documents the server refused.
    fn bulk_docs(&self, docs: &[Value]) -> Result<Vec<Value>> {
        let answer = self.remote.call(
            "POST",
            &self.remote.db_path("_bulk_docs"),
            Some(&json!({ "docs": docs, "new_edits": false })),
        )?;
        Ok(answer
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| r.get("error").is_some())
            .cloned()
            .collect())
    }

    /// Fetches every revision this replica lacks, batch by batch, from the pull checkpoint;
    /// merges what can be merged.
    pub fn pull(&self) -> Result<PassReport> {
        let mut checkpoint = Checkpoint::start(self.store, self.remote, Direction::Pull)?;
        let mut since = checkpoint.since.clone();
        let mut report = PassReport {
            resumed: !is_zero(&since),
            ..PassReport::default()
        };
        loop {
            let since_text = match &since {
                Value::String(s) => Remote::escape_id(s),
                other => other.to_string(),
            };
            let path = self.remote.db_path(&format!(
                "_changes?style=all_docs&feed=normal&limit={}&since={since_text}",
                self.batch
            ));
            let page = self.remote.call("GET", &path, None)?;
            let results = page
                .get("results")
                .and_then(Value::as_array)
                .ok_or_else(|| self.remote.protocol("_changes has no \"results\""))?;
            let last_seq = page
                .get("last_seq")
                .cloned()
                .or_else(|| results.last().and_then(|r| r.get("seq").cloned()))
                .unwrap_or_else(|| since.clone());
            if results.is_empty() {
                if last_seq != since {
                    checkpoint.save(last_seq)?;
                }
                break;
            }
            let mut wanted: Vec<(String, Rev)> = Vec::new();
            for r in results {
                let Some(id) = r.get("id").and_then(Value::as_str) else {
                    continue;
                };
                if id.starts_with("_design/") {
                    continue;
                }
                if let Err(e) = validate_id(id) {
                    report.skipped.push(format!("{id}: {e}"));
                    continue;
                }
                let mut revs = Vec::new();
                for rev in r
                    .get("changes")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c.get("rev").and_then(Value::as_str))
                {
                    match rev.parse::<Rev>() {
                        Ok(rev) => revs.push(rev),
                        Err(e) => report.skipped.push(format!("{id}: {e}")),
                    }
                }
                for rev in self.store.revs_diff(id, &revs)? {
                    wanted.push((id.to_owned(), rev));
                }
            }
            let fetched = self.fetch(&wanted, &mut report)?;
            let changed: BTreeSet<String> = fetched.iter().map(|f| f.id.clone()).collect();
            report.revisions += self.apply(fetched, &mut report)?;
            // Every attachment of this page, fetched or not this time: a file whose transfer
            // was cut short before the checkpoint moved is fetched now.
            let ids: Vec<String> = results
                .iter()
                .filter_map(|r| r.get("id").and_then(Value::as_str))
                .filter(|id| files::is_attachment(id))
                .map(str::to_owned)
                .collect();
            report.files +=
                files::fetch_missing(self.store, self.remote, &ids, &mut report.skipped)?;
            let Settled { merged, conflicted } = merge::settle(self.store, &changed)?;
            report.merged += merged;
            report.conflicted += conflicted;
            report.documents += results.len();
            since = last_seq;
            checkpoint.save(since.clone())?;
            self.report(Progress {
                direction: Direction::Pull,
                documents: report.documents,
                revisions: report.revisions,
                pending: page.get("pending").and_then(Value::as_u64),
            });
            if results.len() < self.batch {
                break;
            }
        }
        // Files a pull could not fetch before (the server lacked them then): asked for again.
        let missing = files::missing(self.store)?;
        report.files +=
            files::fetch_missing(self.store, self.remote, &missing, &mut report.skipped)?;
        Ok(report)
    }

    /// The wanted revisions with their histories: `_bulk_get`, or `open_revs` where the server
    /// has no `_bulk_get`.
    fn fetch(
        &self,
        wanted: &[(String, Rev)],
        report: &mut PassReport,
    ) -> Result<Vec<ForeignRevision>> {
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let docs = match self.bulk_get(wanted)? {
            Some(docs) => docs,
            None => self.open_revs(wanted)?,
        };
        let mut out = Vec::with_capacity(docs.len());
        for doc in docs {
            match foreign_revision(&doc) {
                Ok(f) => out.push(f),
                Err(why) => report.skipped.push(why),
            }
        }
        Ok(out)
    }

    /// `_bulk_get?revs=true`: the documents, or `None` when the server has no `_bulk_get`
    /// (or it was turned off).
    fn bulk_get(&self, wanted: &[(String, Rev)]) -> Result<Option<Vec<Value>>> {
        if !self.bulk_get {
            return Ok(None);
        }
        let ask: Vec<Value> = wanted
            .iter()
            .map(|(id, rev)| json!({ "id": id, "rev": rev.to_string() }))
            .collect();
        let path = self.remote.db_path("_bulk_get?revs=true&latest=true");
        let answer = self
            .remote
            .request("POST", &path, Some(&json!({ "docs": ask })))?;
        if matches!(answer.status, 400 | 404 | 405 | 501) {
            return Ok(None);
        }
        if !(200..300).contains(&answer.status) {
            return Err(self.remote.http_error("POST", &path, &answer));
        }
        let body = answer.json(self.remote)?;
        let results = body
            .get("results")
            .and_then(Value::as_array)
            .ok_or_else(|| self.remote.protocol("_bulk_get has no \"results\""))?;
        Ok(Some(
            results
                .iter()
                .filter_map(|r| r.get("docs").and_then(Value::as_array))
                .flatten()
                .filter_map(|d| d.get("ok").cloned())
                .collect(),
        ))
    }

    /// One `GET /db/id?open_revs=[…]&revs=true` per document, for servers without `_bulk_get`.
    fn open_revs(&self, wanted: &[(String, Rev)]) -> Result<Vec<Value>> {
        let mut by_id: Vec<(&str, Vec<String>)> = Vec::new();
        for (id, rev) in wanted {
            match by_id.last_mut() {
                Some((last, revs)) if *last == id.as_str() => revs.push(rev.to_string()),
                _ => by_id.push((id, vec![rev.to_string()])),
            }
        }
        let mut docs = Vec::new();
        for (id, revs) in by_id {
            let open = serde_json::to_string(&revs).unwrap_or_default();
            let path = self.remote.db_path(&format!(
                "{}?revs=true&latest=true&open_revs={}",
                Remote::escape_id(id),
                Remote::escape_id(&open)
            ));
            let list = self.remote.call("GET", &path, None)?;
            docs.extend(
                list.as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|d| d.get("ok").cloned()),
            );
        }
        Ok(docs)
    }

    /// Stores fetched revisions in one atomic batch; if the batch is refused because of one
    /// bad document, stores the others one by one and reports the bad one.
    fn apply(&self, fetched: Vec<ForeignRevision>, report: &mut PassReport) -> Result<usize> {
        if fetched.is_empty() {
            return Ok(0);
        }
        match self.store.apply_foreign(fetched.clone()) {
            Ok(r) => Ok(r.revisions_added),
            Err(e) if is_bad_input(&e) => {
                let mut added = 0;
                for f in fetched {
                    let id = f.id.clone();
                    match self.store.apply_foreign(vec![f]) {
                        Ok(r) => added += r.revisions_added,
                        Err(e) if is_bad_input(&e) => report.skipped.push(format!("{id}: {e}")),
                        Err(e) => return Err(e.into()),
                    }
                }
                Ok(added)
            }
            Err(e) => Err(e.into()),
        }
    }
}

fn is_bad_input(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::InvalidBody { .. }
            | StoreError::InvalidId { .. }
            | StoreError::InvalidHistory { .. }
            | StoreError::InvalidRev { .. }
    )
}

fn is_zero(v: &Value) -> bool {
    v.as_u64() == Some(0) || v.as_str() == Some("0") || v.is_null()
}

/// A revision as CouchDB exchanges it: the body with `_id`, `_rev`, `_revisions` and
/// `_deleted`.
pub(crate) fn couch_doc(id: &str, rev: &Rev, deleted: bool, body: Value, history: &[Rev]) -> Value {
    let mut map = match body {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    map.insert("_id".into(), json!(id));
    map.insert("_rev".into(), json!(rev.to_string()));
    if deleted {
        map.insert("_deleted".into(), json!(true));
    }
    map.insert(
        "_revisions".into(),
        json!({
            "start": rev.pos(),
            "ids": history.iter().map(Rev::hash_hex).collect::<Vec<_>>(),
        }),
    );
    Value::Object(map)
}

/// Reads a CouchDB document with `_revisions` into a revision with its history; the body
/// keeps only the application's fields.
pub fn foreign_revision(doc: &Value) -> std::result::Result<ForeignRevision, String> {
    let id = doc
        .get("_id")
        .and_then(Value::as_str)
        .ok_or("a document without _id")?
        .to_owned();
    let bad = |why: String| format!("{id}: {why}");
    let rev: Rev = doc
        .get("_rev")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("no _rev".into()))?
        .parse()
        .map_err(|e: StoreError| bad(e.to_string()))?;
    let history = match doc.get("_revisions") {
        Some(r) => {
            let start = r
                .get("start")
                .and_then(Value::as_u64)
                .ok_or_else(|| bad("_revisions without start".into()))?;
            let ids = r
                .get("ids")
                .and_then(Value::as_array)
                .ok_or_else(|| bad("_revisions without ids".into()))?;
            let mut history = Vec::with_capacity(ids.len());
            for (i, h) in ids.iter().enumerate() {
                let h = h
                    .as_str()
                    .ok_or_else(|| bad("a revision id is not text".into()))?;
                let pos = start
                    .checked_sub(i as u64)
                    .filter(|p| *p > 0)
                    .ok_or_else(|| bad("_revisions runs below 1".into()))?;
                history.push(Rev::from_parts(pos, h).map_err(|e| bad(e.to_string()))?);
            }
            history
        }
        None => vec![rev],
    };
    if history.first() != Some(&rev) {
        return Err(bad("_revisions does not start with _rev".into()));
    }
    let deleted = doc
        .get("_deleted")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let body: Map<String, Value> = doc
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(k, _)| !k.starts_with('_'))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default();
    Ok(ForeignRevision {
        id,
        history,
        deleted,
        body: Value::Object(body),
    })
}

/// A replication's checkpoint, kept on both sides as `_local` documents: a short history of
/// (entry, sequence) pairs, so a sync stopped between writing the two sides still finds the
/// last point both agree on.
struct Checkpoint<'s> {
    store: &'s Store,
    remote: &'s Remote,
    name: String,
    session: String,
    count: u64,
    local: Option<Value>,
    remote_doc: Option<Value>,
    since: Value,
}

const CHECKPOINT_HISTORY: usize = 20;

impl<'s> Checkpoint<'s> {
    fn start(store: &'s Store, remote: &'s Remote, direction: Direction) -> Result<Self> {
        let mut hasher = Sha256::new();
        hasher.update(store.replica_id().as_bytes());
        hasher.update(b"\n");
        hasher.update(remote.url().as_bytes());
        hasher.update(b"\n");
        hasher.update(match direction {
            Direction::Push => b"push".as_slice(),
            Direction::Pull => b"pull".as_slice(),
        });
        let digest = hasher.finalize();
        let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        let name = format!("mahdar-{hex}");
        let local = store.get_local(&format!("sync/{name}"))?;
        let remote_doc = remote.get_local(&name)?;
        let since = agreed_since(local.as_ref(), remote_doc.as_ref());
        Ok(Checkpoint {
            store,
            remote,
            name,
            session: uuid::Uuid::new_v4().simple().to_string(),
            count: 0,
            local,
            remote_doc,
            since,
        })
    }

    /// Records that everything up to `seq` of the source is on the target: the remote side
    /// first, then the local one.
    fn save(&mut self, seq: Value) -> Result<()> {
        self.count += 1;
        let entry = json!({ "id": format!("{}-{}", self.session, self.count), "seq": seq });
        let history_of = |doc: &Option<Value>| -> Vec<Value> {
            let mut h = vec![entry.clone()];
            h.extend(
                doc.as_ref()
                    .and_then(|d| d.get("history"))
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .take(CHECKPOINT_HISTORY - 1)
                    .cloned(),
            );
            h
        };
        let remote_body = json!({
            "replicator": "mahdar",
            "last_seq": seq,
            "history": history_of(&self.remote_doc),
        });
        let rev =
            self.remote
                .put_local(&self.name, remote_body.clone(), self.remote_doc.as_ref())?;
        let mut stored = remote_body;
        if let (Some(map), Some(rev)) = (stored.as_object_mut(), rev) {
            map.insert("_rev".into(), json!(rev));
        }
        self.remote_doc = Some(stored);
        let local_body = json!({
            "remote": self.remote.url(),
            "last_seq": seq,
            "history": history_of(&self.local),
        });
        self.store
            .put_local(&format!("sync/{}", self.name), &local_body)?;
        self.local = Some(local_body);
        self.since = seq;
        Ok(())
    }
}

/// The newest checkpoint entry both sides hold; `0` (start over) if none.
fn agreed_since(local: Option<&Value>, remote: Option<&Value>) -> Value {
    let history = |d: Option<&Value>| -> Vec<Value> {
        d.and_then(|d| d.get("history"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let theirs = history(remote);
    for entry in history(local) {
        if theirs
            .iter()
            .any(|t| t.get("id") == entry.get("id") && t.get("seq") == entry.get("seq"))
            && let Some(seq) = entry.get("seq")
        {
            return seq.clone();
        }
    }
    json!(0)
}

/// What the continuous mode is doing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Status {
    /// The server cannot be reached; retrying quietly.
    Offline {
        /// Why.
        detail: String,
    },
    /// Pushing or pulling.
    Syncing,
    /// Both sides hold the same revisions.
    UpToDate {
        /// Documents that need a person.
        conflicts: usize,
    },
    /// A sync failed for a reason that waiting will not fix (credentials, protocol).
    Failed {
        /// The error's code.
        code: String,
        /// The message.
        message: String,
    },
}

/// Syncs until `stop` is set: a round whenever this replica changed or every `interval`,
/// backing off (up to a minute) while the server cannot be reached.
pub fn run_continuous(
    replicator: &Replicator<'_>,
    push: bool,
    pull: bool,
    create: bool,
    interval: Duration,
    stop: &AtomicBool,
    on_status: &dyn Fn(&Status, Option<&SyncReport>),
) -> Result<()> {
    let mut wait = Duration::from_secs(1);
    // The conflicts are counted again only when the store changed since (a scan of every
    // document): an idle round costs two small requests, nothing more.
    let mut counted: Option<(u64, usize)> = None;
    while !stop.load(Ordering::Relaxed) {
        on_status(&Status::Syncing, None);
        match replicator.sync(push, pull, create) {
            Ok(report) => {
                wait = Duration::from_secs(1);
                let seq = replicator.store.last_seq();
                let conflicts = match counted {
                    Some((at, n)) if at == seq => n,
                    _ => merge::conflicts(replicator.store)?.len(),
                };
                counted = Some((seq, conflicts));
                on_status(&Status::UpToDate { conflicts }, Some(&report));
                // Wait for a local edit (to push it at once) or the next round.
                let seen = replicator.store.last_seq();
                let deadline = Instant::now() + interval;
                while Instant::now() < deadline && !stop.load(Ordering::Relaxed) {
                    if push && replicator.store.last_seq() > seen {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            }
            Err(SyncError::Cancelled) => break,
            Err(e) => {
                let status = if e.is_transient() {
                    Status::Offline {
                        detail: e.to_string(),
                    }
                } else {
                    Status::Failed {
                        code: e.code().to_owned(),
                        message: e.to_string(),
                    }
                };
                on_status(&status, None);
                sleep_unless(stop, wait);
                wait = (wait * 2).min(Duration::from_secs(60));
            }
        }
    }
    Ok(())
}

fn sleep_unless(stop: &AtomicBool, total: Duration) {
    let deadline = Instant::now() + total;
    while Instant::now() < deadline && !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
    }
}
