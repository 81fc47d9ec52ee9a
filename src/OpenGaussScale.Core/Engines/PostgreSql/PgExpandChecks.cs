using System.Globalization;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Preflight;

namespace OpenGaussScale.Core.Engines.PostgreSql;

/// <summary>
/// PostgreSQL's own expand checks, over the probed state: no --hba-method, wal_level replica or logical, enough free
/// WAL senders and slots on each upstream, and for -L a running standalone database of the primary's major version.
/// </summary>
internal static class PgExpandChecks
{
    public static IReadOnlyList<CheckResult> Run(ExpandRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        var results = ExpansionChecks.Run(request, state).ToList();
        if (request.HbaMethod is { } method)
        {
            results.Add(CheckResult.Fail("hba-method", request.Config.Primary.BackIp, false,
                $"--hba-method {method} is for the openGauss engine; a PostgreSQL standby always streams as its own replication role with scram-sha-256",
                "run without --hba-method"));
        }

        var primary = state.Primary;
        if (primary.Running)
        {
            var walLevel = primary.Settings.GetValueOrDefault("wal_level");
            results.Add(walLevel is "replica" or "logical"
                ? CheckResult.Pass("wal-level", primary.Node.BackIp, $"wal_level is {walLevel}")
                : CheckResult.Fail("wal-level", primary.Node.BackIp, false, $"wal_level is {walLevel} on the primary; standbys need replica or logical",
                    "set wal_level = replica on the primary and restart it (this cannot change online)"));
            results.AddRange(Capacity(request, state));
        }

        if (request.LocalMode)
        {
            results.AddRange(request.NewNodes.Select(n => LocalModeDatabase(state[n.BackIp], primary)));
        }

        return results;
    }

    private static IEnumerable<CheckResult> Capacity(ExpandRequest request, ClusterState state)
    {
        var byUpstream = ExpansionTopology.BuildOrder(request)
            .GroupBy(n => ExpansionTopology.UpstreamFor(n, request, state)?.BackIp)
            .Where(g => g.Key is not null);
        foreach (var group in byUpstream)
        {
            var upstream = state[group.Key!];
            var settings = upstream.Running ? upstream.Settings : state.Primary.Settings;
            var needed = group.Count();
            var senders = Free(settings, "max_wal_senders", "senders");
            var slots = Free(settings, "max_replication_slots", "slots");
            if (senders >= needed && slots >= needed)
            {
                yield return CheckResult.Pass("capacity", upstream.Node.BackIp, $"{upstream.Node.Name}: {senders} free WAL senders and {slots} free slots for {needed} new standbys");
                continue;
            }

            yield return CheckResult.Fail(
                "capacity", upstream.Node.BackIp, false,
                $"{upstream.Node.Name}: {needed} new standbys need {needed} free WAL senders and slots; {senders} senders and {slots} slots are free",
                "raise max_wal_senders and max_replication_slots on it (a restart is needed), or add fewer hosts");
        }
    }

    private static int Free(IReadOnlyDictionary<string, string> settings, string max, string used)
    {
        static int Number(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return Number(settings.GetValueOrDefault(max)) - Number(settings.GetValueOrDefault(used));
    }

    private static CheckResult LocalModeDatabase(NodeStatus node, NodeStatus primary)
    {
        static string Major(string? versionNum) => versionNum is { Length: >= 2 } ? versionNum[..^4] : "?";
        if (!node.Running)
        {
            return CheckResult.Fail("local-mode", node.Node.BackIp, false, $"{node.Node.Name}: -L needs its standalone database running in {node.Node.DataDir}",
                "start it, or run without -L on an empty data directory");
        }

        return Major(node.Version) == Major(primary.Version)
            ? CheckResult.Pass("local-mode", node.Node.BackIp, $"{node.Node.Name}: runs PostgreSQL {Major(node.Version)} like the primary; it will be moved aside to {node.Node.DataDir}.before-ogscale")
            : CheckResult.Fail("local-mode", node.Node.BackIp, false,
                $"{node.Node.Name}: runs PostgreSQL {Major(node.Version)}, the primary runs {Major(primary.Version)}",
                "install the primary's major version on it");
    }
}
