"""Coverage-guided fuzzing of the map reader with atheris (libFuzzer for Python).

Any input may give a map or an ArgmapError (with a location where there is one); anything else
(a traceback, a hang past -timeout, memory past -rss_limit_mb) is a crash that libFuzzer saves.

    pip install atheris
    python fuzz/fuzz_loader.py CORPUS_COPY -max_total_time=60 -rss_limit_mb=2048 -timeout=10

libFuzzer adds new inputs to the corpus folder it is given: pass a copy of fuzz/corpus/ (as
.ci/run does), so the committed seed corpus stays as it is.
"""

import sys

import atheris

with atheris.instrument_imports():
    from argmap.errors import ArgmapError
    from argmap.loader import decode, parse
    from argmap.validate import validate


def one_input(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.yaml")
        amap, diagnostics = parse(text, "fuzz.yaml")
        if not any(d.is_error for d in diagnostics):
            validate(amap)
    except ArgmapError:
        pass  # a clear error about the input: the allowed outcome


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
