"""Importing and querying touches nothing but the package's own data: no network, no writes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jijinan

SCRIPT = r"""
import json, sys
events = []

def hook(event, args):
    if event.startswith("socket.") or event in ("urllib.Request", "http.client.connect"):
        events.append(["network", event, repr(args)[:200]])
    elif event == "open":
        path, mode, flags = args
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (isinstance(flags, int) and flags & 0o3)
        events.append(["write" if writing else "read", str(path), str(mode)])
    elif event in ("os.remove", "os.rename", "os.mkdir", "os.rmdir", "os.truncate", "os.chmod", "shutil.rmtree",
                   "shutil.copyfile", "os.symlink", "os.link", "tempfile.mkstemp", "tempfile.mkdtemp"):
        events.append(["write", event, repr(args)[:200]])
    elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn"):
        events.append(["process", event, repr(args)[:200]])
    elif event == "pickle.find_class":
        events.append(["pickle", event, repr(args)[:200]])

sys.addaudithook(hook)
import jijinan
jijinan.units.get("浚县")
jijinan.units.filter(province="河北", level="county")
jijinan.notice.title
jijinan.units.covering("320102")
jijinan.units.match("静安区", as_of=2020)
jijinan.units.match_many(["huaxian", "鼓楼区", None])
jijinan.coverage()
try:
    jijinan.units.get("邢台市桥西区")
except LookupError:
    pass
print(json.dumps(events))
"""


def test_no_network_no_writes_only_own_data() -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert [e for e in events if e[0] in ("network", "write", "process", "pickle")] == []
    data_dir = Path(jijinan.__file__).resolve().parent / "data"
    code_suffixes = (".py", ".pyc", ".so", ".pth")
    reads = [Path(e[1]) for e in events if e[0] == "read"]
    data_reads = [p for p in reads if not p.name.endswith(code_suffixes) and not p.is_dir()]
    assert data_reads, "the audit saw no data being read"
    assert {p.resolve().parent for p in data_reads} == {data_dir}
    assert {p.name for p in data_reads} <= {"units.json", "unit_keys.json", "chars.json", "notice.json",
                                            "divisions.json", "index.json", "latin.json", "spellings.json",
                                            "B2SUMS"}  # fmt: skip


def test_source_uses_no_pickle_eval_or_exec() -> None:
    source = Path(jijinan.__file__).resolve().parent
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(pickle|marshal|shelve)\b", text), path.name
        assert not re.search(r"(?<![\w.])(eval|exec)\(", text), path.name
