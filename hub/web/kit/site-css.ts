/** The pages' one stylesheet, served by the hub at /web/static/site.css (the policy allows no inline style). */
export const SITE_CSS = `
:root { color: #1a1a1a; background: #fff; font: 16px/1.5 system-ui, sans-serif; }
body { margin: 0; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; }
header { display: flex; gap: 1rem; align-items: center; padding: 0.5rem 1rem; background: #8b0000; color: #fff; }
header a, header span { color: #fff; }
.brand { font-weight: bold; margin-right: auto; }
.signout { display: flex; gap: 0.5rem; align-items: center; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
label { display: block; font-weight: 600; margin-top: 0.75rem; }
input, select, textarea { font: inherit; padding: 0.4rem; border: 1px solid #555; border-radius: 3px; }
button { font: inherit; padding: 0.4rem 0.9rem; margin-top: 0.75rem; background: #0b4f8a; color: #fff; border: 0; border-radius: 3px; cursor: pointer; }
button.danger { background: #8b0000; }
:focus-visible { outline: 3px solid #f5a300; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
.notice { padding: 0.75rem; border-radius: 3px; margin: 1rem 0; }
.notice.error { background: #fde8e8; border: 1px solid #8b0000; }
.notice.info { background: #e8f0fd; border: 1px solid #0b4f8a; }
.overdue { color: #8b0000; font-weight: bold; }
.muted { color: #444; }
.tabs { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; }
.tabs a[aria-current] { font-weight: bold; }
.inline { display: inline; }
fieldset { margin: 0.75rem 0; border: 1px solid #999; }
label.choice { display: inline-block; font-weight: normal; margin-right: 1rem; }
`;

/** The pages' icon (a browser asks for one; without it every page logs a 404). */
export const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#8b0000"/></svg>';
