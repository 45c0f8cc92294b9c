"""A small registry of navigation items: each app registers its pages in AppConfig.ready()."""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: object  # a lazy translation
    url_name: str
    roles: tuple[str, ...]
    order: int = 100
    staff_only: bool = False
    kwargs: dict = field(default_factory=dict)


_ITEMS: dict[str, NavItem] = {}


def register_nav_item(label, url_name: str, *, roles, order: int = 100, staff_only: bool = False) -> None:
    _ITEMS[url_name] = NavItem(label, url_name, tuple(str(r) for r in roles), order, staff_only)


def nav_items_for(user, path: str) -> list[dict]:
    items = []
    for item in sorted(_ITEMS.values(), key=lambda i: i.order):
        if not user.has_role(*item.roles) or (item.staff_only and not user.is_staff):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "active": path.startswith(url) and url != "/"})
    # Only the longest matching prefix is the current page.
    active = [i for i in items if i["active"]]
    if len(active) > 1:
        longest = max(active, key=lambda i: len(i["url"]))
        for i in active:
            i["active"] = i is longest
    return items
