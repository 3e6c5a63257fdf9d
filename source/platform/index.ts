// The platform layer's public face: what the wizard, the commands and the tests use.
export {isLoopbackHost, normalizeBaseUrl} from './base-url.js';
export {PlatformClient, type PlatformClientOptions, switchRequestBody} from './client.js';
export {isPlatformError, PlatformError, type PlatformErrorKind} from './errors.js';
export type {Exchange, ExchangeObserver} from './http.js';
export type {
  AccessToken,
  ApiClientInfo,
  Pricing,
  PricingMode,
  SearchHit,
  Tenant,
  TenantKind,
} from './types.js';
export {isUuid} from './uuid.js';
export {toolVersion} from './version.js';
