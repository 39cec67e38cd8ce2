// The investigator's start page: the seizures of my agency, newest first, with what is left to review in each.
// Everything else the page shows comes from the existing endpoints (inbox, consultations).
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';
import { recordAudit } from '../audit/audit.js';
import { seizuresRepo } from '../seizures/repository.js';
import { presentSeizure } from '../seizures/service.js';
import { seizureSchema } from '../seizures/routes.js';

// Every presented property is listed: the serializer drops what the schema does not name.
const mySeizure = {
  ...seizureSchema,
  required: [...seizureSchema.required, 'caseReference'],
  properties: { ...seizureSchema.properties, caseReference: { type: 'string' } },
} as const;

export default async function workbenchRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  app.get(
    '/home/seizures',
    {
      config: { action: 'seizure.list' },
      schema: {
        tags: ['seizures'],
        summary: "My agency's seizures, newest first, with their counts (known near, new and errors are what is left to review)",
        querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 100 } } },
        response: {
          200: { type: 'object', required: ['seizures'], additionalProperties: false, properties: { seizures: { type: 'array', items: mySeizure } } },
        },
      } as const,
    },
    async (req) =>
      ctx.db.transaction().execute(async (trx) => {
        const p = who(req);
        const rows = await trx
          .selectFrom('seizures as s')
          .innerJoin('cases as c', 'c.id', 's.case_id')
          .selectAll('s')
          .select(['c.reference as case_reference'])
          .where('s.owner_agency_id', '=', p.agencyId)
          .orderBy('s.id', 'desc')
          .limit(req.query.limit ?? 10)
          .execute();
        const counts = await seizuresRepo.counts(
          trx,
          rows.map((r) => r.id),
        );
        await recordAudit(trx, p, { action: 'seizure.list', objectType: 'agency', objectId: p.agencyId, details: { ids: rows.map((r) => r.id) } });
        return { seizures: rows.map((r) => ({ ...presentSeizure(r, counts.get(r.id)), caseReference: r.case_reference })) };
      }),
  );
}
