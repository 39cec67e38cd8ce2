// Vocabulary of collaboration: what a comment may be on (tables comments, consultations, consultation_messages and
// notifications in src/db/schema.gen.ts).
export type CommentTarget = 'media' | 'series' | 'victim';
