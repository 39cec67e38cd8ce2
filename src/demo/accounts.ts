// Documented demo accounts (README). Created only in demo mode; production refuses to start with them.
import type { Role } from '../access/principal.js';

export const DEMO_PASSWORD = 'demo-password';
/** Fixed TOTP secret of the one demo account that shows the second factor (README explains how to get codes). */
export const DEMO_TOTP_SECRET = 'ICSEDEMOTOTPSECRETFRINVESTIGATOR';

export const DEMO_COUNTRIES = [
  { code: 'FR', name: 'France', ncbName: 'NCB Paris', agencies: ['OFMIN (Office mineurs)'] },
  { code: 'DE', name: 'Germany', ncbName: 'NCB Wiesbaden', agencies: ['BKA SO12'] },
  { code: 'BR', name: 'Brazil', ncbName: 'NCB Brasília', agencies: ['Polícia Federal NUCAM'] },
  { code: 'XG', name: 'General Secretariat (hub)', ncbName: 'Crimes Against Children unit', agencies: [], isHub: true },
] as const;

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  country: string;
  agency?: string;
  totp?: boolean;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'fr.investigator@demo.icse', name: 'Camille Martin', role: 'investigator', country: 'FR', agency: 'OFMIN (Office mineurs)', totp: true },
  { email: 'fr.analyst@demo.icse', name: 'Louis Bernard', role: 'analyst', country: 'FR', agency: 'OFMIN (Office mineurs)' },
  { email: 'fr.ncb@demo.icse', name: 'Inès Petit', role: 'ncb_officer', country: 'FR' },
  { email: 'de.investigator@demo.icse', name: 'Jonas Weber', role: 'investigator', country: 'DE', agency: 'BKA SO12' },
  { email: 'de.analyst@demo.icse', name: 'Lena Fischer', role: 'analyst', country: 'DE', agency: 'BKA SO12' },
  { email: 'de.ncb@demo.icse', name: 'Jan Hoffmann', role: 'ncb_officer', country: 'DE' },
  { email: 'br.investigator@demo.icse', name: 'Ana Souza', role: 'investigator', country: 'BR', agency: 'Polícia Federal NUCAM' },
  { email: 'hub.analyst@demo.icse', name: 'Sam Okafor', role: 'analyst', country: 'XG' },
  { email: 'dpo@demo.icse', name: 'Dana Privacy', role: 'dpo', country: 'XG' },
  { email: 'admin@demo.icse', name: 'Alex Admin', role: 'admin', country: 'XG' },
];
