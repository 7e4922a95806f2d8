#!/usr/bin/env bash
# Debian's chromium for the browser tests (tests/test_web_browser.py drives it with Playwright);
# installed once, as root, when /usr/bin/chromium is missing. Playwright's own browser download
# is never used. Without root the browser tests skip (unless NEWSPROV_REQUIRE_BROWSER=1).
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "browser.sh: /usr/bin/chromium is missing and this is not root; the browser tests skip." >&2
  exit 0
fi
echo "Installing Debian's chromium for the browser tests..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
