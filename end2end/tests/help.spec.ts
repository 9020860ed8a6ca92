import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { confirmedParent, DEMO_PASSWORD, expectAccessible, expectNoHorizontalScroll, logIn, settled, visit } from "./support";

/** Each situation of the document: its choice, what not to do, and the start of what to do. */
const SITUATIONS = [
  {
    slug: "forgot-email",
    title: "Я не помню, на какую почту регистрировал(-а) аккаунт",
    dont: "Не нужно создавать новый аккаунт, т.к. система даст ошибку",
    todo: "оператор Навигатора подскажет Вашу почту",
  },
  {
    slug: "no-email-access",
    title: "У меня нет доступа к той почте, на которую я регистрировал(-а) аккаунт, или почта на gmail.com",
    dont: "Не нужно создавать новый аккаунт, т.к. система даст ошибку",
    todo: "оператор Навигатора заменит Вашу почту",
  },
  {
    slug: "child-data",
    title: "Мне надо изменить ошибочно внесенные / не актуальные данные ребенка",
    dont: "Не нужно вносить данные ребенка еще раз, т.к. система даст ошибку",
    todo: "оператор Навигатора заменит/исправит данные",
  },
  {
    slug: "municipality",
    title: "У меня указан не тот муниципалитет",
    dont: "Повторное создание аккаунта не решит проблему. МОЦ не меняет муниципалитет",
    todo: "и попросите заявление на смену МО",
  },
  {
    slug: "already-registered",
    title: "Ошибка «Ребенок с такими данными уже зарегистрирован» при повторной регистрации",
    dont: "Ребенок не добавляется в систему дважды",
    todo: "оператор Навигатора подскажет почту от подтвержденного аккаунта",
  },
  {
    slug: "duplicate-cancelled",
    title: "Заявку отменили: «Данная заявка была подана с дублирующего аккаунта»",
    dont: "вы создали дублирующий аккаунт",
    todo: "48-28-08 (вт, чт с 13.00 до 16.30)",
  },
  {
    slug: "teen",
    title: "Ребенку 14 лет или больше",
    dont: "Не нужно регистрировать ребенка еще раз",
    todo: "заявки подаются из Вашего личного кабинета",
  },
];

test("every situation of «Что случилось?» says what not to do, what to do and whom to contact", async ({ page }, testInfo) => {
  // Seven situations, each opened from the help home: a long walk, longer without JavaScript.
  test.setTimeout(90_000);
  await visit(page, testInfo, "/");
  await page.getByRole("link", { name: "Помощь", exact: true }).click();
  await expect(page).toHaveURL(/\/help$/);
  await settled(page, testInfo);
  await expect(page.getByRole("heading", { name: "Что случилось?" })).toBeVisible();
  await expect(page.getByText("забудьте про кнопку Регистрация")).toBeVisible();
  await expect(page.getByRole("list", { name: "Куда обращаться по порядку" })).toHaveText(/Родитель.*Учреждение.*МОЦ/);
  await expect(page.locator(".hotline-state")).toHaveText(/^Сейчас (открыто до \d\d:\d\d|закрыто.*Откроется .*\d\d:\d\d)$/);
  await expectAccessible(page, testInfo);
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page, testInfo);
  await page.setViewportSize({ width: 360, height: 640 });
  for (const s of SITUATIONS) {
    await page.goto("/help");
    await settled(page, testInfo);
    await page.getByRole("link", { name: s.title, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/help/${s.slug}$`));
    await settled(page, testInfo);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(s.title);
    await expect(page.getByRole("region", { name: "Чего не нужно делать" })).toContainText(s.dont);
    await expect(page.getByRole("region", { name: "Что делать" })).toContainText(s.todo);
    await expect(page.locator(".hotline-phone")).toHaveText("48-28-08");
    await expect(page.getByRole("link", { name: "МОЦ Иваново во ВКонтакте" })).toHaveAttribute("href", "https://vk.com/mocivanovo");
  }
  await expectAccessible(page, testInfo);
  // An anonymous visitor finds the institution by name and reads its contacts.
  await page.getByLabel(/Найдите свое учреждение/).fill("школ");
  await page.getByRole("button", { name: "Найти" }).click();
  await expect(page).toHaveURL(/\?q=/);
  await settled(page, testInfo);
  await expect(page.locator(".contact").first()).toContainText("Адрес:");
  await expect(page.locator(".contact").first()).toContainText("Часы работы:");
  await expectAccessible(page, testInfo);
  await expectNoHorizontalScroll(page, testInfo);
});

async function inRole(page: Page, testInfo: TestInfo, email: string, section: string) {
  await logIn(page, testInfo, email, DEMO_PASSWORD);
  await page.getByLabel("Роль").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Сменить роль" }).click();
  await settled(page, testInfo);
  await page.getByRole("link", { name: section, exact: true }).click();
  await expect(page).toHaveURL(/\/operator\/requests$/);
  await settled(page, testInfo);
}

/** The submit button of a card's move (a folded move's summary bears the same words). */
const move = (card: ReturnType<Page["locator"]>, name: string) =>
  card.locator('button[type="submit"]', { hasText: name });

test("a request climbs parent → institution → МОЦ, and the parent reads each answer", async ({ page, browser }, testInfo) => {
  // Three people in three browsers, one after another.
  test.setTimeout(90_000);
  const words = `Не помню почту аккаунта (${testInfo.project.name}, ${Date.now()})`;
  await confirmedParent(page, testInfo);
  await visit(page, testInfo, "/help/forgot-email");
  await page.getByRole("link", { name: "Написать обращение в учреждение" }).click();
  await expect(page).toHaveURL(/\/cabinet\/requests\/new\?situation=forgot-email$/);
  await settled(page, testInfo);
  await expect(page.getByLabel("Что случилось", { exact: true })).toHaveValue("forgot-email");
  // No institution chosen: the message is at its field and the words typed stay.
  await page.getByLabel("Опишите, что случилось").fill(words);
  await page.getByRole("button", { name: "Отправить обращение" }).click();
  await expect(page.locator(".error-summary")).toContainText("Выберите учреждение");
  await expect(page.getByLabel("Опишите, что случилось")).toHaveValue(words);
  await expectAccessible(page, testInfo);
  await page.getByLabel("Учреждение", { exact: true }).selectOption({ value: "2" });
  await page.getByRole("button", { name: "Отправить обращение" }).click();
  await expect(page.getByRole("status")).toContainText("Обращение отправлено");

  // The institution takes it and answers.
  const institutionContext = await browser.newContext({ ...testInfo.project.use });
  const institution = await institutionContext.newPage();
  await inRole(institution, testInfo, "operator2@kruzhok.example", "Обращения");
  let card = institution.locator(".request", { hasText: words });
  await expect(card).toContainText(/ждет \d+ мин/);
  await expectAccessible(institution, testInfo);
  await expectNoHorizontalScroll(institution, testInfo);
  await move(card, "Взять в работу").click();
  await expect(institution.getByRole("status")).toHaveText("Обращение взято в работу");
  card = institution.locator(".request", { hasText: words });
  await expect(card).toContainText("В работе");
  // Blank words pass the browser's check but not the server's; the message is at the field.
  await card.getByLabel("Ответ родителю").fill("   ");
  await move(card, "Ответить").click();
  await expect(institution.locator(".error-summary")).toContainText("Напишите ответ");
  await expect(card.getByLabel("Ответ родителю")).toHaveAttribute("aria-invalid", "true");
  await card.getByLabel("Ответ родителю").fill("Ваша почта: le***@mail.ru. Пароль можно восстановить по ссылке «Забыли пароль».");
  await move(card, "Ответить").click();
  await expect(institution.getByRole("status")).toHaveText("Ответ отправлен родителю");
  await institutionContext.close();

  // The parent reads the answer; it did not help: on to МОЦ.
  await visit(page, testInfo, "/cabinet/requests");
  let mine = page.locator(".request", { hasText: words });
  await expect(mine).toContainText("Отвечено");
  await expect(mine).toContainText("Ваша почта: le***@mail.ru");
  await mine.locator("summary", { hasText: "Обратиться в МОЦ" }).click();
  await mine.getByLabel("Что осталось нерешенным").fill("К этой почте нет доступа: ящик удален.");
  await move(mine, "Обратиться в МОЦ").click();
  await expect(page.getByRole("status")).toHaveText("Обращение передано в МОЦ");
  await expectAccessible(page, testInfo);

  // МОЦ answers.
  const mocContext = await browser.newContext({ ...testInfo.project.use });
  const moc = await mocContext.newPage();
  await inRole(moc, testInfo, "moc@kruzhok.example", "Обращения");
  const mocCard = moc.locator(".request", { hasText: words });
  await expect(mocCard).toContainText("К этой почте нет доступа");
  await mocCard.locator("summary", { hasText: "Ответить" }).click();
  await mocCard.getByLabel("Ответ родителю").fill("Обратитесь в учреждение с паспортом: оператор заменит почту.");
  await move(mocCard, "Ответить").click();
  await expect(moc.getByRole("status")).toHaveText("Ответ отправлен родителю");
  await mocContext.close();

  // The parent reads МОЦ's answer, and is told of it by the bell.
  await visit(page, testInfo, "/cabinet/requests");
  mine = page.locator(".request", { hasText: words });
  await expect(mine).toContainText("МОЦ: Ответ");
  await expect(mine).toContainText("оператор заменит почту");
  await expect(page.getByRole("link", { name: /Уведомления, непрочитанных: 2/ })).toBeVisible();
});
