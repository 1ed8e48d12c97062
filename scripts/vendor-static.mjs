// Copies the front-end assets the pages use from node_modules into static files.
// Run by `make` after `npm ci`; the target folder is generated and ignored by git.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const target = "cim/core/static/vendor";
const files = {
  "htmx.org/dist/htmx.min.js": "htmx.min.js",
  "@utrecht/component-library-css/dist/index.css": "utrecht-components.css",
  "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css": "voorbeeld-theme.css",
};
mkdirSync(target, { recursive: true });
for (const [from, to] of Object.entries(files)) {
  const dest = join(target, to);
  mkdirSync(dirname(dest), { recursive: true });
  cpSync(join("node_modules", from), dest);
}
writeFileSync(join(target, ".installed"), new Date().toISOString() + "\n");
console.log(`vendored ${Object.keys(files).length} files into ${target}`);
