// Typed domain errors; one handler (http/app.ts) maps them to HTTP answers.
export class DomainError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
export class BadRequestError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(400, 'bad_request', message, details);
  }
}
export class UnauthorizedError extends DomainError {
  constructor(message = 'authentication required', code = 'unauthorized', details?: Record<string, unknown>) {
    super(401, code, message, details);
  }
}
export class ForbiddenError extends DomainError {
  constructor(message = 'your role does not allow this') {
    super(403, 'forbidden', message);
  }
}
/** Also used for records that exist but are not visible to the caller: never leak their existence. */
export class NotFoundError extends DomainError {
  constructor(what = 'record') {
    super(404, 'not_found', `${what} not found`);
  }
}
export class ConflictError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(409, 'conflict', message, details);
  }
}
export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    public readonly retryAfterSeconds: number,
  ) {
    super(429, 'too_many_requests', message, { retryAfterSeconds });
  }
}
export class PayloadTooLargeError extends DomainError {
  constructor(message: string) {
    super(413, 'payload_too_large', message);
  }
}

/** The row, or a 404 naming what was looked for (invisible rows are "not found" too). */
export function found<T>(row: T | undefined | null, what: string): T {
  if (row === undefined || row === null) throw new NotFoundError(what);
  return row;
}
