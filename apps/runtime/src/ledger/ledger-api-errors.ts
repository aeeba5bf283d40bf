/**
 * ERP errors as API errors: an invalid document is 422, a missing one 404, a reused reference or
 * a closed case 409.
 *
 * @module
 */
import { ErpError } from '@paybridge/nodes/erp';
import { ApiError } from '../http/api-error';

const STATUS = {
  validation: 422,
  'not-found': 404,
  conflict: 409,
  auth: 502,
  transient: 503,
} as const;

/** Runs `fn`, answering ERP errors with their API status. */
export async function asApi<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ErpError) throw new ApiError(STATUS[err.kind], err.code, err.message);
    throw err;
  }
}
