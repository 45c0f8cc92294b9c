"""A small registry of navigation items: each app registers its pages in AppConfig.ready().

Items with the same `group` render as one dropdown, so the bar stays on one line at laptop width.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: object  # a lazy translation
    url_name: str
    roles: tuple[str, ...]
    order: int = 100
    staff_only: bool = False
    group: object = None  # a lazy translation; items sharing it form a dropdown


_ITEMS: dict[str, NavItem] = {}


def register_nav_item(label, url_name: str, *, roles, order: int = 100, staff_only: bool = False, group=None) -> None:
    _ITEMS[url_name] = NavItem(label, url_name, tuple(str(r) for r in roles), order, staff_only, group)


def nav_items_for(user, path: str) -> list[dict]:
    """Top-level entries for this user: links, or groups with `children` (a group of one is a plain link)."""
    links = []
    for item in sorted(_ITEMS.values(), key=lambda i: i.order):
        if not user.has_role(*item.roles) or (item.staff_only and not user.is_staff):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        links.append(
            {"label": item.label, "url": url, "group": item.group, "active": path.startswith(url) and url != "/"}
        )
    # Only the longest matching prefix is the current page.
    active = [link for link in links if link["active"]]
    for link in active:
        link["active"] = link is max(active, key=lambda i: len(i["url"]))

    entries: list[dict] = []
    groups: dict[str, dict] = {}
    for link in links:
        if link["group"] is None:
            entries.append(link)
            continue
        key = str(link["group"])
        if key not in groups:
            groups[key] = {"label": link["group"], "children": [], "active": False}
            entries.append(groups[key])
        groups[key]["children"].append(link)
        groups[key]["active"] |= link["active"]
    return [entry["children"][0] if len(entry.get("children", [None, None])) == 1 else entry for entry in entries]
