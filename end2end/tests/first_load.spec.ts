import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { describe, FIRST_LOAD_BUDGET, firstLoad, ISLAND_PAGES, PARENT_PAGES } from "./first_load";
import { confirmedParent, jsEnabled } from "./support";

/**
 * The parent's pages, with a real program for `/programs/:id`, and the options of a context that is
 * signed in as a new parent (for `/cabinet`) or not.
 */
async function parentPages(page: Page, testInfo: TestInfo) {
  await page.goto("/programs");
  const href = await page.locator("a[href^='/programs/']").first().getAttribute("href");
  await confirmedParent(page, testInfo);
  const signedIn = await page.context().storageState();
  return PARENT_PAGES.map((path) => ({
    path: path === "/programs/:id" ? href! : path,
    storageState: path === "/cabinet" ? signedIn : undefined,
  }));
}

test("a parent's first load fits the budget: the WebAssembly only where an island is, and without JavaScript no script at all", async ({ page, browser, contextOptions }, testInfo) => {
  const options = { ...contextOptions, ...testInfo.project.use };
  const pages = await parentPages(page, testInfo);
  for (const { path, storageState } of pages) {
    const load = await firstLoad(browser, { ...options, storageState }, path);
    console.log(describe(load));
    const scripts = load.fetched.filter((f) => /\.(wasm|js)$/.test(new URL(f.url).pathname));
    if (!jsEnabled(testInfo)) {
      expect(scripts, `scripts fetched by ${path}`).toEqual([]);
    } else {
      const wasm = scripts.some((f) => f.url.endsWith(".wasm"));
      expect(wasm, `${path} fetches the WebAssembly only if it has an island`).toBe(ISLAND_PAGES.includes(path));
    }
    expect(load.total, `${path}: the first load in bytes on the wire`).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  }
  if (!jsEnabled(testInfo)) {
    // An operator's page neither.
    const load = await firstLoad(browser, options, "/operator/applications");
    expect(load.fetched.filter((f) => /\.(wasm|js)$/.test(new URL(f.url).pathname))).toEqual([]);
  }
});

/**
 * A measurement, not a test (it asserts nothing on time): run by scripts/measure with
 * KRUZHOK_MEASURE=1. A phone profile — 4× CPU slowdown, 1.6 Mbit/s down, 750 kbit/s up, 150 ms round
 * trips — opens the wizard with an empty cache, and the clock stops when the hydrated wizard has
 * answered «Далее» with its next step.
 */
if (process.env.KRUZHOK_MEASURE) test("the time until the hydrated wizard answers «Далее» on a slow phone (printed, not asserted)", async ({ browser, contextOptions }, testInfo) => {
  const context = await browser.newContext({ ...contextOptions, ...testInfo.project.use });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: 1_600_000 / 8,
    uploadThroughput: 750_000 / 8,
  });
  const started = Date.now();
  await page.goto("/register/new", { waitUntil: "commit" });
  await page.locator("body[data-hydrated=true]").waitFor({ timeout: 60_000 });
  const hydrated = Date.now() - started;
  await page.getByLabel("Фамилия").fill("Иванова");
  await page.getByLabel("Имя", { exact: true }).fill("Анна");
  await page.getByLabel("Муниципалитет").selectOption({ label: "г.о. Иваново" });
  await page.getByRole("button", { name: "Далее" }).click();
  await page.getByText("Шаг 3 из 5 — Контакты").waitFor({ timeout: 60_000 });
  const answered = Date.now() - started;
  console.log(`phone profile, /register/new: hydrated after ${hydrated} ms, «Далее» answered after ${answered} ms`);
  await context.close();
});
