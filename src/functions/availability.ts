import type { AvailabilitySetView } from '../handlers/agreement/agreementViews.js';
import { forwardToServer } from './functionHost.js';

/** App function "handoff_availability": out of office or capacity set from the policy page. */
export const main = forwardToServer<AvailabilitySetView>('availability');
