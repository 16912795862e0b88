/**
 * Reads an upstream's answer by its pinned OpenAPI document: the answer must be what the document says the
 * operation answers (else `malformed`), and its text Unicode (a legacy encoding is `malformed` too). For
 * scaffolded adapters, before a dialect schema and a mapping are written.
 */
import { assertUnicode } from '../mapping';
import type { RestResponse } from '../rest-transport';
import { createOpenApiValidator, loadOpenApi, type OpenApiValidator } from '../simulator/openapi-validator';
import { redactValue } from '../redact';
import { UpstreamError } from '../upstream-error';

export function specReader(upstream: string, openapi: string) {
  let validator: OpenApiValidator | undefined;
  return (method: string, path: string, res: RestResponse): Record<string, unknown> => {
    validator ??= createOpenApiValidator(loadOpenApi(openapi));
    const problems = validator.checkAnswer({
      method,
      path,
      status: res.status,
      answerContentType: res.headers['content-type'] ?? 'application/json',
      answer: res.data,
    });
    if (problems.length)
      throw new UpstreamError({
        upstream,
        code: 'malformed',
        status: res.status,
        reason: `the answer breaks the upstream's spec: ${problems[0]}`,
        raw: JSON.stringify(redactValue(res.data)).slice(0, 2000),
      });
    assertUnicode(upstream, res.data);
    return (res.data ?? {}) as Record<string, unknown>;
  };
}
