import { Faker, base, en } from '@faker-js/faker';
import type { CrmStore } from '../crm/crmStore.js';
import type { ObjectType } from '../crm/objectTypes.js';
import type { CrmRecord, WriteSource } from '../crm/records.js';
import { DEMO_OWNERS } from './demoOwners.js';
import { NAMES } from './names.js';
import { COMPANY_KINDS, COMPANY_SIZES, COMPANY_STEMS, CONVERSIONS, JOB_TITLES, PERSONAL_DOMAINS, PLACES, SOURCES, type Place } from './places.js';

export interface DemoPortalOptions {
  seed: number;
  /** The portal's "now": every generated timestamp is at or before it. */
  now: number;
  contacts?: number;
  companies?: number;
  /** How far back contacts were created. */
  days?: number;
  /**
   * Move contacts through the lifecycle (MQL, owner, touches, SQL, deals) as a portal without
   * Handoff would (default). False leaves every contact a lead, for a caller that plays the
   * handoffs itself (the local portal runs its history through Handoff's own handlers).
   */
  lifecycle?: boolean;
}

/** What the generator did to one contact, recorded as it did it: the ground truth audits are checked against. */
export interface DemoContactTruth {
  contactId: string;
  source: string;
  createdAt: number;
  mqlAt?: number;
  ownerId?: string;
  ownerAssignedAt?: number;
  /** Every sales activity logged, in order. */
  touches: number[];
  sqlAt?: number;
  opportunityAt?: number;
  customerAt?: number;
}

export interface DemoPortalSummary {
  owners: number;
  companies: number;
  contacts: number;
  deals: number;
  byStage: Record<string, number>;
  truth: DemoContactTruth[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const IMPORT: WriteSource = { sourceType: 'IMPORT', sourceLabel: 'Demo data' };
const FORMS: WriteSource = { sourceType: 'AUTOMATION_PLATFORM', sourceLabel: 'Lifecycle workflow' };
const REP: WriteSource = { sourceType: 'CRM_UI', sourceLabel: 'Sales rep' };
const REPS_BY_COUNTRY = { Ireland: ['102', '103', '104'], 'United Kingdom': ['202', '203'] } as const;

/**
 * Fills a fake portal with Irish and UK B2B demo data from a seed: the same seed gives the same
 * portal. Contacts move through lifecycle stages at their own past times, so property history,
 * the lifecycle-stage dates HubSpot stamps, owner assignment and last-contacted all look as a
 * real portal's would. Every value goes through the fake's property checks.
 */
export function seedDemoPortal(store: CrmStore, options: DemoPortalOptions): DemoPortalSummary {
  const f = new Faker({ locale: [en, base] });
  f.seed(options.seed);
  const { now } = options;
  const write = (type: ObjectType, values: Record<string, string>, source: WriteSource, at: number): CrmRecord => {
    const check = store.checkWrite(type, values);
    if (!check.ok) throw new Error(`demo data for ${type} is invalid: ${JSON.stringify(check.errors)}`);
    return store.create(type, check.values, source, at);
  };
  const update = (record: CrmRecord, values: Record<string, string>, source: WriteSource, at: number) => {
    const check = store.checkWrite(record.objectType, values);
    if (!check.ok) throw new Error(`demo update of ${record.objectType} ${record.id} is invalid: ${JSON.stringify(check.errors)}`);
    store.update(record, check.values, source, at);
  };
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => f.helpers.weightedArrayElement(items.map(([value, weight]) => ({ value, weight })));
  const placeOf = () => f.helpers.weightedArrayElement(PLACES.map((p) => ({ value: p, weight: p.weight })));

  for (const owner of DEMO_OWNERS) store.putOwner({ ...owner, teams: owner.teams.map((t) => ({ ...t })) });

  // Companies: distinct names, a domain in the right country, some already owned (account owners).
  const companies: { record: CrmRecord; place: Place; size: number; ownerId?: string }[] = [];
  const names = f.helpers.shuffle(COMPANY_STEMS.flatMap((stem) => COMPANY_KINDS.map(([kind, industry]) => ({ name: `${stem} ${kind}`, industry }))));
  for (let i = 0; i < (options.companies ?? 40); i++) {
    const { name, industry } = names[i % names.length]!;
    const place = placeOf();
    const size = f.helpers.arrayElement(COMPANY_SIZES);
    const domain = `${name.toLowerCase().replace(/[^a-z]+/g, '')}${i >= names.length ? i : ''}.${place.tld}`;
    const ownerId = f.datatype.boolean(0.25) ? (size >= 250 ? '302' : f.helpers.arrayElement(REPS_BY_COUNTRY[place.country])) : undefined;
    const at = now - f.number.int({ min: 200, max: 900 }) * DAY;
    const record = write(
      'companies',
      { name, domain, industry, numberofemployees: String(size), country: place.country, state: place.state, city: place.city, zip: f.helpers.arrayElement(place.zips), ...(ownerId ? { hubspot_owner_id: ownerId } : {}) },
      IMPORT,
      at,
    );
    companies.push({ record, place, size, ...(ownerId ? { ownerId } : {}) });
  }

  // Contacts, each with a path through the lifecycle written at its own times.
  const byStage: Record<string, number> = {};
  const truth: DemoContactTruth[] = [];
  let deals = 0;
  const usedEmails = new Set<string>();
  const days = options.days ?? 120;
  for (let i = 0; i < (options.contacts ?? 300); i++) {
    const company = f.helpers.arrayElement(companies);
    const personal = f.datatype.boolean(0.08);
    const names = NAMES[company.place.country];
    const first = f.helpers.arrayElement(names.first);
    const last = f.helpers.arrayElement(names.last);
    const local = `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
    let email = `${local}@${personal ? f.helpers.arrayElement(PERSONAL_DOMAINS) : company.record.properties.get('domain')}`;
    if (usedEmails.has(email)) email = email.replace('@', `${i}@`);
    usedEmails.add(email);
    const created = now - f.number.int({ min: 1, max: days * 24 }) * HOUR;
    const conversion = weighted(CONVERSIONS);
    const contact = write(
      'contacts',
      {
        email,
        firstname: first,
        lastname: last,
        jobtitle: f.helpers.arrayElement(JOB_TITLES),
        company: company.record.properties.get('name')!,
        country: company.place.country,
        state: company.place.state,
        city: company.place.city,
        zip: f.helpers.arrayElement(company.place.zips),
        hubspotscore: String(f.number.int({ min: 0, max: 100 })),
        hs_analytics_source: weighted(SOURCES),
        hs_analytics_num_page_views: String(f.number.int({ min: 0, max: 25 })),
        recent_conversion_event_name: conversion,
        // A few last converted long before (they come back through their score or a demo request).
        recent_conversion_date: new Date(created - (f.datatype.boolean(0.015) ? f.number.int({ min: 40, max: 120 }) * DAY : 0)).toISOString(),
        first_conversion_event_name: conversion,
        lifecyclestage: 'lead',
        ...(personal ? {} : { associatedcompanyid: company.record.id }),
      },
      FORMS,
      created,
    );
    if (!personal) store.associate('contacts', contact.id, 'companies', company.record.id, 1);
    const t: DemoContactTruth = { contactId: contact.id, source: contact.properties.get('hs_analytics_source')!, createdAt: created, touches: [] };
    truth.push(t);

    let stage = 'lead';
    let at = created;
    const step = (minHours: number, maxHours: number) => {
      at += f.number.int({ min: minHours, max: maxHours }) * HOUR;
      return at <= now;
    };
    const hot = conversion === 'Book a demo' || conversion === 'Contact sales';
    if (options.lifecycle !== false && f.datatype.boolean(hot ? 0.9 : 0.45) && step(0, 6)) {
      stage = 'marketingqualifiedlead';
      update(contact, { lifecyclestage: stage }, FORMS, at);
      t.mqlAt = at;
      const ownerId = company.ownerId ?? (company.size >= 250 ? '302' : f.helpers.arrayElement(REPS_BY_COUNTRY[company.place.country]));
      if (f.datatype.boolean(0.9) && step(0, 3)) {
        update(contact, { hubspot_owner_id: ownerId, hs_lead_status: 'NEW' }, FORMS, at);
        Object.assign(t, { ownerId, ownerAssignedAt: at });
      }
      if (contact.properties.has('hubspot_owner_id') && f.datatype.boolean(0.8) && step(0, 30)) {
        store.logSalesActivity(contact, at);
        t.touches.push(at);
        update(contact, { hs_lead_status: 'ATTEMPTED_TO_CONTACT' }, REP, at);
        if (f.datatype.boolean(0.45) && step(24, 240)) {
          stage = 'salesqualifiedlead';
          update(contact, { lifecyclestage: stage, hs_lead_status: 'CONNECTED' }, REP, at);
          t.sqlAt = at;
          if (f.datatype.boolean(0.55) && step(24, 480)) {
            stage = 'opportunity';
            update(contact, { lifecyclestage: stage, hs_lead_status: 'OPEN_DEAL' }, REP, at);
            t.opportunityAt = at;
            const won = f.datatype.boolean(0.3) && at + 20 * DAY <= now;
            const deal = write(
              'deals',
              {
                dealname: `${company.record.properties.get('name')} – ${f.helpers.arrayElement(['Pilot', 'Annual licence', 'Rollout'])}`,
                amount: String(f.number.int({ min: 40, max: 900 }) * 100),
                pipeline: 'default',
                dealstage: won ? 'closedwon' : f.helpers.arrayElement(['qualifiedtobuy', 'presentationscheduled', 'contractsent']),
                hubspot_owner_id: contact.properties.get('hubspot_owner_id')!,
                ...(won ? { closedate: new Date(at + 20 * DAY).toISOString() } : {}),
              },
              REP,
              at,
            );
            store.associate('deals', deal.id, 'contacts', contact.id, 3);
            store.associate('deals', deal.id, 'companies', company.record.id, 5);
            deals++;
            if (won) {
              stage = 'customer';
              update(contact, { lifecyclestage: stage }, FORMS, at + 20 * DAY);
              t.customerAt = at + 20 * DAY;
            }
          }
        }
      }
    }
    byStage[stage] = (byStage[stage] ?? 0) + 1;
  }
  return { owners: DEMO_OWNERS.length, companies: companies.length, contacts: options.contacts ?? 300, deals, byStage, truth };
}
