import { afterEach, describe, expect, it } from 'vitest';
import { type StorePlace, storeKinds } from '../../../tests/support/stores.ts';
import type { StreamRecord } from '../../domain/schema.ts';
import { committedDataset } from '../testing.ts';
import {
  type AtlasStore,
  StoreConflictError,
  StoreNotFoundError,
  StorePreconditionError,
} from './atlas-store.ts';
import { writeOf } from './store-records.ts';

const newStream = (id: string, resourceId = 'biogas'): StreamRecord => ({
  id,
  companyId: 'fors',
  direction: 'output',
  resourceId,
  status: 'active',
  startYear: null,
  endYear: null,
  quantity: { value: null, unit: 't/yr' },
  source: ['test'],
  verification: 'unverified',
  visibility: 'secretariat',
});

async function forsWrite(store: AtlasStore) {
  const fors = await store.company('fors');
  if (!fors) throw new Error('fors is in the seed');
  return writeOf(fors.record);
}

// Every store keeps the same promises to the API above it: what is specified here holds for SQLite and
// for PostgreSQL alike. What only one of them has (a data directory's lock, a database shared by
// instances) is specified beside that store.
for (const kind of storeKinds()) {
  const title = kind.absent
    ? `the ${kind.name} store (skipped: ${kind.absent}; see the README's "Storage" section to run it)`
    : `the ${kind.name} store`;

  describe.skipIf(kind.absent !== null)(title, () => {
    const places: StorePlace[] = [];
    const open: AtlasStore[] = [];
    const newPlace = async () => {
      const place = await kind.place();
      places.push(place);
      return place;
    };
    const opened = async (place: StorePlace, options?: Parameters<StorePlace['open']>[0]) => {
      const store = await place.open(options);
      open.push(store);
      return store;
    };
    const freshStore = async () => opened(await newPlace());

    afterEach(async () => {
      await Promise.all(open.splice(0).map((store) => store.close()));
      await Promise.all(places.splice(0).map((place) => place.remove()));
    });

    it('creates and seeds the store on first start, and keeps staff changes on later starts', async () => {
      const place = await newPlace();
      let seeds = 0;
      const seed = () => {
        seeds++;
        return committedDataset();
      };
      const first = await place.open({ seed });
      const seeded = await first.snapshot();
      expect(seeded.companies.length).toBe((await committedDataset()).companies.features.length);
      const fors = await forsWrite(first);
      await first.updateCompany(
        'fors',
        () => ({
          properties: { ...fors.properties, name: 'Fors A/S' },
          location: { lon: 11.71, lat: 55.72 },
        }),
        'staff',
      );
      await first.close();

      const second = await opened(place, { seed });
      expect(seeds).toBe(1);
      const reopened = await second.company('fors');
      expect(reopened?.record.properties.name).toBe('Fors A/S');
      expect(reopened?.record.geometry.coordinates).toEqual([11.71, 55.72]);
    });

    it('leaves a new store untouched when the seed fails, so the next start can try again', async () => {
      const place = await newPlace();
      await expect(
        place.open({
          seed: async () => {
            throw new Error('seed data is broken');
          },
        }),
      ).rejects.toThrow('seed data is broken');
      const store = await opened(place);
      expect((await store.snapshot()).companies.length).toBeGreaterThan(0);
    });

    it('never seeds a place that holds something other than an atlas, unless asked to', async () => {
      const place = await newPlace();
      await place.clutter();
      await expect(place.open()).rejects.toThrow(/ATLAS_SEED=1/);
      const store = await opened(place, { explicitSeed: true });
      expect((await store.snapshot()).companies.length).toBeGreaterThan(0);
    });

    it('keeps its snapshot current through its own writes, as a fresh start would read it', async () => {
      const place = await newPlace();
      const store = await place.open();
      await store.snapshot();
      const fors = await forsWrite(store);
      await store.createCompany(
        {
          properties: { ...fors.properties, id: 'aaa-first-by-id', name: 'First' },
          location: { lon: 11.7, lat: 55.7 },
        },
        'staff',
      );
      await store.updateCompany(
        'fors',
        (company) => ({ ...company, properties: { ...company.properties, name: 'F' } }),
        'staff',
      );
      await store.updateStream(
        'fors-in-surplus-heat',
        (stream) => ({ ...stream, status: 'historic' }),
        'staff',
      );
      await store.deleteStream('fors-out-plastic-scrap', 'staff');
      await store.deleteCompany('aaa-first-by-id', 'staff');
      const exchange = (await store.snapshot()).exchanges[0];
      if (!exchange) throw new Error('the seed has exchanges');
      await store.updateExchange(exchange.id, (current) => ({ ...current, notes: 'Noted.' }), 'staff');
      const kept = await store.snapshot();
      expect(kept.writes).toBe(6);
      await store.close();
      const reopened = await opened(place);
      const read = await reopened.snapshot();
      expect(kept.companies).toEqual(read.companies);
      expect(kept.exchanges).toEqual(read.exchanges);
    });

    it('keeps a location to the last decimal', async () => {
      const store = await freshStore();
      const fors = await forsWrite(store);
      const location = { lon: 11.718_273_645_918_27, lat: -55.123_456_789_012_34 };
      await store.updateCompany('fors', () => ({ ...fors, location }), 'staff');
      expect((await store.company('fors'))?.record.geometry.coordinates).toEqual([
        location.lon,
        location.lat,
      ]);
      const inSnapshot = (await store.snapshot()).companies.find((c) => c.properties.id === 'fors');
      expect(inSnapshot?.geometry.coordinates).toEqual([location.lon, location.lat]);
    });

    it('refuses a stream for a resource that does not exist, and writes nothing', async () => {
      const store = await freshStore();
      const before = await store.snapshot();
      await expect(
        store.createStream(newStream('fors-out-unobtainium', 'unobtainium'), 'staff'),
      ).rejects.toThrow(/does not exist/);
      expect((await store.snapshot()).version).toBe(before.version);
      expect(await store.auditLog({ limit: 10 })).toEqual([]);
    });

    it('refuses a duplicate id, an unknown record and deleting a company that takes part in exchanges', async () => {
      const store = await freshStore();
      const fors = await forsWrite(store);
      await expect(store.createCompany(fors, 'staff')).rejects.toBeInstanceOf(StoreConflictError);
      await expect(store.updateCompany('nobody', (c) => c, 'staff')).rejects.toBeInstanceOf(
        StoreNotFoundError,
      );
      await expect(store.deleteStream('no-such-stream', 'staff')).rejects.toBeInstanceOf(StoreNotFoundError);
      await expect(
        store.createStream({ ...newStream('x'), companyId: 'nobody' }, 'staff'),
      ).rejects.toBeInstanceOf(StoreNotFoundError);
      await expect(store.deleteCompany('fors', 'staff')).rejects.toThrow(/takes part in \d+ exchange/);
      expect(await store.company('fors')).not.toBeNull();
      expect(await store.company('nobody')).toBeNull();
    });

    it('counts each record’s versions, and refuses a change made against a version that is not current', async () => {
      const store = await freshStore();
      const created = await store.createStream(newStream('fors-out-test-biogas'), 'staff');
      expect(created.version).toBe(1);
      const changed = await store.updateStream(
        'fors-out-test-biogas',
        (stream) => ({ ...stream, status: 'planned' }),
        'staff',
        [1],
      );
      expect(changed.version).toBe(2);
      const stale = store.updateStream(
        'fors-out-test-biogas',
        (stream) => ({ ...stream, status: 'historic' }),
        'staff',
        [1],
      );
      await expect(stale).rejects.toBeInstanceOf(StorePreconditionError);
      await expect(stale).rejects.toMatchObject({ currentVersion: 2 });
      expect((await store.stream('fors-out-test-biogas'))?.record.status).toBe('planned');
      // A change that changes nothing is no new version and leaves no audit entry.
      const unchanged = await store.updateStream('fors-out-test-biogas', (stream) => stream, 'staff');
      expect(unchanged.version).toBe(2);
      expect((await store.auditLog({ limit: 10, entityId: 'fors-out-test-biogas' })).length).toBe(2);
    });

    it('keeps both changes when two writers change different fields of one record at once', async () => {
      const store = await freshStore();
      for (let round = 0; round < 5; round++) {
        await Promise.all([
          store.updateCompany(
            'fors',
            (c) => ({ ...c, properties: { ...c.properties, name: `Fors ${round}` } }),
            'staff',
          ),
          store.updateCompany(
            'fors',
            (c) => ({ ...c, properties: { ...c.properties, notes: `Round ${round}` } }),
            'partner:fors',
          ),
        ]);
        expect((await store.company('fors'))?.record.properties).toMatchObject({
          name: `Fors ${round}`,
          notes: `Round ${round}`,
        });
      }
    });

    it('keeps all of 30 concurrent writes, each with its audit entry', async () => {
      const store = await freshStore();
      const ids = Array.from({ length: 30 }, (_, n) => `fors-out-concurrent-${n}`);
      await Promise.all(ids.map((id) => store.createStream(newStream(id), 'staff')));
      const fors = await store.company('fors');
      const streamIds = fors?.record.properties.streams.map((stream) => stream.id) ?? [];
      expect(streamIds).toEqual(expect.arrayContaining(ids));
      expect(
        (await store.auditLog({ limit: 100 })).filter((entry) => entry.action === 'create'),
      ).toHaveLength(30);
    });

    it('audits each change by whom, with only the fields an update changed, and pages back through them', async () => {
      const store = await freshStore();
      await store.updateCompany(
        'fors',
        (c) => ({ ...c, properties: { ...c.properties, name: 'Fors A/S' } }),
        'partner:fors',
      );
      await store.createStream(newStream('fors-out-audited'), 'staff');
      await store.deleteStream('fors-out-audited', 'staff');
      const [deleted, created, updated] = await store.auditLog({ limit: 10 });
      expect(updated).toMatchObject({
        actor: 'partner:fors',
        action: 'update',
        entity: 'company',
        entityId: 'fors',
        before: { name: 'Fors A/S (Holbæk)' },
        after: { name: 'Fors A/S' },
      });
      expect(created).toMatchObject({ action: 'create', entity: 'stream', before: null });
      expect(deleted).toMatchObject({ action: 'delete', after: null, before: { id: 'fors-out-audited' } });
      expect(Date.parse(updated?.at ?? '')).not.toBeNaN();
      const older = await store.auditLog({ limit: 10, before: created?.id });
      expect(older.map((entry) => entry.id)).toEqual([updated?.id]);
      expect((await store.auditLog({ limit: 10, entityId: 'fors' })).map((entry) => entry.id)).toEqual([
        updated?.id,
      ]);
    });

    it('keeps partner tokens as hashes, audits issuing and revoking them, and leaves the data version alone', async () => {
      const store = await freshStore();
      const version = (await store.snapshot()).version;
      const tokenHash = 'a'.repeat(64);
      const token = await store.createPartnerToken(
        { id: 'token-1', companyId: 'fors', label: 'Fors staff', tokenHash },
        'staff',
      );
      expect(token).toMatchObject({
        id: 'token-1',
        companyId: 'fors',
        label: 'Fors staff',
        createdBy: 'staff',
      });
      expect(await store.findPartnerToken(tokenHash)).toEqual(token);
      expect(await store.findPartnerToken('b'.repeat(64))).toBeNull();
      expect(await store.listPartnerTokens()).toEqual([token]);
      await expect(
        store.createPartnerToken(
          { id: 'token-2', companyId: 'nobody', label: null, tokenHash: 'c'.repeat(64) },
          'staff',
        ),
      ).rejects.toBeInstanceOf(StoreNotFoundError);
      await store.deletePartnerToken('token-1', 'staff');
      expect(await store.findPartnerToken(tokenHash)).toBeNull();
      const entries = await store.auditLog({ limit: 10 });
      expect(entries.map((entry) => entry.action)).toEqual(['delete', 'create']);
      expect(JSON.stringify(entries)).not.toContain(tokenHash);
      expect((await store.snapshot()).version).toBe(version);
    });

    it('keeps the secretariat’s working records beside the dataset: audited, versioned, never in a snapshot', async () => {
      const store = await freshStore();
      const before = await store.snapshot();
      const doc = { exchangeId: 'x01', stage: 'idea', owner: null, notes: [] };
      const created = await store.createWorkRecord('pipeline', 'x01', doc, 'staff');
      expect(created).toMatchObject({ version: 1, record: { kind: 'pipeline', id: 'x01', doc } });
      await expect(store.createWorkRecord('pipeline', 'x01', doc, 'staff')).rejects.toBeInstanceOf(
        StoreConflictError,
      );
      // The same id under another kind is another record.
      await store.createWorkRecord('scenario', 'x01', { name: 'What if' }, 'staff');

      const moved = await store.updateWorkRecord(
        'pipeline',
        'x01',
        (current) => ({ ...current, stage: 'screening' }),
        'staff',
        [1],
      );
      expect(moved.version).toBe(2);
      expect(moved.record.doc).toEqual({ ...doc, stage: 'screening' });
      expect(moved.record.createdAt).toBe(created.record.createdAt);
      await expect(
        store.updateWorkRecord('pipeline', 'x01', (current) => ({ ...current, owner: 'AB' }), 'staff', [1]),
      ).rejects.toBeInstanceOf(StorePreconditionError);
      await expect(
        store.updateWorkRecord('pipeline', 'nothing', (current) => current, 'staff'),
      ).rejects.toBeInstanceOf(StoreNotFoundError);
      // A change that changes nothing is no new version and no audit entry.
      expect((await store.updateWorkRecord('pipeline', 'x01', (current) => current, 'staff')).version).toBe(
        2,
      );

      expect((await store.workRecords('pipeline')).map((stored) => stored.record.doc)).toEqual([
        { ...doc, stage: 'screening' },
      ]);
      expect((await store.workRecord('scenario', 'x01'))?.record.doc).toEqual({ name: 'What if' });
      expect(await store.workRecord('registration', 'x01')).toBeNull();

      const entries = await store.auditLog({ limit: 10, entityId: 'x01' });
      expect(entries.map((entry) => [entry.action, entry.entity])).toEqual([
        ['update', 'pipeline'],
        ['create', 'scenario'],
        ['create', 'pipeline'],
      ]);
      expect(entries[0]).toMatchObject({ before: { stage: 'idea' }, after: { stage: 'screening' } });

      const after = await store.snapshot();
      expect(after.version).toBe(before.version);
      expect(JSON.stringify(after)).not.toContain('What if');
    });

    it('lets two writers of one working record both keep their change', async () => {
      const store = await freshStore();
      await store.createWorkRecord('pipeline', 'x02', { owner: null, notes: [] }, 'staff');
      await Promise.all(
        ['first', 'second', 'third'].map((text) =>
          store.updateWorkRecord(
            'pipeline',
            'x02',
            (current) => ({ ...current, notes: [...(current.notes as string[]), text] }),
            'staff',
          ),
        ),
      );
      const stored = await store.workRecord('pipeline', 'x02');
      expect([...((stored?.record.doc.notes as string[] | undefined) ?? [])].sort()).toEqual([
        'first',
        'second',
        'third',
      ]);
      expect(stored?.version).toBe(4);
    });

    it('reports itself healthy while it can read and write', async () => {
      const store = await freshStore();
      expect(await store.health()).toEqual({ ok: true });
      expect((await store.resources()).length).toBeGreaterThan(0);
    });
  });
}
