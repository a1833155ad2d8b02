"""A quiet start: Chromium (inside QtWebEngine) writes harmless GPU, sandbox and D-Bus messages straight to
the standard error file descriptor on machines without a GPU or a system bus, past Qt's message handler
(some of them while the process shuts down). They bury the lines that matter, so the ``explorer`` command
sends file descriptor 2 through a filter that drops exactly those lines and passes everything else on.

How: fd 2 becomes a pipe into a small filter process (Python started with ``-I -S``, running
:data:`FILTER_PROGRAM`), which writes every line that is not known noise to the real stderr. QtWebEngine's
helper processes inherit the pipe, and the filter reads until the last of them has closed it, so nothing
written at shutdown, or just before a crash, is lost. Python's own ``sys.stderr`` (tracebacks, our messages,
Qt's messages through its handler) writes to the real stderr directly. ``EXPLORER_VERBOSE_STDERR=1`` shows
everything. Free of Qt.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

#: Lines that say nothing is wrong. Each is matched against a whole line (without its line end).
HARMLESS = tuple(re.compile(pattern) for pattern in (
    r"GPUInfo not initialized on GpuInfoUpdate",
    r"Sandboxing disabled by user\.?",
    # Chromium's own log lines ("[pid:tid:MMDD/HHMMSS.micro:LEVEL:file.cc(line)] text") from its GPU,
    # compositor, sandbox and D-Bus code: software rendering is used without a GPU, no bus on a server.
    r"\[[\d:/.]+:(?:ERROR|WARNING|INFO|VERBOSE\d*):(?:gpu|viz|gl|egl|angle|vaapi|vulkan|sandbox|command_buffer|"
    r"shared_image|skia_output|ozone|bus|dbus|object_proxy|property)[\w/.-]*\.cc\(\d+\)\] .*",
    r"libva (?:error|info): .*va(?:GetDriverName|Initialize|_openDriver).*",
    # Qt's RHI looking for Vulkan and a GPU on a machine with neither (an X display without a GPU driver).
    r"Failed to load vulkan: .*",
    r"initInstance: No Vulkan library available",
    r"Failed to create platform Vulkan instance",
    r"Unable to detect GPU vendor for device: .*(?:llvmpipe|softpipe|SwiftShader).*",
))

#: What ``explorer`` sets when it starts, so that the application turns the filter on (tests and other
#: callers of ``create_application`` keep their own stderr).
_requested = False
_installed = False


def is_harmless(line: str) -> bool:
    """Whether a line written to stderr is known, harmless noise."""
    line = line.rstrip("\r\n")
    return any(pattern.fullmatch(line) for pattern in HARMLESS)


def request() -> None:
    """Ask for the filter; :func:`install_if_requested` (called as Qt starts) puts it in place."""
    global _requested
    _requested = True


#: The filter process's program (a constant: it never holds data). It reads lines from stdin and writes the
#: ones that match none of the patterns (JSON in argv[1]) to stdout, line by line, until every writer has
#: closed the pipe. Ctrl+C is for the app: the filter ignores it and keeps passing on what the app says.
FILTER_PROGRAM = """
import json, re, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
patterns = [re.compile(p) for p in json.loads(sys.argv[1])]
out = sys.stdout.buffer
for line in sys.stdin.buffer:
    text = line.decode("utf-8", "replace").rstrip("\\r\\n")
    if not any(p.fullmatch(text) for p in patterns):
        try:
            out.write(line)
            out.flush()
        except OSError:
            pass
"""


def filter_command() -> list[str]:
    """How to start the filter process: this Python, isolated (no site, no user paths: the program needs only
    the standard library). A frozen bundle's executable answers ``-c`` like Python (tools/build_bundle.py)."""
    patterns = json.dumps([pattern.pattern for pattern in HARMLESS])
    if getattr(sys, "frozen", False):
        return [sys.executable, "-c", FILTER_PROGRAM, patterns]
    return [sys.executable, "-I", "-S", "-c", FILTER_PROGRAM, patterns]


def _install() -> bool:
    """Put the filter process on fd 2; False (and stderr left as it was) if it cannot start."""
    sys.stderr.flush()
    real_fd = os.dup(2)
    try:
        process = subprocess.Popen(filter_command(), stdin=subprocess.PIPE, stdout=real_fd, stderr=real_fd,
                                   close_fds=True)
    except OSError:
        os.close(real_fd)
        return False
    os.dup2(process.stdin.fileno(), 2)     # what native code and child processes write to from now on
    process.stdin.close()
    os.set_inheritable(real_fd, False)
    sys.stderr = open(real_fd, "w", buffering=1, encoding=sys.stderr.encoding or "utf-8",
                      errors="backslashreplace")
    return True


def install_if_requested() -> bool:
    """Put the filter on fd 2 if :func:`request` was called (once); whether it is in place."""
    global _installed, _requested
    if _requested and not os.environ.get("EXPLORER_VERBOSE_STDERR") and os.name == "posix":
        _requested = False                 # one try per process
        _installed = _install()
    return _installed
