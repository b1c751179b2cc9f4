#!/bin/sh
# The browser test (tests/test_report_page.py) opens report.html in Debian's
# Chromium through Playwright; Playwright's own browser download is never used.
# Called by `make test` before pytest:
#   - chromium (or chromium-browser) on PATH: nothing to do;
#   - otherwise, as root: install it with apt-get;
#   - otherwise: print the one command to run, and fail.
set -eu

for name in chromium chromium-browser; do
    if command -v "$name" >/dev/null 2>&1; then
        exit 0
    fi
done

if [ "$(id -u)" = 0 ]; then
    echo "ensure_chromium: chromium is not installed; installing it with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update && \
        DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
    exit $?
fi

echo "ensure_chromium: the browser test needs Chromium, which is not installed. Run:" >&2
echo "    sudo apt-get install -y chromium" >&2
exit 1
