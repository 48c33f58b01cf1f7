"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PasswordHasher = void 0;
const node_crypto_1 = require("node:crypto");
const common_1 = require("@nestjs/common");
const KEY_LENGTH = 64;
const PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
function derive(password, salt, params) {
    return new Promise((resolve, reject) => (0, node_crypto_1.scrypt)(password.normalize('NFKC'), salt, KEY_LENGTH, params, (error, key) => (error ? reject(error) : resolve(key))));
}
/** scrypt (memory-hard) hashes, stored as `scrypt$N$r$p$salt$hash`, compared in constant time. */
let PasswordHasher = class PasswordHasher {
    /** A hash of a random password: verifying against it costs as much as a real one (unknown emails). */
    decoyHash = this.hash((0, node_crypto_1.randomBytes)(16).toString('hex'));
    async hash(password) {
        const salt = (0, node_crypto_1.randomBytes)(16);
        const key = await derive(password, salt, PARAMS);
        return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
    }
    async verify(password, stored) {
        const encoded = stored ?? (await this.decoyHash);
        const [scheme, n, r, p, salt, hash] = encoded.split('$');
        if (scheme !== 'scrypt' || !salt || !hash)
            return false;
        const expected = Buffer.from(hash, 'base64');
        if (expected.length !== KEY_LENGTH)
            return false;
        const actual = await derive(password, Buffer.from(salt, 'base64'), { ...PARAMS, N: Number(n), r: Number(r), p: Number(p) });
        return (0, node_crypto_1.timingSafeEqual)(actual, expected) && stored !== undefined;
    }
};
exports.PasswordHasher = PasswordHasher;
exports.PasswordHasher = PasswordHasher = __decorate([
    (0, common_1.Injectable)()
], PasswordHasher);
