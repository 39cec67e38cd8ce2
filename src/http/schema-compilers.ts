// Route schemas compile once per process. A validator or serializer is a pure function of its schema and the
// compiler options, so every Fastify app the process builds can share it. A server builds one app; the tests
// build one per test system (hundreds in one worker), where compiling the same schemas again cost ~200 ms each.
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Factories = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type Compiled = (...args: never[]) => unknown;

/** A compile function memoised by the JSON of its schema (route schemas may be built afresh for each app). */
function memoised<Info extends { schema: unknown }>(scope: string, compile: (info: Info) => Compiled, cache: Map<string, Compiled>) {
  return (info: Info) => {
    const key = `${scope}\0${JSON.stringify(info.schema)}`;
    let fn = cache.get(key);
    if (!fn) cache.set(key, (fn = compile(info)));
    return fn;
  };
}

const validators = new Map<string, Compiled>();
const serializers = new Map<string, Compiled>();
const ajvFactory = AjvCompiler();
const serializerFactory = SerializerSelector();

export const sharedSchemaCompilers: Factories = {
  // The factory pools one Ajv per set of shared schemas and options; each compiled validator is kept by schema.
  buildValidator: (externalSchemas, options) =>
    memoised(JSON.stringify([externalSchemas, options]), ajvFactory(externalSchemas, options) as never, validators) as never,
  buildSerializer: (externalSchemas, options) =>
    memoised(JSON.stringify([externalSchemas, options]), serializerFactory(externalSchemas, options) as never, serializers) as never,
};
