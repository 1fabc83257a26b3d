import type { ObjectType } from './objectTypes.js';
import { LEAD_PIPELINE_STAGES } from './pipelines.js';
import { standardProperty, type PropertyDefinition, type PropertyGroup, type PropertySpec } from './propertyDefinition.js';

// The HubSpot-defined properties the fake knows, per object: those Handoff and its audit read,
// with HubSpot's internal names, types and option values. Calculated ones are read-only.
export const LIFECYCLE_STAGES = [
  ['subscriber', 'Subscriber'],
  ['lead', 'Lead'],
  ['marketingqualifiedlead', 'Marketing Qualified Lead'],
  ['salesqualifiedlead', 'Sales Qualified Lead'],
  ['opportunity', 'Opportunity'],
  ['customer', 'Customer'],
  ['evangelist', 'Evangelist'],
  ['other', 'Other'],
] as const;

const LEAD_STATUSES = [
  ['NEW', 'New'],
  ['OPEN', 'Open'],
  ['IN_PROGRESS', 'In Progress'],
  ['OPEN_DEAL', 'Open Deal'],
  ['UNQUALIFIED', 'Unqualified'],
  ['ATTEMPTED_TO_CONTACT', 'Attempted to Contact'],
  ['CONNECTED', 'Connected'],
  ['BAD_TIMING', 'Bad Timing'],
] as const;

const ANALYTICS_SOURCES = [
  ['ORGANIC_SEARCH', 'Organic Search'],
  ['PAID_SEARCH', 'Paid Search'],
  ['EMAIL_MARKETING', 'Email Marketing'],
  ['SOCIAL_MEDIA', 'Organic Social'],
  ['REFERRALS', 'Referrals'],
  ['OTHER_CAMPAIGNS', 'Other Campaigns'],
  ['DIRECT_TRAFFIC', 'Direct Traffic'],
  ['OFFLINE', 'Offline Sources'],
  ['PAID_SOCIAL', 'Paid Social'],
  ['AI_REFERRALS', 'AI Referrals'],
] as const;

const INDUSTRIES = ['COMPUTER_SOFTWARE', 'FINANCIAL_SERVICES', 'HOSPITAL_HEALTH_CARE', 'MANUFACTURING', 'RETAIL', 'LOGISTICS_AND_SUPPLY_CHAIN', 'CONSTRUCTION', 'HIGHER_EDUCATION', 'PHARMACEUTICALS', 'TELECOMMUNICATIONS'] as const;

const lifecycleDates: PropertySpec[] = LIFECYCLE_STAGES.map(([value, label]) => ({
  name: `hs_lifecyclestage_${value}_date`,
  label: `Became a ${label} Date`,
  type: 'datetime',
  group: 'contactinformation',
  readOnly: true,
}));

const common = (group: string): PropertySpec[] => [
  { name: 'hs_object_id', label: 'Record ID', type: 'number', group, readOnly: true },
  { name: 'createdate', label: 'Create Date', type: 'datetime', group },
  { name: 'lastmodifieddate', label: 'Last Modified Date', type: 'datetime', group, readOnly: true },
  { name: 'hubspot_owner_id', label: 'Owner', type: 'enumeration', group, external: true },
  { name: 'hubspot_owner_assigneddate', label: 'Owner Assigned Date', type: 'datetime', group, readOnly: true },
];

/** Where a contact or a company is: the same four properties on both, in their own group. */
const address = (group: string): PropertySpec[] => [
  { name: 'country', label: 'Country/Region', type: 'string', group },
  { name: 'state', label: 'State/Region', type: 'string', group },
  { name: 'city', label: 'City', type: 'string', group },
  { name: 'zip', label: 'Postal Code', type: 'string', group },
];

const SPECS: Record<ObjectType, PropertySpec[]> = {
  contacts: [
    ...common('contactinformation'),
    { name: 'email', label: 'Email', type: 'string', group: 'contactinformation', unique: true },
    { name: 'firstname', label: 'First Name', type: 'string', group: 'contactinformation' },
    { name: 'lastname', label: 'Last Name', type: 'string', group: 'contactinformation' },
    { name: 'jobtitle', label: 'Job Title', type: 'string', group: 'contactinformation' },
    { name: 'company', label: 'Company Name', type: 'string', group: 'contactinformation' },
    { name: 'website', label: 'Website URL', type: 'string', group: 'contactinformation' },
    { name: 'phone', label: 'Phone Number', type: 'phone_number', group: 'contactinformation' },
    ...address('contactinformation'),
    { name: 'lifecyclestage', label: 'Lifecycle Stage', type: 'enumeration', group: 'contactinformation', options: LIFECYCLE_STAGES, fieldType: 'radio' },
    ...lifecycleDates,
    { name: 'hs_lead_status', label: 'Lead Status', type: 'enumeration', group: 'sales_properties', options: LEAD_STATUSES, fieldType: 'radio' },
    { name: 'hubspotscore', label: 'HubSpot Score', type: 'number', group: 'contactinformation' },
    { name: 'hs_analytics_source', label: 'Original Traffic Source', type: 'enumeration', group: 'analyticsinformation', options: ANALYTICS_SOURCES },
    { name: 'hs_analytics_source_data_1', label: 'Original Traffic Source Drill-Down 1', type: 'string', group: 'analyticsinformation' },
    { name: 'hs_analytics_num_page_views', label: 'Number of Pageviews', type: 'number', group: 'analyticsinformation' },
    { name: 'recent_conversion_event_name', label: 'Recent Conversion', type: 'string', group: 'conversioninformation' },
    { name: 'recent_conversion_date', label: 'Recent Conversion Date', type: 'datetime', group: 'conversioninformation' },
    { name: 'first_conversion_event_name', label: 'First Conversion', type: 'string', group: 'conversioninformation' },
    { name: 'notes_last_contacted', label: 'Last Contacted', type: 'datetime', group: 'sales_properties', readOnly: true },
    { name: 'notes_last_updated', label: 'Last Activity Date', type: 'datetime', group: 'sales_properties', readOnly: true },
    { name: 'hs_last_sales_activity_timestamp', label: 'Last Engagement Date', type: 'datetime', group: 'sales_properties', readOnly: true },
    { name: 'num_contacted_notes', label: 'Number of times contacted', type: 'number', group: 'sales_properties', readOnly: true },
    { name: 'associatedcompanyid', label: 'Primary Associated Company ID', type: 'number', group: 'contactinformation' },
  ],
  companies: [
    ...common('companyinformation'),
    { name: 'name', label: 'Company name', type: 'string', group: 'companyinformation' },
    { name: 'domain', label: 'Company Domain Name', type: 'string', group: 'companyinformation' },
    { name: 'website', label: 'Website URL', type: 'string', group: 'companyinformation' },
    { name: 'num_associated_contacts', label: 'Number of Associated Contacts', type: 'number', group: 'companyinformation', readOnly: true },
    { name: 'industry', label: 'Industry', type: 'enumeration', group: 'companyinformation', options: INDUSTRIES },
    { name: 'numberofemployees', label: 'Number of Employees', type: 'number', group: 'companyinformation' },
    { name: 'annualrevenue', label: 'Annual Revenue', type: 'number', group: 'companyinformation' },
    ...address('companyinformation'),
    { name: 'lifecyclestage', label: 'Lifecycle Stage', type: 'enumeration', group: 'companyinformation', options: LIFECYCLE_STAGES },
  ],
  deals: [
    ...common('dealinformation'),
    { name: 'dealname', label: 'Deal Name', type: 'string', group: 'dealinformation' },
    { name: 'amount', label: 'Amount', type: 'number', group: 'dealinformation' },
    { name: 'pipeline', label: 'Pipeline', type: 'enumeration', group: 'dealinformation', options: [['default', 'Sales Pipeline']] },
    {
      name: 'dealstage',
      label: 'Deal Stage',
      type: 'enumeration',
      group: 'dealinformation',
      options: [
        ['appointmentscheduled', 'Appointment Scheduled'],
        ['qualifiedtobuy', 'Qualified To Buy'],
        ['presentationscheduled', 'Presentation Scheduled'],
        ['decisionmakerboughtin', 'Decision Maker Bought-In'],
        ['contractsent', 'Contract Sent'],
        ['closedwon', 'Closed Won'],
        ['closedlost', 'Closed Lost'],
      ],
    },
    { name: 'closedate', label: 'Close Date', type: 'datetime', group: 'dealinformation' },
    { name: 'hs_is_closed_won', label: 'Is Closed Won', type: 'bool', group: 'dealinformation', readOnly: true },
  ],
  notes: [
    ...common('engagement'),
    { name: 'hs_timestamp', label: 'Activity date', type: 'datetime', group: 'engagement' },
    { name: 'hs_note_body', label: 'Note body', type: 'string', group: 'engagement', fieldType: 'html' },
  ],
  tasks: [
    ...common('engagement'),
    { name: 'hs_timestamp', label: 'Due date', type: 'datetime', group: 'engagement' },
    { name: 'hs_task_subject', label: 'Task Title', type: 'string', group: 'engagement' },
    { name: 'hs_task_body', label: 'Notes', type: 'string', group: 'engagement', fieldType: 'html' },
    { name: 'hs_task_status', label: 'Task Status', type: 'enumeration', group: 'engagement', options: [['NOT_STARTED', 'Not Started'], ['IN_PROGRESS', 'In Progress'], ['WAITING', 'Waiting'], ['COMPLETED', 'Completed'], ['DEFERRED', 'Deferred']] },
    { name: 'hs_task_priority', label: 'Priority', type: 'enumeration', group: 'engagement', options: [['LOW', 'Low'], ['MEDIUM', 'Medium'], ['HIGH', 'High']] },
    { name: 'hs_task_type', label: 'Task Type', type: 'enumeration', group: 'engagement', options: [['CALL', 'Call'], ['EMAIL', 'Email'], ['TODO', 'To-do']] },
    { name: 'hs_task_completion_date', label: 'Completed at', type: 'datetime', group: 'engagement', readOnly: true },
  ],
  leads: [
    ...common('lead_information'),
    { name: 'hs_lead_name', label: 'Lead name', type: 'string', group: 'lead_information' },
    { name: 'hs_pipeline', label: 'Pipeline', type: 'enumeration', group: 'lead_information', options: [['lead-pipeline-id', 'Lead pipeline']] },
    { name: 'hs_pipeline_stage', label: 'Lead stage', type: 'enumeration', group: 'lead_information', options: LEAD_PIPELINE_STAGES.map((s) => [s.id, s.label] as const) },
    { name: 'hs_lead_type', label: 'Lead type', type: 'enumeration', group: 'lead_information', options: [['NEW_BUSINESS', 'New Business'], ['UPSELL', 'Upsell'], ['RE_ATTEMPTING', 'Re-attempting']] },
    { name: 'hs_lead_label', label: 'Lead label', type: 'enumeration', group: 'lead_information', options: [['COLD', 'Cold'], ['WARM', 'Warm'], ['HOT', 'Hot']] },
    {
      name: 'hs_lead_disqualification_reason',
      label: 'Disqualification reason',
      type: 'enumeration',
      group: 'lead_information',
      options: [['NOT_A_FIT', 'Not a fit'], ['NO_BUDGET', 'No budget'], ['BAD_TIMING', 'Bad timing'], ['NO_RESPONSE', 'Unresponsive'], ['COMPETITOR', 'Went with a competitor'], ['OTHER', 'Other']],
    },
    { name: 'hs_lead_disqualification_note', label: 'Disqualification note', type: 'string', group: 'lead_information', fieldType: 'textarea' },
  ],
};

const GROUPS: Record<ObjectType, [string, string][]> = {
  contacts: [['contactinformation', 'Contact information'], ['sales_properties', 'Sales properties'], ['analyticsinformation', 'Web analytics history'], ['conversioninformation', 'Conversion information']],
  companies: [['companyinformation', 'Company information']],
  deals: [['dealinformation', 'Deal information']],
  notes: [['engagement', 'Engagement']],
  tasks: [['engagement', 'Engagement']],
  leads: [['lead_information', 'Lead information']],
};

export function standardProperties(objectType: ObjectType): PropertyDefinition[] {
  return SPECS[objectType].map((spec, i) => standardProperty(spec, i));
}

export function standardGroups(objectType: ObjectType): PropertyGroup[] {
  return GROUPS[objectType].map(([name, label], i) => ({ name, label, displayOrder: i, archived: false }));
}
