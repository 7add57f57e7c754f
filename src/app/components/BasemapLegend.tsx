import { type BasemapManifest, regionMunicipalities } from '../../domain/basemap.ts';
import { basemapPalette } from '../../map/basemap-palette.ts';

/** What the basemap's own colours mean; thematic layers add their legends beside it. */
export function BasemapLegend({ manifest }: { manifest: BasemapManifest }) {
  return (
    <section className="legend" aria-labelledby="basemap-legend-title">
      <h2 id="basemap-legend-title">Map</h2>
      <ul>
        {manifest.municipalities
          ? regionMunicipalities.map((municipality) => (
              <li key={municipality.code}>
                <span
                  className="swatch"
                  style={{
                    background: basemapPalette.regionFill[municipality.code],
                    borderColor: basemapPalette.municipalityLineRegion,
                  }}
                  aria-hidden="true"
                />
                {municipality.name} Municipality
              </li>
            ))
          : null}
        <li>
          <span
            className="swatch swatch-dot"
            style={{ background: basemapPalette.placeDot }}
            aria-hidden="true"
          />
          Town
        </li>
        <li>
          <span className="swatch" style={{ background: basemapPalette.sea }} aria-hidden="true" />
          Sea and lakes
        </li>
      </ul>
      {manifest.municipalities ? null : (
        <p className="legend-note">Municipality outlines are not installed on this server.</p>
      )}
    </section>
  );
}
