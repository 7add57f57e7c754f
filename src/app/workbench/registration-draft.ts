import { create } from 'zustand';

/** A site picked on the map, with the municipality the map says it lies in (when the outlines are drawn). */
export interface PickedSite {
  lon: number;
  lat: number;
  municipality: string | null;
}

/**
 * Where the registration form's site is: picked by a click on the map, which App hands here (the map's click
 * is App's, as for staff placing a company), and read by the form and its pin. Not in the URL.
 */
interface RegistrationSiteState {
  site: PickedSite | null;
  setSite(site: PickedSite | null): void;
}

export const useRegistrationSite = create<RegistrationSiteState>()((set) => ({
  site: null,
  setSite: (site) => set({ site }),
}));
