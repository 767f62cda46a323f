// The graph page. Every string from the graph comes from the JSON block and is shown with
// textContent (or drawn on the canvas by vis-network); nothing is ever parsed as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const $ = (id) => document.getElementById(id);
  const nodes = data.nodes, edges = data.edges, facts = data.facts, articles = data.articles;
  const classInfo = new Map(data.classes.map((c) => [c.name, c]));
  const predInfo = new Map(data.predicates.map((p) => [p.name, p]));
  const shownClasses = new Set(classInfo.keys());
  const shownPreds = new Set(predInfo.keys());
  const SYMBOL = { dot: "●", square: "■", triangle: "▲", triangleDown: "▼", diamond: "◆",
                   star: "★", hexagon: "⬢" };
  const LIGHT = new Set(["mentions", "author", "interviewee"]);
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

  // ---- the network -------------------------------------------------------------------
  // A label is readable when its letters are at least about 11 px high on the screen: the
  // page opens at a scale of at least LEGIBLE (the whole graph if it fits at that scale,
  // else the largest component around its centre). Labels smaller than LABEL_MIN_PX on
  // the screen are not drawn at all; hubs get larger letters, so they are named first.
  const LEGIBLE = 0.75, FONT = 15, EDGE_FONT = 12, LABEL_MIN_PX = 7, FOCUS_SCALE = 1.0;
  function shortLabel(text, most) {  // long headlines are cut on the canvas, whole in the panel
    const chars = Array.from(text);
    return chars.length > most ? chars.slice(0, most - 1).join("") + "…" : text;
  }
  function visNode(n) {
    const c = classInfo.get(n.c) || { color: "#c7c7c7", shape: "dot" };
    return { id: n.id, label: shortLabel(n.l, n.c === "Article" ? 10 : 14), x: n.x, y: n.y, shape: c.shape,
             size: Math.min(8 + 4 * Math.sqrt(n.d), 48),
             font: { size: Math.round(FONT + Math.min(9, 1.5 * (Math.sqrt(n.d) - 1))) },
             color: { background: c.color, border: "#4b5563",
                      highlight: { background: c.color, border: "#111" } } };
  }
  // `mentions` (article -> entity) outnumber the relations in most graphs: they stay, thin,
  // pale and unlabelled, so the relations and their labels stand out. `author` and
  // `interviewee` keep their labels but are pale too.
  function visEdge(e) {
    if (e.p === "mentions") {
      return { id: e.id, from: e.f, to: e.t, width: 0.6,
               color: { color: "#d3d9df", highlight: "#d62728", hover: "#9aa5b1" },
               arrows: { to: { enabled: true, scaleFactor: 0.3 } } };
    }
    const light = LIGHT.has(e.p);
    return { id: e.id, from: e.f, to: e.t, label: predName(e.p),
             color: { color: light ? "#b9c1ca" : "#6b7785", highlight: "#d62728" },
             width: light ? 1 : 1.8 };
  }
  const nodeSet = new vis.DataSet(nodes.map(visNode));
  const edgeSet = new vis.DataSet(edges.map(visEdge));
  const nodeView = new vis.DataView(nodeSet, { filter: (n) => shownClasses.has(nodes[n.id].c) });
  const edgeView = new vis.DataView(edgeSet, { filter: (e) => shownPreds.has(edges[e.id].p) });
  const big = nodes.length > 1500;
  const labelScaling = { label: { enabled: false, drawThreshold: LABEL_MIN_PX + 1 } };
  const network = new vis.Network($("network"), { nodes: nodeView, edges: edgeView }, {
    physics: false,
    layout: { improvedLayout: false, randomSeed: 7 },
    nodes: { font: { size: FONT, face: "sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
             borderWidth: 1, scaling: labelScaling },
    edges: { smooth: false, arrows: { to: { enabled: true, scaleFactor: 0.5 } },
             font: { size: EDGE_FONT, color: "#3e4c59", strokeWidth: 3, align: "middle" },
             scaling: { label: { enabled: true, drawThreshold: LABEL_MIN_PX + 1 } } },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
  });
  // The first view: everything if it is legible so, else the largest component, at a
  // legible scale at least, around its centre.
  function home() {
    network.fit({ animation: false });
    const box = data.meta.main;
    if (network.getScale() >= LEGIBLE || !box) return;
    const canvas = $("network");
    const fits = Math.min(canvas.clientWidth / (box[2] - box[0] + 120),
                          canvas.clientHeight / (box[3] - box[1] + 120));
    network.moveTo({ position: { x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2 },
                     scale: Math.min(Math.max(fits, LEGIBLE), FOCUS_SCALE), animation: false });
  }
  home();
  window.kgNetwork = network;
  network.once("afterDrawing", () => {
    window.kgReady = { ms: performance.now(), nodes: nodes.length, edges: edges.length };
    document.body.dataset.ready = "1";
  });

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
    evidenceOf(incident[i], 3).forEach((s) => box.appendChild(el("p", "“" + s + "”")));
    box.appendChild(el("p", "连接 " + n.d + " 条 · 点击查看事实", "muted"));
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
  network.on("hoverEdge", (p) => showTip(edgeTip(p.edge), p.pointer.DOM));
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach((ev) => network.on(ev, () => { tip.hidden = true; }));

  // ---- the side panel ----------------------------------------------------------------
  const panel = $("panel");
  function link(text, nodeId) {
    if (nodeId === undefined || nodeId === null) return el("span", text);
    const a = el("span", text, "link");
    a.tabIndex = 0;
    a.addEventListener("click", () => focusNode(nodeId));
    return a;
  }
  function articleLine(index) {
    const a = articles[index], line = el("div", null, "muted");
    line.appendChild(el("span", "《" + a.h + "》"));
    if (a.d) line.appendChild(el("span", " " + a.d));
    if (a.au.length) line.appendChild(el("span", " · 记者 " + a.au.join("、")));
    return line;
  }
  function factItem(e) {
    const li = el("li", null, "fact");
    add(li, link(nodes[e.f].l, e.f), el("span", " —" + predName(e.p) + "→ "), link(nodes[e.t].l, e.t));
    if (!e.fa.length) li.appendChild(el("div", "（无出处记录）", "muted"));
    e.fa.forEach((fi) => {
      const f = facts[fi];
      if (f.t) li.appendChild(el("div", "职务：" + f.t, "muted"));
      if (f.ev) li.appendChild(el("blockquote", f.ev));
      if (f.a !== null && f.a !== undefined) li.appendChild(articleLine(f.a));
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
  function showNode(i) {
    const n = nodes[i];
    const parts = [el("h2", n.l), el("div", clsName(n.c), "muted")];
    if (n.a.length) parts.push(el("div", "别名：" + n.a.join("、")));
    parts.push(el("div", n.iri, "iri"));
    if (n.art !== null && n.art !== undefined) parts.push(articleLine(n.art));
    const rel = incident[i].filter((e) => !LIGHT.has(e.p));
    const light = incident[i].filter((e) => LIGHT.has(e.p));
    parts.push(...section("关系与证据（" + rel.length + "）", rel.map(factItem)));
    parts.push(...section("文章关联（" + light.length + "）", light.map((e) => {
      const other = e.f === i ? e.t : e.f;
      return add(el("li"), el("span", predName(e.p) + "："), link(nodes[other].l, other));
    })));
    parts.push(...section("提及该实体的文章（" + n.m.length + "）",
                          n.m.map((a) => add(el("li"), articleLine(a)))));
    panel.replaceChildren(...parts);
    panel.dataset.node = String(i);
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
  function showStats() {
    const s = data.stats;
    panel.replaceChildren(
      el("h2", "统计"),
      el("div", "实体与文章 " + s.nodes + " · 边 " + s.edges + " · 文章 " + s.articles +
         " · 有出处的事实 " + s.facts, "muted"),
      el("h3", "各类别数量"), table(s.classes.map((c) => [c[1], c[0], c[2]])),
      el("h3", "各关系数量"), table(s.predicates.map((p) => [p[1], p[0], p[2]])),
      el("h3", "连接最多的实体"),
      table(s.top.map((t) => [link(t[0], t[3]), clsName(t[1]), t[2]])),
      el("h3", "记者的文章数"),
      s.reporters.length ? table(s.reporters.map((r) => [r[0], r[1]])) : el("div", "（无）", "muted"));
    panel.dataset.node = "";
  }

  // ---- finding -----------------------------------------------------------------------
  function focusNode(i) {
    const n = nodes[i];
    if (!shownClasses.has(n.c)) { shownClasses.add(n.c); syncFilters(); nodeView.refresh(); }
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(network.getScale(), FOCUS_SCALE), animation: false });
    showNode(i);
  }
  function matches(query) {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const scored = [];
    nodes.forEach((n) => {
      const names = [n.l, ...n.a].map((s) => s.toLowerCase());
      let rank = names[0] === q ? 0 : names.includes(q) ? 1 : names.some((s) => s.startsWith(q)) ? 2
               : names.some((s) => s.includes(q)) ? 3 : -1;
      if (rank >= 0) scored.push([rank, -n.d, n.id]);
    });
    scored.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    return scored.slice(0, 30).map((s) => s[2]);
  }
  const search = $("search"), results = $("results");
  function choose(i) { results.hidden = true; focusNode(i); }
  search.addEventListener("input", () => {
    const found = matches(search.value);
    results.replaceChildren(...found.map((i) => {
      const li = el("li");
      add(li, el("span", nodes[i].l), el("span", "  " + clsName(nodes[i].c), "cls"));
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(i); });
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
  function filterList(target, entries, shown, view, symbolOf) {
    entries.forEach((entry) => {
      const box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.dataset.name = entry.name;
      box.addEventListener("change", () => {
        if (box.checked) shown.add(entry.name); else shown.delete(entry.name);
        view.refresh();
      });
      boxes.push([box, shown]);
      const sym = el("span", symbolOf(entry), "sym");
      if (entry.color) sym.style.color = entry.color;
      target.appendChild(add(el("li"), add(el("label"), box, sym, el("span", entry.zh),
                                           el("span", entry.name, "en"), el("span", entry.n, "n"))));
    });
  }
  function syncFilters() { boxes.forEach(([box, shown]) => { box.checked = shown.has(box.dataset.name); }); }
  filterList($("classes"), data.classes, shownClasses, nodeView, (c) => SYMBOL[c.shape] || "●");
  filterList($("predicates"), data.predicates, shownPreds, edgeView, () => "→");

  // ---- header and notice -------------------------------------------------------------
  const meta = data.meta;
  document.title = meta.title;
  $("title").textContent = meta.title;
  const notes = [];
  if (meta.focus && meta.focus.length) notes.push("焦点：" + meta.focus.join("、") + "（" + meta.hops + " 跳以内）。");
  if (meta.classes) notes.push("只含类别：" + meta.classes.join(", ") + "。");
  if (meta.omitted > 0) {
    notes.push("显示 " + meta.shown + " / " + meta.selected + " 个节点（按连接数保留），省略 " +
               meta.omitted + " 个。查看某个实体的邻域：");
  }
  if (notes.length) {
    const p = $("notice");
    p.appendChild(el("span", notes.join(" ")));
    if (meta.omitted > 0) p.appendChild(el("code", "kg viz OUT --focus 名称 --hops 2"));
    p.hidden = false;
  }
  $("show-stats").addEventListener("click", showStats);
  $("fit").addEventListener("click", () => network.fit({ animation: false }));
  network.on("click", (p) => { if (p.nodes.length) showNode(p.nodes[0]); });
  showStats();
})();
