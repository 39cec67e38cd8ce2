// Vocabulary of migrations/021_places.sql (tables media_features, place_links and places in src/db/schema.gen.ts).
export type PlaceLinkStatus = 'suggested' | 'confirmed' | 'rejected';
