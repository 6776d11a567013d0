"""Bad input of every kind: random command lines never end in a traceback or an internal error.

Runs the real `eoffice.cli.main` in-process (the subprocess tests cover process-level behaviour) against a
demo database; every outcome must be 0, 1 or 2 with at most a one-line error."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eoffice.cli import main
from tests.dbs import Databases

VERBS = [["letter", "draft"], ["letter", "show"], ["letter", "submit"], ["letter", "list"], ["letter", "render"],
         ["approve"], ["return"], ["reject"], ["sign"], ["inbox"], ["search"], ["dispose"], ["delegate"],
         ["incoming", "register"], ["user", "add"], ["unit", "add"], ["workflow", "import"], ["verify"],
         ["numbering", "set"], ["diff"], ["forward"], ["disposition", "tree"], ["ca", "issue"], ["overdue"]]
OPTIONS = ["--kind", "--subject", "--body", "--to", "--cc", "--kode", "--note", "--from", "--until", "--capacity",
           "--number", "--date", "--instruct", "--nip", "--name", "--unit", "--trust", "--status", "--json"]
JUNK = st.one_of(
    st.sampled_from(["", " ", "nota_dinas", "rahasia", "2026-13-45", "Plh.", "x" * 600, "../../etc/passwd",
                     "00000000-0000-0000-0000-000000000000", "SETDA", "gubernur", "{seq}", "-1", "%s", "ðŸ“„"]),
    st.text(min_size=0, max_size=30),
)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    dbs = Databases(tmp_path_factory.mktemp("fuzz"))
    return dbs.new("sqlite", seeded=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(verb=st.sampled_from(VERBS), rest=st.lists(st.one_of(st.sampled_from(OPTIONS), JUNK), max_size=6))
def test_random_command_lines_fail_cleanly(verb: list[str], rest: list[str], demo_db: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EOFFICE_PASSWORD", "demo")
    monkeypatch.setenv("EOFFICE_KEY_PASSPHRASE", "demo")
    monkeypatch.setenv("EOFFICE_CA_PASSPHRASE", "demo")
    monkeypatch.setenv("EOFFICE_NEW_PASSWORD", "rahasia")
    argv = [*verb, *rest, "--db", demo_db, "--home", str(tmp_path), "--user", "staf.kominfo"]
    code = main(argv)
    out = capsys.readouterr()
    assert code in (0, 1, 2), (argv, code, out.err)
    assert "Traceback" not in out.err and "internal error" not in out.err, (argv, out.err)
    if code != 0:
        assert len([ln for ln in out.err.splitlines() if ln.strip()]) == 1, (argv, out.err)


def _shapes(junk: str, path: str) -> list[list[str]]:
    return [
        ["letter", "draft", "--kind", "nota_dinas", "--subject", junk, "--body", path, "--to", junk, "--kode", junk],
        ["approve", junk, "--note", junk],
        ["return", junk, "--note", junk],
        ["search", junk, "--from", junk],
        ["delegate", junk, "--capacity", "Plh.", "--from", junk, "--until", "2026-12-31"],
        ["incoming", "register", path, "--from", junk, "--number", junk, "--subject", junk, "--date", junk,
         "--to", junk],
        ["numbering", "set", junk],
        ["dispose", junk, "--to", junk, "--instruct", "pelajari"],
        ["letter", "show", junk], ["diff", junk], ["verify", path], ["workflow", "import", path],
        ["letter", "revise", junk, "--body", path], ["user", "add", junk, "--nip", junk, "--name", junk,
                                                    "--unit", junk],
    ]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shape=st.integers(0, 13), junk=JUNK, content=st.binary(max_size=300) | st.text(max_size=300),
       suffix=st.sampled_from([".md", ".json", ".pdf", ".yaml", ".txt"]),
       user=st.sampled_from(["staf.kominfo", "admin", "tu.pimpinan", "gubernur"]))
def test_well_formed_commands_with_bad_values_fail_cleanly(
        shape: int, junk: str, content: bytes | str, suffix: str, user: str, demo_db: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EOFFICE_PASSWORD", "demo")
    monkeypatch.setenv("EOFFICE_NEW_PASSWORD", "rahasia")
    path = tmp_path / f"input{suffix}"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    argv = [*_shapes(junk, str(path))[shape], "--db", demo_db, "--home", str(tmp_path), "--user", user]
    code = main(argv)
    out = capsys.readouterr()
    assert code in (0, 1, 2), (argv, code, out.err)
    assert "Traceback" not in out.err and "internal error" not in out.err, (argv, out.err)
    if code != 0:
        assert len([ln for ln in out.err.splitlines() if ln.strip()]) == 1, (argv, out.err)
