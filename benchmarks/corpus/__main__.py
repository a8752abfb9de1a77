"""``python benchmarks/corpus OUT_DIR --n N --seed S``, or ``python -m corpus`` in benchmarks/."""

import sys
from pathlib import Path

if not __package__:  # run as a folder: its parent holds the package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import main  # noqa: E402

sys.exit(main())
