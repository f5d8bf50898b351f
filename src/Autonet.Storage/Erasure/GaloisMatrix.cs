namespace Autonet.Storage.Erasure;

/// <summary>
/// A small dense matrix over GF(2^8), row-major, for building the encoding matrix and inverting the
/// k x k submatrix of surviving rows. Sizes are at most 256 x 256, so plain Gauss-Jordan is fine.
/// </summary>
internal sealed class GaloisMatrix
{
    private readonly byte[] _cells;

    public GaloisMatrix(int rows, int columns)
    {
        Rows = rows;
        Columns = columns;
        _cells = new byte[rows * columns];
    }

    public int Rows { get; }

    public int Columns { get; }

    public byte this[int row, int column]
    {
        get => _cells[(row * Columns) + column];
        set => _cells[(row * Columns) + column] = value;
    }

    /// <summary>The cells, row-major, as the kernels take them.</summary>
    public ReadOnlySpan<byte> Cells => _cells;

    /// <summary>
    /// The systematic encoding matrix: identity on top (data shards pass through), a Cauchy matrix
    /// below with C[i, j] = 1 / (x_i + y_j), x_i = k + i, y_j = j. Every square submatrix of a Cauchy
    /// matrix is invertible, so any k rows of [I; C] are too: any k shards reconstruct the data (MDS).
    /// </summary>
    public static GaloisMatrix Encoding(int dataShards, int parityShards)
    {
        var matrix = new GaloisMatrix(dataShards + parityShards, dataShards);
        for (var i = 0; i < dataShards; i++)
        {
            matrix[i, i] = 1;
        }

        for (var i = 0; i < parityShards; i++)
        {
            for (var j = 0; j < dataShards; j++)
            {
                // x_i != y_j because x_i >= k > y_j, so the sum (XOR) is never zero.
                matrix[dataShards + i, j] = GaloisField.Inverse((byte)((dataShards + i) ^ j));
            }
        }

        return matrix;
    }

    /// <summary>A new matrix made of the given rows, in order.</summary>
    public GaloisMatrix SelectRows(IReadOnlyList<int> rows)
    {
        var result = new GaloisMatrix(rows.Count, Columns);
        for (var r = 0; r < rows.Count; r++)
        {
            _cells.AsSpan(rows[r] * Columns, Columns).CopyTo(result._cells.AsSpan(r * Columns));
        }

        return result;
    }

    /// <summary>The inverse by Gauss-Jordan elimination on [A | I].</summary>
    /// <exception cref="InvalidOperationException">The matrix is singular.</exception>
    public GaloisMatrix Invert()
    {
        var n = Rows;
        var work = new GaloisMatrix(n, 2 * n);
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                work[r, c] = this[r, c];
            }

            work[r, n + r] = 1;
        }

        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            while (pivot < n && work[pivot, col] == 0)
            {
                pivot++;
            }

            if (pivot == n)
            {
                Errors.Singular();
            }

            work.SwapRows(pivot, col);
            var scale = GaloisField.Inverse(work[col, col]);
            for (var c = 0; c < 2 * n; c++)
            {
                work[col, c] = GaloisField.Mul(work[col, c], scale);
            }

            for (var r = 0; r < n; r++)
            {
                var factor = work[r, col];
                if (r == col || factor == 0)
                {
                    continue;
                }

                for (var c = 0; c < 2 * n; c++)
                {
                    work[r, c] ^= GaloisField.Mul(factor, work[col, c]);
                }
            }
        }

        var inverse = new GaloisMatrix(n, n);
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                inverse[r, c] = work[r, n + c];
            }
        }

        return inverse;
    }

    private void SwapRows(int a, int b)
    {
        if (a == b)
        {
            return;
        }

        for (var c = 0; c < Columns; c++)
        {
            (this[a, c], this[b, c]) = (this[b, c], this[a, c]);
        }
    }
}
