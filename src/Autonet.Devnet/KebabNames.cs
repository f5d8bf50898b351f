// The text form of the devnet's closed sets (roles, attacks, faults, phases, modality) wherever a person reads or
// types one: the same names System.Text.Json writes with JsonNamingPolicy.KebabCaseLower (or a member's
// JsonStringEnumMemberName), so a CLI flag, devnet.json, report.json and the live table agree.
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Autonet.Devnet;

/// <summary>Formats, parses and lists enum members by their kebab-case names ("signflip", "unreachable-gateway").</summary>
public static class KebabNames
{
    /// <summary>The member's name as JSON writes it.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var member = typeof(T).GetField(name, BindingFlags.Public | BindingFlags.Static);
        return member?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.KebabCaseLower.ConvertName(name);
    }

    /// <summary>The member named <paramref name="text"/> (any case).</summary>
    /// <exception cref="ArgumentException">No member has that name; the message starts with <paramref name="what"/> and lists the names.</exception>
    public static T Parse<T>(string text, string what)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(Of(value), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        throw new ArgumentException($"{what} {text}: {Choices<T>()}");
    }

    /// <summary>The names to choose from: "image or text", "one of signflip, noise, scale, nan, shape".</summary>
    public static string Choices<T>()
        where T : struct, Enum
    {
        var names = Enum.GetValues<T>().Select(v => Of(v)).ToList();
        return names.Count == 2 ? $"{names[0]} or {names[1]}" : $"one of {string.Join(", ", names)}";
    }
}
