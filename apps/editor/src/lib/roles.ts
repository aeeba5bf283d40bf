const ORDER = ['viewer', 'operator', 'editor', 'admin'];

/** Whether `role` includes the rights of `needed` (admin ⊃ editor ⊃ operator ⊃ viewer). */
export function hasRole(role: string, needed: 'viewer' | 'operator' | 'editor' | 'admin'): boolean {
  return ORDER.indexOf(role) >= ORDER.indexOf(needed);
}
