import { expect, test } from "@playwright/test";
import { addChild, confirmedParent, DEMO_PASSWORD, expectAccessible, expectNoHorizontalScroll, logIn, PARENT_PASSWORD, settled, tag, visit } from "./support";

test("an operator finds a family by the child, reads the e-mail, replaces it; the parent logs in with the new one", async ({ page, browser }, testInfo) => {
  // Two people in two browsers, one after another.
  test.setTimeout(90_000);
  const email = await confirmedParent(page, testInfo);
  const surname = `Соколова${tag()}`;
  await addChild(page, surname, "Мария", "05.09.2016");

  const context = await browser.newContext({ ...testInfo.project.use });
  const operator = await context.newPage();
  await logIn(operator, testInfo, "operator1@kruzhok.example", DEMO_PASSWORD);
  await operator.getByLabel("Роль").selectOption({ index: 1 });
  await operator.getByRole("button", { name: "Сменить роль" }).click();
  await settled(operator, testInfo);
  await operator.getByRole("link", { name: "Поиск семьи", exact: true }).click();
  await expect(operator).toHaveURL(/\/operator\/families$/);
  await settled(operator, testInfo);
  await expectAccessible(operator, testInfo);
  // A date that does not exist is explained at its field; what was typed stays.
  await operator.getByLabel("Фамилия ребенка").fill(surname);
  await operator.getByLabel("Имя ребенка").fill("Мария");
  await operator.getByLabel("Дата рождения (ДД.ММ.ГГГГ)").fill("31.02.2016");
  await operator.getByRole("button", { name: "Найти" }).click();
  await expect(operator.locator(".error-summary")).toContainText("Дата рождения");
  await expect(operator.getByLabel("Фамилия ребенка")).toHaveValue(surname);
  // The child typed in capitals with ё and the right date: the family and its e-mail in full.
  await operator.getByLabel("Фамилия ребенка").fill(surname.toUpperCase());
  await operator.getByLabel("Дата рождения (ДД.ММ.ГГГГ)").fill("05.09.2016");
  await operator.getByRole("button", { name: "Найти" }).click();
  const family = operator.locator(".family", { hasText: email });
  await expect(family.locator(".family-email")).toContainText(`Почта аккаунта: ${email}`);
  await expect(family).toContainText("точное совпадение");
  await expect(operator).toHaveURL(/\/operator\/families$/);
  await expectAccessible(operator, testInfo);
  await expectNoHorizontalScroll(operator, testInfo);

  // The documents are seen: the child's data are confirmed by this institution.
  await family.getByRole("button", { name: "Документы проверены: подтвердить данные" }).click();
  await expect(operator.getByRole("status")).toContainText("Данные ребенка отмечены как подтвержденные");
  await expect(operator.locator(".family", { hasText: email })).toContainText("Данные подтверждены: ");
  await expect(operator.locator(".family", { hasText: email }).getByRole("button", { name: "Документы проверены: подтвердить данные" })).toHaveCount(0);
  await visit(page, testInfo, "/cabinet");
  await expect(page.getByText(/Данные подтверждены учреждением/)).toBeVisible();

  // The parent has lost that mailbox: the operator replaces it after seeing the passport.
  const fresh = `new.${email.replace("@mail.ru", "")}@yandex.ru`;
  await family.locator("summary", { hasText: "Заменить почту" }).click();
  await family.getByLabel("Новая почта").fill(fresh);
  await family.locator('button[type="submit"]', { hasText: "Заменить почту" }).click();
  await expect(operator.locator(".error-summary")).toContainText("Укажите основание");
  await expect(operator.locator(".family", { hasText: email }).getByLabel("Новая почта")).toHaveValue(fresh);
  await operator.locator(".family", { hasText: email }).getByLabel("Основание: какой документ проверен").fill("Паспорт проверен лично");
  await operator.locator(".family", { hasText: email }).locator('button[type="submit"]', { hasText: "Заменить почту" }).click();
  await expect(operator.getByRole("status")).toContainText(`Почта заменена на ${fresh}`);
  await expect(operator.locator(".family", { hasText: fresh })).toContainText("(не подтверждена)");
  await context.close();

  // The parent's session has ended; the new address confirms and logs in.
  await visit(page, testInfo, "/cabinet");
  await expect(page).toHaveURL(/\/login/);
  const letters = await (await page.request.get(`/api/dev/outbox?to=${encodeURIComponent(fresh)}`)).json();
  const link = new URL(letters[0].body.match(/https?:\/\/\S+/)[0]);
  await visit(page, testInfo, link.pathname + link.search);
  await logIn(page, testInfo, fresh, PARENT_PASSWORD);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Здравствуйте");
});
