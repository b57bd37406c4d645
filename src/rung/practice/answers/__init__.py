"""Answer kinds: reading what people type, and comparing it with the right answer.

One module per kind. Every reader returns a :class:`Read` holding either a
value or a reason the text could not be read; nothing here ever executes text.
"""

from .base import AnswerSpec, Read, unreadable
from .choice import ChoiceAnswer
from .expr import ReadError, read_number
from .expressions import ExpressionAnswer
from .integers import IntegerAnswer
from .matrices import MatrixAnswer, matrix_text, read_matrix
from .multichoice import MultiChoiceAnswer
from .ordering import OrderingAnswer
from .rationals import FractionAnswer, fraction_text
from .reals import RealAnswer
from .sets import SetAnswer, read_set
from .shapes import ERROR, ShapeAnswer, read_shape, shape_text
from .truefalse import TF_CHOICES, TrueFalseAnswer, read_bool
from .vectors import VectorAnswer, read_vector, vector_text

__all__ = [
    "ERROR",
    "TF_CHOICES",
    "AnswerSpec",
    "ChoiceAnswer",
    "ExpressionAnswer",
    "FractionAnswer",
    "IntegerAnswer",
    "MatrixAnswer",
    "MultiChoiceAnswer",
    "OrderingAnswer",
    "Read",
    "ReadError",
    "RealAnswer",
    "SetAnswer",
    "ShapeAnswer",
    "TrueFalseAnswer",
    "VectorAnswer",
    "fraction_text",
    "matrix_text",
    "read_bool",
    "read_matrix",
    "read_number",
    "read_set",
    "read_shape",
    "read_vector",
    "shape_text",
    "unreadable",
    "vector_text",
]
