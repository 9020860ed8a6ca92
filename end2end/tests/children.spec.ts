import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { expectAccessible, logIn, PARENT_PASSWORD, registeredParent, settled, tag, visit } from "./support";

/** A new signed-in parent: registered through the wizard, logged in, the e-mail not yet confirmed. */
async function signedInParent(page: Page, testInfo: TestInfo) {
  const email = await registeredParent(page, testInfo, "kids");
  await logIn(page, testInfo, email, PARENT_PASSWORD);
}

/** A child nobody else in this run has: the surname carries letters of its own. */
function uniqueChild() {
  return { surname: `Орлова${tag()}`, name: "Вера", date: "14.02.2016" };
}

async function addChild(page: Page, testInfo: TestInfo, child: { surname: string; name: string; date: string }, sex = "Девочка") {
  await visit(page, testInfo, "/cabinet/children/new");
  await page.getByLabel("Фамилия").fill(child.surname);
  await page.getByLabel("Имя", { exact: true }).fill(child.name);
  await page.getByLabel(sex).check();
  await page.getByLabel("Дата рождения").fill(child.date);
}

test("a parent adds a child and sees it in the cabinet, not yet confirmed", async ({ page }, testInfo) => {
  await signedInParent(page, testInfo);
  await page.getByRole("link", { name: "Добавить ребенка" }).click();
  await settled(page, testInfo);
  await expectAccessible(page, testInfo);
  const child = uniqueChild();
  await addChild(page, testInfo, child);
  await page.getByRole("button", { name: "Добавить" }).click();
  await expect(page.getByRole("heading", { name: `Ребенок добавлен: ${child.name} ${child.surname}` })).toBeVisible();
  await page.getByRole("link", { name: "В личный кабинет" }).click();
  await expect(page.getByText(`${child.surname} ${child.name}`)).toBeVisible();
  await expect(page.getByText("Не подтверждены: обратитесь в учреждение с документами")).toBeVisible();
  await expectAccessible(page, testInfo);
});

test("a second account adding the same child gets the R1 message; a typo gets the warning; twins go through", async ({ page, browser }, testInfo) => {
  await signedInParent(page, testInfo);
  const child = uniqueChild();
  await addChild(page, testInfo, child);
  await page.getByRole("button", { name: "Добавить" }).click();
  await expect(page.getByRole("heading", { name: /Ребенок добавлен/ })).toBeVisible();

  const other = await browser.newContext({ ...testInfo.project.use });
  const second = await other.newPage();
  await signedInParent(second, testInfo);
  await addChild(second, testInfo, { ...child, surname: child.surname.toUpperCase() });
  await second.getByRole("button", { name: "Добавить" }).click();
  await expect(second.getByRole("alert")).toContainText("Ребенок с такими данными уже зарегистрирован");
  await expect(second.getByRole("alert")).toContainText("оператор подскажет почту от подтвержденного аккаунта");
  await expect(second.getByLabel("Фамилия")).toHaveValue(child.surname.toUpperCase());
  await expectAccessible(second, testInfo);

  // One digit off in the birth date: a warning, and the child is added only as «другой ребенок».
  await addChild(second, testInfo, { ...child, date: "15.02.2016" });
  await second.getByRole("button", { name: "Добавить" }).click();
  await expect(second.getByRole("alert")).toContainText("Похоже, этот ребенок уже зарегистрирован");
  await second.getByLabel(/Это другой ребенок/).check();
  await second.getByRole("button", { name: "Добавить другого ребенка" }).click();
  await expect(second.getByText(/Оператор проверит/)).toBeVisible();
  await other.close();

  // The twin sister in the first cabinet.
  await addChild(page, testInfo, { ...child, name: "Надежда" });
  await page.getByRole("button", { name: "Добавить" }).click();
  await expect(page.getByRole("heading", { name: `Ребенок добавлен: Надежда ${child.surname}` })).toBeVisible();
  await expect(page.getByText(/Оператор проверит/)).toHaveCount(0);
});

test("wrong child data are explained at their fields", async ({ page }, testInfo) => {
  await signedInParent(page, testInfo);
  await visit(page, testInfo, "/cabinet/children/new");
  await page.getByLabel("Фамилия").fill("Орлова");
  await page.getByLabel("Дата рождения").fill("31.02.2016");
  await page.getByLabel("СНИЛС (необязательно)").fill("112-233-445 96");
  await page.getByRole("button", { name: "Добавить" }).click();
  await expect(page.getByRole("alert").first()).toContainText("Укажите имя");
  await expect(page.getByLabel("Дата рождения")).toHaveAccessibleDescription(/ДД.ММ.ГГГГ/);
  await expect(page.getByLabel("СНИЛС (необязательно)")).toHaveAccessibleDescription(/контрольное число/);
  await expect(page.getByLabel("СНИЛС (необязательно)")).toHaveValue("112-233-445 96");
  await expectAccessible(page, testInfo);
});

test("the cabinet and the child form need a signed-in parent", async ({ page }, testInfo) => {
  await page.goto("/cabinet");
  await settled(page, testInfo);
  await expect(page).toHaveURL(/\/login$/);
});
