// The API's schema and rule messages as the web pages show them: field names and validation rules in words.
import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, fieldWords } from '../../web/src/api.js';

describe('plain-language errors', () => {
  it('turns field names into words', () => {
    expect(['sex_id', 'dateOfBirth', 'forename', 'querystring/maxDistance'].map(fieldWords)).toEqual(['sex', 'date of birth', 'forename', 'max distance']);
  });

  it('says what is wrong with a search or form field instead of the schema rule', () => {
    const v = (m: string) => errorMessage(new ApiError(400, 'validation', m));
    expect(v('invalid querystring: md5 must match pattern "^[0-9a-fA-F]{32}$"')).toBe('Md5 is not in the expected form.');
    expect(v('invalid body: /label must NOT have fewer than 1 characters')).toBe('Label is required.');
    expect(v('invalid querystring: /maxDistance must be <= 64')).toBe('Max distance must be at most 64.');
    expect(v("invalid body: must have required property 'subject'")).toBe('Needs subject.');
  });

  it('lists the particulars a notice lacks in words', () => {
    const e = new ApiError(400, 'bad_request', 'the yellow notice lacks: sex_id, date_of_birth, forename', {
      missing: ['sex_id', 'date_of_birth', 'forename'],
    });
    expect(errorMessage(e)).toBe('the yellow notice is missing: sex, date of birth, forename.');
  });

  it('leaves other messages as the server wrote them', () => {
    expect(errorMessage(new ApiError(409, 'conflict', 'the notice is published, not a draft'))).toBe('the notice is published, not a draft');
  });
});
