using Autonet.Tensors.Blas;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Modules;
using Autonet.Tensors.Ops;
using Autonet.Tensors.Optim;

namespace Autonet.Tensors.Tests.Modules;

/// <summary>The README's example: an I-JEPA step composed from the modules (context encoder, EMA target, predictor).</summary>
public class JepaCompositionTests
{
    private static readonly VitConfig Config = new(8, 2, 1, 16, 2, 2, 2); // 16 tokens of width 16

    [Fact]
    public void Step_EncoderAndPredictorGrads_MatchFiniteDifferences()
    {
        var jepa = new TinyJepa(seed: 1);
        var images = Check.RandomTensor(3, 2, 1, 8, 8);
        jepa.Loss(images, backward: true);
        var (grads, predGrads) = (jepa.Online.Grads.ToArray(), jepa.Predictor.Grads.ToArray());
        Check.Gradient(jepa.Online.Values, grads, () => jepa.Loss(images, backward: false));
        Check.Gradient(jepa.Predictor.Values, predGrads, () => jepa.Loss(images, backward: false));
    }

    [Fact]
    public void Training_OneThreadFixedSeed_IsBitIdentical()
    {
        var (degree, threads) = (Parallelism.Degree, Gemm.NativeThreads);
        Parallelism.Degree = 1;
        Gemm.NativeThreads = 1;
        try
        {
            float[] Train()
            {
                var jepa = new TinyJepa(seed: 4);
                var (opt, predOpt) = (new AdamW(jepa.Online), new AdamW(jepa.Predictor));
                var images = Check.RandomTensor(9, 2, 1, 8, 8);
                for (var step = 0; step < 3; step++)
                {
                    jepa.Online.ZeroGrads();
                    jepa.Predictor.ZeroGrads();
                    jepa.Loss(images, backward: true);
                    GradClip.ClipByGlobalNorm(jepa.Online, 1f);
                    opt.Update(1e-2f);
                    predOpt.Update(1e-2f);
                    Ema.Update(jepa.Target, jepa.Online, 0.99f);
                }
                return [.. jepa.Online.Values, .. jepa.Predictor.Values, .. jepa.Target.Values];
            }
            Assert.Equal(Train(), Train());
        }
        finally
        {
            (Parallelism.Degree, Gemm.NativeThreads) = (degree, threads);
        }
    }

    /// <summary>Three arenas: the context encoder (online), its EMA copy (target, same layout) and the predictor.</summary>
    private sealed class TinyJepa
    {
        private readonly int[] _context = [0, 1, 2, 5, 6, 9, 1, 2, 3, 4, 5, 6]; // (B=2, 6) kept patches
        private readonly int[] _targets = [12, 13, 14, 11, 15, 0]; // (B=2, 3) patches to predict
        private readonly ActivationArena _acts = new();
        private readonly VitEncoder _encoder, _targetEncoder;
        private readonly LinearLayer _embed, _out;
        private readonly Parameter _maskToken;
        private readonly TransformerStack _predictor;

        public TinyJepa(int seed)
        {
            Online = new ParameterArena(seed);
            _encoder = new VitEncoder(Online, Config, "enc.");
            Predictor = new ParameterArena(seed + 1);
            _embed = new LinearLayer(Predictor, "pred.embed", 16, 8); // predictor is narrower: width 8
            _maskToken = Predictor.Add("pred.mask_token", [8], Init.TruncNormal02);
            _predictor = new TransformerStack(Predictor, "pred.", 8, 1, 2, 2);
            _out = new LinearLayer(Predictor, "pred.out", 8, 16);
            Target = new ParameterArena(seed);
            _targetEncoder = new VitEncoder(Target, Config, "enc.");
            Target.CopyFrom(Online);
        }

        public ParameterArena Online { get; }

        public ParameterArena Target { get; }

        public ParameterArena Predictor { get; }

        public double Loss(Tensor images, bool backward)
        {
            _acts.Reset();
            var b = images.Shape[0];
            var targetAll = _targetEncoder.Forward(images, _acts); // (B, 16, 16), no backward
            var target = _acts.Take(b, 3, 16);
            Tokens.Gather(targetAll, _targets, target);
            var ctx = _encoder.Forward(images, _acts, _context); // (B, 6, 16)
            var ctxSmall = _embed.Forward(ctx, _acts); // (B, 6, 8)
            var masks = _acts.Take(b, 3, 8); // mask token + target positions
            var pos = SinCos.TwoD(4, 4, 8);
            for (var i = 0; i < b * 3; i++)
            {
                _maskToken.Value.CopyTo(masks.Span.Slice(i * 8, 8));
                System.Numerics.Tensors.TensorPrimitives.Add(masks.Span.Slice(i * 8, 8), pos.Span.Slice(_targets[i] * 8, 8), masks.Span.Slice(i * 8, 8));
            }
            var seq = _acts.Take(b, 9, 8);
            Tokens.Concat(ctxSmall, masks, seq);
            var h = _predictor.Forward(seq, _acts);
            var (hCtx, hMask) = (_acts.Take(b, 6, 8), _acts.Take(b, 3, 8));
            Tokens.Split(h, hCtx, hMask);
            var pred = _out.Forward(hMask, _acts); // (B, 3, 16)
            var dPred = backward ? _acts.Take(pred.Shape) : null;
            var loss = Autonet.Tensors.Ops.Loss.SmoothL1(pred, target, dPred);
            if (dPred != null)
            {
                var dhMask = _out.Backward(dPred, _acts)!;
                hCtx.Span.Clear(); // context outputs carry no loss
                var dh = _acts.Take(h.Shape);
                Tokens.Concat(hCtx, dhMask, dh);
                var dSeq = _predictor.Backward(dh, _acts);
                var (dCtxSmall, dMasks) = (_acts.Take(b, 6, 8), _acts.Take(b, 3, 8));
                Tokens.Split(dSeq, dCtxSmall, dMasks);
                for (var i = 0; i < b * 3; i++)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(_maskToken.Grad, dMasks.Span.Slice(i * 8, 8), _maskToken.Grad);
                }
                _encoder.Backward(_embed.Backward(dCtxSmall, _acts)!, _acts);
            }
            return loss;
        }
    }
}
