import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, get, startWorld, type World } from './harness';

describe('OpenAPI document', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(backends[0]!);
  }, 180_000);
  afterAll(async () => w?.close());

  it('is served and lists exactly the routes the service registered', async () => {
    const res = await get(w, '/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const registered = w.app.registeredRoutes.map((r) => `${r.method} ${r.url.replace(/:([A-Za-z_]+)/g, '{$1}')}`).sort();
    expect(documented).toEqual(registered);
    expect(registered).toEqual(expect.arrayContaining(['POST /school/v1/changes', 'GET /school/v1/feed', 'POST /parent/v1/activation/sms/start']));
  });

  it('describes bodies, parameters, security and error answers from the same schemas that validate', async () => {
    const doc = (await get(w, '/openapi.json')).json();
    const push = doc.paths['/school/v1/changes'].post;
    expect(push.security).toEqual([{ schoolToken: [] }]);
    expect(push.requestBody.content['application/json'].schema.properties.changes.maxItems).toBe(1000);
    expect(push.responses['401'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ApiError' });
    const resolve = doc.paths['/school/v1/reports/{id}/resolve'].post;
    expect(resolve.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    const feed = doc.paths['/school/v1/feed'].get;
    expect(feed.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['after', 'limit']);
    expect(doc.paths['/parent/v1/activation/sms/start'].post.security).toEqual([]);
    expect(doc.paths['/parent/v1/me/children'].get.security).toEqual([{ parentSession: [] }]);
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
