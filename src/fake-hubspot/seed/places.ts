// Where the demo portal's companies are: Irish counties and UK nations with real towns and
// real postcode areas (Eircode routing keys, UK outward codes), weighted roughly by B2B activity.
export interface Place {
  country: 'Ireland' | 'United Kingdom';
  /** HubSpot's State/Region: the county in Ireland, the nation in the UK. */
  state: string;
  city: string;
  zips: readonly string[];
  weight: number;
  tld: 'ie' | 'co.uk';
}

export const PLACES: readonly Place[] = [
  { country: 'Ireland', state: 'Dublin', city: 'Dublin', zips: ['D02 X285', 'D04 V1W8', 'D08 T6DC', 'D18 K2R1', 'D24 NH93'], weight: 26, tld: 'ie' },
  { country: 'Ireland', state: 'Cork', city: 'Cork', zips: ['T12 K8AF', 'T23 XE02', 'P43 C2F3'], weight: 9, tld: 'ie' },
  { country: 'Ireland', state: 'Galway', city: 'Galway', zips: ['H91 E2K3', 'H91 TK33'], weight: 5, tld: 'ie' },
  { country: 'Ireland', state: 'Limerick', city: 'Limerick', zips: ['V94 T9PX', 'V94 K5D2'], weight: 4, tld: 'ie' },
  { country: 'Ireland', state: 'Kildare', city: 'Naas', zips: ['W91 X2C3', 'W23 F854'], weight: 3, tld: 'ie' },
  { country: 'Ireland', state: 'Waterford', city: 'Waterford', zips: ['X91 K0EK'], weight: 2, tld: 'ie' },
  { country: 'Ireland', state: 'Westmeath', city: 'Athlone', zips: ['N37 A6C4'], weight: 1, tld: 'ie' },
  { country: 'United Kingdom', state: 'Northern Ireland', city: 'Belfast', zips: ['BT1 5GS', 'BT3 9DT', 'BT7 1NN'], weight: 6, tld: 'co.uk' },
  { country: 'United Kingdom', state: 'Northern Ireland', city: 'Derry', zips: ['BT48 6DQ'], weight: 2, tld: 'co.uk' },
  { country: 'United Kingdom', state: 'England', city: 'London', zips: ['EC2A 4NE', 'SE1 9SG', 'W1T 1JY'], weight: 14, tld: 'co.uk' },
  { country: 'United Kingdom', state: 'England', city: 'Manchester', zips: ['M1 1AE', 'M3 3EB'], weight: 5, tld: 'co.uk' },
  { country: 'United Kingdom', state: 'England', city: 'Birmingham', zips: ['B1 1BB', 'B3 2DJ'], weight: 4, tld: 'co.uk' },
  { country: 'United Kingdom', state: 'England', city: 'Leeds', zips: ['LS1 4DY'], weight: 3, tld: 'co.uk' },
  { country: 'United Kingdom', state: 'England', city: 'Bristol', zips: ['BS1 4ST'], weight: 3, tld: 'co.uk' },
  { country: 'United Kingdom', state: 'Scotland', city: 'Edinburgh', zips: ['EH1 1YZ', 'EH3 9DR'], weight: 4, tld: 'co.uk' },
  { country: 'United Kingdom', state: 'Scotland', city: 'Glasgow', zips: ['G2 1DY', 'G1 3SL'], weight: 4, tld: 'co.uk' },
  { country: 'United Kingdom', state: 'Wales', city: 'Cardiff', zips: ['CF10 1EP', 'CF24 0AB'], weight: 3, tld: 'co.uk' },
  { country: 'United Kingdom', state: 'Wales', city: 'Swansea', zips: ['SA1 1NW'], weight: 1, tld: 'co.uk' },
];

export const COMPANY_STEMS = ['Harbour', 'Liffey', 'Shannon', 'Atlantic', 'Celtic', 'Thames', 'Clyde', 'Severn', 'Mourne', 'Burren', 'Pennine', 'Kestrel', 'Corrib', 'Lagan', 'Tay', 'Wicklow', 'Slaney', 'Cotswold', 'Antrim', 'Brecon'];
export const COMPANY_KINDS = [
  ['Logistics', 'LOGISTICS_AND_SUPPLY_CHAIN'],
  ['Analytics', 'COMPUTER_SOFTWARE'],
  ['Software', 'COMPUTER_SOFTWARE'],
  ['Engineering', 'MANUFACTURING'],
  ['Medical', 'HOSPITAL_HEALTH_CARE'],
  ['Pharma', 'PHARMACEUTICALS'],
  ['Finance', 'FINANCIAL_SERVICES'],
  ['Build', 'CONSTRUCTION'],
  ['Retail', 'RETAIL'],
  ['Telecom', 'TELECOMMUNICATIONS'],
] as const;
export const COMPANY_SIZES = [4, 12, 25, 40, 60, 90, 120, 180, 240, 320, 600, 1500] as const;

export const JOB_TITLES = ['Operations Director', 'Head of Marketing', 'Sales Manager', 'CFO', 'IT Manager', 'Managing Director', 'Procurement Lead', 'Marketing Executive', 'Head of Revenue Operations', 'Office Manager', 'Student'];
export const CONVERSIONS = [
  ['Book a demo', 3],
  ['Contact sales', 2],
  ['Pricing page form', 2],
  ['Whitepaper: Lead routing 101', 4],
  ['Webinar: SLAs that sales keep', 3],
  ['Newsletter signup', 3],
] as const;
export const SOURCES = [
  ['ORGANIC_SEARCH', 5],
  ['PAID_SEARCH', 3],
  ['PAID_SOCIAL', 2],
  ['REFERRALS', 2],
  ['EMAIL_MARKETING', 2],
  ['DIRECT_TRAFFIC', 2],
  ['OFFLINE', 1],
] as const;
export const PERSONAL_DOMAINS = ['gmail.com', 'hotmail.co.uk', 'eircom.net', 'outlook.com'];
