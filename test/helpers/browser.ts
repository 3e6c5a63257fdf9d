import {type Browser, chromium, type Locator, type Page} from 'playwright-core';

// Headless Chromium from the OS (Debian's `chromium`; .ci/run installs it when missing), driven by playwright-core
// without downloading a browser of its own: HTML receipts and reports are checked as a person sees them.

/** Where the OS's Chromium is (CHROMIUM_PATH to use another). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Starts headless Chromium. As root it needs --no-sandbox; the background-networking flags keep it from dialling
 * out on a machine with a closed network (each refused connection otherwise slows it down). Playwright gives it a
 * new empty profile of its own.
 */
export function startBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Under faketime (CI's second pass) the moved clock is preloaded into every child; Chromium then never finishes
    // starting. It renders static files, whatever the time: it runs on the real clock.
    env: withoutFaketime(process.env),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The text of an element as a person sees it rendered (CSS applied: hidden text is not in it, line breaks are). */
export function shownText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is the point here, not the DOM's text.
  return locator.innerText();
}

/** The environment without libfaketime's preload and settings. */
function withoutFaketime(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || name.startsWith('FAKETIME') || name === 'LD_PRELOAD') continue;
    kept[name] = value;
  }
  return kept;
}

/**
 * Opens a file as a person would, and records every request it makes beyond itself: a self-contained page makes
 * none.
 */
export async function openFile(browser: Browser, file: string): Promise<{page: Page; outside: string[]}> {
  const page = await browser.newPage({viewport: {width: 1000, height: 1000}});
  const outside: string[] = [];
  page.on('request', (request) => {
    if (request.url() !== `file://${file}`) outside.push(request.url());
  });
  await page.goto(`file://${file}`);
  return {page, outside};
}
