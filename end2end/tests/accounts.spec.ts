import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { expectAccessible, newParent, settled, visit } from "./support";

async function letters(page: Page, to: string): Promise<{ subject: string; body: string }[]> {
  const response = await page.request.get(`/api/dev/outbox?to=${encodeURIComponent(to)}`);
  expect(response.ok()).toBeTruthy();
  return response.json();
}

function linkIn(body: string): string {
  const match = body.match(/https?:\/\/\S+/);
  if (!match) throw new Error(`no link in ${body}`);
  return new URL(match[0]).pathname + new URL(match[0]).search;
}

async function fillPerson(page: Page) {
  await page.getByLabel("Фамилия").fill("Иванова");
  await page.getByLabel("Имя", { exact: true }).fill("Ольга");
  await page.getByLabel("Отчество (если есть)").fill("Петровна");
  await page.getByLabel("Муниципалитет").selectOption({ label: "г.о. Иваново" });
}

async function fillContacts(page: Page, testInfo: TestInfo, parent: { email: string; phone: string }) {
  await visit(page, testInfo, "/register/new");
  await fillPerson(page);
  await page.getByRole("button", { name: "Далее" }).click();
  await expect(page.getByText("Шаг 3 из 5 — Контакты")).toBeVisible();
  await page.getByLabel("Мобильный телефон").fill(parent.phone);
  await page.getByLabel("Электронная почта").fill(parent.email);
  await page.getByRole("button", { name: "Далее" }).click();
}

async function register(page: Page, testInfo: TestInfo, parent: { email: string; phone: string }) {
  await fillContacts(page, testInfo, parent);
  await expect(page.getByText("Шаг 4 из 5 — Пароль")).toBeVisible();
  await page.getByLabel("Пароль").fill("лето в деревне 2026");
  await page.getByLabel(/Я даю согласие на обработку/).check();
  await page.getByRole("button", { name: "Зарегистрироваться" }).click();
  await expect(page.getByRole("heading", { name: "Проверьте почту" })).toBeVisible();
}

test("the gate's «Да» leads to log-in, password reset and «Не помню почту»", async ({ page }, testInfo) => {
  await visit(page, testInfo, "/register");
  await expect(page.getByRole("heading", { name: "Вы уже регистрировались в системе?" })).toBeVisible();
  await expect(page.getByText("Шаг 1 из 5 — Вопрос")).toBeVisible();
  await page.getByRole("link", { name: "Да, уже регистрировался(-ась)" }).click();
  await settled(page, testInfo);
  await expect(page.getByText("Не нужно создавать новый аккаунт, т.к. система даст ошибку.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Не помню почту" })).toBeVisible();
  await expect(page.getByText(/оператор подскажет вашу почту/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Войти с почтой и паролем" })).toHaveAttribute("href", "/login");
  await expectAccessible(page, testInfo);
  await page.getByRole("link", { name: /восстановить по почте/ }).click();
  await expect(page.getByRole("heading", { name: "Восстановление пароля" })).toBeVisible();
});

test("a new parent registers, confirms the e-mail from the letter and reaches the cabinet", async ({ page }, testInfo) => {
  const parent = newParent(testInfo);
  await visit(page, testInfo, "/register");
  await page.getByRole("link", { name: "Нет, регистрируюсь впервые" }).click();
  await expect(page.getByText("Шаг 2 из 5 — О вас")).toBeVisible();
  await register(page, testInfo, parent);
  await expect(page.getByRole("heading", { name: "Проверьте почту" })).toBeVisible();
  await expect(page.getByText(parent.email)).toBeVisible();
  await expectAccessible(page, testInfo);

  const [letter] = await letters(page, parent.email);
  expect(letter.subject).toBe("Подтвердите почту в «Кружке»");
  await visit(page, testInfo, linkIn(letter.body));
  await expect(page.getByRole("heading", { name: "Почта подтверждена" })).toBeVisible();

  await visit(page, testInfo, "/login");
  await page.getByLabel("Электронная почта").fill(parent.email);
  await page.getByLabel("Пароль").fill("лето в деревне 2026");
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page).toHaveURL(/\/cabinet$/);
  await expect(page.getByRole("heading", { name: "Здравствуйте, Ольга Петровна!" })).toBeVisible();
  await expect(page.getByText("Почта подтверждена")).toBeVisible();
  await expectAccessible(page, testInfo);

  await page.getByRole("button", { name: "Выйти" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Войти" })).toBeVisible();
});

test("the wizard steps on before its WebAssembly has arrived", async ({ page }) => {
  // A slow phone: the island's WebAssembly never arrives, so its form posts to the page instead.
  await page.route("**/*.wasm", (route) => route.abort());
  await page.goto("/register/new");
  await fillPerson(page);
  await page.getByRole("button", { name: "Далее" }).click();
  await expect(page.getByText("Шаг 3 из 5 — Контакты")).toBeVisible();
  await expect(page.locator("body")).not.toHaveAttribute("data-hydrated", "true");
  await page.getByRole("button", { name: "Назад" }).click();
  await expect(page.getByLabel("Отчество (если есть)")).toHaveValue("Петровна");
});

test("mistakes are explained at their fields and «Назад» loses nothing", async ({ page }, testInfo) => {
  await visit(page, testInfo, "/register/new");
  await page.getByLabel("Фамилия").fill("Иванова2");
  await page.getByRole("button", { name: "Далее" }).click();
  await expect(page.getByRole("alert")).toContainText("Укажите имя");
  await expect(page.getByLabel("Фамилия")).toHaveValue("Иванова2");
  await expect(page.getByLabel("Фамилия")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, testInfo);
  await fillPerson(page);
  await page.getByRole("button", { name: "Далее" }).click();
  await page.getByLabel("Мобильный телефон").fill("+7 701 234-56-78");
  await page.getByLabel("Электронная почта").fill("ivanova@mail.ru");
  await page.getByRole("button", { name: "Далее" }).click();
  await expect(page.getByLabel("Мобильный телефон")).toHaveAccessibleDescription(/Казахстана/);
  await page.getByRole("button", { name: "Назад" }).click();
  await expect(page.getByText("Шаг 2 из 5 — О вас")).toBeVisible();
  await expect(page.getByLabel("Фамилия")).toHaveValue("Иванова");
  await expect(page.getByLabel("Отчество (если есть)")).toHaveValue("Петровна");
  await page.getByRole("button", { name: "Далее" }).click();
  await expect(page.getByLabel("Мобильный телефон")).toHaveValue("+7 701 234-56-78");
  await expect(page.getByLabel("Электронная почта")).toHaveValue("ivanova@mail.ru");
});

test("a gmail address gets a warning, not a refusal", async ({ page }, testInfo) => {
  const parent = newParent(testInfo);
  await visit(page, testInfo, "/register/new");
  await fillPerson(page);
  await page.getByRole("button", { name: "Далее" }).click();
  await page.getByLabel("Мобильный телефон").fill(parent.phone);
  await page.getByLabel("Электронная почта").fill(parent.email.replace("@mail.ru", "@gmail.com"));
  await page.getByRole("button", { name: "Далее" }).click();
  await expect(page.getByRole("status")).toContainText("Письма на gmail.com от российских сервисов могут не доходить");
  await expectAccessible(page, testInfo);
  await page.getByLabel("Всё равно использовать эту почту").check();
  await page.getByRole("button", { name: "Далее" }).click();
  await expect(page.getByText("Шаг 4 из 5 — Пароль")).toBeVisible();
});

test("a second registration with the same e-mail is refused with the guidance", async ({ page }, testInfo) => {
  const parent = newParent(testInfo);
  await register(page, testInfo, parent);
  await expect(page.getByRole("heading", { name: "Проверьте почту" })).toBeVisible();
  await fillContacts(page, testInfo, { email: parent.email.toUpperCase(), phone: newParent(testInfo).phone });
  await expect(page.getByText("Аккаунт с такими данными уже есть. Второй аккаунт создать нельзя.")).toBeVisible();
  await expect(page.getByLabel("Электронная почта")).toHaveAccessibleDescription(/Аккаунт с такими данными уже зарегистрирован/);
  await expect(page.getByRole("link", { name: "Не помню почту" })).toBeVisible();
  await expectAccessible(page, testInfo);
  const subjects = (await letters(page, parent.email)).map((l) => l.subject);
  expect(subjects).toContain("У вас уже есть аккаунт в «Кружке»");
});

test("a forgotten password is reset by the link in the letter", async ({ page }, testInfo) => {
  const parent = newParent(testInfo);
  await register(page, testInfo, parent);
  await visit(page, testInfo, "/reset-password");
  await page.getByLabel("Электронная почта аккаунта").fill(parent.email);
  await page.getByRole("button", { name: "Получить ссылку" }).click();
  await expect(page.getByRole("status")).toContainText("Если аккаунт с такой почтой есть");
  const reset = (await letters(page, parent.email)).find((l) => l.subject.startsWith("Восстановление"));
  await visit(page, testInfo, linkIn(reset!.body));
  await page.getByLabel("Новый пароль").fill("123");
  await page.getByRole("button", { name: "Сохранить пароль" }).click();
  await expect(page.getByLabel("Новый пароль")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Новый пароль").fill("зимой на лыжах 2027");
  await page.getByRole("button", { name: "Сохранить пароль" }).click();
  await expect(page.getByRole("heading", { name: "Пароль изменён" })).toBeVisible();
  await visit(page, testInfo, "/login");
  await page.getByLabel("Электронная почта").fill(parent.email);
  await page.getByLabel("Пароль").fill("зимой на лыжах 2027");
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page).toHaveURL(/\/cabinet$/);
});
