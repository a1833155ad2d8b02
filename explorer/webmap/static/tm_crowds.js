/* Treaty Explorer map page: crowded places. Moscow has a dozen events; they must be told apart and picked.
 *
 * Below SPREAD_ZOOM the events at one place are stacked on it, the selected (or else the latest) on top,
 * with a number saying how many there are; a click on the stack opens a list of them to pick from (large
 * rows: the kiosk is a touch screen). From SPREAD_ZOOM on they are spread round the place on a ring, each
 * on a leg back to it, and picked directly.
 *
 * It works on what tm_layers draws, through three hooks: every event's pixel offset from its place
 * (ev.offset, the row view's one writable field, kept in P.cols.dx/dy), P.moveMarkers(events) to redraw
 * markers whose offset changed, and P.onMarkerClick(id), the one way a marker click reaches the app. Above
 * the canvas threshold (hundreds of events at generated places) the canvas layer keeps tm_layers' fan
 * (P.fanOffsets) and the stacks are not made.
 */
(function (P) {
  "use strict";

  const TM = window.TreatyMap;
  const SPREAD_ZOOM = 7;
  const LEG_GAP = 22;                // px of ring per marker: a marker is 14-19 px across with its outline

  P.crowds = P.table();              // place id -> {events (oldest first), top, spread, radius}
  let badgePane = null, legPane = null, listBox = null, listPlace = null, bypass = false;

  function enabled() { return !P.eventCanvas; }

  P.initHooks.push(function () {
    badgePane = P.map.createPane("crowdBadges");
    badgePane.style.zIndex = 462;                     // above the markers (450) and the selected ring (460)
    badgePane.classList.add("leaflet-zoom-hide");
    legPane = P.map.createPane("crowdLegs");
    legPane.style.zIndex = 445;
    legPane.classList.add("leaflet-zoom-hide");
    P.map.on("zoomend", function () {
      P.updateCrowds();
      const sel = P.state.selected && P.byId[P.state.selected];
      if (sel) P.drawSelection(sel);
    });
    P.map.on("zoomstart", closeList);
    P.map.on("click", closeList);
    P.map.on("moveend", drawBadges);
  });

  /* The core's refresh decides what is visible; the crowds follow. */
  const refresh = P.refresh;
  P.refresh = function (filtersChanged) {
    refresh(filtersChanged);
    P.updateCrowds();
  };

  /* Group the visible events by place, and stack or spread each group at the current zoom. */
  P.updateCrowds = function () {
    if (!enabled() || !P.map) return;
    const zoom = P.map.getZoom(), spread = zoom >= SPREAD_ZOOM;
    const groups = P.table(), sel = P.state.selected;
    P.events.forEach(function (ev) {
      if (ev.visible) (groups[ev.place] = groups[ev.place] || []).push(ev);
    });
    const moved = [];
    const setOffset = function (ev, offset) {
      const old = ev.offset;
      if ((old && offset && old[0] === offset[0] && old[1] === offset[1]) || (!old && !offset)) return;
      ev.offset = offset;
      moved.push(ev);
    };
    P.crowds = P.table();
    Object.keys(groups).forEach(function (placeId) {
      const list = groups[placeId];
      if (list.length === 1) { setOffset(list[0], null); return; }
      const top = list.find(function (ev) { return ev.id === sel; }) || list[list.length - 1];
      const crowd = { place: placeId, events: list, top: top, spread: spread, radius: 0 };
      if (spread) {
        crowd.radius = Math.max(18, Math.ceil(list.length * LEG_GAP / (2 * Math.PI)));
        list.forEach(function (ev, k) {
          const angle = -Math.PI / 2 + 2 * Math.PI * k / list.length;
          setOffset(ev, [Math.round(crowd.radius * Math.cos(angle)), Math.round(crowd.radius * Math.sin(angle))]);
        });
      } else {
        list.forEach(function (ev) { setOffset(ev, null); });
      }
      P.crowds[placeId] = crowd;
    });
    if (moved.length) P.moveMarkers(moved);
    // The stack's top marker is drawn last (on top of the others).
    Object.keys(P.crowds).forEach(function (placeId) {
      const m = P.markers[P.crowds[placeId].top.id];
      if (m && m._map && !P.crowds[placeId].spread) m.bringToFront();
    });
    drawBadges();
    if (listPlace && !P.crowds[listPlace]) closeList();
  };

  /* An event's offset at another zoom (framing looks ahead at the zoom it will fly to). */
  P.crowdOffsetAt = function (ev, zoom) {
    const crowd = P.crowds[ev.place];
    if (!enabled() || !crowd || zoom < SPREAD_ZOOM) return enabled() ? null : ev.offset;
    const k = crowd.events.indexOf(ev), n = crowd.events.length;
    const radius = Math.max(18, Math.ceil(n * LEG_GAP / (2 * Math.PI)));
    const angle = -Math.PI / 2 + 2 * Math.PI * k / n;
    return [Math.round(radius * Math.cos(angle)), Math.round(radius * Math.sin(angle))];
  };

  /* How far from a place its crowd reaches (for its name's label), or 0 where there is no crowd. */
  P.crowdFootprint = function (placeId) {
    const crowd = P.crowds[placeId];
    return crowd ? (crowd.spread ? crowd.radius + 9 : 17) : 0;
  };

  // The number sits at the stack's upper right, outside the selected ring when the stack is selected.
  function badgeOffset(crowd) { return crowd.top.id === P.state.selected ? 13 : 8; }

  function badgePoint(crowd) {
    const p = P.placeById[crowd.place], pt = P.toScreen(p.lat, p.lon), d = badgeOffset(crowd);
    return [pt[0] + d, pt[1] - d];
  }

  let badgesFor = null;
  function drawBadges() {
    if (!badgePane) return;
    const c = P.map.getCenter(), key = [c.lat, c.lng, P.map.getZoom(), P.state.selected].concat(
      Object.keys(P.crowds).map(function (k) { const w = P.crowds[k]; return k + w.events.length + w.spread + w.top.id; })
    ).join("|");
    if (key === badgesFor) return;          // a date step that changes no crowd changes no badge
    badgesFor = key;
    badgePane.replaceChildren();
    legPane.replaceChildren();
    Object.keys(P.crowds).forEach(function (placeId) {
      const crowd = P.crowds[placeId], p = P.placeById[placeId];
      const at = P.map.latLngToLayerPoint([p.lat, p.lon]);
      if (crowd.spread) {
        crowd.events.forEach(function (ev) {
          const leg = P.el("div", "tm-crowd-leg");
          leg.style.width = Math.hypot(ev.offset[0], ev.offset[1]) + "px";
          leg.style.transform = "translate3d(" + at.x + "px," + at.y + "px,0) rotate(" +
                                Math.atan2(ev.offset[1], ev.offset[0]) + "rad)";
          legPane.appendChild(leg);
        });
        return;
      }
      const badge = P.el("div", "tm-crowd-badge", String(crowd.events.length));
      const d = badgeOffset(crowd);
      L.DomUtil.setPosition(badge, L.point(at.x + d, at.y - d));
      badgePane.appendChild(badge);
    });
  }

  /* The badges are obstacles for labels (markers are, through tm_place_labels). */
  P.obstacleProviders.push(function (out) {
    Object.keys(P.crowds).forEach(function (placeId) {
      const crowd = P.crowds[placeId];
      if (crowd.spread) return;
      const pt = badgePoint(crowd);
      out.push({ rect: P.squareAt(pt[0], pt[1], 9), kind: "marker" });
    });
  });

  /* A click on a stack opens its list; a click on a spread marker (or an entry of the list) selects. */
  const click = P.onMarkerClick;
  P.onMarkerClick = function (id) {
    const ev = P.byId[id], crowd = ev && P.crowds[ev.place];
    if (!bypass && crowd && !crowd.spread) { openList(ev.place); return; }
    closeList();
    click(id);
  };

  /* What a click on this very event's marker does, as if it lay alone (tests, the benchmark). */
  const clickMarker = TM.clickMarker;
  TM.clickMarker = function (id) {
    bypass = true;
    try { return clickMarker(id); } finally { bypass = false; }
  };

  /* A click on the stack at a place: opens its list (false if no stack is there). */
  TM.clickCrowd = function (placeId) {
    const crowd = P.crowds[placeId];
    if (!crowd || crowd.spread) return false;
    openList(placeId);
    return true;
  };

  /* The crowds now: {place: [event ids, oldest first]}, and the open list's place (tests). */
  TM.crowds = function () {
    const out = {};
    Object.keys(P.crowds).forEach(function (k) {
      out[k] = { ids: P.crowds[k].events.map(function (e) { return e.id; }), spread: P.crowds[k].spread,
                 top: P.crowds[k].top.id };
    });
    return { crowds: out, list: listPlace,
             listIds: listBox ? Array.prototype.map.call(listBox.querySelectorAll("button[data-id]"),
                                                         function (b) { return b.dataset.id; }) : [] };
  };

  function openList(placeId) {
    closeList();
    const crowd = P.crowds[placeId], place = P.placeById[placeId], s = P.strings;
    listPlace = placeId;
    listBox = P.el("div", "tm-crowd-list");
    listBox.setAttribute("role", "dialog");
    const head = P.el("div", "tm-crowd-head");
    const title = (s.crowdTitle || "{n}").replace("{n}", crowd.events.length).replace("{place}", P.placeName(place));
    head.appendChild(P.el("span", "tm-crowd-title", title));
    listBox.setAttribute("aria-label", title);
    const close = P.el("button", "tm-crowd-close", "×");
    close.setAttribute("aria-label", s.close || "");
    close.title = s.close || "";
    close.addEventListener("click", function (e) { e.stopPropagation(); closeList(); P.notifyPainted(); });
    head.appendChild(close);
    listBox.appendChild(head);
    crowd.events.slice().reverse().forEach(function (ev) {
      const row = P.el("button", "tm-crowd-row" + (ev.id === P.state.selected ? " tm-crowd-current" : ""));
      row.dataset.id = ev.id;
      row.appendChild(P.kindSwatch(ev.kind, 12));
      row.appendChild(P.el("span", "tm-crowd-name", P.titleOf(ev)));
      row.appendChild(P.el("span", "tm-crowd-date", P.dateText(ev.start)));
      row.addEventListener("click", function (e) {
        e.stopPropagation();
        bypass = true;
        try { P.onMarkerClick(ev.id); } finally { bypass = false; }
      });
      listBox.appendChild(row);
    });
    L.DomEvent.disableClickPropagation(listBox);
    L.DomEvent.disableScrollPropagation(listBox);
    P.map.getContainer().appendChild(listBox);
    // Beside the stack, turned inwards where the map ends.
    const pt = P.toScreen(place.lat, place.lon), size = P.map.getSize();
    const w = listBox.offsetWidth, h = listBox.offsetHeight;
    const x = pt[0] + 22 + w < size.x ? pt[0] + 22 : Math.max(4, pt[0] - 22 - w);
    const y = Math.max(4, Math.min(pt[1] - 20, size.y - h - 4));
    listBox.style.left = x + "px";
    listBox.style.top = y + "px";
    P.notifyPainted();
  }

  function closeList() {
    if (!listBox) return;
    listBox.remove();
    listBox = listPlace = null;
  }
})(window.TreatyMap._);
