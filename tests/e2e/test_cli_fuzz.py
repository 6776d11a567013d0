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


# ---------------------------------------------------------------- hostile input, verb by verb
# Each case: one line on stderr, the exit code, the reason, nothing written (every table counted before and
# after). Runs the real CLI in-process against the module's demo database; process-level behaviour (bytes
# that are not UTF-8 in argv, stderr of a verify) is in test_cli_hostile_process below.

def _bomb() -> str:
    """The 302-byte "billion laughs": 9 levels of 9 aliases, 3.8e8 strings once expanded."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _pdfs(tmp: Path) -> dict[str, Path]:
    from tests.unit.documents.test_pdfcheck import (
        _deep_page_tree,
        _encrypted,
        _plain,
        _with_open_action,
        _write,
    )

    files = {"enc.pdf": _encrypted(), "js.pdf": _with_open_action("/JavaScript"), "trunc.pdf": _write(_plain())[:-200],
             "tree.pdf": _deep_page_tree(500), "nested.pdf": b"%PDF-1.7\n1 0 obj\n" + b"[" * 200_000 + b"\n%%EOF\n",
             "ok.pdf": _write(_plain())}
    for name, data in files.items():
        (tmp / name).write_bytes(data)
    return {name: tmp / name for name in files}


def _files(tmp: Path) -> dict[str, Path]:
    contents: dict[str, bytes] = {
        "ok.md": b"Dengan hormat.", "bomb.yaml": _bomb().encode(), "nul.md": b"Isi\x00surat",
        "c1.md": "Isi \u009b31m merah".encode(), "esc.md": b"Isi \x1b]0;judul\x07", "big.md": b"a" * 2_000_000,
        "word.md": b"Kata " + b"x" * 500, "para.md": b"kata " * 4000, "deep.yaml": b"[" * 5000 + b"]" * 5000,
        "deep.json": b"[" * 100_000 + b"]" * 100_000, "notutf8.yaml": b"nama: \xff\xfe", "date.yaml":
        b"undangan:\n  tanggal: 9999-12-31\n", "year0.yaml": b"berita_acara:\n  tanggal: '0000-01-01'\n",
        "escfield.yaml": b'undangan:\n  tempat: "\\e[2J"\n', "huge.yaml": b"a: " + b"x" * 2_000_000 + b"\n",
        "garbage.p12": b"\x30\x82garbage",
    }
    for name, data in contents.items():
        (tmp / name).write_bytes(data)
    return {name: tmp / name for name in contents} | _pdfs(tmp)


def _counts(url: str) -> dict[str, int]:
    from sqlalchemy import func, select

    from eoffice.store.db import make_engine
    from eoffice.store.models import Base

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in Base.metadata.sorted_tables}
    finally:
        engine.dispose()


DRAFT = ["letter", "draft", "--kind", "nota_dinas", "--to", "SETDA"]
# (user, argv with {name} for the files above, exit code, fragment of the one-line error)
HOSTILE: list[tuple[str, list[str], int, str]] = [
    ("staf.kominfo", [*DRAFT, "--subject", "Hal \u202egnp.exe", "--body", "{ok.md}"], 2, "U+202E"),
    ("staf.kominfo", [*DRAFT, "--subject", "Baris\nkedua", "--body", "{ok.md}"], 2, "U+000A"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{nul.md}"], 2, "U+0000"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{c1.md}"], 2, "U+009B"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{esc.md}"], 2, "U+001B"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{big.md}"], 2, "terlalu panjang"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{word.md}"], 2, "tanpa spasi"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{para.md}"], 2, "per paragraf"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{ok.md}", "--fields", "{bomb.yaml}"], 2, "alias"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{ok.md}", "--fields", "{deep.yaml}"], 2, "terlalu dalam"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{ok.md}", "--fields", "{notutf8.yaml}"], 2, "UTF-8"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{ok.md}", "--fields", "{date.yaml}"], 2, "rentang"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{ok.md}", "--fields", "{year0.yaml}"], 2, "tidak valid"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{ok.md}", "--fields", "{escfield.yaml}"], 2, "U+001B"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{ok.md}", "--fields", "{huge.yaml}"], 2, "KiB"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{ok.md}", "--attach", "{enc.pdf}"], 2, "terenkripsi"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{ok.md}", "--attach", "{js.pdf}"], 2, "JavaScript"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{ok.md}", "--attach", "{trunc.pdf}"], 2, "terpotong"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{ok.md}", "--attach", "{tree.pdf}"], 2, "terlalu dalam"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{ok.md}", "--attach", "{nested.pdf}"], 2, "rusak"),
    ("staf.kominfo", [*DRAFT, "--subject", "x", "--body", "{ok.md}", "--kind", "berita_acara", "--event-date",
                      "9999-12-31"], 2, "rentang"),
    ("staf.kominfo", [*DRAFT, "--subject", "Hal \x1b[31m", "--body", "{ok.md}"], 2, "--subject"),
    ("staf.kominfo", ["delegate", "kasi1.kominfo", "--capacity", "Plh.", "--from", "2026-01-01", "--until",
                      "9999-12-31"], 2, "rentang"),
    ("staf.kominfo", ["delegate", "kasi1.kominfo", "--capacity", "Plh.", "--from", "0001-01-01", "--until",
                      "2026-12-31"], 2, "rentang"),
    ("staf.kominfo", ["search", "surat", "--from", "9999-12-31"], 2, "rentang"),
    ("staf.kominfo", ["search", "surat", "--to", "0000-01-01"], 2, "tidak valid"),
    ("agendaris.kominfo", ["incoming", "register", "{ok.pdf}", "--from", "Dinas X", "--number", "1/2026",
                           "--subject", "Undangan", "--date", "9999-12-31", "--to", "kepala.kominfo"], 2, "rentang"),
    ("agendaris.kominfo", ["incoming", "register", "{ok.pdf}", "--from", "Dinas \u202eX", "--number", "1/2026",
                           "--subject", "Undangan", "--date", "2026-11-30", "--to", "kepala.kominfo"], 2, "U+202E"),
    ("agendaris.kominfo", ["incoming", "register", "{enc.pdf}", "--from", "Dinas X", "--number", "1/2026",
                           "--subject", "Undangan", "--date", "2026-11-30", "--to", "kepala.kominfo"], 2,
     "terenkripsi"),
    ("agendaris.kominfo", ["incoming", "register", "{js.pdf}", "--from", "Dinas X", "--number", "1/2026",
                           "--subject", "Undangan", "--date", "2026-11-30", "--to", "kepala.kominfo"], 2,
     "JavaScript"),
    ("staf.kominfo", ["verify", "{nested.pdf}"], 2, "rusak"),
    ("staf.kominfo", ["verify", "{trunc.pdf}"], 2, ""),
    ("admin", ["workflow", "import", "{bomb.yaml}"], 2, "alias"),
    ("admin", ["workflow", "import", "{deep.json}"], 2, "terlalu dalam"),
    ("admin", ["workflow", "import", "{notutf8.yaml}"], 2, "UTF-8"),
    ("admin", ["user", "add", "baru", "--nip", "198001012005011001", "--name", "Budi\u0085", "--unit", "SETDA"], 2,
     "U+0085"),
    ("admin", ["user", "add", "baru", "--nip", "198001012005011001", "--name", "Budi \u202eX", "--unit", "SETDA"],
     2, "U+202E"),
    ("admin", ["unit", "add", "UNITX", "--name", "Unit\tX", "--kind", "bidang", "--parent", "SETDA"], 2, "U+0009"),
    ("staf.kominfo", ["ca", "import-p12", "{garbage.p12}"], 2, ""),
    ("staf.kominfo", ["letter", "list", "--status", "x\x07"], 2, "U+0007"),
    ("admin", ["numbering", "set", "{seq}\x1b[2J"], 2, "U+001B"),
]


@pytest.mark.parametrize("user, argv, code, fragment", HOSTILE,
                         ids=[f"{n}-{'-'.join(a for a in c[1][:2])}" for n, c in enumerate(HOSTILE)])
def test_hostile_input_per_verb(user: str, argv: list[str], code: int, fragment: str, demo_db: str,
                                tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("EOFFICE_PASSWORD", "demo")
    monkeypatch.setenv("EOFFICE_NEW_PASSWORD", "rahasia")
    files = _files(tmp_path)
    args = [str(files[a[1:-1]]) if a.startswith("{") and a[1:-1] in files else a for a in argv]
    before = _counts(demo_db)
    started = time.monotonic()
    got = main([*args, "--db", demo_db, "--home", str(tmp_path), "--user", user])
    out = capsys.readouterr()
    assert time.monotonic() - started < 30, "a hostile input must be refused quickly"
    assert got == code, (args, got, out.err)
    lines = [ln for ln in out.err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in out.err and "internal error" not in out.err, out.err
    assert fragment in lines[0], lines[0]
    assert "\x1b" not in out.err + out.out and "\x07" not in out.err + out.out
    assert _counts(demo_db) == before, "nothing is written by a refused command"


def _cli(argv: list[str], db: str, home: Path, user: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main([*argv, "--db", db, "--home", str(home), "--user", user])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def hidden_letter(demo_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A rahasia letter of another unit's staff: staf.kominfo may not see it."""
    import os

    home = tmp_path_factory.mktemp("hidden")
    body = home / "isi.md"
    body.write_text("Rahasia.", encoding="utf-8")
    os.environ["EOFFICE_PASSWORD"] = "demo"
    try:
        code = main([*DRAFT, "--subject", "Hal rahasia", "--body", str(body), "--classification", "rahasia",
                     "--json", "--db", demo_db, "--home", str(home), "--user", "staf.dinkes"])
    finally:
        del os.environ["EOFFICE_PASSWORD"]
    assert code == 0
    return _last_document(demo_db)


def _last_document(url: str) -> str:
    from sqlalchemy import select

    from eoffice.store.db import make_engine
    from eoffice.store.models import Document

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return str(conn.execute(select(Document.id).order_by(Document.created_at.desc()).limit(1)).scalar_one())
    finally:
        engine.dispose()


ON_A_LETTER = [["letter", "show"], ["letter", "history"], ["letter", "render", "{out}"], ["letter", "export", "{out}"],
               ["letter", "submit"], ["letter", "withdraw"], ["letter", "revise", "--subject", "x"], ["diff"],
               ["approve"], ["return", "--note", "x"], ["reject", "--note", "x"], ["ltv"],
               ["forward", "--to", "kasi1.kominfo"], ["comment", "halo"],
               ["dispose", "--to", "kasi1.kominfo", "--instruct", "pelajari"], ["disposition", "tree"],
               ["disposition", "sheet", "{out}"], ["disposition", "read"], ["disposition", "done", "--report", "x"]]


@pytest.mark.parametrize("verb", ON_A_LETTER, ids=["-".join(v[:2]) for v in ON_A_LETTER])
def test_a_letter_you_may_not_see_is_answered_as_one_that_does_not_exist(
        verb: list[str], hidden_letter: str, demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import uuid

    monkeypatch.setenv("EOFFICE_PASSWORD", "demo")
    monkeypatch.setenv("EOFFICE_KEY_PASSPHRASE", "demo")
    missing = str(uuid.uuid4())
    answers = []
    for doc_id in (hidden_letter, missing):
        head = [v for v in verb if not v.startswith("-") and v not in ("x", "halo", "kasi1.kominfo", "pelajari")
                and not v.startswith("{")]
        rest = [str(tmp_path / "out.pdf") if v == "{out}" else v for v in verb[len(head):]]
        before = _counts(demo_db)
        code, out, err = _cli([*head, doc_id, *rest], demo_db, tmp_path, "staf.kominfo", capsys)
        assert _counts(demo_db) == before
        answers.append((code, out, err.replace(doc_id, "<ID>")))
    assert answers[0] == answers[1], answers
    code, _, err = answers[0]
    assert code == 2 and "Naskah tidak ditemukan: <ID>" in err and len(err.splitlines()) == 1, err
    assert not (tmp_path / "out.pdf").exists()


def test_what_a_letter_holds_never_drives_the_terminal(demo_db: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A subject that holds escape sequences (written before the checks existed, or straight into the
    database) is shown escaped by every printer; --json keeps it exactly, as valid JSON escapes."""
    import json

    from sqlalchemy import update

    from eoffice.store.db import make_engine
    from eoffice.store.models import Document

    monkeypatch.setenv("EOFFICE_PASSWORD", "demo")
    body = tmp_path / "isi.md"
    body.write_text("Isi.", encoding="utf-8")
    code, out, _ = _cli([*DRAFT, "--subject", "Hal biasa", "--body", str(body)], demo_db, tmp_path, "staf.kominfo",
                        capsys)
    doc = out.strip()
    hostile = "Rapat \x1b]0;pwned\x07\x1b[2J\u009b31m\r\u202eSelesai"
    engine = make_engine(demo_db)
    with engine.begin() as conn:
        conn.execute(update(Document).where(Document.id == doc).values(subject=hostile))
    engine.dispose()
    for argv in (["letter", "show", doc], ["letter", "list"], ["letter", "history", doc], ["search", "Rapat"]):
        code, out, err = _cli(argv, demo_db, tmp_path, "staf.kominfo", capsys)
        assert code == 0, err
        for raw in ("\x1b", "\x07", "\x9b", "\r", "\u202e"):
            assert raw not in out, (argv, out)
    assert "\\x1b]0;pwned\\x07" in _cli(["letter", "show", doc], demo_db, tmp_path, "staf.kominfo", capsys)[1]
    code, out, _ = _cli(["letter", "show", doc, "--json"], demo_db, tmp_path, "staf.kominfo", capsys)
    assert "\x1b" not in out and "\x9b" not in out and json.loads(out)["subject"] == hostile


def test_bytes_that_are_not_utf8_in_argv_or_environment(demo_db: str, tmp_path: Path) -> None:
    """The real process: argv and EOFFICE_* hold raw bytes (Python hands them over as lone surrogates)."""
    import os
    import subprocess
    import sys

    body = tmp_path / "isi.md"
    body.write_text("Isi.", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EOFFICE_")} | {
        "EOFFICE_PASSWORD": "demo", "EOFFICE_HOME": str(tmp_path)}
    before = _counts(demo_db)
    cases: list[tuple[list[str | bytes], dict[str, str | bytes], str]] = [
        ([*DRAFT, "--subject", b"Hal \xff\xfe", "--body", str(body)], {}, "--subject: teks bukan UTF-8"),
        ([b"letter", b"show", b"\xc3\x28"], {}, "bukan UTF-8"),
        (["inbox"], {"EOFFICE_USER": b"staf\xff"}, "EOFFICE_USER: teks bukan UTF-8"),
    ]
    for argv, extra, fragment in cases:
        full_env = {os.fsencode(k): os.fsencode(v) for k, v in {**env, **extra}.items()}
        proc = subprocess.run([sys.executable, "-m", "eoffice", *argv, "--db", demo_db,
                               *(["--user", "staf.kominfo"] if "EOFFICE_USER" not in extra else [])],
                              capture_output=True, env=full_env, check=False, timeout=120)
        err = proc.stderr.decode("utf-8")
        assert proc.returncode == 2, (argv, proc.returncode, err)
        assert len(err.splitlines()) == 1 and fragment in err, err
    assert _counts(demo_db) == before
