// The graph page. Every string from the graph comes from the JSON block and is shown with
// textContent, or drawn on the canvas with fillText; nothing is ever parsed as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const $ = (id) => document.getElementById(id);
  const nodes = data.nodes, edges = data.edges, facts = data.facts, articles = data.articles;
  const meta = data.meta, index = data.index || [];
  const classInfo = new Map(data.classes.map((c) => [c.name, c]));
  const predInfo = new Map(data.predicates.map((p) => [p.name, p]));
  const ARTICLE_LINKS = new Set(["mentions", "author", "interviewee"]);
  const POSTS = new Set(["leads", "memberOf"]);
  const off = new Set(meta.off || []);
  const shownClasses = new Set([...classInfo.keys()].filter((c) => !off.has(c)));
  const shownPreds = new Set([...predInfo.keys()].filter((p) => !(off.size && ARTICLE_LINKS.has(p))));
  const revealed = new Set();   // nodes of a hidden class shown because they were looked for
  const SYMBOL = { dot: "●", square: "■", triangle: "▲", triangleDown: "▼", diamond: "◆",
                   star: "★", hexagon: "⬢" };
  const FACE = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", ' +
               '"WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif';
  const incident = nodes.map(() => []);
  edges.forEach((e) => { incident[e.f].push(e); if (e.t !== e.f) incident[e.t].push(e); });

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function add(parent, ...children) { children.forEach((c) => parent.appendChild(c)); return parent; }
  function clsName(c) { const i = classInfo.get(c); return i ? i.zh + " " + c : c; }
  function predName(p) { const i = predInfo.get(p); return i ? i.zh : p; }
  function shortLabel(text, most) {  // long headlines are cut on the canvas, whole in the panel
    const chars = Array.from(text);
    return chars.length > most ? chars.slice(0, most - 1).join("") + "…" : text;
  }

  // ---- fonts -------------------------------------------------------------------------
  // Without a Chinese font every character is drawn as the same box: two different
  // characters then give the same pixels.
  function glyphs(text) {
    const c = document.createElement("canvas");
    c.width = 48; c.height = 24;
    const ctx = c.getContext("2d");
    ctx.font = "18px " + FACE;
    ctx.fillText(text, 2, 19);
    return Array.from(ctx.getImageData(0, 0, 48, 24).data).join(",");
  }
  const cjkMissing = glyphs("中") === glyphs("国") || glyphs("中") === glyphs("\u0378");
  document.body.dataset.cjk = cjkMissing ? "missing" : "ok";
  if (cjkMissing) {
    const p = $("fontnotice");
    add(p, el("strong", "这台电脑没有中文字体，汉字会显示为方框。"),
        el("span", " This computer has no Chinese font. Install one, e.g. on Debian/Ubuntu: "),
        el("code", "sudo apt-get install fonts-noto-cjk"),
        el("span", "（Fedora: google-noto-sans-cjk-fonts；Arch: noto-fonts-cjk），然后重新打开本页。"));
    p.hidden = false;
  }
  // ---- header and notices (before the network is made: they take room from it) -------------------------------------------------------------
  document.title = meta.title;
  $("title").textContent = meta.title;
  const notice = $("notice"), notes = [];
  if (meta.tree) notes.push("组织树：" + meta.focus.join("、") + "（自上而下：位于、隶属；领导与成员在机构右侧）。");
  else if (meta.focus && meta.focus.length) notes.push("焦点：" + meta.focus.join("、") + "（" + meta.hops + " 跳以内）。");
  if (meta.classes) notes.push("只含类别：" + meta.classes.join(", ") + "。");
  const dropped = (meta.left_out || []).filter((r) => r[2] > 0);
  if (meta.omitted > 0) {
    notes.push("本页画出参与事实最多的 " + meta.shown + " 个节点，省略 " + meta.omitted + " 个（" +
               dropped.map((r) => r[1] + " " + r[2]).join("、") + "）。");
  }
  if (meta.articles_hidden) notes.push("文章与“提及”默认隐藏（" + meta.hidden + " 篇在页内）。");
  if (notes.length) {
    notice.appendChild(el("span", notes.join(" ")));
    if (meta.articles_hidden) {
      const toggle = el("button", "显示文章");
      toggle.type = "button";
      toggle.id = "toggle-articles";
      toggle.addEventListener("click", () => {
        const on = toggle.textContent === "显示文章";
        showArticles(on);
        toggle.textContent = on ? "隐藏文章" : "显示文章";
      });
      notice.appendChild(toggle);
    }
    if (meta.omitted > 0) {
      notice.appendChild(el("span", " 搜索框搜索全图（也找未画出的）；只看一处："));
      notice.appendChild(el("code", "kg viz OUT --focus 名称 --hops 2"));
      notice.appendChild(el("span", " 或 "));
      notice.appendChild(el("code", "--class Person,GovernmentBody"));
    }
    notice.hidden = false;
  }
  // ---- the network -------------------------------------------------------------------
  // vis-network draws the nodes and edges; the labels are drawn by this page, after it, at a
  // fixed size on the screen (never smaller than LABEL_PX), the most important first, each
  // one only where it overlaps no label already placed. Zooming in makes room for more.
  const LEGIBLE = 0.75, FOCUS_SCALE = 1.0, LABEL_PX = 13, EDGE_LABEL_PX = 12;
  const EDGE_LABEL_SCALE = 1.3, MAX_LABELS = 300, MAX_TRIED = 1500, MAX_EDGE_LABELS = 150;
  const importance = nodes.map((n) => (n.c === "Article" ? 0.1 * n.d : 4 * n.f + n.m + 0.5 * n.d));
  const order = nodes.map((n) => n.id).sort((a, b) => importance[b] - importance[a] || a - b);
  const rankOf = new Int32Array(nodes.length);
  order.forEach((id, k) => { rankOf[id] = k; });
  function radius(n) {
    return n.c === "Article" ? 6 : Math.min(7 + 3 * Math.sqrt(n.f + 0.3 * n.d), 34);
  }
  let shownFlags = null;   // whether each node is shown, worked out once per filter change
  function nodeShown(i) {
    if (shownFlags === null) shownFlags = Uint8Array.from(nodes, (n, k) => shownClasses.has(n.c) || revealed.has(k));
    return shownFlags[i] === 1;
  }
  function edgeShown(e) { return shownPreds.has(e.p) && nodeShown(e.f) && nodeShown(e.t); }
  const shapes = nodes.map((n) => {
    const c = classInfo.get(n.c) || { color: "#c7c7c7", shape: "dot" };
    return { x: n.x, y: n.y, r: radius(n), shape: c.shape, color: c.color };
  });
  function shownIds() { return nodes.map((_, i) => i).filter(nodeShown); }
  // The view draws the nodes; the edges are drawn here, under them, one path per kind, and
  // the labels over them.
  const network = new KgGraphView($("network"), shapes, nodeShown);
  // The first view: everything if it is legible so, else the largest component, at a
  // legible scale at least, around its centre.
  function home() {
    network.fit({ nodes: shownIds(), animation: false });
    const box = meta.main;
    if (network.getScale() >= LEGIBLE || !box || meta.tree) return;
    const canvas = $("network");
    const fits = Math.min(canvas.clientWidth / (box[2] - box[0] + 120),
                          canvas.clientHeight / (box[3] - box[1] + 120));
    network.moveTo({ position: { x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2 },
                     scale: Math.min(Math.max(fits, LEGIBLE), FOCUS_SCALE), animation: false });
  }

  // ---- edges -------------------------------------------------------------------------
  const THIN_BELOW = 0.3, CROWD = 150;
  const LAST = ["memberOf", "leads"], FIRST = ["mentions", "author", "interviewee", "locatedIn", "subOrganizationOf"];
  const kinds = [...FIRST.filter((p) => predInfo.has(p)),
                 ...[...predInfo.keys()].filter((p) => !FIRST.includes(p) && !LAST.includes(p)),
                 ...LAST.filter((p) => predInfo.has(p))];
  const byKind = new Map(kinds.map((p) => [p, []]));
  edges.forEach((e) => byKind.get(e.p).push(e));
  function edgeStyle(p) { return (predInfo.get(p) || {}).style || ["#6b7785", 1.5]; }
  window.kgEdgeStyle = (id) => edgeStyle(edges[id].p);
  function drawEdges(ctx) {
    const s = network.scale, canvas = $("network");
    const lo = network.DOMtoCanvas({ x: 0, y: 0 }), hi = network.DOMtoCanvas({ x: canvas.clientWidth, y: canvas.clientHeight });
    const selected = new Set(network.getSelectedNodes());
    const strong = [], arrows = s >= THIN_BELOW;
    for (const p of kinds) {
      if (!shownPreds.has(p)) continue;
      const [color, width] = edgeStyle(p);
      const lines = new Path2D(), heads = new Path2D();
      let count = 0;
      for (const e of byKind.get(p)) {
        if (!nodeShown(e.f) || !nodeShown(e.t)) continue;
        const a = shapes[e.f], b = shapes[e.t];
        if ((a.x < lo.x && b.x < lo.x) || (a.x > hi.x && b.x > hi.x) ||
            (a.y < lo.y && b.y < lo.y) || (a.y > hi.y && b.y > hi.y)) continue;
        if (selected.has(e.f) || selected.has(e.t) || e.id === hoverEdge) strong.push(e);
        lines.moveTo(a.x, a.y);
        lines.lineTo(b.x, b.y);
        count++;
        if (arrows && p !== "mentions") arrowHead(heads, a, b, b.r, (4 + 1.5 * width) / s);
      }
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      // zoomed out, every edge is a hairline (far cheaper to draw) and none has an arrow
      ctx.lineWidth = (s < THIN_BELOW ? Math.min(width, 1) : width) / s;
      ctx.globalAlpha = count > CROWD ? 0.45 : 0.9;  // hundreds of thick lines would hide the rest
      ctx.stroke(lines);
      ctx.fill(heads);
    }
    ctx.globalAlpha = 1;
    if (strong.length) {
      const lines = new Path2D();
      strong.forEach((e) => { lines.moveTo(shapes[e.f].x, shapes[e.f].y); lines.lineTo(shapes[e.t].x, shapes[e.t].y); });
      ctx.strokeStyle = "#111";
      ctx.lineWidth = 2.2 / s;
      ctx.stroke(lines);
    }
  }
  function arrowHead(path, a, b, r, size) {
    const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy);
    if (len < r + 2 * size) return;
    const ux = dx / len, uy = dy / len, tx = b.x - ux * r, ty = b.y - uy * r;
    path.moveTo(tx, ty);
    path.lineTo(tx - ux * size * 1.6 - uy * size * 0.6, ty - uy * size * 1.6 + ux * size * 0.6);
    path.lineTo(tx - ux * size * 1.6 + uy * size * 0.6, ty - uy * size * 1.6 - ux * size * 0.6);
    path.closePath();
  }
  network.on("beforeDrawing", (ctx) => {
    const t0 = performance.now();
    drawEdges(ctx);
    edgeMs = performance.now() - t0;
  });
  let edgeMs = 0;
  function edgeAt(dom) {  // the shown edge nearest the pointer, within 5 px
    const s = network.scale, c = network.DOMtoCanvas(dom), limit = 5 / s;
    let best = null, bestD = limit;
    for (const e of edges) {
      if (!edgeShown(e)) continue;
      const a = shapes[e.f], b = shapes[e.t];
      if (c.x < Math.min(a.x, b.x) - limit || c.x > Math.max(a.x, b.x) + limit ||
          c.y < Math.min(a.y, b.y) - limit || c.y > Math.max(a.y, b.y) + limit) continue;
      const dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy || 1;
      const t = Math.max(0, Math.min(1, ((c.x - a.x) * dx + (c.y - a.y) * dy) / l2));
      const d = Math.hypot(c.x - a.x - t * dx, c.y - a.y - t * dy);
      if (d < bestD) { bestD = d; best = e.id; }
    }
    return best;
  }

  // ---- labels ------------------------------------------------------------------------
  const widths = new Map();   // px -> Float32Array of label widths by node (0: not measured yet)
  function nodeWidth(ctx, i, px) {
    let row = widths.get(px);
    if (!row) { row = new Float32Array(nodes.length); widths.set(px, row); }
    if (!row[i]) { ctx.font = px + "px " + FACE; row[i] = ctx.measureText(labelText(i)).width + 4; }
    return row[i];
  }
  const textWidths = new Map();
  function measure(ctx, text, px) {
    const key = px + "|" + text;
    let w = textWidths.get(key);
    if (w === undefined) { ctx.font = px + "px " + FACE; w = ctx.measureText(text).width; textWidths.set(key, w); }
    return w;
  }
  function labelPx(i) { const r = rankOf[i]; return r < 12 ? 16 : r < 120 ? 14 : LABEL_PX; }
  const shortLabels = nodes.map((n) => shortLabel(n.l, n.c === "Article" ? 12 : 16));
  function labelText(i) { return shortLabels[i]; }
  const CELL_W = 64, CELL_H = 32;
  class Boxes {  // a grid of the boxes placed so far, for the overlap test
    constructor(W, H) {
      this.cols = Math.ceil(W / CELL_W) + 1;
      this.rows = Math.ceil(H / CELL_H) + 1;
      this.cells = Array.from({ length: this.cols * this.rows }, () => []);
    }
    each(b, fn) {  // the cells a box touches (a box off the screen is clamped to its edge)
      const x0 = Math.max(0, Math.floor(b[0] / CELL_W)), x1 = Math.min(this.cols - 1, Math.floor((b[0] + b[2]) / CELL_W));
      const y0 = Math.max(0, Math.floor(b[1] / CELL_H)), y1 = Math.min(this.rows - 1, Math.floor((b[1] + b[3]) / CELL_H));
      for (let gx = x0; gx <= x1; gx++) {
        for (let gy = y0; gy <= y1; gy++) {
          if (fn(this.cells[gy * this.cols + gx]) === false) return false;
        }
      }
      return true;
    }
    free(b) {
      return this.each(b, (cell) => !cell.some((o) =>
        b[0] < o[0] + o[2] && o[0] < b[0] + b[2] && b[1] < o[1] + o[3] && o[1] < b[1] + b[3]));
    }
    put(b) { this.each(b, (cell) => { cell.push(b); }); }
  }
  let hoverEdge = null, edgeCount = 0;
  function place(ctx, W, H) {
    const s = network.scale, tx = network.tx, ty = network.ty;
    const boxes = new Boxes(W, H), drawn = [], symbols = new Boxes(W, H);
    let tried = 0;
    // the nodes big enough to see are obstacles too: a label never covers another node
    for (let i = 0; i < nodes.length; i++) {
      const r = shapes[i].r * s;
      if (r < 2.5 || !nodeShown(i)) continue;
      const sx = shapes[i].x * s + tx, sy = shapes[i].y * s + ty;
      if (sx + r < 0 || sy + r < 0 || sx - r > W || sy - r > H) continue;
      symbols.put([sx - r, sy - r, 2 * r, 2 * r, i]);
    }
    for (const i of order) {
      if (drawn.length >= MAX_LABELS || tried >= MAX_TRIED) break;
      if (!nodeShown(i)) continue;
      const bn = shapes[i];
      const sx = bn.x * s + tx, sy = bn.y * s + ty;
      if (sx < -50 || sy < -50 || sx > W + 50 || sy > H + 50) continue;
      tried++;
      const px = labelPx(i), text = labelText(i), w = nodeWidth(ctx, i, px), h = px + 4;
      const r = shapes[i].r * s;
      const spots = [[sx - w / 2, sy + r + 1], [sx + r + 2, sy - h / 2], [sx - w / 2, sy - r - 1 - h],
                     [sx - r - 2 - w, sy - h / 2]];
      for (const [x, y] of spots) {
        const b = [x, y, w, h];
        if (x < 0 || y < 0 || x + w > W || y + h > H || !boxes.free(b) || !symbols.free(b)) continue;
        boxes.put(b);
        drawn.push([b, text, px, "#1f2933"]);
        break;
      }
    }
    if (s >= EDGE_LABEL_SCALE || hoverEdge !== null) edgeLabels(ctx, W, H, boxes, drawn);
    return drawn;
  }
  function edgeLabels(ctx, W, H, boxes, drawn) {
    const s = network.scale, tx = network.tx, ty = network.ty;
    const ids = [];
    if (hoverEdge !== null) ids.push(hoverEdge);
    if (s >= EDGE_LABEL_SCALE) kinds.slice().reverse().forEach((p) => byKind.get(p).forEach((e) => ids.push(e.id)));
    let count = 0;
    for (const id of ids) {
      const e = edges[id];
      if (ARTICLE_LINKS.has(e.p) && id !== hoverEdge) continue;
      if (count >= MAX_EDGE_LABELS) break;
      const a = shapes[e.f], b = shapes[e.t];
      if (!a || !b || !nodeShown(e.f) || !nodeShown(e.t)) continue;
      const sx = ((a.x + b.x) / 2) * s + tx, sy = ((a.y + b.y) / 2) * s + ty;
      if (sx < 0 || sy < 0 || sx > W || sy > H) continue;
      const text = predName(e.p), w = measure(ctx, text, EDGE_LABEL_PX) + 4, h = EDGE_LABEL_PX + 4;
      const box = [sx - w / 2, sy - h / 2, w, h];
      if (box[0] < 0 || box[1] < 0 || box[0] + w > W || box[1] + h > H || !boxes.free(box)) continue;
      boxes.put(box);
      drawn.push([box, text, EDGE_LABEL_PX, ((predInfo.get(e.p) || {}).style || ["#52606d"])[0], true]);
      count++;
    }
  }
  function drawLabels(ctx) {
    const canvas = $("network"), W = canvas.clientWidth, H = canvas.clientHeight;
    ctx.save();
    const drawn = place(ctx, W, H);
    ctx.textBaseline = "middle";
    ctx.textAlign = "center";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.92)";
    for (const [b, text, px, color] of drawn) {
      ctx.font = px + "px " + FACE;
      ctx.fillStyle = color === "#1f2933" ? color : darker(color);
      ctx.strokeText(text, b[0] + b[2] / 2, b[1] + b[3] / 2);
      ctx.fillText(text, b[0] + b[2] / 2, b[1] + b[3] / 2);
    }
    ctx.restore();
    edgeCount = drawn.filter((d) => d[4]).length;
    return drawn.map(([b]) => b.map((v) => Math.round(v * 10) / 10));
  }
  function darker(hex) {  // edge labels in their edge's colour, dark enough to read
    const v = parseInt(hex.slice(1), 16);
    const f = (c) => Math.round(c * 0.7).toString(16).padStart(2, "0");
    return "#" + f(v >> 16) + f((v >> 8) & 255) + f(v & 255);
  }

  // ---- what the page drew --------------------------------------------------------------
  let counts = null;
  function drawnCounts() {
    const byClass = {};
    let total = 0;
    nodes.forEach((n, i) => { if (nodeShown(i)) { byClass[n.c] = (byClass[n.c] || 0) + 1; total++; } });
    return { total, byClass, edges: edges.filter(edgeShown).length };
  }
  function refresh() { counts = null; shownFlags = null; network.redraw(); }
  network.on("afterDrawing", (ctx) => {
    const t0 = performance.now();
    const labels = drawLabels(ctx);
    const labelMs = performance.now() - t0;
    if (counts === null) counts = drawnCounts();
    const ready = window.kgReady || { ms: performance.now() };
    ready.nodes = counts.total;
    ready.byClass = counts.byClass;
    ready.edges = counts.edges;
    ready.labels = labels;
    ready.edgeLabels = edgeCount;
    ready.labelMs = labelMs;
    ready.edgeMs = edgeMs;
    ready.cjk = cjkMissing ? "missing" : "ok";
    if (!window.kgReady) { window.kgReady = ready; document.body.dataset.ready = "1"; }
  });

  home();
  window.kgNetwork = network;

  // ---- tooltips ----------------------------------------------------------------------
  const tip = $("tip");
  function evidenceOf(edgeList, limit) {
    const out = [];
    for (const e of edgeList) {
      for (const f of e.fa) { if (facts[f].ev && out.length < limit) out.push(facts[f].ev); }
    }
    return out;
  }
  function nodeTip(i) {
    const n = nodes[i], box = el("div");
    add(box, add(el("p"), el("strong", n.l)), el("p", clsName(n.c), "muted"));
    if (n.a.length) box.appendChild(el("p", "别名：" + n.a.join("、")));
    evidenceOf(incident[i].filter((e) => !ARTICLE_LINKS.has(e.p)), 3)
      .forEach((s) => box.appendChild(el("p", "“" + s + "”")));
    box.appendChild(el("p", "事实 " + n.f + " 条 · 连接 " + n.d + " 条 · 点击查看", "muted"));
    return box;
  }
  function edgeTip(id) {
    const e = edges[id], box = el("div");
    box.appendChild(el("p", nodes[e.f].l + " —" + predName(e.p) + "→ " + nodes[e.t].l));
    evidenceOf([e], 3).forEach((s) => box.appendChild(el("p", "“" + s + "”")));
    return box;
  }
  function showTip(content, pointer) {
    tip.replaceChildren(content);
    tip.style.left = (pointer.x + 14) + "px";
    tip.style.top = (pointer.y + 14) + "px";
    tip.hidden = false;
  }
  network.on("hoverNode", (p) => showTip(nodeTip(p.node), p.pointer.DOM));
  let overNode = false;
  network.on("hoverNode", () => { overNode = true; });
  network.on("blurNode", () => { overNode = false; });
  $("network").addEventListener("mousemove", (ev) => {
    if (overNode || ev.buttons) return;
    const r = $("network").getBoundingClientRect(), dom = { x: ev.clientX - r.left, y: ev.clientY - r.top };
    const found = edgeAt(dom);
    if (found === hoverEdge) return;
    hoverEdge = found;
    if (found === null) tip.hidden = true; else showTip(edgeTip(found), dom);
    network.redraw();
  });
  ["blurNode", "dragStart", "zoom", "click"].forEach((ev) => network.on(ev, () => { tip.hidden = true; }));

  // ---- the side panel ----------------------------------------------------------------
  const panel = $("panel");
  function link(text, nodeId) {
    if (nodeId === undefined || nodeId === null) return el("span", text);
    const a = el("span", text, "link");
    a.tabIndex = 0;
    a.addEventListener("click", () => focusNode(nodeId));
    return a;
  }
  function articleLine(i) {
    const a = articles[i], line = el("div", null, "muted");
    line.appendChild(el("span", "《" + a.h + "》"));
    if (a.d) line.appendChild(el("span", " " + a.d));
    if (a.au.length) line.appendChild(el("span", " · 记者 " + a.au.join("、")));
    return line;
  }
  function propLines(props) {
    return props.map(([k, v]) => el("div", k + "：" + v, "muted prop"));
  }
  function factItem(e, onlyArticle) {
    const li = el("li", null, "fact");
    add(li, link(nodes[e.f].l, e.f), el("span", " —" + predName(e.p) + "→ "), link(nodes[e.t].l, e.t));
    const records = e.fa.filter((fi) => onlyArticle === undefined || facts[fi].a === onlyArticle);
    if (!records.length) li.appendChild(el("div", "（无出处记录）", "muted"));
    records.forEach((fi) => {
      const f = facts[fi];
      if (f.t) li.appendChild(el("div", "职务：" + f.t, "muted"));
      propLines(f.pr || []).forEach((p) => li.appendChild(p));
      if (f.ev) li.appendChild(el("blockquote", f.ev));
      if (f.a !== null && f.a !== undefined && onlyArticle === undefined) li.appendChild(articleLine(f.a));
      const how = [f.x, f.cf !== null && f.cf !== undefined ? "置信度 " + f.cf : null].filter(Boolean);
      if (how.length) li.appendChild(el("div", how.join(" · "), "muted"));
    });
    return li;
  }
  function section(title, items) {
    if (!items.length) return [];
    const ul = el("ul");
    items.forEach((i) => ul.appendChild(i));
    return [el("h3", title), ul];
  }
  function postItem(e, i) {  // a post: the title, the body, when and where it was reported
    const other = e.f === i ? e.t : e.f;
    const li = el("li");
    const titles = [...new Set(e.fa.map((fi) => facts[fi].t).filter(Boolean))];
    add(li, el("span", (titles.join("、") || predName(e.p)) + " · "), link(nodes[other].l, other));
    const when = [...new Set(e.fa.map((fi) => facts[fi]).flatMap((f) =>
      (f.pr || []).filter(([k]) => /date|time|start|end|since|until/i.test(k)).map(([k, v]) => k + " " + v)
        .concat(f.a !== null && f.a !== undefined && articles[f.a].d ? ["报道于 " + articles[f.a].d] : [])))];
    if (when.length) li.appendChild(el("div", when.join(" · "), "muted"));
    return li;
  }
  function showNode(i) {
    const n = nodes[i];
    const parts = [el("h2", n.l), el("div", clsName(n.c), "muted")];
    if (n.a.length) parts.push(el("div", "别名：" + n.a.join("、")));
    parts.push(el("div", n.iri, "iri"));
    if (n.p && n.p.length) parts.push(...section("属性", n.p.map(([k, v]) => el("li", k + "：" + v))));
    if (n.art !== null && n.art !== undefined) return showArticle(i, n, parts);
    const rel = incident[i].filter((e) => !ARTICLE_LINKS.has(e.p));
    const posts = rel.filter((e) => POSTS.has(e.p) && e.f === i);
    const holders = rel.filter((e) => POSTS.has(e.p) && e.t === i);
    parts.push(...section("职务（" + posts.length + "）", posts.map((e) => postItem(e, i))));
    parts.push(...section("领导与成员（" + holders.length + "）", holders.map((e) => postItem(e, i))));
    if (n.c === "Person") {
      const orgs = [...new Set(rel.map((e) => (e.f === i ? e.t : e.f)))]
        .filter((o) => !["Person", "Article"].includes(nodes[o].c));
      parts.push(...section("组织与地点（" + orgs.length + "）",
                            orgs.map((o) => add(el("li"), link(nodes[o].l, o), el("span", "  " + clsName(nodes[o].c), "muted")))));
    }
    parts.push(...section("关系与证据（" + rel.length + "）", rel.map((e) => factItem(e))));
    const light = incident[i].filter((e) => ARTICLE_LINKS.has(e.p) && e.p !== "mentions");
    parts.push(...section("署名与采访（" + light.length + "）", light.map((e) => {
      const other = e.f === i ? e.t : e.f;
      return add(el("li"), el("span", predName(e.p) + "："), link(nodes[other].l, other));
    })));
    parts.push(...section("提及该实体的文章（" + n.m.length + "）",
                          n.m.map((a) => add(el("li"), articleLine(a)))));
    panel.replaceChildren(...parts);
    panel.dataset.node = String(i);
  }
  function showArticle(i, n, parts) {  // an article's card: its byline and the facts read from it
    const a = articles[n.art];
    if (a.ah) parts.push(el("div", a.ah));
    parts.push(articleLine(n.art));
    if (a.iv.length) parts.push(el("div", "受访：" + a.iv.join("、"), "muted"));
    const own = edges.filter((e) => !ARTICLE_LINKS.has(e.p) && e.fa.some((fi) => facts[fi].a === n.art));
    parts.push(...section("本文的事实（" + own.length + "）", own.map((e) => factItem(e, n.art))));
    const named = incident[i].filter((e) => e.p === "mentions").map((e) => e.t);
    parts.push(...section("提及（" + named.length + "）", named.map((o) => add(el("li"), link(nodes[o].l, o)))));
    panel.replaceChildren(...parts);
    panel.dataset.node = String(i);
  }
  function showIndexed(k) {  // an entity of the whole graph that is not on this page
    const [label, aliases, cls, count, links] = index[k];
    const parts = [el("h2", label), el("div", clsName(cls), "muted")];
    if (aliases.length) parts.push(el("div", "别名：" + aliases.join("、")));
    const how = el("div", null, "note");
    add(how, el("span", "未绘在本页（页面只画参与事实最多的实体）。查看它的邻域："),
        el("code", "kg viz OUT --focus " + label));
    parts.push(how);
    parts.push(...section("关系（" + count + "）", links.map(([p, out, other, id]) => add(el("li"),
      el("span", out ? predName(p) + " → " : "← " + predName(p) + " "), link(other, id)))));
    panel.replaceChildren(...parts);
    panel.dataset.node = "";
    panel.dataset.indexed = String(k);
  }

  // ---- statistics --------------------------------------------------------------------
  function table(rows) {
    const t = el("table");
    rows.forEach((cells) => {
      const tr = el("tr");
      cells.forEach((c, k) => tr.appendChild(c instanceof Node ? add(el("td"), c)
                                                     : el("td", c, k === cells.length - 1 ? "num" : "")));
      t.appendChild(tr);
    });
    return t;
  }
  function statParts(s, title) {
    return [el("h2", title),
      el("div", "实体与文章 " + s.nodes + " · 边 " + s.edges + " · 文章 " + s.articles +
         " · 有出处的事实 " + s.facts, "muted"),
      el("h3", "各类别数量"), table(s.classes.map((c) => [c[1], c[0], c[2]])),
      el("h3", "各关系数量"), table(s.predicates.map((p) => [p[1], p[0], p[2]])),
      el("h3", "连接最多的实体"),
      table(s.top.map((t) => [link(t[0], t[3]), clsName(t[1]), t[2]])),
      el("h3", "记者的文章数"),
      s.reporters.length ? table(s.reporters.map((r) => [r[0], r[1]])) : el("div", "（无）", "muted")];
  }
  function showStats() {
    const whole = data.stats;
    if (data.pageStats) {
      panel.replaceChildren(...statParts(data.pageStats, "统计（本页）"),
        el("h3", "全图"), el("div", "实体与文章 " + whole.nodes + " · 边 " + whole.edges + " · 文章 " +
                           whole.articles + " · 有出处的事实 " + whole.facts, "muted"));
    } else {
      panel.replaceChildren(...statParts(whole, "统计"));
    }
    panel.dataset.node = "";
  }

  // ---- finding -----------------------------------------------------------------------
  function focusNode(i) {
    if (!nodeShown(i)) { revealed.add(i); refresh(); }
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(network.getScale(), FOCUS_SCALE), animation: false });
    tip.hidden = true;
    showNode(i);
  }
  function rank(names, q) {
    const low = names.map((s) => s.toLowerCase());
    return low[0] === q ? 0 : low.includes(q) ? 1 : low.some((s) => s.startsWith(q)) ? 2
         : low.some((s) => s.includes(q)) ? 3 : -1;
  }
  // The whole graph is searched: the nodes on the page, then the index of the others.
  function matches(query) {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const scored = [];
    nodes.forEach((n) => {
      const r = rank([n.l, ...n.a], q);
      if (r >= 0) scored.push([r, 0, -n.f, -n.d, n.id]);
    });
    index.forEach((x, k) => {
      const r = rank([x[0], ...x[1]], q);
      if (r >= 0) scored.push([r, 1, -x[3], 0, k]);
    });
    scored.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3] || a[4] - b[4]);
    return scored.slice(0, 30).map((s) => ({ drawn: s[1] === 0, id: s[4] }));
  }
  const search = $("search"), results = $("results");
  function choose(hit) { results.hidden = true; if (hit.drawn) focusNode(hit.id); else showIndexed(hit.id); }
  search.addEventListener("input", () => {
    const found = matches(search.value);
    results.replaceChildren(...found.map((hit) => {
      const li = el("li");
      const [label, cls] = hit.drawn ? [nodes[hit.id].l, nodes[hit.id].c] : [index[hit.id][0], index[hit.id][2]];
      add(li, el("span", label), el("span", "  " + clsName(cls), "cls"));
      if (!hit.drawn) li.appendChild(el("span", "  未绘出", "cls"));
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(hit); });
      return li;
    }));
    if (search.value.trim() && !found.length) results.replaceChildren(el("li", "没有找到", "muted"));
    results.hidden = !search.value.trim();
  });
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") { const found = matches(search.value); if (found.length) choose(found[0]); }
    if (ev.key === "Escape") results.hidden = true;
  });
  search.addEventListener("blur", () => { results.hidden = true; });

  // ---- filters -----------------------------------------------------------------------
  const boxes = [];
  function filterList(target, entries, shown, symbolOf) {
    entries.forEach((entry) => {
      const box = el("input");
      box.type = "checkbox";
      box.checked = shown.has(entry.name);
      box.dataset.name = entry.name;
      box.addEventListener("change", () => {
        if (box.checked) shown.add(entry.name); else shown.delete(entry.name);
        if (!box.checked && shown === shownClasses) revealed.clear();
        refresh();
      });
      boxes.push([box, shown]);
      const sym = el("span", symbolOf(entry), "sym");
      const colour = entry.color || (entry.style && entry.style[0]);
      if (colour) sym.style.color = colour;
      if (entry.style) sym.style.fontWeight = entry.style[1] > 2 ? "700" : "400";
      target.appendChild(add(el("li"), add(el("label"), box, sym, el("span", entry.zh),
                                           el("span", entry.name, "en"), el("span", entry.n, "n"))));
    });
  }
  function syncFilters() { boxes.forEach(([box, shown]) => { box.checked = shown.has(box.dataset.name); }); }
  filterList($("classes"), data.classes, shownClasses, (c) => SYMBOL[c.shape] || "●");
  filterList($("predicates"), data.predicates, shownPreds, () => "→");
  function showArticles(on) {
    off.forEach((c) => (on ? shownClasses.add(c) : shownClasses.delete(c)));
    ARTICLE_LINKS.forEach((p) => { if (predInfo.has(p)) { if (on) shownPreds.add(p); else shownPreds.delete(p); } });
    syncFilters();
    refresh();
  }

  $("show-stats").addEventListener("click", showStats);
  $("fit").addEventListener("click", () => network.fit({ nodes: shownIds(), animation: false }));
  network.on("click", (p) => { if (p.nodes.length) showNode(p.nodes[0]); });
  showStats();
})();
