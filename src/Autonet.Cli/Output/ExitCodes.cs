namespace Autonet.Cli.Output;

/// <summary>What `autonet` exits with (the sysexits-free convention scripts expect; 130 = 128 + SIGINT, as shells report).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int Cancelled = 130;

    /// <summary>The section every --help ends with.</summary>
    public const string Help = """
        Exit codes:
          0    success
          1    failure (the command ran and something went wrong: one line says what; --verbose for the stack trace)
          2    usage error (unknown command or option, missing or bad value: the line names the flag, the value and the rule)
          130  cancelled (Ctrl-C); `chain up`, `gateway` and `node run` run until Ctrl-C and then exit 0

        Output: tables on a terminal, plain tab-separated lines when standard output is a pipe or a file;
        --json prints JSON instead (one object, or one object per line for `train` and `network run`) and sends
        everything else to standard error.
        """;
}
