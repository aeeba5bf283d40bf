/**
 * The Settings page's sub-pages. Each is a URL (`/settings/<slug>`) so a tab can be bookmarked and
 * linked from elsewhere (an alert's "manage rules" link), and back/forward move between them.
 */
export const SETTINGS_TABS = [
  { slug: 'general', label: 'General', adminOnly: false },
  { slug: 'users', label: 'Users', adminOnly: true },
  { slug: 'tokens', label: 'API tokens', adminOnly: true },
  { slug: 'audit', label: 'Audit log', adminOnly: true },
  { slug: 'alerts', label: 'Alerts', adminOnly: false },
] as const;

export type SettingsTab = (typeof SETTINGS_TABS)[number]['slug'];

/** The tab a URL segment names; General for none or an unknown one. */
export function settingsTab(segment: string | undefined): SettingsTab {
  return SETTINGS_TABS.find((t) => t.slug === segment)?.slug ?? 'general';
}
