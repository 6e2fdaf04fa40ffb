#!/usr/bin/env python3
"""A real SMTP server (aiosmtpd) for the test suite.

Accepts mail on 127.0.0.1, optionally requiring AUTH with the given user and password, decodes each
message with Python's own `email` package (an independent check of our MIME encoding) and writes it
as JSON into the output folder. Prints "READY <port>" once it listens; runs until its standard
input closes (the test process ending or letting go of it), so it never outlives the test.
"""
import argparse
import email
import email.policy
import json
import os
import socket
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = msg.get_body(preferencelist=("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": str(msg["subject"]),
            "from": str(msg["from"]),
            "to": str(msg["to"]),
            "message_id": str(msg["message-id"]),
            "date": str(msg["date"]),
            "body": body.get_content() if body is not None else None,
            "authenticated_as": session.auth_data.login.decode()
            if isinstance(session.auth_data, LoginPassword) else None,
        }
        self.count += 1
        tmp = os.path.join(self.folder, f".{self.count}.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(tmp, os.path.join(self.folder, f"{self.count:04d}.json"))
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--user")
    p.add_argument("--password")
    a = p.parse_args()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == a.user \
            and auth_data.password.decode() == a.password
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    port = free_port()
    kwargs = {}
    if a.user:
        kwargs = dict(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    c = Controller(Sink(a.dir), hostname="127.0.0.1", port=port, **kwargs)
    c.start()
    print(f"READY {port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        c.stop()


if __name__ == "__main__":
    main()
