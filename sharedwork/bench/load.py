"""A small HTTP load generator: a fixed number of requests spread over client threads, each request on
its own connection (gunicorn's sync workers close connections after every response), with the time of
every request kept for percentiles."""

import html
import http.client
import re
import statistics
import threading
import time
from dataclasses import dataclass, field

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BASE_INPUT = re.compile(r'name="base_revision" value="(\d+)"')
TEXTAREA = re.compile(r'<textarea name="body"[^>]*>\n?(.*?)</textarea>', re.S)


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.errors

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, p: int) -> float:
        if not self.latencies:
            return float("nan")
        if len(self.latencies) == 1:
            return self.latencies[0] * 1000
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[p - 1] * 1000


class Client:
    """One simulated person: plain ``http.client`` with an optional session cookie."""

    def __init__(self, port: int, session: str | None = None):
        self.port = port
        self.cookies = {"sessionid": session} if session else {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        all_headers = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            data = response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, data
        finally:
            connection.close()


def run(name: str, count: int, threads: int, work) -> Result:
    """Call ``work(thread_index, request_index) -> (ok, seconds)`` ``count`` times over ``threads``."""
    result = Result(name)
    lock = threading.Lock()
    next_index = iter(range(count))

    def worker(thread_index):
        while True:
            with lock:
                index = next(next_index, None)
            if index is None:
                return
            ok, seconds = work(thread_index, index)
            with lock:
                if ok:
                    result.latencies.append(seconds)
                else:
                    result.errors += 1

    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result


def timed_get(client: Client, path: str) -> tuple[bool, float]:
    started = time.perf_counter()
    status, _ = client.request("GET", path)
    return status == 200, time.perf_counter() - started


def timed_save(client: Client, edit_url: str, note: str) -> tuple[bool, float]:
    """Open the edit form (not timed: it is a page view), then post a changed text (timed)."""
    status, form = client.request("GET", edit_url)
    if status != 200:
        return False, 0.0
    page = form.decode()
    token, base, text = CSRF_INPUT.search(page), BASE_INPUT.search(page), TEXTAREA.search(page)
    if not (token and base and text):
        return False, 0.0
    from urllib.parse import urlencode

    body = urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "base_revision": base.group(1),
            "body": html.unescape(text.group(1)) + f"\n{note}\n",
            "summary": note,
            "action": "save",
        }
    ).encode()
    started = time.perf_counter()
    status, _ = client.request(
        "POST", edit_url, body=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    return status == 302, time.perf_counter() - started
