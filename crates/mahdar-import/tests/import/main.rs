//! The extractor against reports with known records (precision and recall per field), and
//! against any text at all (it never panics; what it proposes always holds together).
//!
//! `cargo test -p mahdar-import --test import corpus -- --nocapture` prints the tables.

#![allow(clippy::unwrap_used)]

mod corpus;
mod never_panics;
