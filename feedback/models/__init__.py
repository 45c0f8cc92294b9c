from .configuration import CATEGORY_CHOICES, FeedbackSettings, LoopRule, NpsBaseline
from .responses import COMMENT_MAX, Answer, LoopAction, Response
from .surveys import Invitation, Question, Survey

__all__ = [
    "CATEGORY_CHOICES",
    "COMMENT_MAX",
    "Answer",
    "FeedbackSettings",
    "Invitation",
    "LoopAction",
    "LoopRule",
    "NpsBaseline",
    "Question",
    "Response",
    "Survey",
]
