// The platform layer's public face: typed HTTP calls, auth and errors. No operator wording: that is the
// procedure's (source/procedure/); text and dates are source/text/'s.
export {hostOf, isLoopbackHost, normalizeBaseUrl} from './base-url.js';
export {PlatformClient, type PlatformClientOptions, switchRequest, switchRequestBody} from './client.js';
export {asPlatformError, isPlatformError, PlatformError, type PlatformErrorKind} from './errors.js';
export {RequestGate} from './gate.js';
export type {Exchange, ExchangeObserver} from './http.js';
export {reachDataCenter} from './reach.js';
export type {
  AccessToken,
  ApiClientInfo,
  Pricing,
  PricingMode,
  SearchHit,
  Tenant,
  TenantKind,
} from './types.js';
export {toolVersion} from './version.js';
