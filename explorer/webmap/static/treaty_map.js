/* Treaty Explorer map page: draws the offline base map, places and events, and is driven from Python.
 *
 * Python calls TreatyMap.setDate / select / setFilters / ... with JSON arguments; the page calls back
 * over Qt's QWebChannel (bridge.pageReady, bridge.eventClicked, bridge.painted). Event texts are data:
 * they reach the DOM only through textContent, never as markup.
 */
(function () {
  "use strict";

  const DAY_MS = 86400000;
  const FADE_BUCKETS = [[365, 0.95], [3 * 365, 0.7], [6 * 365, 0.5], [Infinity, 0.32]];
  const RECENT_DAYS = 120;

  const TM = { ready: false };
  window.TreatyMap = TM;

  let map, cfg, data, canvas, bridge = null;
  // Tables keyed by dataset ids have no prototype: an id such as "constructor" or "__proto__" is only a key.
  let events = [], byId = table(), placeById = table(), markers = table();
  let eventLayer, placeLayer, linkLayer, capitalLayer, highlightLayer, hoverTip, captionControl;
  let eventCanvas = null, minorPlaces = [];     // above the canvas threshold: one layer draws every marker
  const state = { date: 0, selected: null, windowDays: null, kinds: null, parties: null, language: "en" };
  let paintSerial = 0, linkCount = 0;

  function dayNumber(iso) {
    const p = iso.split("-").map(Number);
    return Math.floor(Date.UTC(p[0], (p[1] || 1) - 1, p[2] || 1) / DAY_MS);
  }

  function table() { return Object.create(null); }

  /* obj[key] if obj has it as its own property (parsed JSON objects inherit "constructor" and friends). */
  function own(obj, key) { return obj && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined; }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* A circle marker drawn at a fixed pixel offset from its place, so events at one place fan out. */
  const OffsetCircle = L.CircleMarker.extend({
    _project: function () {
      this._point = this._map.latLngToLayerPoint(this._latlng);
      const o = this.options.offset;
      if (o) this._point = this._point.add(L.point(o[0], o[1]));
      this._updateBounds();
    }
  });

  function fanOffsets(list) {
    // First event at a place sits on it; later ones on rings around it (golden-angle spacing).
    const perPlace = table();
    list.forEach(function (ev) {
      const k = perPlace[ev.place] = (perPlace[ev.place] || 0) + 1;
      if (k === 1) { ev.offset = null; return; }
      const ring = 9 + 2.2 * Math.sqrt(k);
      const angle = k * 2.39996;
      ev.offset = [Math.round(ring * Math.cos(angle)), Math.round(ring * Math.sin(angle))];
    });
  }

  function addBaseMap(layers) {
    map.createPane("basemap").style.zIndex = 150;
    const style = { pane: "basemap", color: "#8f8672", weight: 0.6, fillColor: "#f2ede1", fillOpacity: 1,
                    interactive: false, smoothFactor: 1.2 };
    layers.forEach(function (geojson) { L.geoJSON(geojson, { style: style, interactive: false }).addTo(map); });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(el("span", "", cfg.attribution).outerHTML);
  }

  /* A JSON document the boot block points at: a block in this page (standalone) or a file of the app's
   * scheme. Either way it is parsed as JSON, never run. */
  function loadJson(ref) {
    if (ref.element) return Promise.resolve(JSON.parse(document.getElementById(ref.element).textContent));
    return fetch(ref.url).then(function (response) {
      if (!response.ok) throw new Error(ref.url + ": " + response.status);
      return response.json();
    });
  }

  function addPlaces() {
    map.createPane("places").style.zIndex = 420;
    placeLayer = L.layerGroup().addTo(map);
    data.places.forEach(function (p) {
      placeById[p.id] = p;
      // Thousands of permanent labels would be thousands of DOM nodes moved on every zoom: above the
      // threshold, minor places are drawn (with their names when zoomed in) by the event canvas.
      if (canvas && !p.capital) { minorPlaces.push(p); return; }
      const dot = L.circleMarker([p.lat, p.lon], {
        pane: "places", radius: p.capital ? 3.5 : 2.5, weight: 1, color: "#333", fillColor: p.capital ? "#333" : "#fff",
        fillOpacity: 1, interactive: false, renderer: canvas || undefined
      });
      dot.bindTooltip(el("span", "", p.name), {
        permanent: true, direction: "right", offset: [4, 0], interactive: false,
        className: "tm-place-label " + (p.capital ? "tm-capital-label" : "tm-minor-label")
      });
      dot.placeId = p.id;
      dot.capital = p.capital;
      placeLayer.addLayer(dot);
    });
  }

  function addEvents() {
    map.createPane("events").style.zIndex = 450;
    map.createPane("highlight").style.zIndex = 460;
    eventLayer = L.layerGroup().addTo(map);
    events = data.events.map(function (row) {
      return { id: row[0], title: row[1], kind: row[2], start: dayNumber(row[3]), last: dayNumber(row[4]),
               place: row[5], parties: row[6], dateLabel: row[7], visible: false, styleKey: "" };
    });
    fanOffsets(events);
    hoverTip = L.tooltip({ direction: "top", offset: [0, -8], className: "tm-hover" });
    if (canvas) {
      events.forEach(function (ev) {
        byId[ev.id] = ev;
        const p = placeById[ev.place];
        ev.lat = p.lat; ev.lon = p.lon; ev.recent = false; ev.opacity = 1;
      });
      eventCanvas = new window.TreatyEventCanvas(events, minorPlaces, data.kinds, {
        click: function (ev) { onMarkerClick(ev.id); },
        hover: function (ev, latlng) { showHover(ev, latlng); },
        out: function () { map.closeTooltip(hoverTip); }
      }).addTo(map);
      return;
    }
    events.forEach(function (ev) {
      byId[ev.id] = ev;
      const p = placeById[ev.place];
      const m = new OffsetCircle([p.lat, p.lon], {
        pane: "events", radius: 6, weight: 1, color: "#222", fillColor: own(data.kinds, ev.kind) || "#555",
        fillOpacity: 0.9, offset: ev.offset, renderer: canvas || undefined, bubblingMouseEvents: false
      });
      m.eventId = ev.id;
      m.on("click", function () { onMarkerClick(ev.id); });
      m.on("mouseover", function () { showHover(ev, m.getLatLng()); });
      m.on("mouseout", function () { map.closeTooltip(hoverTip); });
      markers[ev.id] = m;
    });
  }

  function showHover(ev, latlng) {
    const box = el("div");
    box.appendChild(el("strong", "", titleOf(ev)));
    box.appendChild(el("div", "", ev.dateLabel + " · " + placeById[ev.place].name));
    hoverTip.setContent(box);
    hoverTip.setLatLng(latlng);
    map.openTooltip(hoverTip);
  }

  function titleOf(ev) {
    const t = own(data.translations, state.language);
    return own(t, ev.id) || ev.title;
  }

  function onMarkerClick(id) {
    if (bridge) bridge.eventClicked(id);
    else TM.select(id);            // standalone page: select locally
  }

  /* --- time and filters ----------------------------------------------------------------------------- */

  function accepts(ev) {
    if (state.kinds && state.kinds.indexOf(ev.kind) < 0) return false;
    if (state.parties && !ev.parties.some(function (p) { return state.parties.indexOf(p) >= 0; })) return false;
    if (state.windowDays === null || state.windowDays === undefined) return ev.start <= state.date;
    return ev.start - state.windowDays <= state.date && state.date <= ev.last + state.windowDays;
  }

  /* How a visible event looks now: recent (ringed, larger) or faded by age. */
  function lookOf(ev, latest) {
    const age = state.date - ev.last;
    const recent = ev.start >= latest - RECENT_DAYS && ev.start <= state.date;
    let opacity = 1;
    if (age > 0) for (let i = 0; i < FADE_BUCKETS.length; i++) {
      if (age <= FADE_BUCKETS[i][0]) { opacity = FADE_BUCKETS[i][1]; break; }
    }
    if (recent || age <= 0) opacity = 1;
    return [recent, opacity];
  }

  function refresh() {
    let latest = -Infinity;
    events.forEach(function (ev) {
      ev.nextVisible = accepts(ev);
      if (ev.nextVisible && ev.start <= state.date && ev.start > latest) latest = ev.start;
    });
    if (eventCanvas) {
      // Plain fields and one redraw in the next frame: no layers to add, remove or restyle.
      events.forEach(function (ev) {
        ev.visible = ev.nextVisible;
        if (!ev.visible) return;
        const look = lookOf(ev, latest);
        ev.recent = look[0];
        ev.opacity = look[1];
      });
      eventCanvas.redraw();
      notifyPainted();
      return;
    }
    events.forEach(function (ev) {
      const m = markers[ev.id];
      if (ev.nextVisible !== ev.visible) {
        ev.visible = ev.nextVisible;
        if (ev.visible) eventLayer.addLayer(m); else eventLayer.removeLayer(m);
      }
      if (!ev.visible) return;
      const look = lookOf(ev, latest), recent = look[0], opacity = look[1];
      const key = (recent ? "r" : "o") + opacity;
      if (key !== ev.styleKey) {
        ev.styleKey = key;
        m.setStyle({ fillOpacity: opacity * 0.95, opacity: opacity, weight: recent ? 2 : 1,
                     color: recent ? "#000" : "#333" });
        m.setRadius(recent ? 8.5 : 6);
      }
    });
    notifyPainted();
  }

  /* --- selection ------------------------------------------------------------------------------------ */

  function curve(a, b) {
    // A gentle great-ish arc: a quadratic curve bowed to the left of the a→b direction.
    const lat1 = a[0], lon1 = a[1], lat2 = b[0], lon2 = b[1];
    const mx = (lat1 + lat2) / 2, my = (lon1 + lon2) / 2, dx = lat2 - lat1, dy = lon2 - lon1;
    const c = [mx - dy * 0.18, my + dx * 0.18];
    const pts = [];
    for (let i = 0; i <= 32; i++) {
      const t = i / 32, u = 1 - t;
      pts.push([u * u * lat1 + 2 * u * t * c[0] + t * t * lat2, u * u * lon1 + 2 * u * t * c[1] + t * t * lon2]);
    }
    return pts;
  }

  function drawSelection(ev) {
    linkLayer.clearLayers();
    capitalLayer.clearLayers();
    highlightLayer.clearLayers();
    if (!ev) return;
    const here = placeById[ev.place];
    const m = markers[ev.id];
    highlightLayer.addLayer(new OffsetCircle([here.lat, here.lon], {
      pane: "highlight", radius: 13, weight: 4, color: "#f5b700", fill: false, interactive: false,
      offset: ev.offset, className: "tm-selected-ring"
    }));
    ev.parties.forEach(function (party) {
      const capId = own(data.capitals, party);
      const cap = capId && placeById[capId];
      if (!cap || cap.id === here.id) return;
      capitalLayer.addLayer(L.polyline([[here.lat, here.lon], [cap.lat, cap.lon]], {
        color: "#555", weight: 1.5, dashArray: "4 5", opacity: 0.8, interactive: false
      }));
    });
    // One arc and one label box per linked place, listing every link that goes there.
    const byPlace = table(), order = [];
    (data.linksOf[ev.id] || []).forEach(function (lk) {
      const other = byId[lk.other];
      if (!byPlace[other.place]) { byPlace[other.place] = []; order.push(other.place); }
      byPlace[other.place].push(lk);
    });
    linkCount = (data.linksOf[ev.id] || []).length;
    order.forEach(function (placeId) {
      const there = placeById[placeId], links = byPlace[placeId];
      const outgoing = links.every(function (lk) { return lk.outgoing; });
      const incoming = links.every(function (lk) { return !lk.outgoing; });
      const color = outgoing ? "#1b4f72" : incoming ? "#7b241c" : "#4a235a";
      const box = el("div", "tm-link-label");
      links.forEach(function (lk) {
        const other = byId[lk.other];
        const row = el("div");
        row.appendChild(el("b", "", lk.label + ": "));
        const year = new Date(other.start * DAY_MS).getUTCFullYear();
        row.appendChild(document.createTextNode(titleOf(other) + " (" + year + ")"));
        box.appendChild(row);
      });
      if (there.id === here.id) {
        linkLayer.addLayer(L.circleMarker([there.lat, there.lon], { radius: 18, color: color, weight: 2, fill: false,
          dashArray: "3 3", interactive: false }));
        linkLayer.addLayer(L.tooltip({ permanent: true, direction: "bottom", offset: [0, 20], className: "tm-link-tip",
                                       interactive: false }).setLatLng([there.lat, there.lon]).setContent(box));
        return;
      }
      const pts = curve([here.lat, here.lon], [there.lat, there.lon]);
      const line = L.polyline(pts, { color: color, weight: 3, opacity: 0.85, className: "tm-link-arc" });
      line.on("click", function () { onMarkerClick(links[0].other); });
      linkLayer.addLayer(line);
      // The label sits near the far end, so labels spread out by destination instead of piling up here.
      linkLayer.addLayer(L.tooltip({ permanent: true, direction: "center", className: "tm-link-tip",
                                     interactive: false }).setLatLng(pts[26]).setContent(box));
      linkLayer.addLayer(L.circleMarker(pts[32], { radius: 3.5, color: color, fillColor: color, fillOpacity: 1,
                                                   interactive: false }));
    });
  }

  /* Labels must not cover each other. The names of the selected place, its linked places and the capitals are
   * placed first; link labels are pushed down off them and off each other; any other place name that would
   * still be covered is hidden (its dot stays). */
  function declutterLabels() {
    const tips = Array.prototype.slice.call(map.getPane("tooltipPane").querySelectorAll(".tm-link-tip"));
    tips.forEach(function (t) { t.style.marginTop = "0px"; t.style.marginLeft = "0px"; });
    const box = map.getContainer().getBoundingClientRect();
    const names = rankedPlaceLabels();
    const placed = [];
    showNames(names.filter(function (n) { return n.rank > 0; }), placed);
    tips.forEach(function (t) {
      let r = t.getBoundingClientRect(), shift = 0, dx = 0;
      // Keep labels inside the map horizontally.
      if (r.left < box.left + 4) dx = box.left + 4 - r.left;
      else if (r.right > box.right - 4) dx = Math.max(box.left + 4 - r.left, box.right - 4 - r.right);
      if (dx) {
        t.style.marginLeft = dx + "px";
        r = { left: r.left + dx, right: r.right + dx, top: r.top, bottom: r.bottom };
      }
      // Move it down or up, whichever frees it nearer to its arc.
      const down = freeShift(r, placed, 1), up = freeShift(r, placed, -1);
      shift = Math.abs(up) < Math.abs(down) ? up : down;
      if (shift) t.style.marginTop = shift + "px";
      placed.push({ left: r.left, right: r.right, top: r.top + shift, bottom: r.bottom + shift });
    });
    showNames(names.filter(function (n) { return n.rank === 0; }), placed);
  }

  /* How far rectangle r must move vertically (dir 1 down, -1 up) to clear every rectangle in placed. */
  function freeShift(r, placed, dir) {
    let shift = 0;
    for (let tries = 0; tries < 8; tries++) {
      const hit = placed.find(function (p) {
        return r.left < p.right && p.left < r.right && r.top + shift < p.bottom && p.top < r.bottom + shift;
      });
      if (!hit) return shift;
      shift = dir > 0 ? hit.bottom - r.top + 2 : hit.top - r.bottom - 2;
    }
    return dir > 0 ? shift : Infinity;
  }

  /* Place-name labels, most important first: the selected event's place, its linked places, capitals, then
   * the rest (rank 0). */
  function rankedPlaceLabels() {
    const sel = state.selected ? byId[state.selected] : null;
    const weight = table();
    if (sel) {
      (data.linksOf[sel.id] || []).forEach(function (lk) { weight[byId[lk.other].place] = 2; });
      weight[sel.place] = 4;
    }
    const labels = [];
    placeLayer.eachLayer(function (dot) {
      const node = dot.getTooltip() && dot.getTooltip().getElement();
      if (!node) return;
      node.style.visibility = "";
      labels.push({ node: node, rank: (weight[dot.placeId] || 0) + (dot.capital ? 1 : 0) });
    });
    return labels.sort(function (a, b) { return b.rank - a.rank; });
  }

  /* Show each name unless it would cover a rectangle already taken (the selected place's name always shows). */
  function showNames(labels, taken) {
    labels.forEach(function (label) {
      const r = label.node.getBoundingClientRect();
      if (!r.width) return;                       // not shown at this zoom
      const hit = label.rank < 4 && taken.some(function (p) {
        return r.left < p.right && p.left < r.right && r.top < p.bottom && p.top < r.bottom;
      });
      if (hit) label.node.style.visibility = "hidden";
      else taken.push({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
    });
  }

  function frameSelection(ev, animate) {
    const here = placeById[ev.place];
    const bounds = L.latLngBounds([[here.lat, here.lon]]);
    (data.linksOf[ev.id] || []).forEach(function (lk) {
      const p = placeById[byId[lk.other].place];
      bounds.extend([p.lat, p.lon]);
    });
    const opts = { maxZoom: 6, padding: [60, 60], animate: !!animate, duration: 0.6 };
    if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
      map.setView([here.lat, here.lon], Math.max(map.getZoom(), 5), { animate: !!animate });
    } else if (animate) {
      map.flyToBounds(bounds, opts);
    } else {
      map.fitBounds(bounds, opts);
    }
  }

  function indexLinks() {
    data.linksOf = table();
    const labels = data.relationLabels;
    data.links.forEach(function (row) {
      const from = row[0], to = row[1], rel = row[2];
      (data.linksOf[from] = data.linksOf[from] || []).push({ other: to, outgoing: true, label: labels[rel][0] });
      (data.linksOf[to] = data.linksOf[to] || []).push({ other: from, outgoing: false, label: labels[rel][1] });
    });
  }

  /* --- painting and the bridge --------------------------------------------------------------------- */

  /* A task posted from an animation-frame callback runs right after that frame is painted: one frame of
   * latency, where a second requestAnimationFrame would wait a whole extra frame. */
  const afterPaint = new MessageChannel();
  let paintPending = false;
  afterPaint.port1.onmessage = function (message) {
    TM.paintedSerial = Math.max(TM.paintedSerial || 0, message.data);
    if (bridge && bridge.painted) bridge.painted(TM.paintedSerial);
  };

  /* Snapshot mode: one device pixel in the top-left corner carries the change number as its colour, so an
   * image grabbed from the view proves which change it shows (a grab can lag the page's painted report). */
  let frameStamp = null;
  function stampFrame(serial) {
    const side = (1 / (window.devicePixelRatio || 1)) + "px";     // the page zoom changes the ratio
    frameStamp.style.width = frameStamp.style.height = side;
    frameStamp.style.background = "rgb(" + ((serial >> 16) & 255) + "," + ((serial >> 8) & 255) + "," +
                                  (serial & 255) + ")";
  }

  function notifyPainted() {
    const serial = ++paintSerial;
    if (frameStamp) stampFrame(serial);
    // Changes within one frame share its report, which carries the latest serial drawn in that frame.
    if (!paintPending) {
      paintPending = true;
      requestAnimationFrame(function () {
        paintPending = false;
        afterPaint.port2.postMessage(paintSerial);
      });
    }
    return serial;
  }

  function connectBridge() {
    if (!cfg.bridge || typeof QWebChannel === "undefined" || !window.qt || !qt.webChannelTransport) return;
    new QWebChannel(qt.webChannelTransport, function (channel) {
      bridge = channel.objects.bridge;
      if (!bridge) return;
      bridge.pageReady();
      // Frames painted before the channel was up were not reported: report the latest now.
      if (TM.paintedSerial) bridge.painted(TM.paintedSerial);
    });
  }

  function addCaption() {
    captionControl = L.control({ position: "bottomleft" });
    let box = null;
    captionControl.onAdd = function () {
      // One box for the page's life: moving the control to another corner re-adds this same box.
      if (!box) {
        box = el("div", "tm-caption");
        box.style.display = "none";
        L.DomEvent.disableClickPropagation(box);
      }
      return box;
    };
    captionControl.addTo(map);
  }

  /* The corner where a caption of the box's size hides least of the selection: its marker weighs most, then
   * the linked places and link labels, then any visible marker. Ties keep the usual bottom-left. */
  function quietestCorner(box) {
    const size = map.getSize(), b = box.getBoundingClientRect();
    const w = b.width + 20, h = b.height + 20, low = 40;     // bottom corners also hold scale and attribution
    const corners = {
      bottomleft: [0, size.y - h - low, w, size.y], topleft: [0, 0, w, h],
      topright: [size.x - w, 0, size.x, h], bottomright: [size.x - w, size.y - h - low, size.x, size.y]
    };
    const weights = [];
    const point = function (latlng, weight, offset) {
      let p = map.latLngToContainerPoint(latlng);
      if (offset) p = p.add(L.point(offset[0], offset[1]));
      weights.push([p.x - 10, p.y - 10, p.x + 10, p.y + 10, weight]);
    };
    // (A marker sits at its place plus its offset; above the canvas threshold there are no marker layers.)
    const placeOf = function (ev) { const p = placeById[ev.place]; return L.latLng(p.lat, p.lon); };
    events.forEach(function (ev) { if (ev.visible) point(placeOf(ev), 1, ev.offset); });
    if (state.selected) point(placeOf(byId[state.selected]), 100, byId[state.selected].offset);
    linkLayer.eachLayer(function (l) { if (l instanceof L.CircleMarker) point(l.getLatLng(), 20); });
    const origin = map.getContainer().getBoundingClientRect();
    map.getPane("tooltipPane").querySelectorAll(".tm-link-tip").forEach(function (t) {
      const r = t.getBoundingClientRect();
      weights.push([r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top, 20]);
    });
    let best = "bottomleft", bestScore = Infinity;
    Object.keys(corners).forEach(function (name) {
      const c = corners[name];
      let score = 0;
      weights.forEach(function (r) { if (r[0] < c[2] && c[0] < r[2] && r[1] < c[3] && c[1] < r[3]) score += r[4]; });
      if (score < bestScore) { best = name; bestScore = score; }
    });
    return best;
  }

  /* --- public API (called from Python with JSON arguments) ----------------------------------------- */

  /* Start the page on folium's map: read the boot block, load the data and base map, then build. */
  TM.start = function (leafletMap) {
    const boot = JSON.parse(document.getElementById("tm-boot").textContent);
    Promise.all([loadJson(boot.data)].concat(boot.basemaps.map(loadJson))).then(function (parts) {
      init(leafletMap, parts[0], boot, parts.slice(1));
    }).catch(function (error) {
      console.error("the map page could not load its data: " + error);
    });
  };

  function init(leafletMap, pageData, config, basemaps) {
    map = leafletMap; data = pageData; cfg = config;
    map.setView(cfg.view.center, cfg.view.zoom, { animate: false });
    canvas = cfg.renderer === "canvas" ? L.canvas({ padding: 0.3 }) : null;
    document.body.classList.add("tm-page");
    addBaseMap(basemaps);
    addPlaces();
    addEvents();
    indexLinks();
    linkLayer = L.layerGroup().addTo(map);
    capitalLayer = L.layerGroup().addTo(map);
    highlightLayer = L.layerGroup().addTo(map);
    addCaption();
    const updateZoomClass = function () {
      map.getContainer().classList.toggle("tm-zoom-low", map.getZoom() < 5);
    };
    map.on("zoomend", updateZoomClass);
    updateZoomClass();
    map.on("moveend", function () { declutterLabels(); notifyPainted(); });
    map.on("zoomend", declutterLabels);
    const init = cfg.initial || {};
    state.date = dayNumber(init.date);
    state.windowDays = init.windowDays === undefined ? null : init.windowDays;
    state.kinds = init.kinds || null;
    state.parties = init.parties || null;
    state.language = init.language || "en";
    // The page is built at the dataset's view; a restored or snapshot view is set here.
    if (init.keepView && init.center) map.setView(init.center, init.zoom, { animate: false });
    refresh();
    if (init.selected) TM.select(init.selected, { animate: false, frame: !init.keepView });
    if (init.caption) TM.setCaption(init.caption);
    declutterLabels();
    TM.ready = true;
    connectBridge();
  }

  TM.setDate = function (iso) { state.date = dayNumber(iso); refresh(); return paintSerial; };

  TM.setFilters = function (f) {
    state.kinds = f.kinds && f.kinds.length ? f.kinds : null;
    state.parties = f.parties && f.parties.length ? f.parties : null;
    state.windowDays = f.windowDays === undefined ? null : f.windowDays;
    refresh();
    return paintSerial;
  };

  TM.select = function (id, opts) {
    opts = opts || {};
    const ev = id ? byId[id] : null;
    state.selected = ev ? ev.id : null;
    drawSelection(ev);
    if (ev && opts.frame !== false) frameSelection(ev, opts.animate !== false);
    declutterLabels();
    return notifyPainted();
  };

  TM.setView = function (lat, lon, zoom) { map.setView([lat, lon], zoom, { animate: false }); return notifyPainted(); };

  TM.setLanguage = function (lang) {
    state.language = lang;
    drawSelection(state.selected ? byId[state.selected] : null);
    return notifyPainted();
  };

  TM.setCaption = function (caption) {
    const box = captionControl.getContainer();
    box.replaceChildren();
    document.body.classList.toggle("tm-has-caption", !!caption);
    if (!caption) { box.style.display = "none"; return notifyPainted(); }
    box.style.display = "";
    box.appendChild(el("div", "tm-caption-title", caption.title));
    box.appendChild(el("div", "tm-caption-date", caption.date));
    if (caption.event) box.appendChild(el("div", "tm-caption-event", caption.event));
    const legend = el("div", "tm-legend");
    Object.keys(data.kinds).forEach(function (kind) {
      if (caption.kinds && caption.kinds.indexOf(kind) < 0) return;
      const item = el("span", "tm-legend-item");
      const swatch = el("span", "tm-swatch");
      swatch.style.background = own(data.kinds, kind);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(kind));
      legend.appendChild(item);
    });
    box.appendChild(legend);
    box.appendChild(el("div", "tm-caption-credit", caption.credit || cfg.attribution));
    // caption.position: a Leaflet corner, or "auto" for the corner that hides least of the selection.
    const corner = caption.position === "auto" ? quietestCorner(box) : caption.position;
    if (corner && corner !== captionControl.getPosition()) captionControl.setPosition(corner);
    return notifyPainted();
  };

  TM.setInteractive = function (on) {
    ["dragging", "touchZoom", "doubleClickZoom", "scrollWheelZoom", "boxZoom", "keyboard"].forEach(function (h) {
      if (map[h]) { if (on) map[h].enable(); else map[h].disable(); }
    });
  };

  TM.invalidate = function () { map.invalidateSize({ animate: false }); return notifyPainted(); };

  TM.project = function (lat, lon) {
    const p = map.latLngToContainerPoint([lat, lon]);
    return [p.x, p.y];
  };

  /* Snapshot mode: no zoom buttons, and the frame stamp on (see stampFrame). */
  TM.setSnapshotMode = function (on) {
    document.body.classList.toggle("tm-snapshot", !!on);
    return TM.setFrameStamp(on);
  };

  /* The frame stamp alone (a grab of the live view that must be proven current), without snapshot looks. */
  TM.setFrameStamp = function (on) {
    if (on && !frameStamp) {
      frameStamp = el("div", "tm-frame-stamp");
      frameStamp.style.cssText = "position:fixed;left:0;top:0;z-index:100000;pointer-events:none";
      document.body.appendChild(frameStamp);
    } else if (!on && frameStamp) {
      frameStamp.remove();
      frameStamp = null;
    }
    return notifyPainted();
  };

  /* The latest change number (cheap, unlike state()). */
  TM.serial = function () { return paintSerial; };

  /* What a click on the event's marker does (for tests and the benchmark); false if it has no marker. */
  TM.clickMarker = function (id) {
    if (eventCanvas) {
      const ev = byId[id];
      if (!ev || !ev.visible) return false;
      onMarkerClick(id);
      return true;
    }
    if (!markers[id]) return false;
    markers[id].fire("click");
    return true;
  };

  /* The pixel offset of an event's marker from its place (events at one place fan out). */
  TM.markerOffset = function (id) { return (byId[id] && byId[id].offset) || [0, 0]; };

  TM.state = function () {
    const visible = events.filter(function (e) { return e.visible; });
    const c = map.getCenter();
    return {
      ready: TM.ready, bridge: !!bridge, date: new Date(state.date * DAY_MS).toISOString().slice(0, 10),
      selected: state.selected, visibleCount: visible.length,
      visibleIds: visible.length <= 5000 ? visible.map(function (e) { return e.id; }) : null,
      linkArcs: linkLayer.getLayers().filter(function (l) { return l instanceof L.Polyline; }).length,
      linkCount: state.selected ? linkCount : 0,
      capitalLines: capitalLayer.getLayers().length,
      center: [c.lat, c.lng], zoom: map.getZoom(), renderer: cfg.renderer, paintedSerial: TM.paintedSerial || 0,
      serial: paintSerial, size: [map.getSize().x, map.getSize().y], language: state.language
    };
  };
})();
