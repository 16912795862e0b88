/** The pages' Content-Security-Policy: nothing inline, no script at all, the hub's own stylesheet. */
export const PAGES_CSP = {
  'default-src': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'script-src': ["'none'"],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};
