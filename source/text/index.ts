// The ground floor: text that every layer writes and reads — the one sanitiser (platform text is data, never terminal
// control), JSON as we print and store it, dates as operators read them (UTC), and the UUID's form. It imports
// nothing of ours, and everything may import it.
export {
  dateAsSent,
  firstOfNextMonth,
  formatDay,
  formatDayTime,
  formatMonth,
  parsePlatformDate,
  relativeDays,
  startOfDay,
} from './dates.js';
export {isDataCenterUrl, isLoopbackHost} from './hosts.js';
export {
  asText,
  hasHiddenCharacters,
  jsonText,
  messageOf,
  printable,
  printableLines,
  withoutHidden,
} from './printable.js';
export {isUuid} from './uuid.js';
