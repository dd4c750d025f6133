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

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE) || "{}");
  const extensions = Object.entries(config.extensions || {})
    .filter(([name]) => prose[name])
    .map(([name, options]) =>
      typeof options === "object" ? prose[name].configure(options) : prose[name],
    );

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
