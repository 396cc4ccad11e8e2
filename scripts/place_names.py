"""How division names are written short, for the lookup index (scripts/build_data.py).

A division goes by more than its full name: 陕西 for 陕西省, 恩施 and 恩施州 for
恩施土家族苗族自治州, 锡盟 for 锡林郭勒盟, 海淀 for 海淀区, 本溪 for 本溪满族自治县. This module
says which short forms each name has; the build puts them in the index, so a short form
shared by several divisions (朝阳: 朝阳区 of 北京 and of 长春, 朝阳县, 朝阳市) finds them all.
"""

from __future__ import annotations

import re

# The ethnic groups named in autonomous divisions, as the names write them (with or
# without 族: 蒙古族 and 蒙古, 哈萨克 and 哈萨克族). Every autonomous name of the history must
# read as a stem followed by one or more of these; the build fails otherwise.
ETHNIC_GROUPS: tuple[str, ...] = (
    "阿昌族", "白族", "保安族", "布朗族", "布依族", "朝鲜族", "达斡尔族", "傣族", "德昂族", "东乡族",
    "侗族", "独龙族", "鄂伦春族", "鄂伦春", "鄂温克族", "仡佬族", "哈尼族", "哈萨克族", "哈萨克", "黎族",
    "傈僳族", "珞巴族", "满族", "毛南族", "门巴族", "蒙古族", "蒙古", "苗族", "仫佬族", "纳西族", "怒族",
    "普米族", "羌族", "撒拉族", "畲族", "水族", "塔吉克族", "塔吉克", "土家族", "土族", "佤族", "锡伯族",
    "锡伯", "瑶族", "彝族", "裕固族", "藏族", "壮族", "回族", "维吾尔族", "维吾尔", "柯尔克孜族",
    "柯尔克孜", "景颇族", "拉祜族", "基诺族", "俄罗斯族", "乌孜别克族", "塔塔尔族", "赫哲族", "京族",
    "各族",
)  # fmt: skip

_ETHNIC = "|".join(sorted(map(re.escape, ETHNIC_GROUPS), key=len, reverse=True))
_AUTONOMOUS = re.compile(f"^(?P<stem>.*?)(?:{_ETHNIC})+自治(?P<level>州|县|旗|区)$")

# County-level generic words, longest first. 林区 only for a forestry district (神农架林区):
# 万柏林区, 碑林区 and 北林区 are 万柏林, 碑林, 北林 + 区.
COUNTY_GENERICS = ("新区", "矿区", "特区", "区", "县", "市", "旗")


class NameError_(ValueError):
    """A name does not have the shape its level's names have."""


def autonomous_stem(name: str) -> str | None:
    """The stem of an autonomous division's name: 恩施 of 恩施土家族苗族自治州; None if not autonomous.

    The stem is empty where the name is the ethnic group's alone (鄂伦春自治旗).

    Raises:
        NameError_: the name ends in 自治州/县/旗 but does not read as stem + ethnic groups.
    """
    if not re.search("自治[州县旗]$", name):
        return None
    found = _AUTONOMOUS.match(name)
    if found is None:
        raise NameError_(f"{name}: an autonomous name that does not read as a stem and ethnic groups")
    return found.group("stem")


def short_forms(name: str, level: str, forestry: bool = False) -> set[str]:
    """The short forms a division of ``level`` (province, prefecture, county) is written in.

    Never the name itself, never a form of one character.
    """
    forms: set[str] = set()
    stem = autonomous_stem(name)
    if level == "province":
        forms.add(re.sub("(?:(?:壮族|回族|维吾尔)?自治区|特别行政区|省|市)$", "", name))
    elif level == "prefecture":
        if stem is not None:
            forms |= {stem, stem + "州"}  # 恩施, 恩施州
        else:
            short = re.sub("(?:市|地区|盟)$", "", name)
            forms.add(short)
            if name.endswith("盟") and len(short) >= 3:
                forms.add(short[0] + "盟")  # 锡林郭勒盟 -> 锡盟, 阿拉善盟 -> 阿盟
    elif stem is not None:
        forms.add(stem)  # 本溪满族自治县 -> 本溪
    elif forestry and name.endswith("林区"):
        forms.add(name[: -len("林区")])
    else:
        for generic in COUNTY_GENERICS:
            if name.endswith(generic):
                forms.add(name[: -len(generic)])
                break
    return {f for f in forms if len(f) >= 2 and f != name}
