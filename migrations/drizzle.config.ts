import { defineConfig } from 'drizzle-kit';

/**
 * Generates SQL migrations from the runtime's schema: `npm run db:generate -- --name <change>`.
 * Paths are relative to apps/runtime, where the script runs.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: '../../migrations',
});
