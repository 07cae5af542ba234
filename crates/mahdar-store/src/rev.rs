//! Revisions: `N-<32 hex>`, where N counts edits and the hash is derived from the edit itself,
//! so the same edit made on two laptops gets the same revision and never conflicts.

use crate::StoreError;
use md5::{Digest, Md5};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::{fmt, str::FromStr};

/// The largest edit count accepted from anywhere (2^53, the largest integer JSON numbers carry
/// exactly). Far beyond any real history, it keeps `pos + 1` from ever overflowing.
pub const MAX_POS: u64 = 1 << 53;

/// A revision of a document, ordered as CouchDB orders them: by edit count, then by hash.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rev {
    pos: u64,
    hash: [u8; 16],
}

impl Rev {
    /// The revision an edit produces: position one past its parent, hash over the parent, the
    /// deletion flag and the canonical JSON of the body.
    pub fn compute(parent: Option<&Rev>, deleted: bool, body: &Value) -> Rev {
        let mut hasher = Md5::new();
        match parent {
            Some(p) => hasher.update(p.to_string().as_bytes()),
            None => hasher.update(b"-"),
        }
        hasher.update(if deleted { b"\x01" } else { b"\x00" });
        hasher.update(canonical_json(body));
        Rev {
            pos: parent.map_or(1, |p| p.pos + 1),
            hash: hasher.finalize().into(),
        }
    }

    /// Builds a revision from its parts (for histories received from a peer).
    pub fn from_parts(pos: u64, hash_hex: &str) -> Result<Rev, StoreError> {
        format!("{pos}-{hash_hex}").parse()
    }

    /// Whether `self` is one edit after `parent`.
    pub fn follows(&self, parent: &Rev) -> bool {
        parent.pos.checked_add(1) == Some(self.pos)
    }

    /// The edit count (the `N` of `N-hash`).
    pub fn pos(&self) -> u64 {
        self.pos
    }

    /// The hash as 32 lower-case hex digits.
    pub fn hash_hex(&self) -> String {
        let mut s = String::with_capacity(32);
        for b in self.hash {
            s.push_str(&format!("{b:02x}"));
        }
        s
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.pos, self.hash_hex())
    }
}

impl fmt::Debug for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Rev {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |why: &str| StoreError::InvalidRev {
            rev: s.chars().take(80).collect(),
            reason: why.to_owned(),
        };
        let (pos, hex) = s
            .split_once('-')
            .ok_or_else(|| bad("expected N-<32 hex digits>"))?;
        let pos: u64 = pos
            .parse()
            .map_err(|_| bad("the edit count is not a number"))?;
        if pos == 0 {
            return Err(bad("edit counts start at 1"));
        }
        if pos > MAX_POS {
            return Err(bad("the edit count is implausibly large"));
        }
        if hex.len() != 32 {
            return Err(bad("the hash must be 32 hex digits"));
        }
        let mut hash = [0u8; 16];
        for (i, byte) in hash.iter_mut().enumerate() {
            let pair = &hex[i * 2..i * 2 + 2];
            if !pair
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            {
                return Err(bad("the hash must be lower-case hex"));
            }
            *byte = u8::from_str_radix(pair, 16).map_err(|_| bad("the hash must be hex"))?;
        }
        Ok(Rev { pos, hash })
    }
}

impl Serialize for Rev {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rev {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// JSON with object keys sorted at every level, so equal bodies hash equally whatever the order
/// their fields were built in.
pub fn canonical_json(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            out.push(b'{');
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_scalar(key, out);
                out.push(b':');
                write_canonical(item, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        scalar => write_scalar(scalar, out),
    }
}

/// Strings, numbers, booleans and null have one serialisation in serde_json.
fn write_scalar<T: serde::Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) {
    // Writing plain data into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, value);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_same_edit_gives_the_same_revision_anywhere() {
        let a = Rev::compute(None, false, &json!({"b": 1, "a": [1, {"y": 2, "x": 1}]}));
        let b = Rev::compute(None, false, &json!({"a": [1, {"x": 1, "y": 2}], "b": 1}));
        assert_eq!(a, b, "field order does not change the revision");
        assert_eq!(a.pos(), 1);
        let child = Rev::compute(Some(&a), false, &json!({"b": 2}));
        assert_eq!(child.pos(), 2);
        assert_ne!(
            Rev::compute(Some(&a), true, &json!({})),
            Rev::compute(Some(&a), false, &json!({})),
            "a deletion differs from an empty edit"
        );
    }

    #[test]
    fn revisions_parse_and_print_as_couchdb_writes_them() {
        let r: Rev = "3-917fa2381192822767f010b95b45325b".parse().expect("valid");
        assert_eq!(r.to_string(), "3-917fa2381192822767f010b95b45325b");
        assert_eq!(r.pos(), 3);
        for bad in [
            "",
            "3",
            "0-917fa2381192822767f010b95b45325b",
            "x-917f",
            "3-XYZ",
            "3-917FA2381192822767F010B95B45325B",
        ] {
            assert!(bad.parse::<Rev>().is_err(), "{bad:?} is refused");
        }
        let low: Rev = "2-00000000000000000000000000000001".parse().expect("valid");
        let high: Rev = "2-f0000000000000000000000000000000".parse().expect("valid");
        assert!(
            low < high
                && high
                    < "3-00000000000000000000000000000000"
                        .parse::<Rev>()
                        .expect("valid")
        );
    }

    #[test]
    fn canonical_json_escapes_like_json() {
        let v = json!({"ن": "قال \"نعم\"\n", "a": null, "n": 1.5});
        let s = String::from_utf8(canonical_json(&v)).expect("utf-8");
        assert_eq!(s, r#"{"a":null,"n":1.5,"ن":"قال \"نعم\"\n"}"#);
        let back: Value = serde_json::from_str(&s).expect("canonical JSON is JSON");
        assert_eq!(back, v);
    }
}
