#!/usr/bin/python3
"""Train the tied-weights autoencoder whose first layer lesson 6 shows.

Run by a person to regenerate the committed files, never by the build or the
tests (Debian: apt-get install python3-torch python3-numpy
dataset-fashion-mnist); a few minutes on two shared cores:

    /usr/bin/python3 scripts/train_autoencoder.py > assets/fashion-mnist/train.log

The model is the source question's layer: 32 filters of 7x7 on 28x28x1
images, SAME padding, stride 1, and a decoder that reuses the same weights:

    h = relu(conv2d(x, W) + b)              # [N, 28, 28, 32]
    y = conv2d_transpose(h, W)              # [N, 28, 28, 1], the same W

trained on Fashion-MNIST's training images (scaled to 0..1) to minimise the
mean squared error of y against x. Writes into assets/fashion-mnist/:

  w_conv1.npy      W in TF's HWIO layout [7, 7, 1, 32] (float32): conv2d's
                   filter, and conv2d_transpose's HWOI [kh, kw, out=1, in=32]
  b_conv1.npy      b [32] (float32)
  activations.npz  h of ankle-boot.png, NHWC [1, 28, 28, 32] (float32, key "h"),
                   written with np.savez_compressed (the ReLU zeros compress)
  reconstruction.npy  y of ankle-boot.png, NHWC [1, 28, 28, 1] (float32)
  ankle-boot-x.npy    x of ankle-boot.png as the model sees it, pixels / 255,
                      [28, 28] (float32)

and prints the loss per epoch and the final reconstruction error.
"""
import gzip
import os
import struct

import numpy as np
import torch
import torch.nn.functional as F

SRC = "/usr/share/datasets/fashion-mnist"
EPOCHS = 2
TRAIN_IMAGES = 2000
BATCH = 100


def read_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n, rows, cols = struct.unpack(">IIII", data[:16])
    assert magic == 0x803, path
    return np.frombuffer(data, np.uint8, n * rows * cols, 16).reshape(n, 1, rows, cols)


def main():
    torch.manual_seed(0)
    torch.set_num_threads(2)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "fashion-mnist")
    train = torch.from_numpy(read_images(f"{SRC}/train-images-idx3-ubyte.gz")[:TRAIN_IMAGES]
                             .astype(np.float32) / 255)
    test = torch.from_numpy(read_images(f"{SRC}/t10k-images-idx3-ubyte.gz")[:1000]
                            .astype(np.float32) / 255)

    # OIHW [32, 1, 7, 7]: PyTorch's conv2d weight, and conv_transpose2d's IOHW.
    w = torch.nn.Parameter(torch.randn(32, 1, 7, 7) * 0.05)
    b = torch.nn.Parameter(torch.zeros(32))
    opt = torch.optim.Adam([w, b], lr=3e-3)

    def model(x):
        h = F.relu(F.conv2d(x, w, b, padding=3))
        return h, F.conv_transpose2d(h, w, padding=3)

    print(f"tied autoencoder, W [7, 7, 1, 32], {TRAIN_IMAGES} training images, "
          f"batch {BATCH}, Adam lr 3e-3, seed 0, torch {torch.__version__}")
    for epoch in range(EPOCHS):
        perm = torch.randperm(len(train))
        total = 0.0
        for i in range(0, len(train), BATCH):
            x = train[perm[i:i + BATCH]]
            loss = F.mse_loss(model(x)[1], x)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(x)
        with torch.no_grad():
            test_loss = F.mse_loss(model(test)[1], test).item()
        print(f"epoch {epoch + 1}: train mse {total / len(train):.6f}, test mse {test_loss:.6f}", flush=True)

    boot = np.load(os.path.join(out, "ankle-boot.npy")).astype(np.float32) / 255
    with torch.no_grad():
        h, y = model(torch.from_numpy(boot).reshape(1, 1, 28, 28))
        print(f"final: test mse {F.mse_loss(model(test)[1], test).item():.6f} on 1000 test images; "
              f"ankle-boot.png mse {F.mse_loss(y, torch.from_numpy(boot).reshape(1, 1, 28, 28)).item():.6f}, "
              f"{int((h > 0).sum())} of {h.numel()} activations > 0")
    hwio = w.detach().numpy().transpose(2, 3, 1, 0).copy()  # OIHW -> HWIO
    np.save(os.path.join(out, "w_conv1.npy"), hwio.astype(np.float32))
    np.save(os.path.join(out, "b_conv1.npy"), b.detach().numpy().astype(np.float32))
    np.savez_compressed(os.path.join(out, "activations.npz"),
                        h=h.numpy().transpose(0, 2, 3, 1).astype(np.float32))  # NCHW -> NHWC
    np.save(os.path.join(out, "ankle-boot-x.npy"), boot)
    np.save(os.path.join(out, "reconstruction.npy"),
            y.numpy().transpose(0, 2, 3, 1).astype(np.float32))


if __name__ == "__main__":
    main()
