#!/usr/bin/env python3
"""A real SMTP server for the e-mail channel's tests, on aiosmtpd.

Listens on 127.0.0.1 (port 0: any free port), writes the port it got to --port-file once it
accepts connections, and appends one JSON object per received message to --log:
  mail_from, rcpt_tos, auth_user (None without AUTH), tls (whether the session was encrypted),
  raw (the message as received, after dot-unstuffing), headers (name -> raw value), subject
  (RFC 2047 decoded by Python's email package), body (decoded text), defects (what the email
  package found wrong).

Modes: plain (no TLS offered), starttls (STARTTLS offered and required before MAIL),
implicit (TLS from the first byte), silent (accepts connections and never says anything),
inject (a man in the middle's STARTTLS: clear-text replies appended to "220 Ready").
--user/--password require AUTH (PLAIN and LOGIN; --login-only offers LOGIN alone);
--refuse ADDRESS answers 550 to RCPT TO for that address (repeatable).
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import ssl

from aiosmtpd.smtp import SMTP, AuthResult

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--port-file", required=True)
parser.add_argument("--log", required=True)
parser.add_argument("--mode", choices=["plain", "starttls", "implicit", "silent", "inject"], default="plain")
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--user")
parser.add_argument("--password")
parser.add_argument("--login-only", action="store_true")
parser.add_argument("--refuse", action="append", default=[])
args = parser.parse_args()


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in args.refuse:
            return "550 5.1.1 <%s>: no such user here" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "auth_user": session.auth_data.login.decode() if session.authenticated and session.auth_data else None,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "raw": raw.decode("utf-8", "replace"),
            "headers": {name: str(value) for name, value in message.items()},
            "raw_headers": {name: value for name, value in message.raw_items()},
            "subject": str(message["subject"]),
            "body": message.get_content().replace("\r\n", "\n"),
            "defects": [type(d).__name__ for d in message.defects],
        }
        with open(args.log, "a") as f:
            f.write(json.dumps(record) + "\n")
        return "250 2.0.0 OK queued"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login.decode() == args.user and auth_data.password.decode() == args.password
    return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


def tls_context():
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    return context


def factory():
    auth = args.user is not None
    return SMTP(
        Handler(),
        hostname="mail.netwarden.test",
        ident="Netwarden test SMTP",
        tls_context=tls_context() if args.mode == "starttls" else None,
        require_starttls=args.mode == "starttls",
        auth_required=auth,
        # On a loopback plain server the tests may authenticate without TLS.
        auth_require_tls=False,
        authenticator=authenticator if auth else None,
        auth_exclude_mechanism=["PLAIN"] if args.login_only else None,
        timeout=30,
    )


async def silent(reader, writer):
    await asyncio.sleep(3600)


async def inject(reader, writer):
    writer.write(b"220 mail.netwarden.test ESMTP\r\n")
    while line := await reader.readline():
        verb = line.split(b" ")[0].strip().upper()
        if verb == b"EHLO":
            writer.write(b"250-mail.netwarden.test\r\n250 STARTTLS\r\n")
        elif verb == b"STARTTLS":
            writer.write(b"220 Ready to start TLS\r\n250-injected\r\n250 AUTH PLAIN\r\n")
        else:
            writer.write(b"250 OK\r\n")
        await writer.drain()


async def main():
    loop = asyncio.get_running_loop()
    if args.mode in ("silent", "inject"):
        server = await asyncio.start_server(silent if args.mode == "silent" else inject, "127.0.0.1", args.port)
    else:
        server = await loop.create_server(factory, "127.0.0.1", args.port,
                                          ssl=tls_context() if args.mode == "implicit" else None)
    port = server.sockets[0].getsockname()[1]
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(args.port_file + ".tmp", args.port_file)
    async with server:
        await server.serve_forever()


asyncio.run(main())
