using OpenGaussScale.Core.Preflight;

namespace OpenGaussScale.Cli.Rendering;

/// <summary>Preflight results as a table (text) or as `{check, host, ok, severity, message, hint}` objects (json).</summary>
internal static class PreflightView
{
    public static string ToText(PreflightReport report)
    {
        var table = new TextTable("CHECK", "HOST", "RESULT", "MESSAGE");
        foreach (var result in report.Results)
        {
            table.Add(result.Check, result.Host, Verdict(result), result.Message);
        }

        var errors = report.Errors.Count();
        var warnings = report.Warnings.Count();
        return table + $"{report.Results.Count} checks: {errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}\n";
    }

    /// <summary>The failures again, each as `error:`/`warning:` with its `hint:`, for stderr.</summary>
    public static IEnumerable<string> Problems(PreflightReport report) =>
        report.Results.Where(r => !r.Ok).SelectMany(r =>
        {
            var lines = new List<string> { $"{(r.Severity == CheckSeverity.Error ? "error" : "warning")}: {r.Host}: {r.Check}: {r.Message}" };
            if (r.Hint is not null)
            {
                lines.Add($"hint: {r.Hint}");
            }

            return lines;
        });

    public static IEnumerable<object> ToJson(PreflightReport report) =>
        report.Results.Select(r => new
        {
            check = r.Check,
            host = r.Host,
            ok = r.Ok,
            severity = r.Severity.ToString().ToLowerInvariant(),
            message = r.Message,
            hint = r.Hint,
        });

    private static string Verdict(CheckResult result) => result.Severity switch
    {
        CheckSeverity.Error => "ERROR",
        CheckSeverity.Warning => "WARNING",
        _ => "ok",
    };
}
