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

// Token colours come from the theme's CSS custom properties, so the editor
// follows light and dark mode like the highlighted code blocks do.
const style = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.operatorKeyword, tags.definitionKeyword, tags.moduleKeyword], class: "cm-t-keyword" },
  { tag: [tags.string, tags.special(tags.string)], class: "cm-t-string" },
  { tag: [tags.number, tags.bool, tags.null], class: "cm-t-number" },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], class: "cm-t-comment" },
  { tag: [tags.function(tags.definition(tags.variableName)), tags.function(tags.variableName)], class: "cm-t-function" },
  { tag: [tags.definition(tags.className), tags.className], class: "cm-t-class" },
  { tag: [tags.self, tags.standard(tags.variableName)], class: "cm-t-builtin" },
  { tag: [tags.operator], class: "cm-t-operator" },
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
