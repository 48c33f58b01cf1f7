"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a, _b;
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_USER_ID = exports.AccessTokenService = void 0;
exports.isUserId = isUserId;
const node_crypto_1 = require("node:crypto");
const common_1 = require("@nestjs/common");
const jwt_1 = require("@nestjs/jwt");
const app_config_1 = require("../config/app-config");
const hs256_verifier_1 = require("./hs256-verifier");
/** Issues (with @nestjs/jwt) and verifies HS256 access tokens; the algorithm is pinned both ways. */
let AccessTokenService = class AccessTokenService {
    jwt;
    config;
    verifier;
    constructor(jwt, config) {
        this.jwt = jwt;
        this.config = config;
        this.verifier = new hs256_verifier_1.Hs256Verifier(config.jwt.secret);
    }
    get lifetimeSeconds() {
        return this.config.jwt.expiresInSeconds;
    }
    issue(userId, sessionVersion) {
        return this.jwt.signAsync({ sub: String(userId), sv: sessionVersion }, { algorithm: 'HS256', expiresIn: this.lifetimeSeconds, jwtid: (0, node_crypto_1.randomUUID)() });
    }
    /** The token's claims, or null for anything forged, expired, malformed or incomplete. */
    verify(token) {
        const claims = this.verifier.verify(token);
        return claims && hasRequiredClaims(claims) ? claims : null;
    }
};
exports.AccessTokenService = AccessTokenService;
exports.AccessTokenService = AccessTokenService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeof (_a = typeof jwt_1.JwtService !== "undefined" && jwt_1.JwtService) === "function" ? _a : Object, typeof (_b = typeof app_config_1.AppConfig !== "undefined" && app_config_1.AppConfig) === "function" ? _b : Object])
], AccessTokenService);
function hasRequiredClaims(claims) {
    return (typeof claims.sub === 'string' &&
        isUserId(claims.sub) &&
        typeof claims.jti === 'string' &&
        claims.jti.length <= 64 &&
        Number.isInteger(claims.sv) &&
        Number.isInteger(claims.iat) &&
        Number.isInteger(claims.exp));
}
/** The largest id a user can have (a 32-bit integer column on both databases). */
exports.MAX_USER_ID = 2_147_483_647;
/** A `sub` naming a user id the database can hold: a larger one would be a driver error (a 500), not a 401. */
function isUserId(sub) {
    return /^[1-9]\d{0,9}$/.test(sub) && Number(sub) <= exports.MAX_USER_ID;
}
