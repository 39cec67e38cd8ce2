// The signed-in user (GET /auth/me) and their wellness settings, shared by every page.
import { createContext, useContext } from 'react';
import type { paths } from './api-types.js';

export type Role = Me['role'];

// A type, not an interface: it is stored in the user's open settings object (an index signature).
export type WellnessSettings = {
  blur: number;
  greyscale: boolean;
  muteVideos: boolean;
};
export const DEFAULT_SETTINGS: WellnessSettings = { blur: 16, greyscale: true, muteVideos: true };

/** The signed-in user as /auth/me answers (generated from the route's schema). */
export type Me = paths['/api/v1/auth/me']['get']['responses'][200]['content']['application/json'];

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
