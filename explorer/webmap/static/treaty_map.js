/* Treaty Explorer map page, core: boot, the page's state, painting reports, the bridge and the public API.
 *
 * Python drives the page with one call per change, TreatyMap.update({date, selected, filters, language,
 * camera}) with JSON arguments; the page answers over Qt's QWebChannel (bridge.pageReady, eventClicked,
 * cameraChanged, painted). Event texts are data: they reach the DOM only through textContent, never as
 * markup. The rest of the page is in the tm_*.js files, which add their parts to the page's internals
 * (TreatyMap._, "P" in every file): tm_layers (base map, places, event markers), tm_selection (links and
 * framing), tm_labels (label placement), tm_caption (the caption block).
 */
(function () {
  "use strict";

  const TM = { ready: false };
  window.TreatyMap = TM;

  /* Leaflet 1.9 goes over every SVG path of a renderer in three passes for one view set without animation
   * (zoomend projects them all, moveend updates them all, viewreset projects and updates them all again):
   * a selection framed without a flight, a kiosk reset, each snapshot. A path's projection depends only
   * on the zoom and the pixel origin, its update on those and the renderer's bounds, so a pass over all
   * the paths is left out when what it depends on is what the last such pass had. A path added, moved
   * or restyled is still drawn by Leaflet on its own. */
  (function () {
    const svg = L.SVG.prototype, base = L.Renderer.prototype;
    function projection(renderer) {
      const map = renderer._map, origin = map.getPixelOrigin();
      return map.getZoom() + ":" + origin.x + ":" + origin.y;
    }
    svg._onZoomEnd = function () {
      const key = projection(this);
      if (key === this._tmProjected) return;
      base._onZoomEnd.call(this);
      this._tmProjected = key;
    };
    svg._updatePaths = function () {
      const b = this._bounds;
      const key = this._tmProjected + "|" + projection(this) + "|" +
                  b.min.x + ":" + b.min.y + ":" + b.max.x + ":" + b.max.y;
      if (key === this._tmUpdated) return;
      base._updatePaths.call(this);
      this._tmUpdated = key;
    };
    svg._reset = function () {
      this._update();                              // its "update" event: _updatePaths
      this._updateTransform(this._center, this._zoom);
      this._onZoomEnd();
      this._updatePaths();
    };
  })();

  /* The page's internals, shared by its files. */
  const P = TM._ = {
    DAY_MS: 86400000,
    map: null, cfg: null, data: null, canvas: null, bridge: null,
    // Tables keyed by dataset ids have no prototype: an id such as "constructor" or "__proto__" is only a key.
    events: [], byId: Object.create(null), placeById: Object.create(null), markers: Object.create(null),
    state: { date: 0, selected: null, windowDays: null, kinds: null, parties: null, language: "en",
             borders: "period" },
    minorPlaces: [], eventCanvas: null,      // above the canvas threshold one layer draws every marker
    paintSerial: 0, linkCount: 0,
    strings: {},                             // every word the page shows, from Python (webmap/page_strings.py)
    // The other files' parts: run once the map is built and the start state set (initHooks), and with
    // each update after the date and filters, before a new selection is drawn and framed (updateHooks).
    initHooks: [], updateHooks: []
  };

  P.dayNumber = function (iso) {
    const p = iso.split("-").map(Number);
    return Math.floor(Date.UTC(p[0], (p[1] || 1) - 1, p[2] || 1) / P.DAY_MS);
  };

  P.table = function () { return Object.create(null); };

  /* obj[key] if obj has it as its own property (parsed JSON objects inherit "constructor" and friends). */
  P.own = function (obj, key) { return obj && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined; };

  P.el = function (tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  /* A JSON document the boot block points at: a block in this page (standalone) or a file of the app's
   * scheme. Either way it is parsed as JSON, never run. */
  function loadJson(ref) {
    if (ref.element) return Promise.resolve(JSON.parse(document.getElementById(ref.element).textContent));
    return fetch(ref.url).then(function (response) {
      if (!response.ok) throw new Error(ref.url + ": " + response.status);
      return response.json();
    });
  }

  P.loadJson = loadJson;

  /* The page data (explorer/webmap/page_data.py): its JSON head with the numeric columns as Int32Arrays.
   * The app serves it in binary form (a length, the head, then the columns as little-endian int32: read
   * as views of the buffer, not parsed); a standalone page carries it as JSON with the columns as lists. */
  function loadPageData(ref) {
    if (!ref.binary) {
      return loadJson(ref).then(function (data) {
        Object.keys(data.columns).forEach(function (name) { data.columns[name] = Int32Array.from(data.columns[name]); });
        return data;
      });
    }
    return fetch(ref.url).then(function (response) {
      if (!response.ok) throw new Error(ref.url + ": " + response.status);
      return response.arrayBuffer();
    }).then(function (buffer) {
      const headLength = new DataView(buffer).getUint32(0, true);
      const data = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headLength)));
      let at = 4 + headLength;
      data.columns = {};
      data.columnOrder.forEach(function (entry) {
        data.columns[entry[0]] = new Int32Array(buffer, at, entry[1]);
        at += 4 * entry[1];
      });
      return data;
    });
  }

  /* --- painting and the bridge --------------------------------------------------------------------- */

  /* A task posted from an animation-frame callback runs right after that frame is painted: one frame of
   * latency, where a second requestAnimationFrame would wait a whole extra frame. */
  const afterPaint = new MessageChannel();
  let paintPending = false;
  afterPaint.port1.onmessage = function (message) {
    TM.paintedSerial = Math.max(TM.paintedSerial || 0, message.data);
    if (P.bridge && P.bridge.painted) P.bridge.painted(TM.paintedSerial);
  };

  /* The frame stamp: one device pixel in the top-left corner carries the change number as its colour, so an
   * image grabbed from the view proves which change it shows (a grab can lag the page's painted report). */
  let frameStamp = null;
  function stampFrame(serial) {
    const side = (1 / (window.devicePixelRatio || 1)) + "px";     // the page zoom changes the ratio
    frameStamp.style.width = frameStamp.style.height = side;
    frameStamp.style.background = "rgb(" + ((serial >> 16) & 255) + "," + ((serial >> 8) & 255) + "," +
                                  (serial & 255) + ")";
  }

  /* A new change number for what the page now shows; reported once the frame showing it is painted. */
  P.notifyPainted = function () {
    const serial = ++P.paintSerial;
    if (frameStamp) stampFrame(serial);
    // Changes within one frame share its report, which carries the latest serial drawn in that frame.
    if (!paintPending) {
      paintPending = true;
      requestAnimationFrame(function () {
        paintPending = false;
        afterPaint.port2.postMessage(P.paintSerial);
      });
    }
    return serial;
  };

  function connectBridge() {
    if (!P.cfg.bridge || typeof QWebChannel === "undefined" || !window.qt || !qt.webChannelTransport) return;
    new QWebChannel(qt.webChannelTransport, function (channel) {
      P.bridge = channel.objects.bridge;
      if (!P.bridge) return;
      P.bridge.pageReady();
      reportCamera();
      // Frames painted before the channel was up were not reported: report the latest now.
      if (TM.paintedSerial) P.bridge.painted(TM.paintedSerial);
    });
  }

  /* The camera is Python's to know (the state holds it): each move is reported once it has settled. */
  const CAMERA_SETTLE_MS = 120;
  let cameraTimer = null;
  function reportCamera() {
    if (!P.bridge || !P.bridge.cameraChanged) return;
    const c = P.map.getCenter();
    P.bridge.cameraChanged(c.lat, c.lng, P.map.getZoom());
  }

  /* A move the page made itself (a drag, a zoom, a flight to a selection) is a change of its own; a move
   * inside an update (framing without animation) is part of that update's one change number. */
  let updating = false;
  function onMoveEnd() {
    if (!updating) {
      P.declutterLabels();
      P.notifyPainted();
    }
    if (cameraTimer) clearTimeout(cameraTimer);
    cameraTimer = setTimeout(function () { cameraTimer = null; reportCamera(); }, CAMERA_SETTLE_MS);
  }

  /* --- start ----------------------------------------------------------------------------------------- */

  /* Start the page on folium's map: the base map first (painted as soon as it is in), the events as soon
   * as their data has arrived (fetched meanwhile); the bridge reports the page ready once both are. */
  TM.start = function (leafletMap) {
    const boot = JSON.parse(document.getElementById("tm-boot").textContent);
    const times = P.startTimes = { start: performance.now() };
    const data = loadPageData(boot.data).then(function (pageData) { times.dataIn = performance.now(); return pageData; });
    Promise.all(boot.basemaps.map(loadJson)).then(function (basemaps) {
      initMap(leafletMap, boot, basemaps);
      times.baseMap = performance.now();
      return data;
    }).then(function (pageData) {
      initEvents(pageData);
      times.events = performance.now();
    }).catch(function (error) {
      console.error("the map page could not load its data: " + error);
    });
  };

  function initMap(leafletMap, config, basemaps) {
    const map = P.map = leafletMap;
    P.cfg = config;
    P.strings = config.strings || {};
    // The base map is drawn before the events' data is in: it needs the borders asked for already.
    P.state.borders = (config.initial || {}).borders || "period";
    map.setView(P.cfg.view.center, P.cfg.view.zoom, { animate: false });
    P.canvas = P.cfg.renderer === "canvas" ? L.canvas({ padding: 0.3 }) : null;
    document.body.classList.add("tm-page");
    P.addBaseMap(basemaps);
    const start = P.cfg.initial || {};
    if (start.keepView && start.center) map.setView(start.center, start.zoom, { animate: false });
    P.notifyPainted();
  }

  function initEvents(pageData) {
    const map = P.map;
    P.data = pageData;
    P.addPlaces();
    P.addEvents();
    P.indexLinks();
    P.linkLayer = L.layerGroup().addTo(map);
    P.capitalLayer = L.layerGroup().addTo(map);
    P.highlightLayer = L.layerGroup().addTo(map);
    P.addCaption();
    const updateZoomClass = function () {
      map.getContainer().classList.toggle("tm-zoom-low", map.getZoom() < 5);
    };
    map.on("zoomend", updateZoomClass);
    updateZoomClass();
    map.on("moveend", onMoveEnd);
    map.on("zoomend", P.declutterLabels);
    const start = P.cfg.initial || {};
    const state = P.state;
    state.date = P.dayNumber(start.date);
    state.windowDays = start.windowDays === undefined ? null : start.windowDays;
    state.kinds = start.kinds || null;
    state.parties = start.parties || null;
    state.language = start.language || "en";
    state.borders = start.borders || "period";
    P.initHooks.forEach(function (hook) { hook(); });
    P.refresh(true);
    // The caption first: framing the selection keeps clear of it.
    if (start.caption) TM.setCaption(start.caption);
    if (start.selected) TM.select(start.selected, { animate: false, frame: !start.keepView });
    P.declutterLabels();
    P.notifyPainted();
    TM.ready = true;
    connectBridge();
  }

  /* --- public API (called from Python with JSON arguments) ----------------------------------------- */

  /* One change of the app's state, applied as one page update (one change number, one painted report):
   * any of {date, filters: {kinds, parties, windowDays}, language, strings, borders, selected, animate,
   * camera: [lat, lon, zoom]}. A new selection is framed unless the same change sets the camera. */
  TM.update = function (change) {
    updating = true;
    try {
      applyUpdate(change);
    } finally {
      updating = false;
    }
    P.declutterLabels();
    return P.notifyPainted();
  };

  function applyUpdate(change) {
    const state = P.state;
    if (change.filters) {
      const f = change.filters;
      state.kinds = f.kinds && f.kinds.length ? f.kinds : null;
      state.parties = f.parties && f.parties.length ? f.parties : null;
      state.windowDays = f.windowDays === undefined ? null : f.windowDays;
    }
    if (change.date) state.date = P.dayNumber(change.date);
    if (change.filters || change.date) P.refresh(!!change.filters);
    if (change.language !== undefined) state.language = change.language;
    if (change.strings) P.strings = change.strings;
    if (change.borders !== undefined) state.borders = change.borders;
    P.updateHooks.forEach(function (hook) { hook(change); });
    if (change.selected !== undefined) {
      const ev = change.selected ? P.byId[change.selected] : null;
      state.selected = ev ? ev.id : null;
      P.drawSelection(ev);
      if (ev && !change.camera) P.frameSelection(ev, change.animate !== false);
    } else if (change.language !== undefined) {
      P.drawSelection(state.selected ? P.byId[state.selected] : null);
    }
    if (change.camera) P.map.setView([change.camera[0], change.camera[1]], change.camera[2], { animate: false });
  }

  TM.setDate = function (iso) { return TM.update({ date: iso }); };

  TM.setFilters = function (f) { return TM.update({ filters: f }); };

  TM.select = function (id, opts) {
    opts = opts || {};
    const ev = id ? P.byId[id] : null;
    P.state.selected = ev ? ev.id : null;
    P.drawSelection(ev);
    if (ev && opts.frame !== false) P.frameSelection(ev, opts.animate !== false);
    P.declutterLabels();
    return P.notifyPainted();
  };

  TM.setView = function (lat, lon, zoom) { P.map.setView([lat, lon], zoom, { animate: false }); return P.notifyPainted(); };

  TM.setLanguage = function (lang) { return TM.update({ language: lang }); };

  TM.setInteractive = function (on) {
    ["dragging", "touchZoom", "doubleClickZoom", "scrollWheelZoom", "boxZoom", "keyboard"].forEach(function (h) {
      if (P.map[h]) { if (on) P.map[h].enable(); else P.map[h].disable(); }
    });
  };

  TM.invalidate = function () { P.map.invalidateSize({ animate: false }); return P.notifyPainted(); };

  TM.project = function (lat, lon) {
    const p = P.map.latLngToContainerPoint([lat, lon]);
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
      frameStamp = P.el("div", "tm-frame-stamp");
      frameStamp.style.cssText = "position:fixed;left:0;top:0;z-index:100000;pointer-events:none";
      document.body.appendChild(frameStamp);
    } else if (!on && frameStamp) {
      frameStamp.remove();
      frameStamp = null;
    }
    return P.notifyPainted();
  };

  /* The latest change number (cheap, unlike state()). */
  TM.serial = function () { return P.paintSerial; };

  /* What a click on the event's marker does (for tests and the benchmark); false if it has no marker. */
  TM.clickMarker = function (id) {
    if (P.eventCanvas) {
      const ev = P.byId[id];
      if (!ev || !ev.visible) return false;
      P.onMarkerClick(id);
      return true;
    }
    if (!P.markers[id]) return false;
    P.markers[id].fire("click");
    return true;
  };

  /* The pixel offset of an event's marker from its place (events at one place fan out). */
  TM.markerOffset = function (id) { return (P.byId[id] && P.byId[id].offset) || [0, 0]; };

  /* Extra pixels around each marker that still count as a hit (a kiosk's fingers are wider than a mouse). */
  TM.setHitSlop = function (px) { P.setHitSlop(Math.max(0, +px || 0)); };

  /* When the page started, had its base map painted, had its data in and its events drawn (ms since the
   * page's own start: its performance.now()). */
  TM.startTimes = function () { return Object.assign({}, P.startTimes); };

  /* What the event canvas drew last (marks per layer, full rebuilds of the old layer, milliseconds). */
  TM.drawStats = function () { return P.eventCanvas ? Object.assign({}, P.eventCanvas.stats) : null; };

  TM.state = function () {
    const visible = P.visibleIndexes();
    const map = P.map, c = map.getCenter(), state = P.state;
    return {
      ready: TM.ready, bridge: !!P.bridge, date: new Date(state.date * P.DAY_MS).toISOString().slice(0, 10),
      selected: state.selected, visibleCount: visible.length,
      visibleIds: visible.length <= 5000 ? visible.map(function (i) { return P.text.id[i]; }) : null,
      linkArcs: P.linkLayer.getLayers().filter(function (l) { return l instanceof L.Polyline; }).length,
      linkCount: state.selected ? P.linkCount : 0,
      capitalLines: P.capitalLayer.getLayers().length,
      center: [c.lat, c.lng], zoom: map.getZoom(), renderer: P.cfg.renderer, paintedSerial: TM.paintedSerial || 0,
      serial: P.paintSerial, size: [map.getSize().x, map.getSize().y], language: state.language
    };
  };
})();
