/**
 * QuickBooks Online's error envelope: `{ Fault: { Error: [{ Message, Detail, code, element }],
 * type }, time }`, where `type` is ValidationFault, SystemFault, AuthenticationFault or
 * AuthorizationFault, and `code` is a string.
 * @module
 */
import type { QboContext } from './context.js';

/** The fault types the simulator answers with. */
export type FaultType =
  | 'ValidationFault'
  | 'SystemFault'
  | 'AuthenticationFault'
  | 'AuthorizationFault'
  | 'ThrottleExceeded';

/** A fault the request handlers throw; the router turns it into the envelope. */
export class QboFaultError extends Error {
  constructor(
    readonly status: number,
    readonly type: FaultType,
    readonly code: string,
    message: string,
    readonly detail: string,
    readonly element = '',
  ) {
    super(message);
  }
}

/** The service's timestamp format (local offset style, milliseconds). */
export function qboTime(sim: QboContext): string {
  return new Date(sim.now()).toISOString().replace('Z', '-00:00');
}

/** The JSON body of a fault. */
export function faultBody(sim: QboContext, f: QboFaultError): Record<string, unknown> {
  return {
    Fault: {
      Error: [{ Message: f.message, Detail: f.detail, code: f.code, element: f.element }],
      type: f.type,
    },
    time: qboTime(sim),
  };
}

/** 400 ValidationFault with a business-rule code. */
export function validation(code: string, message: string, detail: string, element = '') {
  return new QboFaultError(400, 'ValidationFault', code, message, detail, element);
}

/** A required field is missing (code 2020). */
export function required(field: string) {
  return validation(
    '2020',
    'Required param missing, need to supply the required value for the API',
    `Required parameter ${field} is missing in the request`,
    field,
  );
}

/** A reference to an entity that does not exist (code 2500). */
export function invalidReference(what: string, id: unknown) {
  return validation(
    '2500',
    'Invalid Reference Id',
    `Invalid Reference Id : ${what} assigned to this transaction does not exist: ${String(id)}`,
  );
}

/** A business rule was broken (code 6000). */
export function business(detail: string) {
  return validation(
    '6000',
    'A business validation error has occurred while processing your request',
    `Business Validation Error: ${detail}`,
  );
}
