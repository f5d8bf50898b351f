namespace Autonet.Training.Evaluation;

/// <summary>
/// Eigenvalues of a real symmetric matrix by the cyclic Jacobi method (Golub &amp; Van Loan §8.5): slow (O(D^3) a sweep)
/// but simple and accurate, which is all the collapse metrics need for D of a few hundred. Not for large matrices.
/// </summary>
internal static class SymmetricEigenvalues
{
    public static double[] Compute(double[,] matrix, int maxSweeps = 60)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        for (var sweep = 0; sweep < maxSweeps; sweep++)
        {
            double offDiagonal = 0, diagonal = 0;
            for (var p = 0; p < n; p++)
            {
                diagonal += a[p, p] * a[p, p];
                for (var q = p + 1; q < n; q++)
                {
                    offDiagonal += a[p, q] * a[p, q];
                }
            }

            if (offDiagonal <= 1e-22 * Math.Max(diagonal, 1e-300))
            {
                break;
            }

            for (var p = 0; p < n - 1; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    Rotate(a, n, p, q);
                }
            }
        }

        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = a[i, i];
        }

        Array.Sort(values);
        Array.Reverse(values);
        return values;
    }

    private static void Rotate(double[,] a, int n, int p, int q)
    {
        var apq = a[p, q];
        if (Math.Abs(apq) < 1e-300)
        {
            return;
        }

        // Choose the rotation that zeroes a[p, q] (Golub & Van Loan Alg. 8.5.1, the smaller angle).
        var theta = (a[q, q] - a[p, p]) / (2 * apq);
        var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
        var c = 1 / Math.Sqrt((t * t) + 1);
        var s = t * c;
        for (var k = 0; k < n; k++)
        {
            var akp = a[k, p];
            var akq = a[k, q];
            a[k, p] = (c * akp) - (s * akq);
            a[k, q] = (s * akp) + (c * akq);
        }

        for (var k = 0; k < n; k++)
        {
            var apk = a[p, k];
            var aqk = a[q, k];
            a[p, k] = (c * apk) - (s * aqk);
            a[q, k] = (s * apk) + (c * aqk);
        }
    }
}
