using Autonet.Core.Randomness;
using Autonet.Inference.Decoding;
using Autonet.Tensors;

namespace Autonet.Inference.Tests;

public class FilmTests
{
    [Fact]
    public void Forward_RandomInputs_MatchesReference()
    {
        var (x, film) = (Random(3 * 5, 1), Random(3 * 10, 2));
        var y = Tensor.Zeros(3, 5);
        Film.Forward(Tensor.From(x, 3, 5), Tensor.From(film, 3, 10), y);
        var expected = Film.Reference(x, film, 3, 5);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], y.Span[i], 5);
        }
    }

    [Fact]
    public void Backward_RandomInputs_MatchesFiniteDifferences()
    {
        var (x, film, dy) = (Random(2 * 4, 3), Random(2 * 8, 4), Random(2 * 4, 5));
        var (dx, dFilm) = (Tensor.Zeros(2, 4), Tensor.Zeros(2, 8));
        Film.Backward(Tensor.From(x, 2, 4), Tensor.From(film, 2, 8), Tensor.From(dy, 2, 4), dx, dFilm);
        double Objective(float[] xs, float[] fs) => Film.Reference(xs, fs, 2, 4).Select((v, i) => (double)v * dy[i]).Sum();
        const float h = 1e-2f;
        for (var i = 0; i < x.Length; i++)
        {
            var (plus, minus) = ((float[])x.Clone(), (float[])x.Clone());
            (plus[i], minus[i]) = (x[i] + h, x[i] - h);
            Assert.Equal((Objective(plus, film) - Objective(minus, film)) / (2 * h), dx.Span[i], 3);
        }
        for (var i = 0; i < film.Length; i++)
        {
            var (plus, minus) = ((float[])film.Clone(), (float[])film.Clone());
            (plus[i], minus[i]) = (film[i] + h, film[i] - h);
            Assert.Equal((Objective(x, plus) - Objective(x, minus)) / (2 * h), dFilm.Span[i], 3);
        }
    }

    [Fact]
    public void Forward_FilmOfWrongWidth_NamesBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Film.Forward(Tensor.Zeros(2, 4), Tensor.Zeros(2, 4), Tensor.Zeros(2, 4)));
        Assert.Equal("film", e.ParamName);
        Assert.Contains("needs film (2, 8)", e.Message, StringComparison.Ordinal);
    }

    internal static float[] Random(int n, ulong seed)
    {
        var random = new SeededRandom(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (float)random.NextDouble(-1, 1))];
    }
}
