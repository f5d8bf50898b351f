# Reads a safetensors file with PyTorch alone (struct + json + torch.frombuffer, no safetensors package), checks
# every tensor's byte range, and prints "tensors N floats M sum S" so the C# benchmark can compare with its arena.
import json, struct, sys
import torch

with open(sys.argv[1], 'rb') as f:
    raw = f.read()
(n,) = struct.unpack('<Q', raw[:8])
header = json.loads(raw[8:8 + n])
data = raw[8 + n:]
tensors, floats, total = 0, 0, 0.0
for name, info in header.items():
    if name == '__metadata__':
        continue
    assert info['dtype'] == 'F32', name
    b, e = info['data_offsets']
    t = torch.frombuffer(bytearray(data[b:e]), dtype=torch.float32).reshape(info['shape'])
    tensors, floats, total = tensors + 1, floats + t.numel(), total + t.double().sum().item()
print(f"tensors {tensors} floats {floats} sum {total:.6f}")
