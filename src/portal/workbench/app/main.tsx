// The workbench page. The extension points name each card before its real entry module registers
// it with `hubspot.extend` (ES modules evaluate in import order).
import './points/contactCard.js';
import '../../../app/cards/ContactHandoffCard.js';
import './points/dealCard.js';
import '../../../app/cards/DealOriginCard.js';
import './points/home.js';
import '../../../app/pages/Pages.js';
import { createRoot } from 'react-dom/client';
import { Workbench } from './Workbench.js';

createRoot(document.getElementById('root')!).render(<Workbench />);
