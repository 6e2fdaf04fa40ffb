#!/usr/bin/env python3
"""A real SMTP server (aiosmtpd) for the test suite.

Accepts mail on 127.0.0.1, optionally requiring AUTH with the given user and password, decodes each
message with Python's own `email` package (an independent check of our MIME encoding) and writes it
as JSON into the output folder. Prints "READY <port>" once it listens (with --tls, "READY <port>
<certificate file>": a self-signed certificate for 127.0.0.1 made with openssl for this run);
runs until its standard input closes (the test process ending or letting go of it), so it never
outlives the test.
"""
import argparse
import email
import email.policy
import json
import os
import socket
import ssl
import subprocess
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
    p.add_argument("--tls", choices=["starttls", "implicit"])
    a = p.parse_args()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == a.user \
            and auth_data.password.decode() == a.password
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    port = free_port()
    kwargs = {}
    if a.user:
        # With STARTTLS, login only after the upgrade; an implicit-TLS connection is encrypted from
        # the start (aiosmtpd only knows about STARTTLS for this check).
        kwargs = dict(authenticator=authenticator, auth_required=True, auth_require_tls=a.tls == "starttls")
    cert = None
    if a.tls:
        cert, key = os.path.join(a.dir, "cert.pem"), os.path.join(a.dir, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, capture_output=True)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        if a.tls == "starttls":
            kwargs.update(tls_context=context, require_starttls=True)
        else:
            kwargs.update(ssl_context=context)
    c = Controller(Sink(a.dir), hostname="127.0.0.1", port=port, **kwargs)
    c.start()
    print(f"READY {port}" + (f" {cert}" if cert else ""), flush=True)
    try:
        sys.stdin.read()
    finally:
        c.stop()


if __name__ == "__main__":
    main()
