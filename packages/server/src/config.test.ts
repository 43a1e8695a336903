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

  it('believes X-Forwarded-For only from the proxies IPT_TRUST_PROXY names', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ IPT_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ IPT_TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,loopback,::1' }).trustProxy).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      'loopback',
      '::1',
    ]);
    for (const bad of ['true', '*', '2', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/8']) {
      expect(() => loadConfig({ IPT_TRUST_PROXY: bad }), bad).toThrow(/IPT_TRUST_PROXY must be the proxies/);
    }
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
