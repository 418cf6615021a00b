"""The tests' SMTP peer, run by aiosmtpd (Debian's python3-aiosmtpd).

aiosmtpd's Mailbox handler stores each message in a Maildir, with X-MailFrom
and X-RcptTo headers telling the envelope. Given a user and a password, this
handler also takes mail only from a client that logged in with them (AUTH PLAIN).
"""
import base64

from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult


class Peer(Mailbox):
    def __init__(self, mail_dir, user=None, password=None):
        super().__init__(mail_dir)
        self.login = None if user is None else (user.encode(), password.encode())

    @classmethod
    def from_cli(cls, parser, *args):
        return cls(*args)

    async def auth_PLAIN(self, server, args):
        if len(args) == 1:
            response = await server.challenge_auth("")
            if not isinstance(response, bytes):
                return AuthResult(success=False, handled=False)
        else:
            response = base64.b64decode(args[1])
        parts = response.split(b"\0")
        # handled=False: aiosmtpd then answers 235 or 535 itself.
        return AuthResult(success=len(parts) == 3 and self.login == (parts[1], parts[2]), handled=False)

    async def handle_DATA(self, server, session, envelope):
        if self.login is not None and not session.authenticated:
            return "530 5.7.0 Authentication required"
        return await super().handle_DATA(server, session, envelope)
