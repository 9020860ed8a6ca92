import type { Browser, BrowserContextOptions } from "@playwright/test";

/** A parent's pages whose first load must fit a phone's budget (issue 21). */
export const PARENT_PAGES = ["/", "/programs", "/programs/:id", "/register/new", "/login", "/cabinet"] as const;

/** Of those, the pages with an island (a form that answers as it is typed): only they fetch WebAssembly. */
export const ISLAND_PAGES: readonly string[] = ["/register/new"];

/** The budget of a parent's first load: HTML, CSS, JS and WebAssembly as served, in bytes. */
export const FIRST_LOAD_BUDGET = 250_000;

export type Fetched = { url: string; bytes: number };
export type FirstLoad = { path: string; total: number; fetched: Fetched[] };

/**
 * Opens `path` in a fresh context (an empty cache, as on a first visit), waits until the page has
 * hydrated (JavaScript on) or loaded (off) and nothing more arrives, and adds up the bytes each
 * response took on the wire, body compressed as served — what a phone downloads.
 */
export async function firstLoad(browser: Browser, options: BrowserContextOptions, path: string): Promise<FirstLoad> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const urls = new Map<string, string>();
  const fetched: Fetched[] = [];
  cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
  cdp.on("Network.loadingFinished", (e) => {
    const url = urls.get(e.requestId);
    if (url) fetched.push({ url, bytes: e.encodedDataLength });
  });
  await page.goto(path, { waitUntil: "load" });
  if (options.javaScriptEnabled !== false) {
    await page.locator("body[data-hydrated=true]").waitFor({ timeout: 30_000 });
  }
  await page.waitForLoadState("networkidle");
  await context.close();
  const total = fetched.reduce((sum, f) => sum + f.bytes, 0);
  return { path, total, fetched };
}

/** One line per resource and the total, for the test's output and scripts/measure. */
export function describe(load: FirstLoad) {
  const lines = load.fetched.map((f) => `    ${new URL(f.url).pathname.padEnd(48)} ${String(f.bytes).padStart(8)} B`);
  return [`first load of ${load.path}: ${load.total} B`, ...lines].join("\n");
}
