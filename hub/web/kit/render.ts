/** Sends a page: preact rendered to a string (escaped by default), with the doctype and no caching. */
import type { Response } from 'express';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export function sendPage(res: Response, status: number, page: VNode): void {
  res
    .status(status)
    .setHeader('cache-control', 'no-store')
    .type('html')
    .send(`<!doctype html>${renderToString(page)}`);
}
