import { useBasemapManifest } from './api/queries.ts';
import { AtlasMapView } from './components/AtlasMapView.tsx';
import { BasemapLegend } from './components/BasemapLegend.tsx';

export function App() {
  const basemap = useBasemapManifest();

  return (
    <div className="app">
      <header className="top-bar">
        <h1>
          Symbiosis Atlas
          <span className="subtitle">Kalundborg · Holbæk · Odsherred</span>
        </h1>
      </header>
      <main className="map-stage">
        {basemap.data ? <AtlasMapView manifest={basemap.data} /> : <div className="atlas-map" />}
        {basemap.isPending ? (
          <p className="status-banner" role="status">
            Loading the map…
          </p>
        ) : null}
        {basemap.isError ? (
          <div className="status-banner status-error" role="alert">
            <p>Could not load the map: {basemap.error.message}</p>
            <button type="button" onClick={() => void basemap.refetch()}>
              Try again
            </button>
          </div>
        ) : null}
        {basemap.data ? <BasemapLegend manifest={basemap.data} /> : null}
      </main>
    </div>
  );
}
