namespace Autonet.Cli.Output;

/// <summary>A bad flag value found after parsing (a missing folder, options that contradict a checkpoint); exits 2.</summary>
/// <param name="message">Names the flag, the value and the rule, e.g. "--text-dir '/x': no such folder".</param>
internal sealed class UsageException(string message) : Exception(message);
