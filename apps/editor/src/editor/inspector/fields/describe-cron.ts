import cronstrue from 'cronstrue';

/**
 * A cron pattern in words ("At 09:00 AM, Monday through Friday"), or the parser's complaint, so
 * a schedule can be read before it fires at 3 a.m. by surprise. Six fields mean leading seconds,
 * as the runtime reads them.
 */
export function describeCron(pattern: string): { text: string | null; error: string | null } {
  const trimmed = pattern.trim();
  if (!trimmed) return { text: null, error: null };
  try {
    return { text: cronstrue.toString(trimmed, { use24HourTimeFormat: true }), error: null };
  } catch (err) {
    return { text: null, error: String(err).replace(/^Error: /, '') };
  }
}
