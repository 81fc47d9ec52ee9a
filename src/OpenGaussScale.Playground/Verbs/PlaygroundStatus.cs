using OpenGaussScale.Playground.Hosts;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenGaussScale.Playground.Verbs;

/// <summary>One host in `playground status`.</summary>
public sealed record HostStatus(string Host, string Address, int SshPort, string Sshd, int? SshdPid, string Database, int? DatabasePid, string Role);

/// <summary>`playground status`.</summary>
public sealed record PlaygroundStatusReport(string Dir, string Engine, string Phase, IReadOnlyList<HostStatus> Hosts);

/// <summary>`playground status`: each host's sshd, database and role, as a table or JSON.</summary>
public static class PlaygroundStatus
{
    public static async Task<PlaygroundStatusReport> ProbeAsync(string dir, PlaygroundLog log, CancellationToken cancellationToken)
    {
        var context = PlaygroundContext.Load(dir, log);
        var engine = context.TryEngine();
        var hosts = await Task.WhenAll(context.State.Hosts.Select(async h =>
        {
            var sshdPid = h.SshdPid is int p && SshdControl.IsOurs(context.Layout, h.Number, p) ? p : (int?)null;
            var (state, dbPid) = DatabaseProbe.Probe(context, h.Number);
            var role = "-";
            if (state == DatabaseState.Running && engine is not null)
            {
                role = await engine.RoleAsync(context, context.Host(h.Number), cancellationToken).ConfigureAwait(false);
            }

            return new HostStatus(h.Name, h.Address, h.SshPort, sshdPid is null ? "stopped" : "running", sshdPid, DatabaseProbe.Describe(state), dbPid, role);
        })).ConfigureAwait(false);
        return new PlaygroundStatusReport(context.Layout.Dir, context.State.Engine, context.State.Phase, hosts);
    }

    public static string RenderText(PlaygroundStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Hosts.Select(h => new[]
        {
            h.Host, h.Address, h.SshPort.ToString(CultureInfo.InvariantCulture), WithPid(h.Sshd, h.SshdPid), WithPid(h.Database, h.DatabasePid), h.Role,
        }).Prepend(["HOST", "ADDRESS", "SSH", "SSHD", "DATABASE", "ROLE"]).ToList();
        var widths = Enumerable.Range(0, 6).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"playground {report.Dir}: engine {report.Engine}, {report.Phase}");
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }

        return text.ToString();
    }

    public static string RenderJson(PlaygroundStatusReport report) =>
        JsonSerializer.Serialize(report, StatusJsonContext.Default.PlaygroundStatusReport) + "\n";

    private static string WithPid(string state, int? pid) => pid is int p ? string.Create(CultureInfo.InvariantCulture, $"{state} ({p})") : state;
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PlaygroundStatusReport))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
