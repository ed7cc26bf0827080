"""Inputs: folders, zip and tar archives read in place, JSONL dumps; refusals are error records."""

from __future__ import annotations

import io
import itertools
import json
import tarfile
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import archives as archives_module
from extractor.errors import ExtractionError
from extractor.inputs import Limits, iter_inputs

PAGE = "某村2020年扶贫工作总结\n一、基本情况\n全年帮扶贫困户12户，投入资金3.5万元。\n".encode()
OTHER = "某校2019年教学工作总结\n全年开展教研活动8次。\n".encode("gb18030")


def read_all(*paths: Path | str, limits: Limits | None = None) -> dict[str, bytes | str]:
    """Each input's data (read before the iterator moves on, as the batch does) or error code."""
    result: dict[str, bytes | str] = {}
    for item in iter_inputs(paths, limits):
        try:
            result[item.source] = item.read()
        except ExtractionError as error:
            result[item.source] = error.code
    return result


def make_tar(path: Path, members: dict[str, bytes], mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_folder_is_walked_recursively_in_order_and_hidden_files_are_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_bytes(OTHER)
    (tmp_path / "a.txt").write_bytes(PAGE)
    (tmp_path / ".hidden.txt").write_bytes(PAGE)
    (tmp_path / ".git" / "x.txt").write_bytes(PAGE)
    make_zip(tmp_path / "b" / "1.zip", {"in.txt": PAGE})
    assert read_all(tmp_path) == {
        str(tmp_path / "a.txt"): PAGE,
        f"{tmp_path / 'b' / '1.zip'}!in.txt": PAGE,
        str(tmp_path / "b" / "2.txt"): OTHER,
    }


@pytest.mark.parametrize(
    ("name", "mode"),
    [
        ("a.tar", "w"),
        ("a.tar.gz", "w:gz"),
        ("a.tgz", "w:gz"),
        ("a.tar.bz2", "w:bz2"),
        ("a.tar.xz", "w:xz"),
    ],
)
def test_tar_members_are_read_in_place(tmp_path, name, mode):
    path = make_tar(tmp_path / name, {"dir/one.txt": PAGE, "two.txt": OTHER}, mode)
    assert read_all(path) == {f"{path}!dir/one.txt": PAGE, f"{path}!two.txt": OTHER}


def test_zip_members_are_read_in_place_and_folders_skipped(tmp_path):
    path = make_zip(tmp_path / "a.zip", {"dir/": b"", "dir/one.txt": PAGE, "__MACOSX/x": PAGE})
    assert read_all(path) == {f"{path}!dir/one.txt": PAGE}


@pytest.mark.parametrize("maker", [make_zip, make_tar])
def test_members_that_climb_out_are_refused_and_the_rest_go_on(tmp_path, maker):
    name = "a.zip" if maker is make_zip else "a.tar.gz"
    members = {"a/../../evil.txt": PAGE, "/etc/abs.txt": PAGE, "C:/x.txt": PAGE, "ok.txt": PAGE}
    path = maker(tmp_path / name, members)
    assert read_all(path) == {
        f"{path}!a/../../evil.txt": "E107",
        f"{path}!/etc/abs.txt": "E107",
        f"{path}!C:/x.txt": "E107",
        f"{path}!ok.txt": PAGE,
    }


def test_links_and_devices_in_a_tar_are_refused(tmp_path):
    path = tmp_path / "links.tar"
    with tarfile.open(path, "w") as archive:
        kinds = {"link": tarfile.SYMTYPE, "hard": tarfile.LNKTYPE, "dev": tarfile.CHRTYPE}
        for name, kind in kinds.items():
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, "/etc/passwd"
            archive.addfile(info)
    assert read_all(path) == {f"{path}!{n}": "E107" for n in ("link", "hard", "dev")}


def test_a_symlink_in_a_zip_is_refused(tmp_path):
    path = tmp_path / "link.zip"
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo("link.txt")
        info.external_attr = (0o120777 << 16) | 0
        archive.writestr(info, "/etc/passwd")
        archive.writestr("ok.txt", PAGE)
    assert read_all(path) == {f"{path}!link.txt": "E107", f"{path}!ok.txt": PAGE}


def test_archives_and_dumps_inside_archives_are_opened_down_to_three_levels(tmp_path):
    dump = json.dumps({"id": "x", "text": "短文"}, ensure_ascii=False).encode()
    inner = make_tar(tmp_path / "inner.tar.gz", {"a.txt": PAGE, "../up.txt": PAGE})
    last = make_zip(tmp_path / "last.zip", {"c.txt": PAGE})
    deepest = make_zip(tmp_path / "deepest.zip", {"b.txt": OTHER, "last.zip": last.read_bytes()})
    deeper = make_zip(tmp_path / "deeper.zip", {"deepest.zip": deepest.read_bytes()})
    members = {
        "inner.tar.gz": inner.read_bytes(),
        "d.jsonl": dump,
        "deeper.zip": deeper.read_bytes(),
    }
    outer = make_zip(tmp_path / "outer.zip", members)
    assert read_all(outer) == {
        f"{outer}!inner.tar.gz!a.txt": PAGE,
        f"{outer}!inner.tar.gz!../up.txt": "E107",
        f"{outer}!d.jsonl#x": "短文",
        f"{outer}!deeper.zip!deepest.zip!b.txt": OTHER,
        f"{outer}!deeper.zip!deepest.zip!last.zip": last.read_bytes(),  # a fourth level: a file
    }


def test_a_nested_archive_over_the_size_limit_is_refused_whole(tmp_path):
    inner = make_zip(tmp_path / "inner.zip", {"a.txt": PAGE * 40})
    outer = make_tar(tmp_path / "outer.tar", {"inner.zip": inner.read_bytes()}, "w")
    assert read_all(outer, limits=Limits(max_bytes=len(PAGE) * 10)) == {
        f"{outer}!inner.zip!a.txt": "E104"
    }
    assert read_all(outer, limits=Limits(max_bytes=100)) == {f"{outer}!inner.zip": "E104"}


@pytest.mark.parametrize("maker", [make_zip, make_tar])
def test_decompression_bombs_are_refused_and_the_rest_go_on(tmp_path, maker):
    name = "bomb.zip" if maker is make_zip else "bomb.tar.gz"
    path = maker(tmp_path / name, {"ok.txt": PAGE, "bomb.txt": b"0" * 2**20, "z.txt": OTHER})
    ratio = Limits(max_ratio=50, ratio_floor=4096)
    assert read_all(path, limits=ratio) == {
        f"{path}!ok.txt": PAGE,
        f"{path}!bomb.txt": "E108",
        f"{path}!z.txt": OTHER,
    }
    small = Limits(max_bytes=2**16)
    assert read_all(path, limits=small)[f"{path}!bomb.txt"] == "E104"


def test_a_zip_that_lies_about_its_sizes_is_still_capped(tmp_path):
    path = make_zip(tmp_path / "lies.zip", {"big.txt": b"x" * 5000})
    data = bytearray(path.read_bytes())
    for marker in (b"PK\x03\x04", b"PK\x01\x02"):  # declared size 5000 → 10 in both headers
        at = data.index(marker) + (22 if marker == b"PK\x03\x04" else 24)
        data[at : at + 4] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    (code,) = read_all(path, limits=Limits(max_bytes=100)).values()
    assert code in {"E104", "E109"}


@pytest.mark.parametrize(
    ("maker", "name", "per_member"), [(make_zip, "a.zip", len(PAGE)), (make_tar, "a.tar", 1024)]
)
def test_an_archive_past_its_total_limit_stops(tmp_path, maker, name, per_member):
    path = maker(tmp_path / name, {f"{n:03}.txt": PAGE for n in range(30)})
    result = read_all(path, limits=Limits(max_total=per_member * 10 + 1))
    assert list(result.values()) == [PAGE] * 10 + ["E108"]  # a tar member takes 1 KiB of stream


def test_a_truncated_tar_keeps_what_was_read_and_reports_the_archive(tmp_path):
    members = {f"{n:03}.txt": PAGE + bytes(str(n), "ascii") for n in range(40)}
    path = make_tar(tmp_path / "cut.tar.gz", members)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    result = read_all(path)
    assert result[str(path)] == "E109"
    read = [source for source, data in result.items() if isinstance(data, bytes)]
    assert read and all(result[s] == members[s.split("!")[1]] for s in read)


@pytest.mark.parametrize("cut", [2, 3, 4, 10])
def test_a_tgz_cut_inside_its_gzip_header_is_one_error_record(tmp_path, cut):
    path = make_tar(tmp_path / "cut.tgz", {"a.txt": PAGE})
    path.write_bytes(path.read_bytes()[:cut])  # 3 bytes: tarfile itself fails with a TypeError
    assert read_all(path) == {str(path): "E109"}


def test_a_truncated_or_fake_zip_is_one_error_record(tmp_path):
    path = make_zip(tmp_path / "cut.zip", {"a.txt": PAGE})
    path.write_bytes(path.read_bytes()[:40])
    junk = tmp_path / "junk.tar.xz"
    junk.write_bytes(b"not an archive at all")
    assert read_all(path, junk) == {str(path): "E109", str(junk): "E109"}


def test_a_zip_from_the_future_or_with_an_unknown_method_is_an_error_record(tmp_path):
    future = bytearray(make_zip(tmp_path / "future.zip", {"a.txt": PAGE}).read_bytes())
    central = future.index(b"PK\x01\x02")
    future[central + 6] = 0xFF  # "version needed to extract": 25.5
    (tmp_path / "future.zip").write_bytes(bytes(future))
    exotic = bytearray(
        make_zip(tmp_path / "exotic.zip", {"a.txt": PAGE, "b.txt": OTHER}).read_bytes()
    )
    for marker, at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # method of the first member
        where = exotic.index(marker) + at
        exotic[where : where + 2] = (99).to_bytes(2, "little")
    (tmp_path / "exotic.zip").write_bytes(bytes(exotic))
    assert read_all(tmp_path / "future.zip", tmp_path / "exotic.zip") == {
        str(tmp_path / "future.zip"): "E109",
        f"{tmp_path / 'exotic.zip'}!a.txt": "E105",
        f"{tmp_path / 'exotic.zip'}!b.txt": OTHER,
    }


def test_missing_archives_and_files_are_unreadable(tmp_path):
    result = read_all(tmp_path / "no.zip", tmp_path / "no.tgz", tmp_path / "no.txt")
    assert set(result.values()) == {"E105"}


def test_jsonl_records_become_inputs_and_a_bad_line_is_one_error(tmp_path):
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": PAGE.decode()}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": 7, "html": "<p>某局工作总结</p>"}, ensure_ascii=False),
        "",
        json.dumps({"id": "both", "text": "x", "html": "y"}),
        json.dumps({"text": "no id"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert read_all(path) == {
        f"{path}#a1": PAGE.decode(),
        f"{path}:2": "E110",
        f"{path}#7": "<p>某局工作总结</p>",
        f"{path}#both": "E110",
        f"{path}:6": "E110",
    }


def test_an_overlong_jsonl_line_is_refused_and_the_next_is_read(tmp_path):
    path = tmp_path / "dump.jsonl"
    long_line = json.dumps({"id": "long", "text": "长" * 5000}, ensure_ascii=False)
    short = json.dumps({"id": "short", "text": "短文"}, ensure_ascii=False)
    path.write_text(long_line + "\n" + short + "\n", encoding="utf-8")
    assert read_all(path, limits=Limits(max_bytes=100)) == {
        f"{path}:1": "E104",
        f"{path}#short": "短文",
    }


def test_a_big_tar_streams_through_lazily_in_constant_memory(tmp_path, monkeypatch):
    members = {f"m{n:05}.txt": PAGE for n in range(20000)}
    path = make_tar(tmp_path / "big.tar.gz", members)
    counters: list[archives_module._Counted] = []
    real = archives_module._Counted
    monkeypatch.setattr(
        archives_module, "_Counted", lambda raw: counters.append(real(raw)) or counters[-1]
    )
    items = iter_inputs([path])
    assert next(items).read() == PAGE
    assert counters[0].consumed < path.stat().st_size / 4  # the first member came early
    tracemalloc.start()
    read = sum(len(item.read()) > 0 for item in itertools.islice(items, len(members) - 2))
    held = tracemalloc.get_traced_memory()[0]  # the iterator is still open on the last member
    tracemalloc.stop()
    assert read == len(members) - 2
    assert held < 2**20  # 20,000 headers kept in a list would hold about 12 MB


@pytest.fixture(scope="module")
def archives(tmp_path_factory) -> dict[str, bytes]:
    """A zip, a tar.gz and a plain tar of six pages and a binary member, as bytes."""
    root = tmp_path_factory.mktemp("archives")
    members = {f"d/{n}.txt": PAGE * (n + 1) for n in range(6)} | {"x.bin": bytes(range(256))}
    return {
        "a.zip": make_zip(root / "a.zip", members).read_bytes(),
        "a.tar.gz": make_tar(root / "a.tar.gz", members).read_bytes(),
        "a.tar": make_tar(root / "a.tar", members, "w").read_bytes(),
    }


@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(["a.zip", "a.tar.gz", "a.tar"]),
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=8),
    keep=st.floats(0, 1),
)
def test_a_damaged_archive_never_raises_past_its_error_records(
    archives, tmp_path_factory, name, flips, keep
):
    data = bytearray(archives[name])
    for where, byte in flips:
        data[int(where * len(data))] = byte
    path = tmp_path_factory.getbasetemp() / name
    path.write_bytes(bytes(data[: max(1, int(keep * len(data)))]))
    for source, result in read_all(path).items():  # nothing but data and error codes
        assert source.startswith(str(path))
        assert isinstance(result, bytes) or result.startswith("E1")
