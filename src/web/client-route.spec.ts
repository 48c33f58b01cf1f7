import { isClientRoute } from './client-route';

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
