"""The workbench's local web server (standard library ``http.server``).

Security: it binds to 127.0.0.1 only and answers only requests addressed to that host and
port (a page elsewhere cannot reach it through DNS rebinding); every request needs the
per-launch token (in the URL printed at launch, then a same-site cookie), and every write
needs it again in the form, so another site cannot make the browser write; it serves one
page and no files; it reads and writes only the paper, the sheet and the spec, each resolved
inside the project folder; the paper's text is escaped by the templates' autoescape, and a
Content-Security-Policy lets only the page's own script run.
"""

from __future__ import annotations

import hmac
import http.server
import re
import secrets
import threading
import urllib.parse
from pathlib import Path

from ..errors import InputError
from ..protocol import SETTINGS
from . import specedit
from .model import REFS, Evaluation, Paper, coverage, evaluate
from .view import render_page

MAX_BODY = 1_000_000
_PAPER_ID = re.compile(r"[a-z][a-z0-9]*")


def project_paths(root: Path, paper_id: str) -> tuple[Path, str, Path]:
    """The paper file, its path as the pipeline names it, and the spec path; each must
    resolve inside ``root`` (the paper id must be listed in the sheet)."""
    from ..review_inputs import inside_project
    from ..sheet import read_sheet, resolve_inside
    from ..yamlsafe import load_no_aliases

    if not _PAPER_ID.fullmatch(paper_id):
        raise InputError(f"{paper_id!r}", "not a paper id", "use lower-case letters and digits")
    config_file = root / "config/config.yaml"
    config = (
        load_no_aliases(config_file.read_text(encoding="utf-8")) if config_file.is_file() else {}
    )
    config = config if isinstance(config, dict) else {}
    sheet = inside_project(
        root, str(config.get("papers_sheet", "config/papers.tsv")), "papers_sheet"
    )
    papers = inside_project(root, str(config.get("papers_dir", "papers")), "papers_dir")
    specs = inside_project(root, str(config.get("specs_dir", "config/extraction")), "specs_dir")
    rows = {r["paper_id"]: (i, r) for i, r in enumerate(read_sheet(root / sheet), start=2)}
    if paper_id not in rows:
        raise InputError(
            sheet,
            f"paper {paper_id!r} is not in the sheet",
            "add its row (README: adding a paper), then start the workbench again",
        )
    line, row = rows[paper_id]
    try:
        path = resolve_inside(root / papers, row["file"], f"{sheet}:{line} (field file)")
    except InputError as exc:  # name the folder as the sheet does, relative to the project
        strip = f"{root}/"
        raise InputError(
            exc.where, exc.reason.replace(strip, ""), exc.fix.replace(strip, "")
        ) from None
    return path, f"{papers}/{row['file']}", root / specs / f"{paper_id}.yaml"


class Workbench:
    """One paper's session: the paper (read once), the spec being edited, the token."""

    def __init__(self, root: str | Path, paper_id: str) -> None:
        self.root = Path(root).resolve()
        self.paper_path, source, self.spec_path = project_paths(self.root, paper_id)
        self.paper = Paper(paper_id, self.paper_path, source)
        self.spec_rel = self.spec_path.relative_to(self.root).as_posix()
        self.saved_text = self._on_disk()
        self.spec_text = self.saved_text or specedit.EMPTY.format(paper_id=paper_id)
        self.token = secrets.token_urlsafe(32)
        self.message = ""
        self.confirm_save = False
        self.lock = threading.Lock()
        self._evaluation: tuple[str, Evaluation] | None = None

    def evaluation(self) -> Evaluation:
        if self._evaluation is None or self._evaluation[0] != self.spec_text:
            self._evaluation = (self.spec_text, evaluate(self.spec_text, self.paper))
        return self._evaluation[1]

    def page(self, pick: int | None, nonce: str) -> str:
        ev = self.evaluation()
        return render_page(self, ev, coverage(self.paper, ev), pick, nonce)

    # ---------------------------------------------------------------- writes

    def cohort_ids(self) -> list[str]:
        return [str(c.get("id", "")) for c in specedit.items(self.spec_text, "cohorts")]

    def apply(self, form: dict[str, str]) -> str:
        """Apply one edit of the form; returns the fragment to show (``L<line>``)."""
        action = form.get("action", "")
        self.message = ""
        confirm = self.confirm_save
        self.confirm_save = False
        if action == "add_cohort":
            proposed = {c["id"]: c for c in self.paper.cohorts}
            cid = form.get("id", "")
            if cid in self.cohort_ids():
                raise InputError(cid, "this cohort is already declared")
            c = proposed.get(cid) or {"id": cid, "label": "", "setting": form.get("setting", "")}
            if c["setting"] not in SETTINGS:
                raise InputError(cid, f"unknown setting {c['setting']!r}", "choose one")
            item = {"id": c["id"]}
            if c.get("label"):
                item["label"] = c["label"]
            item.update(setting=c["setting"], pooled_in=c["setting"])
            self.spec_text = specedit.append_item(self.spec_text, "cohorts", item)
        elif action == "set_cohort":
            i = int(form.get("index", "-1"))
            for key in ("setting", "pooled_in", "reason_code", "reason"):
                if key in form:
                    self.spec_text = specedit.set_key(
                        self.spec_text, "cohorts", i, key, form[key] or None
                    )
        elif action == "remove_cohort":
            self.spec_text = specedit.remove_item(self.spec_text, "cohorts", int(form["index"]))
        elif action == "add_value":
            return self._add_value(form)
        elif action == "choose":
            mark = self._mark(form)
            ref, cohort = form.get("ref", ""), form.get("cohort", "")
            if ref not in REFS or cohort not in self.cohort_ids():
                raise InputError(ref, "choose a statistic and a declared cohort")
            option = self.paper.choose(mark, ref, cohort)
            if option is None:
                raise InputError(
                    f"line {mark.line}",
                    f"no passage around {mark.text!r} matches exactly once as {ref}",
                    "write this entry by hand in the YAML",
                )
            form = {**form, "anchor": option.anchor, "section": option.section, "source": "chosen"}
            return self._add_value(form)
        elif action == "remove_value":
            self.spec_text = specedit.remove_item(self.spec_text, "values", int(form["index"]))
        elif action == "save":
            ev = self.evaluation()
            failed = len(ev.errors) + len(ev.entry_errors)
            if failed and not (confirm and form.get("force") == "1"):
                self.confirm_save = True
                self.message = (
                    f"not saved: the spec fails {failed} check(s), listed below; "
                    "fix them, or save it with these errors"
                )
                return ""
            if self._on_disk() != self.saved_text:
                self.message = (
                    f"not saved: {self.spec_rel} changed on disk since the workbench read it; "
                    "discard the unsaved changes to load it, or save it elsewhere first"
                )
                return ""
            from ..atomic import write_text

            write_text(self.spec_path, self.spec_text)
            self.saved_text = self.spec_text
            self.message = f"saved {self.spec_rel}" + (
                f" with {failed} error(s) shown below" if failed else ""
            )
        elif action == "revert":  # the spec as it is on disk now
            self.saved_text = self._on_disk()
            self.spec_text = self.saved_text or specedit.EMPTY.format(paper_id=self.paper.paper_id)
        else:
            raise InputError(repr(action)[:40], "unknown action")
        return ""

    def _on_disk(self) -> str | None:
        return self.spec_path.read_text(encoding="utf-8") if self.spec_path.is_file() else None

    def _mark(self, form: dict[str, str]):
        marks = self.paper.marks(self.evaluation().captures)
        try:
            return marks[int(form.get("pick", ""))]
        except (ValueError, KeyError):
            raise InputError("pick", "no number at this place", "click a number") from None

    def _add_value(self, form: dict[str, str]) -> str:
        from ..extract.anchor import AnchorError, match_once

        cohort, section, anchor = form.get("cohort", ""), form.get("section", ""), form["anchor"]
        if cohort not in self.cohort_ids():
            raise InputError(cohort or "cohort", "not a declared cohort", "add the cohort first")
        try:
            hit = match_once(self.paper.index, anchor)  # checked to match once, as the run will
        except AnchorError as exc:
            raise InputError("anchor", str(exc), "choose another passage") from None
        item = {"cohort": cohort, "section": section, "anchor": anchor}
        if form.get("role") == "alternative":
            item = {"cohort": cohort, "section": section, "role": "alternative", "anchor": anchor}
        for i, value in enumerate(specedit.items(self.spec_text, "values")):
            if value.get("cohort") == cohort and value.get("anchor") == anchor:
                raise InputError(f"values[{i}]", "this passage is already in the spec")
        source = form.get("source", "")
        source = source if source in ("drafted", "candidate", "chosen") else "chosen"
        comment = f"line {hit.first_line}: confirmed in the workbench ({source})"
        self.spec_text = specedit.append_item(self.spec_text, "values", item, comment=comment)
        return f"L{hit.first_line}"


def make_handler(bench: Workbench, port_ref: list[int]):
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "litmeta-workbench"
        sys_version = ""

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def _host_ok(self) -> bool:
            port = port_ref[0]
            return self.headers.get("Host", "") in (f"127.0.0.1:{port}", f"localhost:{port}")

        def _cookie_name(self) -> str:
            return f"litmeta_workbench_{port_ref[0]}"

        def _has_token(self, query: dict[str, list[str]]) -> bool:
            from http.cookies import SimpleCookie

            given = query.get("token", [""])[0]
            if not given:
                cookie = SimpleCookie(self.headers.get("Cookie", ""))
                morsel = cookie.get(self._cookie_name())
                given = morsel.value if morsel else ""
            return hmac.compare_digest(given.encode(), bench.token.encode())

        def _send(self, status: int, body: str, headers: dict[str, str] | None = None) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "same-origin")
            self.send_header("Cache-Control", "no-store")
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def _refuse(self, status: int, why: str) -> None:
            self._send(status, f"<!doctype html><title>{status}</title><p>{why}</p>\n")

        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query)
            if not self._host_ok():
                return self._refuse(403, "wrong host")
            if url.path != "/":
                return self._refuse(404, "not found")
            if not self._has_token(query):
                return self._refuse(403, "open the address printed by `litmeta workbench`")
            pick = query.get("pick", [""])[0]
            nonce = secrets.token_urlsafe(16)
            with bench.lock:
                body = bench.page(int(pick) if pick.isdigit() else None, nonce)
            csp = (
                f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
                "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
                "base-uri 'none'"
            )
            cookie = f"{self._cookie_name()}={bench.token}; Path=/; HttpOnly; SameSite=Strict"
            self._send(200, body, {"Content-Security-Policy": csp, "Set-Cookie": cookie})

        def do_POST(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            if not self._host_ok():
                return self._refuse(403, "wrong host")
            origin = self.headers.get("Origin")
            host = self.headers.get("Host", "")
            if origin is not None and origin != f"http://{host}":
                return self._refuse(403, "a write from another site")
            if url.path != "/edit":
                return self._refuse(404, "not found")
            try:
                length = int(self.headers.get("Content-Length", "0"))
            except ValueError:
                length = -1
            if not 0 <= length <= MAX_BODY:
                return self._refuse(413, "request too large")
            form = {
                k: v[0]
                for k, v in urllib.parse.parse_qs(
                    self.rfile.read(length).decode("utf-8", "replace"), keep_blank_values=True
                ).items()
            }
            if not hmac.compare_digest(form.get("token", "").encode(), bench.token.encode()):
                return self._refuse(403, "a write needs this launch's token")
            fragment = ""
            with bench.lock:
                try:
                    fragment = bench.apply(form)
                except (InputError, ValueError, KeyError) as exc:
                    bench.message = f"error: {exc}"
            where = "/"
            if form.get("pick", "").isdigit() and form.get("action") in ("choose",):
                where = f"/?pick={form['pick']}"
            self.send_response(303)
            self.send_header("Location", where + (f"#{fragment}" if fragment else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


def serve(bench: Workbench, port: int = 0) -> http.server.HTTPServer:
    """A server for ``bench`` on 127.0.0.1 (``port`` 0: any free port); not yet running."""
    port_ref = [port]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), make_handler(bench, port_ref))
    port_ref[0] = server.server_address[1]
    return server


def url(bench: Workbench, server: http.server.HTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/?token={bench.token}"
