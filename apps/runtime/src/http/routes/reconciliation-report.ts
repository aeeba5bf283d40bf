import { z } from '@hono/zod-openapi';
import { DateParam, DayQuery } from '../../reconciliation/api-schemas';
import { reconciliationReportPdf } from '../../reconciliation/report-pdf';
import * as q from '../../reconciliation/report-queries';
import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRouter } from '../api-router';
import { apiRoute } from '../api-route';
import { errorResponses } from '../schemas';

/** The printable report of a reconciled day (mounted beside the other reconciliation routes). */
export function reconciliationReportRoutes(deps: AppDeps) {
  return apiRouter().openapi(
    apiRoute('viewer', {
      method: 'get',
      path: '/days/{date}/report.pdf',
      summary: "A day's reconciliation report as PDF (totals per batch, variance, every item)",
      request: { params: DateParam, query: DayQuery },
      responses: {
        200: {
          description: 'PDF',
          content: {
            'application/pdf': { schema: z.string().openapi({ type: 'string', format: 'binary' }) },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { date } = c.req.valid('param');
      const connection = c.req.valid('query').connection;
      const report = await q.dayReport(deps.sql, date, connection);
      if (!report) throw new ApiError(404, 'NOT_FOUND', `${date} has not been reconciled`);
      const pdf = await reconciliationReportPdf(report, new Date());
      c.header('content-type', 'application/pdf');
      c.header('content-disposition', `attachment; filename="reconciliation-${date}.pdf"`);
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200);
    },
  );
}
