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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
var _a;
Object.defineProperty(exports, "__esModule", { value: true });
exports.RedisConnectionCloser = exports.cacheBackendProvider = exports.redisConnectionProvider = exports.REDIS_CONNECTION = void 0;
const common_1 = require("@nestjs/common");
const client_1 = require("@redis/client");
const app_config_1 = require("../config/app-config");
const cache_backend_1 = require("./cache-backend");
const memory_cache_backend_1 = require("./memory-cache-backend");
const redis_cache_backend_1 = require("./redis-cache-backend");
const redis_connection_1 = require("./redis-connection");
/**
 * The application's one Redis connection (null without REDIS_URL). Shared by the response cache
 * and anything else that needs Redis (rate limits); it fails fast rather than queueing.
 */
exports.REDIS_CONNECTION = Symbol('REDIS_CONNECTION');
exports.redisConnectionProvider = {
    provide: exports.REDIS_CONNECTION,
    inject: [app_config_1.AppConfig],
    useFactory: async (config) => {
        if (!config.redisUrl)
            return null;
        const client = (0, redis_connection_1.createRedisConnection)(config.redisUrl, { tlsCaFile: config.redisTlsCaFile });
        await (0, redis_connection_1.connectInBackground)(client, 1000);
        return client;
    },
};
/** Redis when REDIS_URL is set, in-process memory otherwise, nothing when CACHE_ENABLED=false. */
exports.cacheBackendProvider = {
    provide: cache_backend_1.CACHE_BACKEND,
    inject: [app_config_1.AppConfig, exports.REDIS_CONNECTION],
    useFactory: (config, redis) => {
        if (!config.cache.enabled)
            return null;
        return redis ? new redis_cache_backend_1.RedisCacheBackend(redis) : new memory_cache_backend_1.MemoryCacheBackend();
    },
};
/** Closes the shared Redis connection when the application shuts down. */
let RedisConnectionCloser = class RedisConnectionCloser {
    redis;
    constructor(redis) {
        this.redis = redis;
    }
    async onApplicationShutdown() {
        if (this.redis?.isOpen)
            await this.redis.close().catch(() => undefined);
    }
};
exports.RedisConnectionCloser = RedisConnectionCloser;
exports.RedisConnectionCloser = RedisConnectionCloser = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(exports.REDIS_CONNECTION)),
    __metadata("design:paramtypes", [typeof (_a = typeof client_1.RedisClientType !== "undefined" && client_1.RedisClientType) === "function" ? _a : Object])
], RedisConnectionCloser);
