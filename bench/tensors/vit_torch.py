# The PyTorch peer for bench/Autonet.Tensors.Bench: the same ViT (28x28, patch 4, width 192, depth 6, 3 heads,
# MLP 4, tanh GELU, fixed 2D sin-cos positions, mean-pool + linear head, cross-entropy), same batch, AdamW,
# same thread count. Prints one line "torch samples/s: X" for the C# driver to parse.
import sys, time, math
import torch
import torch.nn as nn
import torch.nn.functional as F

threads, batch, steps, warmup = (int(a) for a in sys.argv[1:5])
torch.set_num_threads(threads)
torch.manual_seed(0)
W, DEPTH, HEADS, P, S = 192, 6, 3, 4, 28
G = S // P

def sincos_2d(g, c):
    half = c // 2
    def one(pos):
        i = torch.arange(half // 2, dtype=torch.float64)
        w = 10000.0 ** (-i / (half // 2))
        a = pos[:, None].double() * w[None, :]
        return torch.cat([a.sin(), a.cos()], dim=1)
    rows = torch.arange(g).repeat_interleave(g)
    cols = torch.arange(g).repeat(g)
    return torch.cat([one(rows), one(cols)], dim=1).float()

class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1, self.norm2 = nn.LayerNorm(W), nn.LayerNorm(W)
        self.qkv, self.proj = nn.Linear(W, 3 * W), nn.Linear(W, W)
        self.fc1, self.fc2 = nn.Linear(W, 4 * W), nn.Linear(4 * W, W)
    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(self.norm1(x)).reshape(B, T, 3, HEADS, C // HEADS).permute(2, 0, 3, 1, 4)
        a = ((q @ k.transpose(-2, -1)) * (C // HEADS) ** -0.5).softmax(dim=-1)
        x = x + self.proj((a @ v).transpose(1, 2).reshape(B, T, C))
        return x + self.fc2(F.gelu(self.fc1(self.norm2(x)), approximate='tanh'))

class Vit(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch = nn.Conv2d(1, W, P, P)
        self.register_buffer('pos', sincos_2d(G, W))
        self.blocks = nn.ModuleList(Block() for _ in range(DEPTH))
        self.norm, self.head = nn.LayerNorm(W), nn.Linear(W, 10)
    def forward(self, img):
        x = self.patch(img).flatten(2).transpose(1, 2) + self.pos
        for b in self.blocks:
            x = b(x)
        return self.head(self.norm(x).mean(dim=1))

model = Vit()
opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.05)
images = torch.rand(batch, 1, S, S)
labels = torch.randint(0, 10, (batch,))

def step():
    opt.zero_grad(set_to_none=False)
    loss = F.cross_entropy(model(images), labels)
    loss.backward()
    opt.step()
    return loss.item()

for _ in range(warmup):
    step()
t0 = time.perf_counter()
for _ in range(steps):
    loss = step()
dt = time.perf_counter() - t0
print(f"torch loss: {loss:.4f}")
print(f"torch samples/s: {batch * steps / dt:.2f}")
