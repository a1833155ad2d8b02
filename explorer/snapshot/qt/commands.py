"""``explorer snapshot`` and ``explorer animate``: headless exports from the command line.

Their options are checked first, Qt-free, by ``explorer.snapshot.options``; only then is the renderer started.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from explorer.snapshot.options import (
    ANIMATION_FORMATS, INDEX_FILES, UsageError, animation_dates, check_output, ensure_directory, ensure_writable,
    fail, format_option, index_csv, make_spec, size_option, snapshot_spec,
)
from explorer.snapshot.spec import SnapshotSpec


def cmd_snapshot(args) -> int:
    """Render one snapshot (``--event``/``--date``/``--center``/``--zoom`` → ``--out``), or ``--all`` events."""
    from explorer.formats.startup import load_or_report

    dataset = load_or_report(args.data)
    if dataset is None:
        return 1
    try:
        spec = snapshot_spec(args, dataset)
        if args.all:
            if args.out is not None:
                raise UsageError("--out names one file; with --all use --out-dir DIR")
            if args.out_dir is None:
                raise UsageError("--all needs --out-dir DIR")
            fmt = args.format or "png"
            ensure_directory(args.out_dir)
            for name in [f"{event.id}.{fmt}" for event in dataset.events] + list(INDEX_FILES):
                check_output(Path(args.out_dir) / name, args)
        else:
            if args.out is None:
                raise UsageError("--out FILE is required (.png, .pdf or .html), or use --all --out-dir DIR")
            fmt = format_option(args.out)
            if args.format and args.format != fmt:
                raise UsageError(f"--format {args.format} does not match --out {args.out}; the extension decides")
            ensure_writable(args.out)
            check_output(args.out, args)
        layout = getattr(args, "layout", None)
        if layout is not None:
            if args.all:
                raise UsageError("--layout names one file: use it with one snapshot, not --all")
            if Path(layout).resolve() == Path(args.out).resolve():
                raise UsageError("--layout and --out name the same file")
            ensure_writable(layout)
            check_output(layout, args)
    except UsageError as exc:
        return fail(str(exc))
    renderer = _start_renderer(dataset)
    try:
        if args.all:
            return _snapshot_all(renderer, dataset, spec, Path(args.out_dir), fmt)
        renderer.save(spec, args.out, fmt)
        if layout is not None:
            from explorer.safe_write import write_text_atomic

            report = renderer.layout_report(spec)
            write_text_atomic(layout, json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    except OSError as exc:
        return fail(f"cannot write {exc.filename or args.out}: {exc.strerror or exc}")
    finally:
        renderer.close()
    print(f"wrote {args.out}" + (f" and {layout}" if layout is not None else ""), file=sys.stderr)
    return 0


def cmd_animate(args) -> int:
    """Play the timeline from ``--from`` to ``--to`` into an animated GIF or an MP4, one settled frame each."""
    from explorer.formats.startup import load_or_report

    dataset = load_or_report(args.data)
    if dataset is None:
        return 1
    try:
        first, last = animation_dates(args, dataset)
        if not 1 <= args.fps <= 60:
            raise UsageError(f"--fps {args.fps}: use 1 to 60 frames per second")
        if args.duration <= 0:
            raise UsageError(f"--duration {args.duration:g}: must be more than 0 seconds")
        suffix = Path(args.out).suffix.lower()
        if suffix not in ANIMATION_FORMATS:
            raise UsageError(f"--out {args.out}: an animation is written as .gif or .mp4")
        width, height = size_option("--size", args.size)
        if suffix == ".mp4" and (width % 2 or height % 2):
            width, height = width - width % 2, height - height % 2     # H.264 (yuv420p) needs even sides
            print(f"explorer: note: MP4 frames need even sides; using {width}x{height}", file=sys.stderr)
        spec = make_spec(size=(width, height), caption=not args.no_caption, borders=args.borders)
        ensure_writable(args.out)
        check_output(args.out, args)
    except UsageError as exc:
        return fail(str(exc))
    count = max(2, round(args.fps * args.duration))
    # The frames are the timeline playing, as in the window: each names the event it has just passed. The
    # view stays put (the dataset's), so the film does not jump from one selection's framing to the next.
    from explorer.model.playback import animation_frames
    from explorer.model.state import ExplorerState

    view = dataset.default_view
    frames = animation_frames(ExplorerState(dataset), first, last, count)
    specs = [replace(spec, date=day, event=event, center=view.center, zoom=view.zoom) for day, event in frames]
    renderer = _start_renderer(dataset)
    try:
        write_animation(renderer, specs, Path(args.out), args.fps)
    except OSError as exc:
        return fail(f"cannot write {args.out}: {exc.strerror or exc}")
    finally:
        renderer.close()
    print(f"wrote {args.out} ({count} frames)", file=sys.stderr)
    return 0


def _start_renderer(dataset):
    """The renderer, on Qt's offscreen platform unless the caller chose one: these commands never show a window
    (and need no display)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from explorer.snapshot.qt.renderer import SnapshotRenderer

    return SnapshotRenderer(dataset)


def _snapshot_all(renderer, dataset, spec: SnapshotSpec, out_dir: Path, fmt: str) -> int:
    """One file per event into ``out_dir``, with a progress bar and index.json/index.csv naming each file."""
    from tqdm import tqdm

    from explorer.safe_write import write_text_atomic

    rows = []
    for event in tqdm(dataset.events, desc="snapshots", unit="event", file=sys.stderr):
        name = f"{event.id}.{fmt}"           # the same names cmd_snapshot checked before rendering
        renderer.save(replace(spec, event=event.id), out_dir / name, fmt)
        rows.append({"id": event.id, "title": event.title, "date": event.date.iso(), "file": name})
    write_text_atomic(out_dir / "index.json", json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    write_text_atomic(out_dir / "index.csv", index_csv(rows))
    print(f"wrote {len(rows)} snapshots and index.json, index.csv to {out_dir}", file=sys.stderr)
    return 0


def write_animation(renderer, specs: list[SnapshotSpec], path: Path, fps: int) -> None:
    """Render each spec as a frame and encode them into a temporary file renamed into place when complete:
    MP4 streamed through imageio-ffmpeg's own ffmpeg, GIF with Pillow from palette frames (a quarter of the
    memory of keeping RGB frames, which a GIF encoder has to hold until the end)."""
    from tqdm import tqdm

    from explorer.safe_write import atomic_target

    frames = (renderer.render_image(spec) for spec in tqdm(specs, desc="frames", unit="frame", file=sys.stderr))
    with atomic_target(path) as tmp:
        if path.suffix.lower() == ".gif":
            from PIL import Image

            palette = None
            palette_frames = []
            for image in frames:
                rgb = Image.fromarray(rgb_array(image))
                palette = palette or gif_palette(rgb)
                palette_frames.append(rgb.quantize(palette=palette, dither=Image.Dither.NONE))
            palette_frames[0].save(tmp, format="GIF", save_all=True, append_images=palette_frames[1:],
                                   duration=round(1000 / fps), loop=0)
            return
        import imageio.v2 as imageio

        with imageio.get_writer(tmp, fps=fps, codec="libx264", macro_block_size=2, pixelformat="yuv420p",
                                ffmpeg_log_level="error") as writer:
            for image in frames:
                writer.append_data(rgb_array(image))


def gif_palette(first):
    """One palette for every frame of a GIF (no flicker between frames): the first frame's main colours plus
    the marker colours exactly, which a palette chosen from the pixels alone merges (markers are small)."""
    from PIL import Image, ImageColor

    from explorer.webmap.page import KIND_COLORS

    kinds = [channel for colour in KIND_COLORS.values() for channel in ImageColor.getrgb(colour)]
    main = first.quantize(256 - len(KIND_COLORS), dither=Image.Dither.NONE).getpalette()[:3 * (256 - len(KIND_COLORS))]
    palette = Image.new("P", (1, 1))
    palette.putpalette(main + kinds + [0] * (768 - len(main) - len(kinds)))
    return palette


def rgb_array(image):
    """A QImage as a height × width × 3 numpy array (what the encoders take)."""
    import numpy as np
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), np.uint8, count=stride * height).reshape(height, stride)
    return rows[:, :width * 3].reshape(height, width, 3).copy()
