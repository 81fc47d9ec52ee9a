using OpenGaussScale.Core.Operations;
using System.Globalization;
using System.Text;

namespace OpenGaussScale.Cli.Rendering;

/// <summary>
/// An expand run's result: a table per host, then the original's `Expansion results:` / `&lt;ip&gt;:\tSuccess|Failed`
/// lines (runbooks grep for them), or one JSON document with the same facts.
/// </summary>
internal static class ExpandView
{
    public static string ToText(ExpandResult result)
    {
        var text = new StringBuilder();
        if (result.Hosts.Count == 0)
        {
            return "";
        }

        var table = new TextTable("HOST", "NAME", "ROLE", "RESULT", "STATE", "TIME");
        foreach (var host in result.Hosts)
        {
            table.Add(host.Host, host.Name, host.Role, host.Success ? "success" : "failed", host.State, Seconds(host.Elapsed));
        }

        text.Append(table).Append('\n').Append("Expansion results:\n");
        foreach (var host in result.Hosts)
        {
            text.Append(CultureInfo.InvariantCulture, $"{host.Host}:\t{(host.Success ? "Success" : "Failed")}\n");
        }

        text.Append("Expansion Finish.\n");
        return text.ToString();
    }

    public static object ToJson(ExpandResult result) => new
    {
        exitCode = result.ExitCode,
        notices = result.Notices,
        preflight = result.Preflight is null ? null : PreflightView.ToJson(result.Preflight),
        hosts = result.Hosts.Select(h => new
        {
            host = h.Host,
            name = h.Name,
            role = h.Role,
            success = h.Success,
            state = h.State,
            seconds = Math.Round(h.Elapsed.TotalSeconds, 1),
            error = h.Error,
        }),
        steps = result.Execution?.Outcomes.Select(o => new
        {
            id = o.Step.Id,
            status = o.Status.ToString(),
            seconds = Math.Round(o.Elapsed.TotalSeconds, 1),
            error = o.Error,
        }),
        journal = result.Journal,
        error = result.Error,
        hint = result.Hint,
    };

    private static string Seconds(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.0} s");
}
