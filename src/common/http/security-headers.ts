import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { HelmetOptions } from 'helmet';

/**
 * helmet's headers, computed once at start-up with helmet itself: they depend on nothing in the
 * request. (@fastify/helmet rebuilds helmet's middleware and sets every header on every request:
 * measured at ~15 µs of CPU per request, plus the bytes of headers meant for HTML pages.)
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return Object.freeze(headers);
}

/**
 * JSON answers: nothing in them may run, be framed or be sniffed. helmet's headers for HTML
 * documents (opener policy, agent cluster, DNS prefetch) and for IE 8 and Flash are left out.
 */
export const API_SECURITY_HEADERS = helmetHeaders({
  contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] } },
  xFrameOptions: { action: 'deny' },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
});

/**
 * The Swagger UI pages (/docs): helmet's defaults, plus the image host of Swagger UI's validator
 * badge, and without upgrade-insecure-requests, which would break /docs served over plain HTTP.
 */
export const DOCS_SECURITY_HEADERS = helmetHeaders({
  contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'validator.swagger.io'], 'upgrade-insecure-requests': null } },
});

/**
 * The web app (web/dist at `/`): only our own scripts, styles, images and API calls; no inline
 * script or style (the charts are plain SVG with presentation attributes), no framing, no plugins.
 */
export const WEB_SECURITY_HEADERS = helmetHeaders({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'manifest-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
      'object-src': ["'none'"],
    },
  },
  xFrameOptions: { action: 'deny' },
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
});

