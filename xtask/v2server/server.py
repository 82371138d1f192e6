"""A loopback server for Stripe's v2 API, as much of it as the v2 examples
use (meter events, event destinations, events), enforcing the v2 wire's
rules so that a client breaking one fails:

- every request: `Authorization: Bearer sk_test_...` (the meter event
  stream: a meter event session's token, refused once expired) and
  `Stripe-Version` equal to the version given;
- every POST: a JSON object body with `Content-Type: application/json`;
- every POST and DELETE: an `Idempotency-Key`. A key seen before with the
  same request answers the saved result (`Idempotent-Replayed: true`); with
  another, a 409 `idempotency_error`;
- queries: arrays repeat their key (`include=a&include=b`); a bracketed
  index (`include[0]=a`) is refused;
- lists page by `next_page_url` (a path with its query);
- with --fail-first, the first request to each path answers 500, and the
  next request to that path must be its retry, with the same key;
- with --session-requests N, a session's token expires after N stream
  requests (and always 15 minutes after it was made).

Errors are v2 errors: `{"error": {"type", "code", "message"}}`. Test-only
endpoints under /_test: `GET /_test/stats`, and `POST /_test/notify`
({url, secret, event_id?, bad_signature?}), which posts a signed thin event
notification of a known event (the newest, or `event_id`) to `url` and
answers the status it got.

Run: `python3 server.py PORT --version V [--fail-first] [--session-requests N]`;
the first line printed is `LISTENING <port>`.
"""

import hashlib
import hmac
import json
import secrets
import sys
import threading
import time
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()


def now_rfc3339(delta=0):
    t = datetime.now(timezone.utc) + timedelta(seconds=delta)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def new_id(prefix):
    return f"{prefix}_{secrets.token_hex(8)}"


class State:
    def __init__(self, version, fail_first, session_requests):
        self.version = version
        self.fail_first = fail_first
        self.session_requests = session_requests
        self.sessions = {}  # token -> {expires, requests}
        self.destinations = {}  # id -> object, in creation order
        self.events = []  # newest last
        self.meter_events = {}  # identifier -> object
        self.stream_events = 0
        self.idempotency = {}  # key -> (fingerprint, status, body)
        self.failed_paths = {}  # path -> the key of the injected failure, until retried
        self.seen_paths = set()
        self.stats = {
            "sessions_created": 0,
            "sessions_expired": 0,
            "stream_requests": 0,
            "stream_events": 0,
            "injected_failures": 0,
            "retries_with_same_key": 0,
            "replays": 0,
            "violations": [],
        }


class V2Error(Exception):
    def __init__(self, status, code, message, type_="invalid_request_error", **extra):
        super().__init__(message)
        self.status = status
        self.body = {"error": {"type": type_, "code": code, "message": message, **extra}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.handle_request("GET")

    def do_POST(self):
        self.handle_request("POST")

    def do_DELETE(self):
        self.handle_request("DELETE")

    def reply(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", new_id("req"))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def violation(self, message):
        with LOCK:
            self.state.stats["violations"].append(message)
        raise V2Error(400, "client_broke_a_rule", message)

    def handle_request(self, method):
        parsed = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            if parsed.path.startswith("/_test/"):
                return self.reply(200, self.test_endpoint(method, parsed.path, raw))
            status, body, headers = self.checked(method, parsed, raw)
            self.reply(status, body, headers)
        except V2Error as e:
            self.reply(e.status, e.body)

    def checked(self, method, parsed, raw):
        st = self.state
        path = parsed.path
        query = urllib.parse.parse_qs(parsed.query, keep_blank_values=True)
        for key in query:
            if "[" in key and key.split("[", 1)[1].split("]", 1)[0].isdigit():
                self.violation(f"query key {key!r}: v2 arrays repeat their key")
        if self.headers.get("Stripe-Version") != st.version:
            self.violation(f"Stripe-Version {self.headers.get('Stripe-Version')!r}, not {st.version!r}")
        auth = self.headers.get("Authorization") or ""
        stream = path == "/v2/billing/meter_event_stream"
        if stream:
            self.check_session(auth)
        elif not auth.startswith("Bearer sk_test_"):
            raise V2Error(401, "unauthenticated", "a secret key is needed", "authentication_error")
        params = {}
        if method == "POST":
            if (self.headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
                self.violation(f"POST {path} without a JSON Content-Type")
            try:
                params = json.loads(raw or b"null")
            except ValueError:
                self.violation(f"POST {path} with a body that is not JSON")
            if not isinstance(params, dict):
                self.violation(f"POST {path} with a body that is not a JSON object")
        key = self.headers.get("Idempotency-Key")
        if method in ("POST", "DELETE") and not key:
            self.violation(f"{method} {path} without an Idempotency-Key")
        fingerprint = json.dumps([method, path, params], sort_keys=True)
        with LOCK:
            if path in st.failed_paths:
                waiting = st.failed_paths.pop(path)
                if key != waiting:
                    st.stats["violations"].append(f"the retry of {method} {path} sent another idempotency key")
                else:
                    st.stats["retries_with_same_key"] += 1
            elif st.fail_first and path not in st.seen_paths:
                st.seen_paths.add(path)
                st.failed_paths[path] = key
                st.stats["injected_failures"] += 1
                raise V2Error(500, "api_error", "a failure injected by the test server", "api_error")
            st.seen_paths.add(path)
            if key and key in st.idempotency:
                saved_fingerprint, status, body = st.idempotency[key]
                if saved_fingerprint != fingerprint:
                    raise V2Error(409, "idempotency_error", "this key was used with another request", "idempotency_error")
                st.stats["replays"] += 1
                return status, body, [("Idempotent-Replayed", "true")]
        status, body = self.route(method, path, query, params)
        if key:
            with LOCK:
                st.idempotency[key] = (fingerprint, status, body)
        return status, body, []

    def check_session(self, auth):
        st = self.state
        token = auth[len("Bearer "):] if auth.startswith("Bearer ") else ""
        with LOCK:
            session = st.sessions.get(token)
            if session is None:
                raise V2Error(401, "unauthenticated", "no such meter event session token", "authentication_error")
            session["requests"] += 1
            expired = session["expires"] < time.time() or (
                st.session_requests and session["requests"] > st.session_requests
            )
            if expired:
                st.stats["sessions_expired"] += 1
                raise V2Error(
                    401,
                    "billing_meter_event_session_expired",
                    "the meter event session has expired",
                    "temporary_session_expired",
                )

    def route(self, method, path, query, params):
        st = self.state
        parts = path.strip("/").split("/")
        if method == "POST" and path == "/v2/billing/meter_event_session":
            token = "ek_test_" + secrets.token_hex(12)
            with LOCK:
                st.sessions[token] = {"expires": time.time() + 900, "requests": 0}
                st.stats["sessions_created"] += 1
            return 200, {
                "id": new_id("mes"),
                "object": "v2.billing.meter_event_session",
                "authentication_token": token,
                "created": now_rfc3339(),
                "expires_at": now_rfc3339(900),
                "livemode": False,
            }
        if method == "POST" and path == "/v2/billing/meter_event_stream":
            events = params.get("events")
            if not isinstance(events, list) or not 1 <= len(events) <= 100:
                raise V2Error(400, "invalid_events", "events must hold 1 to 100 events")
            for e in events:
                if not isinstance(e, dict) or not isinstance(e.get("event_name"), str) or not isinstance(e.get("payload"), dict):
                    raise V2Error(400, "invalid_events", "each event needs event_name and payload")
            with LOCK:
                st.stats["stream_requests"] += 1
                st.stats["stream_events"] += len(events)
            return 200, {}
        if method == "POST" and path == "/v2/billing/meter_events":
            identifier = params.get("identifier") or new_id("mev")
            with LOCK:
                if identifier in st.meter_events:
                    raise V2Error(400, "duplicate_meter_event", "this identifier was sent already", identifier=identifier)
                event = {
                    "object": "v2.billing.meter_event",
                    "created": now_rfc3339(),
                    "event_name": params.get("event_name"),
                    "identifier": identifier,
                    "livemode": False,
                    "payload": params.get("payload") or {},
                    "timestamp": params.get("timestamp") or now_rfc3339(),
                }
                st.meter_events[identifier] = event
            return 200, event
        if method == "POST" and path == "/v2/billing/meter_event_adjustments":
            cancel = params.get("cancel") or {}
            if cancel.get("identifier") not in st.meter_events:
                raise V2Error(404, "not_found", "no meter event has that identifier")
            return 200, {
                "id": new_id("mea"),
                "object": "v2.billing.meter_event_adjustment",
                "cancel": {"identifier": cancel["identifier"]},
                "created": now_rfc3339(),
                "event_name": params.get("event_name"),
                "livemode": False,
                "status": "pending",
                "type": params.get("type"),
            }
        if parts[:3] == ["v2", "core", "event_destinations"]:
            return self.destinations(method, parts[3:], query, params)
        if parts[:3] == ["v2", "core", "events"]:
            if method == "GET" and len(parts) == 3:
                object_id = (query.get("object_id") or [None])[0]
                with LOCK:
                    events = [e for e in reversed(st.events) if object_id is None or e["related_object"]["id"] == object_id]
                return 200, self.page(path, query, events)
            if method == "GET" and len(parts) == 4:
                with LOCK:
                    found = [e for e in st.events if e["id"] == parts[3]]
                if not found:
                    raise V2Error(404, "not_found", f"no event {parts[3]}")
                return 200, found[0]
        raise V2Error(404, "not_found", f"no endpoint {method} {path}")

    def destinations(self, method, rest, query, params):
        st = self.state
        include = query.get("include", [])
        if not rest:
            if method == "GET":
                with LOCK:
                    data = [self.shown(d, include) for d in st.destinations.values()]
                return 200, self.page("/v2/core/event_destinations", query, data)
            if method == "POST":
                for field in ("enabled_events", "event_payload", "name", "type"):
                    if field not in params:
                        raise V2Error(400, "missing_field", f"{field} is required")
                d = {
                    "id": new_id("ed"),
                    "object": "v2.core.event_destination",
                    "created": now_rfc3339(),
                    "description": params.get("description"),
                    "enabled_events": params["enabled_events"],
                    "event_payload": params["event_payload"],
                    "livemode": False,
                    "name": params["name"],
                    "status": "enabled",
                    "type": params["type"],
                    "webhook_endpoint": {"url": (params.get("webhook_endpoint") or {}).get("url")},
                }
                with LOCK:
                    st.destinations[d["id"]] = d
                return 200, self.shown(d, params.get("include", []))
        with LOCK:
            d = st.destinations.get(rest[0])
        if d is None:
            raise V2Error(404, "not_found", f"no event destination {rest[0]}")
        if len(rest) == 1 and method == "GET":
            return 200, self.shown(d, include)
        if len(rest) == 1 and method == "POST":
            with LOCK:
                for field in ("description", "enabled_events", "name"):
                    if field in params:
                        d[field] = params[field]
            return 200, self.shown(d, [])
        if len(rest) == 1 and method == "DELETE":
            with LOCK:
                del st.destinations[d["id"]]
            return 200, {"id": d["id"], "object": "v2.core.event_destination", "deleted": True}
        if len(rest) == 2 and method == "POST" and rest[1] in ("disable", "enable"):
            with LOCK:
                d["status"] = "disabled" if rest[1] == "disable" else "enabled"
            return 200, self.shown(d, [])
        if len(rest) == 2 and method == "POST" and rest[1] == "ping":
            event = {
                "id": new_id("evt"),
                "object": "v2.core.event",
                "created": now_rfc3339(),
                "livemode": False,
                "type": "v2.core.event_destination.ping",
                "related_object": {
                    "id": d["id"],
                    "type": "v2.core.event_destination",
                    "url": f"/v2/core/event_destinations/{d['id']}",
                },
                "reason": {"type": "request", "request": {"id": new_id("req"), "idempotency_key": "ping"}},
            }
            with LOCK:
                st.events.append(event)
            return 200, event
        raise V2Error(404, "not_found", "no such endpoint")

    @staticmethod
    def shown(d, include):
        out = dict(d)
        if "webhook_endpoint.url" not in include:
            out["webhook_endpoint"] = {}
        return out

    @staticmethod
    def page(path, query, items):
        limit = int((query.get("limit") or ["20"])[0])
        if not 1 <= limit <= 100:
            raise V2Error(400, "invalid_limit", "limit must be 1 to 100")
        start = int((query.get("page") or ["0"])[0] or 0)
        data = items[start : start + limit]
        rest = {k: v for k, v in query.items() if k not in ("page",)}
        def url(at):
            q = [(k, x) for k, v in rest.items() for x in v] + [("page", str(at))]
            return f"{path}?{urllib.parse.urlencode(q)}"
        return {
            "data": data,
            "next_page_url": url(start + limit) if start + limit < len(items) else None,
            "previous_page_url": url(max(0, start - limit)) if start > 0 else None,
        }

    def test_endpoint(self, method, path, raw):
        st = self.state
        if path == "/_test/stats":
            with LOCK:
                return dict(st.stats, waiting_for_a_retry=sorted(st.failed_paths))
        if path == "/_test/notify" and method == "POST":
            ask = json.loads(raw)
            with LOCK:
                events = list(st.events)
            event_id = ask.get("event_id") or (events[-1]["id"] if events else None)
            known = next((e for e in events if e["id"] == event_id), None)
            note = {
                "id": event_id,
                "object": "v2.core.event",
                "type": known["type"] if known else "v2.core.event_destination.ping",
                "created": now_rfc3339(),
                "livemode": False,
                "related_object": known["related_object"] if known else None,
            }
            body = json.dumps(note).encode()
            t = int(time.time())
            secret = ask["secret"] + ("x" if ask.get("bad_signature") else "")
            mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
            request = urllib.request.Request(
                ask["url"],
                data=body,
                headers={"Content-Type": "application/json", "Stripe-Signature": f"t={t},v1={mac}"},
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return {"status": response.status, "event_id": event_id}
            except urllib.error.HTTPError as e:
                return {"status": e.code, "event_id": event_id}
        raise V2Error(404, "not_found", "no such test endpoint")


def main():
    args = sys.argv[1:]
    port = int(args[0])
    version = args[args.index("--version") + 1]
    fail_first = "--fail-first" in args
    session_requests = int(args[args.index("--session-requests") + 1]) if "--session-requests" in args else 0
    Handler.state = State(version, fail_first, session_requests)
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"LISTENING {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
