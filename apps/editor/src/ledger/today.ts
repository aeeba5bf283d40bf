/**
 * Today's calendar date in the browser's time zone as `YYYY-MM-DD`. `toISOString()` would give
 * the UTC date, which is tomorrow for an evening in the Americas and would date entries wrongly.
 */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
