import { client, unwrap } from './client';

/** Runtime settings for signed-in users: the public base URL of trigger endpoints. */
export function getSettings() {
  return unwrap(client.api.settings.$get());
}

export type RuntimeSettings = Awaited<ReturnType<typeof getSettings>>;
