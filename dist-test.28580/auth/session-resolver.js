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
var _a, _b, _c, _d;
Object.defineProperty(exports, "__esModule", { value: true });
exports.SessionResolver = void 0;
const common_1 = require("@nestjs/common");
const cache_generations_1 = require("../cache/cache-generations");
const app_config_1 = require("../config/app-config");
const users_repository_1 = require("../users/users.repository");
const revoked_tokens_repository_1 = require("./revoked-tokens.repository");
const MEMO_LIMIT = 10_000;
/**
 * Turns verified token claims into the request principal, refusing revoked tokens.
 *
 * The database is the source of truth (users.session_version, revoked_tokens). To spare it on
 * every request, a principal is remembered in process together with the user's cache generation
 * read BEFORE the database; logout, logout-all and profile changes bump that generation on every
 * instance, so a remembered principal is only reused while nothing about the user has changed.
 * When the generation cannot be read (Redis down, hung, or caching disabled) the database decides.
 */
let SessionResolver = class SessionResolver {
    users;
    revokedTokens;
    generations;
    config;
    memo = new Map();
    constructor(users, revokedTokens, generations, config) {
        this.users = users;
        this.revokedTokens = revokedTokens;
        this.generations = generations;
        this.config = config;
    }
    /**
     * The principal and the route group's cache validity it was checked under, or null when the token
     * is revoked. With a `plan` (a cached GET), the route's generation, and its entry for the remembered
     * user, are read in the same round trip as the session generation (the remembered user's context is
     * only trusted by the interceptor if it matches the principal's).
     */
    async resolve(claims, plan) {
        const userId = Number(claims.sub);
        const remembered = this.memo.get(userId);
        const { session: generation, entry, prefetched } = await this.generations.current(userId, plan ?? null, remembered?.user);
        if (generation !== null && remembered?.generation === generation && remembered.acceptedTokenIds.has(claims.jti)) {
            return { ...this.accept(remembered.user, claims, entry), prefetched };
        }
        const user = await this.loadIfValid(userId, claims);
        if (!user)
            return null;
        if (generation !== null)
            this.remember(userId, generation, user, claims.jti, remembered);
        return { ...this.accept(user, claims, entry), prefetched };
    }
    roleOf(email) {
        return this.config.adminEmails.includes(email.toLowerCase()) ? 'admin' : 'user';
    }
    async loadIfValid(userId, claims) {
        const [user, revoked] = await Promise.all([this.users.findById(userId), this.revokedTokens.isRevoked(claims.jti)]);
        if (!user || revoked || user.sessionVersion !== claims.sv)
            return null;
        return user;
    }
    remember(userId, generation, user, jti, previous) {
        const sameGeneration = previous?.generation === generation;
        const acceptedTokenIds = sameGeneration ? previous.acceptedTokenIds : new Set();
        acceptedTokenIds.add(jti);
        this.memo.delete(userId);
        this.memo.set(userId, { generation, user, acceptedTokenIds });
        if (this.memo.size > MEMO_LIMIT)
            this.memo.delete(this.memo.keys().next().value);
    }
    accept(user, claims, generation) {
        const principal = {
            id: user.id,
            email: user.email,
            role: this.roleOf(user.email),
            timezone: user.timezone,
            jti: claims.jti,
            tokenExpiresAt: claims.exp,
        };
        return { principal, generation };
    }
};
exports.SessionResolver = SessionResolver;
exports.SessionResolver = SessionResolver = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeof (_a = typeof users_repository_1.UsersRepository !== "undefined" && users_repository_1.UsersRepository) === "function" ? _a : Object, typeof (_b = typeof revoked_tokens_repository_1.RevokedTokensRepository !== "undefined" && revoked_tokens_repository_1.RevokedTokensRepository) === "function" ? _b : Object, typeof (_c = typeof cache_generations_1.CacheGenerations !== "undefined" && cache_generations_1.CacheGenerations) === "function" ? _c : Object, typeof (_d = typeof app_config_1.AppConfig !== "undefined" && app_config_1.AppConfig) === "function" ? _d : Object])
], SessionResolver);
