//! A sync stopped in the middle resumes from its checkpoint without sending anything twice.

use crate::{Replica, db_info, pouchdb::PouchServer, remote};
use mahdar_sync::{Progress, Replicator, SyncError};
use serde_json::json;
use std::sync::{
    Arc,
    atomic::{AtomicBool, AtomicUsize, Ordering},
};

#[test]
fn a_push_stopped_after_three_batches_resumes_from_its_checkpoint() {
    let server = PouchServer::start();
    let url = server.url("resume");
    let a = Replica::new();
    for i in 0..2000 {
        a.put(
            &format!("statement:r-{i:05}"),
            json!({ "text": format!("مداخلة {i}") }),
        );
    }
    let stop = Arc::new(AtomicBool::new(false));
    let batches = AtomicUsize::new(0);
    let flag = stop.clone();
    let count = |_: &Progress| {
        if batches.fetch_add(1, Ordering::SeqCst) + 1 == 3 {
            flag.store(true, Ordering::SeqCst);
        }
    };
    let r = remote(&url).with_cancel(stop.clone());
    let result = Replicator::new(&a.store, &r)
        .batch_size(100)
        .on_progress(&count)
        .sync(true, false, true);
    assert!(matches!(result, Err(SyncError::Cancelled)), "{result:?}");
    assert_eq!(db_info(&url)["doc_count"], 300);

    let again = a.push(&url).push.expect("push");
    assert!(again.resumed);
    assert_eq!(again.documents, 1700, "only what was left");
    assert_eq!(again.revisions, 1700, "nothing sent twice");
    let info = db_info(&url);
    assert_eq!(info["doc_count"], 2000);
    assert_eq!(info["update_seq"], 2000, "every revision written once");

    // A third push has nothing to do.
    let third = a.push(&url).push.expect("push");
    assert_eq!((third.documents, third.revisions), (0, 0));

    // A pull into a fresh replica, stopped and resumed, ends with everything once.
    let b = Replica::new();
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let after_two = AtomicUsize::new(0);
    let count = |_: &Progress| {
        if after_two.fetch_add(1, Ordering::SeqCst) + 1 == 2 {
            flag.store(true, Ordering::SeqCst);
        }
    };
    let r = remote(&url).with_cancel(stop);
    let result = Replicator::new(&b.store, &r)
        .batch_size(100)
        .on_progress(&count)
        .sync(false, true, false);
    assert!(matches!(result, Err(SyncError::Cancelled)), "{result:?}");
    assert_eq!(b.state().len(), 200);
    let rest = b.pull(&url).pull.expect("pull");
    assert!(rest.resumed);
    assert_eq!(rest.revisions, 1800);
    assert_eq!(a.state(), b.state());
}
