import type { ObjectType } from './objectTypes.js';

/** One entry of a property's history, newest first when read, as propertiesWithHistory returns. */
export interface HistoryEntry {
  value: string;
  timestamp: number;
  sourceType: string;
  sourceId?: string;
  sourceLabel?: string;
  updatedByUserId?: number;
}

/** Who wrote a value: the API through a private app, HubSpot itself, an import, a user in the UI. */
export interface WriteSource {
  sourceType: 'INTEGRATION' | 'CALCULATED' | 'IMPORT' | 'CRM_UI' | 'AUTOMATION_PLATFORM';
  sourceId?: string;
  sourceLabel?: string;
  updatedByUserId?: number;
}

export interface CrmRecord {
  id: string;
  objectType: ObjectType;
  properties: Map<string, string>;
  history: Map<string, HistoryEntry[]>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt?: number;
}

export interface OwnerTeam {
  id: string;
  name: string;
  primary: boolean;
}

export interface Owner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  type: 'PERSON' | 'QUEUE';
  archived: boolean;
  createdAt: number;
  updatedAt: number;
  teams: OwnerTeam[];
}
