/* Treaty Explorer map page: the legend (top right, collapsible), in the page's language. It explains what
 * the map draws: the kinds of the dataset with their colours and shapes (model/kinds.py), how recent and
 * older markers look, the selected ring and crowd numbers, places and capitals, the arcs of a selection by
 * direction, the dashed lines to the parties' capitals, and which borders are drawn. */
(function (P) {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  let box = null, body = null, toggle = null, open = true, drawnKey = null, note = null;

  // A kind's shape as an SVG path is tm_layers' P.shapePath(shape, r): the markers' own shapes.

  function svg(size) {
    const el = document.createElementNS(SVG, "svg");
    el.setAttribute("width", size);
    el.setAttribute("height", size);
    el.setAttribute("viewBox", "0 0 " + size + " " + size);
    el.setAttribute("aria-hidden", "true");
    el.classList.add("tm-swatch");
    return el;
  }

  function path(d, attrs) {
    const el = document.createElementNS(SVG, "path");
    el.setAttribute("d", d);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    return el;
  }

  /* A kind's marker as a small picture: its shape in its colour. */
  P.kindSwatch = function (kind, size, look) {
    look = look || {};
    const el = svg(size), r = size / 2 - 1.5;
    const shape = P.own(P.data.kindShapes, kind) || "circle", color = P.own(P.data.kinds, kind) || "#555";
    const g = path(P.shapePath(shape, r), { fill: look.hollow ? "none" : color, stroke: look.stroke || "#222",
                                            "stroke-width": look.strokeWidth || 1, opacity: look.opacity || 1 });
    g.setAttribute("transform", "translate(1.5 1.5)");
    el.appendChild(g);
    el.dataset.kind = kind;
    el.dataset.shape = shape;
    el.dataset.color = color;
    return el;
  };

  /* A day number as the page's language writes a date ("1 November 1938", "1. November 1938"). */
  P.dateText = function (day) {
    const locale = (P.strings && P.strings.locale) || "en-GB";
    return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
      .format(new Date(day * P.DAY_MS));
  };

  function circle(size, fill, stroke, strokeWidth, dash) {
    const el = svg(size), r = size / 2 - 2;
    const c = document.createElementNS(SVG, "circle");
    c.setAttribute("cx", size / 2);
    c.setAttribute("cy", size / 2);
    c.setAttribute("r", r);
    c.setAttribute("fill", fill);
    c.setAttribute("stroke", stroke);
    c.setAttribute("stroke-width", strokeWidth);
    if (dash) c.setAttribute("stroke-dasharray", dash);
    el.appendChild(c);
    return el;
  }

  function line(color, width, dash) {
    const el = svg(18);
    const l = path("M1 9 L17 9", { stroke: color, "stroke-width": width, fill: "none" });
    if (dash) l.setAttribute("stroke-dasharray", dash);
    el.appendChild(l);
    return el;
  }

  function badge() {
    const el = P.el("span", "tm-crowd-badge tm-legend-badge", "3");
    el.setAttribute("aria-hidden", "true");
    return el;
  }

  function row(picture, text, entry) {
    const item = P.el("div", "tm-legend-row");
    item.dataset.entry = entry;
    item.appendChild(picture);
    item.appendChild(P.el("span", "", text));
    return item;
  }

  function heading(text) { return P.el("div", "tm-legend-heading", text); }

  /* The kinds the dataset has, in the order of model/kinds.py. */
  function datasetKinds() {
    const present = new Set(P.events.map(function (ev) { return ev.kind; }));
    return Object.keys(P.data.kinds).filter(function (k) { return present.has(k); });
  }

  function bordersNote() {
    const s = P.strings;
    if (P.state.borders === "present") return s.bordersPresent;
    // The same words at every date (the date is on the timeline and in a snapshot's caption), so the legend
    // keeps its size while the timeline moves.
    const text = s.bordersPeriod || "";
    return P.bordersApproximate && P.bordersApproximate() ? text + " (" + s.bordersApproximate + ")" : text;
  }

  /* Draw the legend for the page's state (again with ``force``: its look changed, tm_display). */
  P.drawLegend = function (force) {
    const s = P.strings || {};
    const key = [P.state.language, P.state.borders, open, P.strings && P.strings.legend].join("|");
    if (key === drawnKey && force !== true) {
      // Only the borders' note can change with the date (approximate borders shown or not): its text alone.
      const text = note ? bordersNote() || "" : "";
      if (note && note.textContent !== text) {
        note.textContent = text;
        if (P.invalidateOverlays) P.invalidateOverlays();
        if (P.fitLegend) P.fitLegend();
      }
      return;
    }
    drawnKey = key;
    note = null;
    if (P.invalidateOverlays) P.invalidateOverlays();
    toggle.replaceChildren(P.el("span", "tm-legend-title", s.legend || ""),
                           P.el("span", "tm-legend-arrow", open ? "▴" : "▾"));
    toggle.setAttribute("aria-expanded", String(open));
    toggle.title = open ? s.legendHide : s.legendShow;
    toggle.setAttribute("aria-label", toggle.title);
    body.replaceChildren();
    body.style.display = open ? "" : "none";
    if (!open) return;
    body.appendChild(heading(s.legendKinds));
    const kinds = P.el("div", "tm-legend-kinds");
    datasetKinds().forEach(function (kind) {
      kinds.appendChild(row(P.kindSwatch(kind, 13), P.own(s.kinds, kind) || kind, "kind:" + kind));
    });
    body.appendChild(kinds);
    const anyKind = datasetKinds()[0] || "treaty";
    body.appendChild(row(P.kindSwatch(anyKind, 17, { strokeWidth: 2, stroke: "#000" }), s.legendRecent, "recent"));
    body.appendChild(row(P.kindSwatch(anyKind, 13, { opacity: 0.4 }), s.legendFaded, "faded"));
    body.appendChild(row(circle(18, "none", "#f5b700", 3.5), s.legendSelected, "selected"));
    body.appendChild(row(badge(), s.legendCrowd, "crowd"));
    body.appendChild(row(circle(9, "#333", "#333", 1), s.legendCapital, "capital"));
    body.appendChild(row(circle(8, "#fff", "#333", 1), s.legendPlace, "place"));
    body.appendChild(heading(s.legendLinks));
    body.appendChild(row(line(P.ARC_COLORS.out, 3), s.arcOut, "arc:out"));
    body.appendChild(row(line(P.ARC_COLORS["in"], 3), s.arcIn, "arc:in"));
    body.appendChild(row(line(P.ARC_COLORS.both, 3), s.arcBoth, "arc:both"));
    body.appendChild(row(line(P.CAPITAL_LINE.color, P.CAPITAL_LINE.weight, P.CAPITAL_LINE.dashArray), s.capitalLine,
                         "capital-line"));
    note = P.el("div", "tm-legend-borders", bordersNote());
    note.dataset.entry = "borders";
    body.appendChild(note);
    if (P.fitLegend) P.fitLegend();
  };

  P.initHooks.push(function () {
    const control = L.control({ position: "topright" });
    control.onAdd = function () {
      box = P.el("div", "tm-legend-control");
      toggle = P.el("button", "tm-legend-toggle");
      toggle.type = "button";
      toggle.addEventListener("click", function () {
        open = !open;
        P.drawLegend();
        P.placeLabels();
        P.notifyPainted();
      });
      body = P.el("div", "tm-legend-body");
      box.appendChild(toggle);
      box.appendChild(body);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(P.map);
    P.drawLegend();
  });
  P.updateHooks.push(function () { P.drawLegend(); });

  /* Open or close the legend (the kiosk and snapshots may start it either way). */
  P.setLegendOpen = function (on) {
    open = !!on;
    P.drawLegend();
  };
  window.TreatyMap.setLegendOpen = function (on) {
    P.setLegendOpen(on);
    P.placeLabels();
    return P.notifyPainted();
  };

  /* What the legend shows now, for tests: its entries and each kind's swatch. */
  window.TreatyMap.legend = function () {
    const rows = box ? Array.prototype.slice.call(box.querySelectorAll("[data-entry]")) : [];
    return { open: open, entries: rows.map(function (r) { return r.dataset.entry; }),
             texts: rows.map(function (r) { return r.textContent; }),
             kinds: rows.filter(function (r) { return r.dataset.entry.indexOf("kind:") === 0; }).map(function (r) {
               const sw = r.querySelector("svg");
               return { kind: sw.dataset.kind, shape: sw.dataset.shape, color: sw.dataset.color };
             }) };
  };
})(window.TreatyMap._);
