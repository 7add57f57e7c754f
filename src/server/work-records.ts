import type { z } from 'zod';
import type {
  Actor,
  AtlasStore,
  ExpectedVersions,
  Versioned,
  WorkDoc,
  WorkKind,
  WorkRecord,
} from './storage/atlas-store.ts';

/** A working record as the routes use it: its document read back through its kind's schema. */
export interface WorkItem<T> {
  id: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  record: T;
}

function itemOf<T>(schema: z.ZodType<T>, stored: Versioned<WorkRecord>): WorkItem<T> {
  const { id, createdAt, updatedAt, doc } = stored.record;
  return { id, createdAt, updatedAt, version: stored.version, record: schema.parse(doc) };
}

/**
 * Typed access to one kind of working record. Every document is validated by the schema on the way in and
 * on the way out, so a route never sees a shape its kind does not declare.
 */
export function workRecordsOf<T extends WorkDoc>(store: AtlasStore, kind: WorkKind, schema: z.ZodType<T>) {
  return {
    async list(): Promise<WorkItem<T>[]> {
      return (await store.workRecords(kind)).map((stored) => itemOf(schema, stored));
    },
    async get(id: string): Promise<WorkItem<T> | null> {
      const stored = await store.workRecord(kind, id);
      return stored ? itemOf(schema, stored) : null;
    },
    async create(id: string, record: T, actor: Actor): Promise<WorkItem<T>> {
      return itemOf(schema, await store.createWorkRecord(kind, id, schema.parse(record), actor));
    },
    /** `change` may throw to refuse the change; nothing is written then. */
    async update(
      id: string,
      change: (current: T) => T,
      actor: Actor,
      expected?: ExpectedVersions,
    ): Promise<WorkItem<T>> {
      const written = await store.updateWorkRecord(
        kind,
        id,
        (doc) => schema.parse(change(schema.parse(doc))),
        actor,
        expected,
      );
      return itemOf(schema, written);
    },
  };
}
