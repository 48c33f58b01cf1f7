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
Object.defineProperty(exports, "__esModule", { value: true });
exports.AnalyticsQueryDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
const is_calendar_date_decorator_1 = require("../common/validation/is-calendar-date.decorator");
const is_id_decorator_1 = require("../common/validation/is-id.decorator");
const transforms_1 = require("../common/validation/transforms");
class AnalyticsQueryDto {
    from;
    to;
    categoryId;
}
exports.AnalyticsQueryDto = AnalyticsQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ format: 'date', description: 'Defaults to 29 days before `to`; at most 366 days before it' }),
    (0, transforms_1.QueryString)(),
    (0, class_validator_1.IsOptional)(),
    (0, is_calendar_date_decorator_1.IsCalendarDate)(),
    __metadata("design:type", String)
], AnalyticsQueryDto.prototype, "from", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ format: 'date', description: "Defaults to today in the user's time zone" }),
    (0, transforms_1.QueryString)(),
    (0, class_validator_1.IsOptional)(),
    (0, is_calendar_date_decorator_1.IsCalendarDate)(),
    __metadata("design:type", String)
], AnalyticsQueryDto.prototype, "to", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ type: Number, description: 'Only the habits of this category (404 if it is not yours)' }),
    (0, transforms_1.QueryInteger)(),
    (0, class_validator_1.IsOptional)(),
    (0, is_id_decorator_1.IsId)(),
    __metadata("design:type", Number)
], AnalyticsQueryDto.prototype, "categoryId", void 0);
