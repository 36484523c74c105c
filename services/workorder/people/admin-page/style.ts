/** The admin screen's style sheet (served as /admin/admin.css; the CSP allows style from 'self' only). */
export const ADMIN_CSS = `
:root { color-scheme: light dark; --accent: #0052d9; --danger: #d54941; --line: #dcdcdc; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
header { display: flex; gap: 12px; align-items: center; padding: 8px 24px; border-bottom: 1px solid var(--line); }
header h1 { font-size: 18px; margin: 0; flex: 1; }
main { padding: 16px 24px; max-width: 1200px; }
h2 { font-size: 16px; margin: 16px 0 8px; }
form { display: grid; gap: 8px; max-width: 420px; align-content: start; }
label { display: grid; gap: 2px; }
label.inline { display: inline-flex; gap: 4px; margin-right: 12px; }
fieldset { border: 1px solid var(--line); padding: 4px 8px 8px; }
input, select, button { font: inherit; height: 32px; padding: 0 8px; }
textarea { font: inherit; padding: 4px 8px; resize: vertical; }
#departments-form { max-width: 560px; }
input[type="checkbox"] { height: auto; }
button { cursor: pointer; border: 1px solid var(--line); border-radius: 3px; background: transparent; }
button[type="submit"], button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button.danger { color: var(--danger); border-color: var(--danger); }
button:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; white-space: nowrap; }
td.actions { display: flex; gap: 6px; }
.forms { display: flex; gap: 48px; flex-wrap: wrap; }
.error { color: var(--danger); min-height: 1.6em; margin: 0; }
#notice { border: 1px solid var(--accent); padding: 8px 12px; margin-bottom: 8px; }
#notice.error { border-color: var(--danger); }
#notice code { font-size: 16px; user-select: all; }
.muted { opacity: 0.7; }
form.sip-editor { display: flex; gap: 8px; align-items: end; max-width: none; flex-wrap: wrap; }
form.sip-editor + button { margin-top: 8px; }
`;
