import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, openFilters, settled, visit } from "./support";

test("the home page leads from a quick search to matching programs", async ({ page }, testInfo) => {
  await visit(page, testInfo, "/");
  await expect(page.getByRole("heading", { level: 1, name: "Кружки и секции для детей Иванова" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ребенок добавляется в систему только один раз" })).toBeVisible();
  await page.getByLabel("Что ищем?").fill("робототехника");
  await page.getByRole("button", { name: "Найти программы" }).click();
  await expect(page).toHaveURL(/\/programs\?q=/);
  await expect(page.getByText(/^Найден[оа] \d+ программ/)).toBeVisible();
  const titles = page.locator(".program-card-title");
  await expect(titles.first()).toContainText("Робототехника");
  await expectAccessible(page, testInfo);
});

test("a направленность tile opens the list filtered by it", async ({ page }, testInfo) => {
  await visit(page, testInfo, "/");
  await page.getByRole("link", { name: /туристско-краеведческая/ }).click();
  await expect(page).toHaveURL(/direction=tourism/);
  await settled(page, testInfo);
  await expect(page.getByLabel("Направленность")).toHaveValue("tourism");
  const tags = page.locator(".program-card .tag", { hasText: "туристско-краеведческая" });
  await expect(tags.first()).toBeVisible();
  expect(await tags.count()).toBe(await page.locator(".program-card").count());
  await expectAccessible(page, testInfo);
});

test("filters narrow the list and stay in a shareable URL", async ({ page }, testInfo) => {
  await visit(page, testInfo, "/programs");
  // Other tests publish programs of their own meanwhile: the full count is whatever it is now.
  const count = page.locator(".results-count");
  await expect(count).toHaveText(/^Найден[оа] \d+ программ/);
  const everything = (await count.textContent()) ?? "";
  await expect(page.getByLabel("Направленность")).toBeHidden();
  await openFilters(page);
  await page.getByLabel("Направленность").selectOption("sport");
  await page.getByLabel("Возраст ребенка, лет").fill("10");
  await page.getByLabel("Стоимость").selectOption("free");
  await page.getByLabel("Есть свободные места").check();
  await page.getByRole("button", { name: "Найти" }).click();
  await expect(page).toHaveURL(/direction=sport/);
  await expect(page).toHaveURL(/age=10/);
  await expect(page).toHaveURL(/seats=1/);
  await expect(count).not.toHaveText(everything);
  const cards = page.locator(".program-card");
  await expect(cards.first()).toBeVisible();
  for (const card of await cards.all()) {
    await expect(card).toContainText("физкультурно-спортивная");
    await expect(card).toContainText("Бесплатно");
    await expect(card).toContainText("Свободно");
  }
  const shared = page.url();
  const total = await count.textContent();
  await visit(page, testInfo, shared);
  await expect(page.locator(".results-count")).toHaveText(total ?? "");
  await expect(page.getByText("Фильтры · выбрано: 4")).toBeVisible();
  await expect(page.getByLabel("Возраст ребенка, лет")).toHaveValue("10");
  await expect(page.getByLabel("Есть свободные места")).toBeChecked();
});

test("a wrong age is explained at its field and stays in the form", async ({ page }, testInfo) => {
  await visit(page, testInfo, "/programs");
  await openFilters(page);
  await page.getByLabel("Возраст ребенка, лет").fill("двенадцать");
  await page.getByRole("button", { name: "Найти" }).click();
  const message = "Укажите возраст ребенка целым числом от 0 до 18 лет";
  await expect(page.getByRole("alert")).toContainText(message);
  const field = page.getByLabel("Возраст ребенка, лет");
  await expect(field).toHaveValue("двенадцать");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(message);
  await expectAccessible(page, testInfo);
  await page.getByRole("link", { name: message }).click();
  await expect(page).toHaveURL(/#field-age$/);
});

test("pagination walks through the list keeping the filters", async ({ page }, testInfo) => {
  await visit(page, testInfo, "/programs?cost=free");
  await expect(page.getByText(/Страница 1 из \d+/)).toBeVisible();
  const first = await page.locator(".program-card-title").first().textContent();
  await page.getByRole("link", { name: "Дальше →" }).click();
  await expect(page).toHaveURL(/cost=free&page=2/);
  await expect(page.getByText(/Страница 2 из \d+/)).toBeVisible();
  await expect(page.locator(".program-card-title").first()).not.toHaveText(first ?? "");
  await page.getByRole("link", { name: "← Назад" }).click();
  await expect(page.getByText(/Страница 1 из \d+/)).toBeVisible();
  await expectAccessible(page, testInfo);
});

test("a program page shows its organization and groups", async ({ page }, testInfo) => {
  await visit(page, testInfo, "/programs?q=робототехника+lego");
  await page.locator(".program-card-title a").first().click();
  await expect(page).toHaveURL(/\/programs\/\d+$/);
  await settled(page, testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Робототехника LEGO" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Где проходят занятия" })).toBeVisible();
  await expect(page.getByText(/г\. Иваново/)).toBeVisible();
  await expect(page.getByRole("link", { name: /\+7 \(4932\)/ })).toBeVisible();
  const groups = page.locator(".group-card");
  await expect(groups.first()).toBeVisible();
  await expect(groups.first()).toContainText("Приём заявок");
  await expect(groups.first()).toContainText(/Свободно|Мест нет/);
  await expectAccessible(page, testInfo);
  await expectNoHorizontalScroll(page, testInfo);
});

test("an unknown address gets a real not-found page", async ({ page }, testInfo) => {
  const response = await page.goto("/programs/999999");
  expect(response?.status()).toBe(404);
  await settled(page, testInfo);
  await expect(page.getByRole("heading", { name: "Страница не найдена" })).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByRole("link", { name: "Каталог программ" }).click();
  await expect(page).toHaveURL(/\/programs$/);
});

test("the catalogue fits a 320 px screen and its controls are large enough to touch", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of ["/", "/programs", "/programs?direction=art&page=2"]) {
    await visit(page, testInfo, path);
    if (path.startsWith("/programs")) await openFilters(page);
    await expectNoHorizontalScroll(page, testInfo);
    const controls = page.locator("main button, main select, main input:not([type=checkbox]), .site-nav a, .pagination a, .program-card-title a");
    for (const control of await controls.all()) {
      const box = await control.boundingBox();
      expect(box, `${path}: ${control}`).not.toBeNull();
      expect(box!.height, `${path}: ${control}`).toBeGreaterThanOrEqual(44);
    }
  }
});

test("the catalogue is plain HTML: it fetches no WebAssembly and filters by posting its form", async ({ page }, testInfo) => {
  const fetched: string[] = [];
  page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto("/programs?direction=science");
  await expect(page.locator(".program-card").first()).toBeVisible();
  await openFilters(page);
  await page.getByLabel("Возраст ребенка, лет").fill("8");
  await page.getByRole("button", { name: "Найти" }).click();
  await expect(page).toHaveURL(/direction=science&age=8/);
  await expect(page.getByLabel("Возраст ребенка, лет")).toHaveValue("8");
  await expect(page.locator(".program-card").first()).toContainText("естественнонаучная");
  expect(fetched.filter((path) => path.endsWith(".wasm"))).toEqual([]);
  await expectAccessible(page, testInfo);
});
