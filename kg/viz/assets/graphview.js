// A small canvas view of a graph whose positions are fixed: pan, zoom, hover, click, select.
// Nodes are drawn one path per class (shape and colour), so 20,000 of them take a few ms; the
// page draws the edges under them (`beforeDrawing`) and the labels over them (`afterDrawing`).
// The method names follow vis-network's, which the page used before.
(function () {
  "use strict";
  const SHAPES = {
    dot: (p, x, y, r) => { p.moveTo(x + r, y); p.arc(x, y, r, 0, 2 * Math.PI); },
    square: (p, x, y, r) => { p.rect(x - r, y - r, 2 * r, 2 * r); },
    triangle: (p, x, y, r) => poly(p, x, y, r, 3, -Math.PI / 2),
    triangleDown: (p, x, y, r) => poly(p, x, y, r, 3, Math.PI / 2),
    diamond: (p, x, y, r) => poly(p, x, y, r * 1.15, 4, -Math.PI / 2),
    hexagon: (p, x, y, r) => poly(p, x, y, r, 6, 0),
    star: (p, x, y, r) => {
      for (let k = 0; k < 10; k++) {
        const a = -Math.PI / 2 + k * Math.PI / 5, q = k % 2 ? r * 0.45 : r * 1.1;
        if (k) p.lineTo(x + q * Math.cos(a), y + q * Math.sin(a)); else p.moveTo(x + q * Math.cos(a), y + q * Math.sin(a));
      }
      p.closePath();
    },
  };
  function poly(p, x, y, r, n, start) {
    for (let k = 0; k < n; k++) {
      const a = start + 2 * Math.PI * k / n;
      if (k) p.lineTo(x + r * Math.cos(a), y + r * Math.sin(a)); else p.moveTo(x + r * Math.cos(a), y + r * Math.sin(a));
    }
    p.closePath();
  }
  const CELL = 120;   // the hit-test grid, in canvas units

  class GraphView {
    // nodes: [{x, y, r, shape, color}]; shown(i): whether node i is drawn now.
    constructor(container, nodes, shown) {
      this.container = container;
      this.nodes = nodes;
      this.shown = shown;
      this.canvas = document.createElement("canvas");
      this.canvas.style.display = "block";
      container.appendChild(this.canvas);
      this.scale = 1; this.tx = 0; this.ty = 0;
      this.selected = new Set();
      this.hovered = null;
      this.handlers = {};
      this.pending = false;
      this.grid = new Map();
      const groups = new Map();   // one path per colour and shape: its index for each node
      this.group = Int32Array.from(nodes, (n) => {
        const key = n.color + "|" + n.shape;
        if (!groups.has(key)) groups.set(key, groups.size);
        return groups.get(key);
      });
      this.groupOf = [...groups.keys()].map((key) => ({ color: key.split("|")[0], shape: key.split("|")[1] }));
      nodes.forEach((n, i) => {
        const key = Math.floor(n.x / CELL) + "," + Math.floor(n.y / CELL);
        if (!this.grid.has(key)) this.grid.set(key, []);
        this.grid.get(key).push(i);
      });
      this.resize();
      new ResizeObserver(() => { const c = this.getViewPosition(); this.resize(); this.centreOn(c); this.redraw(); })
        .observe(container);
      this.listen();
      this.requestRedraw();
    }
    on(name, fn) { (this.handlers[name] = this.handlers[name] || []).push(fn); }
    emit(name, arg) { (this.handlers[name] || []).forEach((fn) => fn(arg)); }
    get width() { return this.container.clientWidth; }
    get height() { return this.container.clientHeight; }
    resize() {
      this.ratio = window.devicePixelRatio || 1;
      this.canvas.width = Math.max(1, Math.round(this.width * this.ratio));
      this.canvas.height = Math.max(1, Math.round(this.height * this.ratio));
      this.canvas.style.width = this.width + "px";
      this.canvas.style.height = this.height + "px";
    }

    // ---- the view ----
    canvasToDOM(p) { return { x: p.x * this.scale + this.tx, y: p.y * this.scale + this.ty }; }
    DOMtoCanvas(p) { return { x: (p.x - this.tx) / this.scale, y: (p.y - this.ty) / this.scale }; }
    getScale() { return this.scale; }
    getViewPosition() { return this.DOMtoCanvas({ x: this.width / 2, y: this.height / 2 }); }
    centreOn(p) { this.tx = this.width / 2 - p.x * this.scale; this.ty = this.height / 2 - p.y * this.scale; }
    moveTo(o) {
      const centre = o.position || this.getViewPosition();
      if (o.scale) this.scale = o.scale;
      this.centreOn(centre);
      this.requestRedraw();
    }
    fit(o) {
      const ids = (o && o.nodes) || this.nodes.map((_, i) => i).filter(this.shown);
      if (!ids.length) return;
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      ids.forEach((i) => {
        const n = this.nodes[i];
        x0 = Math.min(x0, n.x - n.r); y0 = Math.min(y0, n.y - n.r);
        x1 = Math.max(x1, n.x + n.r); y1 = Math.max(y1, n.y + n.r);
      });
      const s = Math.min((this.width - 160) / Math.max(x1 - x0, 1), (this.height - 80) / Math.max(y1 - y0, 1));  // room for the labels at the edges
      this.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: Math.max(Math.min(s, 1.0), 0.002) });
    }
    focus(i, o) { this.moveTo({ position: { x: this.nodes[i].x, y: this.nodes[i].y }, scale: (o && o.scale) || this.scale }); }
    getPositions(ids) {
      const out = {};
      ids.forEach((i) => { out[i] = { x: this.nodes[i].x, y: this.nodes[i].y }; });
      return out;
    }
    selectNodes(ids) { this.selected = new Set(ids); this.requestRedraw(); }
    getSelectedNodes() { return [...this.selected]; }
    getNodeAt(dom) {
      const c = this.DOMtoCanvas(dom), slack = 3 / this.scale;
      const gx = Math.floor(c.x / CELL), gy = Math.floor(c.y / CELL);
      let best = null, bestD = Infinity;
      for (let x = gx - 1; x <= gx + 1; x++) {
        for (let y = gy - 1; y <= gy + 1; y++) {
          for (const i of this.grid.get(x + "," + y) || []) {
            const n = this.nodes[i], d = Math.hypot(n.x - c.x, n.y - c.y);
            if (d <= n.r + slack && d < bestD && this.shown(i)) { best = i; bestD = d; }
          }
        }
      }
      return best;
    }

    // ---- drawing ----
    requestRedraw() {
      if (this.pending) return;
      this.pending = true;
      requestAnimationFrame(() => { this.pending = false; this.redraw(); });
    }
    redraw() {
      const ctx = this.canvas.getContext("2d"), s = this.scale;
      ctx.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
      ctx.clearRect(0, 0, this.width, this.height);
      ctx.save();
      ctx.translate(this.tx, this.ty);
      ctx.scale(s, s);
      this.emit("beforeDrawing", ctx);
      this.drawNodes(ctx);
      ctx.restore();
      this.emit("afterDrawing", ctx);
    }
    drawNodes(ctx) {
      const s = this.scale, lo = this.DOMtoCanvas({ x: 0, y: 0 }), hi = this.DOMtoCanvas({ x: this.width, y: this.height });
      const tiny = 1.2 / s, marked = [];
      const groups = this.groupOf.map((g) => ({ color: g.color, path: new Path2D(), big: false }));
      this.nodes.forEach((n, i) => {
        if (n.x + n.r < lo.x || n.x - n.r > hi.x || n.y + n.r < lo.y || n.y - n.r > hi.y || !this.shown(i)) return;
        const g = groups[this.group[i]];
        if (n.r < tiny) g.path.rect(n.x - tiny, n.y - tiny, 2 * tiny, 2 * tiny);
        else { (SHAPES[n.shape] || SHAPES.dot)(g.path, n.x, n.y, n.r); g.big = g.big || n.r * s >= 3; }
        if (this.selected.has(i) || this.hovered === i) marked.push(i);
      });
      ctx.lineWidth = 1 / s;
      ctx.strokeStyle = "#4b5563";
      groups.forEach((g) => {
        ctx.fillStyle = g.color;
        ctx.fill(g.path);
        if (g.big) ctx.stroke(g.path);
      });
      if (marked.length) {
        const p = new Path2D();
        marked.forEach((i) => { const n = this.nodes[i]; (SHAPES[n.shape] || SHAPES.dot)(p, n.x, n.y, Math.max(n.r, tiny)); });
        ctx.lineWidth = 2.5 / s;
        ctx.strokeStyle = "#111";
        ctx.stroke(p);
      }
    }

    // ---- the mouse ----
    pointer(ev) {
      const r = this.canvas.getBoundingClientRect();
      return { x: ev.clientX - r.left, y: ev.clientY - r.top };
    }
    listen() {
      const c = this.canvas;
      let down = null, dragging = false;
      c.addEventListener("mousedown", (ev) => { down = { p: this.pointer(ev), tx: this.tx, ty: this.ty }; dragging = false; });
      window.addEventListener("mousemove", (ev) => {
        if (!down) return;
        const p = this.pointer(ev);
        if (!dragging && Math.hypot(p.x - down.p.x, p.y - down.p.y) > 3) { dragging = true; this.emit("dragStart"); }
        if (dragging) { this.tx = down.tx + p.x - down.p.x; this.ty = down.ty + p.y - down.p.y; this.requestRedraw(); }
      });
      window.addEventListener("mouseup", (ev) => {
        if (!down) return;
        const p = this.pointer(ev), wasDrag = dragging;
        down = null; dragging = false;
        if (wasDrag) return;
        const hit = this.getNodeAt(p);
        this.selectNodes(hit === null ? [] : [hit]);
        this.emit("click", { nodes: hit === null ? [] : [hit], pointer: { DOM: p } });
      });
      c.addEventListener("mousemove", (ev) => {
        if (down) return;
        const p = this.pointer(ev), hit = this.getNodeAt(p);
        if (hit === this.hovered) return;
        if (this.hovered !== null) this.emit("blurNode", { node: this.hovered });
        this.hovered = hit;
        c.style.cursor = hit === null ? "default" : "pointer";
        if (hit !== null) this.emit("hoverNode", { node: hit, pointer: { DOM: p } });
        this.requestRedraw();
      });
      c.addEventListener("mouseleave", () => {
        if (this.hovered !== null) { this.emit("blurNode", { node: this.hovered }); this.hovered = null; this.requestRedraw(); }
      });
      c.addEventListener("wheel", (ev) => {
        ev.preventDefault();
        const p = this.pointer(ev), before = this.DOMtoCanvas(p);
        this.scale = Math.min(Math.max(this.scale * Math.exp(-ev.deltaY * 0.0015), 0.002), 8);
        this.tx = p.x - before.x * this.scale;
        this.ty = p.y - before.y * this.scale;
        this.emit("zoom");
        this.requestRedraw();
      }, { passive: false });
    }
  }
  window.KgGraphView = GraphView;
})();
