/**
 * The QuickBooks Online connection: an Intuit app's OAuth 2.0 client credentials, the company
 * (realm) it was authorized for and the refresh token that authorization produced. The client
 * secret and refresh token are sealed at rest and never returned.
 *
 * @module
 */
import { z } from 'zod';
import { ACCOUNT_ROLES } from '../rules/accounts';
import { defineConnection } from '../../connections/define-connection';

/** Where calls go: Intuit production, Intuit's sandbox companies, or the built-in simulator. */
export const QuickbooksEnvironment = z.enum(['production', 'sandbox', 'simulator']);
export type QuickbooksEnvironment = z.infer<typeof QuickbooksEnvironment>;

export const quickbooksConnection = defineConnection({
  type: 'quickbooks',
  title: 'QuickBooks Online',
  description: 'A QuickBooks Online company, connected with OAuth 2.0.',
  fields: z.object({
    environment: QuickbooksEnvironment.default('production').meta({ title: 'Environment' }),
    clientId: z.string().min(1).max(200).meta({ title: 'Client ID' }),
    clientSecret: z.string().min(1).max(500).meta({ title: 'Client secret', secret: true }),
    /** Filled by the authorization (Connect to QuickBooks), or typed in with a refresh token. */
    realmId: z
      .string()
      .regex(/^\d{1,32}$/, 'the company id is a number')
      .optional()
      .meta({ title: 'Company (realm) ID' }),
    refreshToken: z
      .string()
      .min(1)
      .max(2000)
      .optional()
      .meta({ title: 'Refresh token', secret: true }),
    /**
     * Which QuickBooks account each ledger role posts to (account Id or exact Name). Roles
     * without an entry use the QuickBooks default names (Checking, Undeposited Funds, ...).
     */
    accountMap: z
      .partialRecord(z.enum(ACCOUNT_ROLES), z.string().min(1).max(200))
      .default({})
      .meta({ title: 'Account map', widget: 'key-value' }),
    /** Base URL of the simulator, for `environment: simulator` (set by the runtime otherwise). */
    baseUrl: z.url().optional().meta({ title: 'Simulator URL' }),
  }),
  docs: `Create an app on the Intuit Developer portal with the \`com.intuit.quickbooks.accounting\`
scope and Paybridge's callback (\`<public URL>/oauth/quickbooks/callback\`) as redirect URI.
Save the connection with the client id and secret, then **Connect**: after consent in QuickBooks
the **company (realm) id** and **refresh token** are stored here. Paybridge exchanges the refresh token for one-hour access tokens and stores
every rotated refresh token it receives. Calls pin QuickBooks minor version 75.`,
});
