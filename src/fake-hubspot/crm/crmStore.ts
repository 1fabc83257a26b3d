import { OBJECT_TYPE_NAMES, type ObjectType } from './objectTypes.js';
import { PortalSettings } from './portalSettings.js';
import type { PropertyDefinition, PropertyGroup } from './propertyDefinition.js';
import { checkPropertyValue, unknownProperty, type PropertyValueError } from './propertyValues.js';
import type { CrmRecord, HistoryEntry, Owner, WriteSource } from './records.js';
import type { SerializedEdges, SerializedRecord, StoreChange, StoreSnapshot, WriteCheck } from './storeData.js';
import { standardGroups, standardProperties } from './standardProperties.js';
import { contactAndCompany, inverseAssociationTypeId, primaryAssociationTypeId } from './associationTypes.js';

export type Clock = () => number;

export type { SerializedEdges, SerializedRecord, StoreChange, StoreSnapshot, WriteCheck } from './storeData.js';

const SYSTEM: WriteSource = { sourceType: 'CALCULATED', sourceLabel: 'HubSpot' };

/**
 * The fake portal's data: objects with property history, property definitions, owners and
 * associations. Writes are checked whole before anything is applied, so a bad value leaves the
 * record untouched. Side effects HubSpot computes (lifecycle stage dates, owner assigned date,
 * last modified, task completion) are applied here with source CALCULATED.
 */
export class CrmStore {
  private readonly objects = new Map<ObjectType, Map<string, CrmRecord>>();
  /** Records of each type in id order (ids only grow), for seeking to the first id above one. */
  private readonly ordered = new Map<ObjectType, CrmRecord[]>();
  private readonly definitions = new Map<ObjectType, Map<string, PropertyDefinition>>();
  private readonly groups = new Map<ObjectType, Map<string, PropertyGroup>>();
  private readonly edges = new Map<string, Map<ObjectType, Map<string, Set<number>>>>();
  /** `${type}:${property}:${lower-cased value}` → id, for unique properties (contacts' email). */
  private readonly uniqueIndex = new Map<string, string>();
  readonly owners = new Map<string, Owner>();
  /** The portal's tier, validation rules and pipelines. */
  readonly portal = new PortalSettings();
  private nextId = 1001;
  /** Goes up on every write: a cached search is valid while it has not moved. */
  version = 0;
  private readonly listeners: ((change: StoreChange) => void)[] = [];

  constructor(readonly now: Clock) {
    for (const type of OBJECT_TYPE_NAMES) {
      this.objects.set(type, new Map());
      this.ordered.set(type, []);
      this.definitions.set(type, new Map(standardProperties(type).map((p) => [p.name, p])));
      this.groups.set(type, new Map(standardGroups(type).map((g) => [g.name, g])));
    }
  }

  /** Calls `listener` after every change (a record, a definition, a group, an owner, associations). */
  /** Told just before a record is written (undefined: it is about to be created), as it was. */
  onBeforeWrite(listener: (type: ObjectType, id: string, before: CrmRecord | undefined) => void): void {
    this.beforeWrite.push(listener);
  }

  private readonly beforeWrite: ((type: ObjectType, id: string, before: CrmRecord | undefined) => void)[] = [];

  onChange(listener: (change: StoreChange) => void): void {
    this.listeners.push(listener);
  }

  private changed(change: StoreChange): void {
    for (const l of this.listeners) l(change);
  }

  // ---- persistence ----------------------------------------------------------------------

  /** The next id a created record gets (ids only grow). */
  get nextRecordId(): number {
    return this.nextId;
  }

  serializeRecord(record: CrmRecord): SerializedRecord {
    return { id: record.id, objectType: record.objectType, properties: [...record.properties], history: [...record.history], createdAt: record.createdAt, updatedAt: record.updatedAt, archived: record.archived, ...(record.archivedAt !== undefined ? { archivedAt: record.archivedAt } : {}) };
  }

  serializeRecordById(type: ObjectType, id: string): SerializedRecord | undefined {
    const record = this.recordsOf(type).get(id);
    return record && this.serializeRecord(record);
  }

  serializeEdges(node: string): SerializedEdges {
    const byType = this.edges.get(node) ?? new Map<ObjectType, Map<string, Set<number>>>();
    return { node, to: [...byType].map(([type, byId]) => [type, [...byId].map(([id, types]) => [id, [...types]] as [string, number[]])]) };
  }

  /** Everything, as plain data. */
  snapshot(): StoreSnapshot {
    return {
      nextId: this.nextId,
      records: OBJECT_TYPE_NAMES.flatMap((type) => [...this.recordsOf(type).values()].map((r) => this.serializeRecord(r))),
      definitions: OBJECT_TYPE_NAMES.flatMap((type) => [...this.definitionsOf(type).values()].map((definition) => ({ type, definition }))),
      groups: OBJECT_TYPE_NAMES.flatMap((type) => [...this.groupsOf(type).values()].map((group) => ({ type, group }))),
      owners: [...this.owners.values()],
      edges: [...this.edges.keys()].map((node) => this.serializeEdges(node)),
    };
  }

  /** Replaces everything with a snapshot (a store rebuilt from its database); listeners are not told. */
  restore(snapshot: StoreSnapshot): void {
    for (const type of OBJECT_TYPE_NAMES) {
      this.recordsOf(type).clear();
      this.ordered.set(type, []);
    }
    this.uniqueIndex.clear();
    this.edges.clear();
    this.owners.clear();
    for (const { type, definition } of snapshot.definitions) this.definitionsOf(type).set(definition.name, definition);
    for (const { type, group } of snapshot.groups) this.groupsOf(type).set(group.name, group);
    for (const owner of snapshot.owners) this.owners.set(owner.id, owner);
    const records = [...snapshot.records].sort((a, b) => Number(a.id) - Number(b.id));
    for (const r of records) {
      const record: CrmRecord = { id: r.id, objectType: r.objectType, properties: new Map(r.properties), history: new Map(r.history), createdAt: r.createdAt, updatedAt: r.updatedAt, archived: r.archived, ...(r.archivedAt !== undefined ? { archivedAt: r.archivedAt } : {}) };
      this.recordsOf(r.objectType).set(r.id, record);
      this.ordered.get(r.objectType)!.push(record);
      for (const [name, value] of record.properties) if (this.definitionsOf(r.objectType).get(name)?.hasUniqueValue) this.uniqueIndex.set(`${r.objectType}:${name}:${value.toLowerCase()}`, r.id);
    }
    for (const e of snapshot.edges) this.edges.set(e.node, new Map(e.to.map(([type, ids]) => [type, new Map(ids.map(([id, types]) => [id, new Set(types)]))])));
    this.nextId = snapshot.nextId;
    this.version++;
  }

  // ---- property definitions -------------------------------------------------------------

  propertyDefinitions(type: ObjectType): PropertyDefinition[] {
    return [...this.definitionsOf(type).values()];
  }

  propertyDefinition(type: ObjectType, name: string): PropertyDefinition | undefined {
    return this.definitionsOf(type).get(name);
  }

  putPropertyDefinition(type: ObjectType, def: PropertyDefinition): void {
    this.definitionsOf(type).set(def.name, def);
    this.changed({ kind: 'definition', type, name: def.name });
  }

  deletePropertyDefinition(type: ObjectType, name: string): void {
    this.definitionsOf(type).delete(name);
    this.changed({ kind: 'definition', type, name });
  }

  propertyGroups(type: ObjectType): PropertyGroup[] {
    return [...this.groupsOf(type).values()];
  }

  propertyGroup(type: ObjectType, name: string): PropertyGroup | undefined {
    return this.groupsOf(type).get(name);
  }

  putPropertyGroup(type: ObjectType, group: PropertyGroup): void {
    this.groupsOf(type).set(group.name, group);
    this.changed({ kind: 'group', type, name: group.name });
  }

  // ---- objects ------------------------------------------------------------------------

  get(type: ObjectType, id: string): CrmRecord | undefined {
    const record = this.recordsOf(type).get(id);
    return record && !record.archived ? record : undefined;
  }

  /** Every live record of a type, in id order (creation order). */
  all(type: ObjectType): IterableIterator<CrmRecord> {
    return this.live(this.recordsOf(type).values());
  }

  /** Live records with an id above `id`, in id order (a binary search, then a walk). */
  *allAbove(type: ObjectType, id: number): IterableIterator<CrmRecord> {
    const list = this.ordered.get(type)!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (Number(list[mid]!.id) <= id) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < list.length; i++) if (!list[i]!.archived) yield list[i]!;
  }

  count(type: ObjectType): number {
    let n = 0;
    for (const r of this.recordsOf(type).values()) if (!r.archived) n++;
    return n;
  }

  findByUnique(type: ObjectType, property: string, value: string): CrmRecord | undefined {
    const id = this.uniqueIndex.get(`${type}:${property}:${value.toLowerCase()}`);
    return id === undefined ? undefined : this.get(type, id);
  }

  /** Checks every value of a write against its definition; nothing is applied. */
  checkWrite(type: ObjectType, input: Record<string, unknown>): WriteCheck {
    const errors: PropertyValueError[] = [];
    const values = new Map<string, string | null>();
    for (const [name, raw] of Object.entries(input)) {
      const def = this.definitionsOf(type).get(name);
      if (!def) {
        errors.push(unknownProperty(name));
        continue;
      }
      if (def.readOnlyValue) {
        const message = `Property "${name}" is a read only property; its value cannot be set.`;
        errors.push({ isValid: false, name, error: 'READ_ONLY_VALUE', message, localizedErrorMessage: message });
        continue;
      }
      const checked = checkPropertyValue(def, raw, { ownerExists: (id) => this.owners.has(id) && !this.owners.get(id)!.archived });
      if (checked.ok) values.set(name, checked.value);
      else errors.push(checked.error);
    }
    return errors.length ? { ok: false, errors } : { ok: true, values };
  }

  /** A record whose unique property (contacts' email) already holds one of these values. */
  uniqueConflict(type: ObjectType, values: Map<string, string | null>, exceptId?: string): { property: string; existing: CrmRecord } | undefined {
    for (const [name, value] of values) {
      if (value === null || !this.definitionsOf(type).get(name)?.hasUniqueValue) continue;
      const existing = this.findByUnique(type, name, value);
      if (existing && existing.id !== exceptId) return { property: name, existing };
    }
    return undefined;
  }

  create(type: ObjectType, values: Map<string, string | null>, source: WriteSource, at = this.now()): CrmRecord {
    const id = String(this.nextId++);
    for (const l of this.beforeWrite) l(type, id, undefined);
    const record: CrmRecord = { id, objectType: type, properties: new Map(), history: new Map(), createdAt: at, updatedAt: at, archived: false };
    this.recordsOf(type).set(id, record);
    this.ordered.get(type)!.push(record);
    const createdate = values.get('createdate');
    this.record(record, 'createdate', createdate ?? new Date(at).toISOString(), createdate ? source : SYSTEM, at);
    if (createdate) record.createdAt = Date.parse(createdate);
    this.record(record, 'hs_object_id', id, SYSTEM, at);
    const rest = new Map(values);
    rest.delete('createdate');
    this.apply(record, rest, source, at);
    return record;
  }

  update(record: CrmRecord, values: Map<string, string | null>, source: WriteSource, at = this.now()): CrmRecord {
    this.apply(record, values, source, at);
    return record;
  }

  archive(record: CrmRecord, at = this.now()): void {
    for (const l of this.beforeWrite) l(record.objectType, record.id, record);
    this.version++;
    record.archived = true;
    record.archivedAt = at;
    this.changed({ kind: 'record', type: record.objectType, id: record.id });
  }

  // ---- associations -------------------------------------------------------------------

  associate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string, typeId: number): void {
    this.edgeSet(fromType, fromId, toType, toId).add(typeId);
    const inverse = inverseAssociationTypeId(fromType, toType, typeId);
    if (inverse !== undefined) this.edgeSet(toType, toId, fromType, fromId).add(inverse);
    this.changed({ kind: 'edges', node: `${fromType}:${fromId}` });
    this.changed({ kind: 'edges', node: `${toType}:${toId}` });
    // HubSpot keeps a contact's primary company in its associatedcompanyid property.
    const pair = contactAndCompany(fromType, fromId, toType, toId);
    if (pair && primaryAssociationTypeId(fromType, toType) === typeId) this.setPrimaryCompany(pair.contactId, pair.companyId);
  }

  private setPrimaryCompany(contactId: string, companyId: string | null, onlyIf?: string): void {
    const contact = this.get('contacts', contactId);
    const now = contact?.properties.get('associatedcompanyid') ?? null;
    if (contact && now !== companyId && (onlyIf === undefined || now === onlyIf)) this.apply(contact, new Map([['associatedcompanyid', companyId]]), SYSTEM, this.now());
  }

  dissociate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string): void {
    const pair = contactAndCompany(fromType, fromId, toType, toId);
    if (pair) this.setPrimaryCompany(pair.contactId, null, pair.companyId);
    this.edges.get(`${fromType}:${fromId}`)?.get(toType)?.delete(toId);
    this.edges.get(`${toType}:${toId}`)?.get(fromType)?.delete(fromId);
    this.changed({ kind: 'edges', node: `${fromType}:${fromId}` });
    this.changed({ kind: 'edges', node: `${toType}:${toId}` });
  }

  /** Live associated ids of toType, in id order, with their type ids. */
  associations(fromType: ObjectType, fromId: string, toType: ObjectType): { toId: string; typeIds: number[] }[] {
    const byId = this.edges.get(`${fromType}:${fromId}`)?.get(toType);
    if (!byId) return [];
    return [...byId.entries()]
      .filter(([toId]) => this.get(toType, toId))
      .map(([toId, types]) => ({ toId, typeIds: [...types].sort((a, b) => a - b) }))
      .sort((a, b) => Number(a.toId) - Number(b.toId));
  }

  // ---- owners -------------------------------------------------------------------------

  putOwner(owner: Owner): void {
    this.owners.set(owner.id, owner);
    this.changed({ kind: 'owner', id: owner.id });
  }

  // ---- activity (HubSpot computes these from calls, emails and meetings) ---------------

  /** A logged call, email or meeting: HubSpot's last-contacted and last-activity properties move. */
  logSalesActivity(contact: CrmRecord, at: number): void {
    const iso = new Date(at).toISOString();
    const count = Number(contact.properties.get('num_contacted_notes') ?? '0') + 1;
    this.apply(contact, new Map([['notes_last_contacted', iso], ['notes_last_updated', iso], ['hs_last_sales_activity_timestamp', iso], ['num_contacted_notes', String(count)]]), SYSTEM, at);
  }

  // ---- internals ----------------------------------------------------------------------

  private apply(record: CrmRecord, values: Map<string, string | null>, source: WriteSource, at: number): void {
    for (const l of this.beforeWrite) l(record.objectType, record.id, record);
    this.version++;
    let changed = false;
    for (const [name, value] of values) changed = this.record(record, name, value, source, at) || changed;
    if (values.has('lifecyclestage')) {
      const stage = values.get('lifecyclestage');
      const dateProperty = `hs_lifecyclestage_${stage}_date`;
      if (stage && this.definitionsOf(record.objectType).has(dateProperty) && !record.properties.has(dateProperty)) this.record(record, dateProperty, new Date(at).toISOString(), SYSTEM, at);
    }
    if (values.has('hubspot_owner_id') && values.get('hubspot_owner_id')) this.record(record, 'hubspot_owner_assigneddate', new Date(at).toISOString(), SYSTEM, at);
    if (record.objectType === 'tasks' && values.get('hs_task_status') === 'COMPLETED') this.record(record, 'hs_task_completion_date', new Date(at).toISOString(), SYSTEM, at);
    if (record.objectType === 'deals' && values.has('dealstage')) this.record(record, 'hs_is_closed_won', String(values.get('dealstage') === 'closedwon'), SYSTEM, at);
    if (changed || record.updatedAt < at) {
      record.updatedAt = Math.max(record.updatedAt, at);
      this.record(record, 'lastmodifieddate', new Date(record.updatedAt).toISOString(), SYSTEM, at);
    }
    this.changed({ kind: 'record', type: record.objectType, id: record.id });
  }

  /** Sets one value and appends to its history; returns whether the value changed. */
  private record(record: CrmRecord, name: string, value: string | null, source: WriteSource, at: number): boolean {
    const before = record.properties.get(name) ?? null;
    if (this.definitionsOf(record.objectType).get(name)?.hasUniqueValue) {
      if (before !== null) this.uniqueIndex.delete(`${record.objectType}:${name}:${before.toLowerCase()}`);
      if (value !== null) this.uniqueIndex.set(`${record.objectType}:${name}:${value.toLowerCase()}`, record.id);
    }
    if (value === null) record.properties.delete(name);
    else record.properties.set(name, value);
    const entry: HistoryEntry = { value: value ?? '', timestamp: at, ...source };
    const history = record.history.get(name);
    if (history) history.unshift(entry);
    else record.history.set(name, [entry]);
    return before !== value;
  }

  private edgeSet(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string): Set<number> {
    const key = `${fromType}:${fromId}`;
    let byType = this.edges.get(key);
    if (!byType) this.edges.set(key, (byType = new Map()));
    let byId = byType.get(toType);
    if (!byId) byType.set(toType, (byId = new Map()));
    let types = byId.get(toId);
    if (!types) byId.set(toId, (types = new Set()));
    return types;
  }

  private *live(records: IterableIterator<CrmRecord>): IterableIterator<CrmRecord> {
    for (const r of records) if (!r.archived) yield r;
  }

  private recordsOf(type: ObjectType): Map<string, CrmRecord> {
    return this.objects.get(type)!;
  }

  private definitionsOf(type: ObjectType): Map<string, PropertyDefinition> {
    return this.definitions.get(type)!;
  }

  private groupsOf(type: ObjectType): Map<string, PropertyGroup> {
    return this.groups.get(type)!;
  }
}
