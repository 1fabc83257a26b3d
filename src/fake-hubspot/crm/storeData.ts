// The plain-data shapes of the fake portal's store: what a write touched, and everything in it as
// a database keeps it (the local portal's), from which a store is rebuilt.
import type { ObjectType } from './objectTypes.js';
import type { PropertyDefinition, PropertyGroup } from './propertyDefinition.js';
import type { PropertyValueError } from './propertyValues.js';
import type { HistoryEntry, Owner } from './records.js';

/** What a write touched, for a store that persists the portal (the local portal's database). */
export type StoreChange =
  | { kind: 'record'; type: ObjectType; id: string }
  | { kind: 'definition'; type: ObjectType; name: string }
  | { kind: 'group'; type: ObjectType; name: string }
  | { kind: 'owner'; id: string }
  | { kind: 'edges'; node: string };

/** Everything in a store, as plain data: what a database keeps and a store is rebuilt from. */
export interface StoreSnapshot {
  nextId: number;
  records: SerializedRecord[];
  definitions: { type: ObjectType; definition: PropertyDefinition }[];
  groups: { type: ObjectType; group: PropertyGroup }[];
  owners: Owner[];
  edges: SerializedEdges[];
}

export interface SerializedRecord {
  id: string;
  objectType: ObjectType;
  properties: [string, string][];
  history: [string, HistoryEntry[]][];
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt?: number;
}

/** One node's associations: `${type}:${id}` → to type → to id → association type ids. */
export interface SerializedEdges {
  node: string;
  to: [ObjectType, [string, number[]][]][];
}

export type WriteCheck = { ok: true; values: Map<string, string | null> } | { ok: false; errors: PropertyValueError[] };
