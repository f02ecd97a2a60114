"""``python -m bot.check``: check all content and report every problem (make content-check)."""

from __future__ import annotations

import sys

from bot.content import content_dir, load_content
from bot.model import ContentError


def main() -> int:
    root = content_dir()
    try:
        content = load_content(root)
    except ContentError as error:
        print(f"De content in {root} bevat {len(error.problems)} probleem/problemen:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"Content in orde: {len(content.flows)} flow(s), {len(content.questions)} catalogusvragen.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
