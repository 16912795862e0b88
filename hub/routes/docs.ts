/** GET /docs: the API reference page, rendered from the OpenAPI document (no external assets). */
import type { Request, Response } from 'express';

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

interface Op {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema: { $ref?: string } }> }
  >;
}

const refName = (ref?: string) => (ref ? ref.split('/').pop() : undefined);

export function renderDocs(doc: Record<string, unknown>): string {
  const info = doc.info as { title: string; version: string; description: string };
  const paths = doc.paths as Record<string, Record<string, Op>>;
  const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
  const ops = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''}) ${esc(p.description)}</li>`,
        )
        .join('');
      const req = refName(Object.values(op.requestBody?.content ?? {})[0]?.schema.$ref);
      const ok = refName(Object.values(op.responses?.['200']?.content ?? {})[0]?.schema.$ref);
      return `<section><h3><span class="m">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)}</p>${op.description ? `<p class="d">${esc(op.description)}</p>` : ''}
${params ? `<ul>${params}</ul>` : ''}
${req ? `<p>Request: <a href="#${esc(req)}">${esc(req)}</a></p>` : ''}${ok ? `<p>Answer: <a href="#${esc(ok)}">${esc(ok)}</a></p>` : ''}</section>`;
    }),
  );
  const models = Object.entries(schemas)
    .map(
      ([name, s]) =>
        `<section id="${esc(name)}"><h3>${esc(name)}</h3><pre>${esc(JSON.stringify(s, null, 2))}</pre></section>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em}code,pre{font:13px ui-monospace,monospace}
pre{background:#f5f5f5;padding:.5em;overflow:auto;max-height:24em}.m{background:#235;color:#fff;padding:0 .4em;border-radius:3px}.d{color:#555}section{border-top:1px solid #ddd}</style>
</head><body><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a>. Protocol: docs/protocol.md in the repository.</p>
<h2>Operations</h2>${ops.join('\n')}<h2>Schemas</h2>${models}</body></html>`;
}

export function createDocsRoute(getDoc: () => Record<string, unknown>) {
  let html: string | undefined;
  return (_req: Request, res: Response): void => {
    html ??= renderDocs(getDoc());
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(html);
  };
}
