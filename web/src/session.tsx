// The signed-in user (GET /auth/me) and their wellness settings, shared by every page.
import { createContext, useContext } from 'react';

export type Role = 'investigator' | 'analyst' | 'ncb_officer' | 'dpo' | 'admin';

export interface WellnessSettings {
  blur: number;
  greyscale: boolean;
  muteVideos: boolean;
}
export const DEFAULT_SETTINGS: WellnessSettings = { blur: 16, greyscale: true, muteVideos: true };

export interface Me {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  countryCode: string;
  agencyId: number;
  isHub: boolean;
  certifiedUntil: string | null;
  totpEnabled: boolean;
  settings: Partial<WellnessSettings>;
  agencyName: string | null;
  countryName: string | null;
  ncbName: string | null;
}

export interface Session {
  me: Me;
  settings: WellnessSettings;
  setMe(me: Me): void;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

export function wellness(me: Me): WellnessSettings {
  return { ...DEFAULT_SETTINGS, ...me.settings };
}

export const CASE_ROLES: Role[] = ['investigator', 'analyst', 'ncb_officer'];
export const roleLabel = (r: Role) =>
  ({ investigator: 'Investigator', analyst: 'Analyst', ncb_officer: 'NCB officer', dpo: 'Data protection officer', admin: 'Administrator' })[r];
