import { defineConfig } from "@playwright/test";

// The server under test: the release build on a fresh database (SQLite by default; PostgreSQL when
// KRUZHOK_E2E_DATABASE_URL says so), migrated and seeded by scripts/e2e-server.
const port = Number(process.env.KRUZHOK_E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
const backend = (process.env.KRUZHOK_E2E_DATABASE_URL ?? "").startsWith("postgres") ? "postgres" : "sqlite";

const phone = {
  viewport: { width: 360, height: 640 },
  deviceScaleFactor: 2,
  hasTouch: true,
  locale: "ru-RU",
  timezoneId: "Europe/Moscow",
  baseURL,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  },
};

export default defineConfig({
  testDir: "./tests",
  // Without JavaScript each accessibility check opens the page again in a second context: the
  // longer walks need more than the default budget on two busy cores.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  outputDir: `test-results/${backend}`,
  projects: [
    { name: `${backend}-js-on`, use: { ...phone, javaScriptEnabled: true } },
    { name: `${backend}-js-off`, use: { ...phone, javaScriptEnabled: false } },
  ],
  webServer: {
    command: "bash ../scripts/e2e-server",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    env: { KRUZHOK_E2E_PORT: String(port) },
  },
});
