"""Output-path safety: no two outputs may land on the same file.

Signal: ``all_generators_finalized`` — after all content is read and before
the writer writes anything. Every output the build will write (articles,
pages, drafts, paginated listings of topics, authors, regions and archives,
feeds, static files) is planned with its source; two sources on one path stop
the build with both named, instead of one silently overwriting the other.
"""

import sys

from pelican import signals

from .plan import plan_outputs


class OutputCollision(SystemExit):
    """Two outputs would be written to one path; exits with status 1."""

    def __init__(self, collisions):
        super().__init__(1)
        self.collisions = collisions


def find_collisions(planned):
    """[(path, first source, second source)] for every path planned twice."""
    owners, collisions = {}, []
    for path, source in planned:
        key = path.lstrip("/")
        if key in owners and owners[key] != source:
            collisions.append((key, owners[key], source))
        owners.setdefault(key, source)
    return collisions


def check_outputs(generators):
    collisions = find_collisions(plan_outputs(generators))
    if not collisions:
        return
    for path, first, second in collisions:
        print(
            f"error: {first} and {second} would both be written to {path}; "
            "change a slug or the *_SAVE_AS settings so each has its own path",
            file=sys.stderr,
        )
    print("Nothing was written.", file=sys.stderr)
    raise OutputCollision(collisions)


def register():
    signals.all_generators_finalized.connect(check_outputs)
