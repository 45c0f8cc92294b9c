"""What people type when they change or review a customer's segment."""

from kumppani.privacy import register
from segments.models import SegmentChange, SegmentReview

register(SegmentChange, ["reason"])
register(SegmentReview, ["resolution"])
