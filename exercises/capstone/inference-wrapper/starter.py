"""An inference wrapper for the exported pet classifier.

1. load_model(path): load the TorchScript file at path with torch.jit.load
   (map_location="cpu"), put it in eval mode and return it. A scripted
   module keeps the training flag it was saved with, and the checker's file
   was saved in training mode.

2. preprocess(images, resize=256, crop=224): images is a non-empty list of
   uint8 RGB tensors of shape (3, H, W), of any sizes. For each image:
   convert to float32 (values 0-255); resize with
   torch.nn.functional.interpolate(x[None], size, mode="bilinear",
   align_corners=False) so that the shorter side becomes `resize` and the
   longer int(resize * long / short) (truncated, as torchvision's Resize
   does; a square stays square); crop the centre crop x crop, starting at
   row int(round((new_h - crop) / 2)) and column int(round((new_w - crop) / 2))
   (Python's round, as torchvision's center_crop does: 2.5 gives 2). Then
   stack, divide by 255 and normalise each channel c with the ImageNet
   statistics, (x - IMAGENET_MEAN[c]) / IMAGENET_STD[c]. Return a float32
   tensor of shape (N, 3, crop, crop). Raise ValueError for an empty list,
   crop > resize, or an image that is not a uint8 tensor of shape (3, H, W).

3. predict(model, classes, images, k=5, resize=256, crop=224): preprocess
   the images as one batch, run the model under torch.inference_mode(), take
   the softmax over the classes, and return one list per image of the k most
   probable (classes[i], probability) pairs, probability a Python float, most
   probable first, equal probabilities in increasing class index. Raise
   ValueError unless 1 <= k <= len(classes).

The checker compares the probabilities with those of the eager model in eval
mode, to within 1e-5.
"""

import torch
import torch.nn.functional as F

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def load_model(path):
    """The TorchScript module saved at path, on the CPU, in eval mode."""
    raise NotImplementedError("load_model is not written yet")


def preprocess(images, resize=256, crop=224):
    """A float32 batch (N, 3, crop, crop) from a list of uint8 (3, H, W) RGB tensors."""
    raise NotImplementedError("preprocess is not written yet")


def predict(model, classes, images, k=5, resize=256, crop=224):
    """For each image, the k most probable (label, probability) pairs."""
    raise NotImplementedError("predict is not written yet")
