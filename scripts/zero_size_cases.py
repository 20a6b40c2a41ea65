#!/usr/bin/env python3
"""Write tests/data/reference/zero_size.json: the layers with an empty (0-sized)
dimension that TensorFlow and PyTorch accept, with their results, and some they
refuse.

The TF cases are TensorFlow's own tests (tensorflow/python/kernel_tests/nn_ops/
conv_ops_test.py; each case names its test in `source`), whose expected values
are written there: zeros or an empty tensor. Their filters are np.arange(1, n+1)
as those tests make them. The PyTorch cases are computed here by PyTorch (the
Debian package python3-torch, 1.13), so run this with the system python3.

    /usr/bin/python3 scripts/zero_size_cases.py > tests/data/reference/zero_size.json
"""
import json

import numpy as np
import torch
import torch.nn.functional as F

TF_TESTS = "TensorFlow conv_ops_test.py "


def arange(shape):
    return np.arange(1, int(np.prod(shape)) + 1, dtype=np.float32).reshape(shape)


def tensor(a, layout):
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), "layout": layout,
            "data": [int(v) if float(v).is_integer() else float(v) for v in a.ravel()]}


def case(name, op, conv, desc, params, derived, tensors, expected, source, verified, tags):
    c = {"name": name, "op": op, "convention": conv, "dtype": "float32", "exact": True,
         "tolerance": {"rtol": 0, "atol": 0}, "desc": desc, "tags": ["zero_size"] + tags,
         "params": params}
    if derived is not None:
        c["derived"] = derived
    c["tensors"] = tensors
    if isinstance(expected, dict) and "exit_status" in expected:
        c["expected_error"] = expected
    else:
        c["expected"] = expected
    c["expected_source"] = "tensorflow" if conv == "tf" else "torch"
    c["source"] = source
    c["verified_by"] = verified
    return c


def fwd(oh, ow, pt=0, pb=0, pl=0, pr=0):
    return {"out_h": oh, "out_w": ow, "pad_top": pt, "pad_bottom": pb, "pad_left": pl,
            "pad_right": pr}


def tf_cases():
    out = []
    # The degenerate case: d_out has width 0 (a width-1 input under a width-3
    # kernel at stride 2, VALID); the input gradient is zeros.
    out.append(case(
        "tf_zero_bpi_degenerate", "conv2d_backprop_input", "tf",
        "N=3 Cin=2 Cout=3 inp=1x1 k=1x3 s=1x2 pad=VALID out=1x0",
        {"input_sizes": [3, 1, 1, 2], "strides": [1, 2], "padding": "VALID", "dilations": [1, 1]},
        fwd(1, 0),
        {"filter": tensor(arange([1, 3, 2, 3]), "HWIO"),
         "d_out": tensor(np.zeros([3, 1, 0, 3]), "NHWC")},
        tensor(np.zeros([3, 1, 1, 2]), "NHWC"),
        TF_TESTS + "testConv2DBackpropInputDegenerateBackpropInput", ["tensorflow"],
        ["empty_width"]))
    # The same layer as conv2d_transpose (TF's conv2d_transpose is that op).
    out.append(case(
        "tf_zero_convT_degenerate", "conv2d_transpose", "tf",
        "N=3 Cin=3 Cout=2 inp=1x0 k=1x3 s=1x2 pad=VALID out=1x1",
        {"output_shape": [3, 1, 1, 2], "strides": [1, 2], "padding": "VALID",
         "dilations": [1, 1]},
        {"out_h": 1, "out_w": 1, "full_h": 1, "full_w": 0, "crop_top": 0, "crop_bottom": 0,
         "crop_left": 0, "crop_right": -1},
        {"input": tensor(np.zeros([3, 1, 0, 3]), "NHWC"),
         "filter": tensor(arange([1, 3, 2, 3]), "HWOI")},
        tensor(np.zeros([3, 1, 1, 2]), "NHWC"),
        TF_TESTS + "testConv2DBackpropInputDegenerateBackpropInput, as tf.nn.conv2d_transpose",
        ["tensorflow"], ["empty_width"]))
    out.append(case(
        "tf_zero_conv2d_batch0", "conv2d", "tf", "N=0 Cin=3 Cout=3 inp=2x3 k=1x1 pad=VALID",
        {"strides": [1, 1], "padding": "VALID", "dilations": [1, 1]}, fwd(2, 3),
        {"input": tensor(np.zeros([0, 2, 3, 3]), "NHWC"),
         "filter": tensor(arange([1, 1, 3, 3]), "HWIO")},
        tensor(np.zeros([0, 2, 3, 3]), "NHWC"), TF_TESTS + "testConv2DEmpty", ["tensorflow"],
        ["batch0"]))
    out.append(case(
        "tf_zero_conv2d_batch0_dilated", "conv2d", "tf",
        "N=0 Cin=3 Cout=3 inp=2x3 k=1x1 d=2x1 pad=VALID",
        {"strides": [1, 1], "padding": "VALID", "dilations": [2, 1]}, fwd(2, 3),
        {"input": tensor(np.zeros([0, 2, 3, 3]), "NHWC"),
         "filter": tensor(arange([1, 1, 3, 3]), "HWIO")},
        tensor(np.zeros([0, 2, 3, 3]), "NHWC"), TF_TESTS + "testConv2DEmptyDilation",
        ["tensorflow"], ["batch0", "dilated"]))
    out.append(case(
        "tf_zero_bpf_batch0", "conv2d_backprop_filter", "tf",
        "N=0 Cin=1 Cout=1 inp=2x3 k=2x2 pad=VALID out=1x2",
        {"filter_sizes": [2, 2, 1, 1], "strides": [1, 1], "padding": "VALID",
         "dilations": [1, 1]}, fwd(1, 2),
        {"input": tensor(np.zeros([0, 2, 3, 1]), "NHWC"),
         "d_out": tensor(np.zeros([0, 1, 2, 1]), "NHWC")},
        tensor(np.zeros([2, 2, 1, 1]), "HWIO"),
        TF_TESTS + "testConv2DBackpropFilterWithEmptyInput", ["tensorflow"], ["batch0"]))
    out.append(case(
        "tf_zero_bpf_no_out_channels", "conv2d_backprop_filter", "tf",
        "N=1 Cin=1 Cout=0 inp=2x3 k=2x2 pad=VALID out=1x2",
        {"filter_sizes": [2, 2, 1, 0], "strides": [1, 1], "padding": "VALID",
         "dilations": [1, 1]}, fwd(1, 2),
        {"input": tensor(arange([1, 2, 3, 1]), "NHWC"),
         "d_out": tensor(np.zeros([1, 1, 2, 0]), "NHWC")},
        tensor(np.zeros([2, 2, 1, 0]), "HWIO"), TF_TESTS + "testConv2DEmptyBackpropFilter",
        ["tensorflow"], ["empty_channels"]))
    # A window wider than the input by a stride or more: TF's size is negative.
    out.append(case(
        "tf_zero_err_negative_size", "conv2d", "tf", "N=1 Cin=1 Cout=1 inp=1x1 k=1x5 pad=VALID",
        {"strides": [1, 1], "padding": "VALID", "dilations": [1, 1]}, None,
        {"input": tensor(arange([1, 1, 1, 1]), "NHWC"),
         "filter": tensor(arange([1, 5, 1, 1]), "HWIO")},
        {"kind": "negative_output_size", "exit_status": 1,
         "rule": "(in - k_eff + s) / s, truncated, must be >= 0: (1 - 5 + 1) / 1 = -3",
         "refused_by": {"tensorflow": "Computed output size would be negative: -3"}},
        "TensorFlow GetWindowedOutputSize (tensorflow/core/framework/kernel_shape_util.cc)",
        ["tensorflow"], ["error"]))
    return out


def torch_cases():
    out = []
    w = torch.from_numpy(arange([3, 2, 3, 3]))
    x = torch.zeros(0, 2, 4, 4)
    y = F.conv2d(x, w)
    out.append(case(
        "torch_zero_conv2d_batch0", "conv2d", "torch", "N=0 Cin=2 Cout=3 inp=4x4 k=3x3",
        {"stride": [1, 1], "padding": [0, 0], "dilation": [1, 1], "groups": 1}, fwd(2, 2),
        {"input": tensor(x, "NCHW"), "filter": tensor(w, "OIHW")}, tensor(y, "NCHW"),
        "torch", ["torch"], ["batch0"]))
    wt = torch.from_numpy(arange([2, 1, 2, 2]))
    xt = torch.zeros(0, 2, 3, 3)
    yt = F.conv_transpose2d(xt, wt, stride=2)
    out.append(case(
        "torch_zero_convT_batch0", "conv2d_transpose", "torch",
        "N=0 Cin=2 Cout=1 inp=3x3 k=2x2 s=2x2 out=6x6",
        {"stride": [2, 2], "padding": [0, 0], "output_padding": [0, 0], "dilation": [1, 1],
         "groups": 1},
        {"out_h": 6, "out_w": 6, "full_h": 6, "full_w": 6, "crop_top": 0, "crop_bottom": 0,
         "crop_left": 0, "crop_right": 0},
        {"input": tensor(xt, "NCHW"), "filter": tensor(wt, "IOHW")}, tensor(yt, "NCHW"),
        "torch", ["torch"], ["batch0"]))
    dy = torch.zeros(0, 3, 2, 2)
    gi = torch.nn.grad.conv2d_input([0, 2, 4, 4], w, dy)
    out.append(case(
        "torch_zero_bpi_batch0", "conv2d_backprop_input", "torch",
        "N=0 Cin=2 Cout=3 inp=4x4 k=3x3 out=2x2",
        {"input_size": [0, 2, 4, 4], "stride": [1, 1], "padding": [0, 0], "dilation": [1, 1],
         "groups": 1}, fwd(2, 2),
        {"filter": tensor(w, "OIHW"), "d_out": tensor(dy, "NCHW")}, tensor(gi, "NCHW"),
        "torch", ["torch", "torch:nn_grad_conv2d_input"], ["batch0"]))
    gw = torch.nn.grad.conv2d_weight(x, [3, 2, 3, 3], dy)
    out.append(case(
        "torch_zero_bpf_batch0", "conv2d_backprop_filter", "torch",
        "N=0 Cin=2 Cout=3 inp=4x4 k=3x3 out=2x2",
        {"weight_size": [3, 2, 3, 3], "stride": [1, 1], "padding": [0, 0], "dilation": [1, 1],
         "groups": 1}, fwd(2, 2),
        {"input": tensor(x, "NCHW"), "d_out": tensor(dy, "NCHW")}, tensor(gw, "OIHW"),
        "torch", ["torch", "torch:nn_grad_conv2d_weight"], ["batch0"]))
    # PyTorch refuses an empty height or width.
    xe = torch.zeros(1, 2, 0, 4)
    try:
        F.conv_transpose2d(xe, wt)
        raise SystemExit("PyTorch accepted an empty height")
    except RuntimeError as e:
        msg = str(e).splitlines()[0]
    out.append(case(
        "torch_zero_err_empty_height", "conv2d_transpose", "torch",
        "N=1 Cin=2 Cout=1 inp=0x4 k=2x2",
        {"stride": [1, 1], "padding": [0, 0], "output_padding": [0, 0], "dilation": [1, 1],
         "groups": 1}, None,
        {"input": tensor(xe, "NCHW"), "filter": tensor(wt, "IOHW")},
        {"kind": "empty_spatial_input", "exit_status": 1,
         "rule": "only zero batch or zero channel inputs are supported",
         "refused_by": {"torch": msg}}, "torch", ["torch"], ["error"]))
    return out


def main():
    cases = tf_cases() + torch_cases()
    head = {"schema_version": 1, "group": "zero_size", "count": len(cases),
            "generated_by": "scripts/zero_size_cases.py",
            "oracle_versions": {"torch": torch.__version__, "numpy": np.__version__}}
    text = json.dumps(head)[:-1] + ',"cases":[\n'
    text += ",\n".join(json.dumps(c, separators=(",", ":")) for c in cases)
    print(text + "\n]}")


if __name__ == "__main__":
    main()
