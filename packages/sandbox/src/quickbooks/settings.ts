/**
 * Behaviours of the simulated QuickBooks Online company that tests may change.
 * @module
 */

/** Settings of a simulated QuickBooks Online company. */
export interface QuickbooksSimulatorSettings {
  /** Access token lifetime; Intuit issues one-hour tokens. */
  accessTokenLifetimeSeconds: number;
  /** Refresh token lifetime reported as `x_refresh_token_expires_in` (about 100 days). */
  refreshTokenLifetimeSeconds: number;
  /**
   * When a refresh returns a new refresh token: on every refresh (strict: the old value stops
   * working at once, so a client that forgets to store the new one fails its next refresh), or
   * once a day as Intuit documents it.
   */
  refreshTokenRotation: 'every-refresh' | 'daily';
  /** Requests per minute per company before HTTP 429 (Intuit: 500). */
  requestsPerMinute: number;
  /** The company's "warn on duplicate document numbers" preference, on by default here. */
  rejectDuplicateDocNumbers: boolean;
  /** Minor versions below this are served as this one (Intuit retired older ones). */
  minimumMinorVersion: number;
  /** Redirect URIs the app registered; empty accepts any http(s) URI (handy in tests). */
  redirectUris: string[];
}

/** The defaults described above. */
export function defaultQuickbooksSettings(): QuickbooksSimulatorSettings {
  return {
    accessTokenLifetimeSeconds: 3600,
    refreshTokenLifetimeSeconds: 8_726_400,
    refreshTokenRotation: 'every-refresh',
    requestsPerMinute: 500,
    rejectDuplicateDocNumbers: true,
    minimumMinorVersion: 75,
    redirectUris: [],
  };
}
