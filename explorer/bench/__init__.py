"""Speed at scale: a synthetic dataset generator (``explorer generate``) and the benchmark (``explorer bench``).

``synthetic`` is free of Qt; ``cli`` orchestrates a run; ``measure`` holds the in-process Qt measurements and
``coldstart`` is the small program each cold-start run starts in a fresh process.
"""
