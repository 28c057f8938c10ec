// Figure component "animal-split": 36 photos of 18 pets (three breeds, one
// to four photos per animal), each drawn as a square coloured by the split it
// lands in. "By photo" shuffles the photos and cuts 60/20/20; "by animal"
// shuffles each breed's animals and cuts them 60/20/20 (the capstone
// exercise's rule, floor(f * A + 0.5) animals), so all photos of one animal
// stay together. A bar under an animal marks one whose photos are on two
// sides: the model would be tested on a pet it trained on. The live region
// counts the val and test photos that leak and the animals cut in two.
//
//   ::: figure animal-split {mode=photo seed=1}
//
// mode: "photo" (default) or "animal"; seed: 1-999 (default 1). The
// generator is Park-Miller's minimal standard (s = 48271 s mod 2^31 - 1),
// exact in doubles, so scripts/figures/animal-split.py draws the static
// fallback from the same split.
"use strict";
(window.courseFigures = window.courseFigures || {})["animal-split"] = function mount(root, params) {
  const SVG = "http://www.w3.org/2000/svg";
  const CATALOGUE = [["Bengal", [3, 1, 2, 4, 1, 2]], ["Sphynx", [2, 2, 1, 3, 1]], ["beagle", [1, 3, 2, 1, 2, 4, 1]]];
  const F_VAL = 0.2, F_TEST = 0.2, SIDES = ["train", "val", "test"];
  const FILL = { train: "var(--fig-2)", val: "var(--fig-4)", test: "var(--fig-1)" };
  const CELL = 16, GAP = 3, AGAP = 12, LEFT = 74, TOP = 26, ROW = 46;
  const seedIn = Number(params.seed);
  let seed = Number.isInteger(seedIn) && seedIn >= 1 && seedIn <= 999 ? seedIn : 1;
  let mode = params.mode === "animal" ? "animal" : "photo";

  const photos = [];
  CATALOGUE.forEach(([breed, counts]) => counts.forEach((k, a) => { for (let p = 0; p < k; p++) photos.push([breed, a, p]); }));

  function minstd(s) {
    s = (s * 7919 + 1) % 2147483647 || 1;
    return () => (s = (s * 48271) % 2147483647);
  }
  function shuffle(items, next) {
    for (let i = items.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
  }
  const halfUp = (x) => Math.floor(x + 0.5);
  const pick = (rank, nTest, nVal) => (rank < nTest ? "test" : rank < nTest + nVal ? "val" : "train");

  function split() {
    const next = minstd(seed);
    if (mode === "photo") {
      const order = photos.map((_, i) => i);
      shuffle(order, next);
      const nTest = halfUp(F_TEST * photos.length), nVal = halfUp(F_VAL * photos.length);
      const side = new Array(photos.length);
      order.forEach((i, rank) => { side[i] = pick(rank, nTest, nVal); });
      return side;
    }
    const animalSide = {};
    const byName = CATALOGUE.slice().sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    byName.forEach(([breed, counts]) => {
      const animals = counts.map((_, a) => a);
      shuffle(animals, next);
      const nTest = halfUp(F_TEST * animals.length), nVal = halfUp(F_VAL * animals.length);
      animals.forEach((a, rank) => { animalSide[breed + "/" + a] = pick(rank, nTest, nVal); });
    });
    return photos.map(([b, a]) => animalSide[b + "/" + a]);
  }

  // Layout: one row per breed, the photos of an animal side by side.
  const pos = [], spans = [];
  let width = 0, y = TOP;
  CATALOGUE.forEach(([breed, counts]) => {
    let x = LEFT;
    counts.forEach((k, a) => {
      const start = x;
      for (let p = 0; p < k; p++) { pos.push([x, y]); x += CELL + GAP; }
      spans.push([breed, a, start, x - GAP, y]);
      x += AGAP;
    });
    width = Math.max(width, x);
    y += ROW;
  });
  const W = width + 4, H = y + 8;

  function el(name, attrs, text) {
    const e = document.createElement(name);
    for (const a in attrs) e.setAttribute(a, attrs[a]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(name, attrs, text) {
    const e = document.createElementNS(SVG, name);
    for (const a in attrs) e.setAttribute(a, attrs[a]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img",
    "aria-label": "Photos of 18 pets coloured by the split they land in; bars mark animals with photos on two sides" });
  svg.style.cssText = `max-width:${Math.round(W * 1.4)}px;margin:0 auto;aspect-ratio:${W}/${H}`;
  const uid = "as" + Math.random().toString(36).slice(2, 8);
  const controls = el("div", { class: "figure-controls" });
  const modeLabel = el("label", { for: uid + "-mode" }, "Split");
  const select = el("select", { id: uid + "-mode" });
  select.appendChild(el("option", { value: "photo" }, "by photo"));
  select.appendChild(el("option", { value: "animal" }, "by animal, within each breed"));
  const reseed = el("button", { type: "button" }, "New shuffle");
  const seedOut = el("output", { class: "figure-value" });
  controls.append(modeLabel, select, reseed, seedOut);
  const live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "3em";
  root.append(svg, controls, live);

  function draw() {
    select.value = mode;
    seedOut.textContent = "seed " + seed;
    const side = split();
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.appendChild(svgEl("text", { x: 4, y: 14, class: "fig-label" },
      "Bar: animal in 2+ splits"));
    CATALOGUE.forEach(([breed], row) => svg.appendChild(svgEl("text", { x: 4, y: TOP + row * ROW + 12, class: "fig-tick" }, breed)));
    pos.forEach(([x, yy], i) => svg.appendChild(svgEl("rect", { x, y: yy, width: CELL, height: CELL, rx: 2,
      class: "photo photo-" + side[i], style: "fill:" + FILL[side[i]] })));
    const sidesOf = {};
    photos.forEach(([b, a], i) => { (sidesOf[b + "/" + a] = sidesOf[b + "/" + a] || new Set()).add(side[i]); });
    spans.forEach(([b, a, x0, x1, yy]) => {
      if (sidesOf[b + "/" + a].size > 1) {
        svg.appendChild(svgEl("rect", { x: x0, y: yy + CELL + 4, width: x1 - x0, height: 4, class: "leak", style: "fill:var(--text)" }));
      }
    });
    let lx = LEFT;
    SIDES.forEach((s) => {
      svg.appendChild(svgEl("rect", { x: lx, y: H - 14, width: 10, height: 10, style: "fill:" + FILL[s] }));
      svg.appendChild(svgEl("text", { x: lx + 14, y: H - 5, class: "fig-tick" }, s));
      lx += 64;
    });
    const count = { train: 0, val: 0, test: 0 };
    side.forEach((s) => { count[s]++; });
    const trainAnimals = new Set(), held = [];
    photos.forEach(([b, a], i) => { if (side[i] === "train") trainAnimals.add(b + "/" + a); else held.push(b + "/" + a); });
    const leaked = held.filter((k) => trainAnimals.has(k));
    const la = Object.keys(sidesOf).filter((k) => sidesOf[k].size > 1).length;
    const how = mode === "photo" ? "by photo" : "by animal, within each breed";
    live.textContent = `Split ${how}, seed ${seed}: train ${count.train}, val ${count.val}, test ${count.test} photos. ` +
      `${leaked.length} of the ${held.length} val and test photos show an animal that also has photos in train` +
      (la ? `; ${la} animals have photos in more than one split.` : "; every animal is in one split.");
  }

  select.addEventListener("change", () => { mode = select.value; draw(); });
  reseed.addEventListener("click", () => { seed = seed % 999 + 1; draw(); });
  draw();
};
