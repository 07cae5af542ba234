//! The revision tree of one document: every revision ever seen, its parent, and which are
//! leaves. The winner is chosen the way CouchDB chooses it (live beats deleted, then the higher
//! edit count, then the higher hash), so every replica agrees without talking.

use crate::Rev;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What the tree knows of one revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevNode {
    /// The revision.
    #[serde(rename = "r")]
    pub rev: Rev,
    /// Its parent, unless it is a root (or the history we received stopped here).
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Rev>,
    /// A deletion (tombstone).
    #[serde(rename = "d", default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// Whether this replica holds the body (ancestors named in a peer's history may not).
    #[serde(rename = "b", default, skip_serializing_if = "std::ops::Not::not")]
    pub has_body: bool,
}

/// Every revision of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RevTree {
    nodes: BTreeMap<Rev, RevNode>,
}

impl RevTree {
    /// A tree from stored nodes.
    pub fn from_nodes(nodes: impl IntoIterator<Item = RevNode>) -> RevTree {
        RevTree {
            nodes: nodes.into_iter().map(|n| (n.rev, n)).collect(),
        }
    }

    /// All nodes, in revision order (deterministic).
    pub fn nodes(&self) -> impl Iterator<Item = &RevNode> {
        self.nodes.values()
    }

    /// Number of revisions known.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether no revision is known.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// One node.
    pub fn get(&self, rev: &Rev) -> Option<&RevNode> {
        self.nodes.get(rev)
    }

    /// Whether the revision is known.
    pub fn contains(&self, rev: &Rev) -> bool {
        self.nodes.contains_key(rev)
    }

    fn parents(&self) -> BTreeSet<Rev> {
        self.nodes.values().filter_map(|n| n.parent).collect()
    }

    /// Revisions with no child: the current versions (one unless there are conflicts).
    pub fn leaves(&self) -> Vec<RevNode> {
        let parents = self.parents();
        self.nodes
            .values()
            .filter(|n| !parents.contains(&n.rev))
            .copied()
            .collect()
    }

    /// Whether `rev` is a leaf.
    pub fn is_leaf(&self, rev: &Rev) -> bool {
        self.contains(rev) && !self.nodes.values().any(|n| n.parent.as_ref() == Some(rev))
    }

    /// The winning leaf: live beats deleted, then the higher revision.
    pub fn winner(&self) -> Option<RevNode> {
        self.leaves()
            .into_iter()
            .max_by_key(|n| (!n.deleted, n.rev))
    }

    /// Live leaves that lost: real conflicts, kept until a person resolves them.
    pub fn conflicts(&self) -> Vec<Rev> {
        let Some(winner) = self.winner() else {
            return Vec::new();
        };
        if winner.deleted {
            return Vec::new();
        }
        self.leaves()
            .into_iter()
            .filter(|n| !n.deleted && n.rev != winner.rev)
            .map(|n| n.rev)
            .collect()
    }

    /// The path from `rev` back to its oldest known ancestor, `rev` first (CouchDB's
    /// `_revisions` order).
    pub fn history(&self, rev: &Rev) -> Vec<Rev> {
        let mut path = Vec::new();
        let mut cursor = self.nodes.get(rev);
        while let Some(node) = cursor {
            path.push(node.rev);
            cursor = node.parent.as_ref().and_then(|p| self.nodes.get(p));
        }
        path
    }

    /// Common ancestors of `a` and `b` (each counting as its own ancestor), the most recent
    /// first: the merge base candidates of a three-way merge.
    pub fn common_ancestors(&self, a: &Rev, b: &Rev) -> Vec<Rev> {
        let of_a: BTreeSet<Rev> = self.history(a).into_iter().collect();
        self.history(b)
            .into_iter()
            .filter(|r| of_a.contains(r))
            .collect()
    }

    /// Adds a revision, or completes what is known of it. Returns whether the tree changed.
    ///
    /// A node first learned as an ancestor in a peer's history gains its body and deletion flag
    /// when the revision itself arrives; a known parent link is never rewritten. The result
    /// does not depend on the order nodes arrive in.
    pub fn insert(&mut self, node: RevNode) -> bool {
        match self.nodes.get_mut(&node.rev) {
            None => {
                self.nodes.insert(node.rev, node);
                true
            }
            Some(existing) => {
                let mut changed = false;
                if existing.parent.is_none() && node.parent.is_some() {
                    existing.parent = node.parent;
                    changed = true;
                }
                if node.has_body && !existing.has_body {
                    // Whoever holds the body knows whether it is a deletion.
                    existing.has_body = true;
                    existing.deleted = node.deleted;
                    changed = true;
                } else if !node.has_body && !existing.has_body && node.deleted && !existing.deleted
                {
                    // Without a body, "deleted" is known only to those who saw it ("not deleted"
                    // from an ancestor list means "unknown"): any report of a deletion wins,
                    // whatever the order of arrival.
                    existing.deleted = true;
                    changed = true;
                }
                changed
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node(parent: Option<Rev>, body: serde_json::Value, deleted: bool) -> RevNode {
        RevNode {
            rev: Rev::compute(parent.as_ref(), deleted, &body),
            parent,
            deleted,
            has_body: true,
        }
    }

    #[test]
    fn the_winner_is_live_then_longest_then_highest() {
        let root = node(None, json!({"v": 0}), false);
        let a = node(Some(root.rev), json!({"v": "a"}), false);
        let b = node(Some(root.rev), json!({"v": "b"}), false);
        let mut t = RevTree::from_nodes([root, a, b]);
        let expected = a.rev.max(b.rev);
        assert_eq!(
            t.winner().map(|n| n.rev),
            Some(expected),
            "the higher hash wins a tie"
        );
        assert_eq!(
            t.conflicts().len(),
            1,
            "the other live leaf is a conflict, kept"
        );
        let loser = if expected == a.rev { b } else { a };
        let longer = node(Some(loser.rev), json!({"v": "longer"}), false);
        t.insert(longer);
        assert_eq!(
            t.winner().map(|n| n.rev),
            Some(longer.rev),
            "a longer branch wins"
        );
        let tomb = node(Some(longer.rev), json!({}), true);
        t.insert(tomb);
        assert_eq!(
            t.winner().map(|n| n.rev),
            Some(expected),
            "live beats deleted, however long"
        );
        assert!(t.conflicts().is_empty(), "a deleted leaf is not a conflict");
        assert_eq!(t.leaves().len(), 2, "the deleted leaf is still kept");
        assert_eq!(t.common_ancestors(&a.rev, &b.rev), vec![root.rev]);
        assert_eq!(t.history(&tomb.rev).len(), 4);
    }

    #[test]
    fn ancestors_learned_from_a_history_gain_their_body_later() {
        let root = node(None, json!({"v": 0}), false);
        let mut t = RevTree::default();
        assert!(t.insert(RevNode {
            has_body: false,
            ..root
        }));
        assert!(t.insert(root), "the body arriving is a change");
        assert!(!t.insert(root), "the same revision twice is not");
        assert_eq!(t.len(), 1);
    }
}
