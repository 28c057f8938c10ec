// How the course renders a formula with KaTeX. This file is the single source of
// KaTeX options and macros: internal/katex evaluates it in goja, and
// testdata/golden.js evaluates it in node to make the golden file. Its bytes are
// part of the on-disk cache fingerprint, so editing it invalidates the cache.
//
// The file is one expression: a function that takes the katex object and
// returns render(src, display). render returns the HTML string, or, when KaTeX
// rejects the formula, {msg, pos}: KaTeX's message without context, and the
// UTF-16 offset in src where KaTeX located the problem (-1 if it was not in src).
(function (katex) {
  "use strict";

  var macros = {
    "\\E": "\\operatorname{E}", // upright like \\Var; \\mathbb would pull in a 28 KB font
    "\\Var": "\\operatorname{Var}",
    "\\Cov": "\\operatorname{Cov}",
    "\\tr": "\\operatorname{tr}",
    "\\diag": "\\operatorname{diag}",
    "\\sign": "\\operatorname{sign}",
    "\\softmax": "\\operatorname{softmax}",
    "\\KL": "\\mathrm{KL}",
    "\\norm": "\\left\\lVert #1 \\right\\rVert",
    "\\abs": "\\left\\lvert #1 \\right\\rvert"
  };

  // KaTeX puts the context of an error into its message, cut from the input of
  // the lexer that read the bad token. Rebuilding that message from src tells
  // whether the position is in src or in the body of a macro.
  function offsetInSrc(src, e) {
    var start = e.position, len = e.length;
    if (typeof start !== "number" || typeof len !== "number" || start < 0 || start + len > src.length) {
      return -1;
    }
    var end = start + len;
    var msg = "KaTeX parse error: " + e.rawMessage;
    msg += start === src.length ? " at end of input: " : " at position " + (start + 1) + ": ";
    msg += start > 15 ? "\u2026" + src.slice(start - 15, start) : src.slice(0, start);
    msg += src.slice(start, end).replace(/[^]/g, "$&\u0332");
    msg += end + 15 < src.length ? src.slice(end, end + 15) + "\u2026" : src.slice(end);
    return e.message === msg ? start : -1;
  }

  return function render(src, display) {
    var opts = {
      displayMode: display,
      output: "htmlAndMathml",
      throwOnError: true,
      strict: "ignore",
      trust: false,
      // A fresh copy each time: \gdef writes into this object, and one formula
      // must never change how the next one renders.
      macros: Object.assign({}, macros)
    };
    try {
      return katex.renderToString(src, opts);
    } catch (e) {
      if (e instanceof katex.ParseError) {
        return { msg: String(e.rawMessage), pos: offsetInSrc(src, e) };
      }
      throw e;
    }
  };
})
