import { z } from 'zod';

/**
 * Optional URL the connection test calls (GET) to check the credentials; any 2xx answer passes.
 * Kept on the connection, not on a node, because it belongs to the service, not to one flow.
 */
export const testUrlField = z
  .url({ protocol: /^https?$/, error: 'an absolute http:// or https:// URL' })
  .max(2048)
  .optional()
  .meta({
    title: 'Test URL',
    description: 'Called with GET by "Test connection"; a 2xx answer means the credentials work.',
    placeholder: 'https://api.example.com/v1/me',
  });
