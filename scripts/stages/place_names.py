"""How division names are written short, for the lookup index (scripts/build_data.py).

A division goes by more than its full name: 陕西 for 陕西省, 恩施 and 恩施州 for
恩施土家族苗族自治州, 锡盟 for 锡林郭勒盟, 海淀 for 海淀区, 本溪 for 本溪满族自治县. This module
says which short forms each name has, from the parts stages.name_parts cuts it into
(specific part, positions, ethnic groups, generic term: its reviewed English table knows
the ethnic groups and the generic terms); the build puts them in the index, so a short form
shared by several divisions (朝阳: 朝阳区 of 北京 and of 长春, 朝阳县, 朝阳市) finds them all.
"""

from __future__ import annotations

from stages.name_parts import parse


def short_forms(name: str, level: str) -> set[str]:
    """The short forms a division of ``level`` (province, prefecture, county) is written in.

    The name without its generic term, ethnic groups and positions (广西, 恩施, 本溪, 海淀,
    苏尼特), and for an autonomous prefecture the stem with 州 (恩施州), for a league of a
    long name its first character with 盟 (锡林郭勒盟 -> 锡盟). Never the name itself, never a
    form of one character.
    """
    parts = parse(name)
    forms = {parts.specific}
    generic = parts.generic.chinese if parts.generic is not None else ""
    if level == "prefecture" and generic == "自治州":
        forms.add(parts.specific + "州")
    if level == "prefecture" and generic == "盟" and len(parts.specific) >= 3:
        forms.add(parts.specific[0] + "盟")
    return {f for f in forms if len(f) >= 2 and f != name}
