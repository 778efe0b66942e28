#!/usr/bin/env python3
"""The AINative command line client's backend protocol, spoken exactly as that client speaks it.

`ainative-code auth login-backend`, `refresh-backend`, `whoami` and `logout-backend` talk to
/api/v1/auth/* (internal/backend/client.go of AINative-Studio/ainative-code): every request is
sent with `Content-Type: application/json` (also a GET, also a POST without a body) and, when
signed in, `Authorization: Bearer <access_token>`; login and refresh answers are read as
{access_token, refresh_token, token_type, user: {id, email}}, /me as {id, email}; any status
outside 2xx is a failure.

Usage: python3 test/contract/ainative_protocol.py --base-url http://127.0.0.1:8000
       (or OCEAN_BASE_URL). Registers a throwaway user through /api/v1/auth/register first.
Python 3 standard library only. Exits 1 on any mismatch, 2 on a usage error.
"""

import json
import os
import re
import secrets
import sys
import time
import urllib.error
import urllib.request

JWT = re.compile(r"^[\w-]+\.[\w-]+\.[\w-]+$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class Mismatch(Exception):
    """The server answered something the client's protocol does not allow."""


def call(base, method, path, token=None, body=None):
    """One request as the CLI's doRequest sends it; answers (status, parsed JSON or None, headers)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if data is None and method == "POST":
        # Go's net/http sends an explicit zero length for a POST without a body.
        request.add_header("Content-Length", "0")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw, headers = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, raw, headers = error.code, error.read(), error.headers
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = None
    return status, parsed, headers


def expect(condition, message):
    if not condition:
        raise Mismatch(message)


def expect_status(answer, status, what):
    got, body, _ = answer
    expect(got == status, "%s: expected HTTP %d, got %d %s" % (what, status, got, json.dumps(body)[:300]))
    return body


def expect_pair(body, email, user_id, what):
    expect(isinstance(body, dict), "%s: the answer is not a JSON object" % what)
    for field in ("access_token", "refresh_token", "token_type", "user"):
        expect(field in body, "%s: no %r field in %s" % (what, field, sorted(body)))
    expect(isinstance(body["access_token"], str) and JWT.match(body["access_token"]), "%s: access_token is not a JWT" % what)
    expect(isinstance(body["refresh_token"], str) and len(body["refresh_token"]) >= 16, "%s: refresh_token" % what)
    expect(body["token_type"] == "bearer", "%s: token_type is %r, not 'bearer'" % (what, body["token_type"]))
    user = body["user"]
    expect(isinstance(user, dict), "%s: user is not an object" % what)
    expect(user.get("id") == user_id, "%s: user.id is %r, expected %r" % (what, user.get("id"), user_id))
    expect(user.get("email") == email, "%s: user.email is %r, expected %r" % (what, user.get("email"), email))


def main(argv):
    base = os.environ.get("OCEAN_BASE_URL")
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--base-url" and args:
            base = args.pop(0)
        elif arg.startswith("--base-url="):
            base = arg.split("=", 1)[1]
        else:
            print("usage: ainative_protocol.py --base-url URL (or OCEAN_BASE_URL)", file=sys.stderr)
            return 2
    if not base or not re.match(r"^https?://", base):
        print("ainative_protocol: no http(s) base URL (--base-url or OCEAN_BASE_URL)", file=sys.stderr)
        return 2
    base = base.rstrip("/")

    email = "ainative-%s@example.com" % secrets.token_hex(6)
    password = "Ai-%s!9aZ" % secrets.token_urlsafe(9)
    state = {}
    results = {"passed": 0, "failed": 0}

    def step(name, run):
        started = time.monotonic()
        try:
            run()
            results["passed"] += 1
            print("ok      %s (%d ms)" % (name, (time.monotonic() - started) * 1000))
        except Mismatch as mismatch:
            results["failed"] += 1
            print("FAILED  %s — %s" % (name, mismatch))
        except (OSError, KeyError, TypeError) as error:
            results["failed"] += 1
            print("FAILED  %s — %s: %s" % (name, type(error).__name__, error))

    def health():
        body = expect_status(call(base, "GET", "/health"), 200, "GET /health")
        expect(isinstance(body, dict) and body.get("status") == "ok", "GET /health: status is not 'ok': %r" % body)

    def register():
        body = expect_status(
            call(base, "POST", "/api/v1/auth/register", body={"email": email, "password": password}),
            201,
            "POST /api/v1/auth/register",
        )
        expect(isinstance(body, dict) and UUID.match(str(body.get("id"))), "register: no user id in %r" % body)
        expect(body.get("email") == email, "register: email is %r" % body.get("email"))
        state["user_id"] = body["id"]
        if "access_token" not in body:
            # The CLI's Register reads a token pair from this answer; Ocean answers the user
            # (API.md Identity: register → 201 user). Reported, not asserted: the CLI then logs in.
            print("        note: /api/v1/auth/register answers the user, not the token pair ainative-code's Register reads")

    def login():
        body = expect_status(
            call(base, "POST", "/api/v1/auth/login", body={"email": email, "password": password}),
            200,
            "POST /api/v1/auth/login",
        )
        expect_pair(body, email, state["user_id"], "login")
        state["access"], state["refresh"] = body["access_token"], body["refresh_token"]

    def whoami():
        body = expect_status(call(base, "GET", "/api/v1/auth/me", token=state["access"]), 200, "GET /api/v1/auth/me")
        expect(isinstance(body, dict), "me: not a JSON object")
        expect(body.get("id") == state["user_id"], "me: id is %r, expected %r" % (body.get("id"), state["user_id"]))
        expect(body.get("email") == email, "me: email is %r" % body.get("email"))

    def refresh():
        body = expect_status(
            call(base, "POST", "/api/v1/auth/refresh", body={"refresh_token": state["refresh"]}),
            200,
            "POST /api/v1/auth/refresh",
        )
        expect_pair(body, email, state["user_id"], "refresh")
        expect(body["refresh_token"] != state["refresh"], "refresh: the same refresh token came back")
        state["old_access"] = state["access"]
        state["access"], state["refresh"] = body["access_token"], body["refresh_token"]
        me = expect_status(call(base, "GET", "/api/v1/auth/me", token=state["access"]), 200, "me after refresh")
        expect(me.get("id") == state["user_id"], "me after refresh: id is %r" % me.get("id"))

    def logout():
        # Exactly the CLI's Logout: POST, Content-Type: application/json, no body, the Bearer token.
        status, body, _ = call(base, "POST", "/api/v1/auth/logout", token=state["access"])
        expect(
            200 <= status < 300,
            "POST /api/v1/auth/logout (Content-Type: application/json, empty body): expected 2xx, got %d %s"
            % (status, json.dumps(body)[:300]),
        )
        state["logged_out"] = True

    def revoked():
        if not state.get("logged_out"):
            # Sign out without the JSON content type, to still check what logout revokes.
            request = urllib.request.Request(base + "/api/v1/auth/logout", method="POST")
            request.add_header("Authorization", "Bearer " + state["access"])
            request.add_header("Content-Length", "0")
            with urllib.request.urlopen(request, timeout=30) as response:
                expect(response.status == 204, "logout without a content type: %d" % response.status)
        status, body, headers = call(base, "GET", "/api/v1/auth/me", token=state["access"])
        expect(status == 401, "me after logout: expected 401, got %d" % status)
        expect(body.get("error_code") == "TOKEN_REVOKED", "me after logout: error_code %r" % body.get("error_code"))
        expect("invalid_token" in (headers.get("WWW-Authenticate") or ""), "me after logout: no WWW-Authenticate")

    step("GET /health → 200 {status: ok}", health)
    step("POST /api/v1/auth/register {email, password} → 201 {id, email}", register)
    if "user_id" in state:
        step("POST /api/v1/auth/login {email, password} → 200 {access_token, refresh_token, token_type: bearer, user{id, email}}", login)
    if "access" in state:
        step("GET /api/v1/auth/me (Bearer) → 200 {id, email}", whoami)
        step("POST /api/v1/auth/refresh {refresh_token} → 200 a new pair; the new access token works", refresh)
        step("POST /api/v1/auth/logout (Bearer, Content-Type: application/json, no body) → 2xx", logout)
        step("GET /api/v1/auth/me after logout → 401 TOKEN_REVOKED with WWW-Authenticate", revoked)
    expected = 7
    skipped = expected - results["passed"] - results["failed"]
    print("%d passed, %d failed, %d skipped" % (results["passed"], results["failed"], skipped))
    return 1 if results["failed"] or skipped else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
