import type { Portal, TaskToCreate } from '../domain/index.js';

// The port the handlers use to reach HubSpot: the few reads and writes a handoff needs, shaped
// so each handler spends as few API calls as it can. HubSpotCrmGateway implements it on
// HubSpot's date-based 2026-03 API; tests and the local portal point it at the fake HubSpot.

export interface HistoryValue {
  value: string;
  at: Date;
  sourceType: string;
}

export interface ContactSnapshot {
  id: string;
  properties: Record<string, string>;
  history: Record<string, HistoryValue[]>;
  companyIds: string[];
  dealIds: string[];
}

export type ContactFilter =
  | { property: string; op: 'EQ' | 'NEQ' | 'GTE' | 'LT' | 'GT' | 'LTE'; value: string }
  | { property: string; op: 'HAS_PROPERTY' | 'NOT_HAS_PROPERTY' }
  | { property: string; op: 'IN'; values: string[] };

/** A follow-up task as HubSpot is asked to create it: the domain's task, on a contact. */
export type NewTask = TaskToCreate & { contactId: string };

/** A Lead (Sales Hub Professional and Enterprise) as Handoff reads it. */
export interface LeadRecord {
  id: string;
  pipelineId?: string;
  stageId?: string;
  ownerId?: string;
  name?: string;
  /** HubSpot's disqualification reason (a value of hs_lead_disqualification_reason) and the rep's note. */
  disqualificationReason?: string;
  disqualificationNote?: string;
  createdAt?: string;
}

export interface NewLead {
  contactId: string;
  companyId?: string;
  name: string;
  ownerId: string;
  pipelineId: string;
  stageId: string;
}

export interface LeadPipeline {
  id: string;
  label: string;
  stages: { id: string; label: string }[];
}

/** One input of a batch call: done (with its value), or failed with HubSpot's error for it. */
export type BatchOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A company as the account index reads it: its properties and when HubSpot last changed it. */
export interface CompanyRecord {
  id: string;
  properties: Record<string, string>;
  updatedAt?: string;
}

export interface CrmGateway {
  /** Who the portal is (account-info's details): id, type, time zone, currency. */
  accountDetails(): Promise<Portal>;
  /** One page (up to 100) of the portal's companies by id, from `after` (list reads: consistent, unlike search). */
  companiesPage(after: string | undefined, properties: string[]): Promise<{ companies: CompanyRecord[]; after?: string }>;
  /** Several companies with when they last changed (batch reads, 100 a call); a company that is gone is left out. */
  companyRecords(companyIds: string[], properties: string[]): Promise<CompanyRecord[]>;
  /** One read: properties, the history of some, and associated companies (and deals) in the same call. */
  readContact(contactId: string, options: { properties: string[]; history?: string[]; associations?: ('companies' | 'deals')[] }): Promise<ContactSnapshot>;
  /** Several contacts in one batch read, with the history of some properties. */
  readContacts(contactIds: string[], options: { properties: string[]; history?: string[] }): Promise<ContactSnapshot[]>;
  readCompany(companyId: string, properties: string[]): Promise<Record<string, string>>;
  /** The companies associated with each contact (batch association reads, 100 contacts a call). */
  companyIdsOf(contactIds: string[]): Promise<Record<string, string[]>>;
  /** Several companies' properties (batch reads, 100 a call); a company that is gone is left out. */
  readCompanies(companyIds: string[], properties: string[]): Promise<Record<string, Record<string, string>>>;
  /** Every contact matching a filter (HubSpot search), paged 200 at a time and past the 10,000-result ceiling. */
  searchContacts(filters: ContactFilter[], properties: string[], onPage?: (fetched: number) => void): Promise<ContactSnapshot[]>;
  /** The first page (up to 200) of a contact search, and how many match in all. */
  searchContactsFirstPage(filters: ContactFilter[], properties: string[]): Promise<{ total: number; contacts: ContactSnapshot[] }>;
  /** A property's options as the portal labels them (value → label), e.g. lifecyclestage, dealstage, hs_analytics_source; empty when it has none. */
  propertyOptions(objectType: 'contacts' | 'companies' | 'deals' | 'leads', name: string): Promise<Record<string, string>>;
  /** Whether contacts have this property (one properties API call; false on 404). */
  hasContactProperty(name: string): Promise<boolean>;
  updateContact(contactId: string, properties: Record<string, string>): Promise<void>;
  /** Several contacts' writes in batch updates (100 a call): what each input came to, by its index. */
  updateContacts(updates: { contactId: string; properties: Record<string, string> }[]): Promise<BatchOutcome<void>[]>;
  createTask(task: NewTask): Promise<string>;
  /** Several tasks in batch creates (100 a call): each input's new id, or why it was not created. */
  createTasks(tasks: NewTask[]): Promise<BatchOutcome<string>[]>;
  completeTask(taskId: string, body?: string): Promise<void>;
  createNote(contactId: string, body: string, at: Date): Promise<string>;
  /**
   * Tasks or notes on these contacts whose body carries one of the markers Handoff writes, found
   * through the contacts' associations (consistent, unlike search): marker → id. What a crashed
   * attempt created before it could record it is found here, never created twice.
   */
  findMarked(kind: 'tasks' | 'notes', contactIds: string[], markers: string[]): Promise<Map<string, string>>;
  /** Completes blocked workflow enrolments with their output fields (the callbacks API: one, or batches of 100). */
  completeActions(completions: { callbackId: string; outputFields: Record<string, string> }[]): Promise<void>;
  readDeal(dealId: string, properties: string[]): Promise<{ properties: Record<string, string>; contactIds: string[] }>;
  /** Several deals' properties (batch reads, 100 a call); a deal that is gone is left out. */
  readDeals(dealIds: string[], properties: string[]): Promise<Record<string, Record<string, string>>>;
  updateDeal(dealId: string, properties: Record<string, string>): Promise<void>;
  /** The Leads on a contact, through its associations (consistent, unlike search): two calls, one when it has none. */
  leadsOfContact(contactId: string): Promise<LeadRecord[]>;
  /** The Leads on each of several contacts: one batch association read and one batch read per 100. */
  leadsOfContacts(contactIds: string[]): Promise<Record<string, LeadRecord[]>>;
  /** Several Leads in batch creates (100 a call): each input's new id, or why it was not created. */
  createLeads(leads: NewLead[]): Promise<BatchOutcome<string>[]>;
  /** Several Leads' writes in batch updates (100 a call). */
  updateLeads(updates: { leadId: string; properties: Record<string, string> }[]): Promise<BatchOutcome<void>[]>;
  /** One Lead, with the contacts it is associated with. */
  readLead(leadId: string): Promise<LeadRecord & { contactIds: string[] }>;
  /** Creates a Lead associated with its contact (and company), owned, in a pipeline stage. */
  createLead(lead: NewLead): Promise<string>;
  updateLead(leadId: string, properties: Record<string, string>): Promise<void>;
  /** The lead pipeline and its stages (pipelines API); undefined when the portal has no such pipeline. */
  leadPipeline(pipelineId: string): Promise<LeadPipeline | undefined>;
}
