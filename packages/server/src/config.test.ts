import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe(loadConfig.name, () => {
  it('defaults to port 8080, ./data and the embedded SQLite file', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, databaseUrl: undefined, cookieSecure: true, sessionIdleMs: 15 * 60_000 });
    expect(c.dataDir).toMatch(/data$/);
  });

  it('takes PORT, IPT_DATA_DIR and DATABASE_URL from the environment', () => {
    const c = loadConfig({ PORT: '9000', IPT_DATA_DIR: '/srv/ipt', DATABASE_URL: 'postgres://db/ipt' });
    expect(c).toMatchObject({ port: 9000, dataDir: '/srv/ipt', databaseUrl: 'postgres://db/ipt' });
  });

  it('stops with a message naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT:/);
      expect((err as Error).message).toMatch(/DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL/);
    }
  });
});
