import fp from 'fastify-plugin';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { VERSION } from '../version.js';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry;
  }
}

/**
 * Prometheus metrics at /metrics: request durations by route, database pool, jobs by status, process figures.
 * One registry per server instance (not prom-client's global one), so tests can build many.
 */
export const metricsPlugin = fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'tweeling_' });
    new Gauge({ name: 'tweeling_build_info', help: 'Build information', labelNames: ['version', 'db_engine'], registers: [registry] })
      .labels(VERSION, app.db.engine)
      .set(1);
    const duration = new Histogram({
      name: 'tweeling_http_request_duration_seconds',
      help: 'HTTP request duration by route',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    const pool = new Gauge({
      name: 'tweeling_db_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const stats = app.db.poolStats();
        this.labels('total').set(stats.total);
        this.labels('idle').set(stats.idle);
        this.labels('waiting').set(stats.waiting);
      },
    });
    void pool;
    const jobs = new Gauge({
      name: 'tweeling_jobs',
      help: 'Jobs by status (all organisations)',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        const rows = await app.db.kysely.selectFrom('jobs').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
        this.reset();
        for (const status of ['accepted', 'running', 'successful', 'failed', 'dismissed']) this.labels(status).set(Number(rows.find((r) => r.status === status)?.n ?? 0));
      },
    });
    void jobs;
    app.decorate('metrics', registry);

    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      duration.labels(request.method, route, String(reply.statusCode)).observe(reply.elapsedTime / 1000);
    });

    app.get('/metrics', {
      config: { access: { public: true } },
      schema: { hide: true },
      handler: async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
    });
  },
  { name: 'tweeling-metrics', fastify: '5.x', dependencies: ['tweeling-db', 'tweeling-identity'] },
);
