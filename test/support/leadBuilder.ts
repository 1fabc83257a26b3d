import type { Lead, Properties } from '../../src/domain/lead.js';

/** An Irish mid-size company's ops director who booked a demo: an MQL under the default policy. */
export function mqlLead(overrides: { contact?: Properties; company?: Properties | null } = {}): Lead {
  return {
    contact: {
      email: 'deirdre.nolan@harbourlogistics.ie',
      jobtitle: 'Operations Director',
      country: 'Ireland',
      hubspotscore: '35',
      recent_conversion_event_name: 'Book a demo',
      recent_conversion_date: '2026-11-20T10:15:00Z',
      hs_analytics_num_page_views: '7',
      lifecyclestage: 'lead',
      ...overrides.contact,
    },
    company: overrides.company === null ? null : { name: 'Harbour Logistics', domain: 'harbourlogistics.ie', numberofemployees: '120', ...overrides.company },
  };
}

export const lead = (contact: Properties, company: Properties | null = null): Lead => ({ contact, company });
