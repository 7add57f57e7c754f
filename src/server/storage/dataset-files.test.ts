import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetFileError, readDatasetBoundaries } from './dataset-files.ts';

const empty = mkdtempSync(join(tmpdir(), 'atlas-geodata-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe('readDatasetBoundaries', () => {
  it('reads the committed municipality outlines, with a name for every municipality', async () => {
    const outlines = await readDatasetBoundaries();
    const names = new Map(outlines.features.map((f) => [f.properties.komkode, f.properties.name]));
    expect([names.get('0326'), names.get('0316'), names.get('0306')]).toEqual([
      'Kalundborg',
      'Holbæk',
      'Odsherred',
    ]);
  });

  it('refuses a geodata directory without them, so validation cannot silently skip the municipality check', async () => {
    await expect(readDatasetBoundaries(empty)).rejects.toThrow(DatasetFileError);
    await expect(readDatasetBoundaries(empty)).rejects.toThrow(/municipalities\.geojson/);
  });
});
