// Given names and surnames for the demo contacts, by country (faker's en_IE and en_GB locales
// carry no person names, and American ones would look wrong in an Irish or British CRM).
export const NAMES = {
  Ireland: {
    first: ['Aoife', 'Ciarán', 'Niamh', 'Seán', 'Orla', 'Conor', 'Sinéad', 'Darragh', 'Róisín', 'Eoin', 'Gráinne', 'Cian', 'Saoirse', 'Oisín', 'Clodagh', 'Pádraig', 'Áine', 'Fionn', 'Caoimhe', 'Tadhg', 'Emma', 'Jack', 'Grace', 'James', 'Sarah', 'Michael', 'Laura', 'David', 'Ciara', 'Declan'],
    last: ['Murphy', 'Kelly', "O'Sullivan", 'Walsh', 'Smith', "O'Brien", 'Byrne', 'Ryan', "O'Connor", "O'Neill", 'Reilly', 'Doyle', 'McCarthy', 'Gallagher', 'Doherty', 'Kennedy', 'Lynch', 'Murray', 'Quinn', 'Moore', 'McLoughlin', 'Carroll', 'Connolly', 'Daly', 'Nolan', 'Brennan', 'Burke', 'Collins', 'Fitzgerald', 'Healy'],
  },
  'United Kingdom': {
    first: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Olivia', 'Callum', 'Eilidh', 'Rhys', 'Megan', 'Ffion', 'Dylan', 'Sophie', 'Thomas', 'Charlotte', 'Jack', 'Emily', 'William', 'Jessica', 'Mohammed', 'Priya', 'Hamish', 'Morag', 'Gareth', 'Siân', 'Ruth', 'Ben', 'Hannah', 'Liam', 'Chloe'],
    last: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Campbell', 'Stewart', 'MacDonald', 'Patel', 'Khan', 'Hughes', 'Edwards', 'Lewis', 'Morgan', 'McLaughlin'],
  },
} as const;
