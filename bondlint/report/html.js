"use strict";
// bondlint HTML report: expand hosts, sort and filter the host table. Reads only the page itself;
// never builds markup from text (everything from audited files was escaped when the page was written).
(function () {
  const table = document.getElementById("host-table");
  if (!table) return;
  const hosts = Array.from(table.tBodies);
  const byId = (id) => document.getElementById(id);
  const severity = byId("f-severity");
  const code = byId("f-code");
  const family = byId("f-family");
  const text = byId("f-text");
  const hideClean = byId("f-clean");
  const onlyNew = byId("f-new"); // present with --since
  const count = byId("f-count");
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  // The filters' choices are the rules that fired: their articles come last in the page.
  const families = new Set();
  for (const article of document.querySelectorAll("#rules article[data-code]")) {
    const option = document.createElement("option");
    option.value = option.textContent = article.dataset.code;
    code.appendChild(option);
    families.add(article.dataset.family);
  }
  for (const name of Array.from(families).sort()) {
    const option = document.createElement("option");
    option.value = option.textContent = name;
    family.appendChild(option);
  }

  function setOpen(host, open) {
    host.classList.toggle("open", open);
    host.rows[1].hidden = !open;
    host.querySelector("button.toggle").setAttribute("aria-expanded", String(open));
  }
  table.addEventListener("click", (event) => {
    const row = event.target.closest("tr.host-row");
    if (row && !event.target.closest("a")) setOpen(row.parentElement, !row.parentElement.classList.contains("open"));
  });
  byId("expand-all").addEventListener("click", () => hosts.forEach((h) => !h.hidden && setOpen(h, true)));
  byId("collapse-all").addEventListener("click", () => hosts.forEach((h) => setOpen(h, false)));

  const findingsOf = new Map();
  const textOf = new WeakMap();
  const lower = (el) => {
    let t = textOf.get(el);
    if (t === undefined) textOf.set(el, (t = el.textContent.toLowerCase()));
    return t;
  };
  function findings(host) {
    let list = findingsOf.get(host);
    if (!list) findingsOf.set(host, (list = Array.from(host.querySelectorAll(".finding"))));
    return list;
  }

  function applyFilters() {
    const s = severity.value, c = code.value, f = family.value, q = text.value.trim().toLowerCase();
    const n = Boolean(onlyNew && onlyNew.checked);
    const byFinding = Boolean(s || c || f || n);
    let shown = 0;
    for (const host of hosts) {
      const list = findings(host);
      const nameHit = Boolean(q) && host.dataset.name.toLowerCase().includes(q);
      let any = false;
      for (const el of list) {
        const ok = (!s || el.dataset.severity === s) && (!c || el.dataset.code === c) &&
          (!f || el.dataset.family === f) && (!n || el.dataset.new === "1") &&
          (!q || nameHit || lower(el).includes(q));
        el.hidden = !ok;
        any = any || ok;
      }
      let visible = byFinding || q ? any || (!byFinding && nameHit) : true;
      if (hideClean.checked && list.length === 0) visible = false;
      host.hidden = !visible;
      if (visible) shown += 1;
    }
    const number = (n) => n.toLocaleString("en");
    count.textContent = `${number(shown)} of ${number(hosts.length)} host${hosts.length === 1 ? "" : "s"} shown`;
  }
  for (const control of [severity, code, family, hideClean, onlyNew]) if (control) control.addEventListener("change", applyFilters);
  text.addEventListener("input", applyFilters);

  // First the hosts that need attention: most errors, then most warnings, then the order audited.
  {
    const worstFirst = hosts.slice().sort((a, b) =>
      Number(b.dataset.error) - Number(a.dataset.error) ||
      Number(b.dataset.warning) - Number(a.dataset.warning) ||
      Number(a.dataset.index) - Number(b.dataset.index));
    const fragment = document.createDocumentFragment();
    for (const host of worstFirst) fragment.appendChild(host);
    table.appendChild(fragment);
  }

  let sortKey = null;
  let direction = 1;
  for (const th of table.tHead.querySelectorAll("th[data-key]")) {
    th.querySelector("button").addEventListener("click", () => {
      const key = th.dataset.key;
      const numeric = th.dataset.type === "number";
      direction = sortKey === key ? -direction : numeric ? -1 : 1; // numbers: most first
      sortKey = key;
      const sorted = hosts.slice().sort((a, b) => {
        const x = a.dataset[key], y = b.dataset[key];
        const order = numeric ? Number(x) - Number(y) : collator.compare(x, y);
        return order * direction || Number(a.dataset.index) - Number(b.dataset.index);
      });
      const fragment = document.createDocumentFragment();
      for (const host of sorted) fragment.appendChild(host);
      table.appendChild(fragment);
      for (const other of table.tHead.querySelectorAll("th[data-key]")) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", direction > 0 ? "ascending" : "descending");
    });
  }

  // Chart bars filter the table by their code or family.
  for (const bar of document.querySelectorAll("svg.chart .bar")) {
    bar.addEventListener("click", () => {
      code.value = bar.dataset.code || "";
      family.value = bar.dataset.family || "";
      applyFilters();
      table.scrollIntoView();
    });
  }

  // CSV of every finding, made here from the page's own text (no network): control characters are
  // already the page's placeholders; a cell a spreadsheet would run as a formula gets a leading '.
  function csvCell(value) {
    const text = /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
    return '"' + text.replace(/"/g, '""') + '"';
  }
  function findingsCsv() {
    const rows = [["host", "severity", "code", "rule", "place", "message"]];
    for (const host of hosts) {
      for (const el of findings(host)) {
        const name = el.querySelector(".rule-name").textContent.split(" · ").slice(1).join(" · ");
        rows.push([host.dataset.name, el.dataset.severity, el.dataset.code, name,
          el.querySelector(".where").textContent, el.querySelector(".message").textContent]);
      }
    }
    return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
  }
  window.bondlintFindingsCsv = findingsCsv; // for tests and the console
  byId("export-csv").addEventListener("click", () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([findingsCsv()], { type: "text/csv;charset=utf-8" }));
    link.download = "bondlint-findings.csv";
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });

  // A link to a host or a finding (top hosts, related places) opens the host holding it.
  function reveal() {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && byId(id);
    const host = target && target.closest("tbody.host");
    if (!host) return;
    host.hidden = false;
    target.hidden = false; // a finding the filters hid
    setOpen(host, true);
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  reveal();
  applyFilters();
})();
