use crate::{open_temp, options};
use mahdar_store::{Migration, Schema, Store, StoreError};
use serde_json::json;

fn add_marker(store: &Store) -> Result<(), StoreError> {
    let n = store
        .get_local("migrations")?
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    store.put_local("migrations", &json!(n * 10 + 2))
}

fn add_marker_3(store: &Store) -> Result<(), StoreError> {
    let n = store
        .get_local("migrations")?
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    store.put_local("migrations", &json!(n * 10 + 3))
}

static V3: &[Migration] = &[
    Migration {
        to: 3,
        description: "third",
        run: add_marker_3,
    },
    Migration {
        to: 2,
        description: "second",
        run: add_marker,
    },
];

#[test]
fn an_older_store_is_upgraded_in_order_after_a_backup() {
    let t = open_temp();
    t.store.put("note:1", None, json!({"v": 1})).unwrap();
    let crate::TempStore { dir, store } = t;
    drop(store);
    let mut opts = options();
    opts.schema = Schema {
        version: 3,
        migrations: V3,
    };
    let store = Store::open(dir.path().join("data"), opts).unwrap();
    assert_eq!(
        store.get_local("migrations").unwrap(),
        Some(json!(23)),
        "2 ran before 3"
    );
    assert_eq!(store.schema_version().unwrap(), 3);
    let backup = dir
        .path()
        .join("data/backups/before-schema-1-to-3.mahdar-backup");
    let summary = store
        .check_backup(&backup)
        .expect("a backup was taken before migrating");
    assert_eq!(summary.documents, 1);
}

#[test]
fn a_store_newer_than_the_binary_is_refused() {
    let t = open_temp();
    let crate::TempStore { dir, store } = t;
    drop(store);
    let mut opts = options();
    opts.schema = Schema {
        version: 5,
        migrations: &[],
    };
    let err = Store::open(dir.path().join("data"), opts).unwrap_err();
    assert_eq!(
        err.code(),
        "store_migration",
        "a missing step is refused: {err}"
    );
    let mut opts = options();
    opts.schema = Schema {
        version: 3,
        migrations: V3,
    };
    drop(Store::open(dir.path().join("data"), opts).unwrap());
    let err = Store::open(dir.path().join("data"), options()).unwrap_err();
    assert_eq!(err.code(), "store_too_new");
    assert!(err.to_string().contains("newer Mahdar"), "{err}");
}

#[test]
fn a_backup_of_an_older_schema_is_upgraded_as_it_is_restored() {
    // A backup written at schema 1.
    let old = open_temp();
    old.store.put("note:1", None, json!({"v": 1})).unwrap();
    let backup = old.dir.path().join("schema-1.mahdar-backup");
    old.store.export_to(&backup).unwrap();
    assert_eq!(old.store.check_backup(&backup).unwrap().schema_version, 1);
    // Restored by a build at schema 3: its documents go through steps 2 and 3, in order.
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options();
    opts.schema = Schema {
        version: 3,
        migrations: V3,
    };
    let store = Store::open(dir.path().join("data"), opts).unwrap();
    assert_eq!(store.get_local("migrations").unwrap(), None, "a new store");
    let summary = store
        .import_from(&backup, mahdar_store::RestoreMode::EmptyOnly)
        .unwrap();
    assert_eq!(summary.schema_version, 1);
    assert_eq!(store.get_local("migrations").unwrap(), Some(json!(23)));
    assert!(store.get("note:1").unwrap().is_some());
    // A backup of the current schema goes through none.
    let current = dir.path().join("schema-3.mahdar-backup");
    store.export_to(&current).unwrap();
    let again = tempfile::tempdir().unwrap();
    let mut opts = options();
    opts.schema = Schema {
        version: 3,
        migrations: V3,
    };
    let fresh = Store::open(again.path().join("data"), opts).unwrap();
    fresh
        .import_from(&current, mahdar_store::RestoreMode::EmptyOnly)
        .unwrap();
    assert_eq!(fresh.get_local("migrations").unwrap(), Some(json!(23)));
}
