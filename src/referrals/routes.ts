// HTTP adapter for referrals: bulk provider reports in, per-country packages out.
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';
import { BadRequestError } from '../shared/errors.js';
import { MAX_ROWS } from './parse.js';
import { OUTCOMES, PRIORITY_LABEL } from './tables.js';
import { knownMatch, restrictedKnown } from '../seizures/routes.js';

const tags = ['referrals'];
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const limit = { type: 'integer', minimum: 1, maximum: 500 } as const;
const incidentPage = {
  type: 'object',
  additionalProperties: false,
  properties: {
    after: { type: 'string', pattern: '^[0-2]\\.\\d{1,9}$', description: 'nextAfter of the previous page' },
    status: { type: 'string', enum: ['open', 'actioned'] },
    limit,
  },
} as const;
const label = { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' } as const;

// Response schemas list every presented property (present.ts, enrich.ts, intake.ts, service.ts): the serializer drops what they do not name.
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const timeOrNull = { type: ['string', 'null'], format: 'date-time' } as const;
const verdict = { type: 'string', enum: ['known_exact', 'known_near', 'new'] } as const;
const reportProperties = {
  id: int,
  provider: str,
  reference: str,
  format: { type: 'string', enum: ['json', 'csv'] },
  rowsTotal: int,
  incidentsAccepted: int,
  rowsRejected: int,
  uploadedBy: int,
  uploadedAt: timeOrNull,
} as const;
const reportRequired = ['id', 'provider', 'reference', 'format', 'rowsTotal', 'incidentsAccepted', 'rowsRejected', 'uploadedBy', 'uploadedAt'] as const;
const report = { type: 'object', required: reportRequired, additionalProperties: false, properties: reportProperties } as const;
const rejections = {
  type: 'array',
  description: 'rows not accepted, with the reason (the first ones)',
  items: {
    type: 'object',
    required: ['row', 'incidentId', 'reason', 'message'],
    additionalProperties: false,
    properties: { row: int, incidentId: strOrNull, reason: str, message: str },
  },
} as const;
const packageProperties = {
  id: int,
  reportId: int,
  provider: str,
  reference: str,
  country: str,
  status: { type: 'string', enum: ['delivered', 'acknowledged'] },
  acknowledgedAt: timeOrNull,
  acknowledgedBy: { type: ['object', 'null'], required: ['userId', 'name'], additionalProperties: false, properties: { userId: int, name: strOrNull } },
  createdAt: timeOrNull,
  counts: {
    type: 'object',
    required: ['incidents', 'open', 'actioned', 'withNew', 'filesNew', 'filesNear', 'filesExact'],
    additionalProperties: false,
    properties: { incidents: int, open: int, actioned: int, withNew: int, filesNew: int, filesNear: int, filesExact: int },
  },
  actions: { type: 'array', items: { type: 'string', enum: ['acknowledge'] }, description: 'what the caller may do with it now (lists and reads)' },
} as const;
const referralPackage = {
  type: 'object',
  required: ['id', 'reportId', 'provider', 'reference', 'country', 'status', 'acknowledgedAt', 'acknowledgedBy', 'createdAt', 'counts'],
  additionalProperties: false,
  properties: packageProperties,
} as const;
/** A reported file as the reader may see it: hashes, verdict and, redacted as in the seizure triage, what is known. */
const referralFile = {
  type: 'object',
  required: ['fileId', 'name', 'md5', 'sha1', 'sha256', 'pdq', 'result', 'known'],
  additionalProperties: false,
  properties: {
    fileId: int,
    name: strOrNull,
    md5: strOrNull,
    sha1: strOrNull,
    sha256: strOrNull,
    pdq: strOrNull,
    result: verdict,
    known: { anyOf: [{ type: 'null' }, restrictedKnown, knownMatch] },
  },
} as const;
const incident = {
  type: 'object',
  required: [
    'id',
    'reportId',
    'packageId',
    'provider',
    'reportReference',
    'providerIncidentId',
    'incidentAt',
    'providerCountry',
    'country',
    'unassignedReason',
    'offender',
    'priority',
    'counts',
    'status',
    'action',
    'assignedAt',
    'files',
  ],
  additionalProperties: false,
  properties: {
    id: int,
    reportId: int,
    packageId: { type: ['integer', 'null'] },
    provider: str,
    reportReference: str,
    providerIncidentId: str,
    incidentAt: timeOrNull,
    providerCountry: strOrNull,
    country: strOrNull,
    unassignedReason: strOrNull,
    offender: {
      type: 'object',
      required: ['account', 'username', 'ipAddress'],
      additionalProperties: false,
      properties: { account: strOrNull, username: strOrNull, ipAddress: strOrNull },
    },
    priority: { type: 'string', enum: [...PRIORITY_LABEL] },
    counts: {
      type: 'object',
      required: ['files', 'new', 'knownNear', 'knownExact'],
      additionalProperties: false,
      properties: { files: int, new: int, knownNear: int, knownExact: int },
    },
    status: { type: 'string', enum: ['open', 'actioned'] },
    action: {
      type: ['object', 'null'],
      required: ['outcome', 'caseReference', 'note', 'by', 'at'],
      additionalProperties: false,
      properties: {
        outcome: { type: ['string', 'null'], enum: [...OUTCOMES, null] },
        caseReference: strOrNull,
        note: strOrNull,
        by: { type: ['integer', 'null'] },
        at: timeOrNull,
      },
    },
    assignedAt: timeOrNull,
    files: { type: 'array', items: referralFile },
  },
} as const;
const incidentPageAnswer = {
  type: 'object',
  required: ['incidents', 'nextAfter'],
  additionalProperties: false,
  properties: { incidents: { type: 'array', items: incident }, nextAfter: { ...strOrNull, description: 'the after of the next page' } },
} as const;
/** The upload's outcome (intake.ts); a duplicate report gives the stored one, with a warning when its content differs. */
const uploadResult = {
  type: 'object',
  required: ['duplicate', 'report', 'packages', 'unassigned', 'files', 'rejected'],
  additionalProperties: false,
  properties: {
    duplicate: { type: 'boolean' },
    warning: str,
    report,
    packages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'country', 'incidents', 'withNew'],
        additionalProperties: false,
        properties: { id: int, country: str, incidents: int, withNew: int },
      },
    },
    unassigned: int,
    files: {
      type: ['object', 'null'],
      description: 'verdicts of the files accepted (null for a duplicate)',
      required: ['new', 'knownNear', 'knownExact'],
      additionalProperties: false,
      properties: { new: int, knownNear: int, knownExact: int },
    },
    rejected: rejections,
  },
} as const;

const summary = {
  type: 'object',
  required: ['unassigned', 'countries'],
  additionalProperties: false,
  properties: {
    unassigned: int,
    countries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['country', 'packages', 'acknowledged', 'awaitingAcknowledgement', 'incidents', 'open', 'actioned', 'withNew', 'lastDeliveredAt'],
        additionalProperties: false,
        properties: {
          country: str,
          packages: int,
          acknowledged: int,
          awaitingAcknowledgement: int,
          incidents: int,
          open: int,
          actioned: int,
          withNew: int,
          lastDeliveredAt: timeOrNull,
        },
      },
    },
  },
} as const;

export default async function referralsRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const svc = ctx.services.referrals;
  // The service decides within these roles: the hub (its analysts, NCB officers, admins) or a member country's NCB officers and analysts.

  // Provider reports may arrive as CSV text (parser scoped to this plugin).
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.post(
    '/referrals/reports',
    {
      config: { action: 'referral.upload' },
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Upload a bulk provider report (General Secretariat): split into one package per member country, each file enriched known-exact / known-near / new; rejected rows are listed with their reason; the same provider + reference again changes nothing',
        consumes: ['application/json', 'text/csv'],
        querystring: { type: 'object', required: ['provider', 'reference'], additionalProperties: false, properties: { provider: label, reference: label } },
        // No type keywords here: the API's type coercion would rewrite a body while trying string-or-array
        // branches. The handler checks the shape; the rows are validated one by one (parse.ts).
        body: {
          description:
            'JSON: an array of incidents {incidentId, incidentTime, country, account, username, ip, files: [{name, md5, sha1, sha256, pdq}]}. ' +
            `CSV (text/csv): a header incident_id, incident_time, country, account, username, ip, file_name, md5, sha1, sha256, pdq, then one line per file. At most ${MAX_ROWS} rows`,
        },
        response: { 200: uploadResult, 201: uploadResult },
      } as const,
    },
    async (req, reply) => {
      const csv = /^text\//i.test(req.headers['content-type'] ?? '');
      // The body schema has no type keywords (see above), so the type comes from this check.
      const body = req.body as unknown[] | string;
      if (csv ? typeof body !== 'string' : !Array.isArray(body)) throw new BadRequestError('send the report as a JSON array of incidents or as text/csv');
      const r = await svc.upload(who(req), { provider: req.query.provider, reference: req.query.reference, body });
      return reply.status(r.duplicate ? 200 : 201).send(r);
    },
  );

  app.get(
    '/referrals/reports',
    {
      config: { action: 'referral.reports' },
      schema: {
        tags,
        summary: 'Provider reports received, newest first (General Secretariat)',
        querystring: { type: 'object', additionalProperties: false, properties: { afterId: { type: 'integer', minimum: 1 }, limit } },
        response: {
          200: {
            type: 'object',
            required: ['reports', 'nextAfterId'],
            additionalProperties: false,
            properties: { reports: { type: 'array', items: report }, nextAfterId: { type: ['integer', 'null'] } },
          },
        },
      } as const,
    },
    async (req) => svc.listReports(who(req), req.query),
  );

  app.get(
    '/referrals/reports/:id',
    {
      config: { action: 'referral.reports' },
      schema: {
        tags,
        summary: 'A report: rejected rows, its packages per country with counts and acknowledgement, incidents still unassigned (General Secretariat)',
        params: idParam,
        response: {
          200: {
            type: 'object',
            required: [...reportRequired, 'rejected', 'unassigned', 'packages'],
            additionalProperties: false,
            properties: { ...reportProperties, rejected: rejections, unassigned: int, packages: { type: 'array', items: referralPackage } },
          },
        },
      } as const,
    },
    async (req) => svc.getReport(who(req), req.params.id),
  );

  app.get(
    '/referrals/summary',
    {
      config: { action: 'referral.summary' },
      schema: {
        tags,
        summary: 'Per member country: packages delivered and acknowledged, incidents open and actioned; the unassigned queue size (General Secretariat)',
        response: { 200: summary },
      } as const,
    },
    async (req) => svc.summary(who(req)),
  );

  app.get(
    '/referrals/packages',
    {
      config: { action: 'referral.list' },
      schema: {
        tags,
        summary: "Referral packages, newest first: all for the General Secretariat, my country's for NCB officers and analysts",
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            country: { type: 'string', pattern: '^[A-Za-z]{2}$' },
            status: { type: 'string', enum: ['delivered', 'acknowledged'] },
            reportId: { type: 'integer', minimum: 1 },
            afterId: { type: 'integer', minimum: 1 },
            limit,
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['packages', 'nextAfterId'],
            additionalProperties: false,
            properties: { packages: { type: 'array', items: referralPackage }, nextAfterId: { type: ['integer', 'null'] } },
          },
        },
      } as const,
    },
    async (req) => svc.listPackages(who(req), req.query),
  );

  app.get(
    '/referrals/packages/:id',
    {
      config: { action: 'referral.read' },
      schema: { tags, summary: 'A referral package with its counts and acknowledgement', params: idParam, response: { 200: referralPackage } } as const,
    },
    async (req) => svc.getPackage(who(req), req.params.id),
  );

  app.get(
    '/referrals/packages/:id/incidents',
    {
      config: { action: 'referral.read' },
      schema: {
        tags,
        summary: "Incidents of a package, new material first (keyset pages); known material redacted per its owner's distribution",
        params: idParam,
        querystring: incidentPage,
        response: { 200: incidentPageAnswer },
      } as const,
    },
    async (req) => svc.listIncidents(who(req), req.params.id, req.query),
  );

  app.post(
    '/referrals/packages/:id/acknowledge',
    {
      config: { action: 'referral.acknowledge' },
      schema: {
        tags,
        summary: "Acknowledge receipt of my country's package (NCB officers); again changes nothing",
        params: idParam,
        response: { 200: referralPackage },
      } as const,
    },
    async (req) => svc.acknowledge(who(req), req.params.id),
  );

  app.get(
    '/referrals/unassigned',
    {
      config: { action: 'referral.unassigned' },
      schema: {
        tags,
        summary: 'Incidents without a member country, new material first (General Secretariat)',
        querystring: incidentPage,
        response: { 200: incidentPageAnswer },
      } as const,
    },
    async (req) => svc.listUnassigned(who(req), req.query),
  );

  app.get(
    '/referrals/incidents/:id',
    {
      config: { action: 'referral.read' },
      schema: { tags, summary: 'A referred incident with its files', params: idParam, response: { 200: incident } } as const,
    },
    async (req) => svc.getIncident(who(req), req.params.id),
  );

  app.post(
    '/referrals/incidents/:id/action',
    {
      config: { action: 'referral.action' },
      schema: {
        tags,
        summary: "Record what became of an incident of my country's package (a case reference when a case was opened or added to)",
        params: idParam,
        body: {
          type: 'object',
          required: ['outcome'],
          additionalProperties: false,
          properties: {
            outcome: { type: 'string', enum: [...OUTCOMES] },
            caseReference: { type: 'string', maxLength: 200 },
            note: { type: 'string', maxLength: 5000 },
          },
        },
        response: { 200: incident },
      } as const,
    },
    async (req) => svc.action(who(req), req.params.id, req.body),
  );

  app.post(
    '/referrals/incidents/:id/assign',
    {
      config: { action: 'referral.assign' },
      schema: {
        tags,
        summary: 'Refer an unassigned (or misrouted, still open) incident to a member country (General Secretariat); its NCB is told',
        params: idParam,
        body: { type: 'object', required: ['country'], additionalProperties: false, properties: { country: { type: 'string', pattern: '^[A-Za-z]{2}$' } } },
        response: { 200: incident },
      } as const,
    },
    async (req) => svc.assign(who(req), req.params.id, req.body.country),
  );
}
