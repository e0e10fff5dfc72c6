namespace Colour2Vec;

/// <summary>
/// Principal component analysis of a modest number of features (colour coordinates, item features, embedding
/// dimensions up to 256), shared by the quality references, item colouring and the drawing plane: the covariance
/// matrix's eigenvectors by cyclic Jacobi rotations, which are exact to rounding for a symmetric matrix and
/// need no iteration count tuned to the data.
/// </summary>
public static class PrincipalComponents
{
    /// <summary>
    /// Centres <paramref name="data"/> (row-major, <paramref name="features"/> per row) and projects it onto
    /// its top <paramref name="dims"/> principal axes, largest variance first. When <paramref name="dims"/> is
    /// at least <paramref name="features"/> nothing is dropped and the centred data are returned as they are
    /// (a rotation would not change any distance). Each axis's sign makes its largest component positive.
    /// </summary>
    public static double[] Project(ReadOnlySpan<double> data, int features, int dims)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dims, 1);
        if (data.Length % features != 0)
        {
            throw new ArgumentException("data must hold a whole number of rows", nameof(data));
        }
        var rows = data.Length / features;
        var mean = Mean(data, features);
        if (dims >= features)
        {
            var centred = new double[data.Length];
            for (var k = 0; k < data.Length; k++)
            {
                centred[k] = data[k] - mean[k % features];
            }
            return centred;
        }
        var (axes, _) = Axes(data, features, mean);
        var projected = new double[rows * dims];
        for (var row = 0; row < rows; row++)
        {
            for (var d = 0; d < dims; d++)
            {
                double sum = 0;
                for (var f = 0; f < features; f++)
                {
                    sum += (data[row * features + f] - mean[f]) * axes[d * features + f];
                }
                projected[row * dims + d] = sum;
            }
        }
        return projected;
    }

    /// <summary>The mean of each feature over the rows.</summary>
    internal static double[] Mean(ReadOnlySpan<double> data, int features)
    {
        var rows = data.Length / features;
        var mean = new double[features];
        for (var row = 0; row < rows; row++)
        {
            for (var f = 0; f < features; f++)
            {
                mean[f] += data[row * features + f];
            }
        }
        for (var f = 0; f < features; f++)
        {
            mean[f] /= Math.Max(rows, 1);
        }
        return mean;
    }

    /// <summary>The principal axes (row-major, one axis per row, largest variance first) and their variances.</summary>
    internal static (double[] Axes, double[] Variances) Axes(ReadOnlySpan<double> data, int features, double[] mean)
    {
        var rows = data.Length / features;
        var covariance = new double[features, features];
        for (var row = 0; row < rows; row++)
        {
            for (var a = 0; a < features; a++)
            {
                var da = data[row * features + a] - mean[a];
                for (var b = a; b < features; b++)
                {
                    covariance[a, b] += da * (data[row * features + b] - mean[b]);
                }
            }
        }
        for (var a = 0; a < features; a++)
        {
            for (var b = a; b < features; b++)
            {
                covariance[a, b] /= Math.Max(rows - 1, 1);
                covariance[b, a] = covariance[a, b];
            }
        }
        var vectors = JacobiEigenvectors(covariance);
        var order = Enumerable.Range(0, features).OrderByDescending(k => covariance[k, k]).ThenBy(k => k).ToArray();
        var axes = new double[features * features];
        var variances = new double[features];
        for (var rank = 0; rank < features; rank++)
        {
            var column = order[rank];
            variances[rank] = covariance[column, column];
            var largest = 0;
            for (var f = 1; f < features; f++)
            {
                if (Math.Abs(vectors[f, column]) > Math.Abs(vectors[largest, column]))
                {
                    largest = f;
                }
            }
            var sign = vectors[largest, column] < 0 ? -1 : 1;
            for (var f = 0; f < features; f++)
            {
                axes[rank * features + f] = sign * vectors[f, column];
            }
        }
        return (axes, variances);
    }

    /// <summary>Diagonalises <paramref name="matrix"/> in place (eigenvalues left on the diagonal); returns the eigenvectors as columns.</summary>
    private static double[,] JacobiEigenvectors(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var vectors = new double[n, n];
        for (var k = 0; k < n; k++)
        {
            vectors[k, k] = 1;
        }
        for (var sweep = 0; sweep < 100; sweep++)
        {
            double offDiagonal = 0, scale = 0;
            for (var p = 0; p < n; p++)
            {
                scale += Math.Abs(matrix[p, p]);
                for (var q = p + 1; q < n; q++)
                {
                    offDiagonal += Math.Abs(matrix[p, q]);
                }
            }
            if (offDiagonal <= 1e-15 * scale || offDiagonal == 0)
            {
                break;
            }
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    if (matrix[p, q] != 0)
                    {
                        Rotate(matrix, vectors, p, q);
                    }
                }
            }
        }
        return vectors;
    }

    /// <summary>One Jacobi rotation that zeroes matrix[p, q] (Golub and Van Loan's symmetric Schur decomposition).</summary>
    private static void Rotate(double[,] matrix, double[,] vectors, int p, int q)
    {
        var n = matrix.GetLength(0);
        var theta = (matrix[q, q] - matrix[p, p]) / (2 * matrix[p, q]);
        var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        var c = 1 / Math.Sqrt(t * t + 1);
        var s = t * c;
        for (var k = 0; k < n; k++)
        {
            var mkp = matrix[k, p];
            var mkq = matrix[k, q];
            matrix[k, p] = c * mkp - s * mkq;
            matrix[k, q] = s * mkp + c * mkq;
        }
        for (var k = 0; k < n; k++)
        {
            var mpk = matrix[p, k];
            var mqk = matrix[q, k];
            matrix[p, k] = c * mpk - s * mqk;
            matrix[q, k] = s * mpk + c * mqk;
        }
        for (var k = 0; k < n; k++)
        {
            var vkp = vectors[k, p];
            var vkq = vectors[k, q];
            vectors[k, p] = c * vkp - s * vkq;
            vectors[k, q] = s * vkp + c * vkq;
        }
    }
}
