/**
 * Builds the basemap layers into geodata/ (see README, "Data sources").
 *
 *   npm run geodata                      all layers: coastline (needs GMT), places, municipalities
 *   npm run geodata -- --only municipalities   just the DAGI outlines (run by every build)
 *
 * Idempotent: the same inputs give byte-identical files. Coastline, lakes and places are committed; the
 * municipality layers come from the DAGI file named by GEODATA_DAGI and go to the git-ignored geodata/dagi/.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serializeFeatureCollection } from './geojson-utils.ts';
import { DagiInputError, deriveMunicipalityLayers, readGeoJsonCollection } from './municipalities.ts';
import { placesToGeoJson } from './places.ts';
import { placeEntries } from './places-list.ts';

const layerNames = ['coastline', 'places', 'municipalities'] as const;
type LayerName = (typeof layerNames)[number];

const projectRoot = path.resolve(import.meta.dirname, '../../..');
const geodataDir = path.join(projectRoot, 'geodata');

async function writeLayerFile(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  const kb = (Buffer.byteLength(content) / 1024).toFixed(1);
  console.log(`  wrote ${path.relative(projectRoot, file)} (${kb} kB)`);
}

async function buildCoastlineLayer(): Promise<void> {
  const { buildCoastline, isGmtAvailable } = await import('./coastline.ts');
  if (!(await isGmtAvailable())) {
    console.log('  coastline: GMT is not installed; keeping the committed land and lakes');
    console.log('  (to rebuild them: apt-get install gmt gmt-gshhg-full, then npm run geodata)');
    return;
  }
  const summary = await buildCoastline({ outDir: geodataDir });
  console.log('  coastline:', JSON.stringify(summary));
}

async function buildPlaces(): Promise<void> {
  await writeLayerFile(
    path.join(geodataDir, 'places.geojson'),
    serializeFeatureCollection(placesToGeoJson(placeEntries)),
  );
}

async function buildMunicipalities(): Promise<void> {
  const dagiPath = process.env.GEODATA_DAGI;
  if (!dagiPath) {
    console.log(
      '  municipalities: keeping the committed outlines (set GEODATA_DAGI to the DAGI file to rebuild)',
    );
    return;
  }
  const file = path.resolve(dagiPath);
  if (!existsSync(file)) throw new DagiInputError(`GEODATA_DAGI points to ${file}, which does not exist`);
  const land = await readGeoJsonCollection(path.join(geodataDir, 'land.geojson'));
  const layers = await deriveMunicipalityLayers(await readGeoJsonCollection(file), land);
  await writeLayerFile(
    path.join(geodataDir, 'municipalities.geojson'),
    serializeFeatureCollection(layers.areas),
  );
  await writeLayerFile(
    path.join(geodataDir, 'municipality-borders.geojson'),
    serializeFeatureCollection(layers.borders),
  );
  await writeLayerFile(
    path.join(geodataDir, 'municipality-labels.geojson'),
    serializeFeatureCollection(layers.labels),
  );
}

const builders: Record<LayerName, () => Promise<void>> = {
  coastline: buildCoastlineLayer,
  places: buildPlaces,
  municipalities: buildMunicipalities,
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } } });
  const requested = values.only ?? [...layerNames];
  const unknown = requested.filter((name) => !layerNames.includes(name as LayerName));
  if (unknown.length > 0) {
    throw new Error(`unknown layer(s) ${unknown.join(', ')}; choose from ${layerNames.join(', ')}`);
  }
  for (const name of requested as LayerName[]) {
    console.log(`geodata: ${name}`);
    await builders[name]();
  }
}

main().catch((error: unknown) => {
  console.error(`geodata build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
