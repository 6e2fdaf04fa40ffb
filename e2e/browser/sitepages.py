"""One page of every public page type of the demo, found by following links from the home page (no ids
hard-coded), the main back-office pages, and a small HTTP client with cookies for fetching them as HTML."""
import http.cookiejar
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def demo_password():
    """The demo accounts' password, from the demo data the server binary runs with (its resource bundle beside
    it), else from the source tree; GONGKAI_DEMO_PASSWORD overrides both."""
    if os.environ.get("GONGKAI_DEMO_PASSWORD"):
        return os.environ["GONGKAI_DEMO_PASSWORD"]
    binary = os.environ.get("GONGKAI_BIN", os.path.join(ROOT, ".build", "debug", "gongkai"))
    for path in (os.path.join(os.path.dirname(binary), "Gongkai_GongkaiApp.resources", "Resources", "demo", "county.json"),
                 os.path.join(ROOT, "Sources", "GongkaiApp", "Resources", "demo", "county.json")):
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                return json.load(f)["password"]
    return "Gongkai@2026"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self._href, self._text = [], None, []
        self.inputs = {}
        self.forms = []  # (method, action, {name: value} of its hidden fields) in page order

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self._href, self._text = a["href"], []
        if tag == "form":
            self.forms.append(((a.get("method") or "get").lower(), a.get("action") or "", {}))
        if tag == "input" and a.get("name"):
            self.inputs[a["name"]] = a.get("value") or ""
            if self.forms and a.get("type") == "hidden":
                self.forms[-1][2][a["name"]] = a.get("value") or ""

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None


class Client:
    """urllib with a cookie jar; `get`/`post` return (status, final URL, body text)."""

    def __init__(self, base, care=False):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        if care:
            self.get("/care-mode?on=1&back=/")

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=30) as r:
                return r.status, r.geturl(), r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.geturl(), e.read().decode("utf-8", "replace")

    def get(self, path):
        return self._open(urllib.request.Request(urllib.parse.urljoin(self.base, path)))

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        return self._open(urllib.request.Request(urllib.parse.urljoin(self.base, path), data=data))

    def links(self, path):
        status, _, body = self.get(path)
        assert status == 200, f"{path}: HTTP {status}"
        p = _Links()
        p.feed(body)
        return p.links

    def hrefs(self, path, pattern):
        """Local links on `path` whose path matches `pattern` (a regex), in page order, without repeats."""
        out = []
        for href, _ in self.links(path):
            href = urllib.parse.urljoin(path, href.split("#")[0])
            if re.fullmatch(pattern, urllib.parse.urlsplit(href).path) and href not in out:
                out.append(href)
        return out

    def form_fields(self, path):
        status, _, body = self.get(path)
        p = _Links()
        p.feed(body)
        return p.inputs

    def submit_hidden(self, path, action_pattern):
        """Posts the first form on `path` whose action matches `action_pattern` with only its hidden fields (every
        field a person fills in left empty); returns (status, final URL, body)."""
        status, _, body = self.get(path)
        p = _Links()
        p.feed(body)
        for method, action, fields in p.forms:
            if method == "post" and re.fullmatch(action_pattern, action.split("#")[0]):
                return self.post(urllib.parse.urljoin(path, action), fields)
        raise AssertionError(f"no form posting to {action_pattern} on {path}")

    def login(self, username, password=None):
        fields = self.form_fields("/admin/login")
        fields.update(username=username, password=password or demo_password())
        status, url, body = self.post("/admin/login", fields)
        assert status == 200 and "/admin/login" not in url, f"login as {username} failed: {url}"


def discover_public(base):
    """{label: path} for one page of each public page type, following links from the home page. Picks the first
    organisation (in home-page order) that has an item in a column, a published annual report and a catalogue domain."""
    c = Client(base)
    pages = {"首页": "/"}
    home_links = c.hrefs("/", r"/xxgk/\d+")
    assert home_links, "no organisation linked from the home page"
    pages["政策文件库"] = c.hrefs("/", r"/zcwjk")[0]
    search = c.hrefs("/", r"/search")[0]
    pages["搜索"] = search
    chosen = None
    for org in home_links:
        sections = {urllib.parse.urlsplit(h).path.rsplit("/", 1)[-1]: h for h in c.hrefs(org, org + r"/[a-z-]+")}
        if not {"guide", "rules", "fdzdgknr", "annual-reports", "apply"} <= set(sections):
            continue
        reports = c.hrefs(sections["annual-reports"], sections["annual-reports"] + r"/\d{4}")
        catalogue = c.hrefs(sections["fdzdgknr"], org + r"/catalogue")
        domains = c.hrefs(catalogue[0], org + r"/catalogue/[^/]+") if catalogue else []
        if not reports or not domains:
            continue
        columns = c.hrefs(sections["fdzdgknr"], org + r"/fdzdgknr/\w+")
        for column in columns:
            items = c.hrefs(column, r"/xxgk/\d+/content/[^/]+")
            if items:
                chosen = dict(org=org, sections=sections, reports=reports, catalogue=catalogue[0], domain=domains[0],
                              column=column, item=items[0])
                break
        if chosen:
            break
    assert chosen, "no organisation with an item, an annual report and a catalogue domain"
    s = chosen["sections"]
    pages.update({
        "机关页": chosen["org"], "公开指南": s["guide"], "公开制度": s["rules"], "法定主动公开内容": s["fdzdgknr"],
        "栏目列表": chosen["column"], "信息页": chosen["item"],
        "年报列表": s["annual-reports"], "年报": chosen["reports"][0],
        "标准目录": chosen["catalogue"], "标准目录领域": chosen["domain"],
        "依申请公开": s["apply"],
    })
    pages["办理进度查询"] = c.hrefs(s["apply"], r"/ysq/track")[0]
    pages["找回查询码"] = c.hrefs(pages["办理进度查询"], r"/ysq/track/recover")[0]
    # Search results for the first word of the chosen item's title (4 characters).
    title = next(t for h, t in c.links(chosen["column"]) if h.split("#")[0] == urllib.parse.urlsplit(chosen["item"]).path)
    pages["搜索结果"] = search + "?" + urllib.parse.urlencode({"q": title[:4]})
    assert c.hrefs(pages["搜索结果"], r"/xxgk/\d+/content/[^/]+"), f"no search results for {title[:4]}"
    # The policy library's other tab.
    invalid = [h for h in c.hrefs(pages["政策文件库"], r"/zcwjk") if "invalid" in h]
    if invalid:
        pages["政策文件库（失效）"] = invalid[0]
    pages["404"] = "/no-such-page"
    # 公众参与: the overview, an open and a closed consultation, a government's decision list.
    pages["公众参与"] = c.hrefs("/", r"/participation$")[0]
    consultations = c.hrefs(pages["公众参与"], r"/participation/consultations/[0-9A-Fa-f-]{36}$")
    assert len(consultations) >= 2, "the demo has an open and a closed consultation"
    pages["征求意见（进行中）"], pages["征求意见（已结束）"] = consultations[0], consultations[1]
    pages["重大行政决策事项目录"] = c.hrefs(pages["公众参与"], r"/xxgk/\d+/decisions")[0]
    events = c.hrefs(pages["公众参与"], r"/participation/events/[0-9A-Fa-f-]{36}$")
    assert len(events) >= 2, "the demo has coming and past events"
    pages["活动（报名中）"], pages["活动（已举行）"] = events[0], events[-1]
    pages["问卷调查"] = c.hrefs(pages["公众参与"], r"/participation/surveys/[0-9A-Fa-f-]{36}$")[0]
    pages["政策解读日"] = c.hrefs(pages["公众参与"], r"/participation/interpretation-days/\d+$")[0]
    # 政民互动: the overview, the letter form (with suggestions), a public letter, the knowledge base, tracking.
    pages["政民互动"] = c.hrefs("/", r"/hudong$")[0]
    pages["我要写信"] = c.hrefs(pages["政民互动"], r"/hudong/write")[0].split("?")[0] + "?q=%E4%B8%B4%E6%97%B6%E6%95%91%E5%8A%A9"
    pages["来信选登"] = c.hrefs(pages["政民互动"], r"/hudong/letters/[A-Z0-9-]+$")[0]
    pages["知识问答"] = c.hrefs("/", r"/hudong/knowledge$")[0]
    pages["来信办理查询"] = c.hrefs(pages["政民互动"], r"/hudong/track$")[0]
    pages["在线访谈"] = c.hrefs(pages["政民互动"], r"/hudong/interviews$")[0]
    pages["办事服务"] = c.hrefs("/", r"/banshi$")[0]
    pages["办事指南"] = c.hrefs(pages["办事服务"], r"/banshi/guides/[0-9A-Fa-f-]{36}$")[0] + "?accepted=2026-09-30"
    pages["一次告知单"] = pages["办事指南"].split("?")[0] + "/checklist"
    pages["一件事"] = c.hrefs(pages["办事服务"], r"/banshi/events/[0-9A-Fa-f-]{36}$")[0]
    pages["一件事列表"] = "/banshi/events"
    pages["政务地图"] = c.hrefs("/", r"/banshi/map$")[0]
    pages["线下政务地图"] = "/banshi/map/print"
    pages["政府公报"] = c.hrefs("/", r"/gongbao$")[0]
    pages["公报一期"] = c.hrefs(pages["政府公报"], r"/gongbao/[0-9A-Fa-f-]{36}$")[0]
    pages["公报印刷版"] = pages["公报一期"] + "/print"
    pages["办事一本通"] = "/banshi/books"
    pages["政务公开专区"] = "/zhuanqu"
    pages["一本通"] = c.hrefs("/banshi/books", r"/banshi/books/[0-9A-Fa-f-]{36}$")[0]
    # 村（居）务公开: a township's section and one village's part of it.
    for org in c.hrefs("/", r"/xxgk/\d+"):
        found = c.hrefs(org, r"/xxgk/\d+/cunwu")
        if found:
            pages["村（居）务公开"] = found[0]
            break
    pages["村（居）务公开（村）"] = c.hrefs(pages["村（居）务公开"], r"/xxgk/\d+/cunwu/\d+")[0]
    # 政策服务直通车: the start page, subscription form, an audience's policies, a package, its print and a card.
    pages["政策服务直通车"] = c.hrefs("/", r"/zhitongche")[0]
    pages["订阅政策推送"] = c.hrefs(pages["政策服务直通车"], r"/zhitongche/subscribe")[0]
    pages["人群政策"] = c.hrefs(pages["政策服务直通车"], r"/zhitongche/audience")[0]
    pages["政策包"] = c.hrefs(pages["政策服务直通车"], r"/zhitongche/packages/[0-9A-Fa-f-]{36}")[0]
    pages["政策包印刷版"] = pages["政策包"] + "/print"
    pages["明白卡"] = c.hrefs(pages["政策包"], r"/zhitongche/packages/[0-9A-Fa-f-]{36}/card/\d+")[0]
    pages["明白卡A5"] = pages["明白卡"] + "?size=a5"
    pages["嵌入列表"] = c.hrefs(pages["人群政策"], r"/zhitongche/embed")[0]
    pages["大屏轮播"] = c.hrefs(pages["人群政策"], r"/zhitongche/screen")[0]
    # 政务新媒体矩阵, and a government's 不予公开事项清单.
    pages["政务新媒体矩阵"] = c.hrefs("/", r"/xmt$")[0]
    pages["不予公开事项清单"] = c.hrefs(chosen["org"], r"/xxgk/\d+/fmqd")[0]
    for n, href in enumerate(c.hrefs(pages["在线访谈"], r"/hudong/interviews/[0-9A-Fa-f-]{36}$")[:2]):
        pages[f"访谈{n + 1}"] = href
    # Item pages with the optional parts: corrections, validity notice, interpretations, Q&A, attachments.
    candidates = []
    for source in [pages["政策文件库"]] + invalid + [pages["搜索结果"], chosen["column"]]:
        candidates += [h for h in c.hrefs(source, r"/xxgk/\d+/content/[^/]+") if h not in candidates]
    for column in c.hrefs(s["fdzdgknr"], chosen["org"] + r"/fdzdgknr/\w+")[:30]:
        candidates += [h for h in c.hrefs(column, r"/xxgk/\d+/content/[^/]+") if h not in candidates]
    markers = {"信息页（更正）": 'class="corrections"', "信息页（失效）": "validity-notice",
               "信息页（有解读）": 'class="interpretations"><ul><li', "信息页（问答）": '<dl class="qa"><dt',
               "信息页（附件）": 'class="attachments-public"><ul><li', "信息页（解读）": "本文是对",
               "信息页（表格）": re.compile(r'class="item-body">.*?<table', re.S)}
    for item in candidates:
        if len(candidates) > 80:
            break
        status, _, body = c.get(item)
        if status != 200:
            continue  # the demo's notice links to a page that does not exist (a fault planted for the site monitor)
        # Interpretations link to their policy and the other way round.
        candidates += [h for h in c.hrefs(item, r"/xxgk/\d+/content/[^/]+") if h not in candidates]
        for label, marker in markers.items():
            if label not in pages and (marker.search(body) if hasattr(marker, "search") else marker in body):
                pages[label] = item
    return pages


ADMIN = ["/admin", "/admin/applications", "/admin/calendar?year=2026&start=2026-09-28&days=20", "/admin/orgs", "/admin/orgs/1",
         "/admin/orgs/new?parent=1", "/admin/users", "/admin/audit", "/admin/account/password", "/admin/items",
         "/admin/items/new?org=16", "/admin/check-lists", "/admin/mail", "/admin/orgs/16/letters", "/admin/orgs/16/letters/reply.1",
         "/admin/cleanup", "/admin/orgs/1/publishing", "/admin/reports?year=2025", "/admin/reports/16/2025", "/admin/catalogue",
         "/admin/catalogue/16/%E7%A4%BE%E4%BC%9A%E6%95%91%E5%8A%A9", "/admin/coverage?org=16", "/admin/users/new",
         "/admin/applications/new", "/admin/participation/1/decisions", "/admin/participation/1/consultations/new",
         "/admin/participation/1/events", "/admin/participation/1/events/new", "/admin/participation/1/surveys",
         "/admin/participation/1/surveys/new", "/admin/participation/1/interpretation-days", "/admin/guide-bundles", "/admin/guide-books",
         "/admin/push/packages", "/admin/push/webhooks", "/admin/villages", "/admin/m/publish", "/admin/units",
         "/admin/reports/similarity?year=2025", "/admin/monitor?status=all", "/admin/xmt", "/admin/fmqd",
         "/admin/plan/import", "/admin/indicators?indicator=applications_on_time", "/admin/evaluation"]


def discover_admin(client):
    """The back-office pages: the fixed list above, every page of the back-office menu, and the first
    item, user and application page linked from their lists."""
    pages = list(ADMIN)
    for href in client.hrefs("/admin", r"/admin/[a-z-]+(/[a-z-]+)?"):
        if href not in pages and not href.endswith("/logout"):
            pages.append(href)
    for listing, pattern in (("/admin/items", r"/admin/items/[0-9A-Fa-f-]{36}"), ("/admin/users", r"/admin/users/[0-9A-Fa-f-]{36}"),
                             ("/admin/applications", r"/admin/applications/[0-9A-Fa-f-]{36}"),
                             ("/admin/participation", r"/admin/participation/consultations/[0-9A-Fa-f-]{36}"),
                             ("/admin/participation/1/decisions", r"/admin/participation/decisions/[0-9A-Fa-f-]{36}"),
                             ("/admin/participation/1/events", r"/admin/participation/events/[0-9A-Fa-f-]{36}"),
                             ("/admin/participation/1/surveys", r"/admin/participation/surveys/[0-9A-Fa-f-]{36}"),
                             ("/admin/letters?show=all", r"/admin/letters/[0-9A-Fa-f-]{36}"),
                             ("/admin/opinions", r"/admin/opinions/[0-9A-Fa-f-]{36}"),
                             ("/admin/interviews", r"/admin/interviews/[0-9A-Fa-f-]{36}"),
                             ("/admin/guides", r"/admin/guides/[0-9A-Fa-f-]{36}"),
                             ("/admin/places", r"/admin/places/[0-9A-Fa-f-]{36}"),
                             ("/admin/gazette", r"/admin/gazette/[0-9A-Fa-f-]{36}"),
                             ("/admin/push", r"/admin/push/items/[0-9A-Fa-f-]{36}"),
                             ("/admin/push", r"/admin/push/guides/[0-9A-Fa-f-]{36}"),
                             ("/admin/push", r"/admin/push/rows/[0-9A-Fa-f-]{36}"),
                             ("/admin/push/packages", r"/admin/push/packages/[0-9A-Fa-f-]{36}"),
                             ("/admin/villages", r"/admin/villages/\d+"),
                             ("/admin/xmt", r"/admin/xmt/[0-9A-Fa-f-]{36}"), ("/admin/xmt", r"/admin/xmt/items/[0-9A-Fa-f-]{36}"),
                             ("/admin/fmqd", r"/admin/fmqd/[0-9A-Fa-f-]{36}"),
                             ("/admin/plan", r"/admin/plan/tasks/[0-9A-Fa-f-]{36}"), ("/admin/plan", r"/admin/plan/reviews/[0-9A-Fa-f-]{36}"),
                             ("/admin/fixes", r"/admin/fixes/[0-9A-Fa-f-]{36}"), ("/admin/meetings", r"/admin/meetings/[0-9A-Fa-f-]{36}"),
                             ("/admin/assessments", r"/admin/assessments/[0-9A-Fa-f-]{36}")):
        # The first one this account may open (a 公开办 cannot open a 系统管理员's account, for one).
        page = next((h for h in client.hrefs(listing, pattern)[:10] if client.get(h)[0] == 200), None)
        if page and page not in pages:
            pages.append(page)
    return pages
