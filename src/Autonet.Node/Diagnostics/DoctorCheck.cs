namespace Autonet.Node.Diagnostics;

/// <summary>One line of the doctor's report: what was checked, whether it passed, what was seen, and how to fix a failure.</summary>
public sealed record DoctorCheck(string Name, bool Passed, string Detail, string? Fix = null)
{
    public static DoctorCheck Pass(string name, string detail) => new(name, true, detail);

    public static DoctorCheck Fail(string name, string detail, string fix) => new(name, false, detail, fix);
}
