import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('has embedded, demo defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, databaseUrl: null, demo: true, mode: 'development' });
    expect(c.dataDir).toMatch(/data$/);
  });
  it('turns demo off on a PostgreSQL server unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).demo).toBe(false);
  });
  it('reports every bad value with a clear message', () => {
    try {
      loadConfig({ PORT: 'eighty', ICSE_DEMO: 'maybe', DATABASE_URL: 'mysql://x', ICSE_MEDIA_KEY: 'abc', NODE_ENV: 'staging' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT="eighty" must be an integer/);
      expect(problems).toMatch(/ICSE_DEMO="maybe"/);
      expect(problems).toMatch(/DATABASE_URL must start with postgres/);
      expect(problems).toMatch(/ICSE_MEDIA_KEY must be 64 hex/);
      expect(problems).toMatch(/NODE_ENV="staging" must be one of/);
    }
  });
  it('refuses production without an audit key, and a malformed one anywhere', () => {
    const key = 'ab'.repeat(32);
    expect(() => loadConfig({ NODE_ENV: 'production', ICSE_DEMO: '0', ICSE_MEDIA_KEY: key })).toThrow(/ICSE_AUDIT_KEY is required when NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: 'production', ICSE_DEMO: '0', ICSE_MEDIA_KEY: key, ICSE_AUDIT_KEY: key }).auditKey).toBe(key);
    expect(() => loadConfig({ ICSE_AUDIT_KEY: 'xyz' })).toThrow(/ICSE_AUDIT_KEY must be 64 hex/);
    expect(() => loadConfig({ ICSE_ROLE: 'cook' })).toThrow(/ICSE_ROLE="cook" must be one of api, worker, all/);
  });
  it('refuses production without a media key or with demo accounts', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ICSE_DEMO: '1' })).toThrow(/ICSE_MEDIA_KEY is required[\s\S]*ICSE_DEMO must be 0/);
  });
});
