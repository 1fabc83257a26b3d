export * from './account.js';
export * from './companyName.js';
export * from './countries.js';
export * from './domains.js';
export * from './matchAccount.js';
