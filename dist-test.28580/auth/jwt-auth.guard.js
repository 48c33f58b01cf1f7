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
exports.JwtAuthGuard = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const cache_prefetch_1 = require("../cache/cache-prefetch");
const public_decorator_1 = require("../common/decorators/public.decorator");
const access_token_service_1 = require("./access-token.service");
const session_resolver_1 = require("./session-resolver");
const BEARER = /^Bearer ([A-Za-z0-9_\-.]+)$/;
/** Global guard, deny by default: every route needs a valid, unrevoked bearer token unless @Public(). */
let JwtAuthGuard = class JwtAuthGuard {
    reflector;
    tokens;
    sessions;
    cachePrefetch;
    constructor(reflector, tokens, sessions, cachePrefetch) {
        this.reflector = reflector;
        this.tokens = tokens;
        this.sessions = sessions;
        this.cachePrefetch = cachePrefetch;
    }
    async canActivate(context) {
        const isPublic = this.reflector.getAllAndOverride(public_decorator_1.IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
        if (isPublic)
            return true;
        const request = context.switchToHttp().getRequest();
        const token = bearerToken(request.headers.authorization);
        const claims = token ? this.tokens.verify(token) : null;
        if (!claims)
            throw new common_1.UnauthorizedException('Missing, invalid or expired access token');
        const session = await this.sessions.resolve(claims, this.cachePrefetch.planFor(context));
        if (!session)
            throw new common_1.UnauthorizedException('This access token has been revoked');
        request.user = session.principal;
        request.cacheGeneration = session.generation;
        request.cachePrefetch = session.prefetched;
        return true;
    }
};
exports.JwtAuthGuard = JwtAuthGuard;
exports.JwtAuthGuard = JwtAuthGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeof (_a = typeof core_1.Reflector !== "undefined" && core_1.Reflector) === "function" ? _a : Object, typeof (_b = typeof access_token_service_1.AccessTokenService !== "undefined" && access_token_service_1.AccessTokenService) === "function" ? _b : Object, typeof (_c = typeof session_resolver_1.SessionResolver !== "undefined" && session_resolver_1.SessionResolver) === "function" ? _c : Object, typeof (_d = typeof cache_prefetch_1.CachePrefetch !== "undefined" && cache_prefetch_1.CachePrefetch) === "function" ? _d : Object])
], JwtAuthGuard);
function bearerToken(header) {
    if (typeof header !== 'string')
        return null;
    return BEARER.exec(header)?.[1] ?? null;
}
