// Route schema pieces shared by the series and entity routes (a module of their own, so entity-routes.ts
// does not import routes.ts, which registers it).
export const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
export const pageQuery = { afterId: { type: 'integer', minimum: 1 }, limit: { type: 'integer', minimum: 1, maximum: 500 } } as const;
