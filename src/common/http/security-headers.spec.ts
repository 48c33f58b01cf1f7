import { API_SECURITY_HEADERS, DOCS_SECURITY_HEADERS, helmetHeaders } from './security-headers';

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
