import { z } from '@hono/zod-openapi';
import {
  CsvColumns,
  parseStatement,
  STATEMENT_FORMATS,
} from '@paybridge/nodes/reconcile/statement';
import { actorOf } from '../../auth/actor';
import { importStatement, listStatements } from '../../reconciliation/bank-statements';
import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRouter } from '../api-router';
import { apiRoute } from '../api-route';
import { jsonBody, jsonResponse } from '../openapi-helpers';
import { errorResponses } from '../schemas';

const LineError = z
  .object({ line: z.int().min(1), message: z.string() })
  .openapi('StatementLineError');

/** A bank statement upload: the file's text, its format and, for CSV, its columns. */
export const StatementUpload = z
  .object({
    format: z.enum(STATEMENT_FORMATS),
    text: z.string().min(1, 'the statement is empty'),
    filename: z.string().max(255).optional(),
    account: z.string().min(1).max(100).default('default'),
    columns: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('StatementUpload');

/** What an import stored. `statementId` is null when every line was already imported. */
export const StatementImported = z
  .object({
    statementId: z.string().uuid().nullable(),
    imported: z.int(),
    duplicates: z.int(),
    errors: z.array(LineError),
  })
  .openapi('StatementImported');

/** A statement refused: every line that could not be read, nothing stored. */
export const StatementRejected = z
  .object({
    error: z.object({ code: z.string(), message: z.string() }),
    errors: z.array(LineError),
  })
  .openapi('StatementRejected');

/** Statements imported so far. */
export const StatementList = z
  .object({
    statements: z.array(
      z.object({
        id: z.string().uuid(),
        account: z.string(),
        filename: z.string().nullable(),
        format: z.enum(STATEMENT_FORMATS),
        lineCount: z.int(),
        importedAt: z.string(),
        importedBy: z.string().nullable(),
      }),
    ),
  })
  .openapi('StatementList');

/**
 * Bank statements for the deposit match: upload one (CSV, OFX or camt.053 as text) and list those
 * imported. A file with any unreadable line is refused whole with every line's problem (fix the
 * file and upload again); lines already imported for the account are skipped.
 */
export function reconciliationStatementRoutes(deps: AppDeps) {
  return apiRouter()
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/statements',
        summary: 'Import a bank statement (CSV, OFX or camt.053) for the deposit match',
        request: jsonBody(StatementUpload),
        responses: {
          201: jsonResponse(StatementImported, 'Imported'),
          422: jsonResponse(StatementRejected, 'Lines that could not be read; nothing imported'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const columns = CsvColumns.safeParse(body.columns ?? {});
        if (!columns.success) {
          const issue = columns.error.issues[0]!;
          throw new ApiError(
            400,
            'VALIDATION_FAILED',
            `columns.${issue.path.join('.')}: ${issue.message}`,
          );
        }
        const parsed = parseStatement(body.text, body.format, columns.data);
        if (parsed.errors.length > 0 || parsed.lines.length === 0) {
          const errors =
            parsed.errors.length > 0
              ? parsed.errors
              : [{ line: 1, message: 'the statement holds no booked lines' }];
          const message = `${errors.length} line${errors.length === 1 ? '' : 's'} of the ${body.format} statement could not be read; nothing was imported`;
          return c.json({ error: { code: 'STATEMENT_INVALID', message }, errors }, 422);
        }
        const actor = actorOf(c);
        const result = await importStatement(deps.sql, {
          account: body.account,
          filename: body.filename ?? null,
          format: body.format,
          lines: parsed.lines,
          importedBy: actor.label,
        });
        return c.json({ ...result, errors: [] }, 201);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/statements',
        summary: 'Bank statements imported, newest first',
        responses: { 200: jsonResponse(StatementList, 'Statements'), ...errorResponses },
      }),
      async (c) => c.json({ statements: await listStatements(deps.sql) }, 200),
    );
}
