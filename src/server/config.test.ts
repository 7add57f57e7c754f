import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.ts';

describe('server configuration', () => {
  it('defaults to port 8080 on the loopback interface with data in ./data', () => {
    const config = readConfig({}, '/srv/atlas');
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.resolve('/srv/atlas/data'));
  });

  it('takes PORT, HOST and DATA_DIR from the environment', () => {
    const config = readConfig({ PORT: '9090', HOST: '0.0.0.0', DATA_DIR: '/var/lib/atlas' }, '/srv/atlas');
    expect(config).toMatchObject({ port: 9090, host: '0.0.0.0', dataDir: '/var/lib/atlas' });
  });

  it('takes the secretariat’s contact address, and refuses one that is not an address', () => {
    expect(readConfig({ ATLAS_CONTACT_EMAIL: 'symbiose@example.dk' }).contactEmail).toBe(
      'symbiose@example.dk',
    );
    expect(readConfig({}).contactEmail).toBeNull();
    expect(() => readConfig({ ATLAS_CONTACT_EMAIL: 'call us' })).toThrow(ConfigError);
  });

  it('limits requests and connections for a network, and rates only off loopback unless told', () => {
    const local = readConfig({});
    expect(local.limits).toMatchObject({ maxConnections: 512, rate: null });
    expect(local.limits.headersTimeoutMs).toBeLessThanOrEqual(10_000);
    expect(local.limits.requestTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(readConfig({ HOST: '0.0.0.0' }).limits.rate).toEqual({
      writesPerMinute: 120,
      heavyReadsPerMinute: 300,
    });
    expect(readConfig({ HOST: '0.0.0.0', ATLAS_RATE_LIMIT: 'off' }).limits.rate).toBeNull();
    expect(readConfig({ ATLAS_RATE_LIMIT: 'on', ATLAS_WRITES_PER_MINUTE: '5' }).limits.rate).toMatchObject({
      writesPerMinute: 5,
    });
    expect(() => readConfig({ ATLAS_RATE_LIMIT: 'maybe' })).toThrow(ConfigError);
    expect(() => readConfig({ ATLAS_MAX_CONNECTIONS: '0' })).toThrow(ConfigError);
  });

  it('rejects a PORT that is not a port number', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readConfig({ PORT: '70000' })).toThrow(/between 0 and 65535/);
  });
});
