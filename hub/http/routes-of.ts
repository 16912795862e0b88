/**
 * The routes an Express 5 app serves, read from its router (`app.router`, nested routers included):
 * each route's path pattern, its methods, and a matcher. The fallback handler uses it to tell 405 from
 * 404; the egress test uses it to make sure every route that can return upstream data has a row.
 */
import type { Express } from 'express';

export interface RouteInfo {
  /** The path pattern as registered, e.g. `/v1/deliveries/:id`. */
  path: string;
  /** Upper-case methods (HEAD is answered by GET routes). */
  methods: string[];
  /** True when a request path matches the pattern. */
  matches(path: string): boolean;
}

/** A mounted sub-app or router whose routes are not enumerated (e.g. the queue dashboard). */
export interface MountInfo {
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  rawPath?: string;
  /** True for a layer mounted at '/' (no path). */
  slash?: boolean;
  name?: string;
  handle?: { stack?: Layer[] };
  matchers?: ((path: string) => unknown)[];
}

function stackOf(app: Express): Layer[] {
  return (app as unknown as { router: { stack: Layer[] } }).router.stack;
}

/** Every route of the app (nested routers mounted without a path are flattened). */
export function routesOf(app: Express): RouteInfo[] {
  const out: RouteInfo[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const matchers = layer.matchers ?? [];
        out.push({
          path: layer.route.path,
          methods: Object.keys(layer.route.methods)
            .filter((m) => layer.route!.methods[m])
            .map((m) => m.toUpperCase()),
          matches: (path) => matchers.some((m) => m(path) !== false),
        });
      } else if (layer.handle?.stack && layer.slash) {
        walk(layer.handle.stack);
      }
    }
  };
  walk(stackOf(app));
  return out;
}

/**
 * Paths under which middleware, a router or a sub-app is mounted (e.g. `/admin/queues`), nested routers
 * included: whatever answers there is not enumerated as routes.
 */
export function mountsOf(app: Express): MountInfo[] {
  const out = new Set<string>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) continue;
      if (layer.slash) {
        if (layer.handle?.stack) walk(layer.handle.stack);
      } else out.add(String(layer.rawPath));
    }
  };
  walk(stackOf(app));
  return [...out].map((path) => ({ path }));
}

/** Methods the app serves at a path (empty when no route matches it). */
export function methodsAt(routes: readonly RouteInfo[], path: string): string[] {
  const methods = new Set<string>();
  for (const r of routes) if (r.matches(path)) r.methods.forEach((m) => methods.add(m));
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
