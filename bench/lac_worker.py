"""Baidu LAC on texts read as a JSON list from stdin; prints words, tags and seconds as JSON.

Run by bench/entities_vs_jieba.py in the interpreter named by LAC_PYTHON (LAC and paddlepaddle
do not install beside the project's own packages: LAC's setup needs setuptools < 70). LAC still
imports ``paddle.fluid``, which paddlepaddle 3 renamed ``paddle.base``: the alias is set here.
"""

from __future__ import annotations

import json
import sys
import time


def _alias_fluid() -> None:
    import paddle
    import paddle.base
    import paddle.base.core

    sys.modules.setdefault("paddle.fluid", paddle.base)
    sys.modules.setdefault("paddle.fluid.core", paddle.base.core)
    paddle.fluid = paddle.base


def main() -> None:
    texts = json.load(sys.stdin)
    _alias_fluid()
    from LAC import LAC

    lac = LAC(mode="lac")
    lac.run(texts[0])  # load the model outside the timing
    started = time.perf_counter()
    results = [lac.run(text) if text else [[], []] for text in texts]
    json.dump({"results": results, "seconds": time.perf_counter() - started}, sys.stdout)


if __name__ == "__main__":
    main()
