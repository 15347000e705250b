// Open pages of a built site in headless Chromium from file:// and report, per page:
// console errors and uncaught exceptions, every request whose address is not inside the
// site folder, the serious and critical accessibility violations axe-core finds, and the
// figures the page shows (elements with data-fig, as the browser renders them).
// Optionally a screenshot. One browser for all pages.
//
// Usage: node browser.js JOB.json  — JOB: {site, pages: [relative paths], modules,
//   chromium, axe: bool, shots: [{page, path, selector}], width, height}
// Prints one JSON document: {pages: {page: {errors, outside, violations, figures, sorted}}}.
"use strict";
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");

const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const { chromium } = require(path.join(job.modules, "playwright-core"));
const axeSource = job.axe ? fs.readFileSync(path.join(job.modules, "axe-core", "axe.min.js"), "utf8") : null;

(async () => {
  // a new, empty profile each run (playwright makes one); no network of its own
  const browser = await chromium.launch({
    executablePath: job.chromium,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  const site = pathToFileURL(path.resolve(job.site)).href + "/";
  const results = {};
  try {
    const context = await browser.newContext({
      viewport: { width: job.width || 1280, height: job.height || 900 }, locale: "zh-CN",
    });
    const outside = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(site) || url.startsWith("data:")) {
        return route.continue();
      }
      outside.push(url);
      return route.abort();
    });
    for (const name of job.pages) {
      const page = await context.newPage();
      const errors = [];
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning") {
          errors.push(`${message.type()}: ${message.text()}`);
        }
      });
      page.on("pageerror", (error) => errors.push(`exception: ${error.message}`));
      page.on("requestfailed", (request) => {
        if (request.url().startsWith(site)) {
          errors.push(`failed: ${request.url()}`);
        }
      });
      outside.length = 0;
      await page.goto(site + name, { waitUntil: "load" });
      const entry = { errors, outside: [], violations: [], figures: [] };
      entry.figures = await page.$$eval("[data-fig]", (nodes) =>
        nodes.map((node) => ({
          fig: node.getAttribute("data-fig"),
          val: node.getAttribute("data-val"),
          fmt: node.getAttribute("data-fmt"),
          plan: node.getAttribute("data-plan"),
          text: node.textContent,
        })));
      if (axeSource) {
        await page.evaluate(axeSource);
        const found = await page.evaluate(async () => {
          const result = await window.axe.run(document, { resultTypes: ["violations"], preload: false });
          return result.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
          }));
        });
        entry.violations = found.filter((v) => v.impact === "serious" || v.impact === "critical");
        entry.minor = found.filter((v) => !(v.impact === "serious" || v.impact === "critical"));
      }
      if (name === "index.html") {
        // the table sorts and filters: click a header, type a filter
        entry.sorted = await page.evaluate(() => {
          const table = document.getElementById("plans-table");
          const controls = document.getElementById("plans-controls");
          const button = table.tHead.rows[0].cells[0].querySelector("button");
          if (!button || controls.hidden) { return null; }
          button.click();
          const names = Array.from(table.tBodies[0].rows).map((r) => r.cells[0].textContent.trim());
          const ordered = names.every((n, i) => i === 0 || names[i - 1].localeCompare(n, "zh-CN") <= 0);
          button.click();
          const back = Array.from(table.tBodies[0].rows).map((r) => r.cells[0].textContent.trim());
          const reversed = back.join("\n") === names.slice().reverse().join("\n");
          const input = document.getElementById("plans-filter");
          input.value = names[0];
          input.dispatchEvent(new Event("input"));
          const shown = Array.from(table.tBodies[0].rows).filter((r) => !r.hidden).length;
          input.value = "";
          input.dispatchEvent(new Event("input"));
          return { names, ordered, reversed, shown, sort: table.tHead.rows[0].cells[0].getAttribute("aria-sort") };
        });
      }
      if (name === "index.html") {
        await page.emulateMedia({ media: "print" });
        entry.print = await page.evaluate(() => ({
          controls: getComputedStyle(document.getElementById("plans-controls")).display,
          charts: Array.from(document.querySelectorAll("svg.chart")).every(
            (chart) => chart.getBoundingClientRect().width > 0),
        }));
        await page.emulateMedia({ media: "screen" });
      }
      for (const shot of (job.shots || []).filter((s) => s.page === name)) {
        if (shot.selector) {
          await page.locator(shot.selector).first().screenshot({ path: shot.path, animations: "disabled" });
        } else {
          await page.screenshot({ path: shot.path, animations: "disabled" });
        }
      }
      entry.outside = outside.slice();
      results[name] = entry;
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({ pages: results }));
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + "\n");
  process.exit(2);
});
