/* bench_mnist.h - the source question's MNIST example as a SceneSetup.
 *
 * "Input: MNIST image of 28x28x1; 32 filters of 7x7, W_conv1 [7,7,1,32];
 * activations = conv2d(x, W_conv1, strides 1, SAME) of shape [1,28,28,32];
 * deconv = conv2d_transpose(activations, W_conv1, output_shape=[1,28,28,1],
 * padding='SAME')". Here x is a synthetic handwritten-like "7" and W_conv1
 * fixed pseudo-random weights, so the example needs no data files; the
 * activations are computed by the core. The biggest layer the window is
 * asked to play at interactive speed: `tcviz bench render --example mnist`. */
#ifndef TCVIZ_BENCH_MNIST_H
#define TCVIZ_BENCH_MNIST_H

#include "ui/scene.h"

/* Fill setup (TF convention; input NHWC [1,28,28,32], filter HWOI
 * [7,7,1,32]); free with app_args_free. */
int bench_mnist_setup(SceneSetup *setup, Err *err);

#endif
