"use strict";
// Renders the report from its JSON block. Text is only ever set with textContent (never as
// markup), so nothing a document says can become part of the page.
(function () {
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const PAGE_SIZE = 50;
  const SVG = "http://www.w3.org/2000/svg";

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function row(cells, numeric) {
    const tr = document.createElement("tr");
    cells.forEach((cell, index) => tr.appendChild(element("td", cell ?? "–", numeric.includes(index) ? "num" : "")));
    return tr;
  }

  function formatNumber(value) {
    return value === null || value === undefined ? "–" : Number(value).toLocaleString("en-US");
  }

  function overview() {
    const run = data.run;
    document.title = "Run report: " + run.dir;
    document.getElementById("heading").textContent = "Run report: " + run.dir;
    document.getElementById("run-line").textContent =
      "started " + (run.started || "?") + " · stages " + run.stages.join(", ");
    const cards = document.getElementById("cards");
    [["documents", formatNumber(run.documents)], ["characters", formatNumber(run.characters)],
     ["issuers", formatNumber(run.issuers.length)], ["years", run.years.join(", ") || "–"],
     ["skipped files", formatNumber(run.skipped)]].forEach(([label, value]) => {
      const card = element("div", null, "card");
      card.appendChild(element("b", value));
      card.appendChild(element("span", label));
      cards.appendChild(card);
    });
    const rows = document.querySelector("#rows-table tbody");
    Object.entries(run.rows).forEach(([table, count]) => rows.appendChild(row([table, formatNumber(count)], [1])));
    const issuers = document.querySelector("#issuers-table tbody");
    run.issuers.forEach(([issuer, count]) => issuers.appendChild(row([issuer, count], [1])));
  }

  // A label cut to about `width` Chinese characters (a Latin letter counts for about half of one).
  function shorten(label, width) {
    let used = 0;
    for (let index = 0; index < label.length; index += 1) {
      used += label.charCodeAt(index) > 0x2e80 ? 1 : 0.55;
      if (used > width) return label.slice(0, index) + "…";
    }
    return label;
  }

  function barChart(chart) {
    const box = element("div", null, "chart");
    box.id = chart.id;
    box.appendChild(element("h3", chart.title));
    if (!chart.bars.length) {
      box.appendChild(element("p", "nothing to chart in this run", "note"));
      return box;
    }
    const labelWidth = 300, barWidth = 420, rowHeight = 22;
    const largest = Math.max(...chart.bars.map(([, count]) => count));
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", labelWidth + barWidth + 50);
    svg.setAttribute("height", chart.bars.length * rowHeight + 4);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", chart.title);
    chart.bars.forEach(([label, count], index) => {
      const y = index * rowHeight + 2;
      const group = document.createElementNS(SVG, "g");
      const title = document.createElementNS(SVG, "title");
      title.textContent = label + ": " + count;
      group.appendChild(title);
      const name = document.createElementNS(SVG, "text");
      name.setAttribute("x", labelWidth - 6);
      name.setAttribute("y", y + 15);
      name.setAttribute("text-anchor", "end");
      name.textContent = shorten(label, 24);
      const bar = document.createElementNS(SVG, "rect");
      bar.setAttribute("x", labelWidth);
      bar.setAttribute("y", y + 2);
      bar.setAttribute("height", rowHeight - 6);
      bar.setAttribute("width", Math.max(1, (count / largest) * barWidth));
      const value = document.createElementNS(SVG, "text");
      value.setAttribute("x", labelWidth + (count / largest) * barWidth + 6);
      value.setAttribute("y", y + 15);
      value.textContent = count;
      group.append(name, bar, value);
      svg.appendChild(group);
    });
    box.appendChild(svg);
    return box;
  }

  let page = 0;
  function documentList() {
    const limits = data.limits;
    const hidden = data.documents.filter((doc) => !doc.shown).length;
    document.getElementById("documents-note").textContent =
      "Click a document to see its text with its extractions. " + data.documents.length + " documents, " +
      PAGE_SIZE + " a page." + (hidden ? " This page carries the texts of the first " + limits.max_documents +
      " only (" + hidden + " listed without text; python -m pipeline report DIR --max-documents N)." : "");
    const pages = Math.max(1, Math.ceil(data.documents.length / PAGE_SIZE));
    const body = document.querySelector("#documents-table tbody");
    body.replaceChildren();
    data.documents.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).forEach((doc) => {
      const tr = row([doc.doc_id, doc.issuer, doc.year, doc.title, formatNumber(doc.n_chars), doc.entities, doc.figures], [4, 5, 6]);
      tr.dataset.docId = doc.doc_id;
      tr.addEventListener("click", () => showDocument(doc));
      body.appendChild(tr);
    });
    document.getElementById("page-label").textContent = "page " + (page + 1) + " of " + pages;
    document.getElementById("previous").disabled = page === 0;
    document.getElementById("next").disabled = page >= pages - 1;
    document.getElementById("pager").hidden = pages === 1;
  }

  function showDocument(doc) {
    document.querySelectorAll("#documents-table tr.selected").forEach((tr) => tr.classList.remove("selected"));
    document.querySelectorAll("#documents-table tr").forEach((tr) => {
      if (tr.dataset.docId === doc.doc_id) tr.classList.add("selected");
    });
    const section = document.getElementById("document");
    section.hidden = false;
    document.getElementById("document-heading").textContent = doc.title || doc.doc_id;
    const view = data.texts[doc.doc_id];
    const text = document.getElementById("document-text");
    const figures = document.querySelector("#figures-table tbody");
    text.replaceChildren();
    figures.replaceChildren();
    let meta = doc.doc_id + " · " + (doc.issuer || "issuer unknown") + " · " + (doc.year || "year unknown") +
      " · " + formatNumber(doc.n_chars) + " characters · " + doc.entities + " entities · " + doc.figures + " figures";
    if (!view) {
      document.getElementById("document-meta").textContent = meta +
        " · its text is not in this page (only the first " + data.limits.max_documents + " documents' texts are).";
      section.scrollIntoView();
      return;
    }
    if (view.truncated) meta += " · text shown up to character " + formatNumber(data.limits.max_text_chars) + ", with the extractions in it";
    document.getElementById("document-meta").textContent = meta;
    const fragment = document.createDocumentFragment();
    view.segments.forEach(([piece, classes, tip, relIds]) => {
      if (!classes) {
        fragment.appendChild(document.createTextNode(piece));
        return;
      }
      const mark = element("mark", piece, classes);
      mark.title = tip;
      if (relIds.length) mark.dataset.rels = relIds.join(" ");
      fragment.appendChild(mark);
    });
    text.appendChild(fragment);
    view.figures.forEach(([relId, written, value, valueMax, unit, qualifier, metric, indicator]) => {
      const amount = formatNumber(value) + (valueMax === null ? "" : "–" + formatNumber(valueMax));
      const tr = row([relId, written, amount, unit, qualifier, metric, indicator], [0, 2]);
      tr.addEventListener("click", () => findFigure(relId));
      figures.appendChild(tr);
    });
    section.scrollIntoView();
  }

  function findFigure(relId) {
    document.querySelectorAll("#document-text .found").forEach((mark) => mark.classList.remove("found"));
    const marks = document.querySelectorAll('#document-text mark[data-rels~="' + relId + '"]');
    marks.forEach((mark) => mark.classList.add("found"));
    if (marks.length) marks[0].scrollIntoView({ block: "center" });
  }

  overview();
  const charts = document.getElementById("chart-list");
  data.charts.forEach((chart) => charts.appendChild(barChart(chart)));
  document.getElementById("previous").addEventListener("click", () => { page -= 1; documentList(); });
  document.getElementById("next").addEventListener("click", () => { page += 1; documentList(); });
  documentList();
})();
