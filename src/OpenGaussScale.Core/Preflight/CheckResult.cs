namespace OpenGaussScale.Core.Preflight;

public enum CheckSeverity
{
    /// <summary>Passed.</summary>
    Info,

    /// <summary>Failed where a failure is tolerated (an existing standby): reported, does not stop.</summary>
    Warning,

    /// <summary>Failed: stops before any change.</summary>
    Error,
}

/// <summary>The result of one named check on one host.</summary>
/// <param name="Check">The check's name (ssh, trust, os, user-group, ...).</param>
/// <param name="Host">The node's backIp (or "local" for checks of this machine).</param>
public sealed record CheckResult(string Check, string Host, bool Ok, CheckSeverity Severity, string Message, string? Hint = null)
{
    public static CheckResult Pass(string check, string host, string message) => new(check, host, true, CheckSeverity.Info, message);

    public static CheckResult Fail(string check, string host, bool tolerated, string message, string? hint = null) =>
        new(check, host, false, tolerated ? CheckSeverity.Warning : CheckSeverity.Error, message, hint);
}

/// <summary>Every check's results, in a stable order (check order, then XML order).</summary>
public sealed record PreflightReport(IReadOnlyList<CheckResult> Results)
{
    public IEnumerable<CheckResult> Errors => Results.Where(r => r.Severity == CheckSeverity.Error);

    public IEnumerable<CheckResult> Warnings => Results.Where(r => r.Severity == CheckSeverity.Warning);

    public bool Passed => !Errors.Any();
}
