/**
 * Said where an admin would see controls: a missing button should not look like a bug, so the
 * page names the role that has it and the role the reader has.
 */
export function AdminOnly({ what, role }: { what: string; role: string }) {
  return (
    <p className="hint" role="note" data-testid="admin-only">
      Only admins can {what}. You are signed in with the {role} role; ask an admin if you need a
      change.
    </p>
  );
}
