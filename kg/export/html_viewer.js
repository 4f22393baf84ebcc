/* zhkg graph viewer. Every string from the graph reaches the DOM through textContent
   (never innerHTML) or the canvas; positions are precomputed, so physics stays off. */
(function () {
  "use strict";
  var timings = window.__kgTimings = { start: performance.now() };
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  timings.parsed = performance.now();
  var FONT = '"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",' +
    '"WenQuanYi Micro Hei",sans-serif';
  var SVGNS = "http://www.w3.org/2000/svg";
  var byId = function (id) { return document.getElementById(id); };
  var norm = function (s) { return String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, ""); };
  var nodes = D.nodes, edges = D.edges, classes = D.classes, props = D.props;
  var KGR = "https://w3id.org/zhkg/resource/";
  nodes.forEach(function (n) { if (n.i.lastIndexOf("kgr:", 0) === 0) n.i = KGR + n.i.slice(4); });
  var big = nodes.length > 1500 || edges.length > 4000;
  // co-occurrence and mentions are drawn dashed and grey, the links of Statistics and Claims thin
  var FAINT = { relatedTo: true, mentions: true };
  var THIN = { about: true, speaker: true, region: true, denominator: true };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fmt(n) { return Number(n).toLocaleString("en-US"); }

  /* ---- vis data ---------------------------------------------------------------------- */
  function darker(hex, f) {
    var n = parseInt(hex.slice(1), 16), r = (n >> 16) & 255, g = (n >> 8) & 255, b = n & 255;
    var h = function (v) { return ("0" + Math.round(v * f).toString(16)).slice(-2); };
    return "#" + h(r) + h(g) + h(b);
  }
  var inside = { box: true, ellipse: true, database: true, circle: true, text: true };
  var network = null;

  /* Statistics and Claims are drawn as small glyphs (a bar chart, a speech bubble) with
     their label below, like the entity shapes, instead of label-filled boxes. */
  function glyph(kind) {
    return function (a) {
      var ctx = a.ctx, x = a.x, y = a.y, st = a.style, r = st.size || 9, n = nodes[a.id];
      return {
        drawNode: function () {
          ctx.lineWidth = a.state.selected ? 3 : a.state.hover ? 2 : st.borderWidth || 1;
          ctx.strokeStyle = a.state.selected || a.state.hover ? "#111111" : st.borderColor;
          ctx.fillStyle = st.color;
          ctx.beginPath();
          if (kind === "chart") {
            ctx.rect(x - r, y - r, 2 * r, 2 * r);
            ctx.fill(); ctx.stroke();
            ctx.fillStyle = "#ffffff";
            ctx.fillRect(x - 0.65 * r, y - 0.05 * r, 0.35 * r, 0.75 * r);
            ctx.fillRect(x - 0.17 * r, y - 0.6 * r, 0.35 * r, 1.3 * r);
            ctx.fillRect(x + 0.31 * r, y - 0.3 * r, 0.35 * r, r);
          } else {
            ctx.ellipse(x, y - 0.15 * r, r * 1.1, r * 0.8, 0, 0, 2 * Math.PI);
            ctx.moveTo(x - 0.45 * r, y + 0.45 * r);
            ctx.lineTo(x - 0.7 * r, y + r);
            ctx.lineTo(x + 0.05 * r, y + 0.6 * r);
            ctx.fill(); ctx.stroke();
          }
        },
        drawExternalLabel: function () {
          var scale = network ? network.getScale() : 1, size = n.f;
          if (size * scale < 7) return;
          if (size * scale > 30) size = 30 / scale;
          ctx.font = size + "px " + FONT;
          ctx.textAlign = "center";
          ctx.textBaseline = "top";
          ctx.lineJoin = "round";
          ctx.lineWidth = 3;
          ctx.strokeStyle = "#ffffff";
          ctx.strokeText(n.sl || n.l, x, y + r + 3);
          ctx.fillStyle = "#1f2328";
          ctx.fillText(n.sl || n.l, x, y + r + 3);
        },
        nodeDimensions: { width: 2.2 * r, height: 2 * r }
      };
    };
  }

  // shared styles go in vis groups and global options: per-item option objects make vis slow
  var groups = {};
  classes.forEach(function (c, i) {
    var border = darker(c.color, 0.7), custom = c.shape === "chart" || c.shape === "bubble";
    groups["c" + i] = {
      shape: custom ? "custom" : c.shape, borderWidth: 1, borderWidthSelected: 3,
      ctxRenderer: custom ? glyph(c.shape) : undefined,
      color: { background: c.color, border: border, highlight: { background: c.color, border: "#111111" },
               hover: { background: c.color, border: "#111111" } },
      font: inside[c.shape] ? { face: FONT, color: "#1f2328" }
        : { face: FONT, color: "#1f2328", strokeWidth: 3, strokeColor: "#ffffff" },
      margin: inside[c.shape] ? 5 : undefined,
      widthConstraint: inside[c.shape] ? { maximum: 180 } : undefined
    };
  });
  // least central first, so that hubs and their labels are drawn on top
  var visNodes = new vis.DataSet(nodes.map(function (n, i) {
    var o = { id: i, x: n.x, y: n.y, label: n.sl || n.l, group: "c" + n.c, font: { size: n.lf || n.f } };
    if (!inside[classes[n.c].shape]) o.size = n.z;
    return o;
  }).reverse());
  var visEdges = new vis.DataSet(edges.map(function (e, i) {
    var p = props[e.p], o = { id: i, from: e.f, to: e.t, label: p.zh, color: p.color };
    if (p.sym) o.arrows = "";
    if (FAINT[p.name]) {  // dashed lines are slow to draw: big graphs get faint solid ones
      o.width = 1; o.font = { color: "#8a8a8a" };
      if (big) o.color = { color: p.color, opacity: 0.35 }; else o.dashes = true;
    }
    else if (THIN[p.name]) { o.width = 1; }
    return o;
  }));
  // several properties between one pair of nodes: curve all but the first so none hides another
  var pairSeen = {};
  edges.forEach(function (e, i) {
    var key = Math.min(e.f, e.t) + "-" + Math.max(e.f, e.t);
    var k = pairSeen[key] = (pairSeen[key] || 0) + 1;
    if (k > 1) visEdges.update({ id: i, smooth: { enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW",
                                                  roundness: 0.15 * Math.ceil((k - 1) / 2) } });
  });

  /* ---- filters --------------------------------------------------------------------------- */
  var classOn = classes.map(function () { return true; });
  var propOn = props.map(function () { return true; });
  var nodeView = new vis.DataView(visNodes, { filter: function (n) { return classOn[nodes[n.id].c]; } });
  var edgeView = new vis.DataView(visEdges, { filter: function (e) { return propOn[edges[e.id].p]; } });

  var options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: { hover: true, hideEdgesOnDrag: big, hideEdgesOnZoom: big, tooltipDelay: 150,
                   multiselect: false, navigationButtons: false, keyboard: false },
    groups: groups,
    nodes: { scaling: { label: { drawThreshold: 7 } } },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.5, width: 1.6, arrows: { to: { enabled: true, scaleFactor: 0.5 } },
             color: { highlight: "#111111", hover: "#111111", opacity: 0.85 },
             font: { face: FONT, size: 10, color: "#555555", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" } }
  };
  timings.datasets = performance.now();
  network = new vis.Network(byId("kg-canvas"), { nodes: nodeView, edges: edgeView }, options);
  window.network = network;
  timings.network = performance.now();
  network.once("afterDrawing", function () {
    timings.drawn = window.__kgReadyMs = performance.now();
    window.__kgReady = true;
    document.documentElement.setAttribute("data-kg-ready", "1");
  });

  /* Landmark labels (the hubs' names, sized for the overview) shrink as you zoom in. */
  var landmarks = [];
  nodes.forEach(function (n, i) { if (n.lf) landmarks.push(i); });
  var landmarkScale = null;
  function fitLandmarks() {
    var s = network.getScale();
    if (!landmarks.length || s === landmarkScale) return;
    landmarkScale = s;
    visNodes.update(landmarks.map(function (i) {
      var n = nodes[i];
      return { id: i, font: { size: Math.max(n.f, Math.min(n.lf, 18 / s)) } };
    }));
  }
  network.on("zoom", fitLandmarks);
  network.on("animationFinished", fitLandmarks);

  function swatch(shape, color, line, sym) {
    var s = document.createElementNS(SVGNS, "svg");
    s.setAttribute("width", "18"); s.setAttribute("height", "14"); s.setAttribute("aria-hidden", "true");
    var add = function (tag, attrs) {
      var e = document.createElementNS(SVGNS, tag);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      s.appendChild(e);
    };
    var st = { fill: color, stroke: darker(color, 0.7), "stroke-width": "1" };
    var poly = function (pts) { add("polygon", Object.assign({ points: pts }, st)); };
    if (line) {
      add("line", { x1: "1", y1: "7", x2: sym ? "17" : "12", y2: "7", stroke: color, "stroke-width": "2",
                    "stroke-dasharray": line === "dash" ? "3 2" : "none" });
      if (!sym) poly("11,3 17,7 11,11");
    } else if (shape === "dot") add("circle", Object.assign({ cx: "9", cy: "7", r: "6" }, st));
    else if (shape === "square") add("rect", Object.assign({ x: "3", y: "1", width: "12", height: "12" }, st));
    else if (shape === "box" || shape === "database")
      add("rect", Object.assign({ x: "1", y: "2", width: "16", height: "10", rx: "2" }, st));
    else if (shape === "ellipse") add("ellipse", Object.assign({ cx: "9", cy: "7", rx: "8", ry: "5" }, st));
    else if (shape === "diamond") poly("9,0 16,7 9,14 2,7");
    else if (shape === "triangle") poly("9,1 16,13 2,13");
    else if (shape === "triangleDown") poly("2,1 16,1 9,13");
    else if (shape === "hexagon") poly("5,1 13,1 17,7 13,13 5,13 1,7");
    else if (shape === "star") poly("9,0 11,5 17,5 12,8.5 14,14 9,10.5 4,14 6,8.5 1,5 7,5");
    else if (shape === "chart") {
      add("rect", Object.assign({ x: "3", y: "1", width: "12", height: "12" }, st));
      ["5,7,2,4", "8,4,2,7", "11,6,2,5"].forEach(function (b) {
        var v = b.split(",");
        add("rect", { x: v[0], y: v[1], width: v[2], height: v[3], fill: "#ffffff" });
      });
    } else if (shape === "bubble") {
      add("path", Object.assign({ d: "M9 1.5 A7.5 5 0 1 1 5.5 10.6 L3.5 13.5 L4.6 9.6 A7.5 5 0 0 1 9 1.5 Z" }, st));
    }
    return s;
  }

  function filterRow(list, item, i, on, line) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.setAttribute("data-index", String(i));
    box.addEventListener("change", function () {
      on[i] = box.checked;
      if (list === "kg-classes") nodeView.refresh(); else edgeView.refresh();
      updateCounts();
    });
    label.appendChild(box);
    label.appendChild(swatch(item.shape, item.color, line ? (FAINT[item.name] ? "dash" : "solid") : null,
                             item.sym));
    label.appendChild(el("span", null, item.zh));
    label.appendChild(el("span", "kg-en", item.en));
    label.appendChild(el("span", "kg-n", fmt(item.n)));
    li.appendChild(label);
    byId(list).appendChild(li);
    return box;
  }
  var classBoxes = classes.map(function (c, i) { return filterRow("kg-classes", c, i, classOn, false); });
  props.forEach(function (p, i) { filterRow("kg-props", p, i, propOn, true); });

  function updateCounts() {
    var shownN = nodeView.length, shownE = 0;
    edgeView.forEach(function (e) { if (classOn[nodes[e.from].c] && classOn[nodes[e.to].c]) shownE++; });
    byId("kg-counts").textContent = "节点 " + fmt(shownN) + " / " + fmt(nodes.length) + " nodes · 边 " +
      fmt(shownE) + " / " + fmt(edges.length) + " edges";
  }
  updateCounts();
  if (D.meta.leftOut > 0 || D.meta.edgesLeftOut > 0) {
    var lo = byId("kg-leftout"), parts = [];
    if (D.meta.leftOut > 0) {
      parts.push("按度中心性保留前 " + fmt(D.meta.nodes) + " 个节点，另有 " + fmt(D.meta.leftOut) +
        " 个未显示。 Kept the " + fmt(D.meta.nodes) + " most central nodes (by degree); " +
        fmt(D.meta.leftOut) + " more left out.");
    }
    if (D.meta.edgesLeftOut > 0) {
      parts.push("另有 " + fmt(D.meta.edgesLeftOut) + " 条最弱的边未显示。 " + fmt(D.meta.edgesLeftOut) +
        " weakest edges left out.");
    }
    lo.textContent = parts.join(" ");
    lo.hidden = false;
  }

  /* ---- adjacency and search ------------------------------------------------------------- */
  var incident = nodes.map(function () { return []; });
  edges.forEach(function (e, i) { incident[e.f].push(i); incident[e.t].push(i); });
  var keys = nodes.map(function (n) {
    var all = [n.l].concat(n.al || [], n.k || []), out = [];
    all.forEach(function (t) { var k = norm(t); if (k && out.indexOf(k) < 0) out.push(k); });
    return out;
  });

  function search(q) {
    var k = norm(q), exact = [], prefix = [], sub = [];
    if (!k) return [];
    keys.forEach(function (ks, i) {
      if (ks.indexOf(k) >= 0) exact.push(i);
      else if (ks.some(function (x) { return x.lastIndexOf(k, 0) === 0; })) prefix.push(i);
      else if (ks.some(function (x) { return x.indexOf(k) >= 0; })) sub.push(i);
    });
    return exact.concat(prefix, sub);  // nodes are stored most central first
  }

  function nodeName(ref) { return typeof ref === "number" ? nodes[ref].l : String(ref); }

  function nodeLink(ref) {
    if (typeof ref !== "number") return el("span", null, ref);
    var b = el("button", "kg-link", nodes[ref].l);
    b.type = "button";
    b.addEventListener("click", function () { select(ref, true); });
    return b;
  }

  function select(i, move) {
    var n = nodes[i];
    if (!classOn[n.c]) { classOn[n.c] = true; classBoxes[n.c].checked = true; nodeView.refresh(); updateCounts(); }
    network.selectNodes([i]);
    if (move) {
      // vis-network animates by frame count, so where frames are slow (big graphs) jump instead
      network.focus(i, { scale: Math.max(network.getScale(), 1.0),
                         animation: big ? false : { duration: 300, easingFunction: "easeInOutQuad" } });
      fitLandmarks();
    }
    showNode(i);
  }

  var input = byId("kg-search"), list = byId("kg-suggest"), hits = [], active = 0;
  function renderSuggest() {
    hits = search(input.value).slice(0, 15);
    active = 0;
    list.replaceChildren();
    hits.forEach(function (i, j) {
      var li = el("li"), c = classes[nodes[i].c];
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", j === active ? "true" : "false");
      li.appendChild(swatch(c.shape, c.color));
      li.appendChild(el("span", null, nodes[i].l));
      var k = norm(input.value), via = [].concat(nodes[i].al || [], nodes[i].k || []).filter(function (t) {
        return norm(t).indexOf(k) >= 0;
      })[0];
      if (via && norm(nodes[i].l).indexOf(k) < 0) li.appendChild(el("span", "kg-match", via));
      li.appendChild(el("span", "kg-match", c.zh));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(j); });
      list.appendChild(li);
    });
    if (!hits.length && norm(input.value)) list.appendChild(el("li", "kg-match", "无匹配 · no match"));
    list.hidden = !norm(input.value);
  }
  function choose(j) {
    if (!hits.length) return;
    list.hidden = true;
    select(hits[Math.max(0, Math.min(j, hits.length - 1))], true);
  }
  input.addEventListener("input", renderSuggest);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { if (!hits.length) renderSuggest(); choose(active); ev.preventDefault(); }
    else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!hits.length) return;
      active = (active + (ev.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      Array.prototype.forEach.call(list.children, function (li, j) {
        li.setAttribute("aria-selected", j === active ? "true" : "false");
      });
      ev.preventDefault();
    } else if (ev.key === "Escape") { list.hidden = true; }
  });
  input.addEventListener("blur", function () { list.hidden = true; });
  byId("kg-fit").addEventListener("click", function () { network.fit({ animation: false }); fitLandmarks(); });

  /* ---- details panel -------------------------------------------------------------------- */
  var panel = byId("kg-detail-body"), details = byId("kg-details");
  byId("kg-close").addEventListener("click", function () {
    details.hidden = true;
    network.unselectAll();
  });
  function section(title) { panel.appendChild(el("h3", null, title)); }
  function docLine(d, extra) {
    var span = el("span", "kg-source");
    if (d === null || d === undefined) { span.textContent = extra || ""; return span; }
    var doc = D.docs[d], text = "— " + doc.t + (doc.dt ? " · " + doc.dt : "") + (doc.pb ? " · " + doc.pb : "");
    if (/^https?:\/\//i.test(doc.s)) {
      var a = el("a", null, text);
      a.href = doc.s; a.target = "_blank"; a.rel = "noopener noreferrer nofollow";
      span.appendChild(a);
    } else {
      span.textContent = text + (doc.s ? " · " + doc.s : "");
    }
    if (extra) span.appendChild(document.createTextNode(" · " + extra));
    return span;
  }
  function evidence(sentence, d, extra) {
    var box = el("div", "kg-evidence");
    if (sentence !== null && sentence !== undefined) {
      var q = el("q", null, D.strings[sentence]);
      box.appendChild(q);
    }
    box.appendChild(docLine(d, extra));
    return box;
  }
  function statLine(s) {
    var li = el("li", "kg-stat"), st = D.stats[s], bits = [];
    li.appendChild(el("span", null, st.l));
    if (st.v !== null) bits.push((st.q ? st.q + " " : "") + st.v + (st.u ? " " + st.u : ""));
    else if (st.min !== null || st.max !== null) bits.push((st.min || "?") + "–" + (st.max || "?") + (st.u ? " " + st.u : ""));
    if (st.ut) bits.push("(" + st.ut + ")");
    if (st.y) bits.push(st.y + "年");
    if (st.m) bits.push(st.m);
    if (st.t) bits.push("目标 target");
    if (bits.length) li.appendChild(el("div", "kg-more", bits.join(" · ")));
    if (st.e !== null) li.appendChild(evidence(st.e, st.d));
    return li;
  }
  function claimLine(c) {
    var li = el("li"), cl = D.claims[c];
    cl.s.forEach(function (s, j) { if (j) li.appendChild(document.createTextNode("、")); li.appendChild(nodeLink(s)); });
    li.appendChild(document.createTextNode(cl.s.length ? "：" : ""));
    li.appendChild(el("span", null, cl.x));
    if (cl.e !== null && D.strings[cl.e] !== cl.x) li.appendChild(evidence(cl.e, cl.d));
    else li.appendChild(docLine(cl.d));
    return li;
  }
  function edgeEvidence(e, into) {
    (e.e || []).forEach(function (ev) {
      var extra = [];
      if (ev[2] !== null) extra.push("置信度 " + ev[2].toFixed(2));
      if (ev[3] !== null) extra.push(D.strings[ev[3]]);
      into.appendChild(evidence(ev[0], ev[1], extra.join(" · ")));
    });
    if (e.n) into.appendChild(el("div", "kg-more", "共 " + fmt(e.n) + " 条证据 · " + fmt(e.n) + " statements in all"));
    if (e.w) into.appendChild(el("div", "kg-more", "共现 " + fmt(e.w) + " 次 · weight " + fmt(e.w)));
  }
  function header(title, cls, iri) {
    details.hidden = false;  // the canvas gives it room (autoResize)
    panel.replaceChildren();
    panel.appendChild(el("h2", null, title));
    if (cls) {
      var b = el("span", "kg-badge");
      b.appendChild(swatch(cls.shape, cls.color));
      b.appendChild(el("span", null, cls.zh + " " + cls.en));
      panel.appendChild(b);
    }
    if (iri) panel.appendChild(el("div", "kg-iri", iri));
  }
  function showNode(i) {
    var n = nodes[i], c = classes[n.c];
    header(n.l, c, n.i);
    if (n.ty) panel.appendChild(el("div", "kg-more", "类型 types: " + n.ty.join(", ")));
    if (n.al) { section("别名 Also known as"); panel.appendChild(el("div", null, n.al.join("、"))); }
    if (n.k) { section("繁简形式 Other scripts"); panel.appendChild(el("div", null, n.k.join("、"))); }
    if (n.at) {
      section("属性 Attributes");
      var ul0 = el("ul");
      n.at.forEach(function (a) { ul0.appendChild(el("li", null, a[0] + ": " + a[1])); });
      panel.appendChild(ul0);
    }
    if (n.s !== undefined) { section("统计数据 Statistic"); var u1 = el("ul"); u1.appendChild(statLine(n.s)); panel.appendChild(u1);
      var st = D.stats[n.s];
      [["关于 about", st.a], ["地区 region", st.r], ["占比基数 denominator", st.dn]].forEach(function (row) {
        if (!row[1].length) return;
        var div = el("div", null, row[0] + "：");
        row[1].forEach(function (r, j) { if (j) div.appendChild(document.createTextNode("、")); div.appendChild(nodeLink(r)); });
        panel.appendChild(div);
      });
    }
    if (n.q !== undefined) { section("观点 Claim"); var u2 = el("ul"); u2.appendChild(claimLine(n.q)); panel.appendChild(u2);
      var cl = D.claims[n.q];
      if (cl.a.length) {
        var div = el("div", null, "关于 about：");
        cl.a.forEach(function (r, j) { if (j) div.appendChild(document.createTextNode("、")); div.appendChild(nodeLink(r)); });
        panel.appendChild(div);
      }
    }
    if (n.doc !== undefined) { section("文档 Document"); panel.appendChild(docLine(n.doc)); }
    if (n.st) {
      section("统计数据 Statistics (" + fmt(n.nst) + ")");
      var ul = el("ul");
      n.st.forEach(function (s) { ul.appendChild(statLine(s)); });
      panel.appendChild(ul);
      if (n.nst > n.st.length) panel.appendChild(el("div", "kg-more", "… +" + fmt(n.nst - n.st.length)));
    }
    if (n.cl) {
      section("观点 Claims (" + fmt(n.ncl) + ")");
      var ulc = el("ul");
      n.cl.forEach(function (c2) { ulc.appendChild(claimLine(c2)); });
      panel.appendChild(ulc);
      if (n.ncl > n.cl.length) panel.appendChild(el("div", "kg-more", "… +" + fmt(n.ncl - n.cl.length)));
    }
    var inc = incident[i];
    if (inc.length) {
      section("关系 Relations (" + fmt(inc.length) + ")");
      var order = inc.slice().sort(function (a, b) {
        var ea = edges[a], eb = edges[b];
        return (props[ea.p].name === "relatedTo") - (props[eb.p].name === "relatedTo") || ea.p - eb.p ||
          (eb.n || (eb.e || []).length) - (ea.n || (ea.e || []).length) || a - b;
      });
      var ulr = el("ul"), limit = 60;
      order.slice(0, limit).forEach(function (k) {
        var e = edges[k], p = props[e.p], li = el("li"), out = e.f === i, other = out ? e.t : e.f;
        var arrow = p.sym ? "↔" : out ? "→" : "←";
        li.appendChild(el("span", "kg-prop", arrow + " " + p.zh + " "));
        li.appendChild(el("span", "kg-en", p.en + " "));
        li.appendChild(nodeLink(other));
        edgeEvidence(e, li);
        ulr.appendChild(li);
      });
      panel.appendChild(ulr);
      if (order.length > limit) panel.appendChild(el("div", "kg-more", "… +" + fmt(order.length - limit)));
    }
    if (n.d) {
      section("提及文档 Mentioned in (" + fmt(n.md) + ")");
      var uld = el("ul");
      n.d.forEach(function (d) { var li = el("li"); li.appendChild(docLine(d)); uld.appendChild(li); });
      panel.appendChild(uld);
    }
  }
  function showEdge(k) {
    var e = edges[k], p = props[e.p];
    header(nodes[e.f].l + (p.sym ? " ↔ " : " → ") + nodes[e.t].l, null, null);
    var line = el("div");
    line.appendChild(nodeLink(e.f));
    line.appendChild(el("span", "kg-prop", " " + p.zh + " "));
    line.appendChild(el("span", "kg-en", p.en + " "));
    line.appendChild(nodeLink(e.t));
    panel.appendChild(line);
    section("证据 Evidence");
    var box = el("div");
    edgeEvidence(e, box);
    if (!box.childNodes.length) box.appendChild(el("div", "kg-more", "无出处 · no provenance recorded"));
    panel.appendChild(box);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  /* ---- hover tooltips (text only) ------------------------------------------------------- */
  var tip = byId("kg-tip");
  function showTip(params, text) {
    var r = byId("kg-canvas").getBoundingClientRect();
    tip.textContent = text;
    tip.style.left = (r.left + params.pointer.DOM.x + 12) + "px";
    tip.style.top = (r.top + params.pointer.DOM.y + 12) + "px";
    tip.hidden = false;
  }
  network.on("hoverNode", function (p) {
    var n = nodes[p.node], c = classes[n.c];
    showTip(p, n.l + " · " + c.zh + " " + c.en + (n.g ? " · " + n.g + " 邻居 neighbours" : ""));
  });
  network.on("hoverEdge", function (p) {
    var e = edges[p.edge], pr = props[e.p];
    showTip(p, nodes[e.f].l + " —" + pr.zh + "→ " + nodes[e.t].l + ((e.n || (e.e || []).length) ?
      " · " + fmt(e.n || e.e.length) + " 条证据" : ""));
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("blurEdge", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });

  if (D.meta.focus !== null) select(D.meta.focus, false);

  window.kg = { data: D, search: search, select: function (i) { select(i, true); }, nodes: visNodes,
                edges: visEdges, nodeName: nodeName };
})();
