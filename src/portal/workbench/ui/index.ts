// What `@hubspot/ui-extensions` resolves to in the workbench bundle (an esbuild alias).
export * from './components.js';
export { hubspot } from './hubspot.js';
