import { PGliteOnThread } from '../../src/ledger/pgliteOnThread.js';

// PGlite on its own thread must answer as PGlite in this thread would: rows with this realm's
// Dates, errors with PostgreSQL's fields (the ledger tells a conflict by its code and constraint),
// statements in the order they were sent, and a clear refusal once closed.
describe("the ledger's PGlite on a thread of its own", () => {
  let db: PGliteOnThread;
  beforeAll(() => {
    db = new PGliteOnThread({});
  });
  afterAll(() => db.close());

  it('answers rows whose timestamps are Dates of this realm', async () => {
    const { rows } = await db.query(`select $1::timestamptz as at, 'x' as name`, ['2026-11-25T09:30:00Z']);
    const row = rows[0] as { at: Date; name: string };
    expect(row.at).toBeInstanceOf(Date);
    expect(row.at.toISOString()).toBe('2026-11-25T09:30:00.000Z');
    expect(row.name).toBe('x');
  });

  it('runs statements in the order they were sent, and reports how many rows a change touched', async () => {
    await db.exec('create table seen (n int primary key)');
    const sent = Array.from({ length: 20 }, (_, n) => db.query('insert into seen (n) values ($1)', [n]));
    expect((await Promise.all(sent)).map((r) => r.affectedRows)).toEqual(Array(20).fill(1));
    expect(await db.exec('update seen set n = n + 100 where n < 5; select count(*)::int as c from seen where n >= 100')).toEqual([{ c: 5 }]);
  });

  it("sends back PostgreSQL's error fields, so a refused write reads as it does on PostgreSQL", async () => {
    await db.exec('create table keyed (k text primary key)');
    await db.query('insert into keyed (k) values ($1)', ['a']);
    const refused = await db.query('insert into keyed (k) values ($1)', ['a']).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(refused).toMatchObject({ code: '23505', constraint: 'keyed_pkey', message: expect.stringContaining('duplicate key') });
    // The thread goes on answering after an error.
    expect((await db.query('select count(*)::int as c from keyed')).rows).toEqual([{ c: 1 }]);
  });

  it('takes text and JSON parameters whole (accents, quotes, emoji, 650 KB of JSON), as PGlite in this thread would', async () => {
    const words = 'Ciarán Ó Briain, Zoë, 東京, 🚀 and a "quoted" \\ back-slashed line\nand a second';
    const record = { name: words, n: 3, nested: [{ ok: true, none: null }], empty: '' };
    const { rows } = await db.query('select $1::text as t, $2::jsonb as j, $3::jsonb as s, $4::varchar as v, $5::text as e, $6::text as n, $7::jsonb as z, length($1::text) as chars', [words, JSON.stringify(record), record, 'Síle', '', 42, null]);
    expect(rows[0]).toEqual({ t: words, j: record, s: record, v: 'Síle', e: '', n: '42', z: null, chars: [...words].length });
    // A large batch's JSON (about 650 KB, as a list import's commit sends) arrives intact.
    const many = Array.from({ length: 2000 }, (_, i) => ({ i, why: `${words} ${i}`.repeat(3) }));
    const { rows: counted } = await db.query(`select count(*)::int as c, sum((x->>'i')::int)::int as s, max(length(x->>'why'))::int as l from jsonb_array_elements($1::jsonb) as x`, [JSON.stringify(many)]);
    expect(counted[0]).toEqual({ c: 2000, s: (1999 * 2000) / 2, l: Math.max(...many.map((m) => [...m.why].length)) });
    // A value that is not text is refused with PGlite's own words.
    await expect(db.query('select $1::text', [{ not: 'text' }])).rejects.toThrow('Invalid input for string type');
  });

  it('refuses every statement once closed, saying so', async () => {
    const closing = new PGliteOnThread({});
    await closing.query('select 1');
    await closing.close();
    await expect(closing.query('select 1')).rejects.toThrow('PGlite is closed');
    await closing.close();
  });
});
