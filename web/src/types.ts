// Shapes of the API answers the pages use (see /openapi.json and the modules' presenters).
export interface MediaSummary {
  id: number;
  sha256: string;
  md5: string | null;
  sha1: string | null;
  pdq: string | null;
  mediaType: 'image' | 'video';
  format: string | null;
  width: number | null;
  height: number | null;
  seriesId: number | null;
  category: number | null;
  hashOnly: boolean;
  cameraMake: string | null;
  cameraModel: string | null;
  capturedAt: string | null;
  ownerCountry: string;
  thumbnail: string | null;
}

export interface Series {
  id: number;
  number: string;
  name: string;
  description: string;
  status: 'active' | 'closed';
  caseId: number | null;
  baseline: boolean;
  ownerCountry: string;
  ownerAgencyId: number;
  distribution: string;
  sharedWith: string[];
  createdAt: string;
  updatedAt: string;
  counts?: {
    media: number;
    victims: number;
    victimsIdentified: number;
    victimsRescued: number;
    offenders: number;
    offendersIdentified: number;
    places: number;
  };
}

export interface Entity {
  id: number;
  type: 'victim' | 'offender' | 'place';
  seriesId: number;
  ownerCountry: string;
  ownerAgencyId: number;
  distribution: string;
  sharedWith: string[];
  createdAt: string;
  label?: string;
  notes?: string;
  identified?: boolean;
  identifiedByCountry?: string | null;
  identifiedAt?: string | null;
  updatedAt?: string;
  rescued?: boolean;
  rescuedAt?: string | null;
  description?: string;
  clues?: string;
  countryGuess?: string | null;
  mediaIds?: number[];
}

export const VICS: Record<number, string> = {
  0: 'non-pertinent',
  1: 'child abuse material',
  2: 'exploitive / age difficult',
  3: 'CGI / animation',
  4: 'comparison',
};

export interface Votes {
  consensus: number | null;
  consensusLabel: string | null;
  status: string;
  rule: string;
  tally: Record<string, number>;
  myVote: number | null;
  votes: Array<{ category: number; country: string; mine: boolean; analyst: string | null; at: string }>;
}
