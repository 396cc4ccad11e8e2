"""jijinan in every process model: forked while loading, sent to workers, poked at by users."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import pickle
import subprocess
import sys
import textwrap

import pytest

import jijinan
from jijinan import Match, MatchStatus, UnitNotFoundError, units

FORK = hasattr(os, "fork")


@pytest.mark.skipif(not FORK, reason="fork is POSIX only")
def test_a_child_forked_while_another_thread_loads_does_not_hang() -> None:
    # A thread starts loading the units and is held inside the loader (holding its lock)
    # while the main thread forks. The child has no such thread: it must load afresh.
    script = textwrap.dedent(
        """
        import os, sys, threading, time
        import jijinan.loading.loaders as data

        entered = threading.Event()
        real = data.read_json

        def slow(name):
            entered.set()
            time.sleep(2)
            return real(name)

        data.read_json = slow
        import jijinan

        threading.Thread(target=lambda: jijinan.units.get("浚县"), daemon=True).start()
        entered.wait()
        pid = os.fork()
        if pid == 0:
            data.read_json = real
            try:
                code = jijinan.units.get("浚县").code
                os._exit(0 if code == "410621" else 3)
            except BaseException:
                os._exit(4)
        for _ in range(200):  # 20 s
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                sys.exit(os.waitstatus_to_exitcode(status))
            time.sleep(0.1)
        os.kill(pid, 9)
        sys.exit(5)  # the child hung
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])


def test_units_travel_to_other_processes_as_their_own_units() -> None:
    copy = pickle.loads(pickle.dumps(units))
    assert copy is units
    match = units.match("静安区", as_of=2020)
    assert pickle.loads(pickle.dumps(match)) == match
    unit = units.get("浚县")
    assert pickle.loads(pickle.dumps(unit)) == unit
    with pytest.raises(UnitNotFoundError) as info:
        units.get("邢台市桥西区")
    back = pickle.loads(pickle.dumps(info.value))
    assert back.candidates == info.value.candidates
    assert str(back) == str(info.value)


def _status_in_worker(collection: object, name: str) -> str:
    assert collection is jijinan.units
    found: Match = collection.match(name)  # type: ignore[attr-defined]
    return found.status.value


@pytest.mark.parametrize("method", ["spawn", *(["fork"] if FORK else [])])
def test_units_go_to_a_process_pool(method: str) -> None:
    context = multiprocessing.get_context(method)
    with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        found = list(pool.map(_status_in_worker, [units] * 3, ["浚县", "滑县", "鼓楼区"]))
    assert found == ["pilot", "not_pilot", "ambiguous"]


def test_reachable_attributes_cannot_change_later_answers() -> None:
    coverage = jijinan.coverage()
    with pytest.raises(AttributeError, match="immutable"):
        coverage._rows = ()  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        units._index = None  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del units._load
    matcher = units._matcher()
    with pytest.raises(AttributeError, match="immutable"):
        matcher.index = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        matcher.index.keys["浚县"] = 0  # type: ignore[index]
    with pytest.raises(TypeError):
        matcher.july["410621"] = 0  # type: ignore[index]
    with pytest.raises((TypeError, AttributeError)):
        matcher.index.codes[0] = "110000"  # type: ignore[index]
    assert len(jijinan.coverage()) == 2853
    assert jijinan.coverage() is coverage
    assert units.match("浚县").status is MatchStatus.PILOT
    assert units.get("浚县").code == "410621"
