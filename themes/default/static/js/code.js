// Copy buttons on code blocks (figure.code). The copied text leaves out line
// numbers (.ln) and, for interactive sessions (pycon, console,
// shell-session), keeps only the lines the reader types, without their
// prompts (">>> ", "... ", "$ ", "# "): what you would paste into a
// terminal.
"use strict";
(() => {
  const SESSION = {
    pycon: /^(>>>|\.\.\.)(?: |$)/,
    // An optional "(venv) " before the prompt.
    console: /^(?:\([^()\s]+\) ?)?[$#](?: |$)/,
    "shell-session": /^(?:\([^()\s]+\) ?)?[$#](?: |$)/,
  };
  const COPY_ICON =
    '<svg aria-hidden="true" viewBox="0 0 24 24" width="14" height="14"><rect x="8.5" y="8.5" width="11" height="12" rx="2" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M15.5 8.5V5.5a2 2 0 0 0-2-2h-7a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h2" fill="none" stroke="currentColor" stroke-width="1.8"/></svg>';
  const DONE_ICON =
    '<svg aria-hidden="true" viewBox="0 0 24 24" width="14" height="14"><path d="m5 12.5 4.5 4.5L19 7.5" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>';

  // The code of a block, one string per line, without line numbers.
  function codeLines(figure) {
    const pre = figure.querySelector("pre");
    if (!pre) return [];
    const lines = pre.querySelectorAll(".line");
    if (lines.length === 0) {
      return pre.textContent.replace(/\n$/, "").split("\n");
    }
    const out = [];
    for (const line of lines) {
      const cl = line.querySelector(".cl");
      let text = cl ? cl.textContent : line.textContent;
      if (!cl) {
        const ln = line.querySelector(".ln");
        if (ln) text = text.slice(ln.textContent.length);
      }
      out.push(text.replace(/\r?\n$/, ""));
    }
    return out;
  }

  function textToCopy(figure) {
    const lang = (figure.dataset.lang || figure.querySelector("pre")?.dataset.lang || "").toLowerCase();
    let lines = codeLines(figure);
    const prompt = SESSION[lang];
    if (prompt && lines.some((l) => prompt.test(l))) {
      lines = lines.filter((l) => prompt.test(l)).map((l) => l.replace(prompt, ""));
    }
    return lines.join("\n").replace(/\s+$/, "") + "\n";
  }

  async function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        // Some browsers leave the promise pending (a permission prompt
        // nobody answers): give up on it after a second.
        const done = navigator.clipboard.writeText(text).then(() => true);
        const late = new Promise((resolve) => setTimeout(() => resolve(false), 1000));
        if (await Promise.race([done, late])) return true;
      } catch {
        /* fall through to the old way */
      }
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    const focused = document.activeElement;
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    if (focused instanceof HTMLElement) focused.focus({ preventScroll: true });
    return ok;
  }

  // One polite live region tells screen readers what happened.
  let live = null;
  function announce(message) {
    if (!live) {
      live = document.createElement("p");
      live.className = "sr-only";
      live.setAttribute("role", "status");
      document.body.appendChild(live);
    }
    live.textContent = "";
    setTimeout(() => {
      live.textContent = message;
    }, 50);
  }

  function addButton(figure) {
    if (figure.querySelector(":scope > .copy-button")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.innerHTML = `${COPY_ICON}<span>Copy</span>`;
    button.setAttribute("aria-label", "Copy code");
    let timer = 0;
    button.addEventListener("click", async () => {
      const ok = await copy(textToCopy(figure));
      button.classList.toggle("is-copied", ok);
      button.innerHTML = ok ? `${DONE_ICON}<span>Copied</span>` : `${COPY_ICON}<span>Press Ctrl+C</span>`;
      button.setAttribute("aria-label", ok ? "Copied" : "Copy failed");
      announce(ok ? "Code copied to the clipboard" : "Could not copy: the code is selected, press Ctrl+C");
      if (!ok) {
        // Select the code so the reader can copy it by hand.
        const code = figure.querySelector("pre code") || figure.querySelector("pre");
        if (code) window.getSelection()?.selectAllChildren(code);
      }
      clearTimeout(timer);
      timer = setTimeout(() => {
        button.classList.remove("is-copied");
        button.innerHTML = `${COPY_ICON}<span>Copy</span>`;
        button.setAttribute("aria-label", "Copy code");
      }, 2000);
    });
    figure.appendChild(button);
  }

  function init() {
    for (const figure of document.querySelectorAll("figure.code")) addButton(figure);
  }

  // Exposed for tests and for components that add code blocks later.
  window.courseCode = { textToCopy, addButton };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
