// The ledger's embedded PostgreSQL (PGlite) on a thread of its own, so that its work (WebAssembly,
// most of the process's processor time in a list import) runs beside Handoff's JavaScript rather
// than in turn with it. Plain JavaScript: a worker thread runs this file as it is, under tsx, jest
// and node alike. `pgliteOnThread.ts` is the other end; every message it sends is answered once.
import { parentPort, workerData } from 'node:worker_threads';
import { Buffer } from 'node:buffer';
import { PGlite } from '@electric-sql/pglite';

const { dataDir, loadDataDir } = workerData;
const db = new PGlite(dataDir, loadDataDir ? { loadDataDir } : {});

// Text and JSON parameters go in PostgreSQL's binary format: the same UTF-8 bytes (a jsonb's led by
// its format's version, 1), encoded natively here. In PGlite's default text format each value is
// measured by a JavaScript loop over its characters twice before it is copied: a batch's commit
// sends about 650 KB of JSON, and the binary format halves what its parameters cost (replayed list
// import: the commit statement 22.7-23.5 ms a batch in text, 20.5-20.9 ms in binary).
const utf8 = new TextEncoder();
const TEXT_TYPES = [25, 1043]; // text, varchar
const JSONB = 3802;
const asText = (value) => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return value.toString();
  throw new Error('Invalid input for string type');
};
function jsonbBinary(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const bytes = new Uint8Array(Buffer.byteLength(text) + 1);
  bytes[0] = 1;
  utf8.encodeInto(text, bytes.subarray(1));
  return bytes;
}
const BINARY = { serializers: { ...Object.fromEntries(TEXT_TYPES.map((oid) => [oid, (value) => utf8.encode(asText(value))])), [JSONB]: jsonbBinary } };

/** An error's message and its PostgreSQL fields (code, detail, constraint, …): a cloned Error keeps only its message. */
function described(err) {
  if (!(err instanceof Error)) return { message: String(err) };
  const fields = {};
  for (const [key, value] of Object.entries(err)) if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  return { ...fields, name: err.name, message: err.message };
}

async function answer(message) {
  switch (message.op) {
    case 'query': {
      const result = await db.query(message.sql, message.params, BINARY);
      return { rows: result.rows, affectedRows: result.affectedRows };
    }
    case 'exec':
      return { rows: (await db.exec(message.sql)).at(-1)?.rows ?? [] };
    case 'close':
      if (!db.closed) await db.close();
      return { rows: [] };
    default:
      throw new Error(`the ledger's thread was sent an unknown operation: ${JSON.stringify(message.op)}`);
  }
}

parentPort.on('message', (message) => {
  answer(message).then(
    (result) => parentPort.postMessage({ id: message.id, ok: true, ...result }),
    (err) => parentPort.postMessage({ id: message.id, ok: false, error: described(err) }),
  );
});
