// A scripted tour of every operation in infra/openapi.yaml, sent through Prism's validation proxy
// (prism proxy --errors) to a fresh local runtime's demo tenant. Prism checks each request and each answer
// against the contract; any violation it reports (its own problem document, or an sl-violations header), an
// answer with another status than the step expects, or an operation the tour never reached fails the run.
//
//   node tour.mjs PROXY_URL KEY:SECRET [RECORD.json]
//
// RECORD.json (optional) receives every exchange, for writing the spec's examples from real answers.
import { createServer } from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import YAML from 'yaml';

const [proxy, credentials, record] = process.argv.slice(2);
if (!proxy || !credentials) {
  console.error('usage: node tour.mjs PROXY_URL KEY:SECRET [RECORD.json]');
  process.exit(2);
}
const BASE = '/apps/api/v1';
const AUTH = 'Basic ' + Buffer.from(credentials).toString('base64');
const spec = YAML.parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8'));

// every operation of the contract, as a matcher from a concrete path
const operations = [];
for (const [template, item] of Object.entries(spec.paths)) {
  const pattern = new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$');
  for (const [method, op] of Object.entries(item)) {
    if (['get', 'put', 'post', 'patch', 'delete', 'options', 'head'].includes(method)) {
      operations.push({ method: method.toUpperCase(), template, pattern, id: op.operationId, literal: !template.includes('{') });
    }
  }
}
// a literal path (/calls/scheduled/cancel) wins over a template that also matches it (/calls/{id})
operations.sort((a, b) => Number(b.literal) - Number(a.literal));

const covered = new Set();
const failures = [];
const exchanges = [];
let requests = 0;

async function call(step, method, path, { body, headers = {}, expect, auth = true, contentType = 'application/json' } = {}) {
  const url = proxy + BASE + path;
  const h = { ...headers };
  if (auth) h.Authorization = AUTH;
  if (body !== undefined) h['Content-Type'] = contentType;
  const response = await fetch(url, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  requests++;
  const text = await response.text();
  const json = text && (response.headers.get('content-type') || '').includes('json') ? JSON.parse(text) : null;
  const op = operations.find(o => o.method === method && o.pattern.test(BASE + path.split('?')[0]));
  if (op) covered.add(op.id);
  const violations = response.headers.get('sl-violations');
  const where = `${step}: ${method} ${path}`;
  if (json && typeof json.type === 'string' && json.type.startsWith('https://stoplight.io/prism/errors')) {
    failures.push(`${where}: Prism refused the exchange (${response.status} ${json.title}): ${json.detail}\n    ${text}`);
  } else if (violations) {
    failures.push(`${where}: sl-violations ${violations}`);
  } else if (response.status !== expect) {
    failures.push(`${where}: answered ${response.status}, the tour expects ${expect}: ${text.slice(0, 400)}`);
  }
  exchanges.push({ step, operationId: op?.id, method, path, request: body, status: response.status, response: json });
  return { status: response.status, json, headers: response.headers };
}

// a webhook receiver for the webhook routes
const received = [];
const receiver = createServer((req, res) => {
  req.resume();
  received.push(req.url);
  res.writeHead(204).end();
});
await new Promise(r => receiver.listen(0, '127.0.0.1', r));
const hookUrl = `http://localhost:${receiver.address().port}/hooks`;

// push credentials shaped as Apple and Google issue them (fresh keys; the local runtime's mock providers accept any)
const pem = type => ({ type: 'pkcs8', format: 'pem' });
const p8 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export(pem());
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export(pem());
const serviceAccount = {
  type: 'service_account',
  project_id: 'acme-shop',
  private_key_id: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  private_key: rsa,
  client_email: 'push@acme-shop.iam.gserviceaccount.com',
  client_id: '109876543210987654321',
  auth_uri: 'https://accounts.google.com/o/oauth2/auth',
  token_uri: 'https://oauth2.googleapis.com/token',
};

const tomorrow = new Date(Date.now() + 86400_000);
tomorrow.setUTCHours(15, 0, 0, 0);
const inTwoDays = new Date(tomorrow.getTime() + 86400_000);
const now = new Date();
const ago = s => new Date(now.getTime() - s * 1000).toISOString();

try {
  // menus
  await call('queue structure', 'GET', '/menus?lang=en', { expect: 200 });
  await call('queue structure, nested', 'GET', '/menus?tree=true', { expect: 200 });
  await call('web menus', 'GET', '/menus?menu_type=web_menu', { expect: 200 });
  const menu = (await call('new menu', 'POST', '/menus',
    { body: { name: 'Returns', parent_id: 1, channels: ['voice_call'], languages: ['en', 'es'] }, expect: 201 })).json;
  await call('one menu', 'GET', `/menus/${menu.id}`, { expect: 200 });
  await call('rename', 'PATCH', `/menus/${menu.id}`, { body: { name: 'Returns and refunds' }, expect: 200 });
  await call('merge patch', 'PATCH', `/menus/${menu.id}`,
    { body: { max_callbacks_per_slot: 4, hours: null }, contentType: 'application/merge-patch+json', expect: 200 });
  await call('hours', 'PATCH', '/menus/6', {
    body: { hours: { time_zone: 'America/New_York',
      weekly: ['mon', 'tue', 'wed', 'thu', 'fri'].map(day => ({ day, open: '09:00', close: '17:00' })) } }, expect: 200 });
  await call('next opening', 'GET', '/menus/6/hours/next', { expect: 200 });
  await call('no such menu', 'GET', '/menus/9999', { expect: 404 });
  await call('a menu with children is kept', 'DELETE', '/menus/1', { expect: 409 });
  await call('delete a leaf', 'DELETE', `/menus/${menu.id}`, { expect: 204 });

  // settings
  await call('settings', 'GET', '/settings', { expect: 200 });
  await call('settings, merge patch', 'PATCH', '/settings',
    { body: { global_number: '+14155550100' }, contentType: 'application/merge-patch+json', expect: 200 });
  await call('settings, json', 'PATCH', '/settings', { body: { allowed_origins: ['https://www.acme.example'] }, expect: 200 });

  // wait times, queue events, accuracy
  await call('queue events', 'POST', '/queue_events', { expect: 200, body: { events: [
    { event_id: 'e-1', type: 'agent_status', occurred_at: ago(600), agent_id: 'ann', status: 'available', menu_ids: [1, 2],
      channels: ['voice_call', 'chat'], chat_concurrency: 2 },
    { event_id: 'e-2', type: 'contact_queued', occurred_at: ago(590), menu_id: 1, channel: 'voice_call', contact_id: 'call-1001', priority: 0 },
    { event_id: 'e-3', type: 'contact_assigned', occurred_at: ago(530), contact_id: 'call-1001', agent_id: 'ann' },
    { event_id: 'e-4', type: 'contact_ended', occurred_at: ago(260), contact_id: 'call-1001', handle_seconds: 270 },
    { event_id: 'e-5', type: 'contact_queued', occurred_at: ago(120), menu_id: 2, channel: 'voice_call', contact_id: 'call-1002', lang: 'en' },
  ] } });
  await call('queue events, all rejected', 'POST', '/queue_events', { expect: 422, body: { events: [
    { event_id: 'e-9', type: 'contact_queued', occurred_at: ago(60), menu_id: 9999, channel: 'voice_call', contact_id: 'call-1009' },
  ] } });
  await call('queue snapshot', 'POST', '/queue_events', { expect: 200, body: { events: [
    { event_id: 'snap-1-1', type: 'queue_snapshot', menu_id: 2, channel: 'voice_call', as_of: ago(30), part: 1, parts: 1,
      waiting: [{ contact_id: 'call-1002', queued_at: ago(120), priority: 0 }], agents: [{ agent_id: 'ann', status: 'available' }] },
  ] } });
  const waits = await call('wait times', 'GET', '/wait_times?lang=en', { expect: 200 });
  await call('wait times unchanged', 'GET', '/wait_times?lang=en', { headers: { 'If-None-Match': waits.headers.get('etag') }, expect: 304 });
  await call('wait times of a subtree', 'GET', '/wait_times?lang=en&menu_id=1&channel_type=voice_call&menu_type=ivr_menu', { expect: 200 });
  await call('wait times in a range', 'GET', '/wait_times?lang=es&wait%5Bfrom%5D=60&wait%5Bto%5D=600', { expect: 200 });
  await call('a contact\'s wait', 'GET', '/wait_times/contacts/call-1002', { expect: 200 });
  await call('an unknown contact', 'GET', '/wait_times/contacts/call-4040', { expect: 404 });
  await call('accuracy', 'GET', '/wait_times/accuracy', { expect: 200 });
  await call('accuracy of a queue', 'GET', '/wait_times/accuracy?menu_id=1&lang=en&window_minutes=1440', { expect: 200 });

  // publishable keys and the widget's route
  const origin = 'https://shop.acme.example';
  const pk = (await call('publishable key', 'POST', '/publishable_keys', { body: { origins: [origin], description: 'shop widget' }, expect: 201 })).json;
  await call('publishable keys', 'GET', '/publishable_keys', { expect: 200 });
  await call('widget preflight', 'OPTIONS', '/wait_times',
    { auth: false, headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-publishable-key' }, expect: 204 });
  await call('widget wait times', 'GET', '/wait_times?lang=en', { auth: false, headers: { Origin: origin, 'X-Publishable-Key': pk.id }, expect: 200 });
  await call('revoke', 'DELETE', `/publishable_keys/${pk.id}`, { expect: 204 });
  await call('revoked key', 'GET', '/wait_times?lang=en', { auth: false, headers: { Origin: origin, 'X-Publishable-Key': pk.id }, expect: 401 });

  // calls: a call-back now, one scheduled, tickets
  const key = randomUUID();
  const callBack = { call_type: 'IncomingCall', outbound_number: '+14155550101', end_user_number: '+14155550199', menu_id: 1, ticket_id: 177821 };
  const created = (await call('call-back', 'POST', '/calls', { body: callBack, headers: { 'Idempotency-Key': key }, expect: 201 })).json;
  await call('call-back, retried', 'POST', '/calls', { body: callBack, headers: { 'Idempotency-Key': key }, expect: 201 });
  await call('call-back, key reused for another body', 'POST', '/calls',
    { body: { ...callBack, menu_id: 2 }, headers: { 'Idempotency-Key': key }, expect: 422 });
  await call('a call', 'GET', `/calls/${created.id}`, { expect: 200 });
  await call('calls', 'GET', '/calls', { expect: 200 });
  await call('queued calls', 'GET', `/calls?status=queued&menu_id=1&from=${encodeURIComponent(ago(3600))}&limit=10`, { expect: 200 });
  await call('assigned', 'PATCH', `/calls/${created.id}`, { body: { status: 'assigned', agent_id: 'ann' }, expect: 200 });
  await call('no such call', 'GET', '/calls/999999', { expect: 404 });
  await call('call-back slots', 'GET', `/menus/1/callback_slots?from=${encodeURIComponent(tomorrow.toISOString())}`, { expect: 200 });
  const scheduled = (await call('scheduled call-back', 'POST', '/calls', { expect: 201,
    body: { call_type: 'ScheduledCall', scheduled_at: tomorrow.toISOString(), end_user_number: '+14155550198', menu_id: 2, lang: 'en' } })).json;
  await call('rescheduled', 'PATCH', `/calls/${scheduled.id}`, { body: { scheduled_at: inTwoDays.toISOString() }, expect: 200 });
  await call('cancel', 'PATCH', `/calls/scheduled/${scheduled.id}/cancel`, { expect: 200 });
  await call('cancel again', 'PATCH', `/calls/scheduled/${scheduled.id}/cancel`, { expect: 204 });
  await call('cancel a call-back in its queue', 'PATCH', `/calls/scheduled/${created.id}/cancel`, { expect: 200 });
  await call('a canceled call cannot move', 'PATCH', `/calls/${created.id}`, { body: { status: 'connected' }, expect: 409 });
  const another = (await call('another scheduled call-back', 'POST', '/calls', { expect: 201,
    body: { call_type: 'ScheduledCall', scheduled_at: tomorrow.toISOString(), end_user_number: '+14155550197', menu_id: 2 } })).json;
  await call('cancel several', 'PATCH', '/calls/scheduled/cancel', { body: { call_ids: [another.id, scheduled.id, 999999] }, expect: 200 });
  await call('ticket', 'GET', '/tickets/177821', { expect: 200 });
  await call('close the ticket', 'PATCH', '/tickets/177821', { body: { status: 'closed' }, expect: 200 });

  // mobile apps, direct access points, routing
  const app = (await call('mobile app', 'POST', '/mobile_apps', { expect: 201, body: {
    name: 'Shop', ios_bundle_id: 'com.acme.shop', android_package_name: 'com.acme.shop',
    fallback_phone_number: '+14155550123', fallback_threshold: 0.3,
    push: { apns: { p8_key: p8, key_id: 'ABC123DEFG', team_id: 'DEF123GHIJ', environment: 'sandbox' }, fcm: serviceAccount },
  } })).json;
  await call('same name', 'POST', '/mobile_apps', { body: { name: 'shop ', ios_bundle_id: 'com.acme.other', push: { apns: {
    p8_key: p8, key_id: 'ABC123DEFG', team_id: 'DEF123GHIJ', environment: 'sandbox' } } }, expect: 409 });
  await call('activation without a DAP', 'POST', `/mobile_apps/${app.id}/activate`, { expect: 409 });
  const inApp = (await call('in-app DAP', 'POST', '/menus/7/direct_access_points',
    { body: { type: 'mobile_app', name: 'Shop app', mobile_app_id: app.id }, expect: 201 })).json;
  const ivr = (await call('IVR DAP', 'POST', '/menus/1/direct_access_points',
    { body: { type: 'mobile_app', name: 'Shop line', mobile_app_id: app.id }, expect: 201 })).json;
  await call('segment DAP', 'POST', '/menus/10/direct_access_points', { body: { type: 'user_segment', name: 'VIP', segment: 'vip' }, expect: 201 });
  await call('activate', 'POST', `/mobile_apps/${app.id}/activate`, { expect: 200 });
  await call('mobile apps', 'GET', '/mobile_apps', { expect: 200 });
  await call('active mobile apps', 'GET', '/mobile_apps?status=active', { expect: 200 });
  await call('one mobile app', 'GET', `/mobile_apps/${app.id}`, { expect: 200 });
  await call('DAPs', 'GET', '/direct_access_points', { expect: 200 });
  const sdk = { 'X-Mobile-App-Identifier': 'com.acme.shop' };
  await call('the SDK\'s menus', 'GET', '/menus', { headers: sdk, expect: 200 });
  await call('the SDK\'s config', 'GET', '/mobile_apps/sdk_config', { headers: sdk, expect: 200 });
  await call('the SDK\'s wait times', 'GET', '/wait_times?lang=en', { headers: sdk, expect: 200 });
  await call('resolve a session', 'POST', '/direct_access_points/resolve', { body: { channel: 'in_app', app_identifier: 'com.acme.shop' }, expect: 200 });
  await call('VoIP or PSTN', 'POST', `/mobile_apps/${app.id}/call_route`, { body: { connectivity: 0.2, voip_possible: true }, expect: 200 });
  await call('inbound PSTN', 'POST', '/mobile_apps/pstn_inbound', { body: { to_number: '+14155550123', from_app: false }, expect: 200 });
  await call('transfer check', 'POST', '/transfers/check', { body: { mobile_app_id: app.id, menu_id: 8 }, expect: 200 });
  await call('transfer destinations', 'GET', `/mobile_apps/${app.id}/transfer_destinations`, { expect: 200 });
  await call('messages', 'PUT', `/mobile_apps/${app.id}/messages/en`,
    { body: { after_hours: 'We are closed.', ivr: 'Please call us from the Shop app.' }, expect: 200 });
  await call('messages, read', 'GET', `/mobile_apps/${app.id}/messages/en`, { expect: 200 });
  await call('SMS link, SMS off', 'GET', `/mobile_apps/${app.id}/sms_link?kind=open&platform=android`, { expect: 409 });
  await call('SMS on', 'PATCH', `/mobile_apps/${app.id}`, { expect: 200, body: { sms_enabled: true,
    app_store_url: 'https://apps.apple.com/app/id1234567890', play_store_url: 'https://play.google.com/store/apps/details?id=com.acme.shop' } });
  await call('SMS link', 'GET', `/mobile_apps/${app.id}/sms_link?kind=open&platform=android`, { expect: 200 });
  await call('Dial 0', 'POST', '/ivr/dial_zero', { body: { menu_id: 2, from_app: app.id }, expect: 200 });
  await call('test push', 'POST', `/mobile_apps/${app.id}/test_push`,
    { body: { device_token: 'a'.repeat(64), platform: 'ios', title: 'Hello', body: 'A test from the tour' }, expect: 200 });
  await call('PSTN only in the app', 'PATCH', `/mobile_apps/${app.id}`,
    { body: { restrict_pstn_to_app: true, fallback_phone_number: null, fallback_threshold: null }, contentType: 'application/merge-patch+json', expect: 200 });
  await call('delete while active', 'DELETE', `/mobile_apps/${app.id}`, { expect: 409 });
  await call('in-app DAP of an active app', 'DELETE', `/menus/7/direct_access_points/${inApp.id}`, { expect: 409 });
  await call('deactivate', 'POST', `/mobile_apps/${app.id}/deactivate`, { expect: 200 });
  await call('remove the IVR DAP', 'DELETE', `/menus/1/direct_access_points/${ivr.id}`, { expect: 204 });
  await call('delete the app', 'DELETE', `/mobile_apps/${app.id}`, { expect: 204 });
  await call('deleted app', 'GET', `/mobile_apps/${app.id}`, { expect: 404 });

  // webhooks
  const hook = (await call('webhook', 'POST', '/webhooks', { expect: 201, body: { url: hookUrl,
    event_types: ['call.finished', 'wait_time.threshold_crossed'], wait_time_thresholds_seconds: [300, 900], description: 'CRM sync' } })).json;
  await call('webhooks', 'GET', '/webhooks', { expect: 200 });
  await call('one webhook', 'GET', `/webhooks/${hook.id}`, { expect: 200 });
  await call('edit', 'PATCH', `/webhooks/${hook.id}`, { body: { event_types: ['*'], description: null }, expect: 200 });
  await call('edit, merge patch', 'PATCH', `/webhooks/${hook.id}`,
    { body: { wait_time_thresholds_seconds: null }, contentType: 'application/merge-patch+json', expect: 200 });
  await call('rotate', 'POST', `/webhooks/${hook.id}/rotate_secret`, { expect: 200 });
  const ping = (await call('ping', 'POST', `/webhooks/${hook.id}/test`, { expect: 200 })).json;
  await call('deliveries', 'GET', `/webhooks/${hook.id}/deliveries`, { expect: 200 });
  await call('succeeded deliveries', 'GET', `/webhooks/${hook.id}/deliveries?status=succeeded&limit=10`, { expect: 200 });
  await call('redeliver', 'POST', `/webhooks/${hook.id}/deliveries/${ping.id}/redeliver`, { expect: 202 });
  await call('delete the webhook', 'DELETE', `/webhooks/${hook.id}`, { expect: 204 });
  await call('deleted webhook', 'GET', `/webhooks/${hook.id}`, { expect: 404 });
} catch (e) {
  failures.push('the tour stopped: ' + (e.stack || e));
} finally {
  receiver.close();
}

const missed = operations.filter(o => !covered.has(o.id)).map(o => `${o.method} ${o.template} (${o.id})`);
for (const m of missed) failures.push('not toured: ' + m);
if (record) writeFileSync(record, JSON.stringify(exchanges, null, 1));
for (const f of failures) console.error('FAIL ' + f);
const violations = failures.filter(f => f.includes('Prism refused') || f.includes('sl-violations')).length;
console.log(`summary: prism tour: ${requests} requests, ${covered.size}/${operations.length} operations, `
  + `${violations} contract violations, ${failures.length - violations - missed.length} unexpected statuses`);
process.exit(failures.length === 0 ? 0 : 1);
