"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_TTL_SECONDS = exports.CACHE_BACKEND = void 0;
exports.freshToken = freshToken;
const node_crypto_1 = require("node:crypto");
/** DI token of the configured backend (null when CACHE_ENABLED=false). */
exports.CACHE_BACKEND = Symbol('CACHE_BACKEND');
/** A generation token never used before, by any process: a random process prefix and a counter. */
const processPrefix = (0, node_crypto_1.randomBytes)(6).toString('base64url');
let counter = 0;
function freshToken() {
    counter += 1;
    return `${processPrefix}${counter.toString(36)}`;
}
/** The longest any key lives; generations and indexes outlive every entry they cover. */
exports.MAX_TTL_SECONDS = 2 * 86400;
