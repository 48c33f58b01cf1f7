interface ErrorLike {
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_|ERR_OSSL_)/;

/**
 * What an operator needs to read in a log line about Redis refusing us: which kind of failure
 * (authentication, TLS, the network) and the server's or the library's own words.
 */
export function describeRedisFailure(error: unknown): string {
  const { message, code } = innermost(error);
  if (/^(WRONGPASS|NOAUTH)\b/.test(message) || /invalid username-password pair|Authentication required/i.test(message)) {
    return `authentication failed (${message}): check the password (and user) in REDIS_URL`;
  }
  if (TLS_CODES.test(code) || /certificate|ssl|tls/i.test(message)) {
    return `TLS failed (${code ? `${code}: ` : ''}${message}): for a private CA set REDIS_TLS_CA_FILE`;
  }
  if (code === 'ECONNREFUSED') return `connection refused (${message})`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host not found (${message})`;
  if (/timeout/i.test(message) || code === 'ETIMEDOUT') return `connection timed out (${message})`;
  return code ? `${code}: ${message}` : message || 'unknown error';
}

/** The error that says what happened (node-redis wraps socket errors). */
function innermost(error: unknown): { message: string; code: string } {
  let current = error as ErrorLike | null;
  for (let depth = 0; depth < 5 && current && typeof current === 'object' && current.cause; depth += 1) {
    current = current.cause;
  }
  const found = current ?? {};
  return { message: typeof found.message === 'string' ? found.message : String(error), code: typeof found.code === 'string' ? found.code : '' };
}
