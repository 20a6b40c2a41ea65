#!/usr/bin/python3
"""Write the small committed fixtures of tests/data/arrays/ with numpy.

Run by a person to regenerate them, never by the build or the tests
(Debian: apt-get install python3-numpy):

    /usr/bin/python3 scripts/make_array_fixtures.py

x.npy, w.npy        the source question's upsampling example (TF layouts:
                    x NHWC [1, 3, 3, 1], w HWOI [2, 2, 1, 1]), float32
savez.npz           np.savez(x=x, **{"decoder.weight": w})           (stored)
savez_compressed.npz  np.savez_compressed(x=x, w=w as float64)      (deflated)
ankle-boot.png, ankle-boot.npy  a Fashion-MNIST image (assets/fashion-mnist,
                    MIT, licence in LICENSE beside them) as the PNG and as
                    uint8 NHWC [1, 28, 28, 1], for --input-image against --input
model.safetensors   x as F32, w as F16, plus "w_bf16" (BF16), "x_i64" (I64)
                    and "w_u8" (U8), written by write_safetensors below.

python3-safetensors is not in Debian, so the .safetensors file follows the
published format directly (huggingface.co/docs/safetensors): an unsigned
64-bit little-endian header length N, N bytes of JSON mapping each name to
{"dtype", "shape", "data_offsets": [begin, end]} (offsets into the data that
follows, in header order), padded with spaces to a multiple of 8, then the
tensors' little-endian bytes in C order.
"""
import json
import os
import shutil
import struct

import numpy as np

DTYPES = {np.float32: "F32", np.float16: "F16", np.float64: "F64", np.int32: "I32",
          np.int64: "I64", np.uint8: "U8"}


def bf16_bytes(a):
    """bfloat16 is the top 16 bits of float32 (exact for these values)."""
    bits = np.asarray(a, np.float32).view(np.uint32) >> 16
    return bits.astype("<u2").tobytes()


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, (dtype, shape, data) in tensors.items():
        header[name] = {"dtype": dtype, "shape": list(shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "arrays")
    os.makedirs(out, exist_ok=True)
    x = np.array([[0, 0, 1.5], [0, 1, 0], [0, 0, 0]], np.float32).reshape(1, 3, 3, 1)
    w = np.array([[1, 2], [3, 4]], np.float32).reshape(2, 2, 1, 1)
    np.save(os.path.join(out, "x.npy"), x)
    np.save(os.path.join(out, "w.npy"), w)
    np.savez(os.path.join(out, "savez.npz"), x=x, **{"decoder.weight": w})
    np.savez_compressed(os.path.join(out, "savez_compressed.npz"), x=x, w=w.astype(np.float64))

    def entry(a):
        a = np.ascontiguousarray(a)
        return DTYPES[a.dtype.type], a.shape, a.astype(a.dtype.newbyteorder("<")).tobytes()

    assets = os.path.join(out, "..", "..", "..", "assets", "fashion-mnist")
    boot = np.load(os.path.join(assets, "ankle-boot.npy"))
    np.save(os.path.join(out, "ankle-boot.npy"), boot.reshape(1, 28, 28, 1))
    shutil.copyfile(os.path.join(assets, "ankle-boot.png"), os.path.join(out, "ankle-boot.png"))
    shutil.copyfile(os.path.join(assets, "LICENSE"), os.path.join(out, "LICENSE"))

    write_safetensors(os.path.join(out, "model.safetensors"), {
        "x": entry(x),
        "w": entry(w.astype(np.float16)),
        "w_bf16": ("BF16", w.shape, bf16_bytes(w)),
        "x_i64": entry((x * 2).astype(np.int64)),
        "w_u8": entry(w.astype(np.uint8)),
    })


if __name__ == "__main__":
    main()
