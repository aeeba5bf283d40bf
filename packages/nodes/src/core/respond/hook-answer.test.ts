import { describe, expect, it } from 'vitest';
import { hookAnswer } from './hook-answer';

describe('hookAnswer', () => {
  it('sends objects as JSON with the sandbox and nosniff headers', () => {
    const answer = hookAnswer({ status: 201, headers: { 'X-Order-Id': '7' }, body: { id: 7 } });
    expect(answer).toEqual({
      status: 201,
      headers: {
        'X-Order-Id': '7',
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Security-Policy': "sandbox; default-src 'none'; frame-ancestors 'none'",
        'X-Content-Type-Options': 'nosniff',
      },
      body: '{"id":7}',
    });
  });

  it('never sends a page, a script, cookies, redirects or security headers, whatever the output says', () => {
    const answer = hookAnswer({
      status: 200,
      headers: {
        'Content-Type': 'text/html',
        'Set-Cookie': 'pb_session=stolen',
        Location: 'https://evil.test',
        'Content-Security-Policy': 'script-src *',
        'x-content-type-options': 'sniff',
        'Content-Disposition': 'inline',
        'Transfer-Encoding': 'chunked',
      },
      body: '<script>fetch("/api/tokens")</script>',
    });
    expect(answer.headers).toEqual({
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Security-Policy': "sandbox; default-src 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
    });
    expect(answer.body).toBe('<script>fetch("/api/tokens")</script>');
  });

  it('sends a declared download as an attachment of a passive type', () => {
    const csv = hookAnswer({
      status: 200,
      headers: { 'Content-Type': 'text/csv' },
      body: 'id\n1',
      format: 'download',
      filename: 'orders "all".csv',
    });
    expect(csv.headers['Content-Type']).toBe('text/csv');
    expect(csv.headers['Content-Disposition']).toBe(
      `attachment; filename="download"; filename*=UTF-8''download`,
    );
    const js = hookAnswer({
      status: 200,
      headers: { 'Content-Type': 'application/javascript' },
      body: 'alert(1)',
      format: 'download',
      filename: 'a.js',
    });
    expect(js.headers['Content-Type']).toBe('application/octet-stream');
    expect(js.headers['Content-Disposition']).toBe(
      `attachment; filename="a.js"; filename*=UTF-8''a.js`,
    );
  });

  it('knows a download by its attachment header alone (as the run keeps it)', () => {
    const answer = hookAnswer({
      status: 200,
      headers: { 'Content-Disposition': `attachment; filename="r.csv"; filename*=UTF-8''r.csv` },
      body: 'a,b',
    });
    expect(answer.headers['Content-Type']).toBe('application/octet-stream');
    expect(answer.headers['Content-Disposition']).toBe(
      `attachment; filename="r.csv"; filename*=UTF-8''r.csv`,
    );
  });

  it('sends no body with 204, 205 and 304', () => {
    for (const status of [204, 205, 304]) {
      expect(hookAnswer({ status, headers: {}, body: null }).body).toBeNull();
    }
  });

  it('keeps a string body that already is JSON as it is', () => {
    const answer = hookAnswer({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(answer.body).toBe('{"a":1}');
    expect(answer.headers['Content-Type']).toBe('application/json');
  });
});
