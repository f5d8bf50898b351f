namespace Autonet.Cli.Output;

/// <summary>Reads a passphrase from the terminal without echoing it; null when standard input is not a terminal.</summary>
internal static class PassphrasePrompt
{
    public static string? Read(string question)
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }
        Console.Error.Write(question);
        var typed = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
        Console.Error.WriteLine();
        return typed.ToString();
    }
}
