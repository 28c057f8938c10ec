package exercise

import (
	"slices"
	"testing"
)

func TestCheckerImports(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"none", "import json\nfrom math import sqrt\n", nil},
		{"plain and from, first appearance order", "from torch import nn\nimport numpy as np\nimport torch\n", []string{"torch", "numpy"}},
		{"indented in a try", "try:\n    import cv2\nexcept ImportError:\n    cv2 = None\n", []string{"cv2"}},
		{"a submodule is imported whole", "import torchvision.models as m\nfrom torch.nn import functional\n", []string{"torchvision.models", "torch.nn"}},
		{"a local module is not preloaded", "import coursecheck\nimport numpy_helpers\n", nil},
		{"comments and strings are not imports", "# import torch\nx = 'import cv2'\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkerImports([]byte(tc.src)); !slices.Equal(got, tc.want) {
				t.Errorf("checkerImports(%q) = %q, want %q", tc.src, got, tc.want)
			}
		})
	}
}
