import { expect, test } from "@playwright/test";
import { addChild, birthDate, confirmedParent, expectAccessible, expectNoHorizontalScroll, inFirstRole, settled, tag, visit } from "./support";

/** ГГГГ-ММ-ДД, `days` from today: what a date input takes. */
function isoDay(days: number) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test("an institution adds a program with a group, МОЦ publishes it, a parent finds it and applies", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const title = `Студия мультипликации ${tag()}`;
  // The institution's operator, at a phone's width.
  await inFirstRole(page, testInfo, "operator1@kruzhok.example");
  await page.getByRole("link", { name: "Программы учреждения", exact: true }).click();
  await expect(page).toHaveURL(/\/operator\/programs$/);
  await settled(page, testInfo);
  await expectAccessible(page, testInfo);
  await page.getByRole("link", { name: "Новая программа" }).click();
  await settled(page, testInfo);
  // Sent empty: every mistake at its field, what was typed stays.
  await page.getByLabel("Название").fill(title);
  await page.getByRole("button", { name: "Отправить на модерацию" }).click();
  await expect(page.locator(".error-summary")).toContainText("Опишите программу");
  await expect(page.locator("#field-teachers-error")).toHaveText("Укажите хотя бы одного педагога");
  await expect(page.getByLabel("Название")).toHaveValue(title);
  await expectAccessible(page, testInfo);
  await page.getByLabel("Описание: чем занимаются дети").fill("Дети снимают пластилиновые мультфильмы и озвучивают их.");
  await page.getByLabel("Направленность").selectOption("art");
  await page.getByLabel("Уровень").selectOption("starting");
  await page.getByLabel("Возраст от, лет").fill("7");
  await page.getByLabel("Возраст до, лет").fill("12");
  await page.getByLabel("Стоимость").selectOption("free");
  await page.getByLabel("Педагоги, каждый с новой строки").fill("Иванова Анна Петровна");
  await page.getByRole("button", { name: "Отправить на модерацию" }).click();
  await expect(page).toHaveURL(/\/operator\/programs\/edit\?id=\d+&note=sent$/);
  await settled(page, testInfo);
  await expect(page.getByRole("status")).toContainText("отправлена в МОЦ на модерацию");
  await expect(page.locator(".tag", { hasText: "На модерации" })).toBeVisible();
  const programId = Number(new URL(page.url()).searchParams.get("id"));

  await page.getByRole("link", { name: "Добавить группу" }).click();
  await settled(page, testInfo);
  await page.getByLabel("Название группы").fill("Группа 1");
  await page.getByLabel("Педагог", { exact: true }).fill("Иванова Анна Петровна");
  await page.getByLabel("Пн", { exact: true }).check();
  await page.getByLabel("Ср", { exact: true }).check();
  await page.getByLabel("Начало занятия").fill("15:00");
  await page.getByLabel("Конец занятия").fill("16:30");
  await page.getByLabel("Возраст от, лет").fill("7");
  await page.getByLabel("Возраст до, лет").fill("10");
  await page.getByLabel("Мест в группе").fill("0");
  await page.getByLabel("Начало занятий").fill(isoDay(40));
  await page.getByLabel("Прием заявок с").fill(isoDay(-1));
  await page.getByLabel("Прием заявок по").fill(isoDay(30));
  await page.getByRole("button", { name: "Добавить группу" }).click();
  await expect(page.locator("#error-capacity")).toHaveText("Укажите число мест: от 1 до 500");
  await expect(page.getByLabel("Ср", { exact: true })).toBeChecked();
  await expectAccessible(page, testInfo);
  await expectNoHorizontalScroll(page, testInfo);
  await page.getByLabel("Мест в группе").fill("5");
  await page.getByRole("button", { name: "Добавить группу" }).click();
  await expect(page).toHaveURL(new RegExp(`/operator/programs/edit\\?id=${programId}&note=group$`));
  await settled(page, testInfo);
  await expect(page.getByText("Пн, Ср 15:00–16:30 · 7–10 лет · Иванова Анна Петровна")).toBeVisible();
  await expect(page.getByText("Мест: 5, занято: 0, в очереди: 0")).toBeVisible();

  // Not in the catalogue before МОЦ publishes it.
  expect((await page.request.get(`/api/catalog/program?id=${programId}`)).status()).toBe(404);

  // МОЦ of the municipality publishes it.
  const mocContext = await browser.newContext({ ...testInfo.project.use });
  const moc = await mocContext.newPage();
  await inFirstRole(moc, testInfo, "moc@kruzhok.example");
  await moc.getByRole("link", { name: "Модерация", exact: true }).click();
  await expect(moc).toHaveURL(/\/moc\/programs$/);
  await settled(moc, testInfo);
  const card = moc.locator(".application", { hasText: title });
  await expect(card).toContainText("Дети снимают пластилиновые мультфильмы");
  await expectAccessible(moc, testInfo);
  await expectNoHorizontalScroll(moc, testInfo);
  await card.getByRole("button", { name: "Опубликовать" }).click();
  await expect(moc.getByRole("status")).toContainText("Программа опубликована");
  await expect(moc.locator(".application", { hasText: title })).toHaveCount(0);
  await mocContext.close();

  // A parent finds it in the catalogue and applies.
  const parentContext = await browser.newContext({ ...testInfo.project.use });
  const parent = await parentContext.newPage();
  await confirmedParent(parent, testInfo);
  const surname = `Мультикова${tag()}`;
  await addChild(parent, surname, "Вера", birthDate(isoDay(40), 8));
  await visit(parent, testInfo, `/programs?q=${encodeURIComponent(title)}`);
  await parent.getByRole("link", { name: title }).click();
  await settled(parent, testInfo);
  await expect(parent.getByRole("heading", { name: title })).toBeVisible();
  await parent.locator('a[href^="/apply?group="]').first().click();
  await settled(parent, testInfo);
  await parent.getByLabel(new RegExp(surname)).check();
  await parent.getByRole("button", { name: "Подать заявку" }).click();
  await expect(parent.getByRole("heading", { name: "Заявка подана" })).toBeVisible();
  await parentContext.close();

  // The institution sees it published with the seat taken.
  await visit(page, testInfo, `/operator/programs/edit?id=${programId}`);
  await expect(page.locator(".tag", { hasText: "Опубликована" })).toBeVisible();
  await expect(page.getByText("Мест: 5, занято: 1, в очереди: 0")).toBeVisible();
});

test("an institution uploads its programs from a file and reads a report per line", async ({ page }, testInfo) => {
  const title = `Кукольный театр ${tag()}`;
  const header = "organization,title,description,direction,level,age_min,age_max,cost,price_rub,address,teachers,group,group_teacher,schedule,group_age_min,group_age_max,capacity,starts_on,enrolment_opens,enrolment_closes";
  const row = (direction: string) =>
    `,${title},Дети шьют кукол и ставят спектакли для младших.,${direction},стартовый,5,9,бесплатно,,,Орлова Мария,Группа 1,Орлова Мария,"Сб 10:00–11:30",,,8,${isoDay(40)},${isoDay(-1)},${isoDay(30)}`;
  const csv = [header, row("художественная"), row("кулинарная")].join("\n");
  await inFirstRole(page, testInfo, "operator1@kruzhok.example");
  await visit(page, testInfo, "/operator/programs");
  await page.getByRole("link", { name: "Загрузить из файла" }).click();
  await settled(page, testInfo);
  await expect(page.getByRole("link", { name: "Скачать образец (CSV)" })).toHaveAttribute("href", "/programs-template.csv");
  // Sent with no file: the field says so.
  await page.getByRole("button", { name: "Загрузить" }).click();
  await expect(page.locator("#error-file")).toHaveText("Выберите файл CSV");
  await page.getByLabel(/Файл CSV/).setInputFiles({ name: "programs.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Загрузить" }).click();
  await expect(page.getByRole("status")).toContainText("Новых программ: 1 (отправлены в МОЦ), групп: 1, строк с ошибками: 1");
  await expect(page.getByText(/^Строка 2: программа #\d+ создана и отправлена в МОЦ, группа #\d+ добавлена$/)).toBeVisible();
  await expect(page.getByText(/^Строка 3: ошибка: Выберите направленность/)).toBeVisible();
  await expectAccessible(page, testInfo);
  await expectNoHorizontalScroll(page, testInfo);
  await visit(page, testInfo, "/operator/programs");
  await expect(page.locator(".application", { hasText: title })).toContainText("На модерации");
});
