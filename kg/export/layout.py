"""Node positions for the HTML graph, computed once in Python so the browser
draws with physics off.

Why not networkx's ``spring_layout``: it takes ~40 s on 5,000 nodes and 15,000
edges, and a browser-side simulation of that size needs minutes to settle.
Here each connected component gets a Pivot-MDS start (Brandes & Pich 2006: BFS
distances from a few pivots, projected by an SVD, so the global shape is right
at once), refined by Fruchterman-Reingold iterations whose repulsion is exact
between nearby nodes and approximated by grid-cell centroids far away (one
level of Barnes-Hut), so each iteration is linear rather than quadratic. The
components are then packed in rows, largest first. On 5,000 nodes / 15,000
edges this takes about 2 s; the result is deterministic for the same input.

>>> pos = layout(4, [(0, 1), (1, 2), (2, 3)])
>>> len(pos), all(isinstance(x, float) for p in pos for x in p)
(4, True)
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from typing import Any

#: components up to this size are laid out together in one batch (saves numpy call overhead)
_BATCH_MAX = 12
_PIVOTS = 30
#: the canvas shape the packing of components aims at (landscape, like most screens)
_CANVAS = (1000.0, 800.0)


def _numpy() -> Any:
    try:
        import numpy
    except ImportError as e:  # pragma: no cover - a dependency of zhkg
        from kg.errors import KGError

        raise KGError("the HTML graph's layout needs numpy: pip install numpy (or use --no-html)") from e
    return numpy


def components(n: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components as sorted index lists, largest first (ties: smallest index).

    >>> components(5, [(0, 1), (3, 4), (4, 2)])
    [[2, 3, 4], [0, 1]]
    """
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda c: (-len(c), c[0]))


def _pivot_mds(adj: list[list[int]], np: Any) -> Any:
    """Pivot MDS of one connected component: graph-distance-faithful 2-D start positions."""
    n = len(adj)
    first = max(range(n), key=lambda i: (len(adj[i]), -i))
    pivots = [first]
    columns = []
    nearest = None
    for _ in range(min(_PIVOTS, n)):
        dist = [-1] * n
        dist[pivots[-1]] = 0
        queue = deque([pivots[-1]])
        while queue:
            u = queue.popleft()
            for v in adj[u]:
                if dist[v] < 0:
                    dist[v] = dist[u] + 1
                    queue.append(v)
        d = np.asarray(dist, dtype=float)
        columns.append(d)
        nearest = d if nearest is None else np.minimum(nearest, d)
        nxt = int(np.argmax(nearest))
        if nearest[nxt] == 0:
            break
        pivots.append(nxt)
    d2 = np.stack(columns, axis=1) ** 2
    c = -0.5 * (d2 - d2.mean(0) - d2.mean(1)[:, None] + d2.mean())
    # the top eigenvectors of the small pivots x pivots matrix CᵀC, projected: cheaper than an SVD of C
    _, vectors = np.linalg.eigh(c.T @ c)
    out = np.zeros((n, 2))
    m = min(2, vectors.shape[1])
    out[:, :m] = c @ vectors[:, ::-1][:, :m]
    # fix the sign so the result does not depend on the LAPACK build
    for k in range(m):
        j = int(np.argmax(np.abs(out[:, k])))
        if out[j, k] < 0:
            out[:, k] = -out[:, k]
    return out


def _near_pairs(key: Any, width: int, np: Any) -> tuple[Any, Any]:
    """Index pairs (i, j) of points in the same or adjacent grid cells, each pair once."""
    order = np.argsort(key, kind="stable")
    uniq, start, count = np.unique(key[order], return_index=True, return_counts=True)
    ii_all, jj_all = [], []
    # half of the 3x3 stencil: (0,0), (0,+1), (+1,-1), (+1,0), (+1,+1)
    for off in (0, 1, width - 1, width, width + 1):
        target = uniq + off
        idx = np.searchsorted(uniq, target)
        idx[idx >= len(uniq)] = 0
        ok = uniq[idx] == target
        a = np.nonzero(ok)[0]
        b = idx[ok]
        ca, cb = count[a], count[b]
        tot = ca * cb
        total = int(tot.sum())
        if total == 0:
            continue
        rep = np.repeat(np.arange(len(a)), tot)
        k = np.arange(total) - np.repeat(np.cumsum(tot) - tot, tot)
        ii = start[a][rep] + k // cb[rep]
        jj = start[b][rep] + k % cb[rep]
        if off == 0:
            keep = ii < jj
            ii, jj = ii[keep], jj[keep]
        ii_all.append(order[ii])
        jj_all.append(order[jj])
    if not ii_all:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(ii_all), np.concatenate(jj_all)


def _grid(pos: Any, k: float, batch: bool, np: Any) -> tuple[Any, int]:
    """Each point's grid cell as one integer key (and the key stride of a column): about
    four nodes a cell for a component, cells of 2k for a batch of small ones."""
    lo = pos.min(0)
    extent = np.maximum(pos.max(0) - lo, 1e-6)
    size = 2 * k if batch else max(math.sqrt(float(extent[0] * extent[1]) / max(len(pos) / 4.0, 1.0)), k)
    cell = np.floor((pos - lo) / size).astype(np.int64)
    width = int(cell[:, 1].max()) + 3
    return cell[:, 0] * width + cell[:, 1], width


def _near_force(pos: Any, key: Any, width: int, k: float, group: Any | None, np: Any) -> Any:
    """Fruchterman-Reingold repulsion k²/d between points in the same or adjacent cells.

    With ``group`` (a batch of separate small components) only same-group pairs repel,
    and only within 2k.
    """
    n = len(pos)
    ii, jj = _near_pairs(key, width, np)
    if group is not None:
        same = group[ii] == group[jj]
        ii, jj = ii[same], jj[same]
    dv = pos[ii] - pos[jj]
    d2 = np.maximum((dv * dv).sum(1), 1e-2)
    if group is not None:
        d2 = np.where(d2 < 4 * k * k, d2, np.inf)
    f = (k * k / d2)[:, None] * dv
    out = np.zeros_like(pos)
    for axis in (0, 1):
        out[:, axis] = np.bincount(ii, f[:, axis], n) - np.bincount(jj, f[:, axis], n)
    return out


def _far_force(pos: Any, key: Any, width: int, k: float, np: Any) -> Any:
    """Repulsion from every non-adjacent cell, as if its nodes sat at their centroid
    (one level of Barnes-Hut); every node of a cell gets its cell's force."""
    uk, inv = np.unique(key, return_inverse=True)
    if len(uk) <= 9:
        return np.zeros_like(pos)
    mass = np.bincount(inv, minlength=len(uk)).astype(float)
    cen = np.stack([np.bincount(inv, pos[:, 0]), np.bincount(inv, pos[:, 1])], 1) / mass[:, None]
    ux, uy = uk // width, uk % width
    far = (np.abs(ux[:, None] - ux[None, :]) > 1) | (np.abs(uy[:, None] - uy[None, :]) > 1)
    dx = cen[:, None, 0] - cen[None, :, 0]
    dy = cen[:, None, 1] - cen[None, :, 1]
    w = np.where(far, mass[None, :] * k * k / np.maximum(dx * dx + dy * dy, 1e-2), 0.0)
    return np.stack([(w * dx).sum(1), (w * dy).sum(1)], 1)[inv]


def _refine(pos: Any, ei: Any, ej: Any, ew: Any, k: float, iterations: int, start_temp: float,
            group: Any | None, np: Any) -> Any:
    """Fruchterman-Reingold iterations with a cooling step limit.

    A whole component also feels a constant pull of k·√n towards its centre (as in
    ForceAtlas2's gravity), which balances the repulsion at a radius of about k·√n: without
    it, leaves such as Statistics drift far out and the overview shrinks every label.
    """
    n = len(pos)
    far = np.zeros_like(pos)
    for it in range(iterations):
        temp = start_temp * (1 - it / iterations) ** 2 + 0.05 * k
        key, width = _grid(pos, k, group is not None, np)
        disp = _near_force(pos, key, width, k, group, np)
        if group is None:
            if it % 3 == 0:  # the far field changes slowly: refresh it every third step
                far = _far_force(pos, key, width, k, np)
            disp += far
            c = pos - pos.mean(0)
            r = np.sqrt((c * c).sum(1)) + 1e-9
            disp -= (k * math.sqrt(n) / r)[:, None] * c
        if len(ei):
            dv = pos[ei] - pos[ej]
            f = (ew * np.sqrt((dv * dv).sum(1)) / k)[:, None] * dv
            for axis in (0, 1):
                disp[:, axis] += np.bincount(ej, f[:, axis], n) - np.bincount(ei, f[:, axis], n)
        length = np.sqrt((disp * disp).sum(1)) + 1e-9
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
    return pos


def _local(comp: list[int], adj: list[list[int]]) -> tuple[list[list[int]], list[tuple[int, int]]]:
    where = {v: i for i, v in enumerate(comp)}
    local_adj = [[where[v] for v in adj[u]] for u in comp]
    local_edges = [(i, j) for i, nb in enumerate(local_adj) for j in nb if i < j]
    return local_adj, local_edges


def _start(local_adj: list[list[int]], k: float, rng: Any, np: Any) -> Any:
    """Pivot-MDS positions scaled to about k² of area per node, with a little jitter."""
    n = len(local_adj)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-k / 2, 0.0], [k / 2, 0.0]])
    pos = _pivot_mds(local_adj, np)
    extent = np.ptp(pos, 0)
    area = float(max(extent[0], 1e-3) * max(extent[1], 1e-3))
    pos *= math.sqrt(n * k * k / area) if area > 1e-6 else k
    return pos + rng.uniform(-k / 4, k / 4, pos.shape)


def _iterations(n: int) -> int:
    """More iterations where they are cheap: small graphs are the ones people read closely."""
    if n <= 300:
        return 300
    if n <= 1500:
        return 120
    return 60


def layout(n: int, edges: Sequence[tuple[int, int]], *, edge_length: float = 120.0,
           boxes: Sequence[tuple[float, float, float]] | None = None, weights: Sequence[float] | None = None,
           seed: int = 7) -> list[tuple[float, float]]:
    """Positions for nodes ``0..n-1`` joined by undirected ``edges``, about
    ``edge_length`` apart, components packed in rows around the origin.

    ``boxes`` are each node's half width, half height and vertical offset of the box's
    centre (shape and label together): no two boxes overlap in the result, so labels
    stay legible. ``weights`` scale each edge's pull (default 1).
    """
    np = _numpy()
    k = float(edge_length)
    half = (np.asarray(boxes, dtype=float).reshape(-1, 3) if boxes is not None
            else np.tile([k / 4, k / 4, 0.0], (n, 1)))
    rng = np.random.default_rng(seed)
    adj: list[list[int]] = [[] for _ in range(n)]
    pull: dict[tuple[int, int], float] = {}  # the strongest pull between each pair
    for (a, b), w in zip(edges, weights if weights is not None else [1.0] * len(edges), strict=True):
        if a == b:
            continue
        pair = (a, b) if a < b else (b, a)
        if pair not in pull:
            adj[a].append(b)
            adj[b].append(a)
        pull[pair] = max(pull.get(pair, 0.0), float(w))
    for (a, b), w in pull.items():  # a weak pull on a leaf would only send it far out
        if min(len(adj[a]), len(adj[b])) <= 2:
            pull[(a, b)] = max(w, 1.0)
    for nb in adj:
        nb.sort()
    comps = components(n, sorted(pull))
    placed: dict[int, Any] = {}

    big = [c for c in comps if len(c) > _BATCH_MAX]
    for comp in big:
        local_adj, local_edges = _local(comp, adj)
        pos = _start(local_adj, k, rng, np)
        e = np.asarray(local_edges, dtype=np.int64).reshape(-1, 2)
        w = np.asarray([pull[(comp[i], comp[j])] for i, j in local_edges])
        pos = _refine(pos, e[:, 0], e[:, 1], w, k, _iterations(len(comp)),
                      k * math.sqrt(len(comp)) * 0.05 + k, None, np)
        placed[comp[0]] = _separate(pos, half[comp], np)

    small = [c for c in comps if 2 <= len(c) <= _BATCH_MAX]
    if small:
        # lay out the small components side by side in one run, each in its own slot
        slot = k * (math.sqrt(_BATCH_MAX) + 4)
        starts, groups, eis, ejs, ews = [], [], [], [], []
        offset = 0
        for g, comp in enumerate(small):
            local_adj, local_edges = _local(comp, adj)
            pos = _start(local_adj, k, rng, np)
            pos = pos - pos.mean(0) + np.array([g * slot * 3, 0.0])
            starts.append(pos)
            groups.extend([g] * len(comp))
            eis.extend(offset + i for i, _ in local_edges)
            ejs.extend(offset + j for _, j in local_edges)
            ews.extend(pull[(comp[i], comp[j])] for i, j in local_edges)
            offset += len(comp)
        allpos = _refine(np.concatenate(starts), np.asarray(eis, dtype=np.int64),
                         np.asarray(ejs, dtype=np.int64), np.asarray(ews, dtype=float), k, 150, 2 * k,
                         np.asarray(groups, dtype=np.int64), np)
        allpos = _separate(allpos, half[[v for comp in small for v in comp]], np)
        offset = 0
        for comp in small:
            placed[comp[0]] = allpos[offset: offset + len(comp)]
            offset += len(comp)

    return _pack(comps, placed, half, k, np)


def _separate(pos: Any, half: Any, np: Any, rounds: int | None = None) -> Any:
    """Push apart nodes whose boxes (node and label: half width, half height, centre offset)
    overlap, each pair along its axis of least overlap, until none do.

    Where a crowd stays jammed (pushes from both sides cancel) the whole component is
    spread a little every tenth round, which always ends the overlaps.
    """
    n = len(pos)
    if n < 2:
        return pos
    if rounds is None:  # big graphs are read zoomed in, where a few overlaps matter less than time
        rounds = 200 if n <= 3000 else 50
    cell = float(2 * half[:, 0].max() + 1)
    cell_y = float(2 * half[:, 1].max() + 1)
    offset = np.zeros((n, 2))
    offset[:, 1] = half[:, 2]
    for step in range(rounds):
        if step % 10 == 9:
            mid = pos.mean(0)
            pos = mid + (pos - mid) * 1.05
        centre = pos + offset
        lo = centre.min(0)
        cx = np.floor((centre[:, 0] - lo[0]) / cell).astype(np.int64)
        cy = np.floor((centre[:, 1] - lo[1]) / cell_y).astype(np.int64)
        width = int(cy.max()) + 3
        ii, jj = _near_pairs(cx * width + cy, width, np)
        d = centre[jj] - centre[ii]
        ox = half[ii, 0] + half[jj, 0] - np.abs(d[:, 0])
        oy = half[ii, 1] + half[jj, 1] - np.abs(d[:, 1])
        hit = (ox > 0) & (oy > 0)
        if not hit.any():
            break
        ii, jj, d, ox, oy = ii[hit], jj[hit], d[hit], ox[hit], oy[hit]
        along_x = ox <= oy
        sx = np.where(d[:, 0] >= 0, 1.0, -1.0)
        sy = np.where(d[:, 1] >= 0, 1.0, -1.0)
        push = np.zeros((len(ii), 2))
        push[:, 0] = np.where(along_x, sx * ox * 0.55, 0.0)
        push[:, 1] = np.where(along_x, 0.0, sy * oy * 0.55)
        move = np.zeros_like(pos)
        for axis in (0, 1):
            move[:, axis] = np.bincount(jj, push[:, axis], n) - np.bincount(ii, push[:, axis], n)
        pos = pos + move
    return pos


def _shelf(sizes: list[tuple[float, float]], width: float) -> tuple[list[tuple[float, float]], float, float]:
    """Top-left corners of boxes placed left to right in rows no wider than ``width``
    (a box wider than that gets a row of its own), and the block's width and height."""
    corners = []
    x = y = row_height = right = 0.0
    for w, h in sizes:
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        corners.append((x, y))
        x += w
        right = max(right, x)
        row_height = max(row_height, h)
    return corners, right, y + row_height


def _pack(comps: list[list[int]], placed: dict[int, Any], half: Any, k: float,
          np: Any) -> list[tuple[float, float]]:
    """Pack the components, largest first, into the block that a landscape canvas shows
    largest: the others in rows below the largest, or beside it, whichever fits better."""
    boxes = []
    gap = k / 4
    for comp in comps:
        pos = placed.get(comp[0])
        if pos is None:
            pos = np.zeros((1, 2))
        centre = pos + np.stack([np.zeros(len(comp)), half[comp, 2]], 1)
        lo, hi = (centre - half[comp, :2]).min(0), (centre + half[comp, :2]).max(0)
        pos = pos - (lo + hi) / 2
        w, h = hi - lo + gap
        boxes.append((comp, pos, float(w), float(h)))
    out: list[tuple[float, float]] = [(0.0, 0.0)] * sum(len(c) for c in comps)
    if not boxes:
        return out
    sizes = [(w, h) for _, _, w, h in boxes]
    main_w, main_h = sizes[0]
    total = sum(w * h for w, h in sizes)
    options = []  # (corners, block width, block height)
    for factor in (1.0, 1.2, 1.5, 2.0):  # rows below the largest
        width = max(main_w, math.sqrt(total) * factor)
        options.append(_shelf(sizes, width))
    if len(sizes) > 1:  # the others beside it, in a column of rows
        widest = max(w for w, _ in sizes[1:])
        for factor in (1.0, 2.0, 4.0):
            corners, w, h = _shelf(sizes[1:], max(widest, math.sqrt(total - main_w * main_h) / factor))
            options.append(([(0.0, 0.0)] + [(x + main_w, y) for x, y in corners], main_w + w, max(main_h, h)))

    def shown_scale(option: tuple[list[tuple[float, float]], float, float]) -> float:
        return min(_CANVAS[0] / max(option[1], 1.0), _CANVAS[1] / max(option[2], 1.0))

    corners, block_w, block_h = max(options, key=shown_scale)  # the first of equals
    for (comp, pos, w, h), (x, y) in zip(boxes, corners, strict=True):
        for i, v in enumerate(comp):
            out[v] = (round(float(pos[i, 0] + x + w / 2 - block_w / 2), 1),
                      round(float(pos[i, 1] + y + h / 2 - block_h / 2), 1))
    return out
