// The WYSIWYG editor of report sections and minutes (django-prose-editor, served by us).
//
// django-prose-editor's own presets need an inline import map and let Tiptap inject a <style>
// element; our Content-Security-Policy allows neither. So this module imports the editor bundle
// by a relative URL (hashed by collectstatic) and builds the editor itself, without injected
// CSS (meetings/rich-text.css has those rules). The extensions come from the textarea's
// data attribute, written by meetings.forms.RichTextWidget: the one list of what may be used.
// Without JavaScript the textarea stays, holding the same limited HTML.
import * as prose from "../django_prose_editor/editor.js";

const ATTRIBUTE = "data-django-prose-editor-sscp";
const EMPTY = /^<(\w+)(\s[^>]*)?><\/\1>$/i;

// "Insert table" asks for rows, columns and whether the first row is a header row. The stock
// dialog (django-prose-editor 0.28) answers "No" unless changed, giving a table of <td> cells
// only; the Partnership's tables have a header row, so ours answers "Yes" (<th> cells). The
// officer can still choose "No", and "Toggle header cell" turns any cell into a header.
const tableDialog = prose.updateAttrsDialog(
  {
    rows: { type: "number", title: prose.gettext("Rows"), format: "number", min: "1", max: "100" },
    cols: {
      type: "number",
      title: prose.gettext("Columns"),
      format: "number",
      min: "1",
      max: "100",
    },
    withHeaderRow: { title: prose.gettext("Include header row"), enum: ["Yes", "No"] },
  },
  { title: prose.gettext("Table Properties"), submitText: prose.gettext("Insert Table") },
);

const Table = prose.Table.extend({
  addCommands() {
    return {
      ...this.parent?.(),
      insertTableWithOptions:
        () =>
        ({ editor }) => {
          tableDialog(editor, { rows: "3", cols: "3", withHeaderRow: "Yes" }).then((attrs) => {
            if (!attrs) return;
            editor
              .chain()
              .focus()
              .insertTable({
                rows: Number.parseInt(attrs.rows, 10) || 3,
                cols: Number.parseInt(attrs.cols, 10) || 3,
                withHeaderRow: attrs.withHeaderRow === "Yes",
              })
              .run();
          });
          return true;
        },
    };
  },
});
const OURS = { Table };

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE) || "{}");
  const extensions = Object.entries(config.extensions || {})
    .filter(([name]) => OURS[name] || prose[name])
    .map(([name, options]) => {
      const extension = OURS[name] || prose[name];
      return typeof options === "object" ? extension.configure(options) : extension;
    });

  // The editable area is named by the field's label and described by its hint and errors.
  const attributes = { "aria-multiline": "true" };
  const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
  if (label) {
    label.id = label.id || `${textarea.id}-label`;
    attributes["aria-labelledby"] = label.id;
  }
  const describedBy = textarea.getAttribute("aria-describedby");
  if (describedBy) attributes["aria-describedby"] = describedBy;
  if (textarea.getAttribute("aria-invalid")) attributes["aria-invalid"] = "true";

  // Someone typing in the textarea while the editor loaded carries on in the editor.
  const typing = document.activeElement === textarea;
  const wrapper = prose.crel("div", { className: "prose-editor" });
  textarea.before(wrapper);
  wrapper.append(textarea);
  const editor = new prose.Editor({
    element: wrapper,
    extensions,
    content: textarea.value,
    injectCSS: false,
    editorProps: { attributes },
    onUpdate({ editor: current }) {
      const html = current.getHTML();
      textarea.value = EMPTY.test(html) ? "" : html;
    },
    onDestroy() {
      wrapper.before(textarea);
      wrapper.remove();
    },
  });
  if (label) label.addEventListener("click", () => editor.commands.focus());
  if (typing) editor.commands.focus("end");
  return editor;
}

prose.initializeEditors(createEditor, `[${ATTRIBUTE}]`);
