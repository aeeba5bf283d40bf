/**
 * The browser side of the Protect.js stand-in: a `protect.min.js` that offers the `PTPayment`
 * calls merchant pages make (`setup`, `validate`, `process`), rendering the card fields in an
 * iframe served by the simulator so card data never touches the merchant page, and the iframe
 * page itself, which posts the card to the simulator and hands back `hpf_token` + `enc_key`.
 * @module
 */

/** `protect.min.js` stand-in. The simulator's base URL is derived from the script's own URL. */
export const PROTECT_SCRIPT = `(function () {
  var script = document.currentScript;
  var base = script.src.replace(/\\/protect\\/js\\/protect\\.min\\.js.*$/, '');
  var frame = null;
  var pending = {};
  var seq = 0;
  window.addEventListener('message', function (event) {
    if (!frame || event.source !== frame.contentWindow) return;
    var data = event.data || {};
    var resolve = pending[data.id];
    if (!resolve) return;
    delete pending[data.id];
    resolve(data.result);
  });
  function ask(type) {
    return new Promise(function (resolve) {
      seq += 1;
      pending[seq] = resolve;
      frame.contentWindow.postMessage({ type: type, id: seq }, new URL(base, location.href).origin);
    });
  }
  window.PTPayment = {
    setup: function (options) {
      var key = options && options.authorization && options.authorization.clientKey;
      var container = document.getElementById('pt_hpf_form');
      frame = document.createElement('iframe');
      frame.src = base + '/protect/fields?clientKey=' + encodeURIComponent(key || '');
      frame.title = 'Card details';
      frame.style.border = '0';
      frame.style.width = '100%';
      frame.style.height = '170px';
      container.appendChild(frame);
      return new Promise(function (resolve) {
        frame.addEventListener('load', function () { resolve({ message: 'ready' }); });
      });
    },
    validate: function (callback) {
      ask('validate').then(function (errors) { callback(errors); });
    },
    process: function () {
      return ask('process').then(function (result) {
        if (result.errors) throw { reason: result.errors };
        return { message: result };
      });
    }
  };
})();
`;

/** The iframe page with the card fields. */
export function fieldsPage(clientKey: string): string {
  const key = JSON.stringify(clientKey).replace(/</g, '\\u003c');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Card details</title>
<style>body{font:14px sans-serif;margin:0}label{display:block;margin:4px 0}input{width:12em}</style>
</head><body>
<label>Card number <input id="number" autocomplete="cc-number" inputmode="numeric"></label>
<label>Expiry month <input id="month" autocomplete="cc-exp-month" inputmode="numeric"></label>
<label>Expiry year <input id="year" autocomplete="cc-exp-year" inputmode="numeric"></label>
<label>CSC <input id="csc" autocomplete="cc-csc" inputmode="numeric"></label>
<script>
var clientKey = ${key};
function value(id) { return document.getElementById(id).value.replace(/\\s/g, ''); }
function validate() {
  var errors = [];
  if (!/^\\d{13,19}$/.test(value('number'))) errors.push({ responseCode: 35, description: 'Please provide a valid Credit Card Number.' });
  var m = Number(value('month'));
  if (!(m >= 1 && m <= 12) || !/^\\d{2}(\\d{2})?$/.test(value('year'))) errors.push({ responseCode: 43, description: 'Please provide a valid Expiration Date.' });
  if (value('csc') !== '' && !/^\\d{3,4}$/.test(value('csc'))) errors.push({ responseCode: 148, description: 'Please provide a valid CSC.' });
  return errors;
}
window.addEventListener('message', function (event) {
  var data = event.data || {};
  var reply = function (result) { event.source.postMessage({ id: data.id, result: result }, event.origin); };
  if (data.type === 'validate') return reply(validate());
  if (data.type !== 'process') return;
  var errors = validate();
  if (errors.length) return reply({ errors: errors });
  fetch('tokenize', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientKey: clientKey, number: value('number'), expiration_month: value('month'), expiration_year: value('year'), csc: value('csc') })
  }).then(function (r) { return r.json(); }).then(reply, function () { reply({ errors: [{ responseCode: 0, description: 'Network error' }] }); });
});
</script>
</body></html>`;
}
