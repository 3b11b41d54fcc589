"""Coverage-guided fuzzing of every map reader with atheris (libFuzzer for Python).

The first byte of an input picks the reader (argmap YAML, AIF JSON, Argdown JSON, Kialo, brat);
the rest is the file. Any input may give a map or an ArgmapError (with a location where there is
one); anything else (a traceback, a hang past -timeout, memory past -rss_limit_mb) is a crash
that libFuzzer saves.

    pip install atheris
    python fuzz/fuzz_loader.py CORPUS_COPY -max_total_time=60 -rss_limit_mb=2048 -timeout=10

libFuzzer adds new inputs to the corpus folder it is given: pass a copy of fuzz/corpus/ (as
.ci/run does), so the committed seed corpus stays as it is. Seeds are named by the format they
start with: ``y`` YAML, ``a`` AIF, ``d`` Argdown JSON, ``k`` Kialo, ``b`` brat.
"""

import sys

import atheris

with atheris.instrument_imports():
    from argmap.errors import ArgmapError
    from argmap.formats import parse
    from argmap.loader import decode
    from argmap.validate import validate

READERS = {ord("y"): ("yaml", "fuzz.yaml"), ord("a"): ("aif", "fuzz.json"),
           ord("d"): ("argdown-json", "fuzz.json"), ord("k"): ("kialo", "fuzz.txt"),
           ord("b"): ("brat", "fuzz.ann")}


def one_input(data: bytes) -> None:
    fmt, name = READERS.get(data[0], ("yaml", "fuzz.yaml")) if data else ("yaml", "fuzz.yaml")
    try:
        text = decode(data[1:], name)
        amap, diagnostics = parse(text, name, fmt)[:2]
        if not any(d.is_error for d in diagnostics):
            validate(amap)
    except ArgmapError:
        pass  # a clear error about the input: the allowed outcome


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
