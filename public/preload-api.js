// Starts the first screen's API reads while the app's JavaScript is still loading, so the data is there when
// the app asks for it (the browser hands a preloaded response to the matching fetch). Only for visitors
// without a staff token: staff requests carry the token and would not match, so their preload would be
// fetched twice. The storage key is owned by src/app/api/session.ts (a unit test keeps the two equal).
(() => {
  let staff = false;
  try {
    staff = sessionStorage.getItem('symbiosis-atlas.staff-token') !== null;
  } catch {
    // No storage (private mode): no token either.
  }
  if (staff) return;
  for (const path of ['/api/basemap', '/api/resources', '/api/map/companies', '/api/exchanges']) {
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = path;
    document.head.append(link);
  }
})();
