// Money in integer minor units: the pure functions live in src/shared/money.ts, shared with the web pages.
export * from '../shared/money.js';
