import { chromium } from "playwright";
const base = "http://127.0.0.1:3300";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless","--no-sandbox","--disable-gpu","--disable-background-networking","--disable-component-update","--disable-sync","--no-first-run"] });
const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 1, locale: "ru-RU" });
const page = await ctx.newPage();
const shot = async (path, name) => { await page.goto(base + path); await page.waitForTimeout(800); await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true }); };
for (const [p, n] of process.argv.slice(2).map(s => s.split("="))) await shot(p, n);
await browser.close();
