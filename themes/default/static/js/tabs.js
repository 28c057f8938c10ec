// Tab groups (.tabs > .tab-panel[data-label]). Without scripts every panel
// shows, stacked under its .tab-label. Here each group becomes an ARIA
// tablist (arrow keys, Home, End). The chosen label is remembered in
// localStorage ("course.tabs", most recent first) and applied to every group
// on every page that has a panel with that label.
"use strict";
(() => {
  const KEY = "course.tabs";
  const MAX = 12;
  let groups = [];
  let uid = 0;

  function remembered() {
    try {
      const v = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];
    } catch {
      return [];
    }
  }

  function remember(label) {
    const list = [label, ...remembered().filter((l) => l !== label)].slice(0, MAX);
    try {
      localStorage.setItem(KEY, JSON.stringify(list));
    } catch {
      /* storage blocked: the choice lasts for this page */
    }
    return list;
  }

  function labelOf(panel) {
    return panel.dataset.label || panel.querySelector(":scope > .tab-label")?.textContent.trim() || "";
  }

  function select(group, index, focus) {
    group.tabs.forEach((tab, i) => {
      const on = i === index;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      group.panels[i].hidden = !on;
    });
    group.current = index;
    if (focus) group.tabs[index].focus();
  }

  // Apply the most recently chosen label each group has.
  function applyPreference(list, except) {
    for (const group of groups) {
      if (group === except) continue;
      for (const label of list) {
        const i = group.labels.indexOf(label);
        if (i !== -1) {
          if (i !== group.current) select(group, i, false);
          break;
        }
      }
    }
  }

  function choose(group, index, focus) {
    // Keep the clicked tab where it is on screen while other groups above
    // it change height.
    const tab = group.tabs[index];
    const before = tab.getBoundingClientRect().top;
    select(group, index, focus);
    applyPreference(remember(group.labels[index]), group);
    const shift = tab.getBoundingClientRect().top - before;
    if (Math.abs(shift) > 1) window.scrollBy({ top: shift, behavior: "instant" });
  }

  function build(el) {
    const panels = Array.from(el.querySelectorAll(":scope > .tab-panel"));
    if (panels.length === 0 || el.classList.contains("is-tabbed")) return null;
    const n = ++uid;
    const list = document.createElement("div");
    list.className = "tablist";
    list.setAttribute("role", "tablist");
    const group = { el, panels, tabs: [], labels: panels.map(labelOf), current: 0 };
    panels.forEach((panel, i) => {
      const tab = document.createElement("button");
      tab.type = "button";
      tab.className = "tab";
      tab.id = `tab-${n}-${i}`;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", (panel.id ||= `tabpanel-${n}-${i}`));
      tab.textContent = group.labels[i] || `Tab ${i + 1}`;
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      tab.addEventListener("click", () => choose(group, i, false));
      group.tabs.push(tab);
      list.appendChild(tab);
    });
    list.addEventListener("keydown", (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const last = group.tabs.length - 1;
      let i = group.current;
      switch (e.key) {
        case "ArrowRight": i = i === last ? 0 : i + 1; break;
        case "ArrowLeft": i = i === 0 ? last : i - 1; break;
        case "Home": i = 0; break;
        case "End": i = last; break;
        default: return;
      }
      e.preventDefault();
      e.stopPropagation();
      choose(group, i, true);
    });
    el.insertBefore(list, el.firstChild);
    el.classList.add("is-tabbed");
    select(group, 0, false);
    return group;
  }

  function init() {
    groups = Array.from(document.querySelectorAll(".tabs")).map(build).filter(Boolean);
    if (groups.length) applyPreference(remembered(), null);
    window.addEventListener("storage", (e) => {
      if (e.key === KEY) applyPreference(remembered(), null);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
