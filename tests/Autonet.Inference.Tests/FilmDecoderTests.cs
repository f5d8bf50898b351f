using Autonet.Inference.Decoding;
using Autonet.Tensors;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Ops;

namespace Autonet.Inference.Tests;

public class FilmDecoderTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)] // with the cross-attention to the K-vectors
    [InlineData(0, 2)] // with the aligned slots
    public void Backward_EveryParameterKind_MatchesFiniteDifferences(int attentionHeads, int alignedSlots)
    {
        var decoder = TestModels.Decoder(TestModels.Text(), attentionHeads: attentionHeads, alignedSlots: alignedSlots);
        var c = decoder.Config;
        // FiLM weights (and the attention's output projection) start at zero; give them values so their gradient paths are exercised too.
        var values = decoder.Parameters.Values;
        var noise = FilmTests.Random(values.Length, 9);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] += 0.05f * noise[i];
        }
        const int b = 3;
        var window = Enumerable.Range(0, b * c.Window).Select(i => 4 + (i * 7 % 250)).ToArray();
        var plan = Tensor.From(FilmTests.Random(b * c.PlanFloats, 11), b, c.PlanFloats);
        int[] targets = [10, 200, 2];
        int[] positions = [1, 2, c.K]; // the last reads slot K - 1 and zeros past it
        var arena = new ActivationArena();
        double LossAt()
        {
            arena.Reset();
            return Loss.CrossEntropy(decoder.Forward(window, positions, plan, arena), targets, null);
        }
        decoder.Parameters.ZeroGrads();
        arena.Reset();
        var logits = decoder.Forward(window, positions, plan, arena);
        var dLogits = arena.Take(logits.Shape);
        Loss.CrossEntropy(logits, targets, dLogits);
        decoder.Backward(dLogits, arena);
        var grads = decoder.Parameters.Grads.ToArray();
        foreach (var p in decoder.Parameters.Parameters)
        {
            foreach (var j in new[] { 0, p.Length / 2, p.Length - 1 })
            {
                var i = p.Offset + j;
                var saved = values[i];
                const float h = 1e-2f;
                values[i] = saved + h;
                var up = LossAt();
                values[i] = saved - h;
                var down = LossAt();
                values[i] = saved;
                var numeric = (up - down) / (2 * h);
                Assert.True(Math.Abs(numeric - grads[i]) < 2e-3 + (0.05 * Math.Abs(numeric)), $"{p.Name}[{j}]: analytic {grads[i]}, numeric {numeric}");
            }
        }
    }

    [Fact]
    public void Train_PlanThatNamesTheReply_BeatsZeroedPlan()
    {
        // Two replies that share their first byte; only the plan tells which one follows. A decoder that reads the
        // plan must end well below one that sees zeros, which cannot do better than 1 bit at the second byte.
        var model = TestModels.Text();
        var c = TestModels.Decoder(model).Config;
        var (planA, planB) = (FilmTests.Random(c.PlanFloats, 1), FilmTests.Random(c.PlanFloats, 2));
        var turns = new List<Turn>();
        for (var i = 0; i < 8; i++)
        {
            turns.Add(new Turn(planA, TurnSet.ReplyIds("xaaaa")));
            turns.Add(new Turn(planB, TurnSet.ReplyIds("xbbbb")));
        }
        var options = new DecoderTrainingOptions { Steps = 300, BatchSize = 32, LearningRate = 5e-3f };
        var withPlan = TestModels.Decoder(model);
        var trainer = new DecoderTrainer(withPlan, turns, options);
        while (!trainer.Done)
        {
            trainer.TrainStep();
        }
        var conditioned = BitsPerByte.Measure(withPlan, turns, zeroPlan: false);
        var zeroed = BitsPerByte.Measure(withPlan, turns, zeroPlan: true);
        Assert.True(conditioned < 0.1, $"with the plan: {conditioned} bits per byte");
        Assert.True(zeroed > conditioned + 0.1, $"zeroed {zeroed} vs conditioned {conditioned}");
    }

    [Fact]
    public void Train_AlignedSlotsOfEachByte_ReadTheByteAtItsSlot()
    {
        // Random 6-letter replies whose plan holds, at slot j, a code of reply byte j (what a JEPA's K-vector j
        // predicts). Only the slot at the byte's own index tells the next byte (the window already holds the ones
        // before), so an off-by-one read stays near log2(8) = 3 bits, as the zeroed plan does.
        var model = TestModels.Text();
        var c = TestModels.Decoder(model).Config;
        var codes = Enumerable.Range(0, 8).Select(i => FilmTests.Random(c.D, (ulong)(20 + i))).ToArray();
        var random = new Random(5);
        var turns = new List<Turn>();
        for (var t = 0; t < 64; t++)
        {
            var letters = Enumerable.Range(0, 6).Select(_ => random.Next(8)).ToArray();
            var plan = new float[c.PlanFloats];
            for (var j = 0; j < letters.Length; j++)
            {
                codes[letters[j]].CopyTo(plan, j * c.D);
            }
            turns.Add(new Turn(plan, TurnSet.ReplyIds(new string([.. letters.Select(l => (char)('a' + l))]))));
        }
        var decoder = TestModels.Decoder(model, alignedSlots: 1);
        var trainer = new DecoderTrainer(decoder, turns, new DecoderTrainingOptions { Steps = 300, BatchSize = 32, LearningRate = 5e-3f });
        while (!trainer.Done)
        {
            trainer.TrainStep();
        }
        var conditioned = BitsPerByte.Measure(decoder, turns, zeroPlan: false);
        var zeroed = BitsPerByte.Measure(decoder, turns, zeroPlan: true);
        Assert.True(conditioned < 0.5, $"with the plan: {conditioned} bits per byte");
        Assert.True(zeroed > conditioned + 1.5, $"zeroed {zeroed} vs conditioned {conditioned}");
    }

    [Fact]
    public void Train_PlanDropout_KeepsTheAblationsDraws()
    {
        // With every plan zeroed, dropout changes nothing the decoder sees; its own generator leaves the draws as they
        // were, so the weights come out bit-identical.
        var model = TestModels.Text();
        var c = TestModels.Decoder(model).Config;
        List<Turn> turns = [new(FilmTests.Random(c.PlanFloats, 1), TurnSet.ReplyIds("abcdef")), new(FilmTests.Random(c.PlanFloats, 2), TurnSet.ReplyIds("xyz"))];
        float[] Train(double dropout)
        {
            var decoder = TestModels.Decoder(model);
            var trainer = new DecoderTrainer(decoder, turns, new DecoderTrainingOptions { Steps = 20, BatchSize = 8, ZeroPlan = true, PlanDropout = dropout });
            while (!trainer.Done)
            {
                trainer.TrainStep();
            }
            return decoder.Parameters.Values.ToArray();
        }
        Assert.Equal(Train(0), Train(0.5));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Trainer_PlanDropoutOutsideRange_NamesTheRule(double dropout)
    {
        var decoder = TestModels.Decoder(TestModels.Text());
        var turns = new List<Turn> { new(new float[decoder.Config.PlanFloats], [1, 5, 2]) };
        var e = Assert.Throws<ArgumentException>(() => new DecoderTrainer(decoder, turns, new DecoderTrainingOptions { PlanDropout = dropout }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("must be in [0, 1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_PositionZero_IsRefused()
    {
        var decoder = TestModels.Decoder(TestModels.Text(), alignedSlots: 1);
        var c = decoder.Config;
        var e = Assert.Throws<ArgumentException>(() => decoder.Forward(new int[c.Window], [0], Tensor.Zeros(1, c.PlanFloats), new ActivationArena()));
        Assert.Equal("positions", e.ParamName);
    }

    [Fact]
    public void ConfigParse_AlignedSlotsAboveK_NamesTheRule()
    {
        var e = Assert.Throws<InvalidDataException>(() => DecoderConfig.Parse("""{"k":4,"d":8,"plan_context":4,"aligned_slots":5}"""));
        Assert.Contains("'aligned_slots' = 5 must be 0 (none) or in 1..k (4)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("11")]
    public void ConfigParse_PlanGainOutsideRange_NamesTheRule(string gain)
    {
        var e = Assert.Throws<InvalidDataException>(() => DecoderConfig.Parse($$"""{"k":4,"d":8,"plan_context":4,"plan_gain":{{gain}}}"""));
        Assert.Contains($"'plan_gain' = {gain} must be in (0, 10]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_PlanGain_SetsEveryPlanNormsGainOnly()
    {
        var plan = TestModels.Text();
        var config = TestModels.Decoder(plan, attentionHeads: 4, alignedSlots: 1).Config with { PlanGain = 0.1f };
        var decoder = new FilmDecoder(config, 1);
        foreach (var name in new[] { "plan_norm", "kv_norm", "aligned_norm" })
        {
            Assert.All(decoder.Parameters[$"decoder.{name}.weight"].Value.ToArray(), g => Assert.Equal(0.1f, g));
        }
        Assert.All(decoder.FinalNorm.Gamma.Value.ToArray(), g => Assert.Equal(1f, g));
    }

    [Fact]
    public void Generate_TrainedOnOneReply_WritesIt()
    {
        var model = TestModels.Text();
        var decoder = TestModels.Decoder(model);
        var plan = FilmTests.Random(decoder.Config.PlanFloats, 4);
        var trainer = new DecoderTrainer(decoder, [new Turn(plan, TurnSet.ReplyIds("hello"))], new DecoderTrainingOptions { Steps = 200, BatchSize = 16, LearningRate = 5e-3f });
        while (!trainer.Done)
        {
            trainer.TrainStep();
        }
        var tokens = new Sampler(decoder).Generate(plan, 20, temperature: 0, seed: 1);
        Assert.Equal("hello", Autonet.Data.Text.ByteTokenizer.Decode([.. tokens]));
    }

    [Fact]
    public void Trainer_PlanOfWrongLength_IsRefused()
    {
        var decoder = TestModels.Decoder(TestModels.Text());
        var e = Assert.Throws<ArgumentException>(() => new DecoderTrainer(decoder, [new Turn(new float[3], [1, 5, 2])], new DecoderTrainingOptions()));
        Assert.Equal("turns", e.ParamName);
    }

    [Fact]
    public void SaveLoad_RoundTrip_KeepsWeightsAndPlanModel()
    {
        var decoder = TestModels.Decoder(TestModels.Text());
        var path = Path.Combine(Path.GetTempPath(), $"decoder-{Guid.NewGuid():N}.safetensors");
        try
        {
            DecoderFile.Save(path, decoder, "bafkreitest");
            var (back, plan) = DecoderFile.Load(path);
            Assert.Equal("bafkreitest", plan);
            Assert.Equal(decoder.Config, back.Config);
            Assert.Equal(decoder.Parameters.Values, back.Parameters.Values);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ConfigParse_AttentionHeadsNotDividingHidden_NamesTheRule()
    {
        var e = Assert.Throws<InvalidDataException>(() => DecoderConfig.Parse("""{"k":4,"d":8,"plan_context":4,"hidden":30,"attention_heads":4}"""));
        Assert.Contains("'attention_heads' = 4 must be 0 (none) or in 1..64 and divide hidden 30", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanSpread_PositionOnlyPlans_ZeroContextShare_ContextOnly_All()
    {
        // Two vectors per plan (K = 2, D = 1): the same position pattern in every turn, then the same value at both positions.
        Turn T(float a, float b) => new([a, b], [1, 2]);
        var (context, total) = PlanSpread.Measure([T(-1, 1), T(-1, 1), T(-1, 1)], 2);
        var (context2, total2) = PlanSpread.Measure([T(-3, -3), T(3, 3)], 2);

        Assert.Equal(0, context, 12);
        Assert.Equal(1, total, 12); // variance of {-1, 1} around 0
        Assert.Equal(9, context2, 12);
        Assert.Equal(9, total2, 12);
        Assert.Throws<ArgumentException>(() => PlanSpread.Measure([T(0, 0)], 2));
    }

    [Fact]
    public void ConfigParse_ZeroHidden_NamesTheField()
    {
        var e = Assert.Throws<InvalidDataException>(() => DecoderConfig.Parse("""{"k":4,"d":8,"plan_context":4,"hidden":0}"""));
        Assert.Contains("'hidden' = 0", e.Message, StringComparison.Ordinal);
    }
}
