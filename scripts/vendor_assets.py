#!/usr/bin/env python3
"""Copy the front-end files casusoverleg serves from node_modules into var/vendor.

`npm ci` (run by the Makefile) installs the versions pinned in package-lock.json; this
script then copies only the files the pages use, with their licences, so collectstatic
and whitenoise see a few hundred kilobytes instead of the whole of node_modules. Nothing
is fetched from a CDN at run time. The copies are served under /static/vendor/.
"""

import shutil
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
NODE = BASE / "node_modules"
DEST = BASE / "var" / "vendor"

VOORBEELD = "@nl-design-system-unstable/voorbeeld-design-tokens"
# (source in node_modules, destination in var/vendor)
FILES = [
    ("@utrecht/component-library-css/dist/index.css", "nlds/utrecht-component-library.css"),
    ("@utrecht/component-library-css/LICENSE.md", "nlds/LICENSE-utrecht.md"),
    (f"{VOORBEELD}/dist/theme.css", "nlds/voorbeeld-theme.css"),
    (f"{VOORBEELD}/LICENSE.md", "nlds/LICENSE-voorbeeld.md"),
]
for font in ("noto-sans", "noto-serif"):
    # latin-ext too: names from Central and Eastern Europe (ł, ș, ő) are common here.
    for subset in ("latin", "latin-ext"):
        for weight in ("400", "700"):
            css = f"{subset}-{weight}.css"
            FILES.append((f"@fontsource/{font}/{css}", f"fonts/{font}/{css}"))
            for ext in ("woff2", "woff"):
                name = f"{font}-{subset}-{weight}-normal.{ext}"
                FILES.append((f"@fontsource/{font}/files/{name}", f"fonts/{font}/files/{name}"))
    FILES.append((f"@fontsource/{font}/LICENSE", f"fonts/{font}/LICENSE"))


def main() -> int:
    missing = [src for src, _ in FILES if not (NODE / src).is_file()]
    if missing:
        print(f"node_modules is incomplete ({missing[0]}): run `npm ci` first", file=sys.stderr)
        return 1
    if DEST.exists():
        shutil.rmtree(DEST)
    for src, dst in FILES:
        target = DEST / dst
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NODE / src, target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
