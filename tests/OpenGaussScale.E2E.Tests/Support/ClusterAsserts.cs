using OpenGaussScale.Core.Errors;
using System.Globalization;

namespace OpenGaussScale.E2E.Tests.Support;

/// <summary>What the fault tests check on a PostgreSQL playground after each fault.</summary>
public static class ClusterAsserts
{
    /// <summary>What a rollback must restore on the primary: its rules, its settings, its slots, its replication roles.</summary>
    public static async Task<string> PrimarySnapshotAsync(PlaygroundFixture playground)
    {
        ArgumentNullException.ThrowIfNull(playground);
        return await playground.SshOkAsync("omm@ognode1", "sh", "-c", "cat /opt/ogscale/data/dn/pg_hba.conf /opt/ogscale/data/dn/postgresql.auto.conf") +
            (await playground.PlaygroundAsync("sql", "1", "select slot_name from pg_replication_slots order by 1")).Stdout +
            (await playground.PlaygroundAsync("sql", "1", "select 'role ' || rolname from pg_roles where rolname like 'ogscale\\_repl\\_%' order by 1")).Stdout;
    }

    /// <summary>A row written on the primary shows on ognodeN within 30 s.</summary>
    public static async Task AssertReplicatesAsync(PlaygroundFixture playground, int node, string when)
    {
        ArgumentNullException.ThrowIfNull(playground);
        var note = $"'fault-injection: {when.Replace("'", "''", StringComparison.Ordinal)}'";
        var insert = await playground.PlaygroundAsync("sql", "1", $"create table if not exists faults(note text); insert into faults values ({note})");
        Assert.True(insert.ExitCode == 0, insert.ToString());
        var seen = await Eventually.UntilAsync(
            () => playground.PlaygroundAsync("sql", node.ToString(CultureInfo.InvariantCulture), $"select count(*) from faults where note = {note}"),
            r => r.ExitCode == 0 && r.Stdout.Trim() == "1", TimeSpan.FromSeconds(30));
        Assert.True(seen.ExitCode == 0 && seen.Stdout.Trim() == "1", $"ognode{node} did not replicate the row {when}: {seen}");
    }

    /// <summary>A failed expansion: exit 4 or 5, an error naming the host, and nothing of the host left on the primary.</summary>
    public static void AssertFailedCleanly(ProcessResult run, string host)
    {
        ArgumentNullException.ThrowIfNull(run);
        Assert.True(run.ExitCode is ExitCodes.FailedWithChanges or ExitCodes.PartlyDone, run.ToString());
        Assert.Contains(host, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain($"{host}:\tSuccess", run.Stdout, StringComparison.Ordinal);
    }
}
