/* orggraph interactive org chart. Plain JavaScript and SVG, no library.
 *
 * The page's data (orggraph/render/html.py, chart_data) lists every box of the organisation once; boxes are
 * drawn only while their parent is open. tidyTree() is orggraph.render.layout.tidy_tree (Reingold-Tilford with
 * Walker's spreading and compact stacks of leaves) line for line, top to bottom, so the browser lays out
 * exactly as the Python library does; tests compare the two. fold() is orggraph.text.fold.
 */
(function () {
  "use strict";

  var D = JSON.parse(document.getElementById("orggraph-data").textContent);
  var C = D.cards;
  var N = C.length;
  var S = D.strings;
  // the facts behind the details panel and the search: parsed when first needed, or soon after opening
  var details = null;
  function X() {
    if (!details) details = JSON.parse(document.getElementById("orggraph-details").textContent);
    return details;
  }
  var NODE_ID = 0, NODE_NAME = 1, NODE_KIND = 2, NODE_CITE = 3, NODE_CARD = 4;
  function nodeId(n) { return S[X().nodes[n][NODE_ID]]; }
  function nodeName(n) { return S[X().nodes[n][NODE_NAME]]; }
  function cardId(card) { return S[C[card][ID]]; }
  var ID = 0, KIND = 1, PARENT = 2, EDGE = 3, BRANCH = 4, FLAGS = 5, W = 6, H = 7, LINES = 8, PILL = 9,
    PW = 10, BADGE = 11, BW = 12, RULES = 13, NODES = 14;

  // orggraph/render/style.py and chart.py
  var INK = "#1f2933", MUTED = "#52606d", LINE = "#7b8794", BORDER = "#9aa5b1", NEUTRAL = "#8c96a3";
  var POLITICAL = "#6c4f9e", POLITICAL_BAND = "#f4f0fa", HIGHLIGHT = "#d9480f", HIGHLIGHT_FILL = "#fff1e6";
  var SMALL = 7, CAP_HEIGHT = 0.729, PAD_X = 6, PAD_Y = 4, STRIPE = 3, SWATCH = 6, BAND_PAD = 10, BAND_GAP = 40;
  var LINK = {
    l: { dash: "", colour: LINE, width: 1 },
    b: { dash: "3 2", colour: LINE, width: 1 },
    p: { dash: "", colour: "#c3cad3", width: 0.8 },
    c: { dash: "5 2 1 2", colour: LINE, width: 1 },
  };

  function lineHeight(size) { return size * 1.25; }
  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function r2(x) { return Math.round(x * 100) / 100; }

  // -- the tree of cards ----------------------------------------------------------------------------------
  var kids = new Array(N);
  var parentOf = new Int32Array(N);
  for (var i = 0; i < N; i++) {
    var p = C[i][PARENT];
    parentOf[i] = p;
    if (p >= 0) (kids[p] || (kids[p] = [])).push(i);
  }
  var startOpen = D.open;
  var open = new Set(startOpen);
  var marks = D.marks || {};
  var found = new Set();
  var selected = -1;

  function visibleKids(card) { return open.has(card) && kids[card] ? kids[card] : []; }
  function hasKids(card) { return !!kids[card]; }
  function closed(card) { return hasKids(card) && !open.has(card); }
  function size(card) {
    var c = C[card];
    if (closed(card) && c[BADGE] >= 0) return [Math.max(c[W], c[BW] + 2 * PAD_X), c[H] + lineHeight(SMALL) + 3];
    return [c[W], c[H]];
  }

  // -- fold: orggraph.text.fold -----------------------------------------------------------------------------
  var DANISH = { "ø": "o", "æ": "ae", "å": "a", "ö": "o", "ä": "ae", "ß": "ss", "đ": "d", "ł": "l" };
  var DANISH_RE = /[øæåöäßđł]/g;
  var MARKS_RE = /\p{Mn}/gu;
  function fold(text) {
    var s = String(text).normalize("NFC").toLowerCase().replace(DANISH_RE, function (ch) { return DANISH[ch]; });
    s = s.normalize("NFKD").replace(MARKS_RE, "");
    s = s.split("aa").join("a").split("oe").join("o");
    return s.replace(/[^0-9a-z]+/g, " ").trim();
  }

  // -- tidyTree: orggraph.render.layout.tidy_tree, direction "TB" ----------------------------------------------
  var EPS = 1e-9;
  function tidyTree(roots, kidsOf, sizeOf, compact) {
    var columns = D.columns || 2, minStack = 4, siblingGap = 12, subtreeGap = 24, levelGap = 36, columnGap = 20, rowGap = 8;
    var ROOT = -1;
    var sizes = new Map();
    function sz(n) { var s = sizes.get(n); if (!s) { s = sizeOf(n); sizes.set(n, s); } return s; }
    // 1. walk the forest: levels, pre-order
    var level = new Map(), order = [], walk = [], j, n, ks;
    for (j = roots.length - 1; j >= 0; j--) { level.set(roots[j], 0); walk.push(roots[j]); }
    while (walk.length) {
      n = walk.pop();
      order.push(n);
      ks = kidsOf(n);
      for (j = ks.length - 1; j >= 0; j--) { level.set(ks[j], level.get(n) + 1); walk.push(ks[j]); }
    }
    // 2. items: each parent's children, stacked leaves replaced by one stack item
    var items = new Map(), plans = new Map(), itemParent = new Map();
    var holders = [[ROOT, roots]];
    for (j = 0; j < order.length; j++) holders.push([order[j], kidsOf(order[j])]);
    holders.forEach(function (pair) {
      var holder = pair[0], list = pair[1];
      if (!list.length) return;
      var row = list;
      if (compact) {
        var leaves = list.filter(function (k) { return !kidsOf(k).length; });
        if (leaves.length >= minStack) {
          var key = "s" + holder;
          plans.set(key, planStack(leaves));
          var leafSet = new Set(leaves);
          row = [];
          list.forEach(function (k) {
            if (!leafSet.has(k)) row.push(k);
            else if (k === leaves[0]) row.push(key);
          });
          level.set(key, holder !== ROOT ? level.get(holder) + 1 : 0);
        }
      }
      items.set(holder, row);
      row.forEach(function (item) { itemParent.set(item, holder); });
    });
    function planStack(leaves) {
      var count = leaves.length;
      var rows = Math.ceil(count / Math.min(columns, count));
      var used = Math.ceil(count / rows);
      var cellWidth = -Infinity, rowHeights = new Array(rows).fill(0), k;
      for (k = 0; k < count; k++) {
        var s = sz(leaves[k]);
        if (s[0] > cellWidth) cellWidth = s[0];
        rowHeights[k % rows] = Math.max(rowHeights[k % rows], s[1]);
      }
      var height = 0;
      for (k = 0; k < rows; k++) height += rowHeights[k];
      return {
        members: leaves, columns: used, rows: rows, cellWidth: cellWidth, rowHeights: rowHeights,
        width: used * cellWidth + (used - 1) * columnGap + (used === 1 ? columnGap : 0),
        height: height + (rows - 1) * rowGap,
      };
    }
    function breadth(item) { var plan = plans.get(item); return plan ? plan.width : sz(item)[0]; }
    function depthSize(item) { var plan = plans.get(item); return plan ? plan.height : sz(item)[1]; }
    // 3. levels
    var levelSize = [];
    order.forEach(function (node) {
      if (!itemParent.has(node)) return;
      var lv = level.get(node);
      while (levelSize.length <= lv) levelSize.push(0);
      levelSize[lv] = Math.max(levelSize[lv], depthSize(node));
    });
    var defaultSize = Infinity;
    levelSize.forEach(function (s) { if (s > 0 && s < defaultSize) defaultSize = s; });
    if (defaultSize === Infinity) defaultSize = 1;
    levelSize = levelSize.map(function (s) { return s > 0 ? s : defaultSize; });
    var levelStart = [], position = 0;
    levelSize.forEach(function (s) { levelStart.push(position); position += s + levelGap; });
    function startOf(lv) {
      while (levelStart.length <= lv) {
        var previous = levelStart.length - 1;
        levelStart.push(levelStart.length ? levelStart[previous] + levelSize[previous] + levelGap : 0);
        levelSize.push(defaultSize);
      }
      return levelStart[lv];
    }
    var span = new Map();
    plans.forEach(function (plan, key) {
      var lv = level.get(key), bottom = startOf(lv) + plan.height, count = 1;
      while (startOf(lv + count) - levelGap < bottom - EPS) count++;
      span.set(key, count);
    });
    // 4. contours bottom-up
    var rel = new Map(), contours = new Map(), index = new Map();
    items.forEach(function (row) { row.forEach(function (item, k) { index.set(item, k); }); });
    function climb(node, holder) {
      while (itemParent.get(node) !== holder) node = itemParent.get(node);
      return node;
    }
    function mergeRow(holder) {
      var row = items.get(holder), count = row.length;
      var acc = contours.get(row[0]);
      contours.delete(row[0]);
      var pos = new Array(count).fill(0), ramp = new Array(count + 2).fill(0), q, r;
      for (q = 1; q < count; q++) {
        var cur = contours.get(row[q]);
        contours.delete(row[q]);
        var aL = acc.left, aR = acc.right, aO = acc.owner, aOff = acc.offset;
        var bL = cur.left, bR = cur.right, bO = cur.owner, bOff = cur.offset;
        var ha = aL.length, hb = bL.length, common = Math.min(ha, hb);
        var reqs = [], best = -Infinity, bestR = 0;
        for (r = 0; r < common; r++) {
          var gap = r === 0 ? siblingGap : subtreeGap;
          var req = aR[ha - 1 - r] + aOff + gap - bL[hb - 1 - r] - bOff;
          reqs.push(req);
          if (req > best + EPS) { best = req; bestR = r; }
        }
        var shift = best;
        pos[q] = shift;
        if (bestR > 0) {
          var k = index.get(climb(aO[ha - 1 - bestR], holder));
          if (q - k >= 2) {
            var room = Infinity;
            for (r = 0; r < bestR; r++) room = Math.min(room, shift - reqs[r]);
            if (room > EPS) {
              var step = room / (q - k);
              ramp[k + 1] += step;
              ramp[q] -= room;
              ramp[q + 1] += room - step;
            }
          }
        }
        bOff += shift;
        if (hb <= ha) {
          for (r = 0; r < hb; r++) {
            aR[ha - 1 - r] = bR[hb - 1 - r] + bOff - aOff;
            aO[ha - 1 - r] = bO[hb - 1 - r];
          }
        } else {
          for (r = 0; r < ha; r++) bL[hb - 1 - r] = aL[ha - 1 - r] + aOff - bOff;
          acc = { left: bL, right: bR, owner: bO, offset: bOff };
        }
      }
      if (count > 2) {
        var slope = 0, value = 0;
        for (q = 0; q < count; q++) { slope += ramp[q]; value += slope; pos[q] += value; }
      }
      var middle = (pos[0] + pos[count - 1]) / 2;
      for (q = 0; q < count; q++) rel.set(row[q], pos[q] - middle);
      acc.offset -= middle;
      return acc;
    }
    var post = [], walkItems = (items.get(ROOT) || []).slice();
    while (walkItems.length) {
      var item = walkItems.pop();
      post.push(item);
      var sub = items.get(item);
      if (sub) for (j = 0; j < sub.length; j++) walkItems.push(sub[j]);
    }
    for (j = post.length - 1; j >= 0; j--) {
      var it = post[j], half = breadth(it) / 2;
      if (plans.has(it)) {
        var m = span.get(it);
        contours.set(it, { left: new Array(m).fill(-half), right: new Array(m).fill(half), owner: new Array(m).fill(it), offset: 0 });
        continue;
      }
      var contour = items.has(it) ? mergeRow(it) : { left: [], right: [], owner: [], offset: 0 };
      contour.left.push(-half - contour.offset);
      contour.right.push(half - contour.offset);
      contour.owner.push(it);
      contours.set(it, contour);
    }
    if ((items.get(ROOT) || []).length) mergeRow(ROOT);
    // 5. absolute positions
    var centre = new Map(), walk2 = (items.get(ROOT) || []).slice();
    walk2.forEach(function (x) { centre.set(x, rel.get(x)); });
    while (walk2.length) {
      var at = walk2.pop(), base = centre.get(at), below = items.get(at);
      if (below) below.forEach(function (x) { centre.set(x, base + rel.get(x)); walk2.push(x); });
    }
    var boxes = new Map(), stackRects = new Map();
    centre.forEach(function (b, item) {
      var d0 = levelStart[level.get(item)], hf = breadth(item) / 2, extent = depthSize(item);
      var rect = [b - hf, d0, b + hf, d0 + extent];
      var plan = plans.get(item);
      if (plan) {
        stackRects.set(item, rect);
        var tops = [rect[1]];
        plan.rowHeights.forEach(function (h) { tops.push(tops[tops.length - 1] + h + rowGap); });
        plan.members.forEach(function (member, k) {
          var column = Math.floor(k / plan.rows), rowIndex = k % plan.rows;
          var x0 = rect[0] + column * (plan.cellWidth + columnGap) + (plan.columns === 1 ? columnGap : 0);
          var y0 = tops[rowIndex];
          boxes.set(member, [x0, y0, x0 + plan.cellWidth, y0 + plan.rowHeights[rowIndex]]);
        });
      } else boxes.set(item, rect);
    });
    var minX = Infinity, minY = Infinity;
    function low(rect) { if (rect[0] < minX) minX = rect[0]; if (rect[1] < minY) minY = rect[1]; }
    boxes.forEach(low);
    stackRects.forEach(low);
    if (minX === Infinity) { minX = 0; minY = 0; }
    function move(rect) { rect[0] -= minX; rect[2] -= minX; rect[1] -= minY; rect[3] -= minY; }
    boxes.forEach(move);
    stackRects.forEach(move);
    // 6. connectors
    var links = [];
    items.forEach(function (row, holder) {
      if (holder === ROOT) return;
      var box = boxes.get(holder);
      var bus = startOf(level.get(holder) + 1) - levelGap / 2 - minY;
      var px = (box[0] + box[2]) / 2;
      row.forEach(function (item) {
        var plan = plans.get(item);
        if (!plan) {
          var kid = boxes.get(item), cx = (kid[0] + kid[2]) / 2;
          links.push({ parent: holder, child: item, points: [[px, box[3]], [px, bus], [cx, bus], [cx, kid[1]]] });
          return;
        }
        plan.members.forEach(function (member, k) {
          var column = Math.floor(k / plan.rows), kb = boxes.get(member), spine, edge;
          if (column % 2 === 0 && column + 1 < plan.columns) { spine = kb[2] + columnGap / 2; edge = kb[2]; }
          else { spine = kb[0] - columnGap / 2; edge = kb[0]; }
          var mid = (kb[1] + kb[3]) / 2;
          links.push({ parent: holder, child: member, points: [[px, box[3]], [px, bus], [spine, bus], [spine, mid], [edge, mid]] });
        });
      });
    });
    var width = 0, height = 0;
    function high(rect) { if (rect[2] > width) width = rect[2]; if (rect[3] > height) height = rect[3]; }
    boxes.forEach(high);
    stackRects.forEach(high);
    return { boxes: boxes, links: links, width: width, height: height };
  }

  // -- the whole picture: political band above the administration (chart.py _compose) --------------------
  var labelHeight = lineHeight(SMALL);
  function layoutAll() {
    var pol = tidyTree(D.politicalRoots, visibleKids, size, false);
    var adm = tidyTree(D.roots, visibleKids, size, true);
    var hasBand = pol.boxes.size > 0;
    var polDepth = hasBand ? pol.height + 2 * BAND_PAD + labelHeight : 0;
    var polBreadth = hasBand ? pol.width + 2 * BAND_PAD : 0;
    var gap = hasBand && adm.boxes.size ? (D.secondary.length ? BAND_GAP : BAND_GAP / 2) : 0;
    var breadth = Math.max(polBreadth, adm.width);
    var boxes = new Map(), links = [];
    function place(layout, dx, dy) {
      layout.boxes.forEach(function (r, k) { boxes.set(k, [r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy]); });
      layout.links.forEach(function (link) {
        links.push({ parent: link.parent, child: link.child, points: link.points.map(function (pt) { return [pt[0] + dx, pt[1] + dy]; }) });
      });
    }
    place(pol, (breadth - pol.width) / 2, BAND_PAD + labelHeight);
    place(adm, (breadth - adm.width) / 2, polDepth + gap);
    return {
      boxes: boxes, links: links, width: breadth, height: polDepth + gap + adm.height,
      band: hasBand ? [0, 0, breadth, polDepth] : null,
    };
  }

  // -- drawing ----------------------------------------------------------------------------------------------
  var svg = document.getElementById("og-view");
  var scene = document.getElementById("og-scene");
  var styleSheet = document.createElement("style");
  styleSheet.textContent = D.styles.map(function (s, k) {
    return "#og-view .s" + k + "{font-size:" + s[0] + "px;font-weight:" + s[1] + ";font-style:" + s[2] + ";fill:" + s[3] + "}";
  }).join("\n");
  document.head.appendChild(styleSheet);

  function branchColour(branch) { return branch >= 0 ? D.palette[branch % D.palette.length] : NEUTRAL; }
  function cardColour(c) { return c[FLAGS] & 1 ? POLITICAL : branchColour(c[BRANCH]); }
  var measureCanvas = document.createElement("canvas").getContext("2d");
  function textWidth(text, size, weight) {
    measureCanvas.font = (weight || "normal") + " " + size + "px 'DejaVu Sans', Verdana, sans-serif";
    return measureCanvas.measureText(text).width;
  }
  function pillShape(x, y, w, h, fill) {
    return '<rect x="' + r2(x) + '" y="' + r2(y) + '" width="' + r2(w) + '" height="' + h + '" rx="' + h / 2 + '" fill="' + fill + '"></rect>';
  }
  function textAt(x, middle, text, cls, anchor, extra) {
    var size = D.styles[cls][0];
    return '<text class="s' + cls + '" x="' + r2(x) + '" y="' + r2(middle + CAP_HEIGHT * size / 2) + '"' +
      (anchor ? ' text-anchor="' + anchor + '"' : "") + (extra || "") + ">" + esc(text) + "</text>";
  }
  var pillStyle = -1;
  D.styles.forEach(function (s, k) { if (s[0] === SMALL && s[1] === "bold" && s[2] === "normal" && pillStyle < 0) pillStyle = k; });
  function smallBold(x, middle, text, fill) {
    return '<text x="' + r2(x) + '" y="' + r2(middle + CAP_HEIGHT * SMALL / 2) + '" text-anchor="middle" font-size="7" font-weight="bold" fill="' + fill + '">' + esc(text) + "</text>";
  }

  function drawCard(card, rect) {
    var c = C[card], w = rect[2] - rect[0], h = rect[3] - rect[1], colour = cardColour(c);
    var highlighted = c[FLAGS] & 2 || marks[card];
    var cls = "og-card" + (found.has(card) ? " og-found" : "") + (card === selected ? " og-selected" : "");
    var out = ['<g class="' + cls + '" data-card="' + card + '" data-id="' + esc(S[c[ID]]) + '"' +
      (highlighted ? ' data-highlighted="1"' : "") + ' transform="translate(' + r2(rect[0]) + "," + r2(rect[1]) + ')">'];
    var fill = highlighted ? HIGHLIGHT_FILL : c[KIND] === "m" ? "#f2f4f6" : "#fbfbfc";
    var stroke = highlighted ? HIGHLIGHT : c[FLAGS] & 1 ? POLITICAL : BORDER;
    out.push('<rect class="og-frame" width="' + r2(w) + '" height="' + r2(h) + '" rx="3" fill="' + fill + '" stroke="' + stroke + '" stroke-width="' + (highlighted ? 2 : 0.8) + '"></rect>');
    out.push('<rect x="1.5" y="0.8" width="' + r2(w - 3) + '" height="' + STRIPE + '" fill="' + colour + '"></rect>');
    var y = STRIPE + PAD_Y + 1, centre = w / 2, rules = c[RULES], left = c[FLAGS] & 4;
    var lines = c[LINES];
    var marked = {};
    (marks[card] || []).forEach(function (m) { marked[m[0]] = m[1]; });
    var markedNames = {};
    Object.keys(marked).forEach(function (node) { markedNames[nodeName(+node)] = marked[node]; });
    var lineRole = null;
    for (var k = 0; k < lines.length; k++) {
      var line = lines[k], st = D.styles[line[1]], lh = lineHeight(st[0]);
      if (rules.indexOf(k) >= 0) {
        out.push('<line x1="' + PAD_X + '" y1="' + r2(y + 1) + '" x2="' + r2(w - PAD_X) + '" y2="' + r2(y + 1) + '" stroke="#d5dae0" stroke-width="0.6"></line>');
        y += 3;
      }
      if (line.length > 2) {
        if (line[2]) lineRole = c[KIND] === "b" && st[1] === "bold" ? roleForLine(S[line[0]], markedNames) : null;
        if (line[2]) out.push('<rect x="' + PAD_X + '" y="' + r2(y + lh / 2 - SWATCH / 2) + '" width="' + SWATCH + '" height="' + SWATCH + '" fill="' + line[2] + '"></rect>');
        var roleOf = lineRole;
        out.push(textAt(PAD_X + SWATCH + 4, y + lh / 2, S[line[0]], line[1], "", roleOf ? ' data-role="' + esc(roleOf) + '" style="fill:' + HIGHLIGHT + '"' : ""));
      } else if (left) {
        var roleOfLeft = c[KIND] === "b" && st[1] === "bold" && k > 0 ? roleForLine(S[line[0]], markedNames) : null;
        out.push(textAt(PAD_X, y + lh / 2, S[line[0]], line[1], "", roleOfLeft ? ' data-role="' + esc(roleOfLeft) + '" style="fill:' + HIGHLIGHT + '"' : ""));
      } else out.push(textAt(centre, y + lh / 2, S[line[0]], line[1], "middle"));
      if (k === 0 && c[PILL] >= 0) {
        var right = w - PAD_X + 2, pw = c[PW];
        out.push(pillShape(right - pw, y + lh / 2 - 5, pw, 10, colour));
        out.push(smallBold(right - pw / 2, y + lh / 2, S[c[PILL]], D.inkOn[colour] || "white"));
      }
      y += lh;
    }
    if (closed(card) && c[BADGE] >= 0) {
      var middle = h - PAD_Y - lineHeight(SMALL) / 2, bw = c[BW];
      out.push('<g class="og-badge" data-toggle="' + card + '"><title>Open: show the reports</title>' +
        pillShape(centre - bw / 2, middle - 5.5, bw, 11, "#e4e7eb") + smallBold(centre, middle, S[c[BADGE]], MUTED) + "</g>");
    }
    var roles = [];
    (marks[card] || []).forEach(function (m) { m[1].forEach(function (role) { if (role !== "highlighted" && roles.indexOf(role) < 0) roles.push(role); }); });
    if (roles.length) {
      var label = roles.join(" · "), lw = textWidth(label, SMALL, "bold") + 8;
      out.push('<g class="og-mark">' + pillShape(w - lw, -6, lw, 11, HIGHLIGHT) + smallBold(w - lw / 2, -0.5, label, "white") + "</g>");
    }
    out.push("</g>");
    return out.join("");
  }
  function roleForLine(text, markedNames) {
    var best = null;
    Object.keys(markedNames).forEach(function (name) {
      if (text === name || text.indexOf(name + " ") === 0 || name.indexOf(text + " ") === 0) best = markedNames[name].filter(function (r) { return r !== "highlighted"; }).join(", ") || "highlighted";
    });
    return best;
  }

  function pathOf(points) {
    return "M" + points.map(function (pt) { return r2(pt[0]) + " " + r2(pt[1]); }).join("L");
  }
  function drawLinks(links) {
    var byParent = new Map();
    links.forEach(function (link) { var list = byParent.get(link.parent); if (!list) byParent.set(link.parent, list = []); list.push(link); });
    var out = [];
    byParent.forEach(function (list) {
      var kinds = list.map(function (link) { return C[link.child][EDGE].charAt(0) || "l"; });
      var trunk = kinds.indexOf("l") >= 0 ? "l" : kinds[0];
      out.push(stroke(pathOf(list[0].points.slice(0, 2)), LINK[trunk].colour, LINK[trunk]));
      var order = list.map(function (link, k) { return k; });
      order.sort(function (a, b) { return length(list[b].points.slice(1)) - length(list[a].points.slice(1)); });
      order.forEach(function (k) {
        var link = list[k], kind = kinds[k], child = C[link.child];
        var colour = child[EDGE].indexOf("v") >= 0 ? branchColour(child[BRANCH]) : LINK[kind].colour;
        out.push(stroke(pathOf(link.points.slice(1)), colour, LINK[kind]));
      });
    });
    return out.join("");
  }
  function stroke(d, colour, look) {
    return '<path d="' + d + '" fill="none" stroke="' + colour + '" stroke-width="' + look.width + '"' + (look.dash ? ' stroke-dasharray="' + look.dash + '"' : "") + "></path>";
  }
  function length(points) {
    var total = 0;
    for (var k = 1; k < points.length; k++) total += Math.abs(points[k][0] - points[k - 1][0]) + Math.abs(points[k][1] - points[k - 1][1]);
    return total;
  }

  // dotted secondary lines, their ends spread along the facing edges (chart.py _draw_secondary)
  function drawSecondary(boxes) {
    var lines = D.secondary.filter(function (s) { return boxes.has(s[0]) && boxes.has(s[1]); });
    var starts = spread(lines, boxes, true), ends = spread(lines, boxes, false), out = [];
    lines.forEach(function (s, k) {
      var a = boxes.get(s[0]), b = boxes.get(s[1]), pts = facing(a, b, starts[k], ends[k]);
      var x1 = pts[0][0], y1 = pts[0][1], x2 = pts[1][0], y2 = pts[1][1];
      var cx = (x1 + x2) / 2 - 0.1 * (y2 - y1), cy = (y1 + y2) / 2 + 0.1 * (x2 - x1);
      var political = C[s[1]][FLAGS] & 1, dash = s[2] === "candidate manager" ? LINK.c.dash : "1 2";
      out.push('<path class="og-secondary" d="M' + r2(x1) + " " + r2(y1) + "Q" + r2(cx) + " " + r2(cy) + " " + r2(x2) + " " + r2(y2) +
        '" fill="none" stroke="' + (political ? POLITICAL : LINE) + '" stroke-width="1" stroke-dasharray="' + dash + '" marker-end="url(#' +
        (political ? "og-arrow-pol" : "og-arrow") + ')"><title>' + esc(s[2]) + "</title></path>");
    });
    return out.join("");
  }
  function spread(lines, boxes, outgoing) {
    var groups = new Map(), fraction = [];
    lines.forEach(function (s, k) { var key = outgoing ? s[0] : s[1]; var g = groups.get(key); if (!g) groups.set(key, g = []); g.push(k); });
    groups.forEach(function (group) {
      group.sort(function (a, b) {
        var ra = boxes.get(outgoing ? lines[a][1] : lines[a][0]), rb = boxes.get(outgoing ? lines[b][1] : lines[b][0]);
        return (ra[0] + ra[2]) - (rb[0] + rb[2]);
      });
      group.forEach(function (k, q) { fraction[k] = group.length === 1 ? 0.5 : 0.2 + 0.6 * q / (group.length - 1); });
    });
    return fraction;
  }
  function facing(a, b, atA, atB) {
    var ax = a[0] + atA * (a[2] - a[0]), bx = b[0] + atB * (b[2] - b[0]);
    var ay = a[1] + atA * (a[3] - a[1]), by = b[1] + atB * (b[3] - b[1]);
    var vertical = a[3] <= b[1] || b[3] <= a[1], horizontal = a[2] <= b[0] || b[2] <= a[0];
    if (vertical) return b[3] <= a[1] ? [[ax, a[1]], [bx, b[3]]] : [[ax, a[3]], [bx, b[1]]];
    if (horizontal) return b[2] <= a[0] ? [[a[0], ay], [b[2], by]] : [[a[2], ay], [b[0], by]];
    return [[ax, a[1]], [bx, b[3]]];
  }

  var current = null;
  var view = { x: 20, y: 20, k: 1 };
  function render() {
    var started = performance.now();
    current = layoutAll();
    var out = [];
    if (current.band) {
      var band = current.band;
      out.push('<rect x="' + band[0] + '" y="' + band[1] + '" width="' + r2(band[2] - band[0]) + '" height="' + r2(band[3] - band[1]) + '" rx="6" fill="' + POLITICAL_BAND + '"></rect>');
      out.push('<text x="6" y="' + r2(4 + CAP_HEIGHT * SMALL) + '" font-size="7" font-weight="bold" fill="' + POLITICAL + '">Political level</text>');
    }
    out.push('<g class="og-links">' + drawLinks(current.links) + "</g>");
    out.push('<g class="og-secondaries">' + drawSecondary(current.boxes) + "</g>");
    var cards = [], toggles = [];
    current.boxes.forEach(function (rect, card) {
      cards.push(drawCard(card, rect));
      // a minus under an open box; a plus under a closed one without a count to click (e.g. a council's committees)
      if (hasKids(card) && (open.has(card) || C[card][BADGE] < 0)) {
        var cx = (rect[0] + rect[2]) / 2, cy = rect[3] + 6, opened = open.has(card);
        toggles.push('<g class="og-toggle" data-toggle="' + card + '" transform="translate(' + r2(cx) + "," + r2(cy) + ')"><title>' +
          (opened ? "Close: hide the reports" : "Open: show the reports") + '</title><circle r="5"></circle><path d="M-2.5 0H2.5' + (opened ? "" : "M0 -2.5V2.5") + '"></path></g>');
      }
    });
    out.push('<g class="og-cards">' + cards.join("") + "</g>");
    out.push('<g class="og-toggles">' + toggles.join("") + "</g>");
    scene.innerHTML = out.join("");
    applyView();
    status(performance.now() - started);
  }
  function applyView() {
    scene.setAttribute("transform", "translate(" + r2(view.x) + "," + r2(view.y) + ") scale(" + view.k + ")");
  }
  var totalPosts = 0;
  C.forEach(function (c) { if (c[KIND] === "p") totalPosts += 1; else if (c[KIND] === "b") totalPosts += c[NODES].length - 1; });
  function status(ms) {
    var shown = 0;
    current.boxes.forEach(function (rect, card) { var c = C[card]; shown += c[KIND] === "p" ? 1 : c[KIND] === "b" ? c[NODES].length - 1 : 0; });
    document.getElementById("og-status").textContent = "Organisation chart · " + shown.toLocaleString("en").replace(/,/g, " ") +
      " of " + totalPosts.toLocaleString("en").replace(/,/g, " ") + " posts shown · " + current.boxes.size + " boxes";
    window.orggraph.lastRenderMs = ms;
  }

  // -- pan and zoom -----------------------------------------------------------------------------------------
  function viewSize() { var r = svg.getBoundingClientRect(); return [r.width || 800, r.height || 600]; }
  // the whole chart in the window (at least legible: a wide chart starts at its top, centred on the first box)
  function fit(legible) {
    var vs = viewSize(), margin = 16;
    var k = Math.min((vs[0] - 2 * margin) / Math.max(current.width, 1), (vs[1] - 2 * margin) / Math.max(current.height, 1));
    view.k = Math.max(legible ? 0.8 : 0.05, Math.min(1.6, k));
    view.x = Math.max(margin, (vs[0] - current.width * view.k) / 2);
    if (current.width * view.k > vs[0] - 2 * margin) {
      var top = firstBox();
      view.x = vs[0] / 2 - (top ? (top[0] + top[2]) / 2 : current.width / 2) * view.k;
    }
    view.y = margin;
    applyView();
  }
  function firstBox() {
    var first = D.roots.length ? D.roots[0] : D.politicalRoots[0];
    return first === undefined ? null : current.boxes.get(first);
  }
  function zoomAt(factor, px, py) {
    var k = Math.max(0.05, Math.min(8, view.k * factor));
    view.x = px - (px - view.x) * (k / view.k);
    view.y = py - (py - view.y) * (k / view.k);
    view.k = k;
    applyView();
  }
  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var r = svg.getBoundingClientRect();
    zoomAt(Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015)), event.clientX - r.left, event.clientY - r.top);
  }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, moved: false, id: event.pointerId };
  });
  svg.addEventListener("pointermove", function (event) {
    if (!drag) return;
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) > 3) {
      drag.moved = true;
      svg.classList.add("og-dragging");
      svg.setPointerCapture(drag.id);
    }
    if (drag.moved) { view.x = drag.vx + dx; view.y = drag.vy + dy; applyView(); }
  });
  function endDrag() { if (drag && drag.moved) svg.classList.remove("og-dragging"); }
  svg.addEventListener("pointerup", function () { endDrag(); setTimeout(function () { drag = null; }, 0); });
  svg.addEventListener("pointercancel", function () { endDrag(); drag = null; });
  svg.addEventListener("click", function (event) {
    if (drag && drag.moved) return;
    var toggle = event.target.closest("[data-toggle]");
    if (toggle) { toggleCard(+toggle.getAttribute("data-toggle")); return; }
    var card = event.target.closest("[data-card]");
    if (card) showDetails(+card.getAttribute("data-card"));
  });
  svg.addEventListener("dblclick", function (event) {
    var card = event.target.closest("[data-card]");
    if (card && hasKids(+card.getAttribute("data-card"))) toggleCard(+card.getAttribute("data-card"));
  });
  document.getElementById("og-zoom-in").onclick = function () { var vs = viewSize(); zoomAt(1.25, vs[0] / 2, vs[1] / 2); };
  document.getElementById("og-zoom-out").onclick = function () { var vs = viewSize(); zoomAt(0.8, vs[0] / 2, vs[1] / 2); };
  document.getElementById("og-fit").onclick = function () { fit(false); };
  document.getElementById("og-reset").onclick = function () { open = new Set(startOpen); found.clear(); render(); fit(true); };

  // open or close a box; the box stays where it is on the screen
  function toggleCard(card) {
    if (!hasKids(card)) return;
    var before = current.boxes.get(card);
    if (open.has(card)) open.delete(card); else open.add(card);
    render();
    keepInPlace(card, before);
  }
  function keepInPlace(card, before) {
    var after = current.boxes.get(card);
    if (!before || !after) return;
    view.x += (before[0] - after[0]) * view.k;
    view.y += (before[1] - after[1]) * view.k;
    applyView();
  }
  // open everything above a box and bring it to the middle of the screen
  function reveal(card) {
    var up = parentOf[card];
    while (up >= 0) { open.add(up); up = parentOf[up]; }
    render();
    var rect = current.boxes.get(card), vs = viewSize(), free = vs[0] - (panel.hidden ? 0 : panel.offsetWidth + 16);
    if (view.k < 0.8) view.k = 1;
    view.x = Math.max(free, 200) / 2 - (rect[0] + rect[2]) / 2 * view.k;
    view.y = vs[1] / 3 - (rect[1] + rect[3]) / 2 * view.k;
    applyView();
  }

  // -- search: like Org.find (exact, then a word starting with the text, then containing it) ---------------
  // the folded id, name and aliases of every drawn node; built in slices after the first drawing, so that a
  // large organisation opens at once and its first search need not wait
  var index = [], indexed = [], indexedUpTo = 0, folded = new Map();
  function foldOnce(text) { var k = folded.get(text); if (k === undefined) { k = fold(text); folded.set(text, k); } return k; }
  function indexSome(count) {
    var end = Math.min(X().nodes.length, indexedUpTo + count);
    for (var n = indexedUpTo; n < end; n++) {
      var node = X().nodes[n];
      if (node[NODE_CARD] < 0) continue;
      var keys = [foldOnce(S[node[NODE_ID]]), foldOnce(S[node[NODE_NAME]])];
      (X().aliases[n] || []).forEach(function (alias) { keys.push(foldOnce(alias)); });
      index.push(keys.filter(function (k, q) { return k && keys.indexOf(k) === q; }));
      indexed.push(n);
    }
    indexedUpTo = end;
  }
  function indexInSlices() {
    if (indexedUpTo >= X().nodes.length) return;
    indexSome(5000);
    setTimeout(indexInSlices, 0);
  }
  function searchIndex() {
    indexSome(Infinity);
    return index;
  }
  // node numbers of the drawn nodes that match, best first
  function search(text) {
    var key = fold(text);
    if (!key) return [];
    var keys = searchIndex(), exact = [], prefix = [], inner = [];
    for (var k = 0; k < keys.length; k++) {
      var best = 3;
      for (var q = 0; q < keys[k].length; q++) {
        var t = keys[k][q];
        if (t === key) { best = 0; break; }
        var at = t.indexOf(key);  // a text counts where the key first occurs in it, as in Org.find
        if (at >= 0) best = Math.min(best, at === 0 || t.charAt(at - 1) === " " ? 1 : 2);
      }
      if (best === 0) exact.push(indexed[k]); else if (best === 1) prefix.push(indexed[k]); else if (best === 2) inner.push(indexed[k]);
    }
    return exact.concat(prefix, inner);
  }
  var input = document.getElementById("og-search"), results = document.getElementById("og-results");
  var hits = [], active = -1, timer = 0;
  function showResults() {
    hits = search(input.value);
    active = hits.length ? 0 : -1;
    found = new Set(hits.slice(0, 200).map(function (n) { return X().nodes[n][NODE_CARD]; }));
    if (!input.value.trim()) { results.hidden = true; found.clear(); render(); return; }
    var items = hits.slice(0, 40).map(function (n, k) {
      var post = X().posts[n], card = X().nodes[n][NODE_CARD], name = nodeName(n), where = "";
      if (post && post[0] >= 0 && nodeName(post[0]) !== name) where = nodeName(post[0]);
      else if (C[card][NODES][0] !== n) where = "in " + nodeName(C[card][NODES][0]);
      return '<li data-hit="' + k + '"' + (k === active ? ' class="og-active"' : "") + ">" + esc(name) + (where ? " <small>" + esc(where) + "</small>" : "") + "</li>";
    });
    if (!hits.length) items.push('<li class="og-none">No post or unit matches</li>');
    else if (hits.length > 40) items.push('<li class="og-none">' + (hits.length - 40) + " more</li>");
    results.innerHTML = items.join("");
    results.hidden = false;
    render();
  }
  function choose(k) {
    var n = hits[k];
    if (n === undefined) return;
    results.hidden = true;
    showDetails(X().nodes[n][NODE_CARD], n);
    reveal(X().nodes[n][NODE_CARD]);
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(showResults, N > 20000 ? 150 : 60); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { clearTimeout(timer); if (!hits.length || results.hidden) showResults(); choose(Math.max(active, 0)); }
    else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      active = Math.max(0, Math.min(Math.min(hits.length, 40) - 1, active + (event.key === "ArrowDown" ? 1 : -1)));
      Array.prototype.forEach.call(results.children, function (li, k) { li.classList.toggle("og-active", k === active); });
    } else if (event.key === "Escape") { results.hidden = true; }
  });
  results.addEventListener("click", function (event) {
    var li = event.target.closest("[data-hit]");
    if (li) choose(+li.getAttribute("data-hit"));
  });

  // -- details ------------------------------------------------------------------------------------------------
  var panel = document.getElementById("og-details"), body = document.getElementById("og-details-body");
  document.getElementById("og-close").onclick = function () { panel.hidden = true; selected = -1; render(); };
  function number(x) { return x === null || x === undefined ? "?" : (Math.round(x * 10) / 10).toLocaleString("en").replace(/,/g, " "); }
  function meetings(x) { return number(x) + (x === 1 ? " meeting" : " meetings"); }
  function cite(k) { return k >= 0 ? '<div class="og-cite">' + esc(X().cites[k]) + "</div>" : '<div class="og-cite">no source</div>'; }
  // a post's decisions and responsibilities: orggraph.decisions.responsibilities
  function decisionsOf(post) {
    var parents = new Map([[post, -1]]), queue = [post], head = 0;
    while (head < queue.length) {
      var node = queue[head++];
      (X().up[node] || []).forEach(function (target) { if (!parents.has(target)) { parents.set(target, node); queue.push(target); } });
    }
    var found = [];
    parents.forEach(function (from, holder) {
      var via = [], step = holder;
      while (step !== -1 && step !== post) { via.push(step); step = parents.get(step); }
      via.reverse();
      (X().roles[holder] || []).forEach(function (r) { found.push({ topic: S[r[0]], role: S[r[1]], holder: holder, via: via, cite: r[2] }); });
    });
    return found;
  }
  function describe(n, roles) {
    var node = X().nodes[n], post = X().posts[n];
    var kind = S[node[NODE_KIND]];
    var out = ["<h2>" + esc(nodeName(n)) + "</h2>", '<div class="og-kind">' + (kind !== nodeId(n) ? esc(kind.replace(/_/g, " ")) + " · " : "") + esc(nodeId(n)) + "</div>"];
    if (roles && roles.length) out.push('<div class="og-role">' + esc(roles.join(", ")) + "</div>");
    if (post) {
      var manager = post[3] === -2 ? "not documented" : post[3] >= 0 ? nodeName(post[3]) : "";
      var facts = [["Holder", S[post[1]]], ["Unit", post[0] >= 0 ? nodeName(post[0]) : ""], ["Head count", S[post[2]]], ["Manager", manager]];
      out.push("<dl>" + facts.filter(function (f) { return f[1]; }).map(function (f) { return "<dt>" + f[0] + "</dt><dd>" + esc(f[1]) + "</dd>"; }).join("") + "</dl>");
    }
    if (node[NODE_CITE] >= 0) out.push(cite(node[NODE_CITE]));
    if (post && post[4].length) {
      out.push('<h3>Forums (' + post[4].length + ")" + (post[5] !== null ? " · " + meetings(post[5]) + (post[6] !== null ? ", " + number(post[6]) + " hours" : "") + " a year" : "") + '</h3><ul class="og-forums">');
      post[4].forEach(function (f) {
        var load = X().forums[f[0]] || [null, null];
        out.push('<li><a role="button" tabindex="0" data-forum="' + f[0] + '"><b>' + esc(nodeName(f[0])) + "</b></a> — " + esc(S[f[1]]) + (load[0] !== null ? " · " + meetings(load[0]) + (load[1] !== null ? ", " + number(load[1]) + " h" : "") + " a year" : "") + "</li>");
      });
      out.push("</ul>");
    }
    var decisions = post ? decisionsOf(n) : (X().roles[n] || []).map(function (r) { return { topic: S[r[0]], role: S[r[1]], holder: n, via: [], cite: r[2] }; });
    if (decisions.length) {
      out.push('<h3>Decisions and responsibilities (' + decisions.length + ')</h3><ul class="og-decisions">');
      decisions.forEach(function (x) {
        var via = x.via.map(nodeName).join(" → ");
        out.push("<li><b>" + esc(x.topic) + "</b> — " + esc(x.role.replace(/_/g, " ")) + (via ? " <small>via " + esc(via) + "</small>" : "") + cite(x.cite) + "</li>");
      });
      out.push("</ul>");
    }
    return out.join("");
  }
  function showDetails(card, first) {
    var c = C[card], nodes = c[NODES].slice();
    if (!nodes.length) return;
    if (first !== undefined && nodes.indexOf(first) > 0) { nodes.splice(nodes.indexOf(first), 1); nodes.unshift(first); }
    var roles = {};
    (marks[card] || []).forEach(function (m) { roles[m[0]] = m[1]; });
    if (first === undefined) {  // what a highlight marks comes first: the decider before the board
      var marked = nodes.filter(function (n) { return roles[n]; });
      nodes = marked.concat(nodes.filter(function (n) { return !roles[n]; }));
    }
    var parts = [describe(nodes[0], roles[nodes[0]])];
    for (var k = 1; k < nodes.length; k++) parts.push('<div class="og-member">' + describe(nodes[k], roles[nodes[k]]) + "</div>");
    body.innerHTML = parts.join("");
    panel.hidden = false;
    panel.scrollTop = 0;
    selected = card;
    render();
  }

  // -- forums: who sits where -------------------------------------------------------------------------------------
  var seats = null;  // forum -> [[post, roles], ...], from each post's forums
  function forumSeats() {
    if (seats) return seats;
    seats = new Map();
    Object.keys(X().forums).forEach(function (f) { seats.set(+f, []); });
    Object.keys(X().posts).forEach(function (p) {
      X().posts[p][4].forEach(function (f) { var list = seats.get(f[0]); if (!list) seats.set(f[0], list = []); list.push([+p, S[f[1]]]); });
    });
    return seats;
  }
  function loadText(f) {
    var load = X().forums[f] || [null, null];
    return load[0] !== null ? meetings(load[0]) + (load[1] !== null ? ", " + number(load[1]) + " h" : "") + " a year" : "meetings not documented";
  }
  function showForums() {
    var list = Array.from(forumSeats().keys()).sort(function (a, b) { return nodeName(a).localeCompare(nodeName(b), "da"); });
    body.innerHTML = "<h2>Forums (" + list.length + ")</h2><div class=\"og-kind\">who sits where: click a forum to mark its members</div><ul class=\"og-forum-list\">" +
      list.map(function (f) {
        return '<li><a role="button" tabindex="0" data-forum="' + f + '"><b>' + esc(nodeName(f)) + "</b></a> — " + forumSeats().get(f).length + " posts · " + loadText(f) + "</li>";
      }).join("") + "</ul>";
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  function showForum(f) {
    var members = forumSeats().get(f) || [];
    found = new Set(members.map(function (m) { return X().nodes[m[0]][NODE_CARD]; }).filter(function (card) { return card >= 0; }));
    if (found.size <= 300) found.forEach(function (card) { var up = parentOf[card]; while (up >= 0) { open.add(up); up = parentOf[up]; } });
    var out = ["<h2>" + esc(nodeName(f)) + "</h2>", '<div class="og-kind">forum · ' + esc(nodeId(f)) + " · " + loadText(f) + "</div>"];
    if (X().nodes[f][NODE_CITE] >= 0) out.push(cite(X().nodes[f][NODE_CITE]));
    out.push("<h3>Members" + (members.length ? " (" + members.length + ")" + (found.size > 300 ? " · marked where shown" : " · marked in the chart") : ": none documented") + '</h3><ul class="og-seats">');
    members.slice(0, 500).forEach(function (m) {
      out.push('<li><a role="button" tabindex="0" data-post="' + m[0] + '">' + esc(nodeName(m[0])) + "</a> — " + esc(m[1]) + "</li>");
    });
    if (members.length > 500) out.push("<li>… " + (members.length - 500) + " more</li>");
    out.push("</ul>");
    body.innerHTML = out.join("");
    panel.hidden = false;
    panel.scrollTop = 0;
    render();
  }
  body.addEventListener("click", function (event) {
    var link = event.target.closest("[data-forum],[data-post]");
    if (!link) return;
    event.preventDefault();
    if (link.hasAttribute("data-forum")) showForum(+link.getAttribute("data-forum"));
    else {
      var card = X().nodes[+link.getAttribute("data-post")][NODE_CARD];
      if (card >= 0) reveal(card);
    }
  });
  document.getElementById("og-forums").onclick = showForums;

  // -- legend and the highlighted decision ----------------------------------------------------------------------
  function sample(kind) {
    var line = function (look, colour) {
      return '<svg width="24" height="10"><path d="M1 5H23" stroke="' + colour + '" stroke-width="' + look.width + '"' + (look.dash ? ' stroke-dasharray="' + look.dash + '"' : "") + "></path></svg>";
    };
    if (kind === "secondary") return line({ width: 1, dash: "1 2" }, POLITICAL);
    if (kind === "highlight") return '<svg width="24" height="10"><rect x="4" y="1" width="16" height="8" fill="' + HIGHLIGHT_FILL + '" stroke="' + HIGHLIGHT + '" stroke-width="1.5"></rect></svg>';
    if (kind === "count") return '<svg width="24" height="12"><rect x="1" y="1" width="22" height="10" rx="5" fill="' + NEUTRAL + '"></rect><text x="12" y="8.6" text-anchor="middle" font-size="7" font-weight="bold" fill="white">×9</text></svg>';
    return line(LINK[kind], LINK[kind].colour);
  }
  (function legend() {
    var edges = {};
    C.forEach(function (c) { if (c[EDGE]) edges[c[EDGE].charAt(0)] = true; });
    var entries = [];
    if (edges.l) entries.push(["l", "reports to"]);
    if (edges.b) entries.push(["b", "reports to a body (the individual manager is not documented)"]);
    if (edges.p) entries.push(["p", "part of / heads"]);
    if (edges.c) entries.push(["c", "reports to one of these (which one is not documented)"]);
    var kinds = [];
    D.secondary.forEach(function (s) { if (s[2] !== "candidate manager" && kinds.indexOf(s[2]) < 0) kinds.push(s[2]); });
    if (kinds.length) entries.push(["secondary", "secondary line (" + kinds.sort().join(", ") + ")"]);
    if (Object.keys(marks).length || C.some(function (c) { return c[FLAGS] & 2; })) entries.push(["highlight", "highlighted"]);
    if (C.some(function (c) { return c[PILL] >= 0; })) entries.push(["count", "posts of this kind (×?: number not documented)"]);
    document.getElementById("og-legend").innerHTML = entries.map(function (e) { return "<span>" + sample(e[0]) + esc(e[1]) + "</span>"; }).join("");
    if (D.decision) {
      var box = document.getElementById("og-decision");
      box.innerHTML = "<b>Highlighted:</b> " + esc(D.decision.text) + D.decision.sources.slice(0, 1).map(cite).join("");
      box.hidden = false;
    }
  })();

  window.orggraph = {
    fold: fold,
    forum: function (id) { showForum(nodeNumber(id)); },
    found: function () { return Array.from(found).map(cardId); },
    search: function (text) { return search(text).map(nodeId); },
    decisions: function (id) {
      var n = nodeNumber(id);
      return decisionsOf(n).map(function (x) { return [x.topic, x.role, nodeId(x.holder), x.via.map(nodeId), x.cite >= 0 ? X().cites[x.cite] : "no source"]; });
    },
    toggle: function (id) { toggleCard(cardIndex(id)); },
    reveal: function (id) { reveal(cardIndex(id)); },
    details: function (id) { showDetails(cardIndex(id)); },
    shown: function () { var ids = []; current.boxes.forEach(function (r, card) { ids.push(cardId(card)); }); return ids; },
    boxes: function () { var out = {}; current.boxes.forEach(function (r, card) { out[cardId(card)] = r; }); return out; },
    open: function () { return Array.from(open).map(cardId); },
    tidyTree: function (roots, children, sizes, compact, columns) {
      var saved = D.columns;
      D.columns = columns || 2;
      var names = [], numbers = new Map();
      function num(id) { if (!numbers.has(id)) { numbers.set(id, names.length); names.push(id); } return numbers.get(id); }
      var laid = tidyTree(roots.map(num), function (n) { return (children[names[n]] || []).map(num); }, function (n) { return sizes[names[n]]; }, compact);
      D.columns = saved;
      var out = {};
      laid.boxes.forEach(function (r, n) { out[names[n]] = r; });
      return { boxes: out, width: laid.width, height: laid.height };
    },
    lastRenderMs: 0,
  };
  function cardIndex(id) {
    for (var k = 0; k < N; k++) if (cardId(k) === id) return k;
    throw new Error("no box " + id);
  }
  function nodeNumber(id) {
    for (var k = 0; k < X().nodes.length; k++) if (nodeId(k) === id) return k;
    throw new Error("no node " + id);
  }

  render();
  fit(true);
  window.orggraph.readyAt = performance.now();  // ms from the start of navigation to the chart drawn
  document.documentElement.setAttribute("data-ready", "1");
  setTimeout(indexInSlices, 50);
})();
