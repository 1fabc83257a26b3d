// The ledger's embedded PostgreSQL (PGlite) on a thread of its own, so that its work (WebAssembly,
// most of the process's processor time in a list import) runs beside Handoff's JavaScript rather
// than in turn with it. Plain JavaScript: a worker thread runs this file as it is, under tsx, jest
// and node alike. `pgliteOnThread.ts` is the other end; every message it sends is answered once.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const { dataDir, loadDataDir } = workerData;
const db = new PGlite(dataDir, loadDataDir ? { loadDataDir } : {});

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
      const result = await db.query(message.sql, message.params);
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
