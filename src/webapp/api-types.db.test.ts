// The web application's API types are generated from the server's own /openapi.json (openapi-typescript) into
// web/src/api-types.ts. This test fails when the file is stale; `npm run web:api-types` regenerates it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';

const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src/api-types.ts');
const HEADER = '// Generated from /openapi.json by openapi-typescript (npm run web:api-types). Do not edit by hand.\n/* eslint-disable */\n';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

export async function generateApiTypes(doc: unknown): Promise<string> {
  const ast = await openapiTS(doc as never, { alphabetize: true });
  return HEADER + astToString(ast);
}

describe('web API types', () => {
  it('web/src/api-types.ts is generated from the current /openapi.json', async () => {
    const doc = (await sys.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const text = await generateApiTypes(doc);
    if (process.env.UPDATE_API_TYPES === '1') fs.writeFileSync(FILE, text);
    const current = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : '';
    expect(current === text, 'web/src/api-types.ts is stale: run `npm run web:api-types`').toBe(true);
    // The types describe the routes the pages call.
    for (const p of ['/api/v1/consultations/{id}/messages', '/api/v1/audit', '/api/v1/seizures/{id}/triage', '/api/v1/home/seizures'])
      expect(text).toContain(`"${p}"`);
  });
});
