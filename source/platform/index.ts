// The platform layer's public face: what the wizard, the commands and the tests use.
export {hostOf, isLoopbackHost, normalizeBaseUrl} from './base-url.js';
export {PlatformClient, type PlatformClientOptions, switchRequest, switchRequestBody} from './client.js';
export {
  firstOfNextMonth,
  formatDay,
  formatDayTime,
  formatMonth,
  parsePlatformDate,
  relativeDays,
} from './dates.js';
export {isPlatformError, PlatformError, type PlatformErrorKind} from './errors.js';
export {type Explanation, explainError, explainStatus} from './explain.js';
export {findTenants, pathOf, searchLimit, type TenantRow} from './find.js';
export type {Exchange, ExchangeObserver} from './http.js';
export {describeOutcome, type OutcomeText, pricingChanges, statusLine} from './outcome-text.js';
export {printable} from './printable.js';
export {readPricing, switchFacts, whyNotSwitchable} from './reading.js';
export {
  gotNoAnswer,
  mayConfirmAgain,
  type RetryableOutcome,
  type SwitchOutcome,
  type SwitchVerdict,
  switchAndVerify,
  verdictOf,
} from './switch.js';
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
