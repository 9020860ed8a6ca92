import { type Browser, expect, type Page, type TestInfo, test } from "@playwright/test";
import {
  addChild,
  birthDate,
  confirmedParent,
  expectAccessible,
  expectNoHorizontalScroll,
  inFirstRole,
  openGroups,
  settled,
  tag,
  visit,
} from "./support";

/** A second person at a desk: the same project's settings at a desktop viewport. */
async function atDesk(browser: Browser, testInfo: TestInfo) {
  const context = await browser.newContext({ ...testInfo.project.use, viewport: { width: 1280, height: 800 } });
  return { context, page: await context.newPage() };
}

/** A second person on a phone. */
async function onPhone(browser: Browser, testInfo: TestInfo) {
  const context = await browser.newContext({ ...testInfo.project.use });
  return { context, page: await context.newPage() };
}

async function openSection(page: Page, testInfo: TestInfo, name: string, url: RegExp) {
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(url);
  await settled(page, testInfo);
  await expectAccessible(page, testInfo);
}

test("a parent asks for a correction; the institution corrects the child's data from the request", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  await confirmedParent(page, testInfo);
  const surname = `Кузнецова${tag()}`;
  await addChild(page, surname, "Полина", "14.05.2016");
  await visit(page, testInfo, "/cabinet");
  await page.getByRole("link", { name: "Исправить данные" }).click();
  await expect(page).toHaveURL(/\/cabinet\/children\/correction\?child=\d+$/);
  await settled(page, testInfo);
  await expectAccessible(page, testInfo);
  await expectNoHorizontalScroll(page, testInfo);
  // Nothing changed: explained at the field; then the right surname and the institution.
  await page.getByRole("button", { name: "Отправить запрос" }).click();
  await expect(page.locator(".error-summary")).toContainText("Данные совпадают с внесенными");
  await expect(page.locator(".error-summary")).toContainText("Выберите учреждение");
  await page.getByLabel("Фамилия").fill(`${surname}а`);
  await page.getByLabel("Учреждение, куда вы принесете документы").selectOption({ value: "1" });
  await page.getByLabel("Что не так (необязательно)").fill("Фамилия записана с ошибкой");
  await page.getByRole("button", { name: "Отправить запрос" }).click();
  await expect(page.getByRole("status")).toContainText("Запрос отправлен");
  await visit(page, testInfo, "/cabinet");
  await expect(page.getByText(/ждет ответа учреждения/)).toBeVisible();

  const { context, page: operator } = await atDesk(browser, testInfo);
  await inFirstRole(operator, testInfo, "operator1@kruzhok.example");
  await openSection(operator, testInfo, "Исправления", /\/operator\/corrections$/);
  const card = operator.locator(".pair", { hasText: surname });
  await expect(card.locator("tr.differs")).toContainText("Фамилия");
  await card.getByRole("link", { name: "Сверить документы и исправить" }).click();
  await expect(operator).toHaveURL(/\/operator\/corrections\/edit\?request=\d+$/);
  await settled(operator, testInfo);
  await expect(operator.getByLabel("Фамилия")).toHaveValue(`${surname}а`);
  await operator.getByRole("button", { name: "Сохранить исправление" }).click();
  await expect(operator.locator(".error-summary")).toContainText("какой документ проверен");
  await expect(operator.getByLabel("Фамилия")).toHaveValue(`${surname}а`);
  await operator.getByLabel("Какой документ проверен").fill("Свидетельство о рождении II-ФО 123456");
  await operator.getByRole("button", { name: "Сохранить исправление" }).click();
  await expect(operator.getByRole("status")).toContainText("Данные исправлены");
  await context.close();

  await visit(page, testInfo, "/cabinet");
  await expect(page.locator(".child-name")).toContainText(`${surname}а Полина`);
  await expect(page.getByText(/Данные исправлены учреждением/)).toBeVisible();
  await expect(page.getByText(/Данные подтверждены учреждением/)).toBeVisible();
});

test("an operator resolves a duplicate pair; the duplicate account's application reads «Отменена» with the R6 message", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  // The family applied to a group of the first institution from what turns out to be a duplicate.
  const open = await openGroups(page, (g) => g.free_seats >= 2 && g.age_max >= 9);
  const { program, group } = open.find((o) => o.program.organization.id === 1) ?? open[0];
  const organization = program.organization.id;
  await confirmedParent(page, testInfo);
  const surname = `Смирнова${tag()}`;
  const born = birthDate(group.starts_on, Math.max(group.age_min, 9));
  await addChild(page, surname, "Мария", born);
  const kids = await (await page.request.get("/api/children/mine")).json();
  const applied = await page.request.post("/api/applications/apply", { form: { child_id: String(kids[0].id), group_id: String(group.id) } });
  expect(await applied.json(), "applied").toHaveProperty("Applied");

  // The confirmed account enters the child again with a typo, saying it is another child.
  const { context: other, page: confirmed } = await onPhone(browser, testInfo);
  const confirmedEmail = await confirmedParent(confirmed, testInfo);
  const typo = await confirmed.request.post("/api/children/add", {
    form: { surname: surname.replace("ова", "ва"), given_name: "Мария", patronymic: "", sex: "female", birth_date: born, snils: "", birth_certificate: "", another_child: "1" },
  });
  expect(await typo.json()).toHaveProperty("Added");
  const confirmedKids = await (await confirmed.request.get("/api/children/mine")).json();
  await other.close();

  const { context, page: operator } = await atDesk(browser, testInfo);
  await inFirstRole(operator, testInfo, `operator${organization}@kruzhok.example`);
  await openSection(operator, testInfo, "Дубли", /\/operator\/duplicates$/);
  const pair = operator.locator(".pair", { hasText: surname });
  await expect(pair.locator("tr.differs")).toContainText("Фамилия");
  await expect(pair).toContainText(confirmedEmail);
  await pair.getByLabel(`Дубль: оставить запись № ${confirmedKids[0].id} (аккаунт ${confirmedEmail})`).check();
  await pair.getByRole("button", { name: "Сохранить решение" }).click();
  await expect(operator.locator(".error-summary")).toContainText("Укажите основание решения");
  await operator
    .locator(".pair", { hasText: surname })
    .getByLabel("Основание решения: какие документы проверены")
    .fill("Свидетельство о рождении одно и то же");
  await operator.locator(".pair", { hasText: surname }).getByRole("button", { name: "Сохранить решение" }).click();
  await expect(operator.getByRole("status").first()).toContainText("закрыта как дубль");
  await context.close();

  await visit(page, testInfo, "/cabinet/applications");
  await expect(page.getByText("Отменена").first()).toBeVisible();
  await expect(page.getByText(/Данная заявка была подана с дублирующего аккаунта/).first()).toBeVisible();
  const masked = `${confirmedEmail.slice(0, 2)}***@mail.ru`;
  await expect(page.getByText(new RegExp(masked.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).first()).toBeVisible();
  await expect(page.getByText(/Запись закрыта оператором как дубль/)).toBeVisible();
  await expectNoHorizontalScroll(page, testInfo);
});

test("a municipality change goes from the institution to the regional operator's approval", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const email = await confirmedParent(page, testInfo);
  const surname = `Орлова${tag()}`;
  await addChild(page, surname, "Вера", "05.05.2015");

  const { context, page: operator } = await atDesk(browser, testInfo);
  await inFirstRole(operator, testInfo, "operator1@kruzhok.example");
  await openSection(operator, testInfo, "Поиск семьи", /\/operator\/families$/);
  await operator.getByLabel("Фамилия ребенка").fill(surname);
  await operator.getByLabel("Имя ребенка").fill("Вера");
  await operator.getByLabel("Дата рождения (ДД.ММ.ГГГГ)").fill("05.05.2015");
  await operator.getByRole("button", { name: "Найти" }).click();
  const family = operator.locator(".family", { hasText: email });
  await family.locator("summary", { hasText: "Заявление на смену муниципалитета" }).click();
  await family.getByRole("button", { name: "Передать региональному оператору" }).click();
  await expect(operator.locator(".error-summary")).toContainText("Выберите муниципалитет");
  const again = operator.locator(".family", { hasText: email });
  await again.getByLabel("Новый муниципалитет").selectOption({ label: "г.о. Кинешма" });
  await again.getByLabel("Причина из заявления").fill("Семья переехала в Кинешму");
  await again.getByLabel(/Скан заявления/).setInputFiles({ name: "zayavlenie.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 заявление") });
  await again.getByRole("button", { name: "Передать региональному оператору" }).click();
  await expect(operator.getByRole("status").first()).toContainText("передано региональному оператору");
  await expect(operator.locator(".family", { hasText: email })).toContainText("на рассмотрении у регионального оператора");
  await context.close();

  const { context: desk, page: regional } = await atDesk(browser, testInfo);
  await inFirstRole(regional, testInfo, "regional@kruzhok.example");
  await expect(regional).toHaveURL(/\/operator\/municipality-changes$/);
  await expectAccessible(regional, testInfo);
  const change = regional.locator("li.card", { hasText: email });
  await expect(change).toContainText("г.о. Кинешма");
  await expect(change.getByRole("link", { name: "Скан заявления: zayavlenie.pdf" })).toBeVisible();
  await change.getByLabel("Одобрить: перевести семью в новый муниципалитет").check();
  await change.getByRole("button", { name: "Сохранить решение" }).click();
  await expect(regional.getByRole("status").first()).toContainText("Одобрено");
  await expect(regional.locator("li.card", { hasText: email })).toContainText("Одобрено");
  await desk.close();

  await visit(page, testInfo, "/cabinet/notifications");
  await expect(page.getByText("Муниципалитет изменен")).toBeVisible();
  await expect(page.getByText(/теперь в муниципалитете «г\.о\. Кинешма»/)).toBeVisible();
});
