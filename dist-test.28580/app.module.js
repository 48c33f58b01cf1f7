"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AppModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppModule = void 0;
const common_1 = require("@nestjs/common");
const admin_module_1 = require("./admin/admin.module");
const analytics_module_1 = require("./analytics/analytics.module");
const auth_module_1 = require("./auth/auth.module");
const response_cache_module_1 = require("./cache/response-cache.module");
const changes_module_1 = require("./changes/changes.module");
const categories_module_1 = require("./categories/categories.module");
const app_config_module_1 = require("./config/app-config.module");
const database_module_1 = require("./database/database.module");
const habits_module_1 = require("./habits/habits.module");
const health_module_1 = require("./health/health.module");
const lifecycle_module_1 = require("./lifecycle/lifecycle.module");
const logging_module_1 = require("./logging/logging.module");
const metrics_module_1 = require("./metrics/metrics.module");
const rate_limit_module_1 = require("./rate-limit/rate-limit.module");
const records_module_1 = require("./records/records.module");
const sync_module_1 = require("./sync/sync.module");
/** The whole API. `forRoot()` reads process.env; tests pass their own settings. */
let AppModule = AppModule_1 = class AppModule {
    static forRoot(options = {}) {
        const { logDestination, ...configOptions } = options;
        return {
            module: AppModule_1,
            imports: [
                app_config_module_1.AppConfigModule.forRoot(configOptions),
                logging_module_1.LoggingModule.forRoot(logDestination),
                database_module_1.DatabaseModule,
                response_cache_module_1.ResponseCacheModule,
                changes_module_1.ChangesModule,
                auth_module_1.AuthModule,
                // After AuthModule: global guards run in the order they are registered, and the
                // per-user limit needs the user that JwtAuthGuard puts on the request.
                rate_limit_module_1.RateLimitModule,
                categories_module_1.CategoriesModule,
                habits_module_1.HabitsModule,
                records_module_1.RecordsModule,
                sync_module_1.SyncModule,
                analytics_module_1.AnalyticsModule,
                admin_module_1.AdminModule,
                health_module_1.HealthModule,
                metrics_module_1.MetricsModule,
                lifecycle_module_1.LifecycleModule,
            ],
        };
    }
};
exports.AppModule = AppModule;
exports.AppModule = AppModule = AppModule_1 = __decorate([
    (0, common_1.Module)({})
], AppModule);
