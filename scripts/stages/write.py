"""Write the data files: a last check that no damage reaches them, the JSON, and B2SUMS."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from stages.errors import fail


def check_clean(name: str, payload: str) -> None:
    """No damage may reach the packaged data."""
    for bad in ("?", "\ufffd", "責任編輯", "责任编辑", "回到頂部", "回到顶部", "法規庫", "法规库"):
        if bad in payload:
            fail(f"{name} contains {bad!r}")
    if re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", payload):
        fail(f"{name} contains a pinyin annotation")
    if unicodedata.normalize("NFC", payload) != payload:
        fail(f"{name} is not NFC")


def dump(obj: Any) -> str:
    """JSON for files people read and diff: one key a line, sorted."""
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def compact(obj: Any) -> str:
    """JSON for the large tables: no white space, keys in the order built."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def write(out: Path, files: dict[str, str]) -> dict[str, str]:
    """Write each file (name -> text) into out and B2SUMS beside them; return name -> BLAKE2b digest."""
    out.mkdir(parents=True, exist_ok=True)
    sums = {}
    for name, payload in sorted(files.items()):
        check_clean(name, payload)
        data = payload.encode("utf-8")
        (out / name).write_bytes(data)
        sums[name] = hashlib.blake2b(data).hexdigest()
    (out / "B2SUMS").write_text("".join(f"{h}  {n}\n" for n, h in sorted(sums.items())), encoding="utf-8")
    return sums
