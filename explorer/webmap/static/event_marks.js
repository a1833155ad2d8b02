/* Treaty Explorer: the marks of old events, rasterised by hand into a pixel buffer (a part of
 * TreatyEventCanvas, event_canvas.js, mixed into it).
 *
 * At 100,000 events most markers are events that ended long ago (the last fade bucket), drawn as small
 * marks of their kind's shape and colour. Filling them as canvas paths costs a microsecond or more each;
 * writing their few pixels into a Uint32Array costs a fraction of that, and the buffer is kept between
 * frames: events are indexed by their last day, so the marks at a date are one prefix of that index and a
 * later date only adds a slice. Copies of the buffer kept along the index bound the work of a jump back.
 */
(function () {
  "use strict";

  const OLD_MARK = 4.5;              // side of an old event's mark, CSS px
  const OLD_ALPHA = 0.6;
  const SNAPSHOT_EVERY = 8000;       // old marks between two kept copies of the buffer ...
  const SNAPSHOT_BYTES = 32 << 20;   // ... as long as they take no more memory than this

  function colourOf(hex) {
    const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || "") || [0, "55", "55", "55"];
    return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
  }

  window.TreatyEventMarks = {
    markSide: OLD_MARK,

    /* --- the old events: marks rasterised into a pixel buffer ------------------------------------------ */

    /* Each kind's mark (side in CSS px) as the pixel offsets (device px) its shape covers. */
    _markMasks: function (sideCss) {
      sideCss = sideCss || OLD_MARK;
      this._marks = this._marks || {};
      if (this._marks[sideCss]) return this._marks[sideCss];
      const dpr = this._dpr, side = Math.max(3, Math.round(sideCss * dpr)), half = side / 2;
      const shapes = this._src.kindShapes, r = sideCss * 0.5 * dpr;
      return (this._marks[sideCss] = shapes.map(function (shape) {
        const dx = [], dy = [];
        for (let y = 0; y < side + 2; y++) {
          for (let x = 0; x < side + 2; x++) {
            if (window.TreatyShapes.contains(shape, x + 0.5 - half - 1, y + 0.5 - half - 1, r)) {
              dx.push(x - Math.floor(half) - 1);
              dy.push(y - Math.floor(half) - 1);
            }
          }
        }
        return { dx: Int8Array.from(dx), dy: Int8Array.from(dy) };
      }));
    },

    /* The old events' marks at the date, as a pixel buffer (returned; drawn by _drawFresh).
     *
     * Old events are indexed by their last day, so the marks at a date are those of one prefix of that
     * index, and a later date only adds marks. The buffer is kept, and so are copies of it taken every
     * `every` marks as it is drawn (a grid over the index, kept until the view or the filters change):
     * any date is then reached from the nearest copy or the buffer itself, whichever is closer, by at most
     * `every` marks forward. */
    _drawOld: function (canvas) {
      const src = this._src;
      const W = canvas.width, H = canvas.height;
      const range = src.oldRange();                // {from, to, key}: byLast positions of the old events
      let st = this._oldState;
      if (!st || st.key !== range.key || st.W !== W || st.H !== H) {
        st = this._oldState = this._newOldState(W, H, range);
      } else if (st.from !== range.from) {
        // A time window moved the start of the range (window mode): the kept copies no longer apply.
        if (st.to !== st.from) st.pixels.fill(0);
        st.from = st.to = range.from;
        st.snapshots = [];
        st.filler = null;
      }
      const t0 = performance.now();
      const every = st.every = Math.max(SNAPSHOT_EVERY, Math.ceil((src.n * W * H * 4) / SNAPSHOT_BYTES));
      const target = range.to;
      // The nearest kept copy at or before the target, if it is nearer than the buffer as it is.
      let k = Math.floor((target - st.from) / every);
      while (k > 0 && !st.snapshots[k]) k--;
      const copyAt = k > 0 ? st.from + k * every : st.from;
      if (st.to > target || copyAt > st.to) {
        if (k > 0) st.pixels.set(st.snapshots[k]);
        else { st.pixels.fill(0); if (st.to > target) this.stats.fullRebuilds++; }
        st.to = copyAt;
      }
      // The first drawing of a new buffer (after the view moved: a selection framed, a pan; or the filters
      // changed) leaves its copies to the page's idle time: a copy is the whole buffer, 1.2 ms each at
      // 100,000 events, up to ten of them. Later drawings (date steps, a drag, a jump back) take theirs at
      // once: a drag going back needs them.
      const later = st.fresh && target - st.to > every && !!window.requestIdleCallback;
      st.fresh = false;
      while (st.to < target) {
        const next = Math.min(target, st.from + (Math.floor((st.to - st.from) / every) + 1) * every);
        this._rasterise(st.pixels, st.to, next, W, H);
        st.to = next;
        const grid = (next - st.from) / every;
        if (!later && grid === Math.floor(grid) && !st.snapshots[grid]) st.snapshots[grid] = st.pixels.slice();
      }
      if (later) this._copyLater(st);
      this.stats.oldMarks = Math.max(0, range.to - range.from);
      this.stats.oldMs = performance.now() - t0;
      return st.pixels;
    },

    _newOldState: function (W, H, range) {
      return { key: range.key, from: range.from, to: range.from, W: W, H: H, pixels: new Uint32Array(W * H),
               snapshots: [], filler: null, fresh: true };
    },

    /* Take the grid's missing copies up to the buffer's position in idle time: the marks drawn again, in
     * the same slices as the buffer was, into a buffer of the filler's own (the same pixels: blending is
     * in index order). Given up as soon as the buffer starts again (another view, filters or window). */
    _copyLater: function (st) {
      if (st.filler) return;
      const filler = st.filler = { pixels: new Uint32Array(st.W * st.H), to: st.from }, every = st.every;
      const step = function (deadline) {
        if (this._oldState !== st || st.filler !== filler) return;
        // One slice an idle callback (3 ms at 100,000 events): an update arriving meanwhile (the end of a
        // drag) waits for no more than that.
        if (filler.to + every <= st.to && deadline.timeRemaining() > 4) {
          const next = filler.to + every, grid = (next - st.from) / every;
          this._rasterise(filler.pixels, filler.to, next, st.W, st.H);
          filler.to = next;
          if (!st.snapshots[grid]) st.snapshots[grid] = filler.pixels.slice();
        }
        if (filler.to + every <= st.to) {
          window.requestIdleCallback(step);
        } else {
          st.filler = null;
        }
      }.bind(this);
      window.requestIdleCallback(step);
    },

    /* Blend the marks of the old events byLast[from..to) into pixels (straight-alpha RGBA, little-endian). */
    _rasterise: function (pixels, from, to, W, H) {
      if (to <= from) return;
      const src = this._src;
      this._blendMarks(pixels, src.byLast, from, to, W, H, this._markMasks(), OLD_ALPHA, src.cols.accepted);
    },

    /* Blend a mark of each event's kind (mask offsets) at alpha sa for index[from..to) into pixels. The
     * hot loop of the page at scale: integer pixel positions, no calls, one division per blended pixel. */
    _blendMarks: function (pixels, index, from, to, W, H, masks, sa, accepted) {
      const kind = this._src.cols.kind, colours = this._colours();
      const px = this._px, py = this._py, dpr = this._dpr, ox = this._origin.x, oy = this._origin.y;
      const a255 = Math.round(sa * 255), keep = 1 - sa;
      const packed = colours.map(function (c) { return ((a255 << 24) | (c[2] << 16) | (c[1] << 8) | c[0]) >>> 0; });
      for (let k = from; k < to; k++) {
        const i = index[k];
        if (accepted && !accepted[i]) continue;
        const cx = ((px[i] - ox) * dpr + 0.5) | 0, cy = ((py[i] - oy) * dpr + 0.5) | 0;
        if (cx < -8 || cy < -8 || cx > W + 8 || cy > H + 8) continue;
        const kd = kind[i], mask = masks[kd], mdx = mask.dx, mdy = mask.dy, value = packed[kd], c = colours[kd];
        const c0 = c[0] * sa, c1 = c[1] * sa, c2 = c[2] * sa;
        for (let m = 0; m < mdx.length; m++) {
          const x = cx + mdx[m], y = cy + mdy[m];
          if (x < 0 || y < 0 || x >= W || y >= H) continue;
          const at = y * W + x, dst = pixels[at];
          if (dst === 0) { pixels[at] = value; continue; }
          // Source over destination, straight alpha.
          const wd = (dst >>> 24) * (keep / 255), oa = sa + wd, inv = 1 / oa;
          pixels[at] = (((oa * 255 + 0.5) << 24) | (((c2 + ((dst >>> 16) & 255) * wd) * inv + 0.5) << 16) |
                        (((c1 + ((dst >>> 8) & 255) * wd) * inv + 0.5) << 8) | ((c0 + (dst & 255) * wd) * inv + 0.5)) >>> 0;
        }
      }
    },

    _colours: function () {
      if (!this._rgb) this._rgb = this._src.kindColors.map(colourOf);
      return this._rgb;
    }
  };
})();
