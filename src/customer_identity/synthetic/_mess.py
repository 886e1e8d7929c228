"""Vectorised helpers: weighted choices, id strings, templates and the record-level mess."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

S = np.dtypes.StringDType()
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def strings(values: Sequence[str] | np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=S)


def choose(rng: np.random.Generator, n: int, weights: Sequence[float]) -> np.ndarray:
    """Indices drawn with the given (unnormalised) weights."""
    w = np.asarray(weights, dtype=float)
    cdf = np.cumsum(w / w.sum())
    cdf[-1] = 1.0
    return np.searchsorted(cdf, rng.random(n), side="right")


def chance(rng: np.random.Generator, n: int, rate: float) -> np.ndarray:
    return rng.random(n) < rate


def digits_matrix(values: np.ndarray, width: int, alphabet: str) -> np.ndarray:
    """Fixed-width base-len(alphabet) spelling of non-negative int64 values."""
    base = len(alphabet)
    v = values.astype(np.uint64)
    cols = np.empty((len(values), width), dtype=np.int64)
    for i in range(width - 1, -1, -1):
        cols[:, i] = (v % base).astype(np.int64)
        v //= base
    chars = np.array(list(alphabet))[cols]
    return np.ascontiguousarray(chars).view(f"<U{width}").ravel().astype(S)


def duplicated(values: np.ndarray) -> np.ndarray:
    """True for every value already seen earlier in the array (hash based, unlike np.unique)."""
    return pd.Series(values.astype(object), copy=False).duplicated().to_numpy()


def unique_ints(rng: np.random.Generator, n: int, high: int) -> np.ndarray:
    """n distinct random integers in [0, high), in random order."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    out = np.unique(rng.integers(0, high, int(n * 1.1) + 16))
    while len(out) < n:
        out = np.unique(np.concatenate([out, rng.integers(0, high, n)]))
    return rng.permutation(out)[:n]


def hex_ids(rng: np.random.Generator, n: int, width: int) -> np.ndarray:
    return digits_matrix(unique_ints(rng, n, 16 ** min(width, 15)), width, "0123456789abcdef")


def alnum_ids(rng: np.random.Generator, n: int, width: int) -> np.ndarray:
    return digits_matrix(unique_ints(rng, n, 62 ** min(width, 10)), width, _ALNUM)


def zpad(values: np.ndarray, width: int) -> np.ndarray:
    return np.strings.zfill(values.astype(np.int64).astype(S), width)


def fill_templates(rng: np.random.Generator, templates: np.ndarray, letters: str) -> np.ndarray:
    """Fill `#` with random digits and `@` with random letters, template by template."""
    out = np.empty(len(templates), dtype=S)
    for tpl in np.unique(templates).tolist():
        rows = np.flatnonzero(templates == tpl)
        chars = np.tile(np.array(list(tpl)), (len(rows), 1))
        for j, ch in enumerate(tpl):
            if ch == "#":
                chars[:, j] = np.array(list("0123456789"))[rng.integers(0, 10, len(rows))]
            elif ch == "@":
                chars[:, j] = np.array(list(letters))[rng.integers(0, len(letters), len(rows))]
        out[rows] = np.ascontiguousarray(chars).view(f"<U{len(tpl)}").ravel()
    return out


def typos(rng: np.random.Generator, values: np.ndarray, rate: float) -> np.ndarray:
    """Insert, delete, substitute or transpose one letter in about `rate` of the values."""
    rows = np.flatnonzero(chance(rng, len(values), rate) & (np.strings.str_len(values) > 2))
    if len(rows) == 0:
        return values
    ops = rng.integers(0, 4, len(rows)).tolist()
    where = rng.random(len(rows)).tolist()
    letters = rng.integers(0, 26, len(rows)).tolist()
    changed = []
    for s, op, w, li in zip(values[rows].tolist(), ops, where, letters, strict=True):
        i = 1 + int(w * (len(s) - 2))  # keep the first letter: people rarely get it wrong
        c = _LOWER[li].upper() if s[i].isupper() else _LOWER[li]
        if op == 0:
            s = s[:i] + c + s[i:]
        elif op == 1:
            s = s[:i] + s[i + 1 :]
        elif op == 2:
            s = s[:i] + c + s[i + 1 :]
        else:
            s = s[: i - 1] + s[i] + s[i - 1] + s[i + 1 :]
        changed.append(s)
    out = values.copy()
    out[rows] = strings(changed)
    return out


def digit_typos(rng: np.random.Generator, values: np.ndarray, rate: float) -> np.ndarray:
    """Change one digit (not the first two characters) in about `rate` of the values."""
    rows = np.flatnonzero(chance(rng, len(values), rate) & (np.strings.str_len(values) > 6))
    if len(rows) == 0:
        return values
    where = rng.random(len(rows)).tolist()
    digit = rng.integers(0, 10, len(rows)).tolist()
    changed = []
    for s, w, d in zip(values[rows].tolist(), where, digit, strict=True):
        pos = [i for i, ch in enumerate(s) if ch.isdigit()][2:]
        if pos:
            i = pos[int(w * len(pos))]
            s = s[:i] + str(d) + s[i + 1 :]
        changed.append(s)
    out = values.copy()
    out[rows] = strings(changed)
    return out


def vary_case(
    rng: np.random.Generator, values: np.ndarray, rate: float, weights=(0.55, 0.35, 0.1)
) -> np.ndarray:
    """UPPER, lower or sWAPPED case (caps lock) for about `rate` of the values."""
    hit = np.flatnonzero(chance(rng, len(values), rate))
    if len(hit) == 0:
        return values
    kind = choose(rng, len(hit), weights)
    out = values.copy()
    for k, fn in enumerate((np.strings.upper, np.strings.lower, np.strings.swapcase)):
        rows = hit[kind == k]
        out[rows] = fn(values[rows])
    return out


def vary_spacing(rng: np.random.Generator, values: np.ndarray, rate: float) -> np.ndarray:
    """Leading, trailing or doubled inner spaces for about `rate` of the values."""
    hit = np.flatnonzero(chance(rng, len(values), rate) & (values != ""))
    if len(hit) == 0:
        return values
    kind = rng.integers(0, 4, len(hit))
    out = values.copy()
    v = values[hit]
    out[hit] = np.where(
        kind == 0,
        " " + v,
        np.where(kind == 1, v + " ", np.where(kind == 2, " " + v + "  ", v)),
    )
    inner = hit[kind == 3]
    out[inner] = np.strings.replace(values[inner], " ", "  ")
    # Values without an inner space get a trailing one instead, so the rate holds.
    same = inner[out[inner] == values[inner]]
    out[same] = values[same] + " "
    return out


def blank(rng: np.random.Generator, values: np.ndarray, rate: float) -> np.ndarray:
    if rate <= 0:
        return values
    out = values.copy()
    out[chance(rng, len(values), rate)] = ""
    return out


def replace_some(
    rng: np.random.Generator, values: np.ndarray, rate: float, pool: Sequence[str]
) -> np.ndarray:
    """Replace about `rate` of the values with a random entry of `pool`."""
    hit = np.flatnonzero(chance(rng, len(values), rate))
    out = values.copy()
    out[hit] = strings(pool)[rng.integers(0, len(pool), len(hit))]
    return out


_IP_FIRST_OCTETS = (24, 47, 50, 66, 67, 68, 69, 71, 72, 73, 74, 75, 76, 96, 97, 98, 99, 104, 107)


def random_ips(rng: np.random.Generator, n: int) -> np.ndarray:
    """Public-looking IPv4 addresses (consumer ISP ranges, no private blocks)."""
    first = np.array(_IP_FIRST_OCTETS)[rng.integers(0, len(_IP_FIRST_OCTETS), n)].astype(S)
    rest = [rng.integers(0, 256, n).astype(S) for _ in range(2)]
    return first + "." + rest[0] + "." + rest[1] + "." + rng.integers(1, 255, n).astype(S)
