import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { canonicalJson, Problem, ProcessDescription } from '@tweeling/core';
import { appendAudit } from '../audit/index.js';
import { defineError, TweelingError } from '../errors.js';
import { baseUrl } from '../http/negotiation.js';
import { actorOf } from '../identity/index.js';
import { describeProcess } from './releases.js';
import { assertAllowedUrl, REMOTE_MODULE_PREFIX, RemoteProcessRegistration, remoteManifest, remoteModule } from './remote.js';

const APP_ID_TAKEN = defineError('TWL_RUNTIME_APP_ID_TAKEN', 409, 'App-id al in gebruik');

/** `POST /remote-processes`: offer a process of another OGC API Processes server as an app here. */
export const remoteRoutes = (options: { publicUrl: string | undefined; allowPrivate: boolean }): FastifyPluginAsyncZod => async (app) => {
  app.post('/remote-processes', {
    config: { access: { permission: 'org:admin' } },
    schema: {
      tags: ['Apps uitvoeren: OGC API Processes'],
      summary: 'Proces van een andere OGC API Processes-server als app aanbieden (uitvoering via dit platform, vastgelegd en gemeten)',
      body: RemoteProcessRegistration,
      response: { 201: ProcessDescription, 400: Problem, 401: Problem, 403: Problem, 409: Problem, 502: Problem },
    },
    handler: async (request, reply) => {
      const registration = request.body;
      await assertAllowedUrl(registration.url, options.allowPrivate);
      const manifest = await remoteManifest(registration, request.caller.organisationId!);
      const module = remoteModule(registration);
      const codeHash = createHash('sha256').update(canonicalJson({ manifest, module })).digest('hex');
      const now = app.clock();
      await app.db.kysely.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom('app_releases').select(['module', 'publisher_id']).where('app_id', '=', manifest.id).execute();
        if (existing.some((r) => !r.module.startsWith(REMOTE_MODULE_PREFIX) || r.publisher_id !== manifest.publisher)) {
          throw new TweelingError(APP_ID_TAKEN, `Er is al een app '${manifest.id}' van een andere aanbieder of een lokale app met die naam.`);
        }
        const values = { channel: manifest.channel, publisher_id: manifest.publisher, manifest: JSON.stringify(manifest), code_hash: codeHash, module };
        if (existing.length > 0 && (await trx.selectFrom('app_releases').select('app_id').where('app_id', '=', manifest.id).where('version', '=', manifest.version).executeTakeFirst())) {
          await trx.updateTable('app_releases').set(values).where('app_id', '=', manifest.id).where('version', '=', manifest.version).execute();
        } else {
          await trx.insertInto('app_releases').values({ app_id: manifest.id, version: manifest.version, ...values }).execute();
        }
        await appendAudit(trx, actorOf(request), { action: 'remote-process.register', targetType: 'app', targetId: `${manifest.id}@${manifest.version}`, payload: registration }, now);
      });
      return reply.status(201).send(describeProcess({ manifest, codeHash, module }, `${baseUrl(request, options.publicUrl)}/api/v1`));
    },
  });
};
