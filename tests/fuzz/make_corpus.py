#!/usr/bin/env python3
"""Writes the seed corpora of the libFuzzer harnesses into tests/fuzz/corpus/<target>/.

Every seed is small and derived: tiny valid files of each format (built here byte by byte, as
the harness expects its input), the error cases the Catch2 suites check, and the TeX of the
lesson files. The lesson files themselves are passed to the fuzzer by scripts/fuzz.sh as they
are. Run: python3 tests/fuzz/make_corpus.py (it replaces the corpus folders it writes)."""

import gzip
import pathlib
import shutil
import struct
import tomllib
import re
import zlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fuzz" / "corpus"


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (folder / name).write_bytes(data)


def reset(target):
    shutil.rmtree(CORPUS / target, ignore_errors=True)
    (CORPUS / target).mkdir(parents=True)


# ---- IDX: flags byte, 2-byte images length, images file, labels file (see fuzz_idx.cpp) --------
def idx_images(count, rows=28, cols=28, magic=0x00000803):
    pixels = bytes((7 * i + 3 * k) % 256 for i in range(count) for k in range(rows * cols))
    return struct.pack(">IIII", magic, count, rows, cols) + pixels


def idx_labels(count, magic=0x00000801):
    return struct.pack(">II", magic, count) + bytes(i % 10 for i in range(count))


def idx_input(images, labels, flags=0):
    return bytes([flags]) + struct.pack(">H", len(images)) + images + labels


def make_idx():
    reset("idx")
    good_images, good_labels = idx_images(2), idx_labels(2)
    for flags, name in [(0, "raw"), (3, "gzip-both"), (1, "gzip-images"), (7, "gzip-named")]:
        write("idx", f"valid-{name}", idx_input(good_images, good_labels, flags))
    # A file gzipped by itself (the harness writes it as it is): the inflater sees real members.
    write("idx", "valid-pregzipped", idx_input(gzip.compress(good_images, mtime=0), gzip.compress(good_labels, mtime=0)))
    two_members = gzip.compress(good_images[:100], mtime=0) + gzip.compress(good_images[100:], mtime=0)
    write("idx", "valid-two-members", idx_input(two_members, good_labels))
    # The error cases of tests/data/idx.test.cpp.
    write("idx", "labels-swapped", idx_input(good_labels, good_images))
    write("idx", "signed-byte", idx_input(idx_images(1, magic=0x00000903), idx_labels(1)))
    write("idx", "zero-images", idx_input(idx_images(0), idx_labels(0)))
    write("idx", "rows-27", idx_input(idx_images(1, rows=27), idx_labels(1)))
    write("idx", "count-mismatch", idx_input(idx_images(2), idx_labels(3)[:-1]))
    write("idx", "truncated-pixels", idx_input(good_images[:-5], good_labels))
    write("idx", "trailing-data", idx_input(good_images, good_labels + b"\x00"))
    write("idx", "label-12", idx_input(good_images, good_labels[:-1] + b"\x0c"))
    write("idx", "huge-count", idx_input(struct.pack(">IIII", 0x803, 0xFFFFFFFF, 28, 28), struct.pack(">II", 0x801, 0xFFFFFFFF)))
    gz = gzip.compress(good_images, mtime=0)
    write("idx", "gzip-truncated", idx_input(gz[: len(gz) // 2], good_labels))
    write("idx", "gzip-corrupt", idx_input(gz[:12] + b"\xff\xff\xff" + gz[15:], good_labels))
    write("idx", "gz-name-not-gzip", idx_input(good_images, good_labels, 4))
    write("idx", "empty", idx_input(b"", b""))


# ---- Kaggle CSV: the whole train.csv ---------------------------------------------------------
def csv_header():
    return "label," + ",".join(f"pixel{k}" for k in range(784))


def csv_row(label, seed):
    return ",".join([str(label)] + [str((seed * 7 + 3 * k) % 256 if k % 5 == 0 else 0) for k in range(784)])


def make_csv():
    reset("kaggle_csv")
    good = csv_header() + "\n" + csv_row(3, 1) + "\n" + csv_row(7, 2) + "\n"
    write("kaggle_csv", "valid", good)
    write("kaggle_csv", "valid-crlf-bom", "\ufeff" + good.replace("\n", "\r\n"))
    write("kaggle_csv", "valid-no-final-newline", good.rstrip("\n"))
    write("kaggle_csv", "valid-blank-lines-at-end", good + "\n\n")
    write("kaggle_csv", "valid-gzip", gzip.compress(good.encode(), mtime=0))
    write("kaggle_csv", "header-only", csv_header() + "\n")
    write("kaggle_csv", "empty", "")
    write("kaggle_csv", "wrong-header", "label,pixel1,pixel0\n1,2,3\n")
    write("kaggle_csv", "pixel-300", csv_header() + "\n" + csv_row(3, 1).replace(",0,", ",300,", 1) + "\n")
    write("kaggle_csv", "label-12", csv_header() + "\n" + "12" + csv_row(3, 1)[1:] + "\n")
    write("kaggle_csv", "short-row", csv_header() + "\n" + csv_row(3, 1).rsplit(",", 1)[0] + "\n")
    write("kaggle_csv", "long-row", csv_header() + "\n" + csv_row(3, 1) + ",0\n")
    write("kaggle_csv", "not-a-number", csv_header() + "\n" + csv_row(3, 1).replace(",0,", ",x,", 1) + "\n")
    write("kaggle_csv", "blank-line-inside", csv_header() + "\n\n" + csv_row(3, 1) + "\n")


# ---- checkpoint: flags byte, then the file without its CRC (see fuzz_checkpoint.cpp) ----------
def checkpoint_payload(sizes, activation=0, init=0, faithful=0, position=0, lesson=b"forward", step=2, history=2):
    hidden = sizes[1:-1]
    p = struct.pack("<II", sizes[0], len(hidden)) + b"".join(struct.pack("<I", h) for h in hidden)
    p += struct.pack("<I", sizes[-1]) + bytes([activation, init, faithful, 0]) + struct.pack("<fQ", 0.1, 42)
    p += struct.pack("<qQd", 5, position, 0.875) + struct.pack("<QI", step, len(lesson)) + lesson
    for l in range(1, len(sizes)):
        rows, cols = sizes[l], sizes[l - 1]
        p += struct.pack("<II", rows, cols) + struct.pack(f"<{rows * cols}f", *[(i % 7 - 3) / 10 for i in range(rows * cols)])
        p += struct.pack("<I", rows) + struct.pack(f"<{rows}f", *[0.0] * rows)
    p += struct.pack("<Q", history)
    for i in range(history):
        p += struct.pack("<qddd", i, 2.3 - i / 10, 0.1 * i, 0.1 * i)
    return p


def checkpoint_body(payload, version=1):
    return b"STEPWISECKPT" + struct.pack("<IQ", version, len(payload)) + payload


def make_checkpoint():
    reset("checkpoint")
    small = checkpoint_body(checkpoint_payload([4, 3, 2]))
    # Flags 3: the harness fixes the length and appends the CRC; flags 0: the input is the file.
    write("checkpoint", "valid-4-3-2", b"\x03" + small)
    write("checkpoint", "valid-4-3-2-own-crc", b"\x00" + small + struct.pack("<I", zlib.crc32(small)))
    write("checkpoint", "valid-deep", b"\x03" + checkpoint_body(checkpoint_payload([5, 4, 3, 3, 2], activation=2, init=2, position=7)))
    write("checkpoint", "valid-784-10-10", b"\x07" + checkpoint_body(checkpoint_payload([784, 10, 10], history=0)))
    write("checkpoint", "wants-784-has-4", b"\x07" + small)
    write("checkpoint", "bad-crc", b"\x00" + small + b"\x00\x00\x00\x00")
    write("checkpoint", "bad-magic", b"\x03" + b"STEPWISEXXXX" + small[12:])
    write("checkpoint", "version-2", b"\x03" + checkpoint_body(checkpoint_payload([4, 3, 2]), version=2))
    write("checkpoint", "truncated", b"\x00" + small[:40])
    # A network of 65536 x 65536 weights whose payload holds none of them.
    huge = checkpoint_payload([4, 3, 2])[16:75]  # after the sizes, up to the end of the lesson id
    huge = struct.pack("<IIII", 65536, 1, 65536, 2) + huge + struct.pack("<II", 65536, 65536)
    write("checkpoint", "huge-layers", b"\x03" + checkpoint_body(huge))
    write("checkpoint", "huge-history", b"\x03" + checkpoint_body(checkpoint_payload([4, 3, 2], history=0)[:-8] + struct.pack("<Q", 1 << 60)))
    write("checkpoint", "activation-9", b"\x03" + checkpoint_body(checkpoint_payload([4, 3, 2], activation=9)))
    write("checkpoint", "empty", b"\x00")


# ---- npy: the whole file ---------------------------------------------------------------------
def npy(descr, shape, data, version=1, fortran=False):
    shape_text = "(" + "".join(f"{n}, " for n in shape).rstrip(" ") + ")" if len(shape) != 1 else f"({shape[0]},)"
    if not shape:
        shape_text = "()"
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, "True" if fortran else "False", shape_text)
    length_size = 2 if version == 1 else 4
    pad = (-(6 + 2 + length_size + len(header) + 1)) % 64
    header = header + " " * pad + "\n"
    length = struct.pack("<H" if version == 1 else "<I", len(header))
    return b"\x93NUMPY" + bytes([version, 0]) + length + header.encode("latin-1") + data


def make_npy():
    reset("npy")
    write("npy", "f4-2x3", npy("<f4", [2, 3], struct.pack("<6f", 1, 2, 3, 4, 5, 6)))
    write("npy", "i8-4", npy("<i8", [4], struct.pack("<4q", 7, 1, 0, 9)))
    write("npy", "f4-0d", npy("<f4", [], struct.pack("<f", 2.5)))
    write("npy", "f4-v2", npy("<f4", [1, 2], struct.pack("<2f", 1, 2), version=2))
    write("npy", "f4-v3", npy("<f4", [2], struct.pack("<2f", 1, 2), version=3))
    write("npy", "f4-empty", npy("<f4", [0, 3], b""))
    write("npy", "fortran", npy("<f4", [2, 2], struct.pack("<4f", 1, 2, 3, 4), fortran=True))
    write("npy", "f8", npy("<f8", [2], struct.pack("<2d", 1, 2)))
    write("npy", "short-data", npy("<f4", [2, 3], struct.pack("<5f", 1, 2, 3, 4, 5)))
    write("npy", "huge-shape", npy("<f4", [1 << 40, 1 << 40], b""))
    write("npy", "bad-magic", b"\x93NUMPX\x01\x00" + b"\x10\x00" + b"{}" + b" " * 13 + b"\n")
    write("npy", "empty", b"")


# ---- settings: the whole settings.toml -------------------------------------------------------
def make_settings():
    reset("settings")
    write("settings", "valid", '# stepwise window settings (written by the program)\ntext_scale = 1.25\nlast_lesson = "forward"\n')
    write("settings", "empty", "")
    write("settings", "scale-too-big", "text_scale = 9.0\n")
    write("settings", "scale-inf", "text_scale = -inf\n")
    write("settings", "scale-text", 'text_scale = "big"\nlast_lesson = 3\n')
    write("settings", "integer-scale", "text_scale = 2\n")
    write("settings", "broken-toml", 'text_scale = = 1\nlast_lesson = "unclosed\n')
    write("settings", "window", 'text_scale = 1.0\nlast_lesson = "forward"\nlast_step = 4\npalette = "viridis"\n'
          "[window]\nx = 100\ny = 50\nwidth = 1280\nheight = 720\n")
    write("settings", "window-off-screen", "[window]\nx = -5000\ny = 99999\nwidth = 4000\nheight = 3000\n")
    write("settings", "window-incomplete", "[window]\nwidth = 1280\nheight = 720\n")
    write("settings", "step-zero", "last_step = 0\n")


# ---- lesson + TeX: the equations and inline math of the lessons, and the parser's error cases --
def make_lesson():
    reset("lesson")
    pieces = set()
    for file in sorted((ROOT / "lessons").glob("*.toml")):
        lesson = tomllib.loads(file.read_text())
        for step in lesson.get("step", []):
            if "equation" in step:
                pieces.add(step["equation"])
            for math in re.findall(r"\$([^$]+)\$", step.get("narration", "")):
                pieces.add(math)
    for i, tex in enumerate(sorted(pieces)):
        write("lesson", f"tex-{i:03d}", tex)
    errors = ["\\foo x", "\\frac{1}", "\\mathrm{ReLU", "\\mathrm ReLU", "\\left( x", "\\left< x \\right)",
              "x \\right)", "a + \\fracc{1}{2}", "\\aplha", "\\Sum_j", "\\frac", "\\mathrm{a^b}", "x^", "x_{",
              "\\left( x^2_i \\right)"]
    for i, tex in enumerate(errors):
        write("lesson", f"tex-error-{i:02d}", tex)
    write("lesson", "toml-error", 'id = "x"\ntitle = \n')
    write("lesson", "minimal", 'id = "tiny"\ntitle = "Tiny"\norder = 1\nsummary = "s"\n\n[[step]]\ntitle = "One"\n'
          'narration = "The product $W^{1} A^{0}$ **runs**."\nexecutes = "forward.z1"\n')
    # Experiments ([step.experiment], issue 11) and the optimizer action, valid and each way wrong.
    step = 'id = "lab"\ntitle = "Lab"\norder = 1\nsummary = "s"\n\n[[step]]\ntitle = "Try"\nnarration = "Run it."\n'
    write("lesson", "experiment", step + '\n  [step.experiment]\n  name = "Width"\n  iterations = 300\n'
          '  runs = ["hidden=10", "hidden=128-64, init=he", "optimizer=adam, label=Adam"]\n'
          '\n  [[step.action]]\n  label = "Momentum"\n  set = "optimizer"\n  value = "momentum"\n')
    broken = {"experiment-no-name": '  iterations = 10\n  runs = [""]\n',
              "experiment-bad-run": '  name = "x"\n  runs = ["hidden=abc"]\n',
              "experiment-too-many": '  name = "x"\n  runs = ["", "", "", "", "", "", ""]\n',
              "experiment-iterations": '  name = "x"\n  iterations = 0\n  runs = [""]\n',
              "experiment-runs-type": '  name = "x"\n  runs = "hidden=10"\n'}
    for name, body in broken.items():
        write("lesson", name, step + "\n  [step.experiment]\n" + body)
    write("lesson", "action-experiment", step + '\n  [[step.action]]\n  label = "x"\n  set = "experiment"\n  value = "y"\n')
    write("lesson", "action-optimizer-bad", step + '\n  [[step.action]]\n  label = "x"\n  set = "optimizer"\n  value = "rmsprop"\n')
    # The glossary beside the lessons, and its malformed lines.
    write("lesson", "glossary.md", (ROOT / "lessons" / "glossary.md").read_text())
    write("lesson", "glossary-bad", "# Glossary\n- **bias** a number\n- ****: x\n- **bias**: twice\n")


# ---- dictionaries: the words a mutation is unlikely to invent ---------------------------------
TEX_COMMANDS = ("! , : ; Delta Sigma alpha approx beta cdot cdots delta epsilon eta exp frac gamma ge gets in "
                "infty lambda ldots le left leftarrow log mathrm max min mu nabla neq odot partial phi pi pm "
                "prime qquad quad right rightarrow sigma sum tanh tau theta times to top varepsilon varphi").split()
LESSON_WORDS = ["id", "title", "order", "summary", "[[step]]", "[[step.show]]", "[step.set]", "narration",
                "executes", "equation", "notes", "highlight", "mode", "view", "tensor", "columns", "cell",
                "caption", "reference", "paper", "right", "paper_faithful", "label", "set", "value", "alpha",
                "init", "activation", "hidden", "reset", "heatmap", "digits", "diagram", "number",
                "accuracy-curve", "compare-paper", "confusion", "dot-product", "equation-shapes",
                "gradient-check", "loss-curve", "predictions", "relu-mask", "weights-as-images",
                "forward.a0", "forward.z1", "forward.a1", "forward.z2", "forward.a2", "loss.y", "loss.ce",
                "backward.dz2", "backward.dw2", "backward.db2", "backward.dz1", "backward.dw1", "backward.db1",
                "update.w1", "update.b1", "update.w2", "update.b2", "A0", "Z1", "A1", "Z2", "A2", "W1", "b1",
                "W2", "b2", "dW1", "dZ2", "[step.experiment]", "runs", "iterations", "name", "optimizer",
                "gd", "sgd", "momentum", "adam", "batch", "symbol:", "[:, j]", "**", "'" * 3, "$", "\\\\"]


# ---- run_spec: `compare --run` strings and lesson experiment runs ---------------------------
def make_run_spec():
    reset("run_spec")
    seeds = {
        "empty": "",
        "hidden": "hidden=10",
        "deep": "hidden=128-64",
        "adam": "optimizer=adam",
        "adam-alpha": "optimizer=adam,alpha=0.001",
        "momentum": "optimizer=momentum,beta=0.9,batch=64",
        "adam-betas": "optimizer=adam,beta1=0.8,beta2=0.99,epsilon=1e-7",
        "everything": "hidden=32,activation=sigmoid,init=he,alpha=1,train=1000,paper=true,label=small set",
        "label-empty": "hidden=128,label=",
        "spaces": " hidden = 10 , , activation = tanh ",
        "unknown-key": "hidden=10,size=3",
        "no-value": "hidden",
        "twice": "alpha=0.1,alpha=0.2",
        "bad-hidden": "hidden=128-",
        "bad-number": "alpha=nan,beta=1,epsilon=-0",
        "huge-train": "train=99999999999999999999",
        "control": "label=a\tb\n",
    }
    for name, text in seeds.items():
        write("run_spec", name, text)


def dict_entry(word):
    """One libFuzzer dictionary line: the word in quotes, with \\, " and non-printables escaped."""
    out = ""
    for byte in word.encode() if isinstance(word, str) else word:
        if byte in (0x5C, 0x22):
            out += "\\" + chr(byte)
        elif 0x20 <= byte < 0x7F:
            out += chr(byte)
        else:
            out += f"\\x{byte:02X}"
    return f'"{out}"'


def dictionary(name, words):
    folder = ROOT / "tests" / "fuzz" / "dict"
    folder.mkdir(exist_ok=True)
    lines = [f"# {name}: written by tests/fuzz/make_corpus.py"] + [dict_entry(w) for w in words]
    (folder / f"{name}.dict").write_text("\n".join(lines) + "\n")


def make_dictionaries():
    dictionary("lesson", LESSON_WORDS + ["\\" + c for c in TEX_COMMANDS] + ["{", "}", "^", "_"])
    dictionary("settings", ["text_scale", "last_lesson", "last_step", "palette", "[window]", "x", "y", "width",
                            "height", "-1048576", "1048576", "nan", "inf", "-inf", "1e308", "=", '"' * 3, "[", "]"])
    dictionary("npy", [b"\x93NUMPY", "'descr'", "'fortran_order'", "'shape'", "<f4", "<i8", "<f8", "|u1",
                       "True", "False", "(", ")", ",)", "{", "}", "\n"])
    dictionary("run_spec", ["hidden=", "activation=", "init=", "alpha=", "optimizer=", "batch=", "beta=",
                            "beta1=", "beta2=", "epsilon=", "train=", "paper=", "label=", "relu", "sigmoid", "none",
                            "tanh", "uniform", "positive", "he", "gd", "sgd", "momentum", "adam", "true",
                            "false", "128-64", "1e-8", "nan", "inf", ","])
    dictionary("kaggle_csv", ["label,", "pixel", "pixel783", "255", "256", "\r\n", "\ufeff"])


if __name__ == "__main__":
    make_dictionaries()
    make_idx()
    make_csv()
    make_checkpoint()
    make_npy()
    make_settings()
    make_lesson()
    make_run_spec()
    for folder in sorted(CORPUS.iterdir()):
        files = list(folder.iterdir())
        print(f"{folder.name}: {len(files)} seeds, {sum(f.stat().st_size for f in files)} bytes")
