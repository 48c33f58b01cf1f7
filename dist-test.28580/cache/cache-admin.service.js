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
var _a, _b, _c;
Object.defineProperty(exports, "__esModule", { value: true });
exports.CacheAdminService = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const cache_group_1 = require("./cache-group");
const cache_stats_1 = require("./cache-stats");
const cache_store_1 = require("./cache-store");
/** Admin operations on the cache (these may scan; no request path does). */
let CacheAdminService = class CacheAdminService {
    store;
    stats;
    config;
    constructor(store, stats, config) {
        this.store = store;
        this.stats = stats;
        this.config = config;
    }
    async report() {
        const size = await this.describeStore();
        const hits = this.stats.total('hit');
        const misses = this.stats.total('miss');
        return {
            store: this.store.mode,
            connected: this.store.mode !== 'disabled' && size !== null && this.store.connected,
            keys: size?.keys ?? 0,
            memoryBytes: size?.memoryBytes ?? 0,
            hits,
            misses,
            hitRate: hits + misses === 0 ? null : Math.round((hits / (hits + misses)) * 10000) / 10000,
            invalidations: this.stats.invalidations,
            errors: this.stats.errors,
            ttlSeconds: { ...this.config.cache.ttlSeconds },
        };
    }
    async dropUser(userId) {
        return { deleted: await this.store.invalidate(userId, cache_group_1.ALL_SCOPES) };
    }
    /** 503 when the store cannot be reached (down, or hung: each step has a deadline); the flush may then be partial. */
    async flush() {
        if (!this.store.backend)
            return { deleted: 0 };
        try {
            return { deleted: await this.store.backend.flush() };
        }
        catch {
            throw new common_1.ServiceUnavailableException('The cache store is unavailable: the flush did not complete, try again');
        }
    }
    async describeStore() {
        try {
            return (await this.store.backend?.describe()) ?? null;
        }
        catch {
            return null;
        }
    }
};
exports.CacheAdminService = CacheAdminService;
exports.CacheAdminService = CacheAdminService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeof (_a = typeof cache_store_1.CacheStore !== "undefined" && cache_store_1.CacheStore) === "function" ? _a : Object, typeof (_b = typeof cache_stats_1.CacheStats !== "undefined" && cache_stats_1.CacheStats) === "function" ? _b : Object, typeof (_c = typeof app_config_1.AppConfig !== "undefined" && app_config_1.AppConfig) === "function" ? _c : Object])
], CacheAdminService);
