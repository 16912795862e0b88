/**
 * Test helper: a real headless Chromium (Debian's `chromium` package, /usr/bin/chromium, or
 * LIENTHONG_CHROMIUM) driven by playwright-core, for tests of the hub's pages. One browser per test file
 * (`useBrowser()` in a describe block); each test opens a fresh context, so cookies and credentials do
 * not leak between tests. Everything a page logs to its console, every request that failed and every
 * Content-Security-Policy report is collected: a page that renders but breaks its own policy fails.
 *
 * The flags matter on a closed network: without the background-networking ones Chromium tries to reach
 * Google's services at start and its connections to 127.0.0.1 are refused. Each launch gets a new, empty
 * profile (--user-data-dir): playwright makes one in the temp dir and removes it on close (it refuses the
 * flag itself and wants `launchPersistentContext` for a dir of one's own).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.LIENTHONG_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface PageProblems {
  /** Console messages of level error (a refused stylesheet, a failed chunk, a CSP violation). */
  console: string[];
  /** Requests that failed (refused, blocked); not those cancelled by the next navigation. */
  failedRequests: string[];
  /** Uncaught errors of the page's scripts. */
  pageErrors: string[];
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  problems: PageProblems;
}

export interface BrowserHandle {
  browser: Browser;
  /**
   * A page in a fresh context; `credentials` answer a basic-auth challenge (e.g. the operators' token as
   * the password). The context is closed after the test.
   */
  open(opts?: { credentials?: { username: string; password: string } }): Promise<OpenedPage>;
}

/** Launches Chromium with a new, empty profile. */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: 60_000 });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}

/** Collects what goes wrong on a page. */
export function watchProblems(page: Page): PageProblems {
  const problems: PageProblems = { console: [], failedRequests: [], pageErrors: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.console.push(m.text());
  });
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText ?? '';
    // A request cancelled because the page went on to the next one (a test navigates as soon as it has read
    // the page; the icon may still be loading) is not a failure of the page. A resource the page's policy
    // blocks still shows: Chromium reports it as a console error, and as ERR_BLOCKED_BY_*.
    if (error === 'net::ERR_ABORTED') return;
    problems.failedRequests.push(`${r.url()}: ${error}`);
  });
  page.on('pageerror', (e) => problems.pageErrors.push(e.message));
  return problems;
}

/** One Chromium for the tests of a describe block. */
export function useBrowser(): BrowserHandle {
  let launched: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const contexts: BrowserContext[] = [];
  const handle = {
    get browser(): Browser {
      if (!launched) throw new Error('useBrowser(): the browser is started in beforeAll');
      return launched.browser;
    },
    async open(opts: { credentials?: { username: string; password: string } } = {}) {
      const context = await handle.browser.newContext({ httpCredentials: opts.credentials });
      contexts.push(context);
      const page = await context.newPage();
      return { page, context, problems: watchProblems(page) };
    },
  };
  beforeAll(async () => {
    launched = await launchChromium();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });
  afterAll(async () => {
    await launched?.close();
  }, 30_000);
  return handle;
}
