"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Hs256Verifier = void 0;
const node_crypto_1 = require("node:crypto");
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const MEMO_LIMIT = 20_000;
const CLOCK_SKEW_SECONDS = 30;
/**
 * Verifies compact HS256 JWTs with node:crypto: the header must say HS256 (so `alg: none` and
 * algorithm confusion are refused), the signature is compared in constant time, and `exp` (and
 * `nbf`, `iat` when present) are checked on every call. jsonwebtoken's verify costs ~0.9 ms a call
 * on our machines, more than the rest of a cached request; this costs a few microseconds, and a
 * token already verified is remembered (bounded), so a hit only re-checks its expiry.
 */
class Hs256Verifier {
    key;
    verified = new Map();
    constructor(secret) {
        this.key = (0, node_crypto_1.createSecretKey)(Buffer.from(secret, 'utf8'));
    }
    /** The payload of a valid, unexpired token; null otherwise. */
    verify(token, nowSeconds = Math.floor(Date.now() / 1000)) {
        const payload = this.verified.get(token) ?? this.verifySignature(token);
        if (!payload || !isCurrent(payload, nowSeconds))
            return null;
        return payload;
    }
    verifySignature(token) {
        const parts = token.split('.');
        if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part)))
            return null;
        const [header, body, signature] = parts;
        if (decodeJson(header)?.alg !== 'HS256')
            return null;
        const expected = (0, node_crypto_1.createHmac)('sha256', this.key).update(`${header}.${body}`).digest();
        const given = Buffer.from(signature, 'base64url');
        if (given.length !== expected.length || !(0, node_crypto_1.timingSafeEqual)(given, expected))
            return null;
        const payload = decodeJson(body);
        if (payload)
            this.remember(token, payload);
        return payload;
    }
    remember(token, payload) {
        if (this.verified.size >= MEMO_LIMIT)
            this.verified.delete(this.verified.keys().next().value);
        this.verified.set(token, payload);
    }
}
exports.Hs256Verifier = Hs256Verifier;
function isCurrent(payload, now) {
    const { exp, nbf, iat } = payload;
    if (typeof exp !== 'number' || exp <= now)
        return false;
    if (typeof nbf === 'number' && nbf > now + CLOCK_SKEW_SECONDS)
        return false;
    return !(typeof iat === 'number' && iat > now + CLOCK_SKEW_SECONDS);
}
function decodeJson(segment) {
    try {
        const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
        return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
    }
    catch {
        return null;
    }
}
