"""The curriculum as an immutable, validated model (no I/O beyond reading content)."""

from .errors import ContentError, ContentProblem
from .loader import default_content_dir, load_curriculum
from .model import (
    Curriculum,
    ExitCriterion,
    Lesson,
    Phase,
    Resource,
    Rung,
    Sequence,
    Series,
    Track,
    Video,
    Widget,
)

__all__ = [
    "ContentError",
    "ContentProblem",
    "Curriculum",
    "ExitCriterion",
    "Lesson",
    "Phase",
    "Resource",
    "Rung",
    "Sequence",
    "Series",
    "Track",
    "Video",
    "Widget",
    "default_content_dir",
    "load_curriculum",
]
