import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

export const DEMO_PASSWORD = "kruzhok-demo-2026";

export const jsEnabled = (testInfo: TestInfo) => testInfo.project.use.javaScriptEnabled !== false;

/** With JavaScript on, waits until the WebAssembly has hydrated the page. */
export async function settled(page: Page, testInfo: TestInfo) {
  if (jsEnabled(testInfo)) {
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  }
}

/**
 * Runs `check` on a page that can run scripts in the browser.
 *
 * With JavaScript off nothing runs inside the page, not even a test's probe. There every state of a
 * page is a URL (forms use GET), so the same URL is opened, with the same cookies, in a scripted context
 * whose own scripts (the hydration) are blocked: the probe then sees exactly the server-rendered page.
 */
async function inspect(page: Page, testInfo: TestInfo, check: (page: Page) => Promise<void>) {
  if (jsEnabled(testInfo)) {
    return check(page);
  }
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser to inspect the page in");
  // The same cookies, so that a signed-in page is inspected as its user sees it, not as a visitor.
  const storageState = await page.context().storageState();
  const context = await browser.newContext({ ...testInfo.project.use, javaScriptEnabled: true, storageState });
  try {
    const scripted = await context.newPage();
    await scripted.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    await scripted.goto(page.url());
    await check(scripted);
  } finally {
    await context.close();
  }
}

/** Checks the page as it is now against WCAG 2.2 A and AA with axe-core. */
export async function expectAccessible(page: Page, testInfo: TestInfo) {
  await inspect(page, testInfo, async (p) => {
    const results = await new AxeBuilder({ page: p })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .analyze();
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
    expect(summary, `axe violations on ${p.url()}`).toEqual([]);
  });
}

/** Neither the page nor anything on it is wider than the screen. */
export async function expectNoHorizontalScroll(page: Page, testInfo: TestInfo) {
  const width = page.viewportSize()?.width;
  await inspect(page, testInfo, async (p) => {
    if (width) await p.setViewportSize({ width, height: 640 });
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow on ${p.url()}`).toBeLessThanOrEqual(0);
  });
}

/** Opens `path`, waits for hydration where JavaScript runs, and checks accessibility. */
export async function visit(page: Page, testInfo: TestInfo, path: string) {
  const response = await page.goto(path);
  await settled(page, testInfo);
  await expectAccessible(page, testInfo);
  return response;
}

/** Unfolds the catalogue's filters (folded on a phone so that results come first). */
export async function openFilters(page: Page) {
  const details = page.locator("details.more-filters");
  if ((await details.count()) > 0 && (await details.getAttribute("open")) === null) {
    await page.locator("details.more-filters > summary").click();
  }
  await expect(page.getByLabel("Направленность")).toBeVisible();
}

export async function logIn(page: Page, testInfo: TestInfo, email: string, password: string) {
  await visit(page, testInfo, "/login");
  await page.getByLabel("Электронная почта").fill(email);
  await page.getByLabel("Пароль").fill(password);
  await page.getByRole("button", { name: "Войти" }).click();
  await page.waitForURL(/\/cabinet$/, { timeout: 10_000 }).catch(async () => {
    // Say why the log-in was refused: the page's own message names it (a limit, a wrong password).
    const said = await page.locator(".error-summary, .field-error, [role=alert]").allInnerTexts();
    throw new Error(`log-in as ${email} stayed at ${page.url()}: ${said.join(" | ") || "no message"}`);
  });
  await settled(page, testInfo);
}

/**
 * An e-mail address and a mobile phone no other test of the run uses: both must be unique (R2), so
 * they carry nine random digits, as the names carry random letters.
 */
export function newParent(testInfo: TestInfo, mailbox = "parent") {
  const n = Array.from(crypto.getRandomValues(new Uint32Array(9)), (d) => d % 10).join("");
  return { email: `${mailbox}.${testInfo.project.name}.${n}@mail.ru`, phone: `+79${n}` };
}

export const PARENT_PASSWORD = "лето в деревне 2026";

/** A parent registered through the wizard's last step (the e-mail not yet confirmed); its address. */
export async function registeredParent(page: Page, testInfo: TestInfo, mailbox = "parent") {
  const { email, phone } = newParent(testInfo, mailbox);
  const municipalities = await (await page.request.get("/api/reference/municipalities")).json();
  const registered = await page.request.post("/api/accounts/register", {
    form: {
      step: "password", kind: "parent", surname: "Лебедева", given_name: "Ирина", municipality: String(municipalities[0].id),
      phone, email, password: PARENT_PASSWORD, consent: "1",
    },
  });
  expect(registered.ok()).toBeTruthy();
  return email;
}

/** A parent registered and confirmed through the letter, signed in. */
export async function confirmedParent(page: Page, testInfo: TestInfo) {
  const email = await registeredParent(page, testInfo);
  const letters = await (await page.request.get(`/api/dev/outbox?to=${encodeURIComponent(email)}`)).json();
  const link = new URL(letters[0].body.match(/https?:\/\/\S+/)[0]);
  expect((await page.request.get(link.pathname + link.search)).ok()).toBeTruthy();
  await logIn(page, testInfo, email, PARENT_PASSWORD);
  return email;
}

/**
 * Letters no other test of the run uses, for surnames. The duplicate check takes surnames two typing
 * mistakes apart (or one apart in Latin letters) for the same child, so the tags must be far apart,
 * not merely different: eight independent random letters differ from any other tag of the run in
 * more than two places all but certainly (a clock-derived tag shared its high letters between
 * tests, and two Вера Орлова… of one birth date once met as «Похоже, этот ребенок уже
 * зарегистрирован»).
 */
export function tag() {
  const letters = "абвгдежзиклмнопрстуфхцчшщэюя";
  const random = crypto.getRandomValues(new Uint32Array(8));
  return Array.from(random, (n) => letters[n % letters.length]).join("");
}

export async function addChild(page: Page, surname: string, name: string, date: string) {
  const response = await page.request.post("/api/children/add", {
    form: { surname, given_name: name, patronymic: "", sex: "female", birth_date: date, snils: "", birth_certificate: "", another_child: "" },
  });
  const outcome = await response.json();
  expect(outcome, JSON.stringify(outcome)).toHaveProperty("Added");
}

export type Group = {
  id: number;
  age_min: number;
  age_max: number;
  free_seats: number;
  starts_on: string;
  enrolment: Record<string, unknown>;
};
export type Program = { id: number; title: string; organization: { id: number }; groups: Group[] };

/** Open groups of the demo catalogue matching `wanted`, in a fixed order. */
export async function openGroups(page: Page, wanted: (g: Group) => boolean) {
  const found: { program: Program; group: Group }[] = [];
  for (let id = 1; id <= 190 && found.length < 6; id++) {
    const response = await page.request.get(`/api/catalog/program?id=${id}`);
    if (!response.ok()) continue;
    const program: Program = await response.json();
    for (const group of program.groups) {
      if ("Open" in group.enrolment && wanted(group)) found.push({ program, group });
    }
  }
  return found;
}

/** ДД.ММ.ГГГГ of a child who is `age` on `startsOn`. */
export function birthDate(startsOn: string, age: number, daysYounger = 30) {
  const d = new Date(`${startsOn}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - age);
  d.setUTCDate(d.getUTCDate() - daysYounger);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}


/** A demo operator signed in and switched to the account's first role beyond «Родитель». */
export async function inFirstRole(page: Page, testInfo: TestInfo, email: string) {
  await logIn(page, testInfo, email, DEMO_PASSWORD);
  await page.getByLabel("Роль").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Сменить роль" }).click();
  await settled(page, testInfo);
}
