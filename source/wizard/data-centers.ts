// The data centers docs/platform-notes.md §1 names. There is no complete official list, so "Another URL…" takes any https URL.
export const knownDataCenters: ReadonlyArray<{readonly label: string; readonly url: string}> = [
  {label: 'Europe 2 (eu2-cloud.acronis.com)', url: 'https://eu2-cloud.acronis.com'},
  {label: 'Europe 5 (eu5-cloud.acronis.com)', url: 'https://eu5-cloud.acronis.com'},
  {label: 'Europe 8 (eu8-cloud.acronis.com)', url: 'https://eu8-cloud.acronis.com'},
  {label: 'United States (us-cloud.acronis.com)', url: 'https://us-cloud.acronis.com'},
  {label: 'Australia (au-cloud.acronis.com)', url: 'https://au-cloud.acronis.com'},
  {label: "Vendor's developer sandbox (dev-cloud.acronis.com)", url: 'https://dev-cloud.acronis.com'},
];
