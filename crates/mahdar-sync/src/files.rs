//! Attached files on the wire. An `attachment:…` document carries its file as the CouchDB
//! attachment `file`, with CouchDB's MD5 digest: pushed inline the first time the server sees
//! the document, as a stub (the digest alone) afterwards, so an unchanged file is never sent
//! twice. Pulled documents come without their files; each file this laptop lacks is then
//! fetched on its own (`GET /db/<id>/file`), checked against the SHA-256 the document names,
//! and kept — before the pull's checkpoint moves, so a transfer cut short restarts cleanly.

use crate::{Result, remote::Remote};
use base64::{Engine, engine::general_purpose::STANDARD as BASE64};
use mahdar_store::Store;
use md5::{Digest, Md5};
use serde_json::{Value, json};

/// The name of the CouchDB attachment that holds an attachment document's file.
pub const FILE: &str = "file";

/// Whether a document id is an attachment's.
pub fn is_attachment(id: &str) -> bool {
    id.starts_with("attachment:")
}

/// CouchDB's digest of an attachment: `md5-` and the Base64 of its MD5.
pub fn couch_digest(bytes: &[u8]) -> String {
    format!("md5-{}", BASE64.encode(Md5::digest(bytes)))
}

/// The file an attachment document names: its SHA-256, media type and length.
pub(crate) fn named_file(body: &Value) -> Option<(&str, &str, u64)> {
    let sha = body.get("sha256")?.as_str()?;
    mahdar_store::validate_sha256(sha).ok()?;
    Some((
        sha,
        body.get("media_type")
            .and_then(Value::as_str)
            .unwrap_or("application/octet-stream"),
        body.get("length").and_then(Value::as_u64).unwrap_or(0),
    ))
}

/// The file an attachment document names (see [`named_file`]); `None` for other documents.
pub(crate) fn named_by<'a>(id: &str, body: &'a Value) -> Option<(&'a str, &'a str, u64)> {
    if is_attachment(id) {
        named_file(body)
    } else {
        None
    }
}

/// The `_attachments` of an attachment document as pushed: the file inline (`stub` false),
/// or a stub (the server has it from an earlier version; without its digest when this laptop
/// does not have the file either). `None` for other documents, and for a file to send inline
/// that this laptop does not have (the document goes without it; the file follows from
/// wherever it is).
pub(crate) fn for_push(store: &Store, id: &str, body: &Value, stub: bool) -> Result<Option<Value>> {
    let Some((sha, media_type, length)) = named_by(id, body) else {
        return Ok(None);
    };
    if stub {
        let mut stub = json!({ "stub": true, "content_type": media_type, "length": length });
        if let Some(bytes) = store.blob(sha)? {
            stub["digest"] = json!(couch_digest(&bytes));
        }
        return Ok(Some(json!({ FILE: stub })));
    }
    Ok(store.blob(sha)?.map(|bytes| {
        json!({ FILE: {
            "content_type": media_type, "digest": couch_digest(&bytes),
            "data": BASE64.encode(&bytes),
        }})
    }))
}

/// The attachment documents whose file this laptop does not have.
pub(crate) fn missing(store: &Store) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for doc in store.scan("attachment:") {
        let doc = doc?;
        if let Some((sha, _, _)) = named_file(&doc.body)
            && store.blob_len(sha)?.is_none()
        {
            out.push(doc.id);
        }
    }
    Ok(out)
}

/// Fetches the files of these attachment documents that this laptop lacks. Returns how many
/// were fetched; a file the server does not have (or whose bytes do not match) is reported in
/// `skipped`, and asked for again at the end of every pull ([`missing`]).
pub(crate) fn fetch_missing(
    store: &Store,
    remote: &Remote,
    ids: &[String],
    skipped: &mut Vec<String>,
) -> Result<usize> {
    let mut fetched = 0;
    for id in ids.iter().filter(|id| is_attachment(id)) {
        let Some(doc) = store.get(id)? else {
            continue;
        };
        let Some((sha, _, _)) = named_file(&doc.body) else {
            continue;
        };
        if store.blob_len(sha)?.is_some() {
            continue;
        }
        let mut got = None;
        for query in [String::new(), format!("?rev={}", doc.rev)] {
            let path = remote.db_path(&format!("{}/{FILE}{query}", Remote::escape_id(id)));
            let answer = remote.get_file(&path)?;
            if (200..300).contains(&answer.status) && mahdar_store::sha256_hex(&answer.body) == sha
            {
                got = Some(answer.body);
                break;
            }
        }
        match got {
            Some(bytes) => {
                store.put_blob(&bytes)?;
                fetched += 1;
            }
            None => skipped.push(format!("{id}: the server does not have its file")),
        }
    }
    Ok(fetched)
}
