import { API_SECURITY_HEADERS, DOCS_SECURITY_HEADERS, helmetHeaders, WEB_SECURITY_HEADERS } from './security-headers';

describe('security headers', () => {
  it("records what helmet's middleware sets, once", () => {
    expect(helmetHeaders({ contentSecurityPolicy: false, strictTransportSecurity: { maxAge: 60 } })).toMatchObject({
      'strict-transport-security': 'max-age=60; includeSubDomains',
      'x-content-type-options': 'nosniff',
    });
  });

  it('keeps JSON answers from running, being framed or sniffed, without the headers meant for HTML pages', () => {
    expect(API_SECURITY_HEADERS).toMatchObject({
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
    });
    expect(Object.keys(API_SECURITY_HEADERS)).not.toContain('x-dns-prefetch-control');
    expect(DOCS_SECURITY_HEADERS['content-security-policy']).toContain("script-src 'self'");
  });
});

describe('the web app headers', () => {
  it('allow only our own scripts and styles, nothing inline, no framing', () => {
    const csp = WEB_SECURITY_HEADERS['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(WEB_SECURITY_HEADERS['x-frame-options']).toBe('DENY');
  });
});
