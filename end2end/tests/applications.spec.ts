import { expect, type Page, type TestInfo, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { addChild, birthDate, confirmedParent, DEMO_PASSWORD, expectAccessible, expectNoHorizontalScroll, jsEnabled, logIn, openGroups, settled, tag, visit } from "./support";

/** Each project (JavaScript on, off) works in its own group, so that they never share seats. */
function mine<T>(testInfo: TestInfo, list: T[]): T {
  const pick = list[jsEnabled(testInfo) ? 0 : 1];
  if (!pick) throw new Error("the demo catalogue has no suitable group");
  return pick;
}

/** The demo operator of the program's organization, in the operator's role. */
async function operatorAt(page: Page, testInfo: TestInfo, organization: number) {
  await logIn(page, testInfo, `operator${organization}@kruzhok.example`, DEMO_PASSWORD);
  await page.getByLabel("Роль").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Сменить роль" }).click();
  await expect(page).toHaveURL(/\/operator\/applications$/);
  await settled(page, testInfo);
  await expect(page.getByRole("heading", { name: "Заявки", exact: true })).toBeVisible();
}

/** On the operator's list filtered by a surname: checks the child's row and applies `action`. */
async function operatorDoes(page: Page, testInfo: TestInfo, surname: string, child: string, action: string, reason?: string) {
  await visit(page, testInfo, `/operator/applications?child=${encodeURIComponent(surname)}`);
  await page.getByLabel(new RegExp(child)).check();
  await page.getByLabel("Действие", { exact: true }).selectOption({ label: action });
  if (reason) await page.getByLabel("Причина (для отмены и отчисления)").selectOption({ label: reason });
  await page.getByRole("button", { name: "Применить к отмеченным" }).click();
  await expect(page.getByRole("status")).toContainText("Изменено заявок: 1");
  await settled(page, testInfo);
}

test("a parent applies, the operator confirms and enrols, the parent reads the history and the notification, then withdraws", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const { program, group } = mine(testInfo, await openGroups(page, (g) => g.free_seats >= 5));
  const age = Math.floor((group.age_min + group.age_max) / 2);
  const surname = `Синицына${tag()}`;
  await confirmedParent(page, testInfo);
  await addChild(page, surname, "Полина", birthDate(group.starts_on, age));

  await visit(page, testInfo, `/programs/${program.id}`);
  await page.locator(`a[href="/apply?group=${group.id}"]`).click();
  await settled(page, testInfo);
  await expect(page.getByRole("heading", { name: "Заявка на программу" })).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByLabel(new RegExp(surname)).check();
  await page.getByRole("button", { name: "Подать заявку" }).click();
  await expect(page.getByRole("heading", { name: "Заявка подана" })).toBeVisible();
  await expect(page.getByText("Новая", { exact: true })).toBeVisible();
  await expectAccessible(page, testInfo);

  const desk = await browser.newContext({ ...testInfo.project.use, viewport: { width: 1280, height: 800 } });
  const operator = await desk.newPage();
  await operatorAt(operator, testInfo, program.organization.id);
  await expectAccessible(operator, testInfo);
  await operatorDoes(operator, testInfo, surname, surname, "Подтвердить");
  await operatorDoes(operator, testInfo, surname, surname, "Зачислить");
  await desk.close();

  await visit(page, testInfo, "/cabinet/applications");
  await expect(page.getByText("Зачислен", { exact: true })).toBeVisible();
  await page.getByText("История заявки").click();
  await expect(page.getByText(/Подтверждена \(Учреждение: /)).toBeVisible();
  await expect(page.getByText(/Зачислен \(Учреждение: /)).toBeVisible();
  await expectNoHorizontalScroll(page, testInfo);
  await expectAccessible(page, testInfo);

  await page.getByRole("link", { name: /Уведомления, непрочитанных: 3/ }).click();
  await settled(page, testInfo);
  await expect(page.getByText(/«.+»: Зачислен$/).first()).toBeVisible();
  await expectAccessible(page, testInfo);

  await visit(page, testInfo, "/cabinet/applications");
  await page.getByRole("button", { name: "Отозвать заявку" }).click();
  await expect(page.getByRole("status")).toContainText("Заявка отозвана");
  await expect(page.getByText("Отчислен", { exact: true })).toBeVisible();
  await expect(page.getByText("Причина: Заявка отозвана заявителем.")).toBeVisible();
});

test("a full group takes the application into the waiting list; a freed seat is offered and accepted; the export opens", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const { program, group } = mine(testInfo, await openGroups(page, (g) => g.free_seats >= 1 && g.free_seats <= 3));
  const age = Math.floor((group.age_min + group.age_max) / 2);
  const surname = `Журавлева${tag()}`;
  const names = ["Анна", "Вера", "Дарья", "Елена"].slice(0, group.free_seats + 1);
  await confirmedParent(page, testInfo);
  for (const name of names) await addChild(page, surname, name, birthDate(group.starts_on, age));
  const children: { id: number; name: string }[] = await (await page.request.get("/api/applications/children")).json();
  // Every free seat is taken first.
  for (const child of children.slice(0, group.free_seats)) {
    const response = await page.request.post("/api/applications/apply", { form: { child_id: String(child.id), group_id: String(group.id) } });
    expect(await response.json()).toHaveProperty("Applied");
  }

  await visit(page, testInfo, `/apply?group=${group.id}`);
  await expect(page.getByText("Свободных мест нет: заявка встанет в очередь")).toBeVisible();
  const last = names[names.length - 1];
  await page.getByLabel(new RegExp(`${surname} ${last}`)).check();
  await page.getByRole("button", { name: "Встать в очередь" }).click();
  await expect(page.getByRole("heading", { name: "Заявка подана" })).toBeVisible();
  await expect(page.getByText("Мест нет — заявка в очереди. Номер в очереди: 1.")).toBeVisible();
  await visit(page, testInfo, "/cabinet/applications");
  await expect(page.getByText("Статус: В очереди, номер в очереди: 1")).toBeVisible();

  const desk = await browser.newContext({ ...testInfo.project.use, viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const operator = await desk.newPage();
  await operatorAt(operator, testInfo, program.organization.id);
  await operatorDoes(operator, testInfo, surname, `${surname} ${names[0]}`, "Отменить", "Не представлены документы для подтверждения данных ребенка");
  // The export of the filtered list downloads, and the file opens.
  await visit(operator, testInfo, `/operator/applications?child=${encodeURIComponent(surname)}`);
  const [download] = await Promise.all([operator.waitForEvent("download"), operator.getByRole("link", { name: "XLSX" }).click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const sheet = book.getWorksheet("Заявки");
  expect(sheet?.getRow(1).getCell(2).value).toBe("Ребенок");
  expect(sheet?.rowCount).toBe(1 + names.length);
  await desk.close();

  await visit(page, testInfo, "/cabinet/applications");
  await expect(page.getByText("Статус: Предложено место")).toBeVisible();
  await expect(page.getByText(/Место ждет ответа до/)).toBeVisible();
  await page.getByRole("button", { name: "Принять место" }).click();
  await expect(page.getByRole("status")).toContainText("Место принято");
  await expect(page.getByText("Статус: Подтверждена").first()).toBeVisible();
  await expectAccessible(page, testInfo);
});
