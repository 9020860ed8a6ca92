import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, expectNoHorizontalScroll, logIn, settled, visit } from "./support";

/** The header's role switch: the account's first role beyond «Родитель», or «Родитель». */
async function switchTo(page: Page, testInfo: TestInfo, role: "first" | "Родитель") {
  await page.getByLabel("Роль").selectOption(role === "first" ? { index: 1 } : { label: role });
  await page.getByRole("button", { name: "Сменить роль" }).click();
  await settled(page, testInfo);
}

test("one person switches between the operator's workspace and the parent's cabinet, on a phone", async ({ page }, testInfo) => {
  await logIn(page, testInfo, "operator2@kruzhok.example", DEMO_PASSWORD);
  // As a parent, the workspace is closed.
  await visit(page, testInfo, "/operator/applications");
  await expect(page.getByRole("alert")).toContainText("для операторов учреждений");
  await switchTo(page, testInfo, "first");
  await expect(page).toHaveURL(/\/operator\/applications$/);
  await expect(page.getByRole("heading", { name: "Заявки", exact: true })).toBeVisible();
  await expect(page.getByText(/Найдено заявок: \d+/)).toBeVisible();
  await expectAccessible(page, testInfo);
  await expectNoHorizontalScroll(page, testInfo);
  // A wrong date in the filter is explained at its field, and what was typed stays.
  await visit(page, testInfo, "/operator/applications?from=31.02.2026");
  await expect(page.locator("#error-from")).toHaveText("Дата в формате ДД.ММ.ГГГГ");
  await expect(page.getByLabel("Подана с")).toHaveValue("31.02.2026");
  await expectAccessible(page, testInfo);
  // Nothing checked: the move is refused with a message, nothing changes.
  await visit(page, testInfo, "/operator/applications");
  await page.getByLabel("Действие", { exact: true }).selectOption({ label: "Подтвердить" });
  await page.getByRole("button", { name: "Применить к отмеченным" }).click();
  await expect(page.locator(".error-summary")).toContainText("Отметьте заявки");
  // Back to the cabinet.
  await switchTo(page, testInfo, "Родитель");
  await expect(page).toHaveURL(/\/cabinet$/);
  await expect(page.getByRole("link", { name: "Мои заявки" })).toBeVisible();
});

test("an administrator adds a cancel reason, which operators are then offered", async ({ page, browser }, testInfo) => {
  await logIn(page, testInfo, "admin@kruzhok.example", DEMO_PASSWORD);
  await switchTo(page, testInfo, "first");
  await expect(page).toHaveURL(/\/admin\/cancel-reasons$/);
  await expect(page.getByText("Подана с дублирующего аккаунта", { exact: true })).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByRole("button", { name: "Добавить причину" }).click();
  await expect(page.locator(".error-summary")).toContainText("Название — от 3 до 120 знаков");
  const title = `Переезд семьи ${testInfo.project.name} ${Date.now()}`;
  await page.getByLabel("Название").fill(title);
  await page.getByLabel("Текст для родителя").fill("Семья переехала в другой город.");
  await page.getByRole("button", { name: "Добавить причину" }).click();
  await expect(page.getByRole("status")).toContainText(`Сохранено: ${title}`);
  await expect(page.locator(".application-title", { hasText: title })).toBeVisible();

  const other = await browser.newContext({ ...testInfo.project.use });
  const operator = await other.newPage();
  await logIn(operator, testInfo, "operator3@kruzhok.example", DEMO_PASSWORD);
  await switchTo(operator, testInfo, "first");
  await expect(operator.getByLabel("Причина (для отмены и отчисления)").locator("option", { hasText: title })).toHaveCount(1);
  await other.close();
});
