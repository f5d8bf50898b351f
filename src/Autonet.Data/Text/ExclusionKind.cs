namespace Autonet.Data.Text;

/// <summary>What an exclusion pattern matches.</summary>
public enum ExclusionKind
{
    /// <summary>"glob:": whole files, by path (never opened).</summary>
    Glob,

    /// <summary>"regex:": single records, by content.</summary>
    Regex,

    /// <summary>"window:": screen frames, while a window with a matching title is viewable.</summary>
    Window,
}
