#!/usr/bin/env python3
"""Proof: no payload of an XSS corpus written for this project runs, or comes out unescaped, on any
page that shows what the public or the staff typed, rendered in Chromium.

Starts `gongkai demo` (SQLite) and headless Chromium. Every payload of e2e/security/xss_corpus.txt
goes through:
  - the public forms, as a browser submits them: the 依申请公开 application form (POST
    /xxgk/<org>/apply, its fields read from the form page) with the payloads in every free-text field
    (rotated so that each payload reaches each field it fits), accepted (登记回执 shown), then tracked on
    /ysq/track with the receipt's number and query code, the applicant's documents opened from there;
    the same form refused, a payload in every field and sent back; the tracking form (number, code);
    the staff log-in form (username, next);
  - the public GET parameters and paths that are echoed: /search (q; unknown parameters, which the
    paging links keep), /admin/login?next=, a path segment (404 page);
  - the fields of information items, drafted by the demo's 信息员 over HTTP and published through the
    real 先审后发 flow (初审, 保密审查, 领导签发): title, 文号, 联合发文机关, keywords, summary, the rich-text
    body (through the sanitiser, as markup and inside the href/src/title/alt it keeps), attachment file
    names, 政策解读 Q&A text and video link; then a 更正 of every item (title, body, and the reason the
    public page lists) through its own review; shown on the public item page, column lists, policy
    library, feeds and search results (titles and body snippets);
  - the back office, signed in as staff in Chromium: the item page (with the pending 更正) and its edit
    form, the application list, case page and 补正告知书; the staff's notes (register, 补正 request)
    also reach the applicant's tracking page and documents.

How an execution is seen: before any page script, Chromium gets a hook (CDP
Page.addScriptToEvaluateOnNewDocument) that defines gkx/GKX and replaces alert/confirm/prompt with a
recorder (frames post to the top window). The site's Content-Security-Policy (script-src 'self')
would block inline script anyway; the browser is told to ignore it (Page.setBypassCSP), so that the
proof tests the escaping itself, and the CSP is checked separately on every HTML response. After each
page load, javascript: links, form actions and formactions are clicked and the DOM is scanned.

How an unescaped reflection is seen: Chromium goes through loopback_proxy (a new loopback source
address per request, so the site's limit of 10 applications an hour per address is respected without
X-Forwarded-For), which hands over every response as served; so do the staff's HTTP requests. Each
HTML response is parsed and fails on markup that can only come from input (the site has no script,
inline handler or inline style of its own; an external <script src="/static/…"> would be allowed): a
script/iframe/object/embed/base/style/noscript element, an on* or style or srcdoc attribute, a
javascript:/vbscript:/data: URL in a URL attribute, a meta http-equiv, a link outside /static/; and a
corpus payload containing markup appearing verbatim (also in XML feeds). `&lt;script&gt;` (escaped
text) is fine. The same rules run on the DOM as Chromium parsed it.

A self-check runs first: the hook records a known script, a cross-origin frame and alert(); an inline
script runs on a site page (CSP bypass); every payload put unescaped into its declared context (see
the corpus) runs there, or for `static` ones is flagged by the static check; `inert` ones neither run
nor are flagged.

Fails on: any execution, any unescaped reflection (raw HTML or DOM), any 5xx, an HTML response
without a script-src CSP (or one allowing inline script), a failed self-check, a submission that the
proof needs accepted (application, item, 更正, review step, tracking) not going through, or the time
budget (--budget) running out.
"""
import argparse
import base64
import datetime
import gzip
import html.parser
import os
import re
import sys
import threading
import time
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gkserver as gk  # noqa: E402
import loopback_proxy  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import UnexpectedAlertPresentException, WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "Qx-Demo#2026"
APPLY_ORG = 1        # 清溪县人民政府: its 依申请经办人 is the demo account ysq
PUBLISH_ORG = 16     # 清溪县民政局: 信息员 xxy_mz, 审核员 shy_mz; bmsc and leader review the county's subtree
ITEM_MARK = "跨站脚本测试"   # in every item drafted here: a search for it has several result pages
CONTEXTS = ["html", "attr2", "attr1", "attr0", "textarea", "title", "style", "script", "comment", "url", "static", "inert"]
LIVE = set(CONTEXTS) - {"static", "inert"}

# --------------------------------------------------------------------------------------------------
# Corpus


class Payload:
    def __init__(self, n, context, text):
        self.n, self.context, self.text = n, context, text

    def __repr__(self):
        return f"#{self.n}"


def load_corpus(path):
    payloads = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            context, tab, text = line.partition("\t")
            if not tab or context not in CONTEXTS or "XSSID" not in text:
                raise SystemExit(f"{path}:{lineno}: expected CONTEXT<TAB>payload with XSSID, CONTEXT one of {CONTEXTS}")
            n = len(payloads) + 1
            payloads.append(Payload(n, context, text.replace("XSSID", str(n))))
    return payloads


SINK_ID = re.compile(r"(?i)(?:gkx|alert|confirm|prompt)\W{0,3}(\d+)")


def ids_in(text):
    return sorted({int(m) for m in SINK_ID.findall(text or "")})


# --------------------------------------------------------------------------------------------------
# Static check of served HTML

URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "background", "codebase", "cite", "longdesc",
             "dynsrc", "lowsrc", "xlink:href", "ping", "manifest", "icon", "archive", "classid", "profile"}
EXEC_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "style", "noembed",
             "noscript"}
SVG_ANIMATION = {"animate", "set", "animatemotion", "animatetransform"}
MARKUP = re.compile(r"<[A-Za-z/!?]")


def dangerous_url(value):
    """A URL a browser would run or render as a document: javascript:, vbscript:, data: (but images)."""
    v = "".join(ch for ch in (value or "") if ord(ch) > 0x20 and ord(ch) != 0x7F).lower()
    if v.startswith(("javascript:", "vbscript:", "livescript:", "mocha:")):
        return True
    return v.startswith("data:") and not re.match(r"data:image/(png|gif|jpeg|webp)[;,]", v)


class MarkupScan(html.parser.HTMLParser):
    """Elements and attributes in served HTML that the site never writes itself, so they can only be
    input that was not escaped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings = []
        self.raw_tag = None
        self.raw_text = []

    def note(self, what, tag, attrs):
        shown = " ".join(f'{k}="{v}"' if v is not None else k for k, v in attrs)
        self.findings.append(f"{what}: <{tag}{' ' + shown if shown else ''}>"[:300])

    def handle_starttag(self, tag, attrs):
        before = len(self.findings)
        self.check(tag, attrs)
        if tag in ("script", "style"):
            self.raw_tag, self.raw_text = (tag if len(self.findings) > before else "script-own"), []

    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)

    def handle_data(self, data):
        if self.raw_tag:
            self.raw_text.append(data)

    def handle_endtag(self, tag):
        if self.raw_tag == "script-own" and tag == "script":
            if "".join(self.raw_text).strip():
                self.findings.append(f"inline script in <script src=/static/…>: {''.join(self.raw_text)[:120]}")
            self.raw_tag = None
        elif self.raw_tag and tag == self.raw_tag:
            body = "".join(self.raw_text).strip()
            if body:
                self.findings[-1] += f" … {body[:120]}"
            self.raw_tag = None

    def check(self, tag, attrs):
        attrs = [(k.lower(), v) for k, v in attrs]
        if tag == "script" and (dict(attrs).get("src") or "").startswith("/static/") and len(attrs) <= 3:
            return                  # the site's own external script (none today; CSP script-src 'self')
        if tag in EXEC_TAGS:
            self.note(f"{tag} element", tag, attrs)
            return
        if tag == "meta" and any(k == "http-equiv" for k, _ in attrs):
            self.note("meta http-equiv", tag, attrs)
            return
        if tag == "link" and not (dict(attrs).get("href") or "").startswith("/static/"):
            self.note("link element", tag, attrs)
            return
        for k, v in attrs:
            if k.startswith("on"):
                self.note(f"event handler {k}", tag, attrs)
            elif k in ("style", "srcdoc"):
                self.note(f"{k} attribute", tag, attrs)
            elif k in URL_ATTRS and dangerous_url(v):
                self.note(f"script URL in {k}", tag, attrs)
            elif tag in SVG_ANIMATION and k in ("values", "to", "from", "by") and "javascript:" in (v or "").lower():
                self.note("script URL in SVG animation", tag, attrs)


def static_findings(text, payloads, markup=True):
    """Findings in one served HTML (or XML) text: markup scan, and corpus payloads with markup verbatim."""
    found = []
    if markup:
        scan = MarkupScan()
        try:
            scan.feed(text)
            scan.close()
        except Exception as e:  # the parser is tolerant; report rather than hide
            found.append(f"HTML parser error: {type(e).__name__}: {e}")
        found += scan.findings
    for p in payloads:
        if MARKUP.search(p.text) and p.text in text:
            found.append(f"payload #{p.n} verbatim: {p.text[:100]}")
    return found


# --------------------------------------------------------------------------------------------------
# Browser side

HOOK_JS = r"""
(function () {
  var top = null;
  try { top = window.top; } catch (e) {}
  window.__xss = window.__xss || [];
  var record = function (n) {
    try { window.__xss.push(String(n)); } catch (e) {}
    try { if (top && top !== window) top.postMessage({__gkx: String(n), from: String(location.href).slice(0, 200)}, '*'); } catch (e) {}
  };
  if (top === window) {
    window.addEventListener('message', function (e) {
      if (e.data && e.data.__gkx !== undefined) window.__xss.push(String(e.data.__gkx));
    }, true);
  }
  window.gkx = window.GKX = record;
  window.alert = window.confirm = window.prompt = window.ALERT = window.CONFIRM = window.PROMPT = record;
})();
"""

# Clicks what only runs when used (javascript: links, form actions, formactions), scans the DOM as
# the browser parsed it, and returns what ran.
SCAN_JS = r"""
var out = {xss: [], dom: [], activated: 0, status: 0, url: String(location.href), title: document.title};
try { var nav = performance.getEntriesByType('navigation')[0]; out.status = nav && nav.responseStatus || 0; } catch (e) {}
function clean(u) { return String(u || '').replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase(); }
function isJs(u) { return /^(javascript|vbscript):/.test(clean(u)); }
function bad(u) { var s = clean(u); return isJs(u) || /^livescript:/.test(s) || (/^data:/.test(s) && !/^data:image\/(png|gif|jpeg|webp)[;,]/.test(s)); }
var exec = ['script','iframe','frame','frameset','object','embed','applet','base','portal','style','noembed','noscript'];
var urlAttrs = ['href','src','action','formaction','data','poster','background','codebase','xlink:href','ping'];
// Only HTML documents: Chromium's own image and XML viewers have inline styles of their own.
var all = document.contentType === 'text/html' ? document.getElementsByTagName('*') : [];
for (var i = 0; i < all.length; i++) {
  var el = all[i], tag = el.localName, html = el.outerHTML.slice(0, 200);
  if (tag === 'script' && (el.getAttribute('src') || '').indexOf('/static/') === 0 && !el.textContent.trim()) continue;
  if (exec.indexOf(tag) >= 0) { out.dom.push(tag + ' element: ' + html); continue; }
  if (tag === 'meta' && el.hasAttribute('http-equiv')) { out.dom.push('meta http-equiv: ' + html); continue; }
  if (tag === 'link' && (el.getAttribute('href') || '').indexOf('/static/') !== 0) { out.dom.push('link element: ' + html); continue; }
  for (var j = 0; j < el.attributes.length; j++) {
    var a = el.attributes[j], n = a.name.toLowerCase();
    if (n.indexOf('on') === 0) out.dom.push('event handler ' + n + ': ' + html);
    else if (n === 'style' || n === 'srcdoc') out.dom.push(n + ' attribute: ' + html);
    else if (urlAttrs.indexOf(n) >= 0 && bad(a.value)) out.dom.push('script URL in ' + n + ': ' + html);
  }
}
var links = document.querySelectorAll('a[href], area[href]');
for (var k = 0; k < links.length; k++) if (isJs(links[k].getAttribute('href'))) { try { links[k].click(); } catch (e) {} out.activated++; }
for (var f = 0; f < document.forms.length; f++) if (isJs(document.forms[f].getAttribute('action'))) { try { HTMLFormElement.prototype.submit.call(document.forms[f]); } catch (e) {} out.activated++; }
var fa = document.querySelectorAll('[formaction]');
for (var m = 0; m < fa.length; m++) if (isJs(fa[m].getAttribute('formaction'))) { try { fa[m].click(); } catch (e) {} out.activated++; }
out.xss = (window.__xss || []).slice();
return out;
"""

# Fills the form `arguments[0]` (a CSS selector) with `arguments[1]` and submits it. Missing fields
# are added as hidden inputs; a select gets an option for a value it does not offer.
FILL_JS = r"""
var f = document.querySelector(arguments[0]);
if (!f) return 'no form ' + arguments[0];
var v = arguments[1];
for (var k in v) {
  var el = f.elements.namedItem(k);
  if (el && el.length !== undefined && el.tagName !== 'SELECT') {
    if (el[0] && (el[0].type === 'radio' || el[0].type === 'checkbox')) {
      for (var i = 0; i < el.length; i++) el[i].checked = (el[i].value === v[k]);
      continue;
    }
    el = el[0];
  }
  if (!el) { el = document.createElement('input'); el.type = 'hidden'; el.name = k; f.appendChild(el); }
  if (el.tagName === 'SELECT') {
    var found = false;
    for (var o = 0; o < el.options.length; o++) if (el.options[o].value === v[k]) found = true;
    if (!found) { var opt = document.createElement('option'); opt.value = v[k]; opt.textContent = 'x'; el.appendChild(opt); }
  }
  el.value = v[k];
}
HTMLFormElement.prototype.submit.call(f);
return '';
"""


class Run:
    """Everything the proof counts."""

    def __init__(self, payloads, deadline):
        self.payloads = payloads
        self.by_id = {p.n: p for p in payloads}
        self.deadline = deadline
        self.lock = threading.Lock()
        self.captured = []            # responses seen by the proxy, in order
        self.seen = 0                 # captured responses already checked
        self.page_loads = 0
        self.html_checked = 0
        self.csp_ok = 0
        self.csp_missing = []
        self.executed = []            # (ids, label, url)
        self.reflections = []         # (kind, label, url, finding)
        self.server_errors = []       # (status, method, url, label)
        self.problems = []            # failures that are neither executions nor reflections
        self.surfaces = {}            # surface name -> set of payload ids delivered and rendered
        self.skipped = {}             # surface name -> payload ids that cannot go there (length, format)
        self.label = "setup"

    def check_time(self, what):
        if time.monotonic() > self.deadline:
            raise TimeoutError(f"time budget exhausted before {what}")

    def deliver(self, surface, ids):
        self.surfaces.setdefault(surface, set()).update(ids)

    def skip(self, surface, ids):
        self.skipped.setdefault(surface, set()).update(ids)

    # Responses, from the proxy (browser) or from the staff HTTP client
    def on_response(self, method, path, status, headers, body):
        with self.lock:
            self.captured.append((method, path, status, headers, body, self.label))

    def check_responses(self):
        with self.lock:
            fresh, self.seen = self.captured[self.seen:], len(self.captured)
        for method, path, status, headers, body, label in fresh:
            self.check_response(method, path, status, headers, body, label)

    def check_response(self, method, path, status, headers, body, label):
        url = urllib.parse.urlsplit(path)
        where = url.path + ("?" + url.query if url.query else "")
        if status >= 500:
            self.server_errors.append((status, method, where, label))
        h = {k.lower(): v for k, v in headers}
        ctype = h.get("content-type", "")
        # Chromium asks for gzip through the proxy; the checks read what it reads after inflating
        # (matching the compressed bytes found "reflections" in random binary).
        if isinstance(body, bytes) and h.get("content-encoding", "").strip().lower() == "gzip":
            body = gzip.decompress(body)
        if "html" in ctype:
            text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
            self.html_checked += 1
            csp = h.get("content-security-policy", "")
            m = re.search(r"script-src ([^;]*)", csp)
            if csp and m and not re.search(r"'unsafe-inline'|'unsafe-eval'|\*|data:", m.group(1)):
                self.csp_ok += 1
            else:
                self.csp_missing.append(f"{method} {where}: {csp or 'no Content-Security-Policy'}")
            for f in static_findings(text, self.payloads):
                self.reflections.append(("raw HTML", label, f"{method} {where} ({status})", f))
        elif "xml" in ctype:
            text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
            for f in static_findings(text, self.payloads, markup=False):
                self.reflections.append(("raw XML", label, f"{method} {where} ({status})", f))


class Browser:
    def __init__(self, run, base, proxy_port):
        self.run = run
        self.base = base
        opts = webdriver.ChromeOptions()
        for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=zh-CN",
                  "--disable-extensions", "--no-first-run", "--disable-background-networking",
                  f"--proxy-server=http://{gk.HOST}:{proxy_port}", "--proxy-bypass-list=<-loopback>"]:
            opts.add_argument(a)
        opts.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
        opts.set_capability("unhandledPromptBehavior", "dismiss and notify")
        self.driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")), options=opts)
        self.driver.set_page_load_timeout(30)
        self.driver.execute_cdp_cmd("Page.enable", {})
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK_JS})
        self.driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})

    def quit(self):
        try:
            self.driver.quit()
        except Exception:
            pass

    def _wait_replaced(self, page):
        def replaced(d):
            try:
                page.tag_name
                return False
            except WebDriverException:
                return True
        WebDriverWait(self.driver, 30, poll_frequency=0.02).until(replaced)
        WebDriverWait(self.driver, 30, poll_frequency=0.02).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def observe(self, label, ids=()):
        """After a page load: activation, DOM scan, executions; then the raw responses of the load."""
        run = self.run
        run.page_loads += 1
        try:
            out = self.driver.execute_script(SCAN_JS)
            if out["dom"] or out["activated"]:
                time.sleep(0.4)  # frames, media errors, focus: let them happen, then read again
                out["xss"] = self.driver.execute_script("return (window.__xss || []).slice()")
        except UnexpectedAlertPresentException as e:
            # A real dialog: something ran where the hook could not replace alert().
            out = {"xss": ["dialog:" + str(getattr(e, "alert_text", "") or "")], "dom": [], "activated": 0,
                   "status": 0, "url": "?", "title": ""}
        url = out.get("url", "?")
        if out["xss"]:
            run.executed.append((sorted(set(out["xss"])), label, url))
        for d in out["dom"]:
            run.reflections.append(("DOM", label, url, d))
        run.check_responses()
        if out.get("status", 0) >= 500:
            # Seen by the browser: also a 502 of the proxy when the server is gone.
            split = urllib.parse.urlsplit(url)
            where = split.path + ("?" + split.query if split.query else "")
            if not any(e[2] == where for e in run.server_errors):
                run.server_errors.append((out["status"], "(browser)", where, label))
        return out

    def get(self, path, label, ids=()):
        self.run.check_time(label)
        self.run.label = label
        try:
            self.driver.get(self.base + path)
        except UnexpectedAlertPresentException:
            pass
        return self.observe(label, ids)

    def submit(self, selector, values, label, ids=()):
        """Fills and submits a form of the current page; observes the page that comes back."""
        self.run.check_time(label)
        self.run.label = label
        page = self.driver.find_element(By.TAG_NAME, "html")
        problem = self.driver.execute_script(FILL_JS, selector, values)
        if problem:
            raise RuntimeError(f"{label}: {problem} on {self.driver.current_url}")
        self._wait_replaced(page)
        return self.observe(label, ids)

    def post(self, path, fields, label, ids=()):
        """Submits a form built on the current page (same origin) to `path`."""
        self.run.check_time(label)
        self.run.label = label
        page = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.execute_script("""
            var f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];
            var v = arguments[1];
            for (var k in v) { var i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v[k]; f.appendChild(i); }
            document.body.appendChild(f); HTMLFormElement.prototype.submit.call(f);""", path, fields)
        self._wait_replaced(page)
        return self.observe(label, ids)

    def public_csrf(self):
        """A public visitor's CSRF token: the gk_csrf cookie (repeated in every form's _csrf)."""
        c = self.driver.get_cookie("gk_csrf")
        if not c:
            self.get("/ysq/track", "tracking form (for the CSRF cookie)")
            c = self.driver.get_cookie("gk_csrf")
        return c["value"]

    def text(self, element_id):
        found = self.driver.find_elements(By.ID, element_id)
        return found[0].text.strip() if found else None

    def login(self, username):
        self.driver.delete_all_cookies()
        self.get("/admin/login", f"log-in page ({username})")
        out = self.submit("form:has(#username)", {"username": username, "password": PASSWORD, "next": "/admin"},
                          f"log-in {username}")
        if "/admin/login" in out["url"]:
            raise RuntimeError(f"staff log-in as {username} failed: {self.driver.title}")


# --------------------------------------------------------------------------------------------------
# Staff over HTTP (drafting and reviewing items, registering applications): fast, checked too

class Staff:
    """A staff member signed in over HTTP. The back office's CSRF token is the session's, the same in
    every form, so it is read once."""

    def __init__(self, run, port, username, source_n):
        self.run = run
        self.username = username
        self.client = gk.Client(port, source=gk.loopback_address(source_n))
        token = self.client.csrf_token("/admin/login")
        status, headers, body = self.request("POST", "/admin/login", {"_csrf": token, "username": username,
                                                                        "password": PASSWORD, "next": "/admin"})
        if status != 302 or "gk_session" not in self.client.cookies:
            raise RuntimeError(f"staff log-in as {username} (HTTP): {status} {gk.main_text(body)[:200]}")
        _, _, page = self.get("/admin")
        m = re.search(r'name="_csrf" value="([^"]+)"', page)
        if not m:
            raise RuntimeError(f"no CSRF token on /admin for {username}")
        self.token = m.group(1)

    def request(self, method, path, form=None):
        status, headers, body = self.client.request(method, path, form=form)
        self.run.check_response(method, path, status, headers, body, f"staff {getattr(self, 'username', '')} {method} {path}")
        return status, headers, body

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form):
        return self.request("POST", path, dict(form, _csrf=self.token))


def location(headers):
    return dict((k.lower(), v) for k, v in headers).get("location", "")


# --------------------------------------------------------------------------------------------------
# Self-check

CONTEXT_PAGES = {
    "html": "<!doctype html><html><head><title>t</title></head><body><div>{P}</div></body></html>",
    "static": "<!doctype html><html><head><title>t</title></head><body><div>{P}</div></body></html>",
    "inert": "<!doctype html><html><head><title>t</title></head><body><div>{P}</div></body></html>",
    "attr2": "<!doctype html><html><head><title>t</title></head><body><input value=\"{P}\"></body></html>",
    "attr1": "<!doctype html><html><head><title>t</title></head><body><input value='{P}'></body></html>",
    "attr0": "<!doctype html><html><head><title>t</title></head><body><input value={P}></body></html>",
    "textarea": "<!doctype html><html><head><title>t</title></head><body><textarea>{P}</textarea></body></html>",
    "title": "<!doctype html><html><head><title>{P}</title></head><body>x</body></html>",
    "style": "<!doctype html><html><head><title>t</title><style>p {{ color: red }} {P}</style></head><body>x</body></html>",
    "script": "<!doctype html><html><head><title>t</title></head><body><script>var s = \"{P}\";</script></body></html>",
    "comment": "<!doctype html><html><head><title>t</title></head><body><!-- {P} --></body></html>",
    "url": "<!doctype html><html><head><title>t</title></head><body><iframe src=\"{P}\"></iframe><a href=\"{P}\">x</a></body></html>",
}

STATIC_PAGES = {
    "html": "<!doctype html><html><head><title>t</title></head><body><div>{P}</div></body></html>",
    "attr2": CONTEXT_PAGES["attr2"], "attr1": CONTEXT_PAGES["attr1"], "attr0": CONTEXT_PAGES["attr0"],
    "textarea": CONTEXT_PAGES["textarea"], "title": CONTEXT_PAGES["title"], "comment": CONTEXT_PAGES["comment"],
    "style": "<!doctype html><html><head><title>t</title></head><body><p>{P}</p></body></html>",
    "script": "<!doctype html><html><head><title>t</title></head><body><p>{P}</p></body></html>",
    "url": "<!doctype html><html><head><title>t</title></head><body><a href=\"{P}\">x</a></body></html>",
}


def data_url(page):
    return "data:text/html;base64," + base64.b64encode(page.encode()).decode()


def self_check(run, browser, payloads):
    """The hook, the CSP bypass and the corpus work: returns a list of failures."""
    failures = []
    d = browser.driver

    def load(page, label, expect=None):
        run.label = label
        d.get(data_url(page))
        out = d.execute_script(SCAN_JS)
        # Frames, media errors and focus come a little later: wait for the expected record (at most
        # 0.5 s), or 0.2 s when nothing is expected.
        for _ in range(10 if expect else 4):
            if expect and expect in out["xss"]:
                break
            time.sleep(0.05)
            out["xss"] = d.execute_script("return (window.__xss || []).slice()")
        return out

    known = load("<!doctype html><title>t</title><script>gkx('self')</script><iframe src=\"data:text/html,"
                 "<script>gkx('frame')</script>\"></iframe><img src=x onerror=alert('alert')>", "self-check: hook", "frame")
    hook_ok = {"self", "frame", "alert"} <= set(known["xss"])
    if not hook_ok:
        failures.append(f"hook: a known script, a cross-origin frame and alert() recorded {known['xss']}, expected self, frame, alert")

    # The CSP bypass on a page of the site (which has script-src 'self'): an inline script runs.
    browser.get("/", "self-check: site home")
    d.execute_script("var s = document.createElement('script'); s.textContent = \"gkx('csp-bypass')\"; document.body.appendChild(s);")
    time.sleep(0.1)
    bypass_ok = "csp-bypass" in d.execute_script("return window.__xss")
    if not bypass_ok:
        failures.append("CSP bypass: an inline script added to a site page did not run")
    run.executed = [e for e in run.executed if e[1] != "self-check: site home"]
    if run.html_checked == 0:
        failures.append("the proxy did not hand over the home page's HTML")

    ran, flagged, inert_ok, unflaggable = [], [], [], []
    for p in payloads:
        ctx = p.context
        page = CONTEXT_PAGES[ctx].format(P=p.text)
        out = load(page, f"self-check: payload #{p.n}", str(p.n) if ctx in LIVE else None)
        executed = str(p.n) in out["xss"]
        # The static check as it meets the payload in the site: in element content, in an attribute,
        # in a URL attribute (script contexts: only markup matters, the site has no script).
        static_page = STATIC_PAGES.get(ctx, STATIC_PAGES["html"]).format(P=p.text)
        flags = static_findings(static_page, [], markup=True)
        if ctx == "inert":
            if executed or flags:
                failures.append(f"inert payload #{p.n} {p.text!r} ran or was flagged unescaped: {out['xss']} {flags[:2]}")
            else:
                inert_ok.append(p.n)
            continue
        if ctx == "script" and not MARKUP.search(p.text):
            unflaggable.append(p.n)     # a JavaScript-string breakout is plain text outside a script
        elif flags:
            flagged.append(p.n)
        else:
            failures.append(f"payload #{p.n} {p.text!r} unescaped ({ctx}) is not flagged by the static check")
        if ctx in LIVE:
            if executed:
                ran.append(p.n)
            else:
                failures.append(f"payload #{p.n} {p.text!r} did not run unescaped in its {ctx} context (recorded {out['xss']})")
    live = [p for p in payloads if p.context in LIVE]
    print(f"xss: self-check: hook {'records' if hook_ok else 'DOES NOT record'} a script, a cross-origin frame and alert(); "
          f"CSP bypass on a site page {'works' if bypass_ok else 'FAILS'}; {len(ran)}/{len(live)} live payloads ran unescaped in "
          f"their context; {len(flagged)}/{len(payloads) - len(inert_ok) - len(unflaggable) - sum(1 for p in payloads if p.context == 'inert' and p.n not in inert_ok)} "
          f"flagged by the static check unescaped ({len(unflaggable)} JavaScript-string breakouts are text outside a script); "
          f"{len(inert_ok)}/{sum(1 for p in payloads if p.context == 'inert')} inert ones neither run nor are flagged", flush=True)
    return failures


# --------------------------------------------------------------------------------------------------
# The phases

def rotated(payloads, j, k, step):
    return payloads[(j + k * step) % len(payloads)]


def fits_email(p):
    return "@" not in p.text and not re.search(r"\s", p.text) and len(p.text) <= 80


APPLY_FIELDS = [
    # field, limit check, how the value is built
    ("name", lambda p: 0 < len(p.text) <= 100),
    ("contact_person", lambda p: len(p.text) <= 50),
    ("id_number", lambda p: len(p.text) <= 50),       # with id_kind "other"; the site upper-cases it
    ("email", fits_email),
    ("address", lambda p: len(p.text) <= 200),
    ("description", lambda p: len(p.text) <= 1900),
    ("document_number", lambda p: len(p.text) <= 100),
]


def phase_applications(run, browser, payloads):
    """Valid applications carrying the payloads; returns [(payloads used, number, code)]. The form's
    fields are read from the form page; each submission then posts them as the form does (the CSRF
    token of a public visitor is the gk_csrf cookie, which the form repeats in _csrf)."""
    n = len(payloads)
    step = max(1, n // len(APPLY_FIELDS))
    cases = []
    tag = uuid.uuid4().hex[:6]
    browser.get(f"/xxgk/{APPLY_ORG}/apply", "application form")
    names = browser.driver.execute_script(
        "return Array.from(document.querySelector('form.apply-form').elements).map(e => e.name).filter(n => n)")
    expected = {"_csrf", "website", "applicant_kind", "name", "contact_person", "id_kind", "id_number", "phone", "email",
                "address", "postcode", "description", "document_number", "requested_form", "obtaining_way"}
    if set(names) != expected:
        run.problems.append(f"the application form's fields changed: {sorted(set(names) ^ expected)}; update the proof")
    for j in range(n):
        values = {"website": "", "applicant_kind": "natural_person", "id_kind": "other", "phone": "13%d%08d" % (5 + j % 5, (int(tag, 16) + j * 7919) % 10**8),
                  "postcode": "", "requested_form": "paper", "obtaining_way": "post"}
        used = {}
        for k, (field, fits) in enumerate(APPLY_FIELDS):
            p = rotated(payloads, j, k, step)
            surface = f"application (stored): {field}"
            if fits(p):
                used[field] = p
                if field == "email":
                    values[field] = f"{p.text}@x{j}-{tag}.example.com"
                elif field == "description":
                    values[field] = f"请公开以下信息：{p.text}"
                else:
                    values[field] = p.text
            else:
                run.skip(surface, [p.n])
                values[field] = {"name": f"申请人{j}", "contact_person": "", "id_number": f"QX{j:06d}",
                                 "email": f"a{j}-{tag}@example.com", "address": f"清溪县滨江路{j}号",
                                 "description": f"请公开2025年度清溪县第{j}项财政资金使用情况",
                                 "document_number": ""}[field]
        ids = sorted({p.n for p in used.values()})
        values["_csrf"] = browser.public_csrf()
        browser.post(f"/xxgk/{APPLY_ORG}/apply", {k: values[k] for k in names if k in values}, f"application {j} submitted", ids)
        number, code = browser.text("registration-number"), browser.text("query-code")
        if not number or not code:
            run.problems.append(f"application {j} (payloads {ids}) not accepted: {browser.driver.title} "
                                f"{browser.driver.find_element(By.TAG_NAME, 'main').text[:200]!r}")
            continue
        for field, p in used.items():
            run.deliver(f"application (stored): {field}", [p.n])
        cases.append((used, number, code))
    return cases


def phase_register(run, port, payloads, cases):
    """The 依申请经办人 registers each case and asks for a correction, with payloads as the notes
    (the correction note goes back to the applicant's tracking page and 补正告知书)."""
    ysq = Staff(run, port, "ysq", 52000)
    _, _, listing = ysq.get("/admin/applications?all=1")
    links = dict((num, href) for href, num in re.findall(r'href="(/admin/applications/[0-9A-Fa-f-]{36})"[^>]*>\s*([^<\s]+)\s*<', listing))
    by_number = {}
    n = len(payloads)
    for j, (used, number, code) in enumerate(cases):
        run.check_time("registering applications")
        href = links.get(number)
        if not href:
            run.problems.append(f"application {number} not in the back-office list")
            continue
        if j == 0:
            _, _, page = ysq.get(href)
            today = re.search(r'name="date" type="date" value="([^"]+)"', page).group(1)
        reg_note, cor_note = payloads[(j + 3) % n], payloads[(j + 5) % n]
        status, headers, body = ysq.post(href + "/steps", {"step": "registered", "date": today, "note": reg_note.text})
        if status != 302:
            run.problems.append(f"registering {number} with note #{reg_note.n}: HTTP {status} {gk.main_text(body)[:200]}")
            continue
        deadline = (datetime.date.fromisoformat(today) + datetime.timedelta(days=15)).isoformat()
        status, headers, body = ysq.post(href + "/steps", {"step": "correction_requested", "date": today, "deadline": deadline,
                                                           "note": cor_note.text})
        if status != 302:
            run.problems.append(f"correction request on {number} with note #{cor_note.n}: HTTP {status} {gk.main_text(body)[:200]}")
            continue
        by_number[number] = (href, reg_note, cor_note)
    return by_number


def phase_tracking(run, browser, cases, staff_notes):
    """The applicant tracks each case and opens the documents addressed to them."""
    for j, (used, number, code) in enumerate(cases):
        ids = sorted({p.n for p in used.values()})
        notes = staff_notes.get(number)
        note_ids = [notes[2].n] if notes else []
        browser.post("/ysq/track", {"_csrf": browser.public_csrf(), "number": number, "code": code}, f"tracking {number}",
                     ids + note_ids)
        if browser.text("track-status") is None:
            run.problems.append(f"tracking {number} with its receipt's code did not find the case: {browser.driver.title}")
            continue
        if notes:
            run.deliver("staff note on tracking page (补正)", note_ids)
        token = browser.public_csrf()
        kinds = browser.driver.execute_script(
            "return Array.from(document.querySelectorAll('ul.track-documents input[name=kind]')).map(e => e.value)")
        for kind in kinds:
            # The 补正告知书 of every case (name, description, staff note); the 登记回执 (same template,
            # name and description) of every fourth.
            if kind not in ("receipt", "correction") or (kind == "receipt" and j % 4):
                continue
            browser.post("/ysq/track/document", {"_csrf": token, "number": number, "code": code, "kind": kind, "format": "html"},
                         f"tracking document {kind} of {number}", ids + note_ids)
            for field in ("name", "description"):
                if field in used:
                    run.deliver(f"applicant document ({kind}): {field}", [used[field].n])
            if kind == "correction" and notes:
                run.deliver("staff note in 补正告知书 (public)", note_ids)


def phase_application_back_office(run, browser, cases, staff_notes):
    browser.login("ysq")
    browser.get("/admin/applications?all=1", "back office: application list")
    for used, number, code in cases:
        notes = staff_notes.get(number)
        if not notes:
            continue
        href = notes[0]
        ids = sorted({p.n for p in used.values()} | {notes[1].n, notes[2].n})
        browser.get(href, f"back office: case {number}", ids)
        for field, p in used.items():
            run.deliver(f"application (stored): {field} on the case page", [p.n])
        run.deliver("staff notes on the case page", [notes[1].n, notes[2].n])
        browser.get(f"{href}/documents/correction", f"back office: 补正告知书 of {number}", ids)
        run.deliver("application: name, description and 补正 note in the back-office 补正告知书", ids)
    browser.driver.delete_all_cookies()


ECHO_JS = r"""
var out = {};
var want = arguments[0];
for (var sel in want) { var e = document.querySelector(sel); out[sel] = !!e && e.value === want[sel]; }
return out;
"""


def echoed(run, browser, surface_of, want, n):
    """Counts a field as tested where its value came back verbatim (as the DOM reads it)."""
    for sel, ok in browser.driver.execute_script(ECHO_JS, want).items():
        if ok:
            run.deliver(surface_of[sel], [n])


def phase_reflected_forms(run, browser, payloads):
    """Forms refused with the input sent back: the application form (every field), tracking, log-in."""
    fields = ["applicant_kind", "name", "contact_person", "id_kind", "id_number", "phone", "email", "address",
              "postcode", "description", "document_number", "requested_form", "obtaining_way"]
    text_fields = [f for f in fields if f not in ("applicant_kind", "id_kind", "requested_form", "obtaining_way")]
    browser.get(f"/xxgk/{APPLY_ORG}/apply", "application form")
    for p in payloads:
        values = {f: p.text for f in fields}
        values["website"] = ""
        browser.submit("form.apply-form", values, f"application refused, payload #{p.n}", [p.n])
        if not browser.driver.find_elements(By.CSS_SELECTOR, "form.apply-form"):
            run.problems.append(f"application form with payload #{p.n} everywhere: no form came back ({browser.driver.title})")
            browser.get(f"/xxgk/{APPLY_ORG}/apply", "application form")
            continue
        for f in fields:
            if f not in text_fields:
                run.deliver(f"application refused: {f} (choice, sent)", [p.n])
        echoed(run, browser, {f"form.apply-form [name={f}]": f"application refused: {f} (sent back in the form)" for f in text_fields},
               {f"form.apply-form [name={f}]": p.text for f in text_fields}, p.n)
    browser.get("/ysq/track", "tracking form")
    for p in payloads:
        browser.submit("form[action='/ysq/track']", {"number": p.text, "code": p.text}, f"tracking refused, payload #{p.n}", [p.n])
        if not browser.driver.find_elements(By.CSS_SELECTOR, "form[action='/ysq/track']"):
            run.problems.append(f"tracking form with payload #{p.n}: no form came back ({browser.driver.title})")
            browser.get("/ysq/track", "tracking form")
            continue
        run.deliver("tracking form: code (sent)", [p.n])
        echoed(run, browser, {"#t-number": "tracking form: number (sent back)"}, {"#t-number": p.text}, p.n)
    browser.driver.delete_all_cookies()
    browser.get("/admin/login", "log-in form")
    for p in payloads:
        browser.submit("form:has(#username)", {"username": p.text, "password": "wrong-" + p.text, "next": "/admin/" + p.text},
                       f"log-in refused, payload #{p.n}", [p.n])
        if not browser.driver.find_elements(By.ID, "username"):
            run.problems.append(f"log-in form with payload #{p.n}: no form came back ({browser.driver.title})")
            browser.get("/admin/login", "log-in form")
            continue
        echoed(run, browser, {"#username": "log-in form: username (sent back)", "form:has(#username) [name=next]": "log-in form: next (sent back)"},
               {"#username": p.text, "form:has(#username) [name=next]": "/admin/" + p.text}, p.n)


def phase_get_parameters(run, browser, payloads, items):
    q = urllib.parse.quote
    for p in payloads:
        v = q(p.text, safe="")
        browser.get(f"/search?q={v}", f"search q, payload #{p.n}", [p.n])
        echoed(run, browser, {"#s-q": "search: q (sent back in the search box)"}, {"#s-q": p.text[:100]}, p.n)
        browser.get(f"/admin/login?next={q('/admin/' + p.text, safe='')}", f"log-in next, payload #{p.n}", [p.n])
        echoed(run, browser, {"[name=next]": "log-in page: next parameter (sent back)"}, {"[name=next]": "/admin/" + p.text}, p.n)
        browser.get(f"/xxgk/{APPLY_ORG}/catalogue/{v}", f"404 path, payload #{p.n}", [p.n])
        run.deliver("path segment (404 page)", [p.n])
    # Unknown parameters are kept in the paging links of the search results: ten payloads a page.
    for start in range(0, len(payloads), 10):
        group = payloads[start:start + 10]
        extra = "".join(f"&gk{p.n}={q(p.text, safe='')}" for p in group)
        browser.get(f"/search?q={q(ITEM_MARK)}{extra}", f"search paging links, payloads #{group[0].n}-#{group[-1].n}",
                    [p.n for p in group])
        if browser.driver.find_elements(By.CSS_SELECTOR, "a[href*='page=2']"):
            run.deliver("search: parameters kept in paging links", [p.n for p in group])
        elif len(items) > 20:
            run.problems.append(f"search for {ITEM_MARK} has no second page: the paging links were not tested")


ITEM_TEXT_FIELDS = [
    ("title", lambda p: len(p.text) <= 180),
    ("document_number", lambda p: True),
    ("co_issuers", lambda p: True),
    ("keywords", lambda p: True),
    ("summary", lambda p: len(p.text) <= 100),
]


def item_body(j, p):
    """The rich-text body: the payload as markup, then in the attributes the sanitiser keeps."""
    return (f"<p>{ITEM_MARK}第{j}条：</p>{p.text}"
            f"<p><a href=\"{p.text}\" title=\"{p.text}\">链接</a><img src=\"{p.text}\" alt=\"{p.text}\"></p><p>完</p>")


def approve_all(run, reviewers, href, what, prefix=""):
    """Every step of the review flow (初审, 保密审查, 领导签发) of an item, or of its pending change
    (prefix "/change")."""
    for r in reviewers:
        status, headers, body = r.post(href + prefix + "/approve", {})
        if status == 400 and prefix + "/override" in body:
            # 保密审查: a severe automatic finding is overridden with a reason, then approved.
            status, headers, body = r.post(href + prefix + "/override", {"reason": "安全测试数据，已人工核对"})
            status, headers, body = r.post(href + prefix + "/approve", {})
        if status != 302:
            run.problems.append(f"{what}: approval by {r.username}: HTTP {status} {gk.main_text(body)[:300]}")
            return False
    return True


def multipart(fields, files):
    boundary = "----gkxss" + uuid.uuid4().hex
    out = []
    for k, v in fields.items():
        out.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode())
    for k, (name, data, ctype) in files.items():
        quoted = name.replace("\\", "%5C").replace('"', "%22").replace("\r", "").replace("\n", "")
        out.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{quoted}\"\r\n"
                   f"Content-Type: {ctype}\r\n\r\n".encode() + data + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


def upload(run, officer, href, name, data):
    body, ctype = multipart({"_csrf": officer.token}, {"attachment": (name, data, "image/gif")})
    c = officer.client
    conn = c._connection()
    headers = {"Host": f"{gk.HOST}:{c.port}", "Content-Type": ctype, "Cookie": "; ".join(f"{k}={v}" for k, v in c.cookies.items())}
    conn.request("POST", href + "/attachments", body=body, headers=headers)
    r = conn.getresponse()
    text = r.read().decode("utf-8", "replace")
    run.check_response("POST", href + "/attachments", r.status, r.getheaders(), text, "attachment upload")
    return r.status, text


def phase_items(run, port, payloads, limit_attachments):
    """Drafts one item per payload (rotated text fields, payload in the body), attachments with payload
    names, and 政策解读 with payloads in Q&A and video link; all reviewed and published."""
    officer = Staff(run, port, "xxy_mz", 52100)
    reviewers = [Staff(run, port, u, 52101 + i) for i, u in enumerate(["shy_mz", "bmsc", "leader"])]
    _, _, new_form = officer.get(f"/admin/items/new?org={PUBLISH_ORG}")
    written = re.search(r'name="written_on" type="date" value="([^"]+)"', new_form).group(1)
    n = len(payloads)
    step = max(1, n // (len(ITEM_TEXT_FIELDS) + 1))
    items = []
    gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    for j in range(n):
        run.check_time("drafting items")
        body_p = payloads[j]
        form = {"organisation_id": str(PUBLISH_ORG), "written_on": written, "formed_on": "", "kind": "normative", "genre": "通知",
                "topic": "综合政务", "attribute": "proactive", "columns": "shjz", "validity": "in_force", "body": item_body(j, body_p),
                "title": f"{ITEM_MARK}信息{j}", "document_number": "", "co_issuers": "", "keywords": "", "summary": ""}
        used = {"body": body_p}
        for k, (field, fits) in enumerate(ITEM_TEXT_FIELDS, 1):
            p = rotated(payloads, j, k, step)
            if fits(p):
                used[field] = p
                form[field] = (f"{ITEM_MARK}信息{j}：" + p.text) if field == "title" else p.text
            else:
                run.skip(f"information item: {field}", [p.n])
        status, headers, body = officer.post(f"/admin/items?organisation_id={PUBLISH_ORG}", form)
        if status != 302:
            run.problems.append(f"item {j} (payloads {sorted(p.n for p in used.values())}) not saved: HTTP {status} {gk.main_text(body)[:300]}")
            continue
        href = location(headers).split("?")[0]
        attachment = None
        if j < limit_attachments:
            ap = payloads[(j * 7 + 3) % n]
            status, text = upload(run, officer, href, ap.text + ".gif", gif + ap.text.encode())
            if status == 302:
                attachment = ap
            else:
                run.problems.append(f"attachment named with payload #{ap.n} refused: HTTP {status} {gk.main_text(text)[:200]}")
        status, headers, body = officer.post(href + "/submit", {})
        if status != 302:
            run.problems.append(f"item {j}: submit for review: HTTP {status} {gk.main_text(body)[:300]}")
            continue
        if not approve_all(run, reviewers, href, f"item {j}"):
            continue
        items.append((href, used, attachment))

    # 政策解读 (Q&A) of the first item, ten payloads each, one in the video link.
    interpretations = []
    if items:
        _, _, public = officer.get(items[0][0])
        index = re.search(r"\d{10,}[^<\s]*/\d{4}-\d{5}", public)
        per = 10
        for start in range(0, n, per):
            run.check_time("drafting interpretations")
            group = payloads[start:start + per]
            qa = "\n".join(f"问：{p.text}\n答：{p.text}" for p in group)
            media = group[0]
            form = {"organisation_id": str(PUBLISH_ORG), "written_on": written, "formed_on": "", "kind": "interpretation",
                    "genre": "其他", "topic": "综合政务", "attribute": "proactive", "columns": "zcjd", "validity": "in_force",
                    "title": f"{ITEM_MARK}解读{start}", "body": f"<p>{ITEM_MARK}解读</p>", "interpretation_form": "qa",
                    "interprets": index.group(0) if index else "", "qa_text": qa, "media_url": "https://example.com/" + media.text}
            status, headers, body = officer.post(f"/admin/items?organisation_id={PUBLISH_ORG}", form)
            if status != 302 and "media_url" in body:
                form["media_url"] = ""
                media = None
                status, headers, body = officer.post(f"/admin/items?organisation_id={PUBLISH_ORG}", form)
            if status != 302:
                run.problems.append(f"interpretation {start}: not saved: HTTP {status} {gk.main_text(body)[:300]}")
                continue
            href = location(headers).split("?")[0]
            status, headers, body = officer.post(href + "/submit", {})
            if status != 302 or not approve_all(run, reviewers, href, f"interpretation {start}"):
                run.problems.append(f"interpretation {start}: not published (HTTP {status})")
                continue
            interpretations.append((href, group, media))
    return items, interpretations


def public_of(href):
    return f"/xxgk/{PUBLISH_ORG}/content/{href.rsplit('/', 1)[1]}"


def phase_corrections(run, port, payloads, items):
    """A 更正 of every published item (proposed by the 公开办管理员), payloads in the corrected title and
    body and in the reason (which the public page lists); returns [(href, used)] once proposed. The
    caller renders the back office while they are pending, then approve_corrections publishes them."""
    gkb = Staff(run, port, "gkb", 52200)
    n = len(payloads)
    proposed = []
    for j, (href, _, _) in enumerate(items):
        run.check_time("proposing corrections")
        title_p, body_p, reason_p = payloads[(j + 1) % n], payloads[(j + 2) % n], payloads[(j + 4) % n]
        form = {"title": f"{ITEM_MARK}信息{j}（更正）：{title_p.text}" if len(title_p.text) <= 170 else f"{ITEM_MARK}信息{j}（更正）",
                "body": item_body(j, body_p), "reason": f"更正原因：{reason_p.text}"}
        used = {"correction title": title_p, "correction body": body_p, "correction reason": reason_p}
        if len(title_p.text) > 170:
            del used["correction title"]
            run.skip("更正: title", [title_p.n])
        status, headers, body = gkb.post(href + "/correct", form)
        if status != 302:
            run.problems.append(f"更正 of item {j}: HTTP {status} {gk.main_text(body)[:300]}")
            continue
        proposed.append((href, used))
    return proposed


def approve_corrections(run, port, proposed):
    reviewers = [Staff(run, port, u, 52201 + i) for i, u in enumerate(["shy_mz", "bmsc", "leader"])]
    approved = []
    for href, used in proposed:
        run.check_time("approving corrections")
        if approve_all(run, reviewers, href, f"更正 of {href}", prefix="/change"):
            approved.append((href, used))
    return approved


def phase_corrected_pages(run, browser, approved):
    for href, used in approved:
        ids = sorted({p.n for p in used.values()})
        out = browser.get(public_of(href), "public item page after 更正", ids)
        if out.get("status") != 200 or "更正" not in (out.get("title") or ""):
            run.problems.append(f"{public_of(href)} after the 更正: HTTP {out.get('status')}, title {out.get('title')!r}")
            continue
        for field, p in used.items():
            run.deliver(f"更正: {field.split()[-1]} (public page)", [p.n])


def phase_item_pages(run, browser, items, interpretations):
    for href, used, attachment in items:
        ids = sorted({p.n for p in used.values()} | ({attachment.n} if attachment else set()))
        out = browser.get(public_of(href), "public item page", ids)
        if out.get("status") != 200:
            run.problems.append(f"public item page {public_of(href)}: HTTP {out.get('status')} (not published?)")
            continue
        for field, p in used.items():
            run.deliver(f"information item: {field} (public page)", [p.n])
        if attachment:
            run.deliver("attachment file name (public page)", [attachment.n])
            link = browser.driver.execute_script(
                "var a = document.querySelector('.attachments-public a'); return a ? a.getAttribute('href') : ''")
            if link:
                browser.get(link, "attachment download", [attachment.n])
    for href, group, media in interpretations:
        ids = [p.n for p in group]
        out = browser.get(public_of(href), "public interpretation page", ids)
        if out.get("status") == 200:
            run.deliver("政策解读: Q&A text (public page)", ids)
            if media:
                run.deliver("政策解读: video link (public page)", [media.n])
    pages = max(1, -(-len(items) // 20))
    for page in range(1, pages + 1):
        browser.get(f"/xxgk/{PUBLISH_ORG}/fdzdgknr/shjz?page={page}", "column list")
        browser.get(f"/zcwjk?org={PUBLISH_ORG}&page={page}", "policy library")
    for path in ["/", f"/xxgk/{PUBLISH_ORG}", f"/xxgk/{PUBLISH_ORG}/fdzdgknr/zcjd", f"/xxgk/{PUBLISH_ORG}/feed.xml",
                 f"/xxgk/{PUBLISH_ORG}/fdzdgknr/shjz/feed.xml", "/sitemap.xml"]:
        browser.get(path, f"public list {path}")
    # Search results: titles, and snippets of the bodies' plain text (where escaped markup is text again).
    for page in range(1, max(1, -(-(len(items) + len(interpretations)) // 20)) + 1):
        browser.get(f"/search?q={urllib.parse.quote(ITEM_MARK)}&page={page}", "search results")
    run.deliver("item bodies as search snippets", [used["body"].n for _, used, _ in items])
    run.deliver("item titles in column lists, policy library, feeds, search results",
                sorted({used["title"].n for _, used, _ in items if "title" in used}))


def phase_item_back_office(run, browser, items, interpretations, proposed):
    pending = dict(proposed)
    browser.login("xxy_mz")
    browser.get("/admin/items", "back office: item list")
    browser.get("/admin", "back office: dashboard")
    for href, used, attachment in items + [(h, {f"qa{i}": p for i, p in enumerate(g)}, None) for h, g, _ in interpretations]:
        ids = sorted({p.n for p in used.values()} | {p.n for p in pending.get(href, {}).values()})
        browser.get(href, "back office: item page", ids)
        browser.get(href + "/edit", "back office: item edit form", ids)
        for field, p in used.items():
            run.deliver("information item: fields on the back-office page and edit form", [p.n])
        for field, p in pending.get(href, {}).items():
            run.deliver(f"更正: {field.split()[-1]} pending (back-office item page)", [p.n])
    browser.driver.delete_all_cookies()
    browser.login("admin")
    browser.get("/admin/audit", "back office: audit log")
    browser.driver.delete_all_cookies()


# --------------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", default=os.path.join(HERE, "xss_corpus.txt"))
    ap.add_argument("--budget", type=int, default=480, help="seconds for the whole proof (it fails when they run out)")
    ap.add_argument("--only", type=int, help="use the first N payloads (development)")
    ap.add_argument("--self-check-only", action="store_true", help="run the self-check and stop")
    ap.add_argument("--attachments", type=int, default=12, help="items that get an attachment named after a payload")
    ap.add_argument("--base", help="test this running `gongkai demo` (demo accounts unchanged) instead of starting one "
                                   "(http://127.0.0.1:PORT)")
    ap.add_argument("--keep", action="store_true", help="keep the data folder")
    a = ap.parse_args()

    t0 = time.monotonic()
    payloads = load_corpus(a.corpus)
    if a.only:
        payloads = payloads[:a.only]
    if len(payloads) < 40 and not a.only:
        raise SystemExit(f"the corpus has {len(payloads)} payloads, fewer than 40")
    counts = {c: sum(1 for p in payloads if p.context == c) for c in CONTEXTS}
    print(f"xss: corpus {os.path.relpath(a.corpus)}: {len(payloads)} payloads ("
          + ", ".join(f"{c} {n}" for c, n in counts.items() if n) + ")", flush=True)

    run = Run(payloads, t0 + a.budget)
    ws = gk.Workspace("xss")
    server = None
    proxy = None
    browser = None
    failures = []
    try:
        if a.base:
            base = a.base.rstrip("/")
            if urllib.parse.urlsplit(base).hostname != gk.HOST:
                raise SystemExit("only a server on 127.0.0.1 may be tested")
        else:
            server = gk.Server(a.bin, ws.dir, name="xss")
            print("xss: starting demo (SQLite) ...", flush=True)
            server.start("demo")
            base = server.base
        port = urllib.parse.urlsplit(base).port
        proxy, proxy_port = loopback_proxy.start(port, first_address=40000, on_response=run.on_response)
        browser = Browser(run, base, proxy_port)

        failures += [f"self-check: {f}" for f in self_check(run, browser, payloads)]
        if failures or a.self_check_only:
            raise StopIteration

        phases = []

        def phase(name, fn, *args):
            started = time.monotonic()
            loads = run.page_loads
            result = fn(*args)
            phases.append((name, time.monotonic() - started, run.page_loads - loads))
            print(f"xss: {name}: {time.monotonic() - started:.0f}s, {run.page_loads - loads} page loads, "
                  f"executed {len(run.executed)}, reflections {len(run.reflections)} so far", flush=True)
            return result

        items, interpretations = phase("items drafted, reviewed and published (HTTP, as staff)", phase_items, run, port,
                                       payloads, a.attachments)
        phase("public item pages, lists, feeds", phase_item_pages, run, browser, items, interpretations)
        proposed = phase("更正 proposed for every item (HTTP, as staff)", phase_corrections, run, port, payloads, items)
        phase("back-office item pages (with the pending 更正) and edit forms", phase_item_back_office, run, browser, items,
              interpretations, proposed)
        approved = phase("更正 reviewed and published (HTTP, as staff)", approve_corrections, run, port, proposed)
        phase("public item pages after the 更正", phase_corrected_pages, run, browser, approved)
        phase("public GET parameters and paths", phase_get_parameters, run, browser, payloads, items)
        phase("refused forms echoing input (application, tracking, log-in)", phase_reflected_forms, run, browser, payloads)
        cases = phase("applications submitted in Chromium", phase_applications, run, browser, payloads)
        notes = phase("applications registered, correction requested (HTTP, as staff)", phase_register, run, port, payloads, cases)
        phase("tracking pages and applicant documents", phase_tracking, run, browser, cases, notes)
        phase("back-office case pages and documents", phase_application_back_office, run, browser, cases, notes)
        if server and not server.alive():
            failures.append("the server died during the proof")
    except StopIteration:
        pass
    except TimeoutError as e:
        failures.append(str(e))
    except Exception as e:
        failures.append(f"{type(e).__name__}: {e}")
    finally:
        if browser:
            browser.quit()
        if proxy:
            proxy.shutdown()
        run.check_responses()
        if server:
            server.stop()

    # Figures
    pairs = sum(len(v) for v in run.surfaces.values())
    skipped = sum(len(v - run.surfaces.get(k, set())) for k, v in run.skipped.items())
    if run.surfaces:
        print(f"xss: surfaces (form fields, parameters, stored fields and the pages showing them): {len(run.surfaces)}; "
              f"payload x surface pairs rendered: {pairs}; pairs skipped (too long or not allowed for the field): {skipped}")
        for name in sorted(run.surfaces):
            print(f"xss:   {name}: {len(run.surfaces[name])}/{len(payloads)} payloads")
    print(f"xss: page loads in Chromium: {run.page_loads}; HTML responses checked: {run.html_checked}, "
          f"with a script-src CSP: {run.csp_ok}; HTTP 5xx: {len(run.server_errors)}")
    print(f"xss: executed: {len(run.executed)}")
    for ids, label, url in run.executed[:20]:
        shown = ", ".join(f"#{i} {run.by_id[int(i)].text!r}" if str(i).isdigit() and int(i) in run.by_id else str(i) for i in ids)
        print(f"xss:   EXECUTED {shown} on {url} ({label})")
    raw = [r for r in run.reflections if r[0] != "DOM"]
    dom = [r for r in run.reflections if r[0] == "DOM"]
    print(f"xss: unescaped reflections: {len(raw)} in served HTML, {len(dom)} in the DOM")
    for kind, label, url, finding in run.reflections[:30]:
        print(f"xss:   {kind} {url} ({label}): {finding} {ids_in(finding) or ''}")
    for status, method, url, label in run.server_errors[:10]:
        print(f"xss:   HTTP {status}: {method} {url} ({label})")
    for c in run.csp_missing[:5]:
        print(f"xss:   no script-src CSP: {c}")
    for p in run.problems[:15]:
        print(f"xss:   problem: {p}")

    if run.executed:
        failures.append(f"{len(run.executed)} page loads ran a payload")
    if raw or dom:
        failures.append(f"{len(raw) + len(dom)} unescaped reflections")
    if run.server_errors:
        failures.append(f"{len(run.server_errors)} answers 5xx")
    if run.csp_missing:
        failures.append(f"{len(run.csp_missing)} HTML responses without a script-src Content-Security-Policy")
    if run.problems:
        failures.append(f"{len(run.problems)} submissions or pages did not work as they must (see problems)")
    if failures and server:
        print("xss: server log tail:\n" + server.log_tail(20))
    ws.close(keep=a.keep or bool(failures))

    print(f"xss: {time.monotonic() - t0:.0f}s")
    for f in failures:
        print(f"xss: FAIL: {f}")
    print("xss: " + ("FAILED" if failures else "PASSED"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
