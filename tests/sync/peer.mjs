// PouchDB's own replicator, as the peer Mahdar must interoperate with and be measured against.
//
//   node peer.mjs pull URL                 replicate URL into a fresh in-memory database and
//                                          print its documents (winner, conflicts, deleted)
//   node peer.mjs push URL SPEC.json       create the documents of SPEC in a fresh in-memory
//                                          database (with the conflicting versions it lists),
//                                          replicate them to URL, print the same view
//   node peer.mjs bench URL DOCS.json      time a push of DOCS to URL from a fresh database,
//                                          then a pull of them into another fresh one; print
//                                          JSON with both times in milliseconds
//
// Only ever talks to the URL it is given (127.0.0.1 in the tests).
import PouchDB from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import memory from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import { readFileSync } from 'node:fs';

PouchDB.plugin(http).plugin(memory).plugin(replication);

let counter = 0;
const fresh = () => new PouchDB(`peer-${process.pid}-${counter++}`, { adapter: 'memory' });

async function view(db) {
  const all = await db.allDocs({ include_docs: true, conflicts: true });
  const docs = {};
  for (const row of all.rows) {
    if (row.id.startsWith('_design/')) continue;
    const { _id, _rev, _conflicts, ...body } = row.doc;
    docs[_id] = { winner: _rev, conflicts: (_conflicts || []).slice().sort(), body };
  }
  return docs;
}

async function replicate(from, to) {
  // PouchDB's defaults (batch_size 100, batches_limit 10), as an app would use it.
  const result = await PouchDB.replicate(from, to, {});
  if (!result.ok) throw new Error(`replication failed: ${JSON.stringify(result.errors)}`);
  return result;
}

const [command, url, file] = process.argv.slice(2);
try {
  if (command === 'pull') {
    const db = fresh();
    await replicate(url, db);
    console.log(JSON.stringify(await view(db)));
  } else if (command === 'push') {
    const spec = JSON.parse(readFileSync(file, 'utf8'));
    const db = fresh();
    for (const doc of spec.docs) await db.put(doc);
    // Conflicting versions, as another PouchDB would have written them offline.
    // Each is a sibling of an ordinary edit of the same document.
    for (const c of spec.conflicts || []) {
      const current = await db.get(c._id);
      const [pos, hash] = current._rev.split('-');
      await db.put({ ...current, ...c.ours });
      await db.bulkDocs(
        [{ ...c.theirs, _id: c._id, _rev: `${Number(pos) + 1}-${c.hash}`,
           _revisions: { start: Number(pos) + 1, ids: [c.hash, hash] } }],
        { new_edits: false });
    }
    await replicate(db, url);
    console.log(JSON.stringify(await view(db)));
  } else if (command === 'bench') {
    const docs = JSON.parse(readFileSync(file, 'utf8'));
    const source = fresh();
    for (let i = 0; i < docs.length; i += 1000) await source.bulkDocs(docs.slice(i, i + 1000));
    let t = performance.now();
    await replicate(source, url);
    const push = performance.now() - t;
    const target = fresh();
    t = performance.now();
    await replicate(url, target);
    const pull = performance.now() - t;
    const count = (await target.info()).doc_count;
    console.log(JSON.stringify({ push_ms: push, pull_ms: pull, docs: count }));
  } else {
    console.error('usage: node peer.mjs pull URL | push URL SPEC.json | bench URL DOCS.json');
    process.exit(2);
  }
} catch (e) {
  console.error(`peer: ${e.stack || e}`);
  process.exit(1);
}
