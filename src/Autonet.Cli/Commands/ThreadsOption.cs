using System.CommandLine;
using Autonet.Cli.Output;
using Autonet.Tensors;
using Autonet.Tensors.Blas;

namespace Autonet.Cli.Commands;

/// <summary>
/// `--threads N` of the commands that run a model forward whose bytes are signed or compared (serve, embed, market
/// dispute): the threads of the row-parallel ops and of the GEMM blocks. The bytes do not depend on it (Gemm's fixed
/// blocks), only the speed does.
/// </summary>
internal static class ThreadsOption
{
    public static Option<int> Create() => new("--threads") { Description = "Threads of the model's forward (the output's bytes are the same at any count)", DefaultValueFactory = _ => Environment.ProcessorCount };

    /// <exception cref="UsageException">The count is below 1.</exception>
    public static void Apply(ParseResult result, Option<int> option)
    {
        var threads = result.GetValue(option);
        if (threads < 1)
        {
            throw new UsageException($"--threads {threads}: must be 1 or more");
        }
        Parallelism.Degree = threads;
        Gemm.NativeThreads = threads;
    }
}
