// The source of themes/default/static/editor/editor.js: the part of
// CodeMirror 6 the exercise editor uses, bundled by scripts/vendor-runner.sh.
// Exports one function; runner.js imports the bundle on the first exercise.
import { EditorState } from "@codemirror/state";
import {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  drawSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import {
  bracketMatching,
  HighlightStyle,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { pythonLanguage } from "@codemirror/lang-python";
import { tags } from "@lezer/highlight";

// Tokens get chroma's class names (k keyword, s string, m number, c1
// comment, nf function, nc class, nb builtin, o operator) and the editor
// sits in a .chroma element, so the generated css/chroma.css colours it in
// light and dark mode exactly like the highlighted code blocks.
const style = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.operatorKeyword, tags.definitionKeyword, tags.moduleKeyword], class: "k" },
  { tag: [tags.string, tags.special(tags.string)], class: "s" },
  { tag: [tags.number, tags.bool, tags.null], class: "m" },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], class: "c1" },
  { tag: [tags.function(tags.definition(tags.variableName)), tags.function(tags.variableName)], class: "nf" },
  { tag: [tags.definition(tags.className), tags.className], class: "nc" },
  { tag: [tags.self, tags.standard(tags.variableName)], class: "nb" },
  { tag: [tags.operator], class: "o" },
]);

// createEditor mounts an editor in parent.
//   doc       the initial text
//   label     the accessible name of the editing area
//   onRun     called on Ctrl-Enter / Cmd-Enter
//   onChange  called with the text after every change
// It returns {getText(), setText(text), focus(), view}.
export function createEditor(parent, { doc = "", label = "Code editor", onRun = () => {}, onChange = () => {} } = {}) {
  const runKey = { key: "Mod-Enter", preventDefault: true, run: () => (onRun(), true) };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        bracketMatching(),
        highlightActiveLine(),
        pythonLanguage,
        syntaxHighlighting(style),
        keymap.of([runKey, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    getText: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
  };
}
