import { sql, type Kysely } from 'kysely';

/**
 * Reserving a slot in the shared HubSpot call budget becomes one statement: a function that takes
 * the budget's lock, reads the database's clock and the window's slots, records the new slot and
 * forgets the old ones. Before, each HubSpot call cost seven round trips (begin, lock, clock, read,
 * insert, delete, commit): half of a list import's ledger statements. Inside a function each
 * statement sees what committed before it (read committed), so the slots read after the lock are
 * every instance's, as they were.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function handoff_reserve_call_slot(p_portal text, p_kind text, p_calls integer, p_window_ms float8, p_steady boolean)
    returns float8 language plpgsql volatile as $fn$
    declare
      v_now float8;
      v_last float8;
      v_oldest float8;
      v_seen integer;
      v_at float8;
    begin
      perform pg_advisory_xact_lock(17218, hashtext(p_portal || ':' || p_kind));
      v_now := extract(epoch from clock_timestamp()) * 1000;
      select max(at_ms), min(at_ms), count(*) into v_last, v_oldest, v_seen
        from (select at_ms from hubspot_call_slot where portal_id = p_portal and kind = p_kind order by at_ms desc limit p_calls) recent;
      v_at := v_now;
      if v_seen >= p_calls then v_at := greatest(v_at, v_oldest + p_window_ms); end if;
      if p_steady and v_last is not null then v_at := greatest(v_at, v_last + p_window_ms / p_calls); end if;
      insert into hubspot_call_slot (portal_id, kind, at_ms) values (p_portal, p_kind, v_at);
      delete from hubspot_call_slot where portal_id = p_portal and kind = p_kind and at_ms < v_now - 2 * p_window_ms;
      return v_at - v_now;
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function handoff_reserve_call_slot(text, text, integer, float8, boolean)`.execute(db);
}
