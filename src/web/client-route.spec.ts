import { isClientRoute, isWebDocument } from './client-route';

describe('isClientRoute', () => {
  it("hands the web app's routes to it", () => {
    for (const path of ['/', '/today', '/habits', '/habits/', '/habits/12', '/settings?tab=sessions', '/analytics']) expect(isClientRoute(path)).toBe(true);
  });

  it('never answers server paths, unknown paths or missing files with the page', () => {
    for (const path of ['/api', '/api/habits', '/health', '/health/ready', '/metrics', '/docs', '/docs-json', '/assets/index-abc.js', '/favicon.ico', '/nothing-here', '/habits/x', '/habits/1/edit']) {
      expect(isClientRoute(path)).toBe(false);
    }
  });
});

describe('isWebDocument', () => {
  it("gives the page and the service worker the web app's headers, not other files", () => {
    for (const path of ['/', '/habits/3', '/index.html', '/sw.js', '/sw.js?v=2']) expect(isWebDocument(path)).toBe(true);
    for (const path of ['/api/habits', '/assets/index-abc.js', '/manifest.webmanifest', '/sw.js.map']) expect(isWebDocument(path)).toBe(false);
  });
});
