#!/usr/bin/python3
"""Copy a few Fashion-MNIST test images into assets/fashion-mnist/.

Run by a person to regenerate the committed files, never by the build or the
tests (Debian: apt-get install dataset-fashion-mnist python3-numpy):

    /usr/bin/python3 scripts/fashion_mnist_assets.py

Reads the IDX files of Debian's dataset-fashion-mnist package (MIT licence;
the licence is copied beside the images) and writes, for each picked image,
NAME.npy (uint8 [28, 28], 0..255 as stored) and NAME.png (8-bit grayscale),
so the same picture can be given as an array or as an image
(`tcviz --input-image assets/fashion-mnist/ankle-boot.png`).

IDX format (yann.lecun.com/exdb/mnist): big-endian magic 0x00000803 for
images (then count, rows, cols, uint8 pixels) or 0x00000801 for labels.
"""
import gzip
import os
import shutil
import struct
import sys
import zlib

import numpy as np

SRC = "/usr/share/datasets/fashion-mnist"
LICENCE = "/usr/share/doc/dataset-fashion-mnist/copyright"
CLASSES = ["t-shirt", "trouser", "pullover", "dress", "coat",
           "sandal", "shirt", "sneaker", "bag", "ankle-boot"]
# The first test image of each of these classes.
PICK = ["ankle-boot", "trouser", "sneaker", "bag"]


def read_idx(path, magic):
    with gzip.open(path, "rb") as f:
        data = f.read()
    got, = struct.unpack(">I", data[:4])
    if got != magic:
        sys.exit(f"{path}: magic {got:#x}, expected {magic:#x}")
    if magic == 0x803:
        n, rows, cols = struct.unpack(">III", data[4:16])
        return np.frombuffer(data, np.uint8, n * rows * cols, 16).reshape(n, rows, cols)
    n, = struct.unpack(">I", data[4:8])
    return np.frombuffer(data, np.uint8, n, 8)


def write_png_gray(path, img):
    """A minimal 8-bit grayscale PNG: signature, IHDR, one IDAT, IEND."""
    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff))
    h, w = img.shape
    raw = b"".join(b"\x00" + img[r].tobytes() for r in range(h))  # filter 0 per row
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "fashion-mnist")
    os.makedirs(out, exist_ok=True)
    images = read_idx(f"{SRC}/t10k-images-idx3-ubyte.gz", 0x803)
    labels = read_idx(f"{SRC}/t10k-labels-idx1-ubyte.gz", 0x801)
    for name in PICK:
        i = int(np.argmax(labels == CLASSES.index(name)))
        np.save(os.path.join(out, f"{name}.npy"), images[i])
        write_png_gray(os.path.join(out, f"{name}.png"), images[i])
        print(f"{name}: test image {i}")
    shutil.copyfile(LICENCE, os.path.join(out, "LICENSE"))


if __name__ == "__main__":
    main()
