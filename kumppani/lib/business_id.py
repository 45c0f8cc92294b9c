"""Finnish business ID (Y-tunnus) helpers on top of python-stdnum."""

from stdnum.exceptions import ValidationError
from stdnum.fi import ytunnus


def normalise_business_id(value: str) -> str:
    """Return the ID in its canonical 1234567-8 form, or raise ValueError with a reason."""
    try:
        return ytunnus.format(ytunnus.validate(value))
    except ValidationError as exc:
        raise ValueError(str(exc)) from exc


def is_valid_business_id(value: str) -> bool:
    return ytunnus.is_valid(value)
