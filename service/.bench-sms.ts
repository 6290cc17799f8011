import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
const { address, phones } = JSON.parse(readFileSync('/tmp/bench-target.json', 'utf8')) as { address: string; phones: string[] };
let k = 0;
const r = await new Promise<autocannon.Result>((resolve, reject) => autocannon({
  url: `${address}/parent/v1/activation/sms/start`, connections: 20, duration: 8, method: 'POST',
  headers: { 'content-type': 'application/json' },
  requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ phone: phones[k++ % phones.length] }) }) }],
}, (e, res) => (e ? reject(e) : resolve(res))));
console.log('sms/start', { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx });
