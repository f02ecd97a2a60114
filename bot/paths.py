"""Where the project's files are. One place for each path."""

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
CONTENT_DIR = PROJECT_DIR / "content"
# Made at run time (database, logs, secrets); not in git.
VAR_DIR = PROJECT_DIR / "var"
# Tests and editors can point the bot at another content folder.
CONTENT_DIR_ENV = "BOUWGESPREK_CONTENT"
