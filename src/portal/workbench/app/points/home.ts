import { extensionPoint } from '../../ui/hubspot.js';

// Evaluated just before the extension's entry module (ES modules run in import order).
extensionPoint('home');
