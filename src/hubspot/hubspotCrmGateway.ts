import { HubSpotApiError, type HubSpotApi } from './hubspotApi.js';
import { hubspotPaths as paths } from './apiVersion.js';
import type { BatchOutcome, CompanyRecord, ContactFilter, ContactSnapshot, CrmGateway, HistoryValue, LeadPipeline, LeadRecord, NewLead, NewTask } from './crmGateway.js';
import { HubSpotError, rateLimitPolicyOf, toHubSpotError } from './hubspotError.js';
import { associationTo, batchErrors, chunks, createInBatches, defined, type AssociationsAnswer, type BatchAnswer, type ListAnswer, type PropertyAnswer, type PublicObject, type SearchAnswer } from './hubspotAnswers.js';
import * as leads from './hubspotLeads.js';
import * as activities from './hubspotActivities.js';
import { nextMidnight, taskKey, taskProperties } from './hubspotActivities.js';
import type { LeadCalls } from './hubspotLeads.js';
import { limitFromHeaders, MemoryCallBudget, readingFromHeaders, type CallBudget } from './callBudget.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retryPolicy.js';
import { portalOfAnswer } from './accountDetails.js';
import type { Portal } from '../domain/index.js';

// HubSpot-defined association type ids (associations v4 and 2026-03).
const TASK_TO_CONTACT = 204;
const NOTE_TO_CONTACT = 202;

/** A task as HubSpot's batch create answers it, matched back to its input by what was written (HubSpot does not promise the order). */
type SearchFilter = { propertyName: string; operator: string; value?: string; values?: string[] };

const toFilter = (f: ContactFilter): SearchFilter => ({ propertyName: f.property, operator: f.op, ...('value' in f ? { value: f.value } : {}), ...('values' in f ? { values: f.values } : {}) });

function historyOf(raw: PublicObject['propertiesWithHistory']): Record<string, HistoryValue[]> {
  const history: Record<string, HistoryValue[]> = {};
  for (const [name, values] of Object.entries(raw ?? {})) history[name] = values.map((v) => ({ value: v.value, at: new Date(v.timestamp), sourceType: v.sourceType }));
  return history;
}

/** A record of a batch or list read: its properties and when HubSpot last changed it. */
const recordOf = (c: PublicObject): CompanyRecord => ({ id: c.id, properties: defined(c.properties), ...(c.updatedAt ? { updatedAt: c.updatedAt } : {}) });

/**
 * CrmGateway over HubSpot's 2026-03 API (HubSpotApi, pointed at HubSpot or at the fake).
 * Reads and updates are retried on 429 (honouring Retry-After), 5xx and timeouts, inside a time
 * budget; creates are retried only on 429, which HubSpot refuses before doing anything, so a
 * retry can never make a second task or note.
 */
export class HubSpotCrmGateway implements CrmGateway {
  constructor(
    private readonly api: HubSpotApi,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    /** Every call reserves its slot here first: one budget per portal, shared by every gateway (and instance) using it. */
    readonly budget: CallBudget = new MemoryCallBudget({ call: retry.callLimit, search: retry.searchLimit }, retry.now),
    /** When this gateway's invocation runs out of time (retry.now() ms); no limit when absent. */
    private readonly deadline?: number,
  ) {
    // Every answer's X-HubSpot-RateLimit headers tell the budget what the whole portal has left.
    api.onAnswer ??= (headers) => budget.answered(readingFromHeaders(headers));
  }

  /** The portal's time zone: HubSpot's daily limit resets at its midnight. */
  timeZone = 'UTC';

  /**
   * The same gateway for one handler call that may spend at most `budgetMs` on HubSpot, waits
   * included: a call still unanswered at the deadline fails with TIMEOUT, and no retry waits past it.
   */
  forInvocation(budgetMs: number): HubSpotCrmGateway {
    const gateway = new HubSpotCrmGateway(this.api, this.retry, this.budget, this.retry.now() + budgetMs);
    gateway.timeZone = this.timeZone;
    return gateway;
  }

  /** Waits for a search slot (see RollingWindow), so bulk reads run at the limit, not into it; `page` is the paging cursor ("0": a first page). */
  private async paceSearch(page = '0'): Promise<void> {
    const wait = await this.budget.reserve('search', { steady: page !== '0' });
    if (wait > 0) await this.retry.sleep(wait);
  }

  /** Waits for a slot in Handoff's share of the 10-second limit: every call, searches aside (HubSpot counts those on their own). */
  private async paceCall(): Promise<void> {
    const wait = await this.budget.reserve('call');
    if (wait > 0) await this.retry.sleep(wait);
  }

  private async call<T>(doing: string, fn: () => Promise<T>, { creates = false, search = false } = {}): Promise<T> {
    const started = this.retry.now();
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      let sent = false;
      try {
        if (!search) await this.paceCall();
        sent = true;
        return await this.beforeDeadline(doing, fn);
      } catch (e) {
        // A call that failed without an answer (a network error, a timeout) is no longer in flight.
        if (sent && !(e instanceof HubSpotApiError)) this.budget.answered(undefined);
        // HubSpot's daily limit: every HubSpot call waits until the portal's day resets.
        if (rateLimitPolicyOf(e) === 'DAILY') this.budget.parkUntil(nextMidnight(this.timeZone));
        const err = toHubSpotError(e, doing);
        // A 429 says HubSpot's limit in its headers: a portal on a lower tier than planned is learnt, not retried into.
        const said = err.code === 'RATE_LIMITED' && !search ? limitFromHeaders((e as { headers?: Record<string, string> }).headers) : undefined;
        if (said) this.budget.learn(said);
        const safe = err.code === 'RATE_LIMITED' || (!creates && err.retryable);
        const wait = err.retryAfterMs ?? this.retry.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
        const spent = Math.max(this.retry.now() - started, waited);
        const pastDeadline = this.deadline !== undefined && this.retry.now() + wait > this.deadline;
        if (!safe || attempt >= this.retry.attempts || spent + wait > this.retry.budgetMs || pastDeadline) throw err;
        this.retry.onRetry?.(err.code, wait);
        waited += wait;
        await this.retry.sleep(wait);
      }
    }
  }

  /** Runs one request, or fails with TIMEOUT if the invocation's deadline passes first (the request is abandoned). */
  private beforeDeadline<T>(doing: string, fn: () => Promise<T>): Promise<T> {
    if (this.deadline === undefined) return fn();
    const left = this.deadline - this.retry.now();
    if (left <= 0) return Promise.reject(new HubSpotError('TIMEOUT', `${doing}: out of time before HubSpot was asked`));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HubSpotError('TIMEOUT', `${doing}: no answer from HubSpot within this call's time budget`)), left);
    });
    return Promise.race([fn(), late]).finally(() => clearTimeout(timer));
  }

  async readContact(contactId: string, options: { properties: string[]; history?: string[]; associations?: ('companies' | 'deals')[] }): Promise<ContactSnapshot> {
    const c = await this.call(`reading contact ${contactId}`, () =>
      this.api.get<PublicObject>(paths.object('contacts', contactId), { properties: options.properties, propertiesWithHistory: options.history, associations: options.associations }),
    );
    const history = historyOf(c.propertiesWithHistory);
    const ids = (type: string) => [...new Set((c.associations?.[type]?.results ?? []).map((r) => r.id))];
    return { id: c.id, properties: defined(c.properties), history, companyIds: ids('companies'), dealIds: ids('deals') };
  }

  async readContacts(contactIds: string[], options: { properties: string[]; history?: string[] }): Promise<ContactSnapshot[]> {
    const found = new Map<string, ContactSnapshot>();
    for (const part of chunks([...new Set(contactIds)])) {
      let missing = part;
      // A 207 answers some inputs and fails others: ask again for the ones that failed, as for a failed call.
      for (let round = 1; missing.length; round++) {
        const res = await this.call(`reading contacts ${missing.join(', ')}`, () =>
          this.api.post<BatchAnswer>(paths.batch('contacts', 'read'), { inputs: missing.map((id) => ({ id })), properties: options.properties, propertiesWithHistory: options.history ?? [] }),
        );
        for (const c of res.results) found.set(c.id, { id: c.id, properties: defined(c.properties), history: historyOf(c.propertiesWithHistory), companyIds: [], dealIds: [] });
        const errors = batchErrors(res);
        const notFound = new Set(errors.filter((e) => e.category === 'OBJECT_NOT_FOUND').flatMap((e) => e.context?.ids ?? []));
        missing = missing.filter((id) => !found.has(id) && !notFound.has(id));
        if (missing.length && round >= this.retry.attempts) throw new HubSpotError('UNAVAILABLE', `reading contacts: HubSpot failed to return ${missing.join(', ')} after ${round} tries`);
      }
    }
    return contactIds.filter((id, i) => found.has(id) && contactIds.indexOf(id) === i).map((id) => found.get(id)!);
  }

  async accountDetails(): Promise<Portal> {
    return portalOfAnswer(await this.call('reading the account details', () => this.api.get<unknown>(paths.accountDetails())));
  }

  async companiesPage(after: string | undefined, properties: string[]): Promise<{ companies: CompanyRecord[]; after?: string }> {
    const res = await this.call(`listing companies${after ? ` after ${after}` : ''}`, () => this.api.get<ListAnswer>(paths.objects('companies'), { limit: 100, after, properties }));
    const next = res.paging?.next?.after;
    return { companies: res.results.map(recordOf), ...(next ? { after: next } : {}) };
  }

  companyRecords(companyIds: string[], properties: string[]): Promise<CompanyRecord[]> {
    return this.batchRead('companies', companyIds, properties);
  }

  async readCompany(companyId: string, properties: string[]): Promise<Record<string, string>> {
    const c = await this.call(`reading company ${companyId}`, () => this.api.get<PublicObject>(paths.object('companies', companyId), { properties }));
    return defined(c.properties);
  }

  async companyIdsOf(contactIds: string[]): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = Object.fromEntries(contactIds.map((id) => [id, []]));
    for (const part of chunks([...new Set(contactIds)])) {
      const res = await this.call(`reading the companies of contacts ${part.join(', ')}`, () => this.api.post<AssociationsAnswer>(paths.associationsBatch('contacts', 'companies', 'read'), { inputs: part.map((id) => ({ id })) }));
      for (const r of res.results) out[r.from.id] = [...new Set(r.to.map((t) => String(t.toObjectId)))];
    }
    return out;
  }

  findMarked(kind: 'tasks' | 'notes', contactIds: string[], markers: string[]): Promise<Map<string, string>> {
    return activities.findMarked(this.leads, kind, contactIds, markers);
  }

  completeActions(completions: { callbackId: string; outputFields: Record<string, string> }[]): Promise<void> {
    return activities.completeActions(this.leads, completions);
  }

  /** Records of one type in batch reads (100 a call); a record that is gone is left out. */
  private async batchRead(type: 'companies' | 'deals', ids: string[], properties: string[]): Promise<CompanyRecord[]> {
    const out: CompanyRecord[] = [];
    for (const part of chunks([...new Set(ids)])) {
      const res = await this.call(`reading ${type} ${part.join(', ')}`, () => this.api.post<BatchAnswer>(paths.batch(type, 'read'), { inputs: part.map((id) => ({ id })), properties, propertiesWithHistory: [] }));
      out.push(...res.results.map(recordOf));
    }
    return out;
  }

  async readCompanies(companyIds: string[], properties: string[]): Promise<Record<string, Record<string, string>>> {
    return Object.fromEntries((await this.batchRead('companies', companyIds, properties)).map((c) => [c.id, c.properties]));
  }

  async propertyOptions(objectType: 'contacts' | 'companies' | 'deals' | 'leads', name: string): Promise<Record<string, string>> {
    try {
      const property = await this.api.get<PropertyAnswer>(paths.property(objectType, name));
      return Object.fromEntries((property.options ?? []).map((o) => [o.value, o.label]));
    } catch (e) {
      const err = toHubSpotError(e, `reading the ${objectType} property ${name}`);
      if (err.code === 'NOT_FOUND') return {};
      throw err;
    }
  }

  async hasContactProperty(name: string): Promise<boolean> {
    try {
      await this.api.get<PropertyAnswer>(paths.property('contacts', name));
      return true;
    } catch (e) {
      const err = toHubSpotError(e, `reading the contact property ${name}`);
      if (err.code === 'NOT_FOUND') return false;
      throw err;
    }
  }

  /** One page of a contact search (every filter must match), paced under HubSpot's per-second limit, sorted by id. */
  private async searchPage(filters: SearchFilter[], properties: string[], after: string): Promise<{ total: number; contacts: ContactSnapshot[]; after?: string }> {
    await this.paceSearch(after);
    const page = await this.call('searching contacts', () => this.api.post<SearchAnswer>(paths.search('contacts'), { filterGroups: [{ filters }], sorts: ['hs_object_id'], properties, limit: 200, after }), { search: true });
    const next = page.paging?.next?.after;
    return { total: page.total, contacts: page.results.map((r) => ({ id: r.id, properties: defined(r.properties), history: {}, companyIds: [], dealIds: [] })), ...(next !== undefined ? { after: next } : {}) };
  }

  async searchContactsFirstPage(filters: ContactFilter[], properties: string[]): Promise<{ total: number; contacts: ContactSnapshot[] }> {
    const { total, contacts } = await this.searchPage(filters.map(toFilter), properties, '0');
    return { total, contacts };
  }

  async searchContacts(filters: ContactFilter[], properties: string[], onPage?: (fetched: number) => void): Promise<ContactSnapshot[]> {
    const out: ContactSnapshot[] = [];
    let floor = '0';
    // Page by offset within one query sorted by id; past 10,000 results, start a new query above the last id seen.
    for (;;) {
      let after: string | undefined = '0';
      let pageCount = 0;
      let lastId = floor;
      while (after !== undefined) {
        const page = await this.searchPage([...filters.map(toFilter), { propertyName: 'hs_object_id', operator: 'GT', value: floor }], properties, after);
        out.push(...page.contacts);
        pageCount += page.contacts.length;
        onPage?.(out.length);
        after = page.after;
        if (page.contacts.length) lastId = page.contacts.at(-1)!.id;
      }
      floor = lastId;
      if (pageCount < 10_000) return out;
    }
  }

  async updateContact(contactId: string, properties: Record<string, string>): Promise<void> {
    await this.call(`updating contact ${contactId}`, () => this.api.patch(paths.object('contacts', contactId), { properties }));
  }

  async updateContacts(updates: { contactId: string; properties: Record<string, string> }[]): Promise<BatchOutcome<void>[]> {
    const out: BatchOutcome<void>[] = [];
    for (const part of chunks(updates)) {
      let res: BatchAnswer;
      try {
        res = await this.call(`updating contacts ${part.map((u) => u.contactId).join(', ')}`, () => this.api.post<BatchAnswer>(paths.batch('contacts', 'update'), { inputs: part.map((u) => ({ id: u.contactId, properties: u.properties })) }));
      } catch (e) {
        const err = toHubSpotError(e, 'updating contacts');
        // One refused value fails HubSpot's whole batch: each write alone, so only the bad one fails.
        if (err.code !== 'INVALID_REQUEST') {
          out.push(...part.map(() => ({ ok: false as const, error: err })));
          continue;
        }
        for (const u of part) out.push(await this.updateContact(u.contactId, u.properties).then(() => ({ ok: true as const, value: undefined }), (error: unknown) => ({ ok: false as const, error })));
        continue;
      }
      const done = new Set(res.results.map((r) => r.id));
      const errors = batchErrors(res);
      const gone = new Set(errors.filter((e) => e.category === 'OBJECT_NOT_FOUND').flatMap((e) => e.context?.ids ?? []));
      for (const u of part) {
        if (done.has(u.contactId)) out.push({ ok: true, value: undefined });
        else out.push({ ok: false, error: new HubSpotError(gone.has(u.contactId) ? 'NOT_FOUND' : 'UNAVAILABLE', `updating contact ${u.contactId}: HubSpot ${gone.has(u.contactId) ? 'has no such contact (deleted or merged)' : 'did not write it in the batch'}`, gone.has(u.contactId) ? 404 : 503) });
      }
    }
    return out;
  }

  createTasks(tasks: NewTask[]): Promise<BatchOutcome<string>[]> {
    return createInBatches(tasks, {
      propertiesOf: taskProperties,
      keyOf: taskKey,
      one: (t) => this.createTask(t),
      batch: (part) => this.call(`creating ${part.length} tasks`, () => this.api.post<BatchAnswer>(paths.batch('tasks', 'create'), { inputs: part.map((t) => ({ properties: taskProperties(t), associations: associationTo(t.contactId, TASK_TO_CONTACT) })) }), { creates: true }),
      notCreated: (t) => new HubSpotError('UNAVAILABLE', `creating a task for owner ${t.ownerId}: HubSpot did not create it in the batch`, 503),
    });
  }

  async createTask(task: NewTask): Promise<string> {
    const created = await this.call(`creating a task for owner ${task.ownerId}`, () => this.api.post<PublicObject>(paths.objects('tasks'), { properties: taskProperties(task), associations: associationTo(task.contactId, TASK_TO_CONTACT) }), { creates: true });
    return created.id;
  }

  async completeTask(taskId: string, body?: string): Promise<void> {
    await this.call(`closing task ${taskId}`, () =>
      this.api.patch(paths.object('tasks', taskId), { properties: { hs_task_status: 'COMPLETED', ...(body ? { hs_task_body: body } : {}) } }),
    );
  }

  async createNote(contactId: string, body: string, at: Date): Promise<string> {
    const note = await this.call(`adding a note to contact ${contactId}`, () =>
      this.api.post<PublicObject>(paths.objects('notes'), { properties: { hs_note_body: body, hs_timestamp: at.toISOString() }, associations: associationTo(contactId, NOTE_TO_CONTACT) }),
      { creates: true },
    );
    return note.id;
  }

  async readDeal(dealId: string, properties: string[]): Promise<{ properties: Record<string, string>; contactIds: string[] }> {
    const d = await this.call(`reading deal ${dealId}`, () => this.api.get<PublicObject>(paths.object('deals', dealId), { properties, associations: ['contacts'] }));
    return { properties: defined(d.properties), contactIds: [...new Set((d.associations?.contacts?.results ?? []).map((r) => r.id))] };
  }

  async readDeals(dealIds: string[], properties: string[]): Promise<Record<string, Record<string, string>>> {
    return Object.fromEntries((await this.batchRead('deals', dealIds, properties)).map((d) => [d.id, d.properties]));
  }

  async updateDeal(dealId: string, properties: Record<string, string>): Promise<void> {
    await this.call(`updating deal ${dealId}`, () => this.api.patch(paths.object('deals', dealId), { properties }));
  }

  private get leads(): LeadCalls {
    return { api: this.api, call: (doing, fn, options) => this.call(doing, fn, options) };
  }

  leadsOfContact(contactId: string): Promise<LeadRecord[]> {
    return leads.leadsOfContact(this.leads, contactId);
  }

  leadsOfContacts(contactIds: string[]): Promise<Record<string, LeadRecord[]>> {
    return leads.leadsOfContacts(this.leads, contactIds);
  }

  createLeads(news: NewLead[]): Promise<BatchOutcome<string>[]> {
    return leads.createLeads(this.leads, news);
  }

  updateLeads(updates: { leadId: string; properties: Record<string, string> }[]): Promise<BatchOutcome<void>[]> {
    return leads.updateLeads(this.leads, updates);
  }

  readLead(leadId: string): Promise<LeadRecord & { contactIds: string[] }> {
    return leads.readLead(this.leads, leadId);
  }

  createLead(lead: NewLead): Promise<string> {
    return leads.createLead(this.leads, lead);
  }

  updateLead(leadId: string, properties: Record<string, string>): Promise<void> {
    return leads.updateLead(this.leads, leadId, properties);
  }

  leadPipeline(pipelineId: string): Promise<LeadPipeline | undefined> {
    return leads.leadPipeline(this.leads, pipelineId);
  }
}
