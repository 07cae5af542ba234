//! Positions in a list that two laptops can both edit: fractional keys.
//!
//! Moving a statement writes only that statement (a key between its new neighbours), so a
//! reorder on one laptop and an edit of another statement on another never touch the same
//! document. Ties, which concurrent inserts can produce, are broken by document id.

use crate::ModelError;
use fractional_index::FractionalIndex;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A position in an ordered list; keys compare in list order, as strings too.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OrderKey(String);

impl OrderKey {
    /// The key of the first item of an empty list.
    pub fn first() -> OrderKey {
        OrderKey(FractionalIndex::default().to_string())
    }

    /// A key after `lower` and before `upper`, either of which may be absent (start or end of
    /// the list). If the two are equal or out of order (after concurrent edits), the key goes
    /// right after `lower`.
    pub fn between(lower: Option<&OrderKey>, upper: Option<&OrderKey>) -> OrderKey {
        let lo = lower.map(OrderKey::index);
        let hi = upper.map(OrderKey::index);
        let key = FractionalIndex::new(lo.as_ref(), hi.as_ref())
            .or_else(|| lo.as_ref().map(FractionalIndex::new_after))
            .unwrap_or_default();
        OrderKey(key.to_string())
    }

    /// A key after `last`.
    pub fn after(last: &OrderKey) -> OrderKey {
        OrderKey::between(Some(last), None)
    }

    /// The key as stored (lower-case hex; string order is list order).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn index(&self) -> FractionalIndex {
        // Every OrderKey was validated on construction or deserialisation.
        FractionalIndex::from_string(&self.0).unwrap_or_default()
    }

    /// Parses a stored key.
    pub fn parse(s: &str) -> Result<OrderKey, ModelError> {
        FractionalIndex::from_string(s)
            .map(|i| OrderKey(i.to_string()))
            .map_err(|e| ModelError::invalid("order", format!("\"{s}\" is not an order key: {e}")))
    }
}

impl Default for OrderKey {
    /// The first position (the facade assigns real positions when items are added).
    fn default() -> Self {
        OrderKey::first()
    }
}

impl fmt::Display for OrderKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for OrderKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for OrderKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        OrderKey::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn appending_stays_short_for_a_long_meeting() {
        let mut key = OrderKey::first();
        for _ in 0..1000 {
            let next = OrderKey::after(&key);
            assert!(next > key, "appended keys sort after the last one");
            key = next;
        }
        assert!(
            key.as_str().len() <= 40,
            "1000 statements need short keys, got {key}"
        );
    }

    #[test]
    fn ties_still_yield_a_key() {
        let a = OrderKey::first();
        let k = OrderKey::between(Some(&a), Some(&a));
        assert!(k > a, "a key between equal neighbours goes after them");
        assert!(OrderKey::parse("zz").is_err());
    }

    proptest! {
        #[test]
        fn inserting_anywhere_keeps_the_list_sorted(positions in prop::collection::vec(0usize..1000, 1..200)) {
            let mut list: Vec<OrderKey> = Vec::new();
            for p in positions {
                let at = p % (list.len() + 1);
                let key = OrderKey::between(
                    at.checked_sub(1).map(|i| &list[i]),
                    list.get(at),
                );
                list.insert(at, key);
            }
            let mut sorted = list.clone();
            sorted.sort();
            prop_assert_eq!(&sorted, &list, "keys compare in list order");
            sorted.dedup();
            prop_assert_eq!(sorted.len(), list.len(), "keys are distinct");
        }
    }
}
