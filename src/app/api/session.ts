import { create } from 'zustand';

/** Also read by public/preload-api.js, which runs before the app (its spec keeps the two equal). */
export const staffTokenStorageKey = 'symbiosis-atlas.staff-token';

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(staffTokenStorageKey);
  } catch {
    return null;
  }
}

/**
 * The staff token, entered once per browser session. Session storage (not local storage) so it is gone when
 * the presentation laptop's browser closes.
 */
interface SessionState {
  staffToken: string | null;
  /** Staff previewing the map as the public sees it: requests go out without the token. */
  previewAsPublic: boolean;
  signIn(token: string): void;
  signOut(): void;
  setPreviewAsPublic(preview: boolean): void;
}

export const useSession = create<SessionState>()((set) => ({
  staffToken: readStoredToken(),
  previewAsPublic: false,
  signIn: (token) => {
    try {
      sessionStorage.setItem(staffTokenStorageKey, token);
    } catch {
      // Private mode without storage: the token lives until the page is reloaded.
    }
    set({ staffToken: token, previewAsPublic: false });
  },
  signOut: () => {
    try {
      sessionStorage.removeItem(staffTokenStorageKey);
    } catch {
      // Nothing stored.
    }
    set({ staffToken: null, previewAsPublic: false });
  },
  setPreviewAsPublic: (previewAsPublic) => set({ previewAsPublic }),
}));

/** The token to send now, or null when signed out or previewing as the public. */
export function activeToken(state: Pick<SessionState, 'staffToken' | 'previewAsPublic'>): string | null {
  return state.previewAsPublic ? null : state.staffToken;
}
