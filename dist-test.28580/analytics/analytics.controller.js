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
var _a, _b, _c, _d, _e, _f, _g;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AnalyticsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const auth_user_1 = require("../auth/auth-user");
const cached_endpoint_decorator_1 = require("../cache/cached-endpoint.decorator");
const current_user_decorator_1 = require("../common/decorators/current-user.decorator");
const date_range_1 = require("../common/validation/date-range");
const analytics_query_dto_1 = require("./analytics-query.dto");
const analytics_response_dto_1 = require("./analytics-response.dto");
const analytics_service_1 = require("./analytics.service");
let AnalyticsController = class AnalyticsController {
    analyticsService;
    constructor(analyticsService) {
        this.analyticsService = analyticsService;
    }
    performance(user, query) {
        return this.analyticsService.performance(user, query);
    }
    compliance(user, query) {
        return this.analyticsService.compliance(user, query);
    }
};
exports.AnalyticsController = AnalyticsController;
__decorate([
    (0, common_1.Get)('performance'),
    (0, swagger_1.ApiOkResponse)({ type: analytics_response_dto_1.PerformanceReportResponse }),
    (0, swagger_1.ApiNotFoundResponse)({ description: 'categoryId is not one of your categories' }),
    (0, cached_endpoint_decorator_1.CachedEndpoint)({ group: 'analytics', queryDefaults: (0, date_range_1.dateRangeQueryDefaults)(date_range_1.DEFAULT_RANGE_DAYS) }),
    __param(0, (0, current_user_decorator_1.CurrentUser)()),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_b = typeof auth_user_1.AuthUser !== "undefined" && auth_user_1.AuthUser) === "function" ? _b : Object, typeof (_c = typeof analytics_query_dto_1.AnalyticsQueryDto !== "undefined" && analytics_query_dto_1.AnalyticsQueryDto) === "function" ? _c : Object]),
    __metadata("design:returntype", typeof (_d = typeof Promise !== "undefined" && Promise) === "function" ? _d : Object)
], AnalyticsController.prototype, "performance", null);
__decorate([
    (0, common_1.Get)('compliance'),
    (0, swagger_1.ApiOkResponse)({ type: analytics_response_dto_1.ComplianceReportResponse }),
    (0, swagger_1.ApiNotFoundResponse)({ description: 'categoryId is not one of your categories' }),
    (0, cached_endpoint_decorator_1.CachedEndpoint)({ group: 'analytics', queryDefaults: (0, date_range_1.dateRangeQueryDefaults)(date_range_1.DEFAULT_RANGE_DAYS) }),
    __param(0, (0, current_user_decorator_1.CurrentUser)()),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_e = typeof auth_user_1.AuthUser !== "undefined" && auth_user_1.AuthUser) === "function" ? _e : Object, typeof (_f = typeof analytics_query_dto_1.AnalyticsQueryDto !== "undefined" && analytics_query_dto_1.AnalyticsQueryDto) === "function" ? _f : Object]),
    __metadata("design:returntype", typeof (_g = typeof Promise !== "undefined" && Promise) === "function" ? _g : Object)
], AnalyticsController.prototype, "compliance", null);
exports.AnalyticsController = AnalyticsController = __decorate([
    (0, swagger_1.ApiTags)('analytics'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, common_1.Controller)('analytics'),
    __metadata("design:paramtypes", [typeof (_a = typeof analytics_service_1.AnalyticsService !== "undefined" && analytics_service_1.AnalyticsService) === "function" ? _a : Object])
], AnalyticsController);
