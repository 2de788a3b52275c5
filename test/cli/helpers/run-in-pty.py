"""Runs argv[1:] on a new pseudo-terminal: copies the terminal's output to stdout and stdin to
the terminal, and exits with the command's exit status. Lets a test drive a full-screen program
as a person at a terminal would."""
import os
import pty
import select
import sys

pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])

stdin = sys.stdin.fileno()
reading_stdin = True
while True:
    ready, _, _ = select.select([fd] + ([stdin] if reading_stdin else []), [], [])
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the command closed the terminal
            data = b""
        if not data:
            break
        os.write(1, data)
    if reading_stdin and stdin in ready:
        data = os.read(stdin, 1024)
        if data:
            os.write(fd, data)
        else:
            reading_stdin = False
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
