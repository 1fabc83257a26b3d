import { contactName } from '../../src/domain/labels/contactName.js';

// One rule names a contact everywhere Handoff shows one.
describe('contactName', () => {
  it.each([
    [{ firstname: 'Aoife', lastname: 'Byrne', email: 'aoife@harbour.ie' }, 'Aoife Byrne'],
    [{ firstname: 'Aoife', email: 'aoife@harbour.ie' }, 'Aoife'],
    [{ lastname: 'Byrne' }, 'Byrne'],
    [{ firstname: '  ', lastname: '', email: 'aoife@harbour.ie' }, 'aoife@harbour.ie'],
    [{ email: null }, 'Contact 101'],
    [{}, 'Contact 101'],
  ])('%j → %s', (properties, name) => {
    expect(contactName(properties, '101')).toBe(name);
  });
});
