import { client, unwrap } from '../api/client';

/** Alert channels; a webhook channel never carries its URL (a secret) back. */
export function listAlertChannels() {
  return unwrap(client.api.alerts.channels.$get()).then((r) => r.channels);
}

export type AlertChannelInput = Parameters<typeof client.api.alerts.channels.$post>[0]['json'];

export function createAlertChannel(input: AlertChannelInput) {
  return unwrap(client.api.alerts.channels.$post({ json: input }));
}

export function deleteAlertChannel(id: string) {
  return unwrap(client.api.alerts.channels[':id'].$delete({ param: { id } }));
}

/** Sends a test alert now: `{ ok, message }`. */
export function testAlertChannel(id: string) {
  return unwrap(client.api.alerts.channels[':id'].test.$post({ param: { id } }));
}

export function listAlertRules() {
  return unwrap(client.api.alerts.rules.$get()).then((r) => r.rules);
}

export type AlertRuleInput = Parameters<typeof client.api.alerts.rules.$post>[0]['json'];

export function createAlertRule(input: AlertRuleInput) {
  return unwrap(client.api.alerts.rules.$post({ json: input }));
}

export function deleteAlertRule(id: string) {
  return unwrap(client.api.alerts.rules[':id'].$delete({ param: { id } }));
}

/** Newest notices first (fired, still firing, resolved), with counts and delivery outcomes. */
export function listAlertHistory() {
  return unwrap(client.api.alerts.history.$get({ query: { limit: '100' } })).then((r) => r.notices);
}

/** Every flow with the flow run when one of its runs fails for good. */
export function listErrorFlows() {
  return unwrap(client.api.alerts['error-flows'].$get()).then((r) => r.flows);
}

export function setErrorFlow(flowId: string, errorFlowId: string | null) {
  return unwrap(
    client.api.flows[':id']['error-flow'].$put({ param: { id: flowId }, json: { errorFlowId } }),
  );
}

export type AlertChannel = Awaited<ReturnType<typeof listAlertChannels>>[number];
export type AlertRule = Awaited<ReturnType<typeof listAlertRules>>[number];
export type AlertNotice = Awaited<ReturnType<typeof listAlertHistory>>[number];
export type ErrorFlowRow = Awaited<ReturnType<typeof listErrorFlows>>[number];
