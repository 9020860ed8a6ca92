import { expect, test } from "@playwright/test";
import {
  DEMO_PASSWORD,
  confirmedParent,
  expectAccessible,
  inFirstRole,
  jsEnabled,
  logIn,
  newParent,
  PARENT_PASSWORD,
  settled,
  visit,
} from "./support";

test("every page carries a Content-Security-Policy that the hydrated app passes", async ({ page }, testInfo) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  for (const path of ["/", "/programs", "/register/new", "/login", "/help"]) {
    const response = await visit(page, testInfo, path);
    const headers = response?.headers() ?? {};
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).not.toContain("unsafe-inline");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("same-origin");
    expect(headers["cache-control"], path).toBe("no-store");
  }
  // Client-side navigation after hydration works under the policy as well.
  if (jsEnabled(testInfo)) {
    await page.getByRole("link", { name: "Кружок", exact: true }).first().click();
    await expect(page).toHaveURL(/\/$/);
  }
  expect(violations).toEqual([]);
});

test("a signed-in parent changes the password, typing the current one again", async ({ page }, testInfo) => {
  const email = await confirmedParent(page, testInfo);
  await page.getByRole("link", { name: "Сменить пароль" }).click();
  await expect(page).toHaveURL(/\/cabinet\/password$/);
  await settled(page, testInfo);
  await expectAccessible(page, testInfo);
  await page.getByLabel("Нынешний пароль").fill("не тот пароль");
  await page.getByLabel("Новый пароль").fill("новый пароль родителя");
  await page.getByRole("button", { name: "Сменить пароль" }).click();
  await expect(page.locator(".error-summary")).toContainText("Нынешний пароль введен неверно");
  await expect(page.locator("#error-current_password")).toBeVisible();
  await page.getByLabel("Нынешний пароль").fill(PARENT_PASSWORD);
  await page.getByLabel("Новый пароль").fill("новый пароль родителя");
  await page.getByRole("button", { name: "Сменить пароль" }).click();
  await expect(page.getByRole("status")).toContainText("Пароль изменен");
  await page.getByRole("button", { name: "Выйти" }).click();
  await expect(page).toHaveURL(/\/$/);
  await logIn(page, testInfo, email, "новый пароль родителя");
});

test("an administrator grants a role only with the own password typed again", async ({ page }, testInfo) => {
  await inFirstRole(page, testInfo, "admin@kruzhok.example");
  await visit(page, testInfo, "/admin/operators");
  const { email, phone } = newParent(testInfo, "operator");
  await page.getByLabel("Почта оператора").fill(email);
  await page.getByRole("combobox", { name: "Роль", exact: true }).last().selectOption({ label: "Региональный оператор" });
  await page.getByLabel("Фамилия (для нового аккаунта)").fill("Соколова");
  await page.getByLabel("Имя (для нового аккаунта)").fill("Мария");
  await page.getByLabel("Мобильный телефон (для нового аккаунта)").fill(phone);
  await page.getByLabel("Ваш пароль администратора").fill("не тот пароль");
  await page.getByRole("button", { name: "Выдать роль" }).click();
  await expect(page.locator(".error-summary")).toContainText("Неверный пароль");
  await expect(page.getByLabel("Почта оператора")).toHaveValue(email);
  // The server never sends a password back in a page.
  if (!jsEnabled(testInfo)) await expect(page.getByLabel("Ваш пароль администратора")).toHaveValue("");
  await page.getByLabel("Ваш пароль администратора").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Выдать роль" }).click();
  await expect(page.getByRole("status")).toContainText("Создан аккаунт");
  await expectAccessible(page, testInfo);
});
