# Writes one utmp record through glibc's pututxline, as login, sshd and tmux do.
# usage: utmp_write.py FILE TYPE PID LINE ID USER_HEX HOST_HEX (user and host as hex bytes, so a test can write any bytes)
import ctypes, sys, time

class TimeVal(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_int32), ("tv_usec", ctypes.c_int32)]

class Utmpx(ctypes.Structure):
    _fields_ = [("ut_type", ctypes.c_short), ("ut_pid", ctypes.c_int), ("ut_line", ctypes.c_char * 32),
                ("ut_id", ctypes.c_char * 4), ("ut_user", ctypes.c_char * 32), ("ut_host", ctypes.c_char * 256),
                ("e_termination", ctypes.c_short), ("e_exit", ctypes.c_short), ("ut_session", ctypes.c_int32),
                ("ut_tv", TimeVal), ("ut_addr_v6", ctypes.c_int32 * 4), ("unused", ctypes.c_char * 20)]

assert ctypes.sizeof(Utmpx) == 384
path, kind, pid, line, ident, user, host = sys.argv[1:8]
libc = ctypes.CDLL("libc.so.6", use_errno=True)
record = Utmpx()
record.ut_type = {"login": 7, "logout": 8}[kind]
record.ut_pid = int(pid)
record.ut_line = line.encode()
record.ut_id = ident.encode()
record.ut_user = bytes.fromhex(user)
record.ut_host = bytes.fromhex(host)
now = time.time()
record.ut_tv = TimeVal(int(now), int((now % 1) * 1_000_000))
open(path, "ab").close()  # glibc opens utmp without O_CREAT
if libc.utmpxname(path.encode()) != 0:
    sys.exit("utmpxname failed")
libc.setutxent()
if not libc.pututxline(ctypes.byref(record)):
    sys.exit("pututxline failed: errno %d" % ctypes.get_errno())
libc.endutxent()
