import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract/events';
import { createBrowserBridge, type EventSourceLike } from './browserBridge';

function fakeEvents() {
  const opened: string[] = [];
  let listener: ((e: MessageEvent) => void) | null = null;
  let closed = 0;
  const open = (url: string): EventSourceLike => {
    opened.push(url);
    return {
      addEventListener: (_type, fn) => {
        listener = fn;
      },
      close: () => {
        closed += 1;
        listener = null;
      },
    };
  };
  const emit = (data: string) => listener?.({ data } as MessageEvent);
  return { open, emit, opened, closed: () => closed };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('browser bridge: invoke', () => {
  it('posts name and input with the bearer token and relays the envelope', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const bridge = createBrowserBridge({
      token: () => 'tok',
      fetch: async (url, init) => {
        seen.push({ url, init });
        return json(200, { ok: true, value: { total: 0, rows: [] } });
      },
      openEvents: fakeEvents().open,
    });
    const result = await bridge.invoke('students.list', { query: 'du' });
    expect(result).toEqual({ ok: true, value: { total: 0, rows: [] } });
    expect(seen[0]!.url).toBe('/api/invoke');
    expect(seen[0]!.init.method).toBe('POST');
    expect((seen[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(JSON.parse(String(seen[0]!.init.body))).toEqual({ name: 'students.list', input: { query: 'du' } });
  });

  it('relays failed calls as they are (HTTP 200 with ok:false)', async () => {
    const error = { code: 'unusable_file', message: 'Le fichier « x.pdf » ne peut pas être lu comme un tableau.' };
    const bridge = createBrowserBridge({
      token: () => 'tok',
      fetch: async () => json(200, { ok: false, error }),
      openEvents: fakeEvents().open,
    });
    expect(await bridge.invoke('app.info', {})).toEqual({ ok: false, error });
  });

  it('turns network failures, bad tokens and garbage into French Result errors, never throws', async () => {
    const down = createBrowserBridge({
      token: () => 'tok',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      openEvents: fakeEvents().open,
    });
    const r1 = await down.invoke('app.info', {});
    expect(r1.ok).toBe(false);
    if (!r1.ok) {
      expect(r1.error.code).toBe('service_unavailable');
      expect(r1.error.message).toMatch(/Sésame ne répond pas/);
    }

    const unauthorised = createBrowserBridge({
      token: () => 'bad',
      fetch: async () => json(401, { error: 'unauthorized' }),
      openEvents: fakeEvents().open,
    });
    const r2 = await unauthorised.invoke('app.info', {});
    expect(!r2.ok && r2.error.code).toBe('forbidden');

    const garbage = createBrowserBridge({
      token: () => 'tok',
      fetch: async () => new Response('<html>oops</html>', { status: 502 }),
      openEvents: fakeEvents().open,
    });
    const r3 = await garbage.invoke('app.info', {});
    expect(!r3.ok && r3.error.code).toBe('internal');
    expect(!r3.ok && r3.error.message).toMatch(/HTTP 502/);

    const wrongShape = createBrowserBridge({
      token: () => 'tok',
      fetch: async () => json(200, { hello: 'world' }),
      openEvents: fakeEvents().open,
    });
    const r4 = await wrongShape.invoke('app.info', {});
    expect(!r4.ok && r4.error.code).toBe('internal');
  });
});

describe('browser bridge: subscribe', () => {
  const changed: AppEvent = { type: 'register.changed', entities: ['student'] };

  it('shares one EventSource and fans events out to every listener', () => {
    const events = fakeEvents();
    const bridge = createBrowserBridge({ token: () => 't/k', fetch: async () => json(200, {}), openEvents: events.open });
    const a: AppEvent[] = [];
    const b: AppEvent[] = [];
    bridge.subscribe((e) => a.push(e));
    bridge.subscribe((e) => b.push(e));
    expect(events.opened).toEqual(['/api/events?token=t%2Fk']);
    events.emit(JSON.stringify(changed));
    expect(a).toEqual([changed]);
    expect(b).toEqual([changed]);
  });

  it('unsubscribe removes exactly its own listener, even for the same function twice', () => {
    const events = fakeEvents();
    const bridge = createBrowserBridge({ token: () => 't', fetch: async () => json(200, {}), openEvents: events.open });
    const got: AppEvent[] = [];
    const fn = (e: AppEvent) => got.push(e);
    const off1 = bridge.subscribe(fn);
    const off2 = bridge.subscribe(fn);
    off1();
    events.emit(JSON.stringify(changed));
    expect(got).toHaveLength(1);
    off1(); // idempotent: must not remove the other subscription
    events.emit(JSON.stringify(changed));
    expect(got).toHaveLength(2);
    off2();
    expect(events.closed()).toBe(1);
  });

  it('ignores malformed lines and survives a throwing listener', () => {
    const events = fakeEvents();
    const bridge = createBrowserBridge({ token: () => 't', fetch: async () => json(200, {}), openEvents: events.open });
    const got: AppEvent[] = [];
    bridge.subscribe(() => {
      throw new Error('boom');
    });
    bridge.subscribe((e) => got.push(e));
    events.emit('not json');
    events.emit('42');
    events.emit(JSON.stringify(changed));
    expect(got).toEqual([changed]);
  });

  it('uses a replaced token for later calls and reopens the stream with it', async () => {
    const events = fakeEvents();
    let token = 'old';
    const auth: string[] = [];
    const bridge = createBrowserBridge({
      token: () => token,
      fetch: async (_url, init) => {
        auth.push((init.headers as Record<string, string>).Authorization!);
        return json(200, { ok: true, value: {} });
      },
      openEvents: events.open,
    });
    bridge.subscribe(() => undefined);
    await bridge.invoke('app.info', {});
    token = 'new';
    bridge.reconnect();
    await bridge.invoke('app.info', {});
    expect(auth).toEqual(['Bearer old', 'Bearer new']);
    expect(events.opened).toEqual(['/api/events?token=old', '/api/events?token=new']);
    expect(events.closed()).toBe(1);
  });
});
