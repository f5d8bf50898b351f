// Option checks that run while parsing, so a bad value is a usage error (exit 2) before anything starts, in one form:
// "--threads 0: must be at least 1", "--checkpoint '/x/m.safetensors': no such file". The libraries check the same
// inputs again with their own names (batch_size); these exist so the user reads the flag they typed.
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Autonet.Cli.Output;

/// <summary>Parse-time rules for options: ranges, files that must exist, folders to write into.</summary>
internal static class OptionRules
{
    public static Option<int> AtLeast(this Option<int> option, int min) => option.Check(v => v >= min, $"must be at least {min}");

    public static Option<int?> AtLeast(this Option<int?> option, int min) => option.Check(v => v is null || v >= min, $"must be at least {min}");

    public static Option<long?> AtLeast(this Option<long?> option, long min) => option.Check(v => v is null || v >= min, $"must be at least {min}");

    public static Option<int?> Between(this Option<int?> option, int min, int max) => option.Check(v => v is null || (v >= min && v <= max), $"must be {min}..{max}");

    public static Option<int> Between(this Option<int> option, int min, int max) => option.Check(v => v >= min && v <= max, $"must be {min}..{max}");

    public static Option<ulong> AtLeast(this Option<ulong> option, ulong min) => option.Check(v => v >= min, $"must be at least {min}");

    /// <summary>A finite value in the open interval (min, max).</summary>
    public static Option<float> Inside(this Option<float> option, float min, float max) =>
        option.Check(v => float.IsFinite(v) && v > min && v < max, string.Create(CultureInfo.InvariantCulture, $"must be a number in ({min}, {max})"));

    /// <summary>A finite value in the closed interval [min, max], or none.</summary>
    public static Option<float?> Within(this Option<float?> option, float min, float max) =>
        option.Check(v => v is null || (float.IsFinite(v.Value) && v >= min && v <= max), string.Create(CultureInfo.InvariantCulture, $"must be a number in [{min}, {max}]"));

    /// <summary>A finite value at least <paramref name="min"/>.</summary>
    public static Option<float> AtLeast(this Option<float> option, float min) =>
        option.Check(v => float.IsFinite(v) && v >= min, string.Create(CultureInfo.InvariantCulture, $"must be a finite number >= {min}"));

    public static Option<float?> AtLeast(this Option<float?> option, float min) =>
        option.Check(v => v is null || (float.IsFinite(v.Value) && v >= min), string.Create(CultureInfo.InvariantCulture, $"must be a finite number >= {min}"));

    /// <summary>A finite value above 0.</summary>
    public static Option<float?> Positive(this Option<float?> option) =>
        option.Check(v => v is null || (float.IsFinite(v.Value) && v > 0), "must be a finite number > 0");

    /// <summary>The file must exist.</summary>
    public static Option<FileInfo> ExistingFile(this Option<FileInfo> option)
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<FileInfo?>() is { } file && !file.Exists)
            {
                r.AddError(Directory.Exists(file.FullName) ? $"{option.Name} '{file.FullName}': a folder, not a file" : $"{option.Name} '{file.FullName}': no such file");
            }
        });
        return option;
    }

    /// <summary>The folder must exist.</summary>
    public static Option<string?> ExistingFolder(this Option<string?> option)
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } dir && !Directory.Exists(dir))
            {
                r.AddError(File.Exists(dir) ? $"{option.Name} '{dir}': a file, not a folder" : $"{option.Name} '{dir}': no such folder");
            }
        });
        return option;
    }

    /// <summary>A file to write: its folder must exist and the path must not be a folder.</summary>
    public static Option<FileInfo> WritableFile(this Option<FileInfo> option)
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<FileInfo?>() is not { } file)
            {
                return;
            }
            if (Directory.Exists(file.FullName))
            {
                r.AddError($"{option.Name} '{file.FullName}': a folder; name the file to write");
            }
            else if (file.Directory is { Exists: false } folder)
            {
                r.AddError($"{option.Name} '{file.FullName}': folder '{folder.FullName}' does not exist");
            }
        });
        return option;
    }

    private static Option<T> Check<T>(this Option<T> option, Func<T, bool> valid, string rule)
    {
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && r.GetValueOrDefault<T>() is var value && !valid(value))
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} {Text(r)}: {rule}"));
            }
        });
        return option;
    }

    private static string Text(OptionResult r) => string.Join(' ', r.Tokens.Select(t => t.Value));
}
