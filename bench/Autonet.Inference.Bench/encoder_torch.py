# The PyTorch peer of bench/Autonet.Inference.Bench: the text JEPA's target encoder forward as `/v1/embeddings` runs it
# (byte-token embedding + fixed 1D sin-cos positions, pre-norm blocks with tanh GELU, final LayerNorm, mean pool over
# the text's tokens), built from the weights in our safetensors file (read with struct + json + torch.frombuffer, no
# safetensors package), under torch.inference_mode with the same thread count. The C# driver passes the token ids.
# Prints "torch check: x0 x1 x2 x3 norm" (the first embedding, for the driver to compare) and one
# "torch batch B embeddings/s: X" line per batch size.
# Usage: /usr/bin/python3 encoder_torch.py MODEL.safetensors THREADS IDS(comma-separated) BATCH...
import json, math, struct, sys, time
import torch
import torch.nn.functional as F

path, threads, ids = sys.argv[1], int(sys.argv[2]), [int(i) for i in sys.argv[3].split(',')]
batches = [int(b) for b in sys.argv[4:]]
torch.set_num_threads(threads)

with open(path, 'rb') as f:
    raw = f.read()
(n,) = struct.unpack('<Q', raw[:8])
header = json.loads(raw[8:8 + n])
data = raw[8 + n:]
config = json.loads(header['__metadata__']['autonet.manifest'])['config']
assert config['modality'] == 'text', config['modality']
prefix = 'target.encoder.'
weights = {}
for name, info in header.items():
    if name.startswith(prefix):
        b, e = info['data_offsets']
        weights[name[len(prefix):]] = torch.frombuffer(bytearray(data[b:e]), dtype=torch.float32).reshape(info['shape'])
C, H, depth, T = config['width'], config['heads'], config['depth'], len(ids)

def sincos(tokens, channels):  # Autonet.Tensors.Ops.SinCos.OneD: [sin(p w_i) | cos(p w_i)], w_i = 10000^(-i / (C/2))
    half = channels // 2
    w = 10000.0 ** (-torch.arange(half, dtype=torch.float64) / half)
    a = torch.arange(tokens, dtype=torch.float64)[:, None] * w[None, :]
    return torch.cat([a.sin(), a.cos()], dim=1).float()

positions = sincos(T, C)

def layer_norm(x, name):
    return F.layer_norm(x, (C,), weights[name + '.weight'], weights[name + '.bias'], eps=1e-5)

def linear(x, name):
    return F.linear(x, weights[name + '.weight'], weights[name + '.bias'])

def embed(tokens):  # (B, T) ids -> (B, C)
    B = tokens.shape[0]
    x = weights['tok_embed.weight'][tokens] + positions
    for l in range(depth):
        p = f'blocks.{l}'
        q, k, v = linear(layer_norm(x, p + '.norm1'), p + '.attn.qkv').reshape(B, T, 3, H, C // H).permute(2, 0, 3, 1, 4)
        a = ((q @ k.transpose(-2, -1)) * (C // H) ** -0.5).softmax(dim=-1)
        x = x + linear((a @ v).transpose(1, 2).reshape(B, T, C), p + '.attn.proj')
        x = x + linear(F.gelu(linear(layer_norm(x, p + '.norm2'), p + '.mlp.fc1'), approximate='tanh'), p + '.mlp.fc2')
    return layer_norm(x, 'norm').mean(dim=1)

with torch.inference_mode():
    first = embed(torch.tensor([ids]))[0]
    print('torch check: ' + ' '.join(f'{v:.6f}' for v in first[:4].tolist()) + f' {first.norm().item():.6f}')
    for batch in batches:
        tokens = torch.tensor([ids] * batch)
        embed(tokens)  # warm-up
        done, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < 1.5:
            embed(tokens)
            done += batch
        print(f'torch batch {batch} embeddings/s: {done / (time.perf_counter() - t0):.2f}')
