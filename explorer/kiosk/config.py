"""The kiosk's configuration file (``kiosk.toml``): loading, validation and the staff PIN hash. Free of Qt.

A bad file never stops the exhibit: ``load_config`` returns the last good configuration (a copy kept in the
state directory) or the defaults, together with the problems found, each naming the key.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import hmac
import os
import secrets
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from explorer.model.i18n import UI_LANGUAGES
from explorer.model.state import BORDER_MODES
from explorer.safe_write import write_bytes_atomic

PIN_ALGORITHM = "pbkdf2_sha256"
PIN_ITERATIONS = 200_000
#: What a stored hash may ask for: enough iterations to be a hash worth having, and few enough that a check
#: takes seconds at most (a file asking for 10**12 would otherwise hold the kiosk for days per attempt).
PIN_ITERATIONS_RANGE = (10_000, 2_000_000)
PIN_SALT_BYTES_RANGE = (8, 64)
LAST_GOOD_NAME = "last-good-kiosk.toml"


@dataclass(frozen=True)
class HomeView:
    """Where the kiosk starts over: map centre and zoom and the timeline date (None: the dataset's own)."""

    center: tuple[float, float] | None = None
    zoom: float | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class KioskConfig:
    """Every kiosk setting, validated. Times are in seconds (fractions allowed, for tests and soak runs)."""

    prompt_after_s: float = 90.0          # idle time before "Are you still exploring?"
    reset_after_s: float = 20.0           # length of that countdown; then the kiosk starts over
    attract_events: tuple[str, ...] = ()  # the tour, in order (empty: no tour, the home view waits)
    attract_dwell_s: float = 12.0         # time on each tour stop
    attract_start_after_s: float = 30.0   # quiet time after a reset before the tour begins
    languages_offered: tuple[str, ...] = ("en", "de")
    language_default: str = "en"
    home: HomeView = field(default_factory=HomeView)
    text_scale: float = 1.0
    staff_pin_hash: str | None = None
    log_dir: Path | None = None           # None: <state dir>/logs
    renderer_max_crashes: int = 3         # renderer deaths tolerated within renderer_window_s ...
    renderer_window_s: float = 600.0      # ... before the app exits for the supervisor to restart it
    map_borders: str = "period"           # the map's borders: those in force on the date, or today's

    def with_attract_events(self, events: tuple[str, ...]) -> KioskConfig:
        """A copy with another tour (used after dropping ids the dataset lacks)."""
        from dataclasses import replace

        return replace(self, attract_events=tuple(events))


class ConfigError(ValueError):
    """A configuration file could not be used; ``problems`` lists each reason, naming the key."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


# --- the schema: section -> key -> (KioskConfig field, checker) ----------------------------------------

def _number(low: float, high: float):
    def check(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"must be a number, not {type(value).__name__} {value!r}")
        if not low <= value <= high:
            raise ValueError(f"must be between {low:g} and {high:g}, not {value!r}")
        return float(value)
    return check


def _integer(low: int, high: int):
    def check(value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be a whole number, not {type(value).__name__} {value!r}")
        if not low <= value <= high:
            raise ValueError(f"must be between {low} and {high}, not {value!r}")
        return value
    return check


def _string_list(value):
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"must be a list of non-empty strings, not {value!r}")
    return tuple(value)


def _languages(value):
    codes = _string_list(value)
    if not codes:
        raise ValueError("must offer at least one language")
    unknown = [c for c in codes if c not in UI_LANGUAGES]
    if unknown:
        raise ValueError(f"unknown language {unknown[0]!r}; the interface exists in {', '.join(UI_LANGUAGES)}")
    if len(set(codes)) != len(codes):
        raise ValueError("lists a language twice")
    return codes


def _language(value):
    if not isinstance(value, str) or value not in UI_LANGUAGES:
        raise ValueError(f"must be one of {', '.join(UI_LANGUAGES)}, not {value!r}")
    return value


def _center(value):
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
        raise ValueError(f"must be [latitude, longitude], not {value!r}")
    lat, lon = float(value[0]), float(value[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"is outside the map: {value!r}")
    return (lat, lon)


def _date(value):
    if isinstance(value, dt.datetime):
        raise ValueError(f"must be a date (YYYY-MM-DD), not a date and time {value!r}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"must be a date (YYYY-MM-DD), not {value!r}")


def _borders(value):
    if not isinstance(value, str) or value not in BORDER_MODES:
        raise ValueError(f"must be one of {', '.join(repr(m) for m in BORDER_MODES)}, not {value!r}")
    return value


def _pin_hash(value):
    if not isinstance(value, str) or parse_pin_hash(value) is None:
        low, high = PIN_ITERATIONS_RANGE
        raise ValueError("must be a hash printed by `explorer hash-pin` "
                         f"({PIN_ALGORITHM}$iterations$salt$hash, {low:,} to {high:,} iterations), "
                         "never the PIN itself")
    return value


def _path(value):
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a directory path, not {value!r}")
    return Path(value).expanduser()


#: Keys at the top of the file, outside any [section].
TOP_LEVEL: dict[str, tuple[str, object]] = {"text_scale": ("text_scale", _number(0.5, 3.0))}

SCHEMA: dict[str, dict[str, tuple[str, object]]] = {
    "idle": {"prompt_after_s": ("prompt_after_s", _number(0.001, 86400)),
             "reset_after_s": ("reset_after_s", _number(0.001, 3600))},
    "attract": {"events": ("attract_events", _string_list),
                "dwell_s": ("attract_dwell_s", _number(0.001, 3600)),
                "start_after_s": ("attract_start_after_s", _number(0, 86400))},
    "languages": {"offered": ("languages_offered", _languages), "default": ("language_default", _language)},
    "home": {"center": ("center", _center), "zoom": ("zoom", _number(1, 12)), "date": ("date", _date)},
    "staff": {"pin_hash": ("staff_pin_hash", _pin_hash)},
    "log": {"dir": ("log_dir", _path)},
    "recovery": {"max_crashes": ("renderer_max_crashes", _integer(1, 100)),
                 "window_s": ("renderer_window_s", _number(1, 86400))},
    "map": {"borders": ("map_borders", _borders)},
}


def parse_config(data: dict, source: str = "kiosk.toml") -> KioskConfig:
    """A KioskConfig from parsed TOML; ConfigError listing every problem (unknown keys, wrong types)."""
    problems: list[str] = []
    values: dict = {}
    home: dict = {}
    for section, table in data.items():
        if section in TOP_LEVEL:
            target, check = TOP_LEVEL[section]
            try:
                values[target] = check(table)
            except ValueError as exc:
                problems.append(f"{source}: {section}: {exc}")
            continue
        if section not in SCHEMA:
            problems.append(f"{source}: {section}: unknown key or section "
                            f"(known: {', '.join([*TOP_LEVEL, *(f'[{name}]' for name in SCHEMA)])})")
            continue
        if not isinstance(table, dict):
            problems.append(f"{source}: {section}: must be a table [{section}], not {table!r}")
            continue
        for key, value in table.items():
            name = f"{section}.{key}"
            if key not in SCHEMA[section]:
                problems.append(f"{source}: {name}: unknown key (known in [{section}]: {', '.join(SCHEMA[section])})")
                continue
            target, check = SCHEMA[section][key]
            try:
                checked = check(value)
            except ValueError as exc:
                problems.append(f"{source}: {name}: {exc}")
                continue
            (home if section == "home" else values)[target] = checked
    offered = values.get("languages_offered", KioskConfig.languages_offered)
    default = values.get("language_default", offered[0] if "languages_offered" in values else KioskConfig.language_default)
    if default not in offered:
        problems.append(f"{source}: languages.default: {default!r} is not among languages.offered {list(offered)}")
    values["language_default"] = default
    if problems:
        raise ConfigError(problems)
    return KioskConfig(home=HomeView(**home), **values)


def read_config_file(path: Path) -> KioskConfig:
    """Read and validate one TOML file (ConfigError naming the file and key)."""
    return read_config_bytes(path)[0]


def read_config_bytes(path: Path) -> tuple[KioskConfig, bytes]:
    """The configuration in ``path`` and the exact bytes it was read from (so that what was checked is what
    is kept as the last good copy). ConfigError for anything unusable: unreadable, not UTF-8, not TOML, no
    settings at all (an empty file is never "good": it would replace the last good one and lose the PIN),
    or a bad key."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ConfigError([f"{path}: line {line}: not UTF-8 text (byte {raw[exc.start]:#04x} at offset "
                           f"{exc.start}); save the file as UTF-8"]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: not valid TOML: {exc}"]) from None
    if not data:
        raise ConfigError([f"{path}: holds no settings (an empty file is not a configuration)"])
    return parse_config(data, str(path)), raw


def default_state_dir() -> Path:
    """Where the kiosk keeps its last good configuration and (by default) its logs."""
    override = os.environ.get("EXPLORER_KIOSK_STATE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "treaty-explorer" / "kiosk"


@dataclass
class LoadedConfig:
    """The configuration to run with, where it came from ("file", "last-good" or "defaults"), and why."""

    config: KioskConfig
    source: str
    problems: list[str]


def load_config(path: Path | None, state_dir: Path | None = None) -> LoadedConfig:
    """The configuration to run with. A good file is also copied to the state directory as the last good
    one; a bad or missing file falls back to that copy, then to the defaults, and reports its problems."""
    state_dir = Path(state_dir) if state_dir is not None else default_state_dir()
    last_good = state_dir / LAST_GOOD_NAME
    problems: list[str] = []
    if path is not None:
        try:
            config, raw = read_config_bytes(path)
        except ConfigError as exc:
            problems.extend(exc.problems)
        else:
            try:
                state_dir.mkdir(parents=True, exist_ok=True)
                write_bytes_atomic(last_good, raw)
            except OSError as exc:
                problems.append(f"{last_good}: cannot keep a copy of the good configuration: {exc}")
            return LoadedConfig(_with_log_dir(config, state_dir), "file", problems)
    if last_good.exists():
        try:
            config = read_config_file(last_good)
        except ConfigError as exc:
            problems.extend(exc.problems)
        else:
            if path is not None:
                problems.append(f"using the last good configuration {last_good}")
            return LoadedConfig(_with_log_dir(config, state_dir), "last-good", problems)
    if path is not None:
        problems.append("using the default configuration")
    return LoadedConfig(_with_log_dir(KioskConfig(), state_dir), "defaults", problems)


def _with_log_dir(config: KioskConfig, state_dir: Path) -> KioskConfig:
    from dataclasses import replace

    return config if config.log_dir is not None else replace(config, log_dir=state_dir / "logs")


def check_attract_events(config: KioskConfig, dataset) -> tuple[KioskConfig, list[str]]:
    """Drop tour stops the dataset does not have; return the cleaned config and one problem per dropped id."""
    known = [e for e in config.attract_events if dataset.has_event(e)]
    dropped = [e for e in config.attract_events if not dataset.has_event(e)]
    problems = [f"attract.events: no event {e!r} in {dataset.path or dataset.title}; left out of the tour"
                for e in dropped]
    return config.with_attract_events(tuple(known)), problems


# --- the staff PIN -------------------------------------------------------------------------------------

def hash_pin(pin: str, iterations: int = PIN_ITERATIONS, salt: bytes | None = None) -> str:
    """``pbkdf2_sha256$iterations$salt_hex$hash_hex`` for a PIN, with a fresh random salt."""
    if not pin:
        raise ValueError("the PIN must not be empty")
    if not PIN_ITERATIONS_RANGE[0] <= iterations <= PIN_ITERATIONS_RANGE[1]:
        raise ValueError(f"iterations must be within {PIN_ITERATIONS_RANGE[0]:,}..{PIN_ITERATIONS_RANGE[1]:,}")
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    return f"{PIN_ALGORITHM}${iterations}${salt.hex()}${digest.hex()}"


def parse_pin_hash(text: str) -> tuple[int, bytes, bytes] | None:
    """(iterations, salt, digest) from a stored hash, or None when it is not one."""
    parts = text.split("$")
    if len(parts) != 4 or parts[0] != PIN_ALGORITHM:
        return None
    try:
        iterations, salt, digest = int(parts[1]), bytes.fromhex(parts[2]), bytes.fromhex(parts[3])
    except ValueError:
        return None
    low, high = PIN_ITERATIONS_RANGE
    if not low <= iterations <= high or not PIN_SALT_BYTES_RANGE[0] <= len(salt) <= PIN_SALT_BYTES_RANGE[1] \
            or len(digest) != 32:
        return None
    return iterations, salt, digest


def verify_pin(pin: str, stored: str | None) -> bool:
    """Whether ``pin`` matches the stored hash (compared in constant time). False when no hash is set."""
    parsed = parse_pin_hash(stored) if stored else None
    if parsed is None or not pin:
        return False
    iterations, salt, digest = parsed
    candidate = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(candidate, digest)


def cmd_hash_pin(args) -> int:
    """``explorer hash-pin [PIN]``: print the salted hash to put into kiosk.toml as ``staff.pin_hash``."""
    pin = args.pin
    if pin is None:
        pin = getpass.getpass("Staff PIN: ")
        if getpass.getpass("Again: ") != pin:
            print("explorer: error: the two PINs differ", file=sys.stderr)
            return 2
    if not pin.isdigit() or len(pin) < 4:
        print("explorer: error: the PIN must be at least 4 digits (the kiosk's PIN pad has only digits)",
              file=sys.stderr)
        return 2
    print(hash_pin(pin))
    return 0
