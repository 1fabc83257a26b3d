import { OBJECT_TYPE_NAMES, type ObjectType } from './objectTypes.js';
import { defaultPipelines, type Pipeline } from './pipelines.js';
import type { ValidationRule } from './validationRules.js';

export type SalesHubTier = 'free' | 'starter' | 'professional' | 'enterprise';

/** HubSpot's account types, as GET /account-info/2026-03/details names them. */
export const ACCOUNT_TYPES = ['STANDARD', 'SANDBOX', 'DEVELOPER_TEST', 'APP_DEVELOPER'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** Who the portal is (what account-info's details tell): its id, type, time zone and currency. */
export interface PortalAccount {
  portalId: number;
  accountType: AccountType;
  timeZone: string;
  companyCurrency: string;
  additionalCurrencies: string[];
  dataHostingLocation: string;
  uiDomain: string;
}

/** The demo portal: an Irish company, on HubSpot's EU data centre. */
export const DEMO_ACCOUNT: PortalAccount = {
  portalId: 24_681_357,
  accountType: 'STANDARD',
  timeZone: 'Europe/Dublin',
  companyCurrency: 'EUR',
  additionalCurrencies: ['GBP'],
  dataHostingLocation: 'eu1',
  uiDomain: 'app-eu1.hubspot.com',
};

/**
 * What a portal's admin and subscription decide, apart from its records: the Sales Hub tier
 * (Leads exist on Professional and Enterprise only), the validation rules HubSpot enforces on
 * writes, and the pipelines. Tests and the local portal set them; the routes read them.
 */
export class PortalSettings {
  /** Who the portal is (account-info's details). */
  account: PortalAccount = { ...DEMO_ACCOUNT, additionalCurrencies: [...DEMO_ACCOUNT.additionalCurrencies] };
  /** The portal's Sales Hub. */
  salesHub: SalesHubTier = 'professional';
  /** The portal's validation rules (set by an admin in HubSpot; by tests and the portal here). */
  readonly validationRules: ValidationRule[] = [];
  /** Pipelines per object type (the default lead and deal pipelines). */
  private readonly pipelines = new Map<ObjectType, Pipeline[]>(OBJECT_TYPE_NAMES.map((type) => [type, defaultPipelines(type)]));

  /** Whether this portal has the Leads object (Sales Hub Professional or Enterprise). */
  get hasLeads(): boolean {
    return this.salesHub === 'professional' || this.salesHub === 'enterprise';
  }

  pipelinesOf(type: ObjectType): Pipeline[] {
    return this.pipelines.get(type) ?? [];
  }
}
